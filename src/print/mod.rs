//! Printed matter, from the same model as the pages: a one-page cheat sheet per principle,
//! an overview sheet, all sheets in one file, printable flashcards, and the whole handbook as
//! one print view.
//!
//! What goes on a sheet is chosen in [`sheet`]; the flashcards are laid out in [`cards`]; the
//! print view is made in [`view`].

mod attrs;
pub mod cards;
pub mod sheet;
mod split;
mod view;

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

/// Renders every printed page that `[print]` asks for, handing each to `put` as it is made.
pub fn render(
    book: &Handbook,
    theme: &Theme,
    strings: &Strings,
    put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
) -> Result<(), Error> {
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
    let sheets: Vec<SheetView> = (0..book.principles.len()).map(|i| sheet(book, i)).collect();
    let mut jobs: Vec<(String, &'static str, Context)> = Vec::new();
    for s in &sheets {
        let mut ctx = Context::new();
        ctx.insert("sheets", &[s]);
        ctx.insert(
            "title",
            &strings
                .text("title_cheatsheet", None, &[("title", s.title.clone())])
                .unwrap_or_else(|| s.title.clone()),
        );
        jobs.push((paths::cheatsheet(&s.id), "cheatsheets.html", ctx));
    }
    let mut ctx = Context::new();
    ctx.insert("sheets", &sheets);
    ctx.insert("title", &strings.get("nav_cheatsheets"));
    jobs.push((paths::CHEATSHEETS.into(), "cheatsheets.html", ctx));

    let mut ctx = Context::new();
    ctx.insert("principles", &sheet::overview(book));
    ctx.insert("title", &strings.get("home_overview"));
    jobs.push((paths::OVERVIEW.into(), "overview.html", ctx));

    // Each large file (the flashcards, the print view) is made and handed on before the next
    // one's view is built, so no two of them are in memory at once.
    let mut problems = Vec::new();
    let mut hand_on = |results: Vec<Result<OutputFile, Diagnostic>>| -> Result<(), Error> {
        match keep_pages(results) {
            Ok(files) if problems.is_empty() => put(files),
            Ok(_) => Ok(()),
            Err(p) => {
                problems.extend(p);
                Ok(())
            }
        }
    };
    let render = |(path, template, view): (String, &'static str, Context)| {
        theme.render_page(&base, path, template, view, str::to_string)
    };
    hand_on(jobs.into_iter().map(render).collect())?;

    flashcards(book, strings, &mut |path, ctx| {
        hand_on(vec![render((path, "flashcards.html", ctx))])
    })?;

    let mut ctx = base.clone();
    ctx.insert("root", "");
    // The print view (and its PDF) is titled as the handbook.
    ctx.insert("title", "");
    view::render_print_view(book, theme, &ctx, &mut |made| hand_on(vec![made]))?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems.into()))
    }
}

/// A file of flashcards split by principle, as the contents page lists it.
#[derive(Serialize)]
struct CardPart {
    href: String,
    title: String,
    cards: usize,
}

/// Hands `each` the flashcards' pages and their views: `flashcards.html` with every card, or,
/// above `[print] split-above` questions, `flashcards.html` listing the parts and
/// `flashcards/<id>.html` for each principle that comes first for a question, made one at a
/// time so no two are in memory at once.
fn flashcards(
    book: &Handbook,
    strings: &Strings,
    each: &mut dyn FnMut(String, Context) -> Result<(), Error>,
) -> Result<(), Error> {
    let title = strings.get("flashcards_title");
    let view = |cards: &[cards::Card], title: &str| {
        let mut ctx = Context::new();
        ctx.insert("pages", &cards::duplex_pages(cards));
        ctx.insert("filters", &cards::filters(book, cards));
        ctx.insert("tag_filters", &cards::tag_filters(book, cards));
        ctx.insert("cards", &cards.len());
        ctx.insert("title", title);
        ctx
    };
    if book.questions.len() <= book.config.print.split_above {
        let cards = cards::cards(book);
        return each(paths::FLASHCARDS.into(), view(&cards, &title));
    }
    let counts: Vec<usize> = (0..book.principles.len())
        .map(|i| {
            book.questions
                .iter()
                .filter(|q| q.principles.first() == Some(&i))
                .count()
        })
        .collect();
    let parts: Vec<CardPart> = book
        .principles
        .iter()
        .zip(&counts)
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
    ctx.insert("cards", &counts.iter().sum::<usize>());
    ctx.insert("title", &title);
    each(paths::FLASHCARDS.into(), ctx)?;
    let mut first = 1;
    for (i, p) in book.principles.iter().enumerate() {
        if counts[i] == 0 {
            continue;
        }
        let cards = cards::principle_cards(book, i, first);
        first += cards.len();
        let mut ctx = view(&cards, &format!("{title} · {}", p.title));
        ctx.insert("part_title", &p.title);
        each(paths::flashcards_part(&p.id), ctx)?;
    }
    Ok(())
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
