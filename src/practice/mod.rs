//! The data behind the practice page, as plain text for the browser: `practice/data.js`, what
//! the page needs to list, filter and pick questions (their text, principles, stage and role);
//! `practice/details-N.js`, each question's notes, follow-ups, sample answers and stories, by
//! runs of questions, loaded only when a drill or quiz shows one of them; and
//! `practice/site.js`, small enough for every page: the handbook's storage key and which
//! question tests which principle (for the due counts). [`DataFiles`] lists the data files
//! and makes any one of them without the others (the details in [`details`]): the build makes
//! them all, `serve` only the one the practice page asks for.

mod details;

use serde::Serialize;

use crate::artifact::{Contents, OutputFile};
use crate::model::{paths, Handbook};
use crate::search::index::json_parse_expr;
use details::{details_file, details_starts};
pub use details::{details_path, DETAIL_BYTES};

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

/// One file of the practice data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// `practice/data.js`: every question, to list, filter and pick.
    List,
    /// `practice/details-N.js`.
    Details(usize),
}

/// The practice data (the list, and the details loaded as questions are shown), which only
/// the practice page loads, file by file: where the details files are cut is worked out from
/// the sizes of the texts (one cheap pass), and any one file is then made without the others.
pub struct DataFiles<'a> {
    book: &'a Handbook,
    /// The first question of each details file.
    starts: Vec<usize>,
}

impl<'a> DataFiles<'a> {
    pub fn new(book: &'a Handbook) -> DataFiles<'a> {
        DataFiles {
            book,
            starts: details_starts(book),
        }
    }

    /// Every file, with its path, in the order the build writes them.
    pub fn all(&self) -> Vec<(String, DataFile)> {
        let mut all = vec![(DATA_FILE.to_string(), DataFile::List)];
        all.extend((0..self.starts.len()).map(|n| (details_path(n), DataFile::Details(n))));
        all
    }

    /// The file written to `path`, if there is one.
    pub fn find(&self, path: &str) -> Option<DataFile> {
        if path == DATA_FILE {
            return Some(DataFile::List);
        }
        let text = path
            .strip_prefix("practice/details-")?
            .strip_suffix(".js")?;
        let n: usize = text.parse().ok()?;
        // `details-01.js` and `details-+1.js` are not files of the build.
        (n.to_string() == text && n < self.starts.len()).then_some(DataFile::Details(n))
    }

    pub fn make(&self, file: DataFile) -> OutputFile {
        match file {
            DataFile::List => data_file(self.book, self.starts.clone()),
            DataFile::Details(n) => {
                let end = self
                    .starts
                    .get(n + 1)
                    .copied()
                    .unwrap_or(self.book.questions.len());
                details_file(self.book, n, self.starts[n]..end)
            }
        }
    }
}

/// The storage name of the handbook: its title as a lowercase slug.
fn book_slug(book: &Handbook) -> String {
    let slug = crate::chars::dashed(
        book.config.title.chars().flat_map(char::to_lowercase),
        |c, out| {
            out.push(c);
        },
    );
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(file: OutputFile) -> String {
        match file.contents {
            Contents::Owned(bytes) => String::from_utf8(bytes).unwrap(),
            _ => panic!("{} is not made in memory", file.path),
        }
    }

    #[test]
    fn each_details_file_is_made_alone_with_its_run_of_questions_and_their_stories() {
        let tmp = tempfile::tempdir().unwrap();
        let loaded = crate::testbook::load(tmp.path());
        let data = DataFiles::new(&loaded.handbook);
        let all = data.all();
        assert_eq!(all[0], (DATA_FILE.to_string(), DataFile::List));
        assert!(all.len() > 3, "the details are not split: {all:?}");
        // Each question is in exactly one file, in order; a story is written into each file
        // that has a question linking it.
        let mut next = 0;
        let mut starts = Vec::new();
        for (n, (path, file)) in all[1..].iter().enumerate() {
            assert_eq!((path, *file), (&details_path(n), DataFile::Details(n)));
            let js = text(data.make(*file));
            assert!(js.starts_with(&format!("(window.prepbookPracticeDetails = window.prepbookPracticeDetails || {{}})[{n}] = JSON.parse('")), "{path}");
            let has = |q: usize| js.contains(&format!("\"id\":\"q{q:02}\""));
            starts.push(next);
            while next < crate::testbook::QUESTIONS && has(next) {
                next += 1;
            }
            assert!(next > starts[n], "{path} has no question of its own");
            assert!(
                (0..crate::testbook::QUESTIONS).filter(|&q| has(q)).count() == next - starts[n],
                "{path} has a question of another file"
            );
            let linked = starts[n] == 0 || next == crate::testbook::QUESTIONS;
            assert_eq!(
                js.matches("The late launch").count(),
                usize::from(linked),
                "{path}"
            );
        }
        assert_eq!(next, crate::testbook::QUESTIONS, "a question is in no file");
        let list = text(data.make(DataFile::List));
        let starts: Vec<String> = starts.iter().map(usize::to_string).collect();
        assert!(
            list.contains(&format!("\"details\":[{}]", starts.join(","))),
            "data.js does not list where the files start"
        );
    }

    #[test]
    fn a_path_names_a_file_only_if_the_build_writes_it() {
        let tmp = tempfile::tempdir().unwrap();
        let loaded = crate::testbook::load(tmp.path());
        let data = DataFiles::new(&loaded.handbook);
        let files = data.all().len() - 1;
        assert_eq!(data.find("practice/data.js"), Some(DataFile::List));
        assert_eq!(
            data.find("practice/details-1.js"),
            Some(DataFile::Details(1))
        );
        for path in [
            format!("practice/details-{files}.js"),
            "practice/details-01.js".into(),
            "practice/details-+1.js".into(),
            "practice/details-.js".into(),
            "practice/site.js".into(),
            "practice/details-1.json".into(),
        ] {
            assert_eq!(data.find(&path), None, "{path}");
        }
    }
}
