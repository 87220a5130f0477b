//! The framework sections of sample answers and stories: present unless optional, known,
//! in order, not empty.

use std::collections::HashSet;
use std::sync::Arc;

use super::front::Parsed;
use super::unknown_help;
use crate::content::markdown::Rendered;
use crate::diagnostic::{did_you_mean, Diagnostic, Position};
use crate::model::{AnswerSection, Framework, Frameworks};

/// The required `framework` key of an answer or a story.
pub(super) fn framework_of(
    p: &Parsed<'_>,
    value: Option<&str>,
    frameworks: &Frameworks,
    problems: &mut Vec<Diagnostic>,
) -> Option<Arc<Framework>> {
    match value {
        None => {
            p.missing("framework", "star", problems);
            None
        }
        Some(f) => {
            let fw = frameworks.get(f).cloned();
            if fw.is_none() {
                let ids = frameworks.ids();
                problems.push(
                    p.at_key("framework", format!("unknown framework `{f}`"))
                        .with_help(unknown_help(f, &ids, "framework")),
                );
            }
            fw
        }
    }
}

/// Checks the sections of a sample answer or a story against its framework.
pub(super) fn check_sections(
    p: &Parsed<'_>,
    fw: &Framework,
    rendered: Rendered,
    problems: &mut Vec<Diagnostic>,
) -> Vec<AnswerSection> {
    let steps: Vec<&str> = fw.step_names().collect();
    let expected = expected(fw);
    if let Some(offset) = rendered.preamble_offset {
        problems.push(
            p.at(Some(p.body_pos(offset)), "text before the first section")
                .with_help(format!("start the body with `## {}`; {expected}", steps[0])),
        );
    }
    let mut out = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // (step index, position) of each known section, in the order written.
    let mut order: Vec<(usize, Position)> = Vec::new();
    for s in &rendered.sections {
        let pos = p.body_pos(s.offset);
        let step = steps
            .iter()
            .copied()
            .find(|st| st.eq_ignore_ascii_case(s.title.trim()));
        let hidden = crate::chars::name_hidden(&s.title, true);
        // A step's name with a hidden character is that step: it is not missing as well.
        let meant = hidden.as_ref().and_then(|_| {
            let seen = crate::chars::as_seen(&s.title);
            steps
                .iter()
                .copied()
                .find(|st| st.eq_ignore_ascii_case(seen.trim()))
        });
        if let Some(step) = meant {
            seen.insert(step);
        }
        match step {
            None if hidden.is_some() => problems.push(
                p.at(
                    Some(pos),
                    format!(
                        "`{}` is not a section of a {} answer: it holds {}",
                        s.title,
                        fw.name(),
                        hidden.unwrap_or_default()
                    ),
                )
                .with_help(format!("delete that character; {expected}")),
            ),
            None => problems.push(
                p.at(
                    Some(pos),
                    format!("`{}` is not a section of a {} answer", s.title, fw.name()),
                )
                .with_help(match did_you_mean(&s.title, steps.iter().copied()) {
                    Some(sug) => format!("did you mean `## {sug}`? {expected}"),
                    None => expected.clone(),
                }),
            ),
            Some(step) if seen.contains(step) => problems.push(
                p.at(Some(pos), format!("section `{step}` appears twice"))
                    .with_help("merge the two sections into one"),
            ),
            Some(step) => {
                seen.insert(step);
                order.push((steps.iter().position(|s| *s == step).unwrap_or(0), pos));
                if s.plain.trim().is_empty() {
                    problems.push(
                        p.at(Some(pos), format!("section `{step}` is empty"))
                            .with_help("write what happened in this step"),
                    );
                }
                out.push(AnswerSection {
                    step: step.to_string(),
                    html: s.html.clone(),
                    plain: s.plain.clone(),
                    line: pos.line,
                });
            }
        }
    }
    // One error for the first section that stands before a step it should follow.
    if let Some(w) = order.windows(2).find(|w| w[1].0 < w[0].0) {
        let (later, earlier) = (steps[w[1].0], steps[w[0].0]);
        problems.push(
            p.at(
                Some(w[1].1),
                format!("section `{later}` is out of order: it must come before `{earlier}`"),
            )
            .with_help(expected.clone()),
        );
    }
    for step in fw.steps().iter().filter(|s| !s.optional) {
        let step = step.name.as_str();
        if !seen.contains(step) {
            let pos = Position::new(p.body_line.max(1), 1);
            problems.push(
                p.at(Some(pos), format!("missing section `{step}`"))
                    .with_help(format!("add a `## {step}` section; {expected}")),
            );
        }
    }
    out
}

/// What the sections of a `fw` answer are, for the help of every section problem.
fn expected(fw: &Framework) -> String {
    let steps: Vec<String> = fw
        .steps()
        .iter()
        .map(|s| match s.optional {
            true => format!("{} (optional)", s.name),
            false => s.name.clone(),
        })
        .collect();
    format!(
        "{} answers have the sections {}, in this order, each as a `## ` heading",
        fw.name(),
        steps.join(", ")
    )
}
