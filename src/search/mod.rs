//! Full-text search: documents taken from the validated handbook (plain text, never HTML),
//! an index built here in Rust, and the data files the theme's search.js loads on demand.

pub mod index;
pub mod tokenize;

use crate::config::SearchKind;
use crate::model::{paths, Handbook};

/// What a document is, as search.js labels it. The codes are part of the file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Question = 0,
    Principle = 1,
    Answer = 2,
    Tip = 3,
    Page = 4,
}

/// One searchable unit: a question, an answer, a tip, or one section of a principle or page.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: DocKind,
    /// Index into the handbook's principles, if the document belongs to one.
    pub principle: Option<usize>,
    pub title: String,
    /// Relative to the output root, with the fragment of the exact heading.
    pub url: String,
    pub body: String,
}

/// The documents of `book` for the kinds `book.toml` asks for, in a stable order.
pub fn documents(book: &Handbook) -> Vec<Doc> {
    let kinds = &book.config.search.kinds;
    let mut docs = Vec::new();
    if kinds.contains(&SearchKind::Principles) {
        for (i, p) in book.principles.iter().enumerate() {
            let url = paths::principle(&p.id);
            for (n, (heading, text)) in p.body.parts(2).into_iter().enumerate() {
                let (title, anchor, mut body) = match heading {
                    None => (
                        p.title.clone(),
                        "explanation".to_string(),
                        format!("{}\n{}", p.summary, text),
                    ),
                    Some(h) => (
                        format!("{} › {}", p.title, h.text),
                        h.id.clone(),
                        text.to_string(),
                    ),
                };
                if n == 0 {
                    for s in p.signals.iter().chain(&p.pitfalls) {
                        body.push('\n');
                        body.push_str(s);
                    }
                }
                docs.push(Doc {
                    kind: DocKind::Principle,
                    principle: Some(i),
                    title,
                    url: format!("{url}#{anchor}"),
                    body,
                });
            }
        }
    }
    if kinds.contains(&SearchKind::Questions) {
        for q in &book.questions {
            let mut body = q.notes.plain.trim().to_string();
            for f in &q.follow_ups {
                body.push('\n');
                body.push_str(f);
            }
            docs.push(Doc {
                kind: DocKind::Question,
                principle: q.principles.first().copied(),
                title: q.text.clone(),
                url: paths::question(&q.id),
                body,
            });
        }
    }
    if kinds.contains(&SearchKind::Answers) {
        for a in &book.answers {
            let q = &book.questions[a.question];
            let mut body = String::new();
            if let Some(p) = &a.persona {
                body.push_str(p);
                body.push('\n');
            }
            for s in &a.sections {
                body.push_str(s.plain.trim());
                body.push('\n');
            }
            docs.push(Doc {
                kind: DocKind::Answer,
                principle: q.principles.first().copied(),
                title: q.text.clone(),
                url: format!("{}#{}", paths::question(&q.id), paths::answer_anchor(&a.id)),
                body,
            });
        }
    }
    if kinds.contains(&SearchKind::Tips) {
        for t in &book.tips {
            docs.push(Doc {
                kind: DocKind::Tip,
                principle: t.principles.first().copied(),
                title: t.title.clone(),
                url: format!("{}#{}", paths::TIPS, paths::tip_anchor(&t.id)),
                body: t.body.plain.trim().to_string(),
            });
        }
    }
    if kinds.contains(&SearchKind::Pages) {
        for p in &book.pages {
            let url = paths::page(&p.id);
            for (heading, text) in p.body.parts(2) {
                let (title, url) = match heading {
                    None => (p.title.clone(), url.clone()),
                    Some(h) => (
                        format!("{} › {}", p.title, h.text),
                        format!("{url}#{}", h.id),
                    ),
                };
                let mut body = text.to_string();
                if heading.is_none() {
                    if let Some(s) = &p.summary {
                        body = format!("{s}\n{body}");
                    }
                }
                if heading.is_none() && body.trim().is_empty() {
                    continue;
                }
                docs.push(Doc {
                    kind: DocKind::Page,
                    principle: None,
                    title,
                    url,
                    body,
                });
            }
        }
    }
    docs
}
