//! The whole handbook as one print view (`print.html`), and the rewriting of links that
//! makes it one document.

use serde::Serialize;
use tera::Context;

use crate::artifact::{Contents, OutputFile};
use crate::diagnostic::Diagnostic;
use crate::model::{paths, Handbook};
use crate::render::theme::Theme;

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
    /// Questions filed first under another principle that also test this one: listed here,
    /// printed in full under their first principle.
    pub(crate) also: Vec<PrintLink>,
    pub(crate) tips: Vec<PrintTip>,
}

/// A link to a place in the print view.
#[derive(Serialize)]
pub(crate) struct PrintLink {
    pub(crate) anchor: String,
    pub(crate) text: String,
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
    pub(crate) framework: String,
    pub(crate) persona: Option<String>,
    pub(crate) sections: Vec<(String, String)>,
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
    /// Plain text, for tables of contents; `title_html` for the page's heading.
    pub(crate) title: String,
    pub(crate) title_html: String,
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
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| super::attrs::finder(&PATTERNS));
    super::attrs::rewrite(html, &FINDER, |k, value, out| {
        match PATTERNS[k] {
            " id=\"" => out.push_str(&format!(" id=\"{prefix}{value}")),
            "href=\"#" => out.push_str(&format!("href=\"#{prefix}{value}")),
            "src=\"@root/" => out.push_str(&format!("src=\"{value}")),
            _ => {
                let (path, fragment) = value.split_once('#').unwrap_or((value, ""));
                if matches!(
                    path,
                    paths::PRACTICE
                        | paths::STORIES
                        | paths::COVERAGE
                        | paths::CHEATSHEETS
                        | paths::OVERVIEW
                        | paths::FLASHCARDS
                ) {
                    // A generated page with no place on paper or in the e-book: the link
                    // text stays, as text.
                    out.push_str(&format!("data-page=\"{value}"));
                } else if path.ends_with(".html") {
                    let anchor = match path {
                        paths::HOME | paths::QUESTIONS | paths::SEARCH | paths::PRINT => {
                            "x-index".to_string()
                        }
                        p if fragment.is_empty() => anchor_for(p),
                        p => format!("{}--{fragment}", anchor_for(p)),
                    };
                    out.push_str(&format!("href=\"#{anchor}"));
                } else {
                    out.push_str(&format!("href=\"{value}"));
                }
            }
        }
    })
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
                            framework: a.framework.name().into(),
                            persona: a.persona.clone(),
                            sections: a
                                .sections
                                .iter()
                                .map(|s| (s.step.clone(), in_page(&s.html, &format!("{qa}--"))))
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
    let also = r.secondary_questions[i]
        .iter()
        .map(|&qi| PrintLink {
            anchor: anchor_for(&paths::question(&book.questions[qi].id)),
            text: book.questions[qi].text.clone(),
        })
        .collect();
    PrintPrinciple {
        html: in_page(&p.body.html, &format!("{anchor}--")),
        also,
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
/// principles are rendered one at a time and spliced in (or into parts), so a large handbook
/// never sits in one template context.
#[derive(Serialize)]
struct PrintFrame {
    toc: Vec<Link>,
    general_tips: Vec<PrintTip>,
    pages: Vec<PrintPage>,
}

#[derive(Serialize)]
struct Link {
    /// Where the entry points: `#anchor`, or `print/<id>.html#anchor` in a split view.
    href: String,
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
                title_html: p.title_html.clone(),
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
        general_tips: general_tips(book),
        pages: print_pages(book),
    }
}

/// The tips for every interview, as the print view shows them.
fn general_tips(book: &Handbook) -> Vec<PrintTip> {
    book.relations
        .general_tips
        .iter()
        .map(|&t| print_tip(book, t))
        .collect()
}

/// Marks where the principles go in the rendered frame.
const PARTS_MARK: &str = "<!--prepbook:principles-->";

/// A file of the print view, or the template problem that kept it from being made.
pub(super) type Made = Result<OutputFile, Diagnostic>;

fn owned(path: String, html: String) -> OutputFile {
    OutputFile {
        path,
        contents: Contents::Owned(html.into_bytes()),
        origin: "the print view",
    }
}

/// Principle `i` as `print-principle.html` renders it, its links relative to `root`.
fn principle(
    book: &Handbook,
    theme: &Theme,
    base: &Context,
    i: usize,
    root: &str,
) -> tera::Result<String> {
    let mut ctx = base.clone();
    ctx.insert("root", root);
    ctx.insert("p", &print_principle(book, i));
    theme.tera.render("print-principle.html", &ctx)
}

/// `print.html`. Whole: the frame with every principle rendered on its own and spliced in,
/// straight into the one buffer of the page, so a large handbook's print view is held once,
/// not three times. Split (`targets` given, for a handbook of more questions than `[print]
/// split-above`): the frame alone (cover, contents, general tips, guides), its links pointed
/// at the parts (see [`super::split`]).
pub(super) fn print_html(
    book: &Handbook,
    theme: &Theme,
    base: &Context,
    targets: Option<&super::split::Targets>,
) -> Made {
    let split = targets.is_some();
    let mut ctx = base.clone();
    ctx.insert(
        "page",
        &PrintFrame {
            toc: book
                .principles
                .iter()
                .map(|p| {
                    let anchor = anchor_for(&paths::principle(&p.id));
                    let file = if split {
                        paths::print_part(&p.id)
                    } else {
                        String::new()
                    };
                    Link {
                        href: format!("{file}#{anchor}"),
                        anchor,
                        title: p.title.clone(),
                    }
                })
                .collect(),
            general_tips: general_tips(book),
            pages: print_pages(book),
        },
    );
    ctx.insert("principles", PARTS_MARK);
    let frame = theme
        .tera
        .render("print.html", &ctx)
        .map_err(|e| theme.render_error(paths::PRINT, "print.html", &e))?;
    let (before, after) = frame.split_once(PARTS_MARK).unwrap_or((&frame, ""));
    if let Some(targets) = targets {
        let top = targets.retarget(&format!("{before}{after}"), paths::PRINT);
        return Ok(owned(paths::PRINT.into(), top));
    }
    let mut out = String::from(before);
    for i in 0..book.principles.len() {
        let part = principle(book, theme, base, i, "")
            .map_err(|e| theme.render_error(paths::PRINT, "print-principle.html", &e))?;
        out.push_str(&part);
    }
    out.push_str(after);
    Ok(owned(paths::PRINT.into(), out))
}

/// `print/<id>.html`: principle `i` of a split print view, made without the others.
pub(super) fn print_part(
    book: &Handbook,
    theme: &Theme,
    base: &Context,
    targets: &super::split::Targets,
    i: usize,
) -> Made {
    let p = &book.principles[i];
    let path = paths::print_part(&p.id);
    let made = principle(book, theme, base, i, "../")
        .map_err(|e| ("print-principle.html", e))
        .and_then(|part| {
            let mut ctx = base.clone();
            ctx.insert("root", "../");
            ctx.insert("title", &p.title);
            ctx.insert("part", &targets.retarget(&part, &path));
            theme
                .tera
                .render("print-part.html", &ctx)
                .map_err(|e| ("print-part.html", e))
        });
    match made {
        Ok(html) => Ok(owned(path, html)),
        Err((template, e)) => Err(theme.render_error(&path, template, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::ROOT_MARK;

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
        // Generated pages with no place on paper keep their text, as text.
        let out = in_page(
            "<a href=\"@root/practice.html#drill\">p</a> <a href=\"@root/tips.html\">t</a>",
            "",
        );
        assert_eq!(
            out,
            "<a data-page=\"practice.html#drill\">p</a> <a href=\"#x-tips\">t</a>"
        );
    }
}
