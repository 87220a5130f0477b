//! Reading `book.toml`: the raw TOML types, their defaults, and the checks that turn them into
//! a [`Config`], reporting every problem with its line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::*;
use crate::diagnostic::{did_you_mean, Diagnostic, Position};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    book: RawBook,
    #[serde(default)]
    build: RawBuild,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    print: RawPrint,
    #[serde(default)]
    coach: CoachConfig,
    #[serde(default)]
    stories: RawStories,
    #[serde(default)]
    practice: PracticeConfig,
    #[serde(default)]
    interview: InterviewConfig,
    #[serde(default)]
    strings: std::collections::BTreeMap<String, StringValue>,
    #[serde(default)]
    output: RawOutput,
    #[serde(default)]
    frameworks: std::collections::BTreeMap<String, crate::framework::RawFramework>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOutput {
    site_url: Option<String>,
    #[serde(default = "yes")]
    offline: bool,
}

impl Default for RawOutput {
    fn default() -> Self {
        RawOutput {
            site_url: None,
            offline: true,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStories {
    #[serde(default = "default_target")]
    target: usize,
}

impl Default for RawStories {
    fn default() -> Self {
        RawStories {
            target: default_target(),
        }
    }
}

fn default_target() -> usize {
    2
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrint {
    #[serde(default = "yes")]
    enable: bool,
    #[serde(default = "default_paper")]
    paper: Paper,
    chromium: Option<PathBuf>,
    #[serde(rename = "split-above", default = "default_split_above")]
    split_above: usize,
}

impl Default for RawPrint {
    fn default() -> Self {
        RawPrint {
            enable: true,
            paper: default_paper(),
            chromium: None,
            split_above: default_split_above(),
        }
    }
}

/// A print view of more questions than this is split by principle: one file of every question
/// would weigh tens of megabytes, more than a browser lays out or prints.
fn default_split_above() -> usize {
    2000
}

fn default_paper() -> Paper {
    Paper::A4
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    #[serde(default = "yes")]
    enable: bool,
    #[serde(default = "all_kinds")]
    kinds: Vec<SearchKind>,
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch {
            enable: true,
            kinds: all_kinds(),
        }
    }
}

fn yes() -> bool {
    true
}
fn all_kinds() -> Vec<SearchKind> {
    SearchKind::ALL.to_vec()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default = "default_language")]
    language: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBuild {
    #[serde(default = "default_content")]
    content: PathBuf,
    #[serde(default = "default_output")]
    output: PathBuf,
    #[serde(default = "default_theme")]
    theme: String,
}

impl Default for RawBuild {
    fn default() -> Self {
        RawBuild {
            content: default_content(),
            output: default_output(),
            theme: default_theme(),
        }
    }
}

fn default_language() -> String {
    "en".into()
}
fn default_content() -> PathBuf {
    "content".into()
}
fn default_output() -> PathBuf {
    "book".into()
}
fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// Parses the text of a `book.toml`. `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_error(text, file, &e)])?;
        let mut problems = Vec::new();
        let err = |msg: String, key: &str, help: &str| {
            let mut d = Diagnostic::error(msg).in_file(file).with_help(help);
            if let Some(pos) = find_key(text, key) {
                d = d.at(pos);
            }
            d
        };
        if raw.book.title.trim().is_empty() {
            problems.push(err(
                "`book.title` is empty".into(),
                "title",
                "give the handbook a title, e.g. `title = \"Interview handbook\"`",
            ));
        }
        let lang_ok = !raw.book.language.is_empty()
            && raw.book.language.len() <= 35
            && raw
                .book
                .language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !lang_ok {
            problems.push(err(
                format!(
                    "`book.language` `{}` is not a language tag",
                    raw.book.language
                ),
                "language",
                "use a BCP 47 tag such as `en` or `en-GB`",
            ));
        }
        let theme_ok = !raw.build.theme.is_empty()
            && raw
                .build
                .theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !theme_ok {
            problems.push(err(
                format!("`build.theme` `{}` is not a theme name", raw.build.theme),
                "theme",
                "a theme is a folder name under themes/: letters, digits, `-` and `_` only",
            ));
        }
        if !is_plain_relative(&raw.build.content) {
            problems.push(err(
                format!(
                    "`build.content` `{}` must be a folder inside the handbook",
                    raw.build.content.display()
                ),
                "content",
                "use a relative path without `..`, such as `content`",
            ));
        }
        if raw.build.output.as_os_str().is_empty() {
            problems.push(err(
                "`build.output` is empty".into(),
                "output",
                "name an output folder, such as `book`",
            ));
        }
        for rule in &raw.coach.disable {
            if !Rule::ALL.iter().any(|r| r.id() == rule) {
                let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
                let help = match did_you_mean(rule, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? Rules: {}", ids.join(", ")),
                    None => format!("rules: {}", ids.join(", ")),
                };
                problems.push(err(
                    format!("unknown coach rule `{rule}`"),
                    "disable",
                    &help,
                ));
            }
        }
        let mut stage_ids = std::collections::HashSet::new();
        for st in &raw.interview.stages {
            if crate::content::check_id(&st.id).is_err() || !stage_ids.insert(st.id.as_str()) {
                problems.push(err(
                    format!("stage id `{}` is not a unique id", st.id),
                    "stages",
                    "give each stage an id of letters, digits, `-` and `_`, such as `phone-screen`",
                ));
            }
            if st.name.trim().is_empty() {
                problems.push(err(
                    format!("stage `{}` has no name", st.id),
                    "stages",
                    "write the name readers see, such as `name = \"Phone screen\"`",
                ));
            }
        }
        let c = &raw.coach;
        for (key, value) in [
            ("words-per-minute", c.words_per_minute),
            ("min-minutes", c.min_minutes),
            ("max-minutes", c.max_minutes),
            ("obstacle-ratio", c.obstacle_ratio),
        ] {
            if !value.is_finite() {
                problems.push(err(
                    format!("`coach.{key}` is `{value}`, which is not a number the coach can use"),
                    key,
                    "write an ordinary number, such as `1.0`",
                ));
            }
        }
        if c.words_per_minute <= 0.0
            || c.min_minutes < 0.0
            || c.max_minutes < c.min_minutes
            || c.obstacle_ratio < 0.0
        {
            problems.push(err(
                "the `[coach]` numbers do not make sense together".into(),
                "words-per-minute",
                "words-per-minute must be positive, min-minutes at most max-minutes, obstacle-ratio not negative",
            ));
        }
        if let Some(url) = &raw.output.site_url {
            if let Err(why) = check_site_url(url) {
                problems.push(err(
                    format!("`output.site-url` {why}"),
                    "site-url",
                    "write the full address, such as `https://example.com/handbook/`",
                ));
            }
        }
        if raw.practice.seconds == 0 {
            problems.push(err(
                "`practice.seconds` is 0".into(),
                "seconds",
                "give the drill timer a target, such as 120",
            ));
        }
        let frameworks = crate::framework::declared(raw.frameworks, text, file, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            title: raw.book.title.trim().to_string(),
            description: raw.book.description.trim().to_string(),
            authors: raw.book.authors,
            language: raw.book.language,
            content_dir: raw.build.content,
            output_dir: raw.build.output,
            theme: raw.build.theme,
            search: SearchConfig {
                enabled: raw.search.enable,
                kinds: {
                    let mut k = raw.search.kinds;
                    k.sort();
                    k.dedup();
                    k
                },
            },
            print: PrintConfig {
                enabled: raw.print.enable,
                paper: raw.print.paper,
                chromium: raw.print.chromium,
                split_above: raw.print.split_above,
            },
            coach: raw.coach,
            story_target: raw.stories.target,
            practice: raw.practice,
            interview: raw.interview,
            strings_at: raw
                .strings
                .keys()
                .filter_map(|k| find_key(text, k).map(|p| (k.clone(), p)))
                .collect(),
            strings: raw.strings,
            site_url: raw.output.site_url.map(|u| normalize_site_url(&u)),
            offline: raw.output.offline,
            frameworks,
        })
    }

    /// Reads and parses `book.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&Config::read(root)?, CONFIG_FILE)
    }

    /// The text of `book.toml` under `root`.
    pub fn read(root: &Path) -> Result<String, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let what = if e.kind() == std::io::ErrorKind::NotFound {
                format!("no {CONFIG_FILE} in `{}`", root.display())
            } else {
                format!("cannot read `{}`: {e}", path.display())
            };
            vec![Diagnostic::error(what)
                .with_help("run prepbook in a handbook folder (one with a book.toml), or create one with `prepbook init`")]
        })?;
        Ok(text)
    }
}

/// Checks a site address: absolute http(s), no query or fragment, no spaces or quotes.
pub fn check_site_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` is not an http or https address"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("`{url}` has no host name"));
    }
    if url.contains(['?', '#', ' ', '"', '\'', '<', '>', '\\']) {
        return Err(format!(
            "`{url}` must not hold a query, a fragment, spaces or quotes"
        ));
    }
    Ok(())
}

/// A site address with exactly one `/` at the end.
pub fn normalize_site_url(url: &str) -> String {
    format!("{}/", url.trim_end_matches('/'))
}

/// True for a relative path made only of normal components.
fn is_plain_relative(p: &Path) -> bool {
    !p.as_os_str().is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Where `key = ` first appears at the start of a line, for pointing at a setting.
fn find_key(text: &str, key: &str) -> Option<Position> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let indent = line.len() - trimmed.len();
                return Some(Position::of_offset(text, offset + indent));
            }
        }
        offset += line.len();
    }
    None
}

/// Turns a TOML error into a diagnostic with a position and, for unknown keys, a suggestion.
fn toml_error(text: &str, file: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let mut d = Diagnostic::error(String::new()).in_file(file);
    if let Some(span) = e.span() {
        d = d.at(Position::of_offset(text, span.start));
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        d.message = format!("unknown key `{name}`");
        d.help = Some(match did_you_mean(name, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("valid keys here: {}", expected.join(", ")),
        });
    } else if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.trim_end_matches('`');
        d.message = format!("missing required key `{field}`");
        d.help = Some(match field {
            "book" => "add a `[book]` table with at least `title = \"...\"`".to_string(),
            _ => format!("add `{field} = ...` to this table"),
        });
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        d.message = format!("unknown value `{name}`");
        d.help = Some(match did_you_mean(name, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Valid values: {}", expected.join(", ")),
            None => format!("valid values: {}", expected.join(", ")),
        });
    } else if message == "duplicate key" {
        // The key as written at the error, such as `starr` of a second `[frameworks.starr]`.
        let key: String = e
            .span()
            .and_then(|s| text.get(s.start..))
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        d.message = format!("duplicate key `{key}`: it is already set above");
        d.help = Some("write each key and each table once; merge the two".into());
    } else {
        d.message = format!("invalid book.toml: {message}");
        d.help = Some("fix the TOML syntax or value at this spot".into());
    }
    d
}
