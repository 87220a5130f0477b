//! Front matter as each kind of item writes it, and the parsing of one file into it.

use std::sync::Arc;

use serde::Deserialize;

use crate::content::yaml::{self, Locations};
use crate::content::{frontmatter, Kind, SourceFile};
use crate::diagnostic::{Diagnostic, LineIndex, Position};

/// A list of ids written either as one string or as a list.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub(super) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrinciple {
    pub(super) title: Option<String>,
    pub(super) order: Option<u32>,
    pub(super) summary: Option<String>,
    #[serde(default)]
    pub(super) signals: Vec<String>,
    #[serde(default)]
    pub(super) pitfalls: Vec<String>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) question: Option<String>,
    pub(super) principles: Option<OneOrMany>,
    pub(super) stage: Option<String>,
    pub(super) role: Option<String>,
    pub(super) priority: Option<u8>,
    #[serde(default)]
    pub(super) follow_ups: Vec<String>,
    pub(super) behavioral: Option<bool>,
    pub(super) tags: Option<OneOrMany>,
    /// The question's text as the duplicate check compares it, worked out once per parse:
    /// the dev server's memo keeps it for every file that did not change.
    #[serde(skip)]
    pub(super) comparable: std::sync::OnceLock<String>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswer {
    pub(super) question: Option<String>,
    pub(super) framework: Option<String>,
    pub(super) persona: Option<String>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTip {
    pub(super) title: Option<String>,
    pub(super) principles: Option<OneOrMany>,
    pub(super) order: Option<i64>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPage {
    pub(super) title: Option<String>,
    pub(super) order: Option<i64>,
    pub(super) summary: Option<String>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStory {
    pub(super) title: Option<String>,
    pub(super) principles: Option<OneOrMany>,
    pub(super) framework: Option<String>,
    #[serde(default)]
    pub(super) figures: Vec<String>,
    pub(super) short: Option<String>,
    pub(super) long: Option<String>,
    pub(super) questions: Option<OneOrMany>,
    pub(super) tags: Option<OneOrMany>,
}

/// A file's front matter, typed by the kind of its folder. Shared, so that the dev server's
/// next validation takes an unchanged file's front matter from its memo without copying it.
#[derive(Clone)]
pub(super) enum Front {
    Principle(Arc<RawPrinciple>),
    Question(Arc<RawQuestion>),
    Answer(Arc<RawAnswer>),
    Tip(Arc<RawTip>),
    Page(Arc<RawPage>),
    Story(Arc<RawStory>),
}

/// One file after its front matter was parsed.
pub(super) struct Parsed<'a> {
    pub(super) src: &'a SourceFile,
    /// Shared, so that a memo can lend it to the next run.
    pub(super) locations: std::sync::Arc<Locations>,
    /// The file line where the YAML starts, to turn YAML positions into file positions.
    pub(super) yaml_line: usize,
    pub(super) body: &'a str,
    pub(super) body_line: usize,
    /// Built on the first problem in the body, then reused for the rest.
    pub(super) body_lines: std::sync::OnceLock<LineIndex<'a>>,
    /// Keys whose absence a front-matter problem already explains.
    pub(super) explained: Vec<String>,
}

impl Parsed<'_> {
    /// A diagnostic at top-level `key` (or at the top of the file when the key is absent).
    pub(super) fn at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let pos = self.locations.key(key).map(|p| self.file_pos(p));
        self.at(pos, message)
    }

    pub(super) fn at_item(
        &self,
        key: &str,
        index: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let pos = self.locations.item(key, index).map(|p| self.file_pos(p));
        self.at(pos, message)
    }

    pub(super) fn at(&self, pos: Option<Position>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(self.src.file.clone())
            .at(pos.unwrap_or(Position::new(1, 1)))
    }

    pub(super) fn file_pos(&self, p: Position) -> Position {
        Position::new(p.line + self.yaml_line - 1, p.column)
    }

    /// The file position of byte `offset` of the body.
    pub(super) fn body_pos(&self, offset: usize) -> Position {
        let p = self
            .body_lines
            .get_or_init(|| LineIndex::new(self.body))
            .position(offset);
        Position::new(p.line + self.body_line - 1, p.column)
    }

    /// Reports a missing required key, unless a problem with the key already explains it
    /// (a misspelt key, a value of the wrong type).
    pub(super) fn missing(&self, key: &str, example: &str, problems: &mut Vec<Diagnostic>) {
        if self.explained.iter().any(|k| k == key) {
            return;
        }
        problems.push(
            self.at(
                Some(Position::new(1, 1)),
                format!("missing required key `{key}`"),
            )
            .with_help(format!("add `{key}: {example}` to the front matter")),
        );
    }
}

/// One file's front matter in the type of its kind, with the problems read around.
pub(super) type ParseResult<'a> = Result<(Parsed<'a>, Front, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses one file's front matter into the type of its kind. Problems that leave the rest of
/// the file readable (unknown keys, wrong types) come back beside it, so the file's other
/// problems are found too.
pub(super) fn parse_file(src: &SourceFile) -> ParseResult<'_> {
    let split = frontmatter::split(&src.text).map_err(|e| {
        vec![Diagnostic::error(e.message)
            .in_file(src.file.clone())
            .at(e.position)
            .with_help(e.help)]
    })?;
    let yaml_line = split.yaml_line;
    let diagnose = |problems: Vec<yaml::Problem>| -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|p| {
                let pos = p
                    .position
                    .map(|q| Position::new(q.line + yaml_line - 1, q.column))
                    .unwrap_or(Position::new(1, 1));
                Diagnostic::error(p.message)
                    .in_file(src.file.clone())
                    .at(pos)
                    .with_help(p.help)
            })
            .collect()
    };
    fn typed<T: serde::de::DeserializeOwned>(
        yaml_text: &str,
        wrap: fn(Arc<T>) -> Front,
    ) -> Result<yaml::Read<Front>, Vec<yaml::Problem>> {
        yaml::parse::<T>(yaml_text, yaml::field_names::<T>()).map(|r| yaml::Read {
            value: wrap(Arc::new(r.value)),
            locations: r.locations,
            problems: r.problems,
            explained: r.explained,
        })
    }
    let y = split.yaml;
    let read = match src.kind {
        Kind::Principle => typed(y, Front::Principle),
        Kind::Question => typed(y, Front::Question),
        Kind::Answer => typed(y, Front::Answer),
        Kind::Tip => typed(y, Front::Tip),
        Kind::Page => typed(y, Front::Page),
        Kind::Story => typed(y, Front::Story),
    }
    .map_err(diagnose)?;
    let parsed = Parsed {
        src,
        locations: std::sync::Arc::new(read.locations),
        yaml_line,
        body: split.body,
        body_line: split.body_line,
        body_lines: std::sync::OnceLock::new(),
        explained: read.explained,
    };
    Ok((parsed, read.value, diagnose(read.problems)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_types() {
        assert_eq!(
            yaml::field_names::<RawPrinciple>(),
            ["title", "order", "summary", "signals", "pitfalls"]
        );
        assert_eq!(
            yaml::field_names::<RawQuestion>(),
            [
                "question",
                "principles",
                "stage",
                "role",
                "priority",
                "follow_ups",
                "behavioral",
                "tags"
            ]
        );
        assert_eq!(
            yaml::field_names::<RawAnswer>(),
            ["question", "framework", "persona"]
        );
        assert_eq!(
            yaml::field_names::<RawTip>(),
            ["title", "principles", "order"]
        );
        assert_eq!(
            yaml::field_names::<RawPage>(),
            ["title", "order", "summary"]
        );
        assert_eq!(
            yaml::field_names::<RawStory>(),
            [
                "title",
                "principles",
                "framework",
                "figures",
                "short",
                "long",
                "questions",
                "tags"
            ]
        );
    }
}
