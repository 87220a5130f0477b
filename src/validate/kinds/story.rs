//! A story of the reader's own: a title, principles, a framework and its sections, figures,
//! short and long tellings, and the questions it answers.

use super::super::context::{clean_list, optional_text, required_text, short, Built, Context};
use super::super::front::{Parsed, RawStory};
use super::super::sections::{check_sections, framework_of};
use crate::model::{Source, Story};

pub(in crate::validate) fn build(p: &Parsed<'_>, raw: &RawStory, cx: &Context<'_>) -> Built<Story> {
    let mut out = Built::default();
    let title = required_text(
        p,
        "title",
        raw.title.as_deref(),
        "Rescued the Q3 launch",
        &mut out,
    );
    let principles = cx.principles(p, "principles", raw.principles.as_ref(), &mut out);
    let mut questions = Vec::new();
    let listed = raw
        .questions
        .clone()
        .map(|l| l.into_vec())
        .unwrap_or_default();
    for (n, q) in listed.iter().enumerate() {
        questions.extend(cx.question(p, "questions", Some(n), q, &mut out));
    }
    super::super::tags::check(p, raw.tags.as_ref(), &mut out);
    let framework = framework_of(
        p,
        raw.framework.as_deref(),
        &cx.config.frameworks,
        &mut out.problems,
    );
    let prefix = format!("{}-", p.src.id);
    let rendered = cx.body(p, &super::options(0, &prefix, true), &mut out);
    let sections = framework
        .as_ref()
        .map(|fw| check_sections(p, fw, rendered, &mut out.problems));
    out.finish(|| {
        let (title, title_html) = short(title?);
        Some(Story {
            id: p.src.id.clone(),
            title,
            title_html,
            principles,
            framework: framework?,
            sections: sections?,
            figures: clean_list(&raw.figures),
            short: optional_text(&raw.short),
            long: optional_text(&raw.long),
            questions,
            // Filled in once every file's tags are known (`tags::resolve`).
            tags: Vec::new(),
            source: Source {
                file: p.src.file.clone(),
            },
        })
    })
}
