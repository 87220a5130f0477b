//! Warnings about the handbook as a whole: the same question twice and two principles with
//! one order (read from every file's front matter, even when some files have errors), and a
//! principle with no question (once the handbook loads).

use std::sync::Arc;

// A fast hash: these tables hold every id and path, and are made again on every save.
use foldhash::HashMap;

use super::front::{Parsed, RawPrinciple, RawQuestion};
use crate::diagnostic::{Diagnostic, Diagnostics, Position};

fn at_key(p: &Parsed<'_>, key: &str, message: String) -> Diagnostic {
    Diagnostic::warning(message)
        .in_file(p.src.file.clone())
        .at(p
            .locations
            .key(key)
            .map_or(Position::new(1, 1), |q| p.file_pos(q)))
}

/// Two principles with the same `order` are shown in an order the author did not choose.
pub(super) fn same_order(principles: &[(Parsed<'_>, Arc<RawPrinciple>)], diags: &mut Diagnostics) {
    let mut first: HashMap<u32, &str> = HashMap::default();
    for (p, raw) in principles {
        let Some(order) = raw.order else { continue };
        match first.get(&order) {
            Some(other) => diags.push(
                at_key(
                    p,
                    "order",
                    format!("`order: {order}` is also the order of `{other}`"),
                )
                .with_help("give each principle its own order; equal ones are sorted by id"),
            ),
            None => {
                first.insert(order, &p.src.file);
            }
        }
    }
}

/// Question text as a reader compares it: case, spacing and closing punctuation aside.
fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    let end = out.trim_end_matches(['.', '?', '!', '…', ' ']).len();
    out.truncate(end);
    out
}

/// Two questions asking the same thing: a reader would practise it twice.
pub(super) fn duplicate_questions(
    questions: &[(Parsed<'_>, Arc<RawQuestion>)],
    diags: &mut Diagnostics,
) {
    let mut first: HashMap<&str, &str> = HashMap::default();
    for (p, raw) in questions {
        let Some(question) = raw.question.as_deref() else {
            continue;
        };
        let text = raw.comparable.get_or_init(|| comparable(question)).as_str();
        if text.is_empty() {
            continue;
        }
        match first.get(&text) {
            Some(other) => diags.push(
                at_key(
                    p,
                    "question",
                    format!("the same question as `{other}`"),
                )
                .with_help(format!(
                    "keep one of `{other}` and `{}`, and move the other's follow-ups and notes into it",
                    p.src.file
                )),
            ),
            None => {
                first.insert(text, &p.src.file);
            }
        }
    }
}

/// A principle no question names: its page and cheat sheet have nothing to practise. Said
/// only of a handbook that loads, when a mistyped reference cannot be the reason.
pub fn principles_without_questions(book: &crate::model::Handbook) -> Vec<Diagnostic> {
    let r = &book.relations;
    book.principles
        .iter()
        .enumerate()
        .filter(|&(i, _)| r.primary_questions[i].is_empty() && r.secondary_questions[i].is_empty())
        .map(|(_, p)| {
            Diagnostic::warning(format!("principle `{}` has no questions", p.id))
                .in_file(p.source.file.clone())
                .at(Position::new(1, 1))
                .with_help(format!(
                    "add a question with `principles: [{}]` in the content folder's questions/",
                    p.id
                ))
        })
        .collect()
}
