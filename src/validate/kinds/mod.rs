//! Validation of each kind of content: its front matter's own rules, and its body rendered with
//! the options its pages need. What the kinds share is in [`super::context`].

pub(super) mod answer;
pub(super) mod page;
pub(super) mod principle;
pub(super) mod question;
pub(super) mod story;
pub(super) mod tip;

use crate::content::markdown::RenderOptions;

/// Body options: how far headings shift down, the id prefix, and whether `## ` splits sections.
fn options(heading_shift: u8, id_prefix: &str, split_sections: bool) -> RenderOptions<'_> {
    RenderOptions {
        heading_shift,
        id_prefix,
        split_sections,
    }
}
