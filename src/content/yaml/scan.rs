//! The structural pass over front matter: yaml-rust2's events, read once, bounded, with every
//! problem and the place of each top-level key and list item recorded. Nothing is expanded.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};

use super::{Locations, Problem, MAX_BYTES, MAX_DEPTH};
use crate::diagnostic::{did_you_mean, Position};

/// What the structural pass found.
pub(super) struct Scan {
    pub locations: Locations,
    pub problems: Vec<Problem>,
    /// Top-level entries to leave out (indexes into `locations.order`).
    pub drop: Vec<usize>,
    pub explained: Vec<String>,
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
pub(super) fn scan(yaml: &str, allowed: &[&str]) -> Result<Scan, Vec<Problem>> {
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
