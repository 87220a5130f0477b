//! `book.toml`: the handbook's settings, parsed from a string apart from reading the file.

use std::path::PathBuf;

use serde::Deserialize;

mod parse;

pub use parse::{check_site_url, normalize_site_url};

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
    /// `[interview]`: the company's interview stages and interviewers.
    pub interview: InterviewConfig,
    /// `[strings]`: the handbook's own words for the theme's texts (the word for a principle,
    /// any label), over the built-in set of its language.
    pub strings: std::collections::BTreeMap<String, StringValue>,
    /// Where each key of `[strings]` is written in book.toml, for messages about it.
    pub strings_at: std::collections::BTreeMap<String, crate::diagnostic::Position>,
    /// `[output] site-url`: the absolute address the handbook will live at, ending in `/`.
    pub site_url: Option<String>,
    /// `[output] offline`: a service worker that keeps the hosted handbook readable offline.
    pub offline: bool,
    /// The answer frameworks: the built-in ones, with `[frameworks]` applied.
    pub frameworks: crate::framework::Frameworks,
}

/// `[coach]`: the checks run on sample answers and stories, and whether pages show them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct CoachConfig {
    pub enable: bool,
    /// Show the notes on the pages (turn off for published output).
    /// `None` when book.toml does not say: hidden in a build, shown by `serve`.
    pub show: Option<bool>,
    /// Rule ids to skip (see [`Rule`]).
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
            show: None,
            disable: Vec::new(),
            min_section_words: 8,
            words_per_minute: 140.0,
            min_minutes: 1.0,
            max_minutes: 3.0,
            obstacle_ratio: 0.25,
        }
    }
}

/// `[interview]`: what the company's interviews are made of. Questions may name a stage by
/// its id; the practice page's mock loop has one interviewer per name, and the special one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct InterviewConfig {
    pub stages: Vec<StageConfig>,
    pub interviewers: Vec<String>,
    /// One more interviewer with a role of their own in every loop (optional), and what the
    /// practice page says about them.
    pub special_interviewer: Option<String>,
    pub special_interviewer_note: Option<String>,
}

/// One interview stage: the id questions name it by, and the name readers see.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageConfig {
    pub id: String,
    pub name: String,
}

impl Default for InterviewConfig {
    fn default() -> Self {
        let stage = |id: &str, name: &str| StageConfig {
            id: id.into(),
            name: name.into(),
        };
        InterviewConfig {
            stages: vec![
                stage("phone-screen", "Phone screen"),
                stage("onsite", "Onsite interviews"),
            ],
            interviewers: [
                "Interviewer 1",
                "Interviewer 2",
                "Interviewer 3",
                "Interviewer 4",
            ]
            .map(String::from)
            .to_vec(),
            special_interviewer: None,
            special_interviewer_note: None,
        }
    }
}

/// A text of `[strings]`: one form, or forms by number (`one`, `other`) with `{n}` in them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum StringValue {
    One(String),
    Plural { one: String, other: String },
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
    /// More questions than this, and the print view is split by principle.
    pub split_above: usize,
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

/// The answer coach's rules, by the id `[coach] disable` names them with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    EmptySection,
    NoFigure,
    WeOverI,
    Hypothetical,
    SpeakingTime,
    ShortObstacle,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::EmptySection,
        Rule::NoFigure,
        Rule::WeOverI,
        Rule::Hypothetical,
        Rule::SpeakingTime,
        Rule::ShortObstacle,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rule::EmptySection => "empty-section",
            Rule::NoFigure => "no-figure",
            Rule::WeOverI => "we-over-i",
            Rule::Hypothetical => "hypothetical",
            Rule::SpeakingTime => "speaking-time",
            Rule::ShortObstacle => "short-obstacle",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

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
        assert!(c.coach.show == Some(false) && c.coach.enable);
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
