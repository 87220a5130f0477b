//! Full-text search: documents taken from the validated handbook (plain text, never HTML),
//! an index built here in Rust, and the data files the theme's search.js loads on demand.

pub mod encode;
pub mod index;
pub mod memo;
pub mod stem;
pub mod terms;
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
    Story = 5,
}

/// One searchable unit: a question, an answer, a tip, or one section of a principle or page.
/// Text is borrowed from the handbook, so the index costs no second copy of it.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub kind: DocKind,
    /// Indexes into the handbook's principles, the primary one first.
    pub principles: Vec<usize>,
    /// Indexes into the handbook's tags (a question's, shared by its answers; a story's).
    pub tags: Vec<usize>,
    pub title: Cow<'a, str>,
    /// The document under which search.js shows this one: an answer's question, or the first
    /// section of a principle or guide for its other sections. Children follow their parent in
    /// the document list, with no other document between (search.js relies on it).
    pub parent: Option<usize>,
    /// A short name shown for the document inside its parent's result (an answer's persona,
    /// a section's heading).
    pub label: Option<&'a str>,
    /// Relative to the output root, with the fragment of the exact heading.
    pub url: String,
    /// The text, in parts (read as if joined by line breaks).
    pub body: Vec<&'a str>,
}

/// The document of sample answer `a`, shown under document `parent` (its question).
fn answer(book: &Handbook, a: usize, parent: Option<usize>) -> Doc<'_> {
    let a = &book.answers[a];
    let q = &book.questions[a.question];
    let mut body: Vec<&str> = a.persona.iter().map(String::as_str).collect();
    body.extend(a.sections.iter().map(|s| s.plain.trim()));
    Doc {
        kind: DocKind::Answer,
        principles: q.principles.clone(),
        tags: q.tags.clone(),
        title: Cow::Borrowed(&q.text),
        parent,
        label: a.persona.as_deref(),
        url: format!("{}#{}", paths::question(&q.id), paths::answer_anchor(&a.id)),
        body,
    }
}

/// A question document with `title` and `body`, for tests.
#[cfg(test)]
pub(crate) fn test_doc<'a>(title: &'a str, body: &[&'a str]) -> Doc<'a> {
    Doc {
        kind: DocKind::Question,
        principles: vec![0],
        tags: Vec::new(),
        title: title.into(),
        parent: None,
        label: None,
        url: "questions/x.html".into(),
        body: body.to_vec(),
    }
}

/// The search index files of `book` (`search/`), and figures on them for the benchmark.
pub fn files(book: &Handbook) -> (Vec<crate::artifact::OutputFile>, index::Stats) {
    files_from(book, None)
}

/// [`files`], tokenizing only the documents that `memo` does not hold from the last index
/// made with it. The files are the same as [`files`]'.
pub fn files_with(
    book: &Handbook,
    memo: &memo::Memo,
) -> (Vec<crate::artifact::OutputFile>, index::Stats) {
    files_from(book, Some(memo))
}

fn files_from(
    book: &Handbook,
    memo: Option<&memo::Memo>,
) -> (Vec<crate::artifact::OutputFile>, index::Stats) {
    let principles: Vec<(String, String)> = book
        .principles
        .iter()
        .map(|p| (p.id.clone(), p.title.clone()))
        .collect();
    let tags: Vec<(String, String)> = book
        .tags
        .iter()
        .map(|t| (t.slug.clone(), t.name.clone()))
        .collect();
    let lang = tokenize::Language::from_tag(&book.config.language);
    let docs = documents(book);
    let counts = match memo {
        Some(m) => m.counts(&docs, lang),
        None => index::count(&docs, lang),
    };
    index::write(&docs, counts, &principles, &tags, lang)
}

/// The documents of `book` for the kinds `book.toml` asks for, in a stable order.
pub fn documents(book: &Handbook) -> Vec<Doc<'_>> {
    let kinds = &book.config.search.kinds;
    let mut docs = Vec::new();
    if kinds.contains(&SearchKind::Principles) {
        for (i, p) in book.principles.iter().enumerate() {
            let url = paths::principle(&p.id);
            let first = docs.len();
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
                    principles: vec![i],
                    tags: Vec::new(),
                    title,
                    parent: (n > 0).then_some(first),
                    label: heading.map(|h| h.text.as_str()),
                    url: format!("{url}#{anchor}"),
                    body,
                });
            }
        }
    }
    if kinds.contains(&SearchKind::Questions) {
        let answers = kinds.contains(&SearchKind::Answers);
        for (i, q) in book.questions.iter().enumerate() {
            let mut body = vec![q.notes.plain.trim()];
            body.extend(q.follow_ups.iter().map(String::as_str));
            let at = docs.len();
            docs.push(Doc {
                kind: DocKind::Question,
                principles: q.principles.clone(),
                tags: q.tags.clone(),
                title: Cow::Borrowed(&q.text),
                parent: None,
                label: None,
                url: paths::question(&q.id),
                body,
            });
            // Its answers right after it, so the index refers to the question in one digit.
            if answers {
                for &a in &book.relations.question_answers[i] {
                    docs.push(answer(book, a, Some(at)));
                }
            }
        }
    } else if kinds.contains(&SearchKind::Answers) {
        docs.extend((0..book.answers.len()).map(|a| answer(book, a, None)));
    }
    if kinds.contains(&SearchKind::Tips) {
        for t in &book.tips {
            docs.push(Doc {
                kind: DocKind::Tip,
                principles: t.principles.clone(),
                tags: Vec::new(),
                title: Cow::Borrowed(&t.title),
                parent: None,
                label: None,
                url: format!("{}#{}", paths::TIPS, paths::tip_anchor(&t.id)),
                body: vec![t.body.plain.trim()],
            });
        }
    }
    if kinds.contains(&SearchKind::Pages) {
        for p in &book.pages {
            let url = paths::page(&p.id);
            let first = docs.len();
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
                            principles: Vec::new(),
                            tags: Vec::new(),
                            title: Cow::Borrowed(&p.title),
                            parent: None,
                            label: None,
                            url: url.clone(),
                            body,
                        }
                    }
                    Some(h) => Doc {
                        kind: DocKind::Page,
                        principles: Vec::new(),
                        tags: Vec::new(),
                        title: Cow::Owned(format!("{} › {}", p.title, h.text)),
                        parent: (docs.len() > first).then_some(first),
                        label: Some(h.text.as_str()),
                        url: format!("{url}#{}", h.id),
                        body: vec![text],
                    },
                };
                docs.push(doc);
            }
        }
    }
    if kinds.contains(&SearchKind::Stories) {
        for s in &book.stories {
            let mut body: Vec<&str> = s.short.iter().chain(&s.long).map(String::as_str).collect();
            body.extend(s.sections.iter().map(|x| x.plain.trim()));
            docs.push(Doc {
                kind: DocKind::Story,
                principles: s.principles.clone(),
                tags: s.tags.clone(),
                title: Cow::Borrowed(&s.title),
                url: paths::story(&s.id),
                body,
                parent: None,
                label: None,
            });
        }
    }
    docs
}
