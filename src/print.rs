//! Printed matter, from the same model as the pages: a one-page cheat sheet per principle,
//! an overview sheet, all sheets in one file, and the whole handbook as one print view.
//!
//! A sheet must never spill onto a second page, so what goes on it is chosen here against a
//! line budget worked out from the sheet's fixed layout (see `print.css`), keeping the most
//! important items: questions by priority, then primary before secondary; signals and tips in
//! their order. `sheets.js` removes items at print time only if a font runs wider than planned.

use serde::Serialize;
use tera::Context;

use crate::artifact::{Contents, OutputFile};
use crate::config::Paper;
use crate::model::{paths, Framework, Handbook};
use crate::render::theme::{keep_pages, Theme};
use crate::Diagnostic;

/// Characters of body text per line in a sheet column (9 pt in 85 mm; Liberation Sans fits
/// about 56, DejaVu Sans about 50).
const CHARS_PER_LINE: usize = 54;
/// Lines per sheet column, with a margin for rounding (the column holds about 31).
const LINES_PER_COLUMN: f32 = 30.0;
/// A list heading, and the space between items, in lines.
const HEADING_LINES: f32 = 2.0;
const ITEM_GAP_LINES: f32 = 0.3;

/// How many lines `text` takes in a sheet column.
fn lines(text: &str) -> f32 {
    let chars = text.chars().count().max(1);
    chars.div_ceil(CHARS_PER_LINE) as f32 + ITEM_GAP_LINES
}

/// A list on a sheet: the items shown, and how many more the handbook has.
#[derive(Serialize, Debug, Default, Clone, PartialEq)]
pub struct SheetList {
    pub items: Vec<String>,
    pub more: usize,
}

/// Takes items in order while they fit in `budget` lines (a "more" line is kept free when
/// something is left out). Returns the list and the lines it uses.
fn fill(items: &[String], budget: f32) -> (SheetList, f32) {
    if items.is_empty() {
        return (SheetList::default(), 0.0);
    }
    let mut used = HEADING_LINES;
    let mut shown = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let need = lines(item);
        let more_line = if i + 1 < items.len() { 1.0 } else { 0.0 };
        if used + need + more_line > budget {
            break;
        }
        used += need;
        shown.push(item.clone());
    }
    let more = items.len() - shown.len();
    if more > 0 {
        used += 1.0;
    }
    (SheetList { items: shown, more }, used)
}

#[derive(Serialize, Debug)]
pub struct SheetView {
    pub id: String,
    pub title: String,
    pub order: u32,
    pub summary: String,
    pub signals: SheetList,
    pub questions: SheetList,
    pub tips: SheetList,
    /// The reader's stories for the principle (title and key figures), in place of the
    /// empty story lines.
    pub stories: Vec<SheetStory>,
    pub stories_more: usize,
}

#[derive(Serialize, Debug)]
pub struct SheetStory {
    pub title: String,
    pub figures: String,
}

/// Stories that fit in the story box of a sheet (each takes up to three lines there).
const SHEET_STORIES: usize = 5;

#[derive(Serialize)]
struct FrameworkView {
    name: &'static str,
    steps: &'static [&'static str],
}

/// Chooses what goes on principle `i`'s sheet.
pub fn sheet(book: &Handbook, i: usize) -> SheetView {
    let p = &book.principles[i];
    let r = &book.relations;
    // Questions: primary ones first; each list is already in priority order.
    let mut questions: Vec<(u8, bool, usize)> = r.primary_questions[i]
        .iter()
        .map(|&q| (book.questions[q].priority, false, q))
        .chain(
            r.secondary_questions[i]
                .iter()
                .map(|&q| (book.questions[q].priority, true, q)),
        )
        .collect();
    questions.sort_by_key(|&(priority, secondary, q)| (priority, secondary, q));
    let questions: Vec<String> = questions
        .iter()
        .map(|&(_, _, q)| book.questions[q].text.clone())
        .collect();
    let tips: Vec<String> = r.principle_tips[i]
        .iter()
        .map(|&t| book.tips[t].title.clone())
        .collect();
    // Right column: questions. Left column: signals (at most half of it), then tips.
    let (questions, _) = fill(&questions, LINES_PER_COLUMN);
    let (signals, used) = fill(&p.signals, LINES_PER_COLUMN / 2.0);
    let (tips, _) = fill(&tips, LINES_PER_COLUMN - used);
    let all_stories: Vec<usize> = r.primary_stories[i]
        .iter()
        .chain(&r.secondary_stories[i])
        .copied()
        .collect();
    let stories = all_stories
        .iter()
        .take(SHEET_STORIES)
        .map(|&s| {
            let s = &book.stories[s];
            // Keep each entry to about three lines of the story box.
            let mut figures = s.figures.join(" · ");
            if figures.chars().count() > 140 {
                figures = figures.chars().take(137).collect::<String>() + "…";
            }
            let mut title = s.title.clone();
            if title.chars().count() > 90 {
                title = title.chars().take(87).collect::<String>() + "…";
            }
            SheetStory { title, figures }
        })
        .collect();
    SheetView {
        id: p.id.clone(),
        title: p.title.clone(),
        order: p.order,
        summary: p.summary.clone(),
        signals,
        questions,
        tips,
        stories,
        stories_more: all_stories.len().saturating_sub(SHEET_STORIES),
    }
}

#[derive(Serialize)]
struct OverviewItem {
    title: String,
    summary: String,
    question: Option<String>,
}

/// A principle of the print view, with its questions, answers and tips, links made in-page.
#[derive(Serialize)]
pub(crate) struct PrintPrinciple {
    pub(crate) anchor: String,
    pub(crate) title: String,
    pub(crate) order: u32,
    pub(crate) summary: String,
    pub(crate) html: String,
    pub(crate) signals: Vec<String>,
    pub(crate) pitfalls: Vec<String>,
    pub(crate) questions: Vec<PrintQuestion>,
    pub(crate) tips: Vec<PrintTip>,
}

#[derive(Serialize)]
pub(crate) struct PrintQuestion {
    pub(crate) anchor: String,
    pub(crate) text: String,
    pub(crate) principles: Vec<String>,
    pub(crate) stage: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) html: String,
    pub(crate) follow_ups: Vec<String>,
    pub(crate) answers: Vec<PrintAnswer>,
}

#[derive(Serialize)]
pub(crate) struct PrintAnswer {
    pub(crate) anchor: String,
    pub(crate) framework: &'static str,
    pub(crate) persona: Option<String>,
    pub(crate) sections: Vec<(&'static str, String)>,
}

#[derive(Serialize)]
pub(crate) struct PrintTip {
    pub(crate) anchor: String,
    pub(crate) title: String,
    pub(crate) html: String,
}

#[derive(Serialize)]
pub(crate) struct PrintPage {
    pub(crate) anchor: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) html: String,
}

/// The in-page anchor of the item written to output path `path` in the print view.
pub fn anchor_for(path: &str) -> String {
    format!("x-{}", path.trim_end_matches(".html").replace('/', "-"))
}

/// Rewrites a body's HTML for the print view: its ids get `prefix`, in-page links follow,
/// and links to other pages of the handbook become links to their place in the print view.
pub fn in_page(html: &str, prefix: &str) -> String {
    const PATTERNS: [&str; 4] = [" id=\"", "href=\"#", "href=\"@root/", "src=\"@root/"];
    let mut out = String::with_capacity(html.len() + 64);
    // The next position of each pattern at or after `pos`. Each is searched again only once
    // passed, so the whole rewrite reads the HTML a bounded number of times: linear in its size.
    let find_from = |pat: &str, from: usize| html[from..].find(pat).map(|i| from + i);
    let mut next: [Option<usize>; 4] = PATTERNS.map(|p| find_from(p, 0));
    let mut pos = 0;
    loop {
        for (k, pat) in PATTERNS.iter().enumerate() {
            if next[k].is_some_and(|i| i < pos) {
                next[k] = find_from(pat, pos);
            }
        }
        let Some((i, k)) = next
            .iter()
            .enumerate()
            .filter_map(|(k, i)| i.map(|i| (i, k)))
            .min()
        else {
            out.push_str(&html[pos..]);
            return out;
        };
        let pat = PATTERNS[k];
        out.push_str(&html[pos..i]);
        let start = i + pat.len();
        let end = html[start..].find('"').map_or(html.len(), |e| start + e);
        let value = &html[start..end];
        match pat {
            " id=\"" => out.push_str(&format!(" id=\"{prefix}{value}")),
            "href=\"#" => out.push_str(&format!("href=\"#{prefix}{value}")),
            "src=\"@root/" => out.push_str(&format!("src=\"{value}")),
            _ => {
                let (path, fragment) = value.split_once('#').unwrap_or((value, ""));
                if path.ends_with(".html") {
                    let anchor = match path {
                        paths::HOME | paths::QUESTIONS | paths::SEARCH => "x-index".to_string(),
                        p if fragment.is_empty() => anchor_for(p),
                        p => format!("{}--{fragment}", anchor_for(p)),
                    };
                    out.push_str(&format!("href=\"#{anchor}"));
                } else {
                    out.push_str(&format!("href=\"{value}"));
                }
            }
        }
        pos = end;
    }
}

/// Renders every printed page that `[print]` asks for.
pub fn render(book: &Handbook, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let config = &book.config;
    let mut base = Context::new();
    base.insert("book", &crate::render::book_view(config));
    base.insert("paper", config.print.paper.css());
    base.insert("generator", concat!("prepbook ", env!("CARGO_PKG_VERSION")));
    base.insert(
        "frameworks",
        &Framework::ALL
            .iter()
            .map(|f| FrameworkView {
                name: f.name(),
                steps: f.steps(),
            })
            .collect::<Vec<_>>(),
    );
    let sheets: Vec<SheetView> = (0..book.principles.len()).map(|i| sheet(book, i)).collect();
    let mut jobs: Vec<(String, &str, Context)> = Vec::new();
    for s in &sheets {
        let mut ctx = Context::new();
        ctx.insert("sheets", &[s]);
        ctx.insert("title", &format!("{} cheat sheet", s.title));
        jobs.push((paths::cheatsheet(&s.id), "cheatsheets.html", ctx));
    }
    let mut ctx = Context::new();
    ctx.insert("sheets", &sheets);
    ctx.insert("title", "Cheat sheets");
    jobs.push((paths::CHEATSHEETS.into(), "cheatsheets.html", ctx));

    let overview: Vec<OverviewItem> = book
        .principles
        .iter()
        .enumerate()
        .map(|(i, p)| OverviewItem {
            title: p.title.clone(),
            summary: p.summary.clone(),
            question: book.relations.primary_questions[i]
                .iter()
                .chain(&book.relations.secondary_questions[i])
                .min_by_key(|&&q| (book.questions[q].priority, q))
                .map(|&q| book.questions[q].text.clone()),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("principles", &overview);
    ctx.insert("title", "Overview");
    jobs.push((paths::OVERVIEW.into(), "overview.html", ctx));

    let results = jobs
        .into_iter()
        .map(|(path, template, view)| {
            theme.render_page(&base, path, template, view, str::to_string)
        })
        .collect();
    let (mut files, mut problems) = match keep_pages(results) {
        Ok(files) => (files, Vec::new()),
        Err(problems) => (Vec::new(), problems),
    };
    let mut ctx = base.clone();
    ctx.insert("root", "");
    ctx.insert("title", "Print");
    match render_print_view(book, theme, &ctx) {
        Ok(html) => files.push(OutputFile {
            path: paths::PRINT.into(),
            contents: Contents::Owned(html.into_bytes()),
            origin: "the print view",
        }),
        Err(e) => problems.push(theme.render_error(paths::PRINT, "print.html", &e)),
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

#[derive(Serialize)]
pub(crate) struct PrintViewData {
    pub(crate) principles: Vec<PrintPrinciple>,
    pub(crate) general_tips: Vec<PrintTip>,
    pub(crate) pages: Vec<PrintPage>,
}

fn print_tip(book: &Handbook, t: usize) -> PrintTip {
    let t = &book.tips[t];
    let anchor = format!("{}--{}", anchor_for(paths::TIPS), paths::tip_anchor(&t.id));
    PrintTip {
        html: in_page(&t.body.html, &format!("{anchor}--")),
        anchor,
        title: t.title.clone(),
    }
}

/// Principle `i` of the print view, with its questions, answers and tips.
pub(crate) fn print_principle(book: &Handbook, i: usize) -> PrintPrinciple {
    let r = &book.relations;
    let p = &book.principles[i];
    let anchor = anchor_for(&paths::principle(&p.id));
    let questions = r.primary_questions[i]
        .iter()
        .map(|&qi| {
            let q = &book.questions[qi];
            let qa = anchor_for(&paths::question(&q.id));
            PrintQuestion {
                text: q.text.clone(),
                principles: q
                    .principles
                    .iter()
                    .map(|&p| book.principles[p].title.clone())
                    .collect(),
                stage: book.stage_name(q).map(String::from),
                role: q.role.clone(),
                html: in_page(&q.notes.html, &format!("{qa}--")),
                follow_ups: q.follow_ups.clone(),
                answers: r.question_answers[qi]
                    .iter()
                    .map(|&ai| {
                        let a = &book.answers[ai];
                        PrintAnswer {
                            anchor: format!("{qa}--{}", paths::answer_anchor(&a.id)),
                            framework: a.framework.name(),
                            persona: a.persona.clone(),
                            sections: a
                                .sections
                                .iter()
                                .map(|s| (s.step, in_page(&s.html, &format!("{qa}--"))))
                                .collect(),
                        }
                    })
                    .collect(),
                anchor: qa,
            }
        })
        .collect();
    // A tip stands under its first principle only, so its anchor is unique.
    let tips = r.principle_tips[i]
        .iter()
        .filter(|&&t| book.tips[t].principles.first() == Some(&i))
        .map(|&t| print_tip(book, t))
        .collect();
    PrintPrinciple {
        html: in_page(&p.body.html, &format!("{anchor}--")),
        anchor,
        title: p.title.clone(),
        order: p.order,
        summary: p.summary.clone(),
        signals: p.signals.clone(),
        pitfalls: p.pitfalls.clone(),
        questions,
        tips,
    }
}

/// The print view's frame: its table of contents, the general tips and the guides. The
/// principles are rendered one at a time into `parts`, so a large handbook never sits in
/// one template context.
#[derive(Serialize)]
struct PrintFrame {
    toc: Vec<Link>,
    general_tips: Vec<PrintTip>,
    pages: Vec<PrintPage>,
}

#[derive(Serialize)]
struct Link {
    anchor: String,
    title: String,
}

fn print_pages(book: &Handbook) -> Vec<PrintPage> {
    book.pages
        .iter()
        .map(|p| {
            let anchor = anchor_for(&paths::page(&p.id));
            PrintPage {
                html: in_page(&p.body.html, &format!("{anchor}--")),
                anchor,
                title: p.title.clone(),
                summary: p.summary.clone(),
            }
        })
        .collect()
}

/// The whole print view at once (the EPUB's chapters are made from it).
pub(crate) fn print_view(book: &Handbook) -> PrintViewData {
    PrintViewData {
        principles: (0..book.principles.len())
            .map(|i| print_principle(book, i))
            .collect(),
        general_tips: book
            .relations
            .general_tips
            .iter()
            .map(|&t| print_tip(book, t))
            .collect(),
        pages: print_pages(book),
    }
}

/// Marks where the principles go in the rendered frame.
const PARTS_MARK: &str = "<!--prepbook:principles-->";

/// Renders the print view: the frame, with every principle rendered on its own spliced in.
fn render_print_view(
    book: &Handbook,
    theme: &Theme,
    base: &Context,
) -> Result<String, tera::Error> {
    let mut parts = String::new();
    for i in 0..book.principles.len() {
        let mut ctx = base.clone();
        ctx.insert("p", &print_principle(book, i));
        parts.push_str(&theme.tera.render("print-principle.html", &ctx)?);
    }
    let mut ctx = base.clone();
    ctx.insert(
        "page",
        &PrintFrame {
            toc: book
                .principles
                .iter()
                .map(|p| Link {
                    anchor: anchor_for(&paths::principle(&p.id)),
                    title: p.title.clone(),
                })
                .collect(),
            general_tips: book
                .relations
                .general_tips
                .iter()
                .map(|&t| print_tip(book, t))
                .collect(),
            pages: print_pages(book),
        },
    );
    ctx.insert("principles", PARTS_MARK);
    let frame = theme.tera.render("print.html", &ctx)?;
    Ok(match frame.split_once(PARTS_MARK) {
        Some((before, after)) => {
            let mut out = String::with_capacity(frame.len() + parts.len());
            out.push_str(before);
            out.push_str(&parts);
            out.push_str(after);
            out
        }
        None => frame,
    })
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
    use crate::content::markdown::ROOT_MARK;

    #[test]
    fn lists_fill_their_budget_in_order_and_count_the_rest() {
        let items: Vec<String> = (0..20)
            .map(|i| format!("Question {i} {}", "x".repeat(60)))
            .collect();
        let (list, used) = fill(&items, 12.0);
        // heading 2 + each item 2.3 lines + the "more" line
        assert_eq!(list.items.len(), 3);
        assert_eq!(list.more, 17);
        assert!(used <= 12.0);
        assert_eq!(list.items[0], items[0]);
        let (all, _) = fill(&items[..2], 12.0);
        assert_eq!((all.items.len(), all.more), (2, 0));
        assert_eq!(fill(&[], 5.0).0, SheetList::default());
    }

    #[test]
    fn links_become_in_page_anchors() {
        let html = "<h2 id=\"stages\">S</h2><p><a href=\"#stages\">a</a> <a href=\"@root/principles/ownership.html#signals\">b</a> \
                    <a href=\"@root/questions/q1.html\">c</a> <a href=\"https://example.com\">d</a> \
                    <img src=\"@root/images/flow.svg\" alt=\"\"> <a href=\"@root/files/guide.pdf\">e</a> <a href=\"@root/index.html\">f</a></p>";
        let out = in_page(html, "x-process--");
        assert!(out.contains("<h2 id=\"x-process--stages\">"), "{out}");
        assert!(out.contains("href=\"#x-process--stages\""));
        assert!(out.contains("href=\"#x-principles-ownership--signals\""));
        assert!(out.contains("href=\"#x-questions-q1\""));
        assert!(out.contains("href=\"https://example.com\""));
        assert!(out.contains("src=\"images/flow.svg\""));
        assert!(out.contains("href=\"files/guide.pdf\""));
        assert!(out.contains("href=\"#x-index\""));
        assert!(!out.contains(ROOT_MARK));
    }
}
