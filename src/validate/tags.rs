//! Tags on questions and stories: each one checked where it is written, then the handbook's
//! table of tags, matched by slug (so `Google` and `google` are one tag, shown as first
//! written), with a warning where one tag is spelt two ways.

use std::collections::BTreeMap;

use super::context::Built;
use super::front::{OneOrMany, Parsed};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::model::Tag;

/// The longest tag, in characters: it is shown as a filter, a badge and a page title.
pub const MAX_TAG_LEN: usize = 32;

/// The tag's slug: letters and digits folded to lowercase without accents, every run of
/// spaces, `-`, `_` and `.` turned into one `-`. Empty when the tag has no letter or digit.
pub fn slug(name: &str) -> String {
    crate::chars::dashed(name.chars(), crate::chars::fold_char)
}

/// Why `name` is not a usable tag, with how to fix it; `None` when it is one.
pub fn problem(name: &str) -> Option<(String, &'static str)> {
    let name = name.trim();
    let len = name.chars().count();
    const HELP: &str = "write a short label of letters, digits, spaces, `-`, `_` or `.`, such as `google`, `senior` or `team-lead`";
    if name.is_empty() {
        return Some(("a tag is empty".into(), "remove it, or write the tag"));
    }
    if len > MAX_TAG_LEN {
        return Some((
            format!("tag `{name}` is {len} characters long, more than the limit of {MAX_TAG_LEN}"),
            HELP,
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')))
    {
        return Some((
            format!(
                "tag `{name}` holds `{}`, which a tag cannot hold",
                c.escape_debug()
            ),
            HELP,
        ));
    }
    if slug(name).is_empty() {
        return Some((format!("tag `{name}` has no letter or digit"), HELP));
    }
    None
}

/// A diagnostic at the `n`th tag, or at the `tags` key when it holds one tag, not a list.
fn at_tag(p: &Parsed<'_>, n: usize, message: String) -> Diagnostic {
    if p.locations.item("tags", n).is_some() {
        p.at_item("tags", n, message)
    } else {
        p.at_key("tags", message)
    }
}

/// Checks the tags a file writes at `tags`: each one usable, none twice.
pub(super) fn check<T>(p: &Parsed<'_>, tags: Option<&OneOrMany>, out: &mut Built<T>) {
    let tags = tags.cloned().map(OneOrMany::into_vec).unwrap_or_default();
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (n, name) in tags.iter().enumerate() {
        if let Some((message, help)) = problem(name) {
            out.problems.push(at_tag(p, n, message).with_help(help));
            continue;
        }
        let s = slug(name);
        if let Some((_, first)) = seen.iter().find(|(other, _)| *other == s) {
            let message = if first.trim() == name.trim() {
                format!("tag `{}` is listed twice", name.trim())
            } else {
                format!(
                    "tag `{}` is listed twice: `{}` is the same tag (tags ignore case, accents and separators)",
                    name.trim(),
                    first.trim()
                )
            };
            out.problems
                .push(at_tag(p, n, message).with_help("list each tag once"));
        } else {
            seen.push((s, name));
        }
    }
}

/// The tags of one file whose item was built: its front matter and where to put the indices.
pub(super) struct Tagged<'a, 'p> {
    pub(super) parsed: &'a Parsed<'p>,
    pub(super) names: Option<&'a OneOrMany>,
    pub(super) out: &'a mut Vec<usize>,
}

/// Builds the handbook's tags from every tagged item, in reading order, and gives each item
/// its tags' indices. A tag spelt otherwise than where it first appears is a warning there.
pub(super) fn resolve(items: Vec<Tagged<'_, '_>>, diags: &mut Diagnostics) -> Vec<Tag> {
    // First spelling and file of each slug, in reading order.
    let mut first: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut slugs: Vec<Vec<String>> = Vec::with_capacity(items.len());
    for item in &items {
        let names = item
            .names
            .cloned()
            .map(OneOrMany::into_vec)
            .unwrap_or_default();
        let mut own = Vec::with_capacity(names.len());
        for (n, name) in names.iter().enumerate() {
            let name = name.trim();
            let s = slug(name);
            match first.get(&s) {
                Some((shown, file)) if shown != name => {
                    let message = format!(
                        "tag `{name}` is written `{shown}` in `{file}`; both are shown as `{shown}`"
                    );
                    let help = format!(
                        "write `{shown}` everywhere (tags ignore case, accents and separators)"
                    );
                    let mut d = at_tag(item.parsed, n, message).with_help(help);
                    d.severity = Severity::Warning;
                    diags.push(d);
                }
                Some(_) => {}
                None => {
                    first.insert(s.clone(), (name.to_string(), item.parsed.src.file.clone()));
                }
            }
            own.push(s);
        }
        slugs.push(own);
    }
    let index: BTreeMap<&str, usize> = first
        .keys()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    for (item, own) in items.into_iter().zip(&slugs) {
        *item.out = own.iter().map(|s| index[s.as_str()]).collect();
    }
    first
        .into_iter()
        .map(|(slug, (name, _))| Tag { slug, name })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_ignore_case_accents_and_separators() {
        assert_eq!(slug("Google"), "google");
        assert_eq!(slug("team lead"), "team-lead");
        assert_eq!(slug("  Team__Lead. "), "team-lead");
        assert_eq!(slug("Équipe"), "equipe");
        assert_eq!(slug("node.js"), "node-js");
        assert_eq!(slug("L7"), "l7");
        assert_eq!(slug("--"), "");
    }

    #[test]
    fn bad_tags_say_why() {
        assert!(problem("google").is_none());
        assert!(problem("Senior Engineer").is_none());
        assert!(problem(" ").unwrap().0.contains("empty"));
        assert!(problem(&"x".repeat(33))
            .unwrap()
            .0
            .contains("33 characters"));
        assert!(problem("c++").unwrap().0.contains("`+`"));
        assert!(problem("a/b").unwrap().0.contains("`/`"));
        assert!(problem("-.-").unwrap().0.contains("no letter or digit"));
    }
}
