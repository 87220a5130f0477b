//! A tip: a title, and the principles it belongs to (none makes it a general tip).

use super::super::context::{required_text, short, Built, Context};
use super::super::front::{Parsed, RawTip};
use crate::model::{Source, Tip};

pub(in crate::validate) fn build(p: &Parsed<'_>, raw: &RawTip, cx: &Context<'_>) -> Built<Tip> {
    let mut out = Built::default();
    let title = required_text(
        p,
        "title",
        raw.title.as_deref(),
        "Quantify every result",
        &mut out,
    );
    let principles = cx.principles(p, "principles", raw.principles.as_ref(), &mut out);
    let prefix = format!("{}-", p.src.id);
    let body = cx.body(p, &super::options(2, &prefix, false), &mut out);
    out.finish(|| {
        let (title, title_html) = short(title?);
        Some(Tip {
            id: p.src.id.clone(),
            title,
            title_html,
            principles,
            order: raw.order.unwrap_or(0),
            body: body.into(),
            source: Source {
                file: p.src.file.clone(),
            },
        })
    })
}
