//! A principle: title, order and summary required; signals and pitfalls optional.

use super::super::context::{clean_list, required_text, short, short_list, Built, Context};
use super::super::front::{Parsed, RawPrinciple};
use crate::model::{Principle, Source};

pub(in crate::validate) fn build(
    p: &Parsed<'_>,
    raw: &RawPrinciple,
    cx: &Context<'_>,
) -> Built<Principle> {
    let mut out = Built::default();
    let title = required_text(p, "title", raw.title.as_deref(), "Integrity", &mut out);
    let summary = required_text(
        p,
        "summary",
        raw.summary.as_deref(),
        "One line on what it means",
        &mut out,
    );
    if raw.order.is_none() {
        p.missing("order", "1", &mut out.problems);
    }
    let body = cx.body(p, &super::options(0, "", false), &mut out);
    out.finish(|| {
        let (summary, summary_html) = short(summary?);
        let (signals, signals_html) = short_list(clean_list(&raw.signals));
        let (pitfalls, pitfalls_html) = short_list(clean_list(&raw.pitfalls));
        Some(Principle {
            id: p.src.id.clone(),
            title: title?,
            order: raw.order?,
            summary,
            summary_html,
            signals,
            signals_html,
            pitfalls,
            pitfalls_html,
            body: body.into(),
            source: Source {
                file: p.src.file.clone(),
            },
        })
    })
}
