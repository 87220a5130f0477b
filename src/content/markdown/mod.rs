//! Markdown to HTML in one pass: heading ids and table of contents, links checked and
//! rewritten, raw HTML shown as text, plain text kept for search and word counts (pure).

use std::collections::{HashMap, HashSet};

mod inline;
mod links;
mod warnings;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use inline::{inline, Inline};
use links::rewrite;

/// Internal links are written as `@root/<path>`; [`at_root`] turns them into relative links
/// for the page they end up on.
pub const ROOT_MARK: &str = "@root/";

/// Rewrites the internal-link marks in rendered HTML for a page `root` (`""` or `"../"`).
pub fn at_root(html: &str, root: &str) -> String {
    html.replace("=\"@root/", &format!("=\"{root}"))
}

/// A heading of the in-page table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// One `##` section of a body split by sections (sample answers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    /// Byte offset of the heading in the source.
    pub offset: usize,
    pub html: String,
    pub plain: String,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML; with `split_sections`, only what stands before the first `##`.
    pub html: String,
    /// The text with markup removed, blocks separated by newlines.
    pub plain: String,
    pub toc: Vec<TocEntry>,
    /// For each entry of `toc`, the byte offset in `plain` where its heading text starts, so
    /// the text can be cut into one part per heading without keeping a second copy.
    pub heading_starts: Vec<usize>,
    pub sections: Vec<Section>,
    /// Byte offset of the first non-blank content before the first `##`, if any.
    pub preamble_offset: Option<usize>,
}

/// A problem found while rendering, at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: String,
    /// Shown as a warning: the page is built, but not as the author may think.
    pub warning: bool,
}

impl Problem {
    fn warning(offset: usize, message: String, help: &str) -> Self {
        Problem {
            offset,
            message,
            help: help.to_string(),
            warning: true,
        }
    }
}

/// How a body is rendered.
pub struct RenderOptions<'a> {
    /// Added to every heading level (`##` becomes h(2 + shift)), capped at h6.
    pub heading_shift: u8,
    /// Prefixed to every heading id, so several bodies can share a page.
    pub id_prefix: &'a str,
    /// Split the body at `##` headings into [`Section`]s.
    pub split_sections: bool,
}

/// Resolves a relative link target (path, fragment; the path is empty for `#fragment` links)
/// to a root-relative output path, or `None` to keep the target as written. The last argument
/// is the byte offset of the link in the source, for messages.
pub type Resolver<'a> =
    dyn Fn(&str, Option<&str>, usize) -> Result<Option<String>, (String, String)> + 'a;

/// Ids that the templates use on every page; body headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "top",
    "main",
    "content",
    "nav",
    "toc",
    "search",
    "summary",
    "signals",
    "pitfalls",
    "explanation",
    "questions",
    "primary",
    "secondary",
    "tips",
    "answers",
    "notes",
    "follow-ups",
    "principles",
    "general",
    "pages",
    "stories",
];

/// Makes an id from heading text: lowercase letters and digits joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = crate::chars::dashed(text.chars().flat_map(char::to_lowercase), |c, out| {
        out.push(c);
    });
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Renders `src`, reporting problems by byte offset.
pub fn render(
    src: &str,
    opts: &RenderOptions<'_>,
    resolve: &Resolver<'_>,
) -> (Rendered, Vec<Problem>) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);

    let mut problems = Vec::new();
    let mut out = Rendered::default();
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    // The events of the part being built (the preamble or the current section).
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut plain = String::new();
    // A heading being collected: (original level, source offset, its inner events, its text).
    let mut heading: Option<(HeadingLevel, usize, Vec<Event<'_>>, String)> = None;
    let mut in_section = false;
    let mut section_title = String::new();
    let mut section_offset = 0;
    // The start of the last line warned about for raw HTML, to warn once per line.
    let mut html_line = None;
    // Invisible characters in prose (not in code, which shows what it holds).
    let mut hidden = warnings::Hidden::default();
    let mut in_code = false;

    let finish_part = |events: &mut Vec<Event<'_>>, plain: &mut String| {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.drain(..));
        html.shrink_to_fit();
        let mut plain = std::mem::take(plain);
        plain.shrink_to_fit();
        (html, plain)
    };

    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        if let Some((_, _, inner, text)) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let (level, offset, inner, text) = heading.take().expect("heading is open");
                    let text = text.trim().to_string();
                    let section = opts.split_sections && level == HeadingLevel::H2;
                    if !section {
                        // Section headings are compared with the framework's steps instead.
                        warnings::heading(&text, offset, &mut problems);
                    }
                    if section {
                        if in_section {
                            let (html, p) = finish_part(&mut events, &mut plain);
                            out.sections.push(Section {
                                title: std::mem::take(&mut section_title),
                                offset: section_offset,
                                html,
                                plain: p,
                            });
                        } else {
                            let (html, p) = finish_part(&mut events, &mut plain);
                            out.html = html;
                            out.plain = p;
                        }
                        in_section = true;
                        section_title = text;
                        section_offset = offset;
                        continue;
                    }
                    let mut id = format!("{}{}", opts.id_prefix, slugify(&text));
                    if used.contains(&id) {
                        // Count on from where the last duplicate of this heading stopped, so
                        // that n identical headings take linear time, not quadratic.
                        let base = id.clone();
                        let n = next_suffix.entry(base.clone()).or_insert(1);
                        while used.contains(&id) {
                            id = format!("{base}-{n}");
                            *n += 1;
                        }
                    }
                    used.insert(id.clone());
                    let shifted = shift(level, opts.heading_shift);
                    out.toc.push(TocEntry {
                        level: shifted as u8,
                        id: id.clone(),
                        text: text.clone(),
                    });
                    out.heading_starts.push(plain.len());
                    plain.push_str(&text);
                    plain.push('\n');
                    events.push(Event::Start(Tag::Heading {
                        level: shifted,
                        id: Some(CowStr::from(id)),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }));
                    events.extend(inner);
                    events.push(Event::End(TagEnd::Heading(shifted)));
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    text.push_str(t);
                    inner.push(event);
                }
                Event::Html(t) | Event::InlineHtml(t) => {
                    warnings::html(src, range.start, &t, &mut html_line, &mut problems);
                    text.push_str(&t);
                    inner.push(Event::Text(t));
                }
                other => {
                    let other = rewrite(other, range.start, resolve, &mut problems);
                    inner.push(other);
                }
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, range.start, Vec::new(), String::new()));
            }
            Event::Start(Tag::Paragraph) => {
                warnings::mdx_statement(src, range.start, &mut problems);
                events.push(event);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if matches!(event, Event::Text(_)) && !in_code {
                    hidden.scan(src, range.start, range.end, &mut problems);
                }
                if !in_section && out.preamble_offset.is_none() && !t.trim().is_empty() {
                    out.preamble_offset = Some(range.start);
                }
                plain.push_str(t);
                events.push(event);
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                warnings::html(src, range.start, &t, &mut html_line, &mut problems);
                if !in_section && out.preamble_offset.is_none() && !t.trim().is_empty() {
                    out.preamble_offset = Some(range.start);
                }
                plain.push_str(&t);
                events.push(Event::Text(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                events.push(event);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                in_code &= !matches!(event, Event::End(TagEnd::CodeBlock));
                plain.push('\n');
                events.push(event);
            }
            other => {
                if !in_section && out.preamble_offset.is_none() && matches!(other, Event::Rule) {
                    out.preamble_offset = Some(range.start);
                }
                events.push(rewrite(other, range.start, resolve, &mut problems));
            }
        }
    }
    hidden.finish(&mut problems);
    let (html, p) = finish_part(&mut events, &mut plain);
    if in_section {
        out.sections.push(Section {
            title: section_title,
            offset: section_offset,
            html,
            plain: p,
        });
    } else {
        out.html = html;
        out.plain = p;
    }
    (out, problems)
}

fn shift(level: HeadingLevel, by: u8) -> HeadingLevel {
    let n = (level as u8 + by).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> RenderOptions<'static> {
        RenderOptions {
            heading_shift: 0,
            id_prefix: "",
            split_sections: false,
        }
    }

    fn no_links(p: &str, f: Option<&str>, _: usize) -> Result<Option<String>, (String, String)> {
        match p {
            "" => Ok(None),
            "other.md" => Ok(Some(format!(
                "pages/other.html{}",
                f.map(|f| format!("#{f}")).unwrap_or_default()
            ))),
            _ => Err((format!("no file `{p}`"), "check the path".into())),
        }
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let (r, p) = render(
            "## Why it matters\n\n## Why it matters\n\n## Tips\n",
            &opts(),
            &no_links,
        );
        assert!(p.is_empty());
        assert!(r.html.contains("<h2 id=\"why-it-matters\">"));
        assert!(r.html.contains("<h2 id=\"why-it-matters-1\">"));
        // `tips` is used by the templates
        assert!(r.html.contains("<h2 id=\"tips-1\">"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.heading_starts.len(), 3);
        assert!(r.plain[r.heading_starts[2]..].starts_with("Tips"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let (r, p) = render(
            "# <img src=x onerror=alert(1)>\n\nHi <b>there</b>\n\n<script>x</script>\n",
            &opts(),
            &no_links,
        );
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(
            r.html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{}",
            r.html
        );
        assert!(r.html.contains("&lt;b&gt;"));
        // Each line with raw HTML is warned about once.
        let msgs: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(p.iter().all(|p| p.warning));
        assert_eq!(msgs[1], "raw HTML `<b>` is shown as text");
        assert_eq!(p[2].offset, 49);
    }

    #[test]
    fn mdx_and_hidden_characters_are_warned() {
        let src = "import Tabs from '@theme/Tabs';\n\n<Tabs />\n\n## Why\u{200B}\n\nimport is fine in prose.\n";
        let (_, p) = render(src, &opts(), &no_links);
        let msgs: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "MDX statement `import Tabs from '@theme/Tabs';` is shown as text",
                "MDX component `<Tabs />` is shown as text",
                "heading `Why\u{200B}` holds U+200B ZERO WIDTH SPACE after \"Why\"",
            ]
        );
    }

    #[test]
    fn md_links_are_rewritten_and_bad_ones_reported() {
        let (r, p) = render(
            "[a](other.md#x) [b](missing.md) [c](https://e.com) [d](#top)\n",
            &opts(),
            &no_links,
        );
        assert!(
            r.html.contains("href=\"@root/pages/other.html#x\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://e.com\""));
        assert!(r.html.contains("href=\"#top\""));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].message, "no file `missing.md`");
        assert_eq!(
            at_root(&r.html, "../")
                .matches("href=\"../pages/other.html#x\"")
                .count(),
            1
        );
    }

    #[test]
    fn dangerous_and_remote_targets_are_refused() {
        let (_, p) = render(
            "[x](javascript:alert(1)) ![i](https://e.com/a.png) [y](/abs.md)\n",
            &opts(),
            &no_links,
        );
        let msgs: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("javascript"));
        assert!(msgs[1].contains("network"));
        assert!(msgs[2].contains("absolute"));
    }

    #[test]
    fn a_file_image_is_not_called_a_network_image() {
        let (_, p) = render("![i](file:///home/me/a.png)\n", &opts(), &no_links);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].message.contains("a file on this computer"),
            "{}",
            p[0].message
        );
        assert!(!p[0].message.contains("network"));
    }

    #[test]
    fn code_fence_info_and_link_titles_are_escaped() {
        let (r, _) = render(
            "```a\"b\nx\n```\n\n[t](https://e.com \"q\\\"uote\")\n",
            &opts(),
            &no_links,
        );
        assert!(!r.html.contains("a\"b"), "{}", r.html);
        assert!(r.html.contains("q&quot;uote"), "{}", r.html);
    }

    #[test]
    fn sections_split_at_h2() {
        let o = RenderOptions {
            heading_shift: 1,
            id_prefix: "a-",
            split_sections: true,
        };
        let (r, _) = render(
            "## Situation\nOne **two**.\n\n### Detail\n## Result\nThree 40%.\n",
            &o,
            &no_links,
        );
        assert_eq!(r.preamble_offset, None);
        assert_eq!(r.sections.len(), 2);
        assert_eq!(r.sections[0].title, "Situation");
        assert!(
            r.sections[0].html.contains("<h4 id=\"a-detail\">"),
            "{}",
            r.sections[0].html
        );
        assert_eq!(r.sections[1].plain.trim(), "Three 40%.");
        assert_eq!(r.sections[1].offset, 38);
    }

    #[test]
    fn preamble_is_detected() {
        let o = RenderOptions {
            heading_shift: 0,
            id_prefix: "",
            split_sections: true,
        };
        let (r, _) = render("Intro\n## Situation\nx\n", &o, &no_links);
        assert_eq!(r.preamble_offset, Some(0));
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Have Backbone; Disagree & Commit"),
            "have-backbone-disagree-commit"
        );
        assert_eq!(slugify("Ünïcode ok"), "ünïcode-ok");
        assert_eq!(slugify("!!!"), "section");
    }

    // Worse-than-linear cases reported for CommonMark parsers must finish without a crash;
    // the benchmark times them.
    #[test]
    fn pathological_inputs_render() {
        for (unit, tail) in [
            ("[a](<b", ""),
            ("[ (](", ""),
            ("a***", ""),
            ("* ", "a"),
            ("[*_a", ""),
            ("`", ""),
        ] {
            let src = format!("{}{}", unit.repeat(20_000), tail);
            let start = std::time::Instant::now();
            let _ = render(&src, &opts(), &no_links);
            assert!(
                start.elapsed().as_secs() < 5,
                "{unit:?} took {:?}",
                start.elapsed()
            );
        }
        let deep = ">".repeat(100_000);
        let _ = render(&deep, &opts(), &no_links);
    }
}
