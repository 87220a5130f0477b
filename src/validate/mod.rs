//! Raw content files to a [`Handbook`]: parse every front matter, resolve every reference,
//! render every body, collecting all problems before failing once.
//!
//! The steps: parse each file into its kind's front-matter type; check ids and output paths;
//! list every link target; build each kind's items in parallel (`kinds/`, sharing the checks
//! of `context`); then check links into other files' headings and relate the items.

mod advice;
pub use advice::principles_without_questions;
mod context;
mod fragments;
mod front;
mod generated;
mod kinds;
mod memo;
pub use memo::Memo;
mod sections;
pub mod tags;
mod targets;

// A fast hash: these tables hold every id and path, and are made again on every save.
use foldhash::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Discovered, Kind};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Position};
use crate::model::*;
use context::{Built, Context};
use fragments::check_fragments;
use front::*;

/// Where a content file ends up, for links to it.
#[derive(Clone)]
struct LinkTarget {
    kind: Option<Kind>,
    /// Index into the parsed list of the kind, for fragment checks.
    index: usize,
    /// Root-relative output path, with a fragment for items shown inside another page.
    path: String,
}

/// A link fragment to check once every body is rendered.
#[derive(Clone)]
struct PendingFragment {
    file: String,
    position: Position,
    kind: Kind,
    index: usize,
    fragment: String,
}

/// The parsed files of each kind, in reading order.
#[derive(Default)]
struct Sets<'a> {
    principles: Vec<(Parsed<'a>, Arc<RawPrinciple>)>,
    questions: Vec<(Parsed<'a>, Arc<RawQuestion>)>,
    answers: Vec<(Parsed<'a>, Arc<RawAnswer>)>,
    tips: Vec<(Parsed<'a>, Arc<RawTip>)>,
    pages: Vec<(Parsed<'a>, Arc<RawPage>)>,
    stories: Vec<(Parsed<'a>, Arc<RawStory>)>,
}

impl<'a> Sets<'a> {
    fn add(&mut self, p: Parsed<'a>, front: Front) {
        match front {
            Front::Principle(r) => self.principles.push((p, r)),
            Front::Question(r) => self.questions.push((p, r)),
            Front::Answer(r) => self.answers.push((p, r)),
            Front::Tip(r) => self.tips.push((p, r)),
            Front::Page(r) => self.pages.push((p, r)),
            Front::Story(r) => self.stories.push((p, r)),
        }
    }

    /// Reading order: each kind's own order key, then the id.
    fn sort(&mut self) {
        fn by<T>(list: &mut [(Parsed<'_>, T)], order: impl Fn(&T) -> i64) {
            list.sort_by(|(p, r), (q, s)| {
                (order(r), p.src.id.as_str()).cmp(&(order(s), q.src.id.as_str()))
            });
        }
        by(&mut self.principles, |r| {
            r.order.map_or(i64::MAX, i64::from)
        });
        by(&mut self.questions, |r| i64::from(r.priority.unwrap_or(3)));
        by(&mut self.answers, |_| 0);
        by(&mut self.tips, |r| r.order.unwrap_or(0));
        by(&mut self.pages, |r| r.order.unwrap_or(0));
        by(&mut self.stories, |_| 0);
    }
}

/// Builds every item of one kind in parallel, keeping the problems and pending links. The
/// result is aligned with `list`: `None` where the file had problems.
fn build_all<'a, R: Send + Sync, T: Send + Sync + Clone>(
    list: &'a [(Parsed<'a>, Arc<R>)],
    cx: &Context<'_>,
    build: fn(&Parsed<'_>, &R, &Context<'_>) -> Built<T>,
    diags: &mut Diagnostics,
    pending: &mut Vec<PendingFragment>,
    memo: Option<&mut memo::Builds<T>>,
) -> Vec<Option<Arc<T>>> {
    let built: Vec<Built<Arc<T>>> = list
        .par_iter()
        .map(|(p, r)| {
            memo.as_deref()
                .and_then(|m| m.get(p.src))
                .unwrap_or_else(|| {
                    let b = build(p, r, cx);
                    Built {
                        item: b.item.map(Arc::new),
                        problems: b.problems,
                        pending: b.pending,
                    }
                })
        })
        .collect();
    if let Some(m) = memo {
        m.keep(list.iter().map(|(p, _)| p.src), &built);
    }
    let mut items = Vec::with_capacity(built.len());
    for b in built {
        diags.extend(b.problems);
        pending.extend(b.pending);
        items.push(b.item);
    }
    items
}

/// The items that were built, in order.
fn built<T>(items: Vec<Option<Arc<T>>>) -> Vec<Arc<T>> {
    items.into_iter().flatten().collect()
}

/// Turns discovered content into a validated handbook, or every problem found.
pub fn validate(config: Config, discovered: Discovered) -> (Option<Handbook>, Diagnostics) {
    validate_with(config, discovered, None)
}

/// [`validate`], taking from `memo` what an earlier run worked out for the files that did not
/// change, and leaving in it what this run worked out. The memo is for one configuration.
pub fn validate_with(
    config: Config,
    discovered: Discovered,
    mut memo: Option<&mut Memo>,
) -> (Option<Handbook>, Diagnostics) {
    let mut diags = Diagnostics::new();

    // 1. Front matter, in parallel, into each kind's type.
    let results: Vec<ParseResult<'_>> = discovered
        .files
        .par_iter()
        .map(|f| match memo.as_deref() {
            Some(m) => m.parse(f),
            None => parse_file(f),
        })
        .collect();
    if let Some(m) = memo.as_deref_mut() {
        m.keep_parses(&discovered.files, &results);
    }

    // 2. Ids and output paths.
    let mut sets = Sets::default();
    let mut seen: HashMap<(Kind, &str), &str> = HashMap::default();
    // Files whose front matter could not be read: their own error is reported, so references
    // to their ids are not reported again as unknown.
    let mut broken: HashSet<(Kind, &str)> = HashSet::default();
    for (r, src) in results.into_iter().zip(&discovered.files) {
        let (p, front) = match r {
            Ok((p, front, problems)) => {
                diags.extend(problems);
                (p, front)
            }
            Err(e) => {
                diags.extend(e);
                broken.insert((src.kind, src.id.as_str()));
                continue;
            }
        };
        if let Some(first) = seen.get(&(src.kind, src.id.as_str())) {
            diags.push(
                Diagnostic::error(format!(
                    "duplicate {} id `{}`: `{first}` has the same id",
                    p.src.kind.noun(),
                    p.src.id
                ))
                .in_file(p.src.file.clone())
                .with_help("ids come from file names (ignoring case); rename one of the two files"),
            );
            continue;
        }
        let page = p.src.kind.page(&p.src.id).unwrap_or_default();
        if paths::RESERVED.contains(&page.as_str()) {
            diags.push(
                Diagnostic::error(format!(
                    "{} `{}` would be written to `{page}`, which the handbook already generates",
                    p.src.kind.noun(),
                    p.src.id,
                ))
                .in_file(p.src.file.clone())
                .with_help("rename the file"),
            );
            continue;
        }
        seen.insert((src.kind, src.id.as_str()), src.file.as_str());
        sets.add(p, front);
    }
    sets.sort();

    // 3. Link targets for every file, and the files copied as they are.
    let (targets, assets) = targets::collect(&sets, &discovered.assets, &mut diags);

    // 4. Every kind's items, each built in parallel against the same ids and targets.
    fn index<'a>(ids: &[&'a str]) -> HashMap<&'a str, usize> {
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect()
    }
    let principle_ids = ids_of(&sets.principles);
    let question_ids = ids_of(&sets.questions);
    let cx = Context {
        config: &config,
        targets: &targets,
        principle_index: index(&principle_ids),
        principle_ids,
        question_index: index(&question_ids),
        question_ids,
        broken: &broken,
    };
    let mut pending = Vec::new();
    let mut builds = memo.map(|m| {
        m.against(&cx);
        &mut m.builds
    });
    let b = &mut builds;
    let (d, p) = (&mut diags, &mut pending);
    let principles = build_all(
        &sets.principles,
        &cx,
        kinds::principle::build,
        d,
        p,
        b.as_deref_mut().map(|b| &mut b.principles),
    );
    let mut questions = build_all(
        &sets.questions,
        &cx,
        kinds::question::build,
        d,
        p,
        b.as_deref_mut().map(|b| &mut b.questions),
    );
    let answers = build_all(
        &sets.answers,
        &cx,
        kinds::answer::build,
        d,
        p,
        b.as_deref_mut().map(|b| &mut b.answers),
    );
    let tips = build_all(
        &sets.tips,
        &cx,
        kinds::tip::build,
        d,
        p,
        b.as_deref_mut().map(|b| &mut b.tips),
    );
    let pages = build_all(
        &sets.pages,
        &cx,
        kinds::page::build,
        d,
        p,
        b.as_deref_mut().map(|b| &mut b.pages),
    );
    let mut stories = build_all(
        &sets.stories,
        &cx,
        kinds::story::build,
        d,
        p,
        b.as_deref_mut().map(|b| &mut b.stories),
    );
    let tagged = sets
        .questions
        .iter()
        .zip(questions.iter_mut())
        // Only tagged items are written to: a shared item is copied when it is.
        .filter(|((_, raw), _)| raw.tags.is_some())
        .filter_map(|((p, raw), q)| {
            q.as_mut().map(|q| tags::Tagged {
                parsed: p,
                names: raw.tags.as_ref(),
                out: &mut Arc::make_mut(q).tags,
            })
        })
        .chain(
            sets.stories
                .iter()
                .zip(stories.iter_mut())
                .filter(|((_, raw), _)| raw.tags.is_some())
                .filter_map(|((p, raw), s)| {
                    s.as_mut().map(|s| tags::Tagged {
                        parsed: p,
                        names: raw.tags.as_ref(),
                        out: &mut Arc::make_mut(s).tags,
                    })
                }),
        )
        .collect();
    let tags = tags::resolve(tagged, &mut diags);

    advice::same_order(&sets.principles, &mut diags);
    advice::duplicate_questions(&sets.questions, &mut diags);
    if sets.principles.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error("the handbook has no principles").with_help(
                "add at least one file to the content folder's principles/ (see `prepbook init`)",
            ),
        );
    }

    // 5. Links into other files' headings, checked even when other files have problems
    // (a link into a file with problems of its own is left to that file's report).
    check_fragments(
        &pending,
        &principles,
        &questions,
        &pages,
        &answers,
        &tips,
        &mut diags,
    );
    if diags.has_errors() {
        diags.sort();
        return (None, diags);
    }
    let (principles, questions, answers) = (built(principles), built(questions), built(answers));
    let (tips, pages, stories) = (built(tips), built(pages), built(stories));

    let relations = Relations::compute(
        principles.len(),
        tags.len(),
        &questions,
        &answers,
        &tips,
        &stories,
    );
    diags.sort();
    let handbook = Handbook {
        config,
        principles,
        questions,
        answers,
        tips,
        pages,
        stories,
        tags,
        assets,
        relations,
        answer_notes: Vec::new(),
        story_notes: Vec::new(),
    };
    (Some(handbook), diags)
}

/// The ids of a parsed list, in its order.
fn ids_of<'a, R>(list: &'a [(Parsed<'a>, R)]) -> Vec<&'a str> {
    list.iter().map(|(p, _)| p.src.id.as_str()).collect()
}

/// "did you mean" plus the valid ids (at most 20 of them).
pub(super) fn unknown_help(id: &str, valid: &[&str], noun: &str) -> String {
    let list = if valid.len() > 20 {
        format!("{}, ... ({} in all)", valid[..20].join(", "), valid.len())
    } else {
        valid.join(", ")
    };
    match did_you_mean(id, valid.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? Valid {noun} ids: {list}"),
        None if valid.is_empty() => format!("there are no {noun}s yet"),
        None => format!("valid {noun} ids: {list}"),
    }
}

/// Joins a relative link to the folder of the file it is in; `None` if it leaves the content folder.
pub fn join_content_path(dir: &str, link: &str) -> Option<String> {
    if link.contains('\\') || link.contains('\0') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_join_and_stay_inside() {
        assert_eq!(
            join_content_path("pages", "../principles/a.md").as_deref(),
            Some("principles/a.md")
        );
        assert_eq!(
            join_content_path("pages", "b.md").as_deref(),
            Some("pages/b.md")
        );
        assert_eq!(join_content_path("pages", "../../etc/passwd"), None);
        assert_eq!(join_content_path("", "../x"), None);
        assert_eq!(join_content_path("pages", "a\\..\\b"), None);
    }

    #[test]
    fn unknown_help_lists_ids() {
        assert_eq!(
            unknown_help("ownr", &["ownership", "frugality"], "principle"),
            "valid principle ids: ownership, frugality"
        );
        assert!(unknown_help("ownershp", &["ownership"], "principle")
            .starts_with("did you mean `ownership`?"));
    }
}
