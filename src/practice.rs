//! The data behind the practice page, as plain text for the browser: `practice/data.js`, what
//! the page needs to list, filter and pick questions (their text, principles, stage and role);
//! `practice/details-N.js`, each question's notes, follow-ups, sample answers and stories, by
//! runs of questions, loaded only when a drill or quiz shows one of them; and
//! `practice/site.js`, small enough for every page: the handbook's storage key and which
//! question tests which principle (for the due counts).

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
    /// How many stories the reader has, linked to a question or not.
    story_count: usize,
    /// The first question of each `details-N.js`, in `questions` order.
    details: Vec<usize>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    /// The slugs of its tags.
    tags: Vec<&'a str>,
    /// False for a technical question: kept out of quiz rounds and mock loops unless chosen.
    /// Left out when true, as it is for most questions.
    #[serde(skip_serializing_if = "is_true")]
    behavioral: bool,
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One `details-N.js`: the details of a run of questions, and the stories they link to.
#[derive(Serialize)]
struct Details<'a> {
    questions: Vec<QuestionDetails<'a>>,
    stories: Vec<StoryData<'a>>,
}

/// What a drill shows of a question on reveal; `id` lets the page check the row is the one.
#[derive(Serialize)]
struct QuestionDetails<'a> {
    id: &'a str,
    /// How to approach the question (its notes), as plain text.
    notes: &'a str,
    follow_ups: &'a [String],
    answers: Vec<TextData<'a>>,
    /// Indices into the file's `stories`.
    stories: Vec<usize>,
}

#[derive(Serialize)]
struct TextData<'a> {
    framework: &'a str,
    persona: Option<&'a str>,
    sections: Vec<(&'a str, &'a str)>,
}

#[derive(Serialize)]
struct StoryData<'a> {
    title: &'a str,
    framework: &'a str,
    figures: &'a [String],
    short: Option<&'a str>,
    sections: Vec<(&'a str, &'a str)>,
    url: String,
}

/// The path of the data file in the output.
pub const DATA_FILE: &str = "practice/data.js";
/// A details file is closed once it holds about this many bytes: one drill question's file loads
/// and parses in a few milliseconds, and a handbook of 16,000 questions has a few hundred.
pub const DETAIL_BYTES: usize = 128 * 1024;
/// The path of the details file `n`.
pub fn details_path(n: usize) -> String {
    format!("practice/details-{n}.js")
}
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

/// The practice data (the list, and the details loaded as questions are shown), which only
/// the practice page loads.
pub fn data_files(book: &Handbook) -> Vec<OutputFile> {
    let (details, starts) = details_files(book);
    let mut files = vec![data_file(book, starts)];
    files.extend(details);
    files
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

/// The `localStorage` key of `book`'s practice progress.
pub fn storage_key(book: &Handbook) -> String {
    format!("prepbook-practice:{}", book_slug(book))
}

/// `practice/site.js`: `window.prepbookPracticeSite`, which every page with a due count loads.
pub fn site_file(book: &Handbook) -> OutputFile {
    let site = SiteData {
        key: storage_key(book),
        slug: book_slug(book),
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
fn data_file(book: &Handbook, details: Vec<usize>) -> OutputFile {
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
            .zip(&book.relations.tag_questions)
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
            .map(|q| QuestionData {
                id: &q.id,
                text: &q.text,
                url: paths::question(&q.id),
                principles: &q.principles,
                stage: q.stage.map(|s| book.config.interview.stages[s].id.as_str()),
                role: q.role.as_deref(),
                tags: q.tags.iter().map(|&t| book.tags[t].slug.as_str()).collect(),
                behavioral: q.behavioral,
            })
            .collect(),
        story_count: book.stories.len(),
        details,
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

/// The details files, cut by size in question order, and the first question of each.
fn details_files(book: &Handbook) -> (Vec<OutputFile>, Vec<usize>) {
    let r = &book.relations;
    let mut files = Vec::new();
    let mut starts = Vec::new();
    let mut details = Details {
        questions: Vec::new(),
        stories: Vec::new(),
    };
    // Where each story sits in the current file's `stories`.
    let mut story_at: Vec<Option<usize>> = vec![None; book.stories.len()];
    let mut size = 0;
    for (i, q) in book.questions.iter().enumerate() {
        if details.questions.is_empty() {
            starts.push(i);
        }
        let mut row = QuestionDetails {
            id: &q.id,
            notes: q.notes.plain.trim(),
            follow_ups: &q.follow_ups,
            answers: Vec::new(),
            stories: Vec::new(),
        };
        size += q.id.len() + row.notes.len() + 64;
        size += q.follow_ups.iter().map(|f| f.len() + 3).sum::<usize>();
        for &a in &r.question_answers[i] {
            let a = &book.answers[a];
            let text = TextData {
                framework: a.framework.name(),
                persona: a.persona.as_deref(),
                sections: a
                    .sections
                    .iter()
                    .map(|s| (s.step.as_str(), s.plain.trim()))
                    .collect(),
            };
            size += 48
                + text
                    .sections
                    .iter()
                    .map(|s| s.0.len() + s.1.len() + 8)
                    .sum::<usize>();
            row.answers.push(text);
        }
        for &si in &r.question_stories[i] {
            let at = *story_at[si].get_or_insert_with(|| {
                let s = &book.stories[si];
                let story = story_data(s);
                size += 96
                    + story
                        .sections
                        .iter()
                        .map(|x| x.0.len() + x.1.len() + 8)
                        .sum::<usize>();
                details.stories.push(story);
                details.stories.len() - 1
            });
            row.stories.push(at);
        }
        details.questions.push(row);
        if size >= DETAIL_BYTES || i + 1 == book.questions.len() {
            files.push(details_file(files.len(), &details));
            details.questions.clear();
            details.stories.clear();
            story_at.iter_mut().for_each(|s| *s = None);
            size = 0;
        }
    }
    (files, starts)
}

fn story_data(s: &crate::model::Story) -> StoryData<'_> {
    StoryData {
        title: &s.title,
        framework: s.framework.name(),
        figures: &s.figures,
        short: s.short.as_deref(),
        sections: s
            .sections
            .iter()
            .map(|x| (x.step.as_str(), x.plain.trim()))
            .collect(),
        url: paths::story(&s.id),
    }
}

/// `practice/details-N.js`: adds its record to `window.prepbookPracticeDetails` under `N`, for
/// the page that asked for it to read once the script has run.
fn details_file(n: usize, details: &Details) -> OutputFile {
    let mut js = format!(
        "(window.prepbookPracticeDetails = window.prepbookPracticeDetails || {{}})[{n}] = "
    )
    .into_bytes();
    crate::artifact::write_json_parse_expr(&mut js, details);
    js.extend_from_slice(b";\n");
    OutputFile {
        path: details_path(n),
        contents: Contents::Owned(js),
        origin: "the practice data",
    }
}
