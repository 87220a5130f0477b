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

/// One page of the site, named without building its view: the unit the dev server renders
/// when a page is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRef {
    Home,
    QuestionsIndex,
    Tips,
    NotFound,
    Search,
    Stories,
    Coverage,
    Tags,
    Tag(usize),
    Story(usize),
    Practice,
    Principle(usize),
    Page(usize),
    Question(usize),
}

/// The site's pages: what every page shares, and each page's view on demand.
pub struct SitePages<'a> {
    book: &'a Handbook,
    theme: &'a Theme,
    strings: &'a crate::strings::Strings,
    /// The variables every page reads (`book`, `nav`, the features turned on).
    base: Context,
}

impl<'a> SitePages<'a> {
    pub fn new(
        book: &'a Handbook,
        theme: &'a Theme,
        strings: &'a crate::strings::Strings,
    ) -> SitePages<'a> {
        let mut base = Context::new();
        base.insert("book", &book_view(&book.config));
        base.insert(
            "nav",
            &NavView {
                principles: Link::all(&book.principles, |p| {
                    (&p.title, None, paths::principle(&p.id))
                }),
                pages: Link::all(&book.pages, |p| {
                    (&p.title, Some(&p.title_html), paths::page(&p.id))
                }),
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
        SitePages {
            book,
            theme,
            strings,
            base,
        }
    }

    /// Every page with its output path, small pages first and the question pages last.
    pub fn all(&self) -> Vec<(String, PageRef)> {
        let book = self.book;
        let mut refs = vec![
            (paths::HOME.to_string(), PageRef::Home),
            (paths::QUESTIONS.into(), PageRef::QuestionsIndex),
            (paths::TIPS.into(), PageRef::Tips),
            (paths::NOT_FOUND.into(), PageRef::NotFound),
        ];
        if book.config.search.enabled {
            refs.push((paths::SEARCH.into(), PageRef::Search));
        }
        refs.push((paths::STORIES.into(), PageRef::Stories));
        refs.push((paths::COVERAGE.into(), PageRef::Coverage));
        let each = |path: fn(&str) -> String, id: &str| path(id);
        // Tags are optional: without any, neither the overview nor a tag folder is written.
        if !book.tags.is_empty() {
            refs.push((paths::TAGS.into(), PageRef::Tags));
            refs.extend(
                book.tags
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (each(paths::tag, &t.slug), PageRef::Tag(i))),
            );
        }
        refs.extend(
            book.stories
                .iter()
                .enumerate()
                .map(|(i, s)| (each(paths::story, &s.id), PageRef::Story(i))),
        );
        if book.config.practice.enable {
            refs.push((paths::PRACTICE.into(), PageRef::Practice));
        }
        refs.extend(
            book.principles
                .iter()
                .enumerate()
                .map(|(i, p)| (each(paths::principle, &p.id), PageRef::Principle(i))),
        );
        refs.extend(
            book.pages
                .iter()
                .enumerate()
                .map(|(i, p)| (each(paths::page, &p.id), PageRef::Page(i))),
        );
        refs.extend(
            book.questions
                .iter()
                .enumerate()
                .map(|(i, q)| (each(paths::question, &q.id), PageRef::Question(i))),
        );
        refs
    }

    fn job(&self, page: PageRef) -> Job {
        let (book, strings) = (self.book, self.strings);
        let pages = Pages { book, strings };
        match page {
            PageRef::Home => pages.home(),
            PageRef::QuestionsIndex => pages.questions_index(),
            PageRef::Tips => pages.tips(),
            PageRef::NotFound => Job {
                path: paths::NOT_FOUND.into(),
                template: "404.html",
                title: strings.get("notfound_title"),
                view: Context::new(),
                description: None,
            },
            PageRef::Search => pages.search(),
            PageRef::Stories => pages.stories(),
            PageRef::Coverage => pages.coverage(),
            PageRef::Tags => pages.tags(),
            PageRef::Tag(i) => pages.tag(i),
            PageRef::Story(i) => pages.story(i),
            PageRef::Practice => pages.practice(),
            PageRef::Principle(i) => pages.principle(i),
            PageRef::Question(i) => pages.question(i),
            PageRef::Page(i) => {
                let p = &book.pages[i];
                let path = paths::page(&p.id);
                let root = paths::root_of(&path);
                Job {
                    title: p.title.clone(),
                    template: "page.html",
                    view: page_context(&PageView {
                        id: p.id.clone(),
                        title: p.title.clone(),
                        title_html: p.title_html.clone(),
                        summary: p.summary.clone(),
                        summary_html: p.summary_html.clone(),
                        html: at_root(&p.body.html, &root),
                        toc: top_level(&p.body.toc),
                    }),
                    path,
                    description: p.summary.clone(),
                }
            }
        }
    }

    /// Builds the view of `page` and renders it.
    pub fn render(&self, page: PageRef) -> Result<OutputFile, Diagnostic> {
        let job = self.job(page);
        let mut view = job.view;
        view.insert("path", &job.path);
        view.insert("page_title", &job.title);
        let description = job
            .description
            .as_deref()
            .unwrap_or(&self.book.config.description);
        view.insert("page_description", description);
        self.theme
            .render_page(&self.base, job.path, job.template, view, tidy)
    }

    /// The files every page uses, copied or embedded: the scripts' texts, the theme's static
    /// files and the content's own files (images).
    pub fn statics(&self) -> Vec<OutputFile> {
        let (book, theme) = (self.book, self.theme);
        let mut files = Vec::with_capacity(theme.statics.len() + book.assets.len() + 1);
        files.push(OutputFile {
            path: crate::strings::SCRIPT_FILE.into(),
            contents: Contents::Owned(self.strings.script().into_bytes()),
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
        files
    }
}

/// Renders every page of `book` with `theme`, handing them to `put` batch by batch. Once a page
/// fails, nothing more is handed on, but every page is still rendered so that every problem is
/// reported.
pub fn render(
    book: &Handbook,
    theme: &Theme,
    strings: &crate::strings::Strings,
    put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
) -> Result<(), Error> {
    let site = SitePages::new(book, theme, strings);
    let all = site.all();
    // Small pages first, then the question pages in batches, each batch rendered in parallel.
    let questions_from = all
        .iter()
        .position(|(_, r)| matches!(r, PageRef::Question(_)))
        .unwrap_or(all.len());
    let mut failed: Vec<Result<OutputFile, Diagnostic>> = Vec::new();
    let mut hand_on = |results: Vec<Result<OutputFile, Diagnostic>>| -> Result<(), Error> {
        if failed.is_empty() && results.iter().all(Result::is_ok) {
            put(results.into_iter().flatten().collect())
        } else {
            failed.extend(results.into_iter().filter(Result::is_err));
            Ok(())
        }
    };
    let render = |(path, page): &(String, PageRef)| {
        let made = site.render(*page);
        debug_assert!(made.as_ref().map_or(true, |f| &f.path == path), "{path}");
        made
    };
    hand_on(all[..questions_from].par_iter().map(render).collect())?;
    for batch in all[questions_from..].chunks(BATCH) {
        hand_on(batch.par_iter().map(render).collect())?;
    }
    if !failed.is_empty() {
        return Err(Error::Invalid(
            theme::keep_pages(failed).err().unwrap_or_default().into(),
        ));
    }
    put(site.statics())
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
