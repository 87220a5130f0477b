//! The data behind the practice page (`practice/data.js`): questions with their principles,
//! stage, role, notes and follow-ups, the sample answers and the reader's stories, as plain text
//! for the browser; and `practice/site.js`, small enough for every page: the handbook's storage
//! key and which question tests which principle (for the due counts).

use serde::Serialize;

use crate::artifact::{Contents, OutputFile};
use crate::model::{paths, Handbook};
use crate::search::index::json_parse_expr;

#[derive(Serialize)]
struct Data<'a> {
    seconds: u32,
    principles: Vec<PrincipleData<'a>>,
    stages: Vec<StageData<'a>>,
    interviewers: &'a [String],
    special: Option<SpecialData<'a>>,
    roles: Vec<&'a str>,
    /// The tags some question carries, for the drill's filter.
    tags: Vec<StageData<'a>>,
    questions: Vec<QuestionData<'a>>,
    answers: Vec<TextData<'a>>,
    stories: Vec<StoryData<'a>>,
}

#[derive(Serialize)]
struct PrincipleData<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct SpecialData<'a> {
    name: &'a str,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct StageData<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct QuestionData<'a> {
    id: &'a str,
    text: &'a str,
    url: String,
    principles: &'a [usize],
    stage: Option<&'a str>,
    role: Option<&'a str>,
    /// The slugs of its tags.
    tags: Vec<&'a str>,
    /// False for a technical question: kept out of quiz rounds and mock loops unless chosen.
    behavioral: bool,
    /// How to approach the question (its notes), as plain text.
    notes: &'a str,
    follow_ups: &'a [String],
    answers: &'a [usize],
    stories: &'a [usize],
}

#[derive(Serialize)]
struct TextData<'a> {
    framework: &'static str,
    persona: Option<&'a str>,
    sections: Vec<(&'static str, &'a str)>,
}

#[derive(Serialize)]
struct StoryData<'a> {
    title: &'a str,
    framework: &'static str,
    figures: &'a [String],
    short: Option<&'a str>,
    sections: Vec<(&'static str, &'a str)>,
    url: String,
}

/// The path of the data file in the output.
pub const DATA_FILE: &str = "practice/data.js";
/// The path of the small file every page with a due count loads.
pub const SITE_FILE: &str = "practice/site.js";

/// What identifies the handbook to the practice scripts, and what they count due questions by.
#[derive(Serialize)]
struct SiteData<'a> {
    /// The `localStorage` key of this handbook's progress: one per handbook, so that two
    /// handbooks opened from disk (one origin in Chromium) keep their progress apart.
    key: String,
    /// Names the exported file.
    slug: String,
    title: &'a str,
    principles: Vec<&'a str>,
    /// Each question's id and the indices of its principles.
    questions: Vec<(&'a str, &'a [usize])>,
}

/// The practice files of the build: `practice/data.js` and `practice/site.js`.
pub fn files(book: &Handbook) -> Vec<OutputFile> {
    vec![data_file(book), site_file(book)]
}

/// The storage name of the handbook: its title as a lowercase slug.
fn book_slug(book: &Handbook) -> String {
    let mut slug = String::new();
    for c in book.config.title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(60).collect();
    if slug.is_empty() {
        "handbook".into()
    } else {
        slug.trim_end_matches('-').to_string()
    }
}

/// `practice/site.js`: `window.prepbookPracticeSite`.
fn site_file(book: &Handbook) -> OutputFile {
    let slug = book_slug(book);
    let site = SiteData {
        key: format!("prepbook-practice:{slug}"),
        slug,
        title: &book.config.title,
        principles: book.principles.iter().map(|p| p.id.as_str()).collect(),
        questions: book
            .questions
            .iter()
            .map(|q| (q.id.as_str(), q.principles.as_slice()))
            .collect(),
    };
    let js = format!(
        "window.prepbookPracticeSite = {};\n",
        json_parse_expr(&site)
    );
    OutputFile {
        path: SITE_FILE.into(),
        contents: Contents::Owned(js.into_bytes()),
        origin: "the practice texts",
    }
}

/// `practice/data.js`: `window.prepbookPracticeData = JSON.parse('...')`.
fn data_file(book: &Handbook) -> OutputFile {
    let r = &book.relations;
    let mut roles: Vec<&str> = book
        .questions
        .iter()
        .filter_map(|q| q.role.as_deref())
        .collect();
    roles.sort_unstable();
    roles.dedup();
    let data = Data {
        seconds: book.config.practice.seconds,
        principles: book
            .principles
            .iter()
            .map(|p| PrincipleData {
                id: &p.id,
                title: &p.title,
                url: paths::principle(&p.id),
            })
            .collect(),
        // Only the stages some question is at: a filter never offers an empty choice.
        stages: book
            .config
            .interview
            .stages
            .iter()
            .enumerate()
            .filter(|(i, _)| book.questions.iter().any(|q| q.stage == Some(*i)))
            .map(|(_, s)| StageData {
                id: &s.id,
                title: &s.name,
            })
            .collect(),
        roles,
        tags: book
            .tags
            .iter()
            .zip(&r.tag_questions)
            .filter(|(_, qs)| !qs.is_empty())
            .map(|(t, _)| StageData {
                id: &t.slug,
                title: &t.name,
            })
            .collect(),
        interviewers: &book.config.interview.interviewers,
        special: book
            .config
            .interview
            .special_interviewer
            .as_deref()
            .map(|name| SpecialData {
                name,
                note: book.config.interview.special_interviewer_note.as_deref(),
            }),
        questions: book
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| QuestionData {
                id: &q.id,
                text: &q.text,
                url: paths::question(&q.id),
                principles: &q.principles,
                stage: q.stage.map(|s| book.config.interview.stages[s].id.as_str()),
                role: q.role.as_deref(),
                tags: q.tags.iter().map(|&t| book.tags[t].slug.as_str()).collect(),
                behavioral: q.behavioral,
                notes: q.notes.plain.trim(),
                follow_ups: &q.follow_ups,
                answers: &r.question_answers[i],
                stories: &r.question_stories[i],
            })
            .collect(),
        answers: book
            .answers
            .iter()
            .map(|a| TextData {
                framework: a.framework.name(),
                persona: a.persona.as_deref(),
                sections: a
                    .sections
                    .iter()
                    .map(|s| (s.step, s.plain.trim()))
                    .collect(),
            })
            .collect(),
        stories: book
            .stories
            .iter()
            .map(|s| StoryData {
                title: &s.title,
                framework: s.framework.name(),
                figures: &s.figures,
                short: s.short.as_deref(),
                sections: s
                    .sections
                    .iter()
                    .map(|x| (x.step, x.plain.trim()))
                    .collect(),
                url: paths::story(&s.id),
            })
            .collect(),
    };
    let mut js = b"window.prepbookPracticeData = ".to_vec();
    crate::artifact::write_json_parse_expr(&mut js, &data);
    js.extend_from_slice(b";\n");
    OutputFile {
        path: DATA_FILE.into(),
        contents: Contents::Owned(js),
        origin: "the practice data",
    }
}
