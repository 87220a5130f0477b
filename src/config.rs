//! `book.toml`: the handbook's settings, parsed from a string apart from reading the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{did_you_mean, Diagnostic, Position};

/// The name of the configuration file that marks a handbook's root.
pub const CONFIG_FILE: &str = "book.toml";

/// The validated settings of a handbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub authors: Vec<String>,
    pub language: String,
    /// The content folder, relative to the handbook root.
    pub content_dir: PathBuf,
    /// The output folder, relative to the handbook root unless absolute.
    pub output_dir: PathBuf,
    /// The theme name: `themes/<name>/` in the handbook may override the built-in files.
    pub theme: String,
    pub search: SearchConfig,
    pub print: PrintConfig,
    pub coach: CoachConfig,
    /// `[stories] target`: stories per principle the coverage matrix aims for.
    pub story_target: usize,
    pub practice: PracticeConfig,
    /// `[output] site-url`: the absolute address the handbook will live at, ending in `/`.
    pub site_url: Option<String>,
    /// `[output] offline`: a service worker that keeps the hosted handbook readable offline.
    pub offline: bool,
}

/// `[coach]`: the checks run on sample answers and stories, and whether pages show them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct CoachConfig {
    pub enable: bool,
    /// Show the notes on the pages (turn off for published output).
    pub show: bool,
    /// Rule ids to skip (see `coach::Rule`).
    pub disable: Vec<String>,
    /// A section with fewer words is "nearly empty".
    pub min_section_words: usize,
    pub words_per_minute: f64,
    pub min_minutes: f64,
    pub max_minutes: f64,
    /// The obstacle (or problem) section should have at least this share of the action's words.
    pub obstacle_ratio: f64,
}

impl Default for CoachConfig {
    fn default() -> Self {
        CoachConfig {
            enable: true,
            show: true,
            disable: Vec::new(),
            min_section_words: 8,
            words_per_minute: 140.0,
            min_minutes: 1.0,
            max_minutes: 3.0,
            obstacle_ratio: 0.25,
        }
    }
}

/// `[practice]`: the practice page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PracticeConfig {
    pub enable: bool,
    /// The drill timer's target, in seconds.
    pub seconds: u32,
}

impl Default for PracticeConfig {
    fn default() -> Self {
        PracticeConfig {
            enable: true,
            seconds: 120,
        }
    }
}

/// `[print]`: paper size, whether to build the print view and cheat sheets, and which
/// Chromium `prepbook pdf` drives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintConfig {
    pub enabled: bool,
    pub paper: Paper,
    pub chromium: Option<PathBuf>,
}

/// Paper sizes the printed pages are laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

/// `[search]`: whether to build the search index, and which kinds of item it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchConfig {
    pub enabled: bool,
    pub kinds: Vec<SearchKind>,
}

/// The kinds of item search can index, as named in `book.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchKind {
    Questions,
    Principles,
    Answers,
    Tips,
    Pages,
    /// The reader's own stories, when the handbook has any.
    Stories,
}

impl SearchKind {
    pub const ALL: [SearchKind; 6] = [
        SearchKind::Questions,
        SearchKind::Principles,
        SearchKind::Answers,
        SearchKind::Tips,
        SearchKind::Pages,
        SearchKind::Stories,
    ];
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            kinds: SearchKind::ALL.to_vec(),
        }
    }
}

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
    output: RawOutput,
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
}

impl Default for RawPrint {
    fn default() -> Self {
        RawPrint {
            enable: true,
            paper: default_paper(),
            chromium: None,
        }
    }
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
            if !crate::coach::Rule::ALL.iter().any(|r| r.id() == rule) {
                let ids: Vec<&str> = crate::coach::Rule::ALL.iter().map(|r| r.id()).collect();
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
            },
            coach: raw.coach,
            story_target: raw.stories.target,
            practice: raw.practice,
            site_url: raw.output.site_url.map(|u| normalize_site_url(&u)),
            offline: raw.output.offline,
        })
    }

    /// Reads and parses `book.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
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
        Config::parse(&text, CONFIG_FILE)
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
    } else {
        d.message = format!("invalid book.toml: {message}");
        d.help = Some("fix the TOML syntax or value at this spot".into());
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse("[book]\ntitle = \"T\"\n", "book.toml").unwrap();
        assert_eq!(c.title, "T");
        assert_eq!(c.language, "en");
        assert_eq!(c.content_dir, PathBuf::from("content"));
        assert_eq!(c.output_dir, PathBuf::from("book"));
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let e = Config::parse("[book]\ntitel = \"T\"\n", "book.toml").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "book.toml:2:1: error: unknown key `titel`\n  help: did you mean `title`?"
        );
    }

    #[test]
    fn unknown_table_is_reported() {
        let e = Config::parse("[book]\ntitle = \"T\"\n[biuld]\n", "book.toml").unwrap_err();
        assert!(e[0].to_string().contains("unknown key `biuld`"), "{}", e[0]);
        assert!(
            e[0].to_string().contains("did you mean `build`?"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn wrong_type_points_at_value() {
        let e = Config::parse("[book]\ntitle = 3\n", "book.toml").unwrap_err();
        let s = e[0].to_string();
        assert!(
            s.starts_with("book.toml:2:9: error: invalid book.toml"),
            "{s}"
        );
    }

    #[test]
    fn content_folder_must_stay_inside() {
        let e = Config::parse(
            "[book]\ntitle = \"T\"\n[build]\ncontent = \"../x\"\n",
            "book.toml",
        )
        .unwrap_err();
        assert!(e[0]
            .to_string()
            .starts_with("book.toml:4:1: error: `build.content`"));
    }

    #[test]
    fn search_settings() {
        let c = Config::parse(
            "[book]\ntitle = \"T\"\n[search]\nenable = false\nkinds = [\"tips\", \"questions\"]\n",
            "book.toml",
        )
        .unwrap();
        assert!(!c.search.enabled);
        assert_eq!(c.search.kinds, [SearchKind::Questions, SearchKind::Tips]);
        let e = Config::parse(
            "[book]\ntitle = \"T\"\n[search]\nkinds = [\"tip\"]\n",
            "book.toml",
        )
        .unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "book.toml:4:10: error: unknown value `tip`\n  help: did you mean `tips`? Valid values: questions, principles, answers, tips, pages, stories"
        );
    }

    #[test]
    fn print_settings() {
        let c = Config::parse("[book]\ntitle = \"T\"\n", "book.toml").unwrap();
        assert!(c.print.enabled);
        assert_eq!(c.print.paper, Paper::A4);
        let c = Config::parse(
            "[book]\ntitle = \"T\"\n[print]\npaper = \"letter\"\nenable = false\n",
            "book.toml",
        )
        .unwrap();
        assert_eq!(c.print.paper, Paper::Letter);
        assert!(!c.print.enabled);
        let e = Config::parse(
            "[book]\ntitle = \"T\"\n[print]\npaper = \"a5\"\n",
            "book.toml",
        )
        .unwrap_err();
        assert!(e[0].to_string().contains("unknown value `a5`"), "{}", e[0]);
    }

    #[test]
    fn coach_stories_and_practice_settings() {
        let c = Config::parse(
            "[book]\ntitle = \"T\"\n[coach]\nshow = false\ndisable = [\"hypothetical\"]\nmax-minutes = 4.0\n[stories]\ntarget = 3\n[practice]\nseconds = 90\n",
            "book.toml",
        )
        .unwrap();
        assert!(!c.coach.show && c.coach.enable);
        assert_eq!(c.coach.disable, ["hypothetical"]);
        assert_eq!(c.coach.max_minutes, 4.0);
        assert_eq!(c.coach.min_section_words, 8);
        assert_eq!(c.story_target, 3);
        assert_eq!(c.practice.seconds, 90);
        let e = Config::parse(
            "[book]\ntitle = \"T\"\n[coach]\ndisable = [\"hypotetical\"]\n",
            "book.toml",
        )
        .unwrap_err();
        assert!(
            e[0].to_string().contains("did you mean `hypothetical`?"),
            "{}",
            e[0]
        );
        let e = Config::parse(
            "[book]\ntitle = \"T\"\n[coach]\nmax-minute = 4.0\n",
            "book.toml",
        )
        .unwrap_err();
        assert!(
            e[0].to_string().contains("did you mean `max-minutes`?"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn output_settings() {
        let c = Config::parse("[book]\ntitle = \"T\"\n[output]\nsite-url = \"https://example.com/hb\"\noffline = false\n", "book.toml").unwrap();
        assert_eq!(c.site_url.as_deref(), Some("https://example.com/hb/"));
        assert!(!c.offline);
        let c = Config::parse("[book]\ntitle = \"T\"\n", "book.toml").unwrap();
        assert!(c.site_url.is_none() && c.offline);
        for bad in [
            "example.com",
            "ftp://x/",
            "https://",
            "https://x/?a=1",
            "https://x/\"y",
        ] {
            let toml = format!("[book]\ntitle = \"T\"\n[output]\nsite-url = {bad:?}\n");
            assert!(Config::parse(&toml, "book.toml").is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn empty_title_is_an_error() {
        let e = Config::parse("[book]\ntitle = \"  \"\n", "book.toml").unwrap_err();
        assert!(e[0].to_string().contains("`book.title` is empty"));
    }
}
