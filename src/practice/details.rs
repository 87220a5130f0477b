//! `practice/details-N.js`: each question's notes, follow-ups, sample answers and stories, by
//! runs of questions in handbook order, loaded only when a drill or quiz shows one of them.
//! Where the files are cut is worked out first, from the lengths of the texts (one cheap
//! pass), so that any one file can be made without the others.

use serde::Serialize;

use crate::artifact::{Contents, OutputFile};
use crate::model::{paths, AnswerSection, Handbook, Story};

/// A details file is closed once it holds about this many bytes: one drill question's file loads
/// and parses in a few milliseconds, and a handbook of 16,000 questions has a few hundred.
pub const DETAIL_BYTES: usize = 128 * 1024;
/// The path of the details file `n`.
pub fn details_path(n: usize) -> String {
    format!("practice/details-{n}.js")
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

/// The first question of each details file: a file is closed once it holds about
/// [`DETAIL_BYTES`], as estimated from the lengths of its texts.
pub(super) fn details_starts(book: &Handbook) -> Vec<usize> {
    let r = &book.relations;
    let mut starts = Vec::new();
    // The stories already in the current file (a story is written once per file), to clear.
    let mut in_file = vec![false; book.stories.len()];
    let mut stories = Vec::new();
    let mut size = 0;
    for (i, q) in book.questions.iter().enumerate() {
        if size == 0 {
            starts.push(i);
        }
        size += q.id.len() + q.notes.plain.trim().len() + 64;
        size += q.follow_ups.iter().map(|f| f.len() + 3).sum::<usize>();
        for &a in &r.question_answers[i] {
            size += 48 + sections_size(&book.answers[a].sections);
        }
        for &s in &r.question_stories[i] {
            if !std::mem::replace(&mut in_file[s], true) {
                stories.push(s);
                size += 96 + sections_size(&book.stories[s].sections);
            }
        }
        if size >= DETAIL_BYTES {
            size = 0;
            stories.drain(..).for_each(|s| in_file[s] = false);
        }
    }
    starts
}

/// The estimated size of `sections` in a details file.
fn sections_size(sections: &[AnswerSection]) -> usize {
    sections
        .iter()
        .map(|s| s.step.len() + s.plain.trim().len() + 8)
        .sum()
}

/// What a drill shows of story `s`.
fn story_data(s: &Story) -> StoryData<'_> {
    StoryData {
        title: &s.title,
        framework: s.framework.name(),
        figures: &s.figures,
        short: s.short.as_deref(),
        sections: plain_sections(&s.sections),
        url: paths::story(&s.id),
    }
}

/// Each section's step and plain text, as the drill shows them.
fn plain_sections(sections: &[AnswerSection]) -> Vec<(&str, &str)> {
    sections
        .iter()
        .map(|s| (s.step.as_str(), s.plain.trim()))
        .collect()
}

/// `practice/details-N.js`, of the questions `run`: adds its record to
/// `window.prepbookPracticeDetails` under `N`, for the page that asked for it to read once the
/// script has run.
pub(super) fn details_file(book: &Handbook, n: usize, run: std::ops::Range<usize>) -> OutputFile {
    let r = &book.relations;
    let mut details = Details {
        questions: Vec::with_capacity(run.len()),
        stories: Vec::new(),
    };
    // Where each story sits in the file's `stories`: in the order the questions link them.
    let mut story_at = std::collections::HashMap::new();
    for i in run {
        let q = &book.questions[i];
        details.questions.push(QuestionDetails {
            id: &q.id,
            notes: q.notes.plain.trim(),
            follow_ups: &q.follow_ups,
            answers: r.question_answers[i]
                .iter()
                .map(|&a| {
                    let a = &book.answers[a];
                    TextData {
                        framework: a.framework.name(),
                        persona: a.persona.as_deref(),
                        sections: plain_sections(&a.sections),
                    }
                })
                .collect(),
            stories: r.question_stories[i]
                .iter()
                .map(|&s| {
                    *story_at.entry(s).or_insert_with(|| {
                        details.stories.push(story_data(&book.stories[s]));
                        details.stories.len() - 1
                    })
                })
                .collect(),
        });
    }
    let mut js = format!(
        "(window.prepbookPracticeDetails = window.prepbookPracticeDetails || {{}})[{n}] = "
    )
    .into_bytes();
    crate::artifact::write_json_parse_expr(&mut js, &details);
    js.extend_from_slice(b";\n");
    OutputFile {
        path: details_path(n),
        contents: Contents::Owned(js),
        origin: "the practice data",
    }
}
