//! A question: its text and principles required; stage, role, priority and follow-ups checked.

use super::super::context::{clean_list, required_text, short, short_list, Built, Context};
use super::super::front::{Parsed, RawQuestion};
use super::super::unknown_help;
use crate::model::{Question, Source};

/// The longest `role` label: it is shown as a filter and a tag.
const MAX_ROLE_LEN: usize = 24;

pub(in crate::validate) fn build(
    p: &Parsed<'_>,
    raw: &RawQuestion,
    cx: &Context<'_>,
) -> Built<Question> {
    let mut out = Built::default();
    let text = required_text(
        p,
        "question",
        raw.question.as_deref(),
        "\"Tell me about a time...\"",
        &mut out,
    );
    let principles = match &raw.principles {
        None => {
            let example = format!(
                "[{}]",
                cx.principle_ids.first().unwrap_or(&"first-principle")
            );
            p.missing("principles", &example, &mut out.problems);
            Vec::new()
        }
        Some(list) => {
            if list.clone().into_vec().is_empty() {
                out.problems.push(
                    p.at_key("principles", "`principles` is empty")
                        .with_help("list at least one principle id; the first is the primary one"),
                );
            }
            cx.principles(p, "principles", Some(list), &mut out)
        }
    };
    let stages = &cx.config.interview.stages;
    let stage = raw.stage.as_deref().and_then(|s| {
        let stage = stages.iter().position(|st| st.id == s);
        if stage.is_none() {
            let ids: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
            out.problems.push(
                p.at_key("stage", format!("unknown stage `{s}`"))
                    .with_help(unknown_help(s, &ids, "stage")),
            );
        }
        stage
    });
    if let Some(role) = &raw.role {
        let ok = !role.is_empty()
            && role.len() <= MAX_ROLE_LEN
            && role
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            let message = if role.len() > MAX_ROLE_LEN {
                format!(
                    "role `{role}` is {} characters long, more than the limit of {MAX_ROLE_LEN}",
                    role.len()
                )
            } else {
                format!("role `{role}` is not a short label")
            };
            out.problems.push(p.at_key("role", message).with_help(
                "use a short label of lowercase letters, digits and `-`, such as `pm`, `pmt` or `swe`",
            ));
        }
    }
    if let Some(pr) = raw.priority {
        if !(1..=5).contains(&pr) {
            out.problems.push(
                p.at_key("priority", format!("priority {pr} is out of range"))
                    .with_help("use 1 (most important) to 5 (least); the default is 3"),
            );
        }
    }
    super::super::tags::check(p, raw.tags.as_ref(), &mut out);
    let notes = cx.body(p, &super::options(1, "", false), &mut out);
    out.finish(|| {
        let (text, text_html) = short(text?);
        let (follow_ups, follow_ups_html) = short_list(clean_list(&raw.follow_ups));
        Some(Question {
            id: p.src.id.clone(),
            text,
            text_html,
            principles,
            stage,
            role: raw.role.clone(),
            priority: raw.priority.unwrap_or(3),
            follow_ups,
            follow_ups_html,
            behavioral: raw.behavioral.unwrap_or(true),
            // Filled in once every file's tags are known (`tags::resolve`).
            tags: Vec::new(),
            notes: notes.into(),
            source: Source {
                file: p.src.file.clone(),
            },
        })
    })
}
