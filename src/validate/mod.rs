//! Raw content files to a [`Handbook`]: parse every front matter, resolve every reference,
//! render every body, collecting all problems before failing once.

mod fragments;
mod front;
mod sections;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::markdown::{self, RenderOptions, Rendered};
use crate::content::{Discovered, Kind};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Position};
use crate::model::*;
use fragments::check_fragments;
use front::*;
use sections::{check_sections, framework_of};

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
struct PendingFragment {
    file: String,
    position: Position,
    kind: Kind,
    index: usize,
    fragment: String,
}

/// Turns discovered content into a validated handbook, or every problem found.
pub fn validate(config: Config, discovered: Discovered) -> (Option<Handbook>, Diagnostics) {
    let mut diags = Diagnostics::new();

    // 1. Front matter, in parallel.
    let results: Vec<Result<Parsed<'_>, Vec<Diagnostic>>> =
        discovered.files.par_iter().map(parse_file).collect();
    let mut parsed: Vec<Parsed<'_>> = Vec::new();
    for r in results {
        match r {
            Ok(p) => parsed.push(p),
            Err(e) => diags.extend(e),
        }
    }

    // 2. Ids and output paths.
    let mut by_kind: BTreeMap<Kind, Vec<Parsed<'_>>> = BTreeMap::new();
    let mut seen: HashMap<(Kind, String), String> = HashMap::new();
    for p in parsed {
        if let Some(first) = seen.get(&(p.src.kind, p.src.id.clone())) {
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
        if p.src.kind == Kind::Page && paths::RESERVED.contains(&paths::page(&p.src.id).as_str()) {
            diags.push(
                Diagnostic::error(format!(
                    "page `{}` would be written to `{}`, which the handbook already generates",
                    p.src.id,
                    paths::page(&p.src.id)
                ))
                .in_file(p.src.file.clone())
                .with_help("rename the file"),
            );
            continue;
        }
        seen.insert((p.src.kind, p.src.id.clone()), p.src.file.clone());
        by_kind.entry(p.src.kind).or_default().push(p);
    }
    let mut take = |k: Kind| by_kind.remove(&k).unwrap_or_default();
    let mut principles_p = take(Kind::Principle);
    let mut questions_p = take(Kind::Question);
    let mut answers_p = take(Kind::Answer);
    let mut tips_p = take(Kind::Tip);
    let mut pages_p = take(Kind::Page);
    let mut stories_p = take(Kind::Story);

    // Reading order.
    let key_order = |p: &Parsed<'_>| -> (i64, String) {
        let order = match &p.front {
            Front::Principle(r) => r.order.map_or(i64::MAX, i64::from),
            Front::Tip(r) => r.order.unwrap_or(0),
            Front::Page(r) => r.order.unwrap_or(0),
            Front::Question(r) => i64::from(r.priority.unwrap_or(3)),
            Front::Answer(_) | Front::Story(_) => 0,
        };
        (order, p.src.id.clone())
    };
    for list in [
        &mut principles_p,
        &mut questions_p,
        &mut answers_p,
        &mut tips_p,
        &mut pages_p,
        &mut stories_p,
    ] {
        list.sort_by_cached_key(key_order);
    }

    // 3. Link targets for every file.
    let mut targets: HashMap<String, LinkTarget> = HashMap::new();
    let mut generated: HashMap<String, String> = HashMap::new();
    for (kind, list) in [
        (Kind::Principle, &principles_p),
        (Kind::Question, &questions_p),
        (Kind::Page, &pages_p),
        (Kind::Story, &stories_p),
    ] {
        for (i, p) in list.iter().enumerate() {
            let path = match kind {
                Kind::Principle => paths::principle(&p.src.id),
                Kind::Question => paths::question(&p.src.id),
                Kind::Story => paths::story(&p.src.id),
                _ => paths::page(&p.src.id),
            };
            generated.insert(path.to_ascii_lowercase(), p.src.file.clone());
            targets.insert(
                p.src.content_path.clone(),
                LinkTarget {
                    kind: Some(kind),
                    index: i,
                    path,
                },
            );
        }
    }
    for (i, p) in tips_p.iter().enumerate() {
        targets.insert(
            p.src.content_path.clone(),
            LinkTarget {
                kind: Some(Kind::Tip),
                index: i,
                path: format!("{}#{}", paths::TIPS, paths::tip_anchor(&p.src.id)),
            },
        );
    }
    let question_index: HashMap<&str, usize> = questions_p
        .iter()
        .enumerate()
        .map(|(i, p)| (p.src.id.as_str(), i))
        .collect();
    for (i, p) in answers_p.iter().enumerate() {
        if let Front::Answer(RawAnswer {
            question: Some(q), ..
        }) = &p.front
        {
            if question_index.contains_key(q.as_str()) {
                targets.insert(
                    p.src.content_path.clone(),
                    LinkTarget {
                        kind: Some(Kind::Answer),
                        index: i,
                        path: format!("{}#{}", paths::question(q), paths::answer_anchor(&p.src.id)),
                    },
                );
            }
        }
    }
    for name in paths::RESERVED {
        generated.insert(name.to_string(), "the handbook".into());
    }
    let mut assets = Vec::new();
    let mut asset_paths: HashMap<String, String> = HashMap::new();
    for a in &discovered.assets {
        let lower = a.content_path.to_ascii_lowercase();
        let clash = generated
            .get(&lower)
            .or_else(|| asset_paths.get(&lower))
            .cloned()
            .or_else(|| {
                paths::RESERVED_DIRS
                    .iter()
                    .find(|d| lower == **d || lower.starts_with(&format!("{d}/")))
                    .map(|d| format!("the handbook's own `{d}/` folder"))
            });
        if let Some(other) = clash {
            diags.push(
                Diagnostic::error(format!(
                    "`{}` would be written to `{}`, which {other} also writes",
                    a.file, a.content_path
                ))
                .in_file(a.file.clone())
                .with_help("rename or move the file"),
            );
            continue;
        }
        asset_paths.insert(lower, a.file.clone());
        targets.insert(
            a.content_path.clone(),
            LinkTarget {
                kind: None,
                index: 0,
                path: a.content_path.clone(),
            },
        );
        assets.push(Asset {
            path: a.content_path.clone(),
            source: a.path.clone(),
        });
    }

    // 4. Principles first: everything else refers to them.
    let principle_ids: Vec<&str> = principles_p.iter().map(|p| p.src.id.as_str()).collect();
    let principle_index: HashMap<&str, usize> = principle_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let question_ids: Vec<&str> = questions_p.iter().map(|p| p.src.id.as_str()).collect();

    let resolve_ids =
        |p: &Parsed<'_>, key: &str, ids: Vec<String>, diags: &mut Vec<Diagnostic>| -> Vec<usize> {
            let mut out = Vec::new();
            for (n, id) in ids.iter().enumerate() {
                match principle_index.get(id.as_str()) {
                    Some(&i) if out.contains(&i) => diags.push(
                        p.at_item(key, n, format!("principle `{id}` is listed twice"))
                            .with_help("list each principle once"),
                    ),
                    Some(&i) => out.push(i),
                    None => diags.push(
                        p.at_item(key, n, format!("unknown principle `{id}`"))
                            .with_help(unknown_help(id, &principle_ids, "principle")),
                    ),
                }
            }
            out
        };

    // 5. Bodies are rendered in parallel; each job returns its item or its problems.
    let render_body = |p: &Parsed<'_>,
                       opts: &RenderOptions<'_>,
                       pending: &mut Vec<PendingFragment>,
                       problems: &mut Vec<Diagnostic>|
     -> Rendered {
        let own_dir = match p.src.content_path.rfind('/') {
            Some(i) => &p.src.content_path[..i],
            None => "",
        };
        let self_target = targets.get(&p.src.content_path).cloned();
        let fragments = std::cell::RefCell::new(Vec::new());
        let resolver = |path: &str,
                        fragment: Option<&str>,
                        offset: usize|
         -> Result<Option<String>, (String, String)> {
            if path.is_empty() {
                if let (Some(f), Some(t)) = (fragment, &self_target) {
                    fragments
                        .borrow_mut()
                        .push((t.kind, t.index, f.to_string(), offset));
                }
                return Ok(None);
            }
            let joined = join_content_path(own_dir, path).ok_or_else(|| {
                (
                    format!("link `{path}` points outside the content folder"),
                    "link only to files inside the content folder".to_string(),
                )
            })?;
            let t = targets.get(&joined).ok_or_else(|| {
                let hint = if path.ends_with(".html") {
                    "link to the Markdown file (`.md`) of the page instead".to_string()
                } else {
                    format!("no file `{joined}` in the content folder; check the path (it is relative to this file)")
                };
                (format!("link target `{path}` does not exist"), hint)
            })?;
            match (fragment, t.kind) {
                (None, _) => Ok(Some(t.path.clone())),
                (Some(f), Some(k @ (Kind::Principle | Kind::Question | Kind::Page))) => {
                    fragments
                        .borrow_mut()
                        .push((Some(k), t.index, f.to_string(), offset));
                    Ok(Some(format!("{}#{f}", t.path)))
                }
                (Some(_), _) => Err((
                    format!("link `{path}#...` points into a file that has no sections of its own"),
                    "remove the `#...` part".to_string(),
                )),
            }
        };
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            markdown::render(p.body, opts, &resolver)
        }));
        match rendered {
            Ok((r, md_problems)) => {
                for prob in md_problems {
                    problems.push(
                        p.at(Some(p.body_pos(prob.offset)), prob.message)
                            .with_help(prob.help),
                    );
                }
                for (kind, index, fragment, offset) in fragments.into_inner() {
                    if let Some(kind) = kind {
                        pending.push(PendingFragment {
                            file: p.src.file.clone(),
                            position: p.body_pos(offset),
                            kind,
                            index,
                            fragment,
                        });
                    }
                }
                r
            }
            Err(_) => {
                problems.push(
                    p.at(Some(Position::new(p.body_line, 1)), "the Markdown parser crashed on this file")
                        .with_help("simplify the Markdown (deeply nested lists or quotes) and report the file to prepbook"),
                );
                Rendered::default()
            }
        }
    };

    type Job<T> = (Option<T>, Vec<Diagnostic>, Vec<PendingFragment>);

    let principles: Vec<Job<Principle>> = principles_p
        .par_iter()
        .map(|p| {
            let Front::Principle(raw) = &p.front else {
                unreachable!()
            };
            let (mut problems, mut pending) = (Vec::new(), Vec::new());
            let title = required_text(
                p,
                "title",
                raw.title.as_deref(),
                "Customer Obsession",
                &mut problems,
            );
            let summary = required_text(
                p,
                "summary",
                raw.summary.as_deref(),
                "One line on what it means",
                &mut problems,
            );
            if raw.order.is_none() {
                problems.push(p.missing("order", "1"));
            }
            let body = render_body(
                p,
                &RenderOptions {
                    heading_shift: 0,
                    id_prefix: "",
                    split_sections: false,
                },
                &mut pending,
                &mut problems,
            );
            let item = (problems.is_empty()).then(|| Principle {
                id: p.src.id.clone(),
                title: title.unwrap_or_default(),
                order: raw.order.unwrap_or_default(),
                summary: summary.unwrap_or_default(),
                signals: clean_list(&raw.signals),
                pitfalls: clean_list(&raw.pitfalls),
                body: body.into(),
                source: Source {
                    file: p.src.file.clone(),
                },
            });
            (item, problems, pending)
        })
        .collect();

    let questions: Vec<Job<Question>> = questions_p
        .par_iter()
        .map(|p| {
            let Front::Question(raw) = &p.front else {
                unreachable!()
            };
            let (mut problems, mut pending) = (Vec::new(), Vec::new());
            let text = required_text(
                p,
                "question",
                raw.question.as_deref(),
                "\"Tell me about a time...\"",
                &mut problems,
            );
            let principles = match &raw.principles {
                None => {
                    problems.push(p.missing("principles", "[customer-obsession]"));
                    Vec::new()
                }
                Some(list) => {
                    let ids = list.clone().into_vec();
                    if ids.is_empty() {
                        problems.push(p.at_key("principles", "`principles` is empty").with_help(
                            "list at least one principle id; the first is the primary one",
                        ));
                    }
                    resolve_ids(p, "principles", ids, &mut problems)
                }
            };
            let stage = raw.stage.as_deref().and_then(|s| {
                let stage = Stage::parse(s);
                if stage.is_none() {
                    let ids: Vec<&str> = Stage::ALL.iter().map(|s| s.id()).collect();
                    problems.push(
                        p.at_key("stage", format!("unknown stage `{s}`"))
                            .with_help(unknown_help(s, &ids, "stage")),
                    );
                }
                stage
            });
            if let Some(role) = &raw.role {
                let ok = !role.is_empty()
                    && role.len() <= 24
                    && role
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !ok {
                    problems.push(
                        p.at_key("role", format!("role `{role}` is not a short label"))
                            .with_help("use a short lowercase label such as `pm`, `pmt` or `swe`"),
                    );
                }
            }
            if let Some(pr) = raw.priority {
                if !(1..=5).contains(&pr) {
                    problems.push(
                        p.at_key("priority", format!("priority {pr} is out of range"))
                            .with_help("use 1 (most important) to 5 (least); the default is 3"),
                    );
                }
            }
            let notes = render_body(
                p,
                &RenderOptions {
                    heading_shift: 1,
                    id_prefix: "",
                    split_sections: false,
                },
                &mut pending,
                &mut problems,
            );
            let item = problems.is_empty().then(|| Question {
                id: p.src.id.clone(),
                text: text.unwrap_or_default(),
                principles,
                stage,
                role: raw.role.clone(),
                priority: raw.priority.unwrap_or(3),
                follow_ups: clean_list(&raw.follow_ups),
                notes: notes.into(),
                source: Source {
                    file: p.src.file.clone(),
                },
            });
            (item, problems, pending)
        })
        .collect();

    let answers: Vec<Job<Answer>> = answers_p
        .par_iter()
        .map(|p| {
            let Front::Answer(raw) = &p.front else {
                unreachable!()
            };
            let (mut problems, mut pending) = (Vec::new(), Vec::new());
            let question = match raw.question.as_deref() {
                None => {
                    problems.push(p.missing("question", "the-question-id"));
                    None
                }
                Some(q) => {
                    let found = question_index.get(q).copied();
                    if found.is_none() {
                        problems.push(
                            p.at_key("question", format!("unknown question `{q}`"))
                                .with_help(unknown_help(q, &question_ids, "question")),
                        );
                    }
                    found
                }
            };
            let framework = framework_of(p, raw.framework.as_deref(), &mut problems);
            let prefix = format!("{}-", p.src.id);
            let rendered = render_body(
                p,
                &RenderOptions {
                    heading_shift: 2,
                    id_prefix: &prefix,
                    split_sections: true,
                },
                &mut pending,
                &mut problems,
            );
            let sections = framework.map(|fw| check_sections(p, fw, rendered, &mut problems));
            let item = match (question, framework, sections, problems.is_empty()) {
                (Some(question), Some(framework), Some(sections), true) => Some(Answer {
                    id: p.src.id.clone(),
                    question,
                    framework,
                    persona: raw.persona.clone().filter(|s| !s.trim().is_empty()),
                    sections,
                    source: Source {
                        file: p.src.file.clone(),
                    },
                }),
                _ => None,
            };
            (item, problems, pending)
        })
        .collect();

    let tips: Vec<Job<Tip>> = tips_p
        .par_iter()
        .map(|p| {
            let Front::Tip(raw) = &p.front else {
                unreachable!()
            };
            let (mut problems, mut pending) = (Vec::new(), Vec::new());
            let title = required_text(
                p,
                "title",
                raw.title.as_deref(),
                "Quantify every result",
                &mut problems,
            );
            let principles = raw
                .principles
                .clone()
                .map(|l| resolve_ids(p, "principles", l.into_vec(), &mut problems))
                .unwrap_or_default();
            let prefix = format!("{}-", p.src.id);
            let body = render_body(
                p,
                &RenderOptions {
                    heading_shift: 2,
                    id_prefix: &prefix,
                    split_sections: false,
                },
                &mut pending,
                &mut problems,
            );
            let item = problems.is_empty().then(|| Tip {
                id: p.src.id.clone(),
                title: title.unwrap_or_default(),
                principles,
                order: raw.order.unwrap_or(0),
                body: body.into(),
                source: Source {
                    file: p.src.file.clone(),
                },
            });
            (item, problems, pending)
        })
        .collect();

    let pages: Vec<Job<Page>> = pages_p
        .par_iter()
        .map(|p| {
            let Front::Page(raw) = &p.front else {
                unreachable!()
            };
            let (mut problems, mut pending) = (Vec::new(), Vec::new());
            let title = required_text(
                p,
                "title",
                raw.title.as_deref(),
                "The interview process",
                &mut problems,
            );
            let body = render_body(
                p,
                &RenderOptions {
                    heading_shift: 0,
                    id_prefix: "",
                    split_sections: false,
                },
                &mut pending,
                &mut problems,
            );
            let item = problems.is_empty().then(|| Page {
                id: p.src.id.clone(),
                title: title.unwrap_or_default(),
                order: raw.order.unwrap_or(0),
                summary: raw.summary.clone().filter(|s| !s.trim().is_empty()),
                body: body.into(),
                source: Source {
                    file: p.src.file.clone(),
                },
            });
            (item, problems, pending)
        })
        .collect();

    let stories: Vec<Job<Story>> = stories_p
        .par_iter()
        .map(|p| {
            let Front::Story(raw) = &p.front else {
                unreachable!()
            };
            let (mut problems, mut pending) = (Vec::new(), Vec::new());
            let title = required_text(
                p,
                "title",
                raw.title.as_deref(),
                "Rescued the Q3 launch",
                &mut problems,
            );
            let principles = raw
                .principles
                .clone()
                .map(|l| resolve_ids(p, "principles", l.into_vec(), &mut problems))
                .unwrap_or_default();
            let mut questions = Vec::new();
            if let Some(list) = raw.questions.clone() {
                for (n, q) in list.into_vec().iter().enumerate() {
                    match question_index.get(q.as_str()) {
                        Some(&i) => questions.push(i),
                        None => problems.push(
                            p.at_item("questions", n, format!("unknown question `{q}`"))
                                .with_help(unknown_help(q, &question_ids, "question")),
                        ),
                    }
                }
            }
            let framework = framework_of(p, raw.framework.as_deref(), &mut problems);
            let prefix = format!("{}-", p.src.id);
            let rendered = render_body(
                p,
                &RenderOptions {
                    heading_shift: 0,
                    id_prefix: &prefix,
                    split_sections: true,
                },
                &mut pending,
                &mut problems,
            );
            let sections = framework.map(|fw| check_sections(p, fw, rendered, &mut problems));
            let text = |v: &Option<String>| {
                v.as_ref()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let item = match (framework, sections, problems.is_empty()) {
                (Some(framework), Some(sections), true) => Some(Story {
                    id: p.src.id.clone(),
                    title: title.unwrap_or_default(),
                    principles,
                    framework,
                    sections,
                    figures: clean_list(&raw.figures),
                    short: text(&raw.short),
                    long: text(&raw.long),
                    questions,
                    source: Source {
                        file: p.src.file.clone(),
                    },
                }),
                _ => None,
            };
            (item, problems, pending)
        })
        .collect();

    let mut pending = Vec::new();
    fn collect<T>(
        jobs: Vec<Job<T>>,
        diags: &mut Diagnostics,
        pending: &mut Vec<PendingFragment>,
    ) -> Vec<T> {
        let mut items = Vec::with_capacity(jobs.len());
        for (item, problems, frags) in jobs {
            diags.extend(problems);
            pending.extend(frags);
            items.extend(item);
        }
        items
    }
    let principles = collect(principles, &mut diags, &mut pending);
    let questions = collect(questions, &mut diags, &mut pending);
    let answers = collect(answers, &mut diags, &mut pending);
    let tips = collect(tips, &mut diags, &mut pending);
    let pages = collect(pages, &mut diags, &mut pending);
    let stories = collect(stories, &mut diags, &mut pending);

    if principles_p.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error("the handbook has no principles").with_help(
                "add at least one file to the content folder's principles/ (see `prepbook init`)",
            ),
        );
    }

    if diags.has_errors() {
        diags.sort();
        return (None, diags);
    }

    // 6. Fragments of links between files.
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

    let relations = Relations::compute(principles.len(), &questions, &answers, &tips, &stories);
    diags.sort();
    let handbook = Handbook {
        config,
        principles,
        questions,
        answers,
        tips,
        pages,
        stories,
        assets,
        relations,
        answer_notes: Vec::new(),
        story_notes: Vec::new(),
    };
    (Some(handbook), diags)
}
/// A required, non-empty text field.
fn required_text(
    p: &Parsed<'_>,
    key: &str,
    value: Option<&str>,
    example: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    match value {
        None => {
            problems.push(p.missing(key, example));
            None
        }
        Some(v) if v.trim().is_empty() => {
            problems.push(
                p.at_key(key, format!("`{key}` is empty"))
                    .with_help(format!("write the {key}, e.g. `{key}: {example}`")),
            );
            None
        }
        Some(v) => Some(v.trim().to_string()),
    }
}

fn clean_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
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
