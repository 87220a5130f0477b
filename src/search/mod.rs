//! Full-text search: documents taken from the validated handbook (plain text, never HTML),
//! an index built here in Rust, and the data files the theme's search.js loads on demand.

pub mod index;
pub mod tokenize;

use std::borrow::Cow;

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
/// Text is borrowed from the handbook, so the index costs no second copy of it.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub kind: DocKind,
    /// Index into the handbook's principles, if the document belongs to one.
    pub principle: Option<usize>,
    pub title: Cow<'a, str>,
    /// Relative to the output root, with the fragment of the exact heading.
    pub url: String,
    /// The text, in parts (read as if joined by line breaks).
    pub body: Vec<&'a str>,
}

/// The documents of `book` for the kinds `book.toml` asks for, in a stable order.
pub fn documents(book: &Handbook) -> Vec<Doc<'_>> {
    let kinds = &book.config.search.kinds;
    let mut docs = Vec::new();
    if kinds.contains(&SearchKind::Principles) {
        for (i, p) in book.principles.iter().enumerate() {
            let url = paths::principle(&p.id);
            for (n, (heading, text)) in p.body.parts(2).into_iter().enumerate() {
                let (title, anchor) = match heading {
                    None => (Cow::Borrowed(p.title.as_str()), "explanation"),
                    Some(h) => (
                        Cow::Owned(format!("{} › {}", p.title, h.text)),
                        h.id.as_str(),
                    ),
                };
                let mut body = Vec::new();
                if n == 0 {
                    body.push(p.summary.as_str());
                }
                body.push(text);
                if n == 0 {
                    body.extend(p.signals.iter().chain(&p.pitfalls).map(String::as_str));
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
            let mut body = vec![q.notes.plain.trim()];
            body.extend(q.follow_ups.iter().map(String::as_str));
            docs.push(Doc {
                kind: DocKind::Question,
                principle: q.principles.first().copied(),
                title: Cow::Borrowed(&q.text),
                url: paths::question(&q.id),
                body,
            });
        }
    }
    if kinds.contains(&SearchKind::Answers) {
        for a in &book.answers {
            let q = &book.questions[a.question];
            let mut body: Vec<&str> = a.persona.iter().map(String::as_str).collect();
            body.extend(a.sections.iter().map(|s| s.plain.trim()));
            docs.push(Doc {
                kind: DocKind::Answer,
                principle: q.principles.first().copied(),
                title: Cow::Borrowed(&q.text),
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
                title: Cow::Borrowed(&t.title),
                url: format!("{}#{}", paths::TIPS, paths::tip_anchor(&t.id)),
                body: vec![t.body.plain.trim()],
            });
        }
    }
    if kinds.contains(&SearchKind::Pages) {
        for p in &book.pages {
            let url = paths::page(&p.id);
            for (heading, text) in p.body.parts(2) {
                let doc = match heading {
                    None => {
                        let mut body: Vec<&str> = p.summary.iter().map(String::as_str).collect();
                        body.push(text);
                        if body.iter().all(|t| t.trim().is_empty()) {
                            continue;
                        }
                        Doc {
                            kind: DocKind::Page,
                            principle: None,
                            title: Cow::Borrowed(&p.title),
                            url: url.clone(),
                            body,
                        }
                    }
                    Some(h) => Doc {
                        kind: DocKind::Page,
                        principle: None,
                        title: Cow::Owned(format!("{} › {}", p.title, h.text)),
                        url: format!("{url}#{}", h.id),
                        body: vec![text],
                    },
                };
                docs.push(doc);
            }
        }
    }
    docs
}
