//! Printed matter, from the same model as the pages: a one-page cheat sheet per principle,
//! an overview sheet, all sheets in one file, printable flashcards, and the whole handbook as
//! one print view.
//!
//! What goes on a sheet is chosen in [`sheet`]; the flashcards are laid out in [`cards`]; the
//! print view is made in [`view`]. [`Printed`] lists the files and makes any one of them
//! without the others: the build makes them all, `serve` only the one a page asks for.

mod attrs;
pub mod cards;
pub mod sheet;
mod split;
mod view;

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::artifact::OutputFile;
use crate::config::Paper;
use crate::error::Error;
use crate::model::{paths, Handbook};
use crate::render::theme::{keep_pages, Theme};
use crate::strings::Strings;
use crate::Diagnostic;

pub use sheet::{sheet, SheetItem, SheetList, SheetStory, SheetView};
pub use view::{anchor_for, in_page};
pub(crate) use view::{print_view, PrintTip};

#[derive(Serialize)]
struct FrameworkView<'a> {
    name: &'a str,
    steps: Vec<StepView<'a>>,
}

#[derive(Serialize)]
struct StepView<'a> {
    name: &'a str,
    optional: bool,
}

/// One file of the printed matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFile {
    /// `cheatsheets/<id>.html`: principle `i`'s cheat sheet.
    Sheet(usize),
    /// `cheatsheets.html`: every sheet.
    Sheets,
    /// `overview.html`.
    Overview,
    /// `flashcards.html`: every card or, split, the list of parts.
    Cards,
    /// `flashcards/<id>.html`: the cards of the questions principle `i` comes first for.
    CardsPart(usize),
    /// `print.html`: the whole print view or, split, its cover, contents, tips and guides.
    View,
    /// `print/<id>.html`: principle `i` of a split print view.
    ViewPart(usize),
}

/// How the printed matter is cut. Above `[print] split-above` questions the print view and the
/// flashcards are split by principle; `prepbook pdf` prints the same parts.
pub struct Layout {
    pub split: bool,
    /// How many cards each principle's part of split flashcards has (all 0 when not split).
    cards: Vec<usize>,
}

impl Layout {
    pub fn of(book: &Handbook) -> Layout {
        let split = book.questions.len() > book.config.print.split_above;
        let mut cards = vec![0; book.principles.len()];
        if split {
            for q in &book.questions {
                if let Some(&first) = q.principles.first() {
                    cards[first] += 1;
                }
            }
        }
        Layout { split, cards }
    }

    /// Whether principle `i` has a part of the split flashcards (a card is filed under its
    /// question's first principle).
    pub fn card_part(&self, i: usize) -> bool {
        self.split && self.cards[i] > 0
    }
}

/// The printed matter of a handbook, file by file. Making it is cheap (nothing is rendered
/// until [`Printed::make`] is asked for a file), so `serve` makes only the file a page asks for.
pub struct Printed<'a> {
    book: &'a Handbook,
    theme: &'a Theme,
    strings: &'a Strings,
    /// The variables every printed page reads.
    base: Context,
    layout: Layout,
    /// Which file of a split print view holds each place, worked out on first use.
    targets: OnceLock<split::Targets>,
}

impl<'a> Printed<'a> {
    pub fn new(book: &'a Handbook, theme: &'a Theme, strings: &'a Strings) -> Printed<'a> {
        let config = &book.config;
        let mut base = Context::new();
        base.insert("book", &crate::render::book_view(config));
        base.insert("paper", config.print.paper.css());
        let (w, h) = sheet::printable_mm(config.print.paper);
        base.insert("page_width", &format!("{w}mm"));
        base.insert("page_height", &format!("{h}mm"));
        base.insert("generator", concat!("prepbook ", env!("CARGO_PKG_VERSION")));
        base.insert(
            "frameworks",
            &config
                .frameworks
                .iter()
                .map(|f| FrameworkView {
                    name: f.name(),
                    steps: f
                        .steps()
                        .iter()
                        .map(|s| StepView {
                            name: &s.name,
                            optional: s.optional,
                        })
                        .collect(),
                })
                .collect::<Vec<_>>(),
        );
        Printed {
            book,
            theme,
            strings,
            base,
            layout: Layout::of(book),
            targets: OnceLock::new(),
        }
    }

    /// Every file, with its path, in the order the build writes them.
    pub fn all(&self) -> Vec<(String, PrintFile)> {
        let principles = &self.book.principles;
        let mut all: Vec<(String, PrintFile)> = principles
            .iter()
            .enumerate()
            .map(|(i, p)| (paths::cheatsheet(&p.id), PrintFile::Sheet(i)))
            .collect();
        all.push((paths::CHEATSHEETS.into(), PrintFile::Sheets));
        all.push((paths::OVERVIEW.into(), PrintFile::Overview));
        all.push((paths::FLASHCARDS.into(), PrintFile::Cards));
        if self.layout.split {
            all.extend(
                principles
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| self.layout.card_part(i))
                    .map(|(i, p)| (paths::flashcards_part(&p.id), PrintFile::CardsPart(i))),
            );
        }
        all.push((paths::PRINT.into(), PrintFile::View));
        if self.layout.split {
            all.extend(
                principles
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (paths::print_part(&p.id), PrintFile::ViewPart(i))),
            );
        }
        all
    }

    /// The file written to `path`, if there is one.
    pub fn find(&self, path: &str) -> Option<PrintFile> {
        let principle = |dir: &str| {
            let id = path
                .strip_prefix(dir)?
                .strip_prefix('/')?
                .strip_suffix(".html")?;
            self.book.principles.iter().position(|p| p.id == id)
        };
        let file = match path {
            paths::CHEATSHEETS => PrintFile::Sheets,
            paths::OVERVIEW => PrintFile::Overview,
            paths::FLASHCARDS => PrintFile::Cards,
            paths::PRINT => PrintFile::View,
            _ => {
                if let Some(i) = principle(paths::CHEATSHEETS_DIR) {
                    PrintFile::Sheet(i)
                } else if let Some(i) = principle(paths::FLASHCARDS_DIR) {
                    PrintFile::CardsPart(i)
                } else {
                    PrintFile::ViewPart(principle(paths::PRINT_DIR)?)
                }
            }
        };
        let exists = match file {
            PrintFile::CardsPart(i) => self.layout.card_part(i),
            PrintFile::ViewPart(_) => self.layout.split,
            _ => true,
        };
        exists.then_some(file)
    }

    /// Renders `file` alone.
    pub fn make(&self, file: PrintFile) -> Result<OutputFile, Diagnostic> {
        let (book, strings) = (self.book, self.strings);
        let page = |path: String, template: &'static str, view: Context| {
            self.theme
                .render_page(&self.base, path, template, view, str::to_string)
        };
        match file {
            PrintFile::Sheet(i) => {
                let s = sheet(book, i);
                let mut ctx = Context::new();
                ctx.insert("sheets", &[&s]);
                ctx.insert(
                    "title",
                    &strings
                        .text("title_cheatsheet", None, &[("title", s.title.clone())])
                        .unwrap_or_else(|| s.title.clone()),
                );
                page(paths::cheatsheet(&s.id), "cheatsheets.html", ctx)
            }
            PrintFile::Sheets => {
                let sheets: Vec<SheetView> =
                    (0..book.principles.len()).map(|i| sheet(book, i)).collect();
                let mut ctx = Context::new();
                ctx.insert("sheets", &sheets);
                ctx.insert("title", &strings.get("nav_cheatsheets"));
                page(paths::CHEATSHEETS.into(), "cheatsheets.html", ctx)
            }
            PrintFile::Overview => {
                let mut ctx = Context::new();
                ctx.insert("principles", &sheet::overview(book));
                ctx.insert("title", &strings.get("home_overview"));
                page(paths::OVERVIEW.into(), "overview.html", ctx)
            }
            PrintFile::Cards if !self.layout.split => {
                let cards = cards::cards(book);
                let ctx = self.cards_view(&cards, &strings.get("flashcards_title"));
                page(paths::FLASHCARDS.into(), "flashcards.html", ctx)
            }
            PrintFile::Cards => page(
                paths::FLASHCARDS.into(),
                "flashcards.html",
                self.cards_contents(),
            ),
            PrintFile::CardsPart(i) => {
                let p = &book.principles[i];
                // Cards are numbered across the parts, in principle order.
                let first = 1 + self.layout.cards[..i].iter().sum::<usize>();
                let cards = cards::principle_cards(book, i, first);
                let title = strings.get("flashcards_title");
                let mut ctx = self.cards_view(&cards, &format!("{title} · {}", p.title));
                ctx.insert("part_title", &p.title);
                page(paths::flashcards_part(&p.id), "flashcards.html", ctx)
            }
            PrintFile::View => view::print_html(
                book,
                self.theme,
                &self.view_base(),
                self.layout.split.then(|| self.targets()),
            ),
            PrintFile::ViewPart(i) => {
                view::print_part(book, self.theme, &self.view_base(), self.targets(), i)
            }
        }
    }

    fn targets(&self) -> &split::Targets {
        self.targets.get_or_init(|| split::Targets::new(self.book))
    }

    /// What the print view's templates read besides `base`.
    fn view_base(&self) -> Context {
        let mut ctx = self.base.clone();
        ctx.insert("root", "");
        // The print view (and its PDF) is titled as the handbook.
        ctx.insert("title", "");
        ctx
    }

    /// The view of a flashcards file of `cards`.
    fn cards_view(&self, cards: &[cards::Card], title: &str) -> Context {
        let book = self.book;
        let mut ctx = Context::new();
        ctx.insert("pages", &cards::duplex_pages(cards));
        ctx.insert("filters", &cards::filters(book, cards));
        ctx.insert("tag_filters", &cards::tag_filters(book, cards));
        ctx.insert("cards", &cards.len());
        ctx.insert("title", title);
        ctx
    }

    /// The view of `flashcards.html` in split flashcards: the list of parts.
    fn cards_contents(&self) -> Context {
        let parts: Vec<CardPart> = self
            .book
            .principles
            .iter()
            .zip(&self.layout.cards)
            .filter(|(_, &n)| n > 0)
            .map(|(p, &cards)| CardPart {
                href: paths::flashcards_part(&p.id),
                title: p.title.clone(),
                cards,
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("parts", &parts);
        ctx.insert("pages", &Vec::<()>::new());
        ctx.insert("filters", &Vec::<()>::new());
        ctx.insert("tag_filters", &Vec::<()>::new());
        ctx.insert("cards", &self.layout.cards.iter().sum::<usize>());
        ctx.insert("title", &self.strings.get("flashcards_title"));
        ctx
    }
}

/// Renders every printed page that `[print]` asks for, handing each to `put` as it is made.
/// The files are made a few at a time, one per thread, so no more large files (the
/// flashcards, the parts of the print view) are in memory at once than there are threads.
/// A template that fails is reported once, however many files it fails.
pub fn render(
    book: &Handbook,
    theme: &Theme,
    strings: &Strings,
    put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
) -> Result<(), Error> {
    let printed = Printed::new(book, theme, strings);
    let all = printed.all();
    let mut failed = Vec::new();
    for batch in all.chunks(rayon::current_num_threads().max(1)) {
        let made: Vec<_> = batch
            .par_iter()
            .map(|(path, file)| (path, printed.make(*file)))
            .collect();
        for (path, made) in made {
            debug_assert!(made.as_ref().map_or(true, |f| &f.path == path), "{path}");
            match made {
                Ok(f) if failed.is_empty() => put(vec![f])?,
                Ok(_) => {}
                Err(d) => failed.push(Err(d)),
            }
        }
    }
    match keep_pages(failed) {
        Ok(_) => Ok(()),
        Err(problems) => Err(Error::Invalid(problems.into())),
    }
}

/// A file of flashcards split by principle, as the contents page lists it.
#[derive(Serialize)]
struct CardPart {
    href: String,
    title: String,
    cards: usize,
}

/// For `Paper` in templates.
impl Paper {
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_names_a_printed_file_only_if_the_build_writes_it() {
        let tmp = tempfile::tempdir().unwrap();
        let mut loaded = crate::testbook::load(tmp.path());
        let theme = Theme::load(&loaded.root, &loaded.handbook.config.theme).unwrap();
        let printed = Printed::new(&loaded.handbook, &theme, &loaded.strings);
        let all = printed.all();
        for (path, file) in &all {
            assert_eq!(printed.find(path), Some(*file), "{path}");
        }
        let paths: Vec<&str> = all.iter().map(|(p, _)| p.as_str()).collect();
        for split in [
            "print/ownership.html",
            "print/frugality.html",
            "flashcards/earn-trust.html",
        ] {
            assert!(paths.contains(&split), "{split} is not made: {paths:?}");
        }
        // No question comes first under `frugality`: it has no cards to print.
        for path in [
            "flashcards/frugality.html",
            "print/nobody.html",
            "cheatsheets/ownership.htm",
            "print/ownership/x.html",
            "print.htm",
        ] {
            assert_eq!(printed.find(path), None, "{path}");
        }
        loaded.handbook.config.print.split_above = crate::testbook::QUESTIONS;
        let whole = Printed::new(&loaded.handbook, &theme, &loaded.strings);
        let parts = paths
            .iter()
            .filter(|p| p.starts_with("print/") || p.starts_with("flashcards/"))
            .count();
        assert_eq!(whole.all().len(), all.len() - parts, "{:?}", whole.all());
        for path in ["print/ownership.html", "flashcards/ownership.html"] {
            assert_eq!(whole.find(path), None, "{path}");
        }
        assert_eq!(whole.find("print.html"), Some(PrintFile::View));
    }
}
