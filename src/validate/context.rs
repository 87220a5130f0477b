//! What every kind's validation shares: the handbook's ids and link targets, and the checks
//! on them (principle and question references, required text, a body's links), as one type.

use std::cell::RefCell;
// A fast hash: these tables hold every id and path, and are made again on every save.
use foldhash::{HashMap, HashSet};

use super::front::{OneOrMany, Parsed};
use super::{join_content_path, unknown_help, LinkTarget, PendingFragment};
use crate::content::markdown::{self, RenderOptions, Rendered};
use crate::content::Kind;
use crate::diagnostic::{Diagnostic, Position};

/// The ids and link targets of the whole handbook, read by every kind's checks.
pub(super) struct Context<'a> {
    pub(super) config: &'a crate::config::Config,
    pub(super) targets: &'a HashMap<String, LinkTarget>,
    pub(super) principle_ids: Vec<&'a str>,
    pub(super) principle_index: HashMap<&'a str, usize>,
    pub(super) question_ids: Vec<&'a str>,
    pub(super) question_index: HashMap<&'a str, usize>,
    /// Ids of files whose front matter could not be read (their error is already reported).
    pub(super) broken: &'a HashSet<(Kind, &'a str)>,
}

/// One file's result: its item when it has no problem, its problems, and the links into other
/// files' headings to check once every body is rendered.
#[derive(Clone)]
pub(super) struct Built<T> {
    pub(super) item: Option<T>,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) pending: Vec<PendingFragment>,
}

impl<T> Default for Built<T> {
    fn default() -> Self {
        Built {
            item: None,
            problems: Vec::new(),
            pending: Vec::new(),
        }
    }
}

impl<T> Built<T> {
    /// Keeps `item` only if no error was found (warnings leave it whole).
    pub(super) fn finish(mut self, item: impl FnOnce() -> Option<T>) -> Built<T> {
        if !self.problems.iter().any(Diagnostic::is_error) {
            self.item = item();
        }
        self
    }
}

impl<'a> Context<'a> {
    /// Principle ids at `key` (one or a list) as indexes; unknown and repeated ids are problems.
    pub(super) fn principles<T>(
        &self,
        p: &Parsed<'_>,
        key: &str,
        ids: Option<&OneOrMany>,
        out: &mut Built<T>,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        let ids = ids.cloned().map(OneOrMany::into_vec).unwrap_or_default();
        for (n, id) in ids.iter().enumerate() {
            match self.principle_index.get(id.as_str()) {
                Some(&i) if found.contains(&i) => out.problems.push(
                    p.at_item(key, n, format!("principle `{id}` is listed twice"))
                        .with_help("list each principle once"),
                ),
                Some(&i) => found.push(i),
                None if self.broken.contains(&(Kind::Principle, id.as_str())) => {}
                None => out.problems.push(
                    p.at_item(key, n, unknown("principle", id))
                        .with_help(unknown_help(id, &self.principle_ids, "principle")),
                ),
            }
        }
        found
    }

    /// The index of question `id`, named at `key` (item `n` of a list, if a list).
    pub(super) fn question<T>(
        &self,
        p: &Parsed<'_>,
        key: &str,
        n: Option<usize>,
        id: &str,
        out: &mut Built<T>,
    ) -> Option<usize> {
        let found = self.question_index.get(id).copied();
        if found.is_none() && !self.broken.contains(&(Kind::Question, id)) {
            let message = unknown("question", id);
            let d = match n {
                Some(n) => p.at_item(key, n, message),
                None => p.at_key(key, message),
            };
            out.problems
                .push(d.with_help(unknown_help(id, &self.question_ids, "question")));
        }
        found
    }

    /// Renders `p`'s body, checking every link against the handbook's files.
    pub(super) fn body<T>(
        &self,
        p: &Parsed<'_>,
        opts: &RenderOptions<'_>,
        out: &mut Built<T>,
    ) -> Rendered {
        let own_dir = match p.src.content_path.rfind('/') {
            Some(i) => &p.src.content_path[..i],
            None => "",
        };
        let self_target = self.targets.get(&p.src.content_path);
        let fragments = RefCell::new(Vec::new());
        let resolver = |path: &str,
                        fragment: Option<&str>,
                        offset: usize|
         -> Result<Option<String>, (String, String)> {
            if path.is_empty() {
                if let (Some(f), Some(t)) = (fragment, self_target) {
                    fragments
                        .borrow_mut()
                        .push((t.kind, t.index, f.to_string(), offset));
                }
                return Ok(None);
            }
            if let Some(page) = path.strip_prefix(super::generated::PREFIX) {
                let page = super::generated::resolve(self.config, page)?;
                return Ok(Some(match fragment {
                    Some(f) => format!("{page}#{f}"),
                    None => page,
                }));
            }
            let joined = join_content_path(own_dir, path).ok_or_else(|| {
                (
                    format!("link `{path}` points outside the content folder"),
                    "link only to files inside the content folder".to_string(),
                )
            })?;
            let t = self.targets.get(&joined).ok_or_else(|| {
                let hint = if let Some(hint) = super::generated::hint(path) {
                    hint
                } else if path.ends_with(".html") {
                    "link to the Markdown file (`.md`) of the page instead".to_string()
                } else {
                    format!("no file `{joined}` in the content folder; check the path (it is relative to this file)")
                };
                (format!("link target `{path}` does not exist"), hint)
            })?;
            let linkable = t.kind.filter(|k| k.info().sections.is_some());
            match (fragment, linkable) {
                (None, _) => Ok(Some(t.path.clone())),
                (Some(f), Some(k)) => {
                    fragments
                        .borrow_mut()
                        .push((Some(k), t.index, f.to_string(), offset));
                    Ok(Some(format!("{}#{f}", t.path)))
                }
                (Some(_), None) => Err((
                    format!("link `{path}#...` points into a file that has no sections of its own"),
                    "remove the `#...` part".to_string(),
                )),
            }
        };
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            markdown::render(p.body, opts, &resolver)
        }));
        match rendered {
            Ok((r, md_problems)) => {
                for prob in md_problems {
                    let mut d = p
                        .at(Some(p.body_pos(prob.offset)), prob.message)
                        .with_help(prob.help);
                    if prob.warning {
                        d.severity = crate::diagnostic::Severity::Warning;
                    }
                    out.problems.push(d);
                }
                for (kind, index, fragment, offset) in fragments.into_inner() {
                    if let Some(kind) = kind {
                        out.pending.push(PendingFragment {
                            file: p.src.file.clone(),
                            position: p.body_pos(offset),
                            kind,
                            index,
                            fragment,
                        });
                    }
                }
                r
            }
            Err(_) => {
                out.problems.push(
                    p.at(Some(Position::new(p.body_line, 1)), "the Markdown parser crashed on this file")
                        .with_help("simplify the Markdown (deeply nested lists or quotes) and report the file to prepbook"),
                );
                Rendered::default()
            }
        }
    }
}

/// "unknown principle `x`", naming an invisible or look-alike character the id holds.
fn unknown(noun: &str, id: &str) -> String {
    match crate::chars::name_hidden(id, true) {
        Some(hidden) => format!("unknown {noun} `{id}`: it holds {hidden}"),
        None => format!("unknown {noun} `{id}`"),
    }
}

/// A required, non-empty text field.
pub(super) fn required_text<T>(
    p: &Parsed<'_>,
    key: &str,
    value: Option<&str>,
    example: &str,
    out: &mut Built<T>,
) -> Option<String> {
    match value {
        None => {
            p.missing(key, example, &mut out.problems);
            None
        }
        Some(v) if v.trim().is_empty() => {
            out.problems.push(
                p.at_key(key, format!("`{key}` is empty"))
                    .with_help(format!("write the {key}, e.g. `{key}: {example}`")),
            );
            None
        }
        Some(v) => Some(v.trim().to_string()),
    }
}

/// A one-line Markdown field as plain text and inline HTML.
pub(super) fn short(text: String) -> (String, String) {
    let i = crate::content::markdown::inline(&text);
    (i.plain, i.html)
}

/// Each item of a one-line Markdown list as plain text, and as inline HTML.
pub(super) fn short_list(items: Vec<String>) -> (Vec<String>, Vec<String>) {
    items.into_iter().map(short).unzip()
}

/// The non-empty items of a list, trimmed.
pub(super) fn clean_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Optional text, trimmed; empty counts as absent.
pub(super) fn optional_text(value: &Option<String>) -> Option<String> {
    value
        .as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Optional text as written; blank counts as absent.
pub(super) fn non_blank(value: &Option<String>) -> Option<String> {
    value.clone().filter(|s| !s.trim().is_empty())
}
