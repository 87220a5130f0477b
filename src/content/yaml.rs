//! The one place that parses YAML: a bounded structural pass, then typed deserialization.
//!
//! serde_yaml expands aliases while it deserializes and silently keeps the last of two
//! duplicate keys in generic values, so every front matter first goes through an event-level
//! pass (yaml-rust2) that expands nothing. It rejects anchors, aliases, tags, deep nesting,
//! duplicate keys, unknown keys and second documents with their positions, and records where
//! each top-level key and list item is, so later checks can point at the exact spot.
//! Swapping serde_yaml for a maintained fork only touches this file.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, Parser};

use crate::diagnostic::{did_you_mean, Position};

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

/// What the structural pass found.
struct Scan {
    locations: Locations,
    problems: Vec<Problem>,
    /// Top-level entries to leave out (indexes into `locations.order`).
    drop: Vec<usize>,
    explained: Vec<String>,
}

fn pos(m: &yaml_rust2::scanner::Marker) -> Position {
    Position::new(m.line(), m.col() + 1)
}

/// One open collection during the scan.
enum Frame {
    /// A mapping: keys seen so far, and whether the next scalar is a key.
    Map {
        seen: HashMap<String, Position>,
        expect_key: bool,
        top: bool,
    },
    Seq {
        /// The top-level key this list is the value of, if any.
        top_key: Option<String>,
    },
}

/// The structural pass: bounded, expands nothing, reports problems with positions.
fn scan(yaml: &str, allowed: &[&str]) -> Result<Scan, Vec<Problem>> {
    if yaml.len() > MAX_BYTES {
        return Err(vec![Problem::new(
            None,
            format!(
                "front matter is {} bytes, more than the limit of {MAX_BYTES}",
                yaml.len()
            ),
            "keep long text in the Markdown body below the front matter",
        )]);
    }
    let mut parser = Parser::new_from_str(yaml);
    let mut stack: Vec<Frame> = Vec::new();
    let mut locations = Locations::default();
    let mut problems = Vec::new();
    // Whether a problem stops the reading (the others can be read around).
    let mut hard = false;
    let mut drop = Vec::new();
    let mut explained = Vec::new();
    let mut documents = 0;
    // The top-level key whose value is being read, if the value is a list.
    let mut pending_top_key: Option<String> = None;

    loop {
        let (event, mark) = match parser.next_token() {
            Ok(x) => x,
            Err(e) => {
                let p = pos(e.marker());
                if e.info().contains("recursion limit") {
                    problems.push(Problem::new(
                        Some(p),
                        format!("front matter is nested more than {MAX_DEPTH} levels deep"),
                        "flatten the value: fields are text, numbers or simple lists",
                    ));
                    return Err(problems);
                }
                let line_text = yaml.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
                let help = if line_text.contains('\t') {
                    "YAML does not allow tabs for indentation: indent with spaces"
                } else if e.info().contains("mapping values are not allowed") {
                    "put quotes around text that contains `: `"
                } else if e.info().contains("after double-quoted scalar") {
                    // Text quoted as a guide writes it: `"Name people, not "stakeholders""`.
                    // The parser says "double-quoted" for both kinds of quotes.
                    let value = line_text
                        .split_once(':')
                        .map_or("", |(_, v)| v.trim_start());
                    if value.starts_with('\'') {
                        "a `'` inside single quotes ends the text: write it twice (`''`), or put the whole text in double quotes"
                    } else {
                        "a `\"` inside double quotes ends the text: write it as `\\\"`, or put the whole text in single quotes ('...')"
                    }
                } else {
                    "fix the YAML syntax at this spot"
                };
                problems.push(Problem::new(
                    Some(p),
                    format!("invalid YAML: {}", e.info()),
                    help,
                ));
                return Err(problems);
            }
        };
        let here = pos(&mark);
        // Anchors are numbered from 1; 0 means none.
        let (anchor, tagged) = match &event {
            Event::Scalar(_, _, a, t) => (*a, t.is_some()),
            Event::SequenceStart(a, t) | Event::MappingStart(a, t) => (*a, t.is_some()),
            _ => (0, false),
        };
        if anchor != 0 {
            problems.push(Problem::new(
                Some(here),
                "YAML anchors (`&name`) are not allowed in front matter",
                "write the value out in full",
            ));
            return Err(problems);
        }
        if tagged {
            problems.push(Problem::new(
                Some(here),
                "YAML tags (`!tag`) are not allowed in front matter",
                "remove the tag; plain text, numbers and lists are all that is needed",
            ));
            return Err(problems);
        }
        match event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    problems.push(Problem::new(
                        Some(here),
                        "front matter holds a second YAML document",
                        "remove the extra `---` or `...` line; the front matter ends at the second `---`",
                    ));
                    return Err(problems);
                }
            }
            Event::Alias(_) => {
                problems.push(Problem::new(
                    Some(here),
                    "YAML aliases (`*name`) are not allowed in front matter",
                    "write the value out in full",
                ));
                return Err(problems);
            }
            Event::Scalar(value, ..) => {
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Map {
                        expect_key: true,
                        ..
                    })
                );
                if stack.is_empty() && !value.is_empty() {
                    problems.push(Problem::new(
                        Some(here),
                        "front matter must be a list of `key: value` lines",
                        "write fields such as `title: My title`, one per line",
                    ));
                    return Err(problems);
                }
                if is_key {
                    if let Some(Frame::Map {
                        seen,
                        expect_key,
                        top,
                    }) = stack.last_mut()
                    {
                        *expect_key = false;
                        let first = seen.get(&value).copied();
                        if first.is_none() {
                            seen.insert(value.clone(), here);
                        }
                        if !*top {
                            if let Some(first) = first {
                                problems.push(duplicate(&value, first, here));
                                hard = true;
                            }
                        } else {
                            let index = locations.order.len();
                            locations.order.push((value.clone(), here.line));
                            if let Some(first) = first {
                                problems.push(duplicate(&value, first, here));
                                drop.push(index);
                            } else if !allowed.contains(&value.as_str()) {
                                let (problem, meant) = unknown_key(&value, here, allowed);
                                problems.push(problem);
                                explained.extend(meant);
                                drop.push(index);
                                locations.keys.insert(value.clone(), (here, Vec::new()));
                            } else {
                                locations.keys.insert(value.clone(), (here, Vec::new()));
                            }
                            pending_top_key = Some(value);
                        }
                    }
                } else {
                    value_done(&mut stack, here, &mut locations);
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    problems.push(Problem::new(
                        Some(here),
                        format!("front matter is nested more than {MAX_DEPTH} levels deep"),
                        "flatten the value: fields are text, numbers or simple lists",
                    ));
                    return Err(problems);
                }
                if let Some(Frame::Map {
                    expect_key: true, ..
                }) = stack.last()
                {
                    problems.push(Problem::new(
                        Some(here),
                        "a list or map cannot be used as a key",
                        "keys are plain words such as `title`",
                    ));
                    return Err(problems);
                }
                let is_top_value = stack.len() == 1;
                if matches!(event, Event::MappingStart(..)) {
                    stack.push(Frame::Map {
                        seen: HashMap::new(),
                        expect_key: true,
                        top: stack.is_empty(),
                    });
                } else {
                    let top_key = if is_top_value {
                        pending_top_key.take()
                    } else {
                        None
                    };
                    stack.push(Frame::Seq { top_key });
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                if let Some(Frame::Map { expect_key, .. }) = stack.last_mut() {
                    *expect_key = true;
                }
            }
        }
    }
    // Entries that share a line (`{a: 1, b: 2}`) cannot be left out one by one.
    let separable = drop.iter().all(|&i| {
        let (a, b) = locations.span(i);
        a < b
    });
    if !hard && separable {
        Ok(Scan {
            locations,
            problems,
            drop,
            explained,
        })
    } else {
        Err(problems)
    }
}

fn duplicate(key: &str, first: Position, here: Position) -> Problem {
    Problem::new(
        Some(here),
        format!("duplicate key `{key}` (first set on line {})", first.line),
        "keep only one of the two lines",
    )
}

/// The problem for an unknown top-level key, and the key it was probably meant to be.
fn unknown_key(key: &str, here: Position, allowed: &[&str]) -> (Problem, Option<String>) {
    // A key that is a valid one plus an invisible or look-alike character says so.
    if let Some(hidden) = crate::chars::name_hidden(key, true) {
        let visible: String = key.chars().filter(|c| c.is_ascii_graphic()).collect();
        let meant = allowed
            .iter()
            .find(|k| **k == visible)
            .map(|k| k.to_string());
        let help = match &meant {
            Some(k) => format!("delete that character: the key is `{k}`"),
            None => format!("retype the key; valid keys: {}", allowed.join(", ")),
        };
        let message = format!("unknown key `{key}`: it holds {hidden}");
        return (Problem::new(Some(here), message, help), meant);
    }
    let meant = did_you_mean(key, allowed.iter().copied());
    let help = match meant {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("valid keys: {}", allowed.join(", ")),
    };
    let problem = Problem::new(Some(here), format!("unknown key `{key}`"), help);
    (problem, meant.map(str::to_string))
}

/// Records a finished scalar value: a list item position, or the end of a map value.
fn value_done(stack: &mut [Frame], here: Position, locations: &mut Locations) {
    match stack.last_mut() {
        Some(Frame::Map { expect_key, .. }) => *expect_key = true,
        Some(Frame::Seq { top_key: Some(k) }) => {
            if let Some((_, items)) = locations.keys.get_mut(k.as_str()) {
                items.push(here);
            }
        }
        _ => {}
    }
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
