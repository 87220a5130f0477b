//! What one validation worked out per file, kept so that the next one (the dev server's, after
//! a save) parses and builds again only the files that changed.
//!
//! A file is known by the address of its [`SourceFile`]: the content walk hands on an
//! unchanged file as the same shared value, and the memo holds every file it has entries for,
//! so no other file can come to live at that address. A built item also depends on the whole
//! handbook's ids and link targets; when those change, every file is built again.

use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::fast::FixedState;
use foldhash::HashMap;
use std::sync::Arc;

use super::context::{Built, Context};
use super::front::{Front, ParseResult, Parsed};
use crate::content::yaml::Locations;
use crate::content::SourceFile;
use crate::diagnostic::Diagnostic;
use crate::model::{Answer, Page, Principle, Question, Story, Tip};

/// A file's identity while the memo holds it.
fn key(src: &SourceFile) -> usize {
    src as *const SourceFile as usize
}

/// A parse result without its borrows of the file, to be lent to the file again.
#[derive(Clone)]
struct ParsedParts {
    locations: Arc<Locations>,
    yaml_line: usize,
    body_start: usize,
    body_line: usize,
    explained: Vec<String>,
}

type CachedParse = Result<(ParsedParts, Front, Vec<Diagnostic>), Vec<Diagnostic>>;

/// One kind's built items, by file, shared with the handbooks made of them.
pub(super) struct Builds<T>(HashMap<usize, Built<Arc<T>>>);

impl<T> Default for Builds<T> {
    fn default() -> Self {
        Builds(HashMap::default())
    }
}

impl<T> Builds<T> {
    pub(super) fn get(&self, src: &SourceFile) -> Option<Built<Arc<T>>> {
        self.0.get(&key(src)).cloned()
    }

    /// Keeps the items of this run's files, and only those.
    pub(super) fn keep<'a>(
        &mut self,
        files: impl Iterator<Item = &'a SourceFile>,
        built: &[Built<Arc<T>>],
    ) {
        let keys: Vec<usize> = files.map(key).collect();
        for (&k, b) in keys.iter().zip(built) {
            self.0.entry(k).or_insert_with(|| b.clone());
        }
        forget_others(&mut self.0, &keys);
    }
}

/// Every kind's built items.
#[derive(Default)]
pub(super) struct AllBuilds {
    pub(super) principles: Builds<Principle>,
    pub(super) questions: Builds<Question>,
    pub(super) answers: Builds<Answer>,
    pub(super) tips: Builds<Tip>,
    pub(super) pages: Builds<Page>,
    pub(super) stories: Builds<Story>,
}

/// The per-file work of the last validation, for one configuration: a change to `book.toml`
/// needs a new memo.
#[derive(Default)]
pub struct Memo {
    /// The files the entries belong to, held so that their addresses stay theirs.
    files: Vec<Arc<SourceFile>>,
    parses: HashMap<usize, CachedParse>,
    /// What the built items were checked against: ids, their order and the link targets.
    fingerprint: u64,
    pub(super) builds: AllBuilds,
}

impl Memo {
    /// `src` parsed, from the memo when it holds this very file.
    pub(super) fn parse<'a>(&self, src: &'a SourceFile) -> ParseResult<'a> {
        match self.parses.get(&key(src)) {
            None => super::front::parse_file(src),
            Some(Err(problems)) => Err(problems.clone()),
            Some(Ok((parts, front, problems))) => Ok((
                Parsed {
                    src,
                    locations: parts.locations.clone(),
                    yaml_line: parts.yaml_line,
                    body: &src.text[parts.body_start..],
                    body_line: parts.body_line,
                    body_lines: std::sync::OnceLock::new(),
                    explained: parts.explained.clone(),
                },
                front.clone(),
                problems.clone(),
            )),
        }
    }

    /// Keeps this run's parse results, one per file of `files`, and lets the others go.
    pub(super) fn keep_parses(&mut self, files: &[Arc<SourceFile>], results: &[ParseResult<'_>]) {
        for (src, r) in files.iter().zip(results) {
            self.parses.entry(key(src)).or_insert_with(|| match r {
                Err(problems) => Err(problems.clone()),
                Ok((p, front, problems)) => Ok((
                    ParsedParts {
                        locations: p.locations.clone(),
                        yaml_line: p.yaml_line,
                        body_start: p.body.as_ptr() as usize - src.text.as_ptr() as usize,
                        body_line: p.body_line,
                        explained: p.explained.clone(),
                    },
                    front.clone(),
                    problems.clone(),
                )),
            });
        }
        let keys: Vec<usize> = files.iter().map(|f| key(f)).collect();
        forget_others(&mut self.parses, &keys);
        self.files = files.to_vec();
    }

    /// Forgets the built items when what they were checked against has changed.
    pub(super) fn against(&mut self, cx: &Context<'_>) {
        let fingerprint = fingerprint(cx);
        if fingerprint != self.fingerprint {
            self.builds = AllBuilds::default();
            self.fingerprint = fingerprint;
        }
    }
}

/// Removes the entries of files not in `keys`. Every key of `keys` has an entry, so there are
/// others exactly when the table is larger: on an ordinary save there are none to look for.
fn forget_others<V>(table: &mut HashMap<usize, V>, keys: &[usize]) {
    if table.len() > keys.len() {
        let live: foldhash::HashSet<usize> = keys.iter().copied().collect();
        table.retain(|k, _| live.contains(k));
    }
}

/// A hash of everything a file's build reads besides the file: the ids in order, the link
/// targets and the files that could not be read (the configuration is the memo's own).
fn fingerprint(cx: &Context<'_>) -> u64 {
    // A fixed seed: the fingerprint is compared across runs.
    let state = FixedState::default();
    let one = |x: (&String, Option<crate::content::Kind>, usize, &String)| state.hash_one(x);
    let mut h = state.build_hasher();
    cx.principle_ids.hash(&mut h);
    cx.question_ids.hash(&mut h);
    // Maps and sets in any order: combine the entries' own hashes with a sum.
    let targets = cx.targets.iter().fold(0u64, |acc, (k, t)| {
        acc.wrapping_add(one((k, t.kind, t.index, &t.path)))
    });
    targets.hash(&mut h);
    let broken = cx
        .broken
        .iter()
        .fold(0u64, |acc, b| acc.wrapping_add(state.hash_one(b)));
    broken.hash(&mut h);
    // Never 0, the fingerprint of an empty memo.
    h.finish() | 1
}
