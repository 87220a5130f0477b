//! The data behind the practice page (`practice/data.js`): questions with their principles,
//! stage and role, the sample answers and the reader's stories, as plain text for the browser.

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

/// `practice/data.js`: `window.prepbookPracticeData = JSON.parse('...')`.
pub fn data_file(book: &Handbook) -> OutputFile {
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
        stages: book
            .config
            .interview
            .stages
            .iter()
            .map(|s| StageData {
                id: &s.id,
                title: &s.name,
            })
            .collect(),
        roles,
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
    let js = format!(
        "window.prepbookPracticeData = {};\n",
        json_parse_expr(&data)
    );
    OutputFile {
        path: DATA_FILE.into(),
        contents: Contents::Owned(js.into_bytes()),
        origin: "the practice data",
    }
}
