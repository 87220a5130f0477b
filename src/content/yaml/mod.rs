//! The one place that parses YAML: a bounded structural pass, then typed deserialization.
//!
//! serde_yaml expands aliases while it deserializes and silently keeps the last of two
//! duplicate keys in generic values, so every front matter first goes through an event-level
//! pass (yaml-rust2) that expands nothing. It rejects anchors, aliases, tags, deep nesting,
//! duplicate keys, unknown keys and second documents with their positions, and records where
//! each top-level key and list item is, so later checks can point at the exact spot.
//! Swapping serde_yaml for a maintained fork only touches this module.

mod scan;

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::diagnostic::Position;
use scan::{scan, Scan};

/// Front matter larger than this is refused before it is parsed.
pub const MAX_BYTES: usize = 64 * 1024;
/// Deeper nesting of lists and maps than this is refused.
pub const MAX_DEPTH: usize = 16;

/// A problem in a YAML text; positions are relative to the YAML text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub position: Option<Position>,
    pub message: String,
    pub help: String,
}

impl Problem {
    fn new(
        position: Option<Position>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Problem {
            position,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// Where each top-level key and each item of a top-level list stands.
#[derive(Debug, Clone, Default)]
pub struct Locations {
    keys: HashMap<String, (Position, Vec<Position>)>,
    /// Every top-level key as written, in order, with its line.
    order: Vec<(String, usize)>,
}

impl Locations {
    /// The position of top-level `key`.
    pub fn key(&self, key: &str) -> Option<Position> {
        self.keys.get(key).map(|(p, _)| *p)
    }

    /// The position of item `index` of the list under top-level `key`, else of the key.
    pub fn item(&self, key: &str, index: usize) -> Option<Position> {
        let (p, items) = self.keys.get(key)?;
        Some(items.get(index).copied().unwrap_or(*p))
    }

    /// The lines `[first, end)` of top-level entry `i`: up to the next key, or to the end.
    fn span(&self, i: usize) -> (usize, usize) {
        let start = self.order[i].1;
        let end = self.order.get(i + 1).map_or(usize::MAX, |(_, l)| *l);
        (start, end)
    }

    /// The top-level entry that holds `line`, when each entry has lines of its own.
    fn entry_at(&self, line: usize) -> Option<usize> {
        let i = self.order.iter().rposition(|(_, l)| *l <= line)?;
        let (start, end) = self.span(i);
        (start < end).then_some(i)
    }
}

/// The top-level keys a `#[derive(Deserialize)]` struct accepts, as serde knows them (renames
/// applied): the type is the one list of its keys. Found by asking `T` to deserialize itself
/// from a deserializer that only records the field names the derive hands it.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    #[derive(Debug)]
    struct Found(&'static [&'static str]);
    impl std::fmt::Display for Found {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "fields found")
        }
    }
    impl std::error::Error for Found {}
    impl de::Error for Found {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Found(&[])
        }
    }
    struct Fields;
    impl<'de> de::Deserializer<'de> for Fields {
        type Error = Found;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            Err(Found(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    match T::deserialize(Fields) {
        Err(Found(fields)) => fields,
        Ok(_) => &[],
    }
}

/// A YAML mapping read into `T`, with the problems that did not stop the reading.
#[derive(Debug)]
pub struct Read<T> {
    pub value: T,
    pub locations: Locations,
    /// Unknown and repeated keys and values of the wrong type: each is reported, its line is
    /// left out, and the rest of the front matter is still read so every other problem of
    /// the file can be found too.
    pub problems: Vec<Problem>,
    /// Keys whose absence is already explained by a problem (a value of the wrong type, or
    /// an unknown key that is a misspelling of it), so "missing key" is not said as well.
    pub explained: Vec<String>,
}

/// Parses a YAML mapping into `T`, allowing only the top-level keys in `allowed`. Problems
/// that leave the rest readable come back with the value; the others stop it.
pub fn parse<T: DeserializeOwned>(yaml: &str, allowed: &[&str]) -> Result<Read<T>, Vec<Problem>> {
    let Scan {
        locations,
        mut problems,
        mut drop,
        mut explained,
    } = scan(yaml, allowed)?;
    // YAML refuses control characters with a byte offset; name the character and its place.
    if let Some((at, c)) = yaml
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        problems.push(Problem::new(
            Some(crate::diagnostic::Position::of_offset(yaml, at)),
            format!(
                "the invisible control character U+{:04X} is not allowed here",
                c as u32
            ),
            "delete it (it often comes with text copied from a terminal or a PDF)",
        ));
        return Err(problems);
    }
    // Each value of the wrong type is reported, then read around, at most once per key.
    for _ in 0..=locations.order.len() {
        let text = without_entries(yaml, &locations, &drop);
        let text = if text.trim().is_empty() { "{}" } else { &text };
        let e = match serde_yaml::from_str::<T>(text) {
            Ok(value) => {
                return Ok(Read {
                    value,
                    locations,
                    problems,
                    explained,
                })
            }
            Err(e) => e,
        };
        let position = e.location().map(|l| Position::new(l.line(), l.column()));
        let message = e.to_string();
        // serde_yaml appends " at line X column Y"; the position is reported separately.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .replace("expected u32", "expected a whole number")
            .replace("expected u8", "expected a whole number")
            .replace("expected i64", "expected a whole number");
        problems.push(Problem::new(
            position,
            message,
            "fix the value's type: text, a number, or a list as the format describes",
        ));
        let entry = position.and_then(|p| locations.entry_at(p.line));
        match entry {
            Some(i) if !drop.contains(&i) => {
                drop.push(i);
                explained.push(locations.order[i].0.clone());
            }
            _ => return Err(problems),
        }
    }
    Err(problems)
}

/// `yaml` with the lines of the top-level entries `drop` (indexes into `locations.order`)
/// emptied, so every other line keeps its number.
fn without_entries(yaml: &str, locations: &Locations, drop: &[usize]) -> String {
    if drop.is_empty() {
        return yaml.to_string();
    }
    let spans: Vec<(usize, usize)> = drop.iter().map(|&i| locations.span(i)).collect();
    let mut out = String::with_capacity(yaml.len());
    for (n, line) in (1..).zip(yaml.split_inclusive('\n')) {
        if spans.iter().any(|&(a, b)| n >= a && n < b) {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct T {
        title: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        order: Option<u32>,
    }
    const KEYS: &[&str] = &["title", "tags", "order"];

    /// Every problem, whether or not the rest could be read.
    fn problems(yaml: &str) -> Vec<Problem> {
        match parse::<T>(yaml, KEYS) {
            Ok(r) => r.problems,
            Err(p) => p,
        }
    }

    #[test]
    fn parses_and_locates_keys_and_items() {
        let r = parse::<T>("title: Hi\ntags:\n  - a\n  - b\n", KEYS).unwrap();
        assert_eq!(r.value.title.as_deref(), Some("Hi"));
        assert_eq!(r.value.tags, vec!["a", "b"]);
        assert_eq!(r.locations.key("tags"), Some(Position::new(2, 1)));
        assert_eq!(r.locations.item("tags", 1), Some(Position::new(4, 5)));
        let r = parse::<T>("tags: [x, y]\n", KEYS).unwrap();
        assert_eq!(r.locations.item("tags", 1), Some(Position::new(1, 11)));
    }

    #[test]
    fn empty_front_matter_is_an_empty_map() {
        let r = parse::<T>("", KEYS).unwrap();
        assert!(r.value.title.is_none());
        assert!(r.value.order.is_none());
    }

    #[test]
    fn unknown_key_suggests() {
        let p = problems("titel: x\n");
        assert_eq!(p[0].message, "unknown key `titel`");
        assert_eq!(p[0].help, "did you mean `title`?");
        assert_eq!(p[0].position, Some(Position::new(1, 1)));
    }

    #[test]
    fn every_key_problem_is_reported_and_the_rest_read() {
        let r = parse::<T>(
            "titel: x\nextra:\n  - a\n  - b\norder: one\ntags: [a]\ntags: [b]\n",
            KEYS,
        )
        .unwrap();
        let msgs: Vec<&str> = r.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert_eq!(msgs[0], "unknown key `titel`");
        assert_eq!(msgs[1], "unknown key `extra`");
        assert!(msgs[2].starts_with("duplicate key `tags`"), "{msgs:?}");
        assert!(msgs[3].contains("invalid type"), "{msgs:?}");
        assert_eq!(r.problems[3].position.map(|p| p.line), Some(5));
        assert_eq!(r.value.tags, vec!["a"]);
        assert_eq!(r.explained, vec!["title", "order"]);
        // Keys on one line cannot be read around: every problem still comes back.
        let p = problems("{titel: x, order: one}\n");
        assert_eq!(p[0].message, "unknown key `titel`");
    }

    #[test]
    fn a_key_with_an_invisible_character_is_named() {
        let p = problems("title\u{200B}: x\n");
        assert_eq!(
            p[0].message,
            "unknown key `title\u{200B}`: it holds U+200B ZERO WIDTH SPACE after \"title\""
        );
        assert_eq!(p[0].help, "delete that character: the key is `title`");
    }

    #[test]
    fn a_quote_inside_a_quoted_value_says_how_to_write_it() {
        let p = problems("title: \"Name people, not \"stakeholders\"\"\n");
        assert!(p[0].message.starts_with("invalid YAML"), "{:?}", p[0]);
        assert_eq!(
            p[0].help,
            "a `\"` inside double quotes ends the text: write it as `\\\"`, or put the whole text in single quotes ('...')"
        );
        let p = problems("title: 'Don't blame'\n");
        assert!(p[0].help.contains("write it twice (`''`)"), "{:?}", p[0]);
    }

    #[test]
    fn duplicate_key_names_both_lines() {
        let p = problems("title: a\norder: 1\ntitle: b\n");
        assert_eq!(p[0].message, "duplicate key `title` (first set on line 1)");
        assert_eq!(p[0].position, Some(Position::new(3, 1)));
    }

    #[test]
    fn wrong_type_has_position() {
        let p = problems("order: one\n");
        assert!(p[0].message.contains("invalid type"), "{:?}", p[0]);
        assert_eq!(p[0].position.map(|p| p.line), Some(1));
    }

    #[test]
    fn tabs_get_a_hint() {
        let p = problems("tags:\n\t- a\n");
        assert!(p[0].help.contains("tabs"), "{:?}", p[0]);
    }

    #[test]
    fn second_document_is_refused() {
        let p = problems("title: a\n---\ntitle: b\n");
        assert!(p[0].message.contains("second YAML document"), "{:?}", p[0]);
    }

    // Rejected at the first anchor, before anything is expanded; the benchmark times it.
    #[test]
    fn billion_laughs_is_refused() {
        let mut y = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (i, prev) in ('b'..='i').zip('a'..='h') {
            y.push_str(&format!("{i}: &{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        let p = problems(&y);
        assert!(p.iter().any(|p| p.message.contains("anchors")), "{p:?}");
    }

    #[test]
    fn alias_amplification_is_refused() {
        let items: Vec<String> = (0..4000).map(|i| i.to_string()).collect();
        let aliases: Vec<&str> = (0..4000).map(|_| "*x").collect();
        let y = format!(
            "title: &x [{}]\ntags: [{}]\n",
            items.join(","),
            aliases.join(",")
        );
        let p = problems(&y);
        assert!(p[0].message.contains("anchors"), "{:?}", p[0]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let y = format!("tags: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let p = problems(&y);
        assert!(p[0].message.contains("nested"), "{:?}", p[0]);
    }

    #[test]
    fn oversized_front_matter_is_refused() {
        let y = format!("title: \"{}\"\n", "x".repeat(MAX_BYTES));
        assert!(problems(&y)[0].message.contains("limit"));
    }

    #[test]
    fn custom_tags_are_refused() {
        assert!(problems("title: !secret x\n")[0].message.contains("tags"));
    }
}
