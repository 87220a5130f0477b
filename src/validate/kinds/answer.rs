//! A sample answer: the question it answers, its framework, and the framework's sections.

use super::super::context::{non_blank, Built, Context};
use super::super::front::{Parsed, RawAnswer};
use super::super::sections::{check_sections, framework_of};
use crate::model::{Answer, Source};

pub(in crate::validate) fn build(
    p: &Parsed<'_>,
    raw: &RawAnswer,
    cx: &Context<'_>,
) -> Built<Answer> {
    let mut out = Built::default();
    let question = match raw.question.as_deref() {
        None => {
            p.missing("question", "the-question-id", &mut out.problems);
            None
        }
        Some(q) => cx.question(p, "question", None, q, &mut out),
    };
    let framework = framework_of(
        p,
        raw.framework.as_deref(),
        &cx.config.frameworks,
        &mut out.problems,
    );
    let prefix = format!("{}-", p.src.id);
    let rendered = cx.body(p, &super::options(2, &prefix, true), &mut out);
    let sections = framework
        .as_ref()
        .map(|fw| check_sections(p, fw, rendered, &mut out.problems));
    out.finish(|| {
        Some(Answer {
            id: p.src.id.clone(),
            question: question?,
            framework: framework?,
            persona: non_blank(&raw.persona),
            sections: sections?,
            source: Source {
                file: p.src.file.clone(),
            },
        })
    })
}
