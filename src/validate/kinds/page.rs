//! A free page: a title, an optional order and summary, and any Markdown.

use super::super::context::{non_blank, required_text, short, Built, Context};
use super::super::front::{Parsed, RawPage};
use crate::model::{Page, Source};

pub(in crate::validate) fn build(p: &Parsed<'_>, raw: &RawPage, cx: &Context<'_>) -> Built<Page> {
    let mut out = Built::default();
    let title = required_text(
        p,
        "title",
        raw.title.as_deref(),
        "The interview process",
        &mut out,
    );
    let body = cx.body(p, &super::options(0, "", false), &mut out);
    out.finish(|| {
        let (summary, summary_html) = non_blank(&raw.summary).map(short).unzip();
        let (title, title_html) = short(title?);
        Some(Page {
            id: p.src.id.clone(),
            title,
            title_html,
            order: raw.order.unwrap_or(0),
            summary,
            summary_html,
            body: body.into(),
            source: Source {
                file: p.src.file.clone(),
            },
        })
    })
}
