//! Links to a heading of another file: checked once every body is rendered.

use std::collections::HashMap;

use super::PendingFragment;
use crate::content::Kind;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::*;

pub(super) fn check_fragments(
    pending: &[PendingFragment],
    principles: &[Option<std::sync::Arc<Principle>>],
    questions: &[Option<std::sync::Arc<Question>>],
    pages: &[Option<std::sync::Arc<Page>>],
    answers: &[Option<std::sync::Arc<Answer>>],
    tips: &[Option<std::sync::Arc<Tip>>],
    diags: &mut Diagnostics,
) {
    if pending.is_empty() {
        return;
    }
    let mut answer_anchors: HashMap<usize, Vec<String>> = HashMap::new();
    for a in answers.iter().flatten() {
        answer_anchors
            .entry(a.question)
            .or_default()
            .push(paths::answer_anchor(&a.id));
    }
    let mut tip_anchors: HashMap<usize, Vec<String>> = HashMap::new();
    for t in tips.iter().flatten() {
        for &p in &t.principles {
            tip_anchors
                .entry(p)
                .or_default()
                .push(paths::tip_anchor(&t.id));
        }
    }
    for f in pending {
        // A target with problems of its own is left to its own report.
        let toc = match f.kind {
            Kind::Principle => principles[f.index].as_ref().map(|p| &p.body.toc),
            Kind::Question => questions[f.index].as_ref().map(|q| &q.notes.toc),
            Kind::Page => pages[f.index].as_ref().map(|p| &p.body.toc),
            // Links into these are refused when the body is rendered.
            Kind::Answer | Kind::Tip | Kind::Story => None,
        };
        let Some(toc) = toc else { continue };
        let anchors = match f.kind {
            Kind::Principle => tip_anchors.get(&f.index),
            Kind::Question => answer_anchors.get(&f.index),
            Kind::Page | Kind::Answer | Kind::Tip | Kind::Story => None,
        };
        let extra: &[String] = anchors.map_or(&[][..], |v| &v[..]);
        // The sections the page templates give each kind of page.
        let sections: &[&str] = f.kind.info().sections.unwrap_or(&[]);
        let known = toc.iter().any(|t| t.id == f.fragment)
            || extra.contains(&f.fragment)
            || sections.contains(&f.fragment.as_str());
        if !known {
            let mut ids: Vec<&str> = sections.to_vec();
            ids.extend(toc.iter().map(|t| t.id.as_str()));
            ids.extend(extra.iter().map(String::as_str));
            let help = match did_you_mean(&f.fragment, ids.iter().copied()) {
                Some(s) => format!("did you mean `#{s}`?"),
                None if ids.is_empty() => {
                    "the target has no headings; remove the `#...` part".to_string()
                }
                None => format!(
                    "headings there: {}",
                    ids.iter()
                        .map(|i| format!("#{i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            diags.push(
                Diagnostic::error(format!(
                    "link to `#{}`, which is not a heading of its target",
                    f.fragment
                ))
                .in_file(f.file.clone())
                .at(f.position)
                .with_help(help),
            );
        }
    }
}
