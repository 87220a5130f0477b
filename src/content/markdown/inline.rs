//! Markdown in one-line fields (question text, summaries, signals, tip titles): emphasis,
//! strong, strike-through and code rendered, entities decoded, everything else kept as text,
//! with the plain text beside it for titles, search, print and e-books.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::artifact::escape_html;

/// A short field rendered: HTML to place inside an element, and its plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub html: String,
    pub plain: String,
}

/// A backslash before what would make a one-line field a block (a heading, a list item, a
/// quote, a rule), so `1. Pick a story` stays that text instead of becoming a list.
fn keep_inline(text: &str) -> String {
    let t = text.trim();
    let first = t.chars().next().unwrap_or(' ');
    let second = t.chars().nth(1).unwrap_or(' ');
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if matches!(first, '#' | '>' | '=' | '|')
        || (matches!(first, '-' | '+' | '*' | '_')
            && (second == ' ' || t.chars().all(|c| c == first || c == ' ')))
        || (first == '`' && t.starts_with("```"))
        || (first == '~' && t.starts_with("~~~"))
    {
        return format!("\\{t}");
    }
    if digits > 0 && matches!(t[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &t[..digits], &t[digits..]);
    }
    t.to_string()
}

/// Renders a one-line field. Links keep only their text (the field is often a link itself),
/// raw HTML stays text, and line breaks become spaces.
pub fn inline(text: &str) -> Inline {
    // ASCII white space only: a no-break space (French typography, « Paris ») is text.
    let one_line = text
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let src = keep_inline(&one_line);
    let mut out = Inline::default();
    for event in Parser::new_ext(&src, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.html.push_str(&escape_html(&t));
                out.plain.push_str(&t);
            }
            Event::Code(t) => {
                out.html.push_str("<code>");
                out.html.push_str(&escape_html(&t));
                out.html.push_str("</code>");
                out.plain.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.html.push(' ');
                out.plain.push(' ');
            }
            Event::Start(Tag::Emphasis) => out.html.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => out.html.push_str("</em>"),
            Event::Start(Tag::Strong) => out.html.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.html.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => out.html.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => out.html.push_str("</del>"),
            _ => {}
        }
    }
    out.html = out.html.trim().to_string();
    out.plain = out.plain.trim().to_string();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_and_code_render_and_entities_are_escaped_once() {
        let i = inline("Why _your job position_ at `<role>`?");
        assert_eq!(
            i.html,
            "Why <em>your job position</em> at <code>&lt;role&gt;</code>?"
        );
        assert_eq!(i.plain, "Why your job position at <role>?");
        let i = inline("Tell me about &lt;role&gt; & **impact**");
        assert_eq!(
            i.html,
            "Tell me about &lt;role&gt; &amp; <strong>impact</strong>"
        );
        assert_eq!(i.plain, "Tell me about <role> & impact");
    }

    #[test]
    fn markup_stays_text_and_blocks_stay_inline() {
        let i = inline("[link](https://e.com) <script>alert(1)</script>");
        assert_eq!(i.html, "link &lt;script&gt;alert(1)&lt;/script&gt;");
        let i = inline("<b>bold?</b>");
        assert_eq!(i.html, "&lt;b&gt;bold?&lt;/b&gt;");
        for (src, plain) in [
            ("1. Pick a story", "1. Pick a story"),
            ("# of customers", "# of customers"),
            ("- a dash", "- a dash"),
            ("> quoted", "> quoted"),
            ("---", "---"),
            ("snake_case_name and 5 * 3", "snake_case_name and 5 * 3"),
        ] {
            assert_eq!(inline(src).plain, plain, "{src}");
        }
        assert_eq!(inline("two\n lines").html, "two lines");
    }

    #[test]
    fn a_no_break_space_stays_in_the_text() {
        let i = inline("Mentoring «\u{a0}Paris\u{a0}» team");
        assert_eq!(i.plain, "Mentoring «\u{a0}Paris\u{a0}» team");
        assert_eq!(i.html, "Mentoring «\u{a0}Paris\u{a0}» team");
    }
}
