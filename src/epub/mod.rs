//! `prepbook epub`: the whole handbook as an EPUB 3 e-book (epub-builder), from the same
//! model as the print view: a title page, a chapter per principle with its questions, sample
//! answers and tips, the general tips, then the free pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, ZipLibrary,
};

use crate::artifact::escape_html as esc;
use crate::artifact::{Contents, OutputFile};
use crate::error::Error;
use crate::model::Handbook;
use crate::print::{print_view, PrintTip};
use crate::strings::Strings;

/// The file name of the e-book inside the output folder.
pub const FILE: &str = "handbook.epub";

const STYLE: &str = "body { font-family: serif; line-height: 1.5; }\n\
h1, h2, h3, h4 { font-family: sans-serif; line-height: 1.25; }\n\
.lead { font-style: italic; }\n\
.meta, .step-label { font-family: sans-serif; font-size: 0.85em; color: #555; }\n\
.step-label { text-transform: uppercase; letter-spacing: 0.05em; margin-bottom: 0; }\n\
.answer { border-left: 3px solid #999; padding-left: 0.8em; margin: 1em 0; }\n";

/// One chapter: file name, title, XHTML body.
struct Chapter {
    file: String,
    title: String,
    body: String,
}

fn document(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{l}\" xml:lang=\"{l}\">\n\
         <head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n\
         <body>\n{body}\n</body>\n</html>\n",
        l = esc(lang),
        t = esc(title)
    )
}

fn list(items: &[String]) -> String {
    let mut out = String::from("<ul>");
    for i in items {
        out.push_str(&format!("<li>{}</li>", esc(i)));
    }
    out.push_str("</ul>\n");
    out
}

fn tip_html(t: &PrintTip) -> String {
    format!(
        "<section id=\"{}\"><h3>{}</h3>\n{}</section>\n",
        esc(&t.anchor),
        esc(&t.title),
        t.html
    )
}

fn chapters(book: &Handbook, s: &Strings) -> Vec<Chapter> {
    let view = print_view(book);
    let config = &book.config;
    let mut out = Vec::new();
    let mut title_page = format!(
        "<section epub:type=\"titlepage\" id=\"x-index\">\n<h1>{}</h1>\n",
        esc(&config.title)
    );
    if !config.description.is_empty() {
        title_page.push_str(&format!(
            "<p class=\"lead\">{}</p>\n",
            esc(&config.description)
        ));
    }
    if !config.authors.is_empty() {
        title_page.push_str(&format!("<p>{}</p>\n", esc(&config.authors.join(", "))));
    }
    title_page.push_str("</section>");
    out.push(Chapter {
        file: "title.xhtml".into(),
        title: config.title.clone(),
        body: title_page,
    });
    for (n, p) in view.principles.iter().enumerate() {
        let mut b = format!(
            "<section epub:type=\"chapter\" id=\"{a}\">\n<p class=\"meta\">{o}</p>\n<h1>{t}</h1>\n<p class=\"lead\">{summary}</p>\n<div id=\"{a}--explanation\">{h}</div>\n",
            a = esc(&p.anchor),
            o = esc(&s
                .text("principle_eyebrow", None, &[("order", p.order.to_string())])
                .unwrap_or_default()),
            t = esc(&p.title),
            summary = esc(&p.summary),
            h = p.html
        );
        if !p.signals.is_empty() {
            b.push_str(&format!(
                "<h2 id=\"{}--signals\">{}</h2>\n{}",
                esc(&p.anchor),
                esc(&s.get("principle_signals")),
                list(&p.signals)
            ));
        }
        if !p.pitfalls.is_empty() {
            b.push_str(&format!(
                "<h2 id=\"{}--pitfalls\">{}</h2>\n{}",
                esc(&p.anchor),
                esc(&s.get("principle_pitfalls")),
                list(&p.pitfalls)
            ));
        }
        if !p.questions.is_empty() {
            b.push_str(&format!(
                "<h2 id=\"{}--questions\">{}</h2>\n",
                esc(&p.anchor),
                esc(&s.get("nav_questions"))
            ));
            for q in &p.questions {
                b.push_str(&format!(
                    "<section id=\"{}\">\n<h3>{}</h3>\n",
                    esc(&q.anchor),
                    esc(&q.text)
                ));
                let mut meta = q.principles.join(" · ");
                if let Some(s) = &q.stage {
                    meta.push_str(&format!(" · {s}"));
                }
                if let Some(r) = &q.role {
                    meta.push_str(&format!(" · {}", r.to_uppercase()));
                }
                b.push_str(&format!("<p class=\"meta\">{}</p>\n{}", esc(&meta), q.html));
                if !q.follow_ups.is_empty() {
                    b.push_str(&format!(
                        "<p class=\"meta\">{}</p>\n{}",
                        esc(&s.get("question_follow_ups")),
                        list(&q.follow_ups)
                    ));
                }
                for a in &q.answers {
                    let persona = a
                        .persona
                        .as_ref()
                        .map(|p| format!(": {}", esc(p)))
                        .unwrap_or_default();
                    b.push_str(&format!(
                        "<div class=\"answer\" id=\"{}\">\n<h4>{} ({}){persona}</h4>\n",
                        esc(&a.anchor),
                        esc(&s.get("sample_answer")),
                        esc(&a.framework)
                    ));
                    for (step, html) in &a.sections {
                        b.push_str(&format!(
                            "<p class=\"step-label\">{}</p>\n{html}",
                            esc(step)
                        ));
                    }
                    b.push_str("</div>\n");
                }
                b.push_str("</section>\n");
            }
        }
        // A question filed under several principles is in full under its first one, and
        // listed under each of the others.
        if !p.also.is_empty() {
            b.push_str(&format!(
                "<h3 id=\"{}--secondary\">{}</h3>\n<ul>\n",
                esc(&p.anchor),
                esc(&s.get("principle_secondary"))
            ));
            for q in &p.also {
                b.push_str(&format!(
                    "<li><a href=\"#{}\">{}</a></li>\n",
                    esc(&q.anchor),
                    esc(&q.text)
                ));
            }
            b.push_str("</ul>\n");
        }
        if !p.tips.is_empty() {
            b.push_str(&format!(
                "<h2 id=\"{}--tips\">{}</h2>\n",
                esc(&p.anchor),
                esc(&s.get("nav_tips"))
            ));
            for t in &p.tips {
                b.push_str(&tip_html(t));
            }
        }
        b.push_str("</section>");
        out.push(Chapter {
            file: format!("principle-{:02}.xhtml", n + 1),
            title: p.title.clone(),
            body: b,
        });
    }
    if !view.general_tips.is_empty() {
        let title = s.get("tips_every_interview");
        let mut b = format!(
            "<section epub:type=\"chapter\" id=\"x-tips\">\n<h1>{}</h1>\n",
            esc(&title)
        );
        for t in &view.general_tips {
            b.push_str(&tip_html(t));
        }
        b.push_str("</section>");
        out.push(Chapter {
            file: "tips.xhtml".into(),
            title,
            body: b,
        });
    }
    for (n, g) in view.pages.iter().enumerate() {
        let summary = g
            .summary
            .as_ref()
            .map(|s| format!("<p class=\"lead\">{}</p>\n", esc(s)))
            .unwrap_or_default();
        out.push(Chapter {
            file: format!("page-{:02}.xhtml", n + 1),
            title: g.title.clone(),
            body: format!(
                "<section epub:type=\"chapter\" id=\"{}\">\n<h1>{}</h1>\n{summary}{}</section>",
                esc(&g.anchor),
                g.title_html,
                g.html
            ),
        });
    }
    link_across_chapters(&mut out);
    out
}

/// Points `#id` links at the chapter file that holds the id (the title page if none does).
fn link_across_chapters(chapters: &mut [Chapter]) {
    let mut home: HashMap<String, String> = HashMap::new();
    for c in chapters.iter() {
        for part in c.body.split(" id=\"").skip(1) {
            if let Some(end) = part.find('"') {
                home.insert(part[..end].to_string(), c.file.clone());
            }
        }
    }
    for c in chapters.iter_mut() {
        let mut out = String::with_capacity(c.body.len());
        let mut rest = c.body.as_str();
        while let Some(i) = rest.find("href=\"#") {
            out.push_str(&rest[..i]);
            rest = &rest[i + "href=\"#".len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            let id = &rest[..end];
            match home.get(id) {
                Some(file) if *file == c.file => out.push_str(&format!("href=\"#{id}")),
                Some(file) => out.push_str(&format!("href=\"{file}#{id}")),
                None => out.push_str("href=\"title.xhtml"),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        c.body = out;
    }
}

mod reproducible;

/// Builds the e-book of `book` in memory; `modified` is its modification date.
pub fn build(
    book: &Handbook,
    strings: &Strings,
    modified: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, Error> {
    let fail = |e: epub_builder::Error| Error::Usage {
        message: format!("cannot build the EPUB: {e}"),
        help: "this is a bug in prepbook: report it with the handbook that caused it".into(),
    };
    let config = &book.config;
    let mut epub = EpubBuilder::new(ZipLibrary::new().map_err(fail)?).map_err(fail)?;
    epub.set_uuid(reproducible::identifier(config));
    epub.set_modified_date(modified);
    epub.epub_version(EpubVersion::V30);
    epub.set_title(config.title.clone());
    epub.add_language(config.language.clone());
    epub.set_generator(concat!("prepbook ", env!("CARGO_PKG_VERSION")));
    // epub-builder 0.8 gives the first language and the first author the same id, which
    // epubcheck rejects; authors go in as dcterms:creator metadata instead.
    for a in &config.authors {
        epub.add_metadata_opf(Box::new(MetadataOpfV3::new(
            "dcterms:creator".into(),
            a.clone(),
        )));
    }
    if !config.description.is_empty() {
        epub.add_description(config.description.clone());
    }
    epub.set_toc_name(strings.get("nav_contents"));
    epub.stylesheet(STYLE.as_bytes()).map_err(fail)?;
    for asset in &book.assets {
        let mime = mime_guess::from_path(&asset.path)
            .first_or_octet_stream()
            .to_string();
        let bytes =
            std::fs::read(&asset.source).map_err(|e| Error::io("cannot read", &asset.source, e))?;
        epub.add_resource(&asset.path, bytes.as_slice(), mime)
            .map_err(fail)?;
    }
    for (n, c) in chapters(book, strings).into_iter().enumerate() {
        let xhtml = document(&config.language, &c.title, &c.body);
        let kind = if n == 0 {
            ReferenceType::TitlePage
        } else {
            ReferenceType::Text
        };
        epub.add_content(
            EpubContent::new(c.file, xhtml.as_bytes())
                .title(c.title)
                .reftype(kind),
        )
        .map_err(fail)?;
        if n == 0 {
            epub.inline_toc();
        }
    }
    let mut out = Vec::new();
    epub.generate(&mut out).map_err(fail)?;
    reproducible::without_times(&out).map_err(|e| Error::Usage {
        message: format!("cannot build the EPUB: {e}"),
        help: "this is a bug in prepbook: report it with the handbook that caused it".into(),
    })
}

/// What `prepbook epub` wrote.
#[derive(Debug)]
pub struct EpubReport {
    pub file: PathBuf,
    pub bytes: u64,
    pub elapsed: Duration,
    pub warnings: crate::Diagnostics,
}

/// Builds the handbook at `root` as an e-book in `output` (default `epub/` in the handbook).
pub fn epub(root: &Path, output: Option<PathBuf>, force: bool) -> Result<EpubReport, Error> {
    let options = crate::driver::Options {
        output,
        force,
        site_url: None,
    };
    let report = crate::driver::run(root, &mut Epub, &options)?;
    Ok(EpubReport {
        file: report.output.join(FILE),
        bytes: report.bytes,
        elapsed: report.elapsed,
        warnings: report.warnings,
    })
}

/// The EPUB format: one file.
struct Epub;

impl crate::driver::Renderer for Epub {
    fn default_output(&self, root: &Path, _config: &crate::Config) -> PathBuf {
        root.join("epub")
    }

    fn also_protect(&self, root: &Path, config: &crate::Config) -> Vec<PathBuf> {
        vec![root.join(&config.output_dir)]
    }

    fn render(
        &mut self,
        loaded: &crate::Loaded,
        put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        put(vec![OutputFile {
            path: FILE.into(),
            contents: Contents::Owned(build(
                &loaded.handbook,
                &loaded.strings,
                crate::source_date::modified(
                    &loaded.root,
                    &loaded.root.join(&loaded.handbook.config.content_dir),
                ),
            )?),
            origin: "the EPUB writer",
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_chapter_that_holds_their_target() {
        let mut c = vec![
            Chapter {
                file: "a.xhtml".into(),
                title: "A".into(),
                body: "<h2 id=\"x-a--one\">1</h2><a href=\"#x-a--one\">self</a><a href=\"#x-b\">b</a><a href=\"#x-gone\">gone</a>".into(),
            },
            Chapter {
                file: "b.xhtml".into(),
                title: "B".into(),
                body: "<section id=\"x-b\"></section>".into(),
            },
        ];
        link_across_chapters(&mut c);
        assert!(c[0].body.contains("href=\"#x-a--one\""));
        assert!(c[0].body.contains("href=\"b.xhtml#x-b\""));
        assert!(c[0].body.contains("href=\"title.xhtml\""));
    }

    #[test]
    fn documents_are_xhtml() {
        let d = document("en", "A & B", "<p>x</p>");
        assert!(d.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(d.contains("<title>A &amp; B</title>"));
        assert!(d.contains("xmlns=\"http://www.w3.org/1999/xhtml\""));
    }
}
