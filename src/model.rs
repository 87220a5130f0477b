//! The validated handbook: every reference resolved, every body rendered; no I/O.
//!
//! Items refer to each other by index into the handbook's vectors, so templates, search and
//! print never meet an unresolved id.

use std::sync::Arc;

use crate::config::Config;
use crate::content::markdown::{Rendered, TocEntry};

pub use crate::framework::{Framework, Frameworks, Step};

/// Where an item came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the handbook root, `/`-separated.
    pub file: String,
}

/// A rendered Markdown body whose internal links are still marked (see [`crate::content::markdown::at_root`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub html: String,
    pub plain: String,
    pub toc: Vec<TocEntry>,
    /// Where each `toc` heading starts in `plain`.
    pub heading_starts: Vec<usize>,
}

impl From<Rendered> for Body {
    fn from(r: Rendered) -> Self {
        Body {
            html: r.html,
            plain: r.plain,
            toc: r.toc,
            heading_starts: r.heading_starts,
        }
    }
}

impl Body {
    /// The text cut at headings of `level` or above: (heading, text) pairs, the first with no
    /// heading for what stands before the first one.
    pub fn parts(&self, level: u8) -> Vec<(Option<&TocEntry>, &str)> {
        let mut cuts: Vec<(Option<&TocEntry>, usize)> = vec![(None, 0)];
        for (entry, &start) in self.toc.iter().zip(&self.heading_starts) {
            if entry.level <= level {
                cuts.push((Some(entry), start));
            }
        }
        let mut out = Vec::with_capacity(cuts.len());
        for (i, &(entry, start)) in cuts.iter().enumerate() {
            let end = cuts.get(i + 1).map_or(self.plain.len(), |c| c.1);
            let mut text = &self.plain[start..end];
            if let Some(e) = entry {
                text = text.strip_prefix(e.text.as_str()).unwrap_or(text);
            }
            out.push((entry, text.trim()));
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct Principle {
    pub id: String,
    pub title: String,
    pub order: u32,
    /// One-line fields are Markdown: their plain text here (for titles, search, print and
    /// e-books), their inline HTML in the `_html` field beside them.
    pub summary: String,
    pub summary_html: String,
    pub signals: Vec<String>,
    pub signals_html: Vec<String>,
    pub pitfalls: Vec<String>,
    pub pitfalls_html: Vec<String>,
    pub body: Body,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    /// Plain text; `text_html` is its inline Markdown rendered.
    pub text: String,
    pub text_html: String,
    /// Indices into [`Handbook::principles`]; the first is the primary principle.
    pub principles: Vec<usize>,
    /// Index into `config.interview.stages`.
    pub stage: Option<usize>,
    pub role: Option<String>,
    /// 1 (most important) to 5.
    pub priority: u8,
    pub follow_ups: Vec<String>,
    pub follow_ups_html: Vec<String>,
    /// False for a question that is not behavioral (a technical one): practice keeps it out
    /// of "which principle?" rounds and mock loops unless chosen.
    pub behavioral: bool,
    /// Indices into [`Handbook::tags`], in the order written.
    pub tags: Vec<usize>,
    pub notes: Body,
    pub source: Source,
}

/// One framework step of a sample answer.
#[derive(Debug, Clone)]
pub struct AnswerSection {
    /// The step's name as the framework spells it.
    pub step: String,
    pub html: String,
    pub plain: String,
    /// The file line of the section's heading.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub id: String,
    /// Index into [`Handbook::questions`].
    pub question: usize,
    pub framework: std::sync::Arc<Framework>,
    pub persona: Option<String>,
    pub sections: Vec<AnswerSection>,
    pub source: Source,
}

/// One of the reader's own stories: a told experience, in a framework like a sample answer.
#[derive(Debug, Clone)]
pub struct Story {
    pub id: String,
    /// Plain text; `title_html` is its inline Markdown rendered.
    pub title: String,
    pub title_html: String,
    /// Indices into [`Handbook::principles`]; the first is the primary one. May be empty.
    pub principles: Vec<usize>,
    pub framework: std::sync::Arc<Framework>,
    pub sections: Vec<AnswerSection>,
    /// Key figures to remember (results, sizes, dates).
    pub figures: Vec<String>,
    /// A short telling (about 60 seconds) and a long one (about two minutes), if written.
    pub short: Option<String>,
    pub long: Option<String>,
    /// Indices into [`Handbook::questions`] the story is declared to answer.
    pub questions: Vec<usize>,
    /// Indices into [`Handbook::tags`], in the order written.
    pub tags: Vec<usize>,
    pub source: Source,
}

/// A free label on questions and stories (a company, a team, a level). Tags are matched by
/// their slug, so `Google` and `google` are one tag, shown as first written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The tag's id in addresses and file names: lowercase, accents folded, `-` between words.
    pub slug: String,
    /// The tag as first written in the handbook's reading order.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Tip {
    pub id: String,
    /// Plain text; `title_html` is its inline Markdown rendered.
    pub title: String,
    pub title_html: String,
    /// Indices into [`Handbook::principles`]; empty for general advice.
    pub principles: Vec<usize>,
    pub order: i64,
    pub body: Body,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    /// Plain text; `title_html` is its inline Markdown rendered.
    pub title: String,
    pub title_html: String,
    pub order: i64,
    pub summary: Option<String>,
    pub summary_html: Option<String>,
    pub body: Body,
    pub source: Source,
}

/// A file copied verbatim from the content folder.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Output path, `/`-separated, relative to the output root.
    pub path: String,
    pub source: std::path::PathBuf,
}

/// Precomputed relations, so rendering never scans the whole handbook per page.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    /// Per principle: questions where it is primary, then where it is secondary.
    pub primary_questions: Vec<Vec<usize>>,
    pub secondary_questions: Vec<Vec<usize>>,
    /// Per principle: its tips.
    pub principle_tips: Vec<Vec<usize>>,
    /// Per principle: the number of sample answers to questions testing it.
    pub principle_answers: Vec<usize>,
    /// Per question: its sample answers.
    pub question_answers: Vec<Vec<usize>>,
    /// Tips with no principle.
    pub general_tips: Vec<usize>,
    /// Per principle: stories where it is primary, then where it is secondary.
    pub primary_stories: Vec<Vec<usize>>,
    pub secondary_stories: Vec<Vec<usize>>,
    /// Per question: stories that could answer it, declared ones first, then those whose
    /// principles include the question's primary principle.
    pub question_stories: Vec<Vec<usize>>,
    /// Per tag: its questions and its stories, in reading order.
    pub tag_questions: Vec<Vec<usize>>,
    pub tag_stories: Vec<Vec<usize>>,
}

/// The whole validated handbook, items sorted in reading order.
#[derive(Debug, Clone)]
///
/// Items are shared: the dev server's next load hands on the items of unchanged files as they
/// are, rather than copying a large handbook's text on every save.
pub struct Handbook {
    pub config: Config,
    pub principles: Vec<Arc<Principle>>,
    pub questions: Vec<Arc<Question>>,
    pub answers: Vec<Arc<Answer>>,
    pub tips: Vec<Arc<Tip>>,
    pub pages: Vec<Arc<Page>>,
    pub stories: Vec<Arc<Story>>,
    /// Every tag used, sorted by slug.
    pub tags: Vec<Tag>,
    pub assets: Vec<Asset>,
    pub relations: Relations,
    /// Coach notes per sample answer and per story (empty when the coach is off).
    pub answer_notes: Vec<Vec<Note>>,
    pub story_notes: Vec<Vec<Note>>,
}

/// One piece of feedback on an answer or story.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Note {
    pub rule: &'static str,
    /// The file line it is about (a section heading, or the first section).
    #[serde(skip)]
    pub line: usize,
    /// What was found.
    pub message: String,
    /// How to improve it.
    pub help: String,
}

impl Handbook {
    /// The name readers see for question `q`'s stage, if it has one.
    pub fn stage_name(&self, q: &Question) -> Option<&str> {
        q.stage
            .and_then(|i| self.config.interview.stages.get(i))
            .map(|s| s.name.as_str())
    }
}

/// Output paths of generated pages, relative to the output root.
pub mod paths {
    pub const HOME: &str = "index.html";
    pub const QUESTIONS: &str = "questions.html";
    pub const TIPS: &str = "tips.html";
    pub const NOT_FOUND: &str = "404.html";
    pub const SEARCH: &str = "search.html";
    pub const PRINT: &str = "print.html";
    pub const CHEATSHEETS: &str = "cheatsheets.html";
    pub const OVERVIEW: &str = "overview.html";
    pub const FLASHCARDS: &str = "flashcards.html";
    pub const ASSETS_DIR: &str = "assets";
    pub const SEARCH_DIR: &str = "search";
    pub const CHEATSHEETS_DIR: &str = "cheatsheets";
    /// The parts of a print view split by principle.
    pub const PRINT_DIR: &str = "print";
    /// The parts of flashcards split by principle.
    pub const FLASHCARDS_DIR: &str = "flashcards";
    /// The tags overview, and the folder of one page per tag.
    pub const TAGS: &str = "tags.html";
    pub const TAGS_DIR: &str = "tags";

    /// Pages the handbook always writes at the top level.
    pub const RESERVED: &[&str] = &[
        HOME,
        QUESTIONS,
        TIPS,
        NOT_FOUND,
        SEARCH,
        PRINT,
        CHEATSHEETS,
        OVERVIEW,
        FLASHCARDS,
        STORIES,
        COVERAGE,
        PRACTICE,
        TAGS,
    ];
    /// Folders the handbook writes itself.
    pub const RESERVED_DIRS: &[&str] = &[
        ASSETS_DIR,
        SEARCH_DIR,
        CHEATSHEETS_DIR,
        PRACTICE_DIR,
        PRINT_DIR,
        FLASHCARDS_DIR,
        TAGS_DIR,
    ];

    pub fn cheatsheet(id: &str) -> String {
        format!("{CHEATSHEETS_DIR}/{id}.html")
    }

    /// The part of split flashcards that holds the cards of principle `id`.
    pub fn flashcards_part(id: &str) -> String {
        format!("{FLASHCARDS_DIR}/{id}.html")
    }

    /// The page listing what carries the tag `slug`.
    pub fn tag(slug: &str) -> String {
        format!("{TAGS_DIR}/{slug}.html")
    }

    /// The part of a split print view that holds principle `id`.
    pub fn print_part(id: &str) -> String {
        format!("{PRINT_DIR}/{id}.html")
    }

    use crate::kind::Kind;

    // Each kind's place comes from its one description (`crate::kind`).
    pub fn principle(id: &str) -> String {
        Kind::Principle.page(id).unwrap_or_default()
    }
    pub fn question(id: &str) -> String {
        Kind::Question.page(id).unwrap_or_default()
    }
    pub fn page(id: &str) -> String {
        Kind::Page.page(id).unwrap_or_default()
    }
    pub const STORIES: &str = "stories.html";
    pub const COVERAGE: &str = "coverage.html";
    pub const PRACTICE: &str = "practice.html";
    pub const PRACTICE_DIR: &str = "practice";

    pub fn story(id: &str) -> String {
        Kind::Story.page(id).unwrap_or_default()
    }
    pub fn tip_anchor(id: &str) -> String {
        Kind::Tip.anchor(id).unwrap_or_default()
    }
    pub fn answer_anchor(id: &str) -> String {
        Kind::Answer.anchor(id).unwrap_or_default()
    }

    /// The prefix that leads from a page at `path` back to the output root.
    pub fn root_of(path: &str) -> String {
        "../".repeat(path.matches('/').count())
    }
}

impl Relations {
    /// Computes every relation in one pass over the items.
    pub fn compute(
        principles: usize,
        tags: usize,
        questions: &[Arc<Question>],
        answers: &[Arc<Answer>],
        tips: &[Arc<Tip>],
        stories: &[Arc<Story>],
    ) -> Relations {
        let mut r = Relations {
            primary_questions: vec![Vec::new(); principles],
            secondary_questions: vec![Vec::new(); principles],
            principle_tips: vec![Vec::new(); principles],
            principle_answers: vec![0; principles],
            question_answers: vec![Vec::new(); questions.len()],
            general_tips: Vec::new(),
            primary_stories: vec![Vec::new(); principles],
            secondary_stories: vec![Vec::new(); principles],
            question_stories: vec![Vec::new(); questions.len()],
            tag_questions: vec![Vec::new(); tags],
            tag_stories: vec![Vec::new(); tags],
        };
        for (qi, q) in questions.iter().enumerate() {
            for &t in &q.tags {
                r.tag_questions[t].push(qi);
            }
        }
        for (si, s) in stories.iter().enumerate() {
            for &t in &s.tags {
                r.tag_stories[t].push(si);
            }
        }
        for (si, s) in stories.iter().enumerate() {
            for (n, &p) in s.principles.iter().enumerate() {
                if n == 0 {
                    r.primary_stories[p].push(si);
                } else {
                    r.secondary_stories[p].push(si);
                }
            }
            for &q in &s.questions {
                r.question_stories[q].push(si);
            }
        }
        // Suggested by shared principles: per question, once per principle's story list.
        for (qi, q) in questions.iter().enumerate() {
            if let Some(&p) = q.principles.first() {
                for &si in r.primary_stories[p].iter().chain(&r.secondary_stories[p]) {
                    if !r.question_stories[qi].contains(&si) {
                        r.question_stories[qi].push(si);
                    }
                }
            }
        }
        for (qi, q) in questions.iter().enumerate() {
            for (n, &p) in q.principles.iter().enumerate() {
                if n == 0 {
                    r.primary_questions[p].push(qi);
                } else {
                    r.secondary_questions[p].push(qi);
                }
            }
        }
        for (ai, a) in answers.iter().enumerate() {
            r.question_answers[a.question].push(ai);
            for &p in &questions[a.question].principles {
                r.principle_answers[p] += 1;
            }
        }
        for (ti, t) in tips.iter().enumerate() {
            if t.principles.is_empty() {
                r.general_tips.push(ti);
            }
            for &p in &t.principles {
                r.principle_tips[p].push(ti);
            }
        }
        r
    }
}
