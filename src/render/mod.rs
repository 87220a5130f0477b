//! Rendering the handbook into memory: one [`OutputFile`] per page and asset, no I/O.

mod cycles;
mod pages;
pub mod theme;
pub mod views;

use rayon::prelude::*;
use tera::Context;

pub use crate::artifact::{Contents, OutputFile};
use crate::content::markdown::{at_root, TocEntry};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::{paths, Handbook};
use pages::Pages;
use theme::{StaticSource, Theme};
use views::*;

/// A page to render: its path, template and view.
pub(crate) struct Job {
    pub(crate) path: String,
    pub(crate) template: &'static str,
    pub(crate) title: String,
    /// The page's own variables (`page`), serialized once.
    pub(crate) view: Context,
    /// A one-line description for search engines and link previews.
    pub(crate) description: Option<String>,
}

/// How many question pages are rendered before they are handed on: enough to keep both cores
/// busy, few enough that a large handbook's pages never sit in memory all at once.
const BATCH: usize = 512;

/// Renders every page of `book` with `theme`, handing them to `put` batch by batch. Once a page
/// fails, nothing more is handed on, but every page is still rendered so that every problem is
/// reported.
pub fn render(
    book: &Handbook,
    theme: &Theme,
    strings: &crate::strings::Strings,
    put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut base = Context::new();
    base.insert("book", &book_view(&book.config));
    base.insert(
        "nav",
        &NavView {
            principles: Link::all(&book.principles, |p| (&p.title, paths::principle(&p.id))),
            pages: Link::all(&book.pages, |p| (&p.title, paths::page(&p.id))),
        },
    );
    base.insert("generator", concat!("prepbook ", env!("CARGO_PKG_VERSION")));
    base.insert("search", &book.config.search.enabled);
    base.insert("print", &book.config.print.enabled);
    base.insert("practice", &book.config.practice.enable);
    base.insert("has_stories", &!book.stories.is_empty());
    base.insert("has_tags", &!book.tags.is_empty());
    base.insert("site_url", &book.config.site_url);
    base.insert("offline", &book.config.offline);

    let pages = Pages { book, strings };
    // Small pages first, then every question page, each built and rendered in parallel.
    let mut jobs: Vec<Job> = vec![
        pages.home(),
        pages.questions_index(),
        pages.tips(),
        Job {
            path: paths::NOT_FOUND.into(),
            template: "404.html",
            title: strings.get("notfound_title"),
            view: Context::new(),
            description: None,
        },
    ];
    if book.config.search.enabled {
        jobs.push(pages.search());
    }
    jobs.push(pages.stories());
    jobs.push(pages.coverage());
    // Tags are optional: without any, neither the overview nor a tag folder is written.
    if !book.tags.is_empty() {
        jobs.push(pages.tags());
        jobs.extend((0..book.tags.len()).map(|i| pages.tag(i)));
    }
    jobs.extend((0..book.stories.len()).map(|i| pages.story(i)));
    if book.config.practice.enable {
        jobs.push(pages.practice());
    }
    jobs.extend((0..book.principles.len()).map(|i| pages.principle(i)));
    jobs.extend(book.pages.iter().map(|p| {
        let path = paths::page(&p.id);
        let root = paths::root_of(&path);
        Job {
            title: p.title.clone(),
            template: "page.html",
            view: page_context(&PageView {
                id: p.id.clone(),
                title: p.title.clone(),
                summary: p.summary.clone(),
                summary_html: p.summary_html.clone(),
                html: at_root(&p.body.html, &root),
                toc: top_level(&p.body.toc),
            }),
            path,
            description: p.summary.clone(),
        }
    }));

    let render_job = |job: Job| -> Result<OutputFile, Diagnostic> {
        let mut view = job.view;
        view.insert("path", &job.path);
        view.insert("page_title", &job.title);
        let description = job
            .description
            .as_deref()
            .unwrap_or(&book.config.description);
        view.insert("page_description", description);
        theme.render_page(&base, job.path, job.template, view, tidy)
    };

    let mut failed: Vec<Result<OutputFile, Diagnostic>> = Vec::new();
    let mut hand_on = |results: Vec<Result<OutputFile, Diagnostic>>| -> Result<(), Error> {
        if failed.is_empty() && results.iter().all(Result::is_ok) {
            put(results.into_iter().flatten().collect())
        } else {
            failed.extend(results.into_iter().filter(Result::is_err));
            Ok(())
        }
    };
    hand_on(jobs.into_par_iter().map(render_job).collect())?;
    for start in (0..book.questions.len()).step_by(BATCH) {
        let end = (start + BATCH).min(book.questions.len());
        hand_on(
            (start..end)
                .into_par_iter()
                .map(|i| render_job(pages.question(i)))
                .collect(),
        )?;
    }
    if !failed.is_empty() {
        return Err(Error::Invalid(
            theme::keep_pages(failed).err().unwrap_or_default().into(),
        ));
    }
    let mut files = Vec::with_capacity(theme.statics.len() + book.assets.len() + 1);
    files.push(OutputFile {
        path: crate::strings::SCRIPT_FILE.into(),
        contents: Contents::Owned(strings.script().into_bytes()),
        origin: "the scripts' texts",
    });
    for (path, src) in &theme.statics {
        files.push(OutputFile {
            path: format!("{}/{path}", paths::ASSETS_DIR),
            contents: match src {
                StaticSource::Embedded(b) => Contents::Embedded(b),
                StaticSource::File(p) => Contents::Copy(p.clone()),
            },
            origin: "the theme's static files",
        });
    }
    for a in &book.assets {
        files.push(OutputFile {
            path: a.path.clone(),
            contents: Contents::Copy(a.source.clone()),
            origin: "the content's files",
        });
    }
    put(files)
}

/// Drops the indentation and blank lines that templates leave, except inside `<pre>` and
/// `<textarea>`, whose white space is content. Saves about a tenth of every page.
pub fn tidy(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut verbatim = false;
    for line in html.lines() {
        if verbatim {
            out.push_str(line);
            out.push('\n');
        } else {
            let trimmed = line.trim_start();
            if !trimmed.is_empty() {
                out.push_str(trimmed);
                out.push('\n');
            }
        }
        // A line may open and close a block; what counts is where it leaves us.
        for (i, _) in line.match_indices('<') {
            let rest = &line[i..];
            if rest.starts_with("<pre") || rest.starts_with("<textarea") {
                verbatim = true;
            } else if rest.starts_with("</pre>") || rest.starts_with("</textarea>") {
                verbatim = false;
            }
        }
    }
    out.shrink_to_fit();
    out
}

/// `text` with a capital first letter and a full stop, as a sentence on a page.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// The handbook's settings as templates see them (`book`).
pub fn book_view(config: &crate::config::Config) -> BookView {
    BookView {
        title: config.title.clone(),
        description: config.description.clone(),
        authors: config.authors.clone(),
        language: config.language.clone(),
    }
}

/// A context holding `view` as the template variable `page`.
fn page_context<T: serde::Serialize>(v: &T) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page", v);
    ctx
}

/// The entries of a table of contents worth listing at the top of a page.
fn top_level(toc: &[TocEntry]) -> Vec<TocEntry> {
    toc.iter().filter(|t| t.level <= 2).cloned().collect()
}

#[cfg(test)]
mod tidy_tests {
    use super::tidy;

    #[test]
    fn indentation_goes_but_preformatted_text_stays() {
        let html =
            "<div>\n\n    <p>a</p>\n  <pre><code>x\n    indented\n\n</code></pre>\n    <p>b</p>\n";
        assert_eq!(
            tidy(html),
            "<div>\n<p>a</p>\n<pre><code>x\n    indented\n\n</code></pre>\n<p>b</p>\n"
        );
    }
}
