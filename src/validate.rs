//! Raw content files to a [`Handbook`]: parse every front matter, resolve every reference,
//! render every body, collecting all problems before failing once.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::content::markdown::{self, RenderOptions, Rendered, RESERVED_IDS};
use crate::content::yaml::{self, Locations};
use crate::content::{frontmatter, Discovered, Kind, SourceFile};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Position};
use crate::model::*;

/// A list of ids written either as one string or as a list.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawPrinciple {
    title: Option<String>,
    order: Option<u32>,
    summary: Option<String>,
    #[serde(default)]
    signals: Vec<String>,
    #[serde(default)]
    pitfalls: Vec<String>,
}
const PRINCIPLE_KEYS: &[&str] = &["title", "order", "summary", "signals", "pitfalls"];

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    question: Option<String>,
    principles: Option<OneOrMany>,
    stage: Option<String>,
    role: Option<String>,
    priority: Option<u8>,
    #[serde(default)]
    follow_ups: Vec<String>,
}
const QUESTION_KEYS: &[&str] = &[
    "question",
    "principles",
    "stage",
    "role",
    "priority",
    "follow_ups",
];

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    question: Option<String>,
    framework: Option<String>,
    persona: Option<String>,
}
const ANSWER_KEYS: &[&str] = &["question", "framework", "persona"];

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawTip {
    title: Option<String>,
    principles: Option<OneOrMany>,
    order: Option<i64>,
}
const TIP_KEYS: &[&str] = &["title", "principles", "order"];

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: Option<String>,
    order: Option<i64>,
    summary: Option<String>,
}
const PAGE_KEYS: &[&str] = &["title", "order", "summary"];

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawStory {
    title: Option<String>,
    principles: Option<OneOrMany>,
    framework: Option<String>,
    #[serde(default)]
    figures: Vec<String>,
    short: Option<String>,
    long: Option<String>,
    questions: Option<OneOrMany>,
}
const STORY_KEYS: &[&str] = &[
    "title",
    "principles",
    "framework",
    "figures",
    "short",
    "long",
    "questions",
];

enum Front {
    Principle(RawPrinciple),
    Question(RawQuestion),
    Answer(RawAnswer),
    Tip(RawTip),
    Page(RawPage),
    Story(RawStory),
}

/// One file after its front matter was parsed.
struct Parsed<'a> {
    src: &'a SourceFile,
    front: Front,
    locations: Locations,
    /// The file line where the YAML starts, to turn YAML positions into file positions.
    yaml_line: usize,
    body: &'a str,
    body_line: usize,
}

impl Parsed<'_> {
    /// A diagnostic at top-level `key` (or at the top of the file when the key is absent).
    fn at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let pos = self.locations.key(key).map(|p| self.file_pos(p));
        self.at(pos, message)
    }

    fn at_item(&self, key: &str, index: usize, message: impl Into<String>) -> Diagnostic {
        let pos = self.locations.item(key, index).map(|p| self.file_pos(p));
        self.at(pos, message)
    }

    fn at(&self, pos: Option<Position>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(self.src.file.clone())
            .at(pos.unwrap_or(Position::new(1, 1)))
    }

    fn file_pos(&self, p: Position) -> Position {
        Position::new(p.line + self.yaml_line - 1, p.column)
    }

    /// The file position of byte `offset` of the body.
    fn body_pos(&self, offset: usize) -> Position {
        let p = Position::of_offset(self.body, offset);
        Position::new(p.line + self.body_line - 1, p.column)
    }

    fn missing(&self, key: &str, example: &str) -> Diagnostic {
        self.at(
            Some(Position::new(1, 1)),
            format!("missing required key `{key}`"),
        )
        .with_help(format!("add `{key}: {example}` to the front matter"))
    }
}

fn parse_file(src: &SourceFile) -> Result<Parsed<'_>, Vec<Diagnostic>> {
    let split = frontmatter::split(&src.text).map_err(|e| {
        vec![Diagnostic::error(e.message)
            .in_file(src.file.clone())
            .at(e.position)
            .with_help(e.help)]
    })?;
    fn typed<T: serde::de::DeserializeOwned>(
        src: &SourceFile,
        yaml_text: &str,
        yaml_line: usize,
        keys: &[&str],
    ) -> Result<(T, Locations), Vec<Diagnostic>> {
        yaml::parse::<T>(yaml_text, keys).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| {
                    let pos = p
                        .position
                        .map(|q| Position::new(q.line + yaml_line - 1, q.column))
                        .unwrap_or(Position::new(1, 1));
                    Diagnostic::error(p.message)
                        .in_file(src.file.clone())
                        .at(pos)
                        .with_help(p.help)
                })
                .collect()
        })
    }
    let (y, l) = (split.yaml, split.yaml_line);
    let (front, locations) = match src.kind {
        Kind::Principle => {
            typed(src, y, l, PRINCIPLE_KEYS).map(|(v, l)| (Front::Principle(v), l))?
        }
        Kind::Question => typed(src, y, l, QUESTION_KEYS).map(|(v, l)| (Front::Question(v), l))?,
        Kind::Answer => typed(src, y, l, ANSWER_KEYS).map(|(v, l)| (Front::Answer(v), l))?,
        Kind::Tip => typed(src, y, l, TIP_KEYS).map(|(v, l)| (Front::Tip(v), l))?,
        Kind::Page => typed(src, y, l, PAGE_KEYS).map(|(v, l)| (Front::Page(v), l))?,
        Kind::Story => typed(src, y, l, STORY_KEYS).map(|(v, l)| (Front::Story(v), l))?,
    };
    Ok(Parsed {
        src,
        front,
        locations,
        yaml_line: split.yaml_line,
        body: split.body,
        body_line: split.body_line,
    })
}

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
                        fragment: Option<&str>|
         -> Result<Option<String>, (String, String)> {
            if path.is_empty() {
                if let (Some(f), Some(t)) = (fragment, &self_target) {
                    fragments
                        .borrow_mut()
                        .push((t.kind, t.index, f.to_string()));
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
                        .push((Some(k), t.index, f.to_string()));
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
                // Fragment offsets are not tracked; point at the body start.
                for (kind, index, fragment) in fragments.into_inner() {
                    if let Some(kind) = kind {
                        pending.push(PendingFragment {
                            file: p.src.file.clone(),
                            position: Position::new(p.body_line, 1),
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

fn check_fragments(
    pending: &[PendingFragment],
    principles: &[Principle],
    questions: &[Question],
    pages: &[Page],
    answers: &[Answer],
    tips: &[Tip],
    diags: &mut Diagnostics,
) {
    if pending.is_empty() {
        return;
    }
    let mut answer_anchors: HashMap<usize, Vec<String>> = HashMap::new();
    for a in answers {
        answer_anchors
            .entry(a.question)
            .or_default()
            .push(paths::answer_anchor(&a.id));
    }
    let mut tip_anchors: HashMap<usize, Vec<String>> = HashMap::new();
    for t in tips {
        for &p in &t.principles {
            tip_anchors
                .entry(p)
                .or_default()
                .push(paths::tip_anchor(&t.id));
        }
    }
    for f in pending {
        let (toc, extra): (&[markdown::TocEntry], &[String]) = match f.kind {
            Kind::Principle => (
                &principles[f.index].body.toc,
                tip_anchors.get(&f.index).map_or(&[][..], |v| &v[..]),
            ),
            Kind::Question => (
                &questions[f.index].notes.toc,
                answer_anchors.get(&f.index).map_or(&[][..], |v| &v[..]),
            ),
            Kind::Page => (&pages[f.index].body.toc, &[][..]),
            _ => continue,
        };
        let known = toc.iter().any(|t| t.id == f.fragment)
            || extra.contains(&f.fragment)
            || RESERVED_IDS.contains(&f.fragment.as_str());
        if !known {
            let mut ids: Vec<&str> = toc.iter().map(|t| t.id.as_str()).collect();
            ids.extend(extra.iter().map(String::as_str));
            let help = match did_you_mean(&f.fragment, ids.iter().copied()) {
                Some(s) => format!("did you mean `#{s}`?"),
                None if ids.is_empty() => {
                    "the target has no headings; remove the `#...` part".to_string()
                }
                None => format!(
                    "headings there: {}",
                    ids.iter()
                        .map(|i| format!("#{i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            diags.push(
                Diagnostic::error(format!(
                    "link to `#{}`, which is not a heading of its target",
                    f.fragment
                ))
                .in_file(f.file.clone())
                .at(f.position)
                .with_help(help),
            );
        }
    }
}

/// The required `framework` key of an answer or a story.
fn framework_of(
    p: &Parsed<'_>,
    value: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Framework> {
    match value {
        None => {
            problems.push(p.missing("framework", "star"));
            None
        }
        Some(f) => {
            let fw = Framework::parse(f);
            if fw.is_none() {
                let ids: Vec<&str> = Framework::ALL.iter().map(|f| f.id()).collect();
                problems.push(
                    p.at_key("framework", format!("unknown framework `{f}`"))
                        .with_help(unknown_help(f, &ids, "framework")),
                );
            }
            fw
        }
    }
}

/// Checks the sections of a sample answer or a story against its framework.
fn check_sections(
    p: &Parsed<'_>,
    fw: Framework,
    rendered: Rendered,
    problems: &mut Vec<Diagnostic>,
) -> Vec<AnswerSection> {
    let steps = fw.steps();
    let expected = format!(
        "{} answers have the sections {}, in this order, each as a `## ` heading",
        fw.name(),
        steps.join(", ")
    );
    if let Some(offset) = rendered.preamble_offset {
        problems.push(
            p.at(Some(p.body_pos(offset)), "text before the first section")
                .with_help(format!("start the body with `## {}`; {expected}", steps[0])),
        );
    }
    let mut out = Vec::new();
    let mut seen: HashSet<&'static str> = HashSet::new();
    // (step index, position) of each known section, in the order written.
    let mut order: Vec<(usize, Position)> = Vec::new();
    for s in &rendered.sections {
        let pos = p.body_pos(s.offset);
        let step = steps
            .iter()
            .copied()
            .find(|st| st.eq_ignore_ascii_case(s.title.trim()));
        match step {
            None => problems.push(
                p.at(
                    Some(pos),
                    format!("`{}` is not a section of a {} answer", s.title, fw.name()),
                )
                .with_help(match did_you_mean(&s.title, steps.iter().copied()) {
                    Some(sug) => format!("did you mean `## {sug}`? {expected}"),
                    None => expected.clone(),
                }),
            ),
            Some(step) if seen.contains(step) => problems.push(
                p.at(Some(pos), format!("section `{step}` appears twice"))
                    .with_help("merge the two sections into one"),
            ),
            Some(step) => {
                seen.insert(step);
                order.push((steps.iter().position(|s| *s == step).unwrap_or(0), pos));
                if s.plain.trim().is_empty() {
                    problems.push(
                        p.at(Some(pos), format!("section `{step}` is empty"))
                            .with_help("write what happened in this step"),
                    );
                }
                out.push(AnswerSection {
                    step,
                    html: s.html.clone(),
                    plain: s.plain.clone(),
                    line: pos.line,
                });
            }
        }
    }
    // One error for the first section that stands before a step it should follow.
    if let Some(w) = order.windows(2).find(|w| w[1].0 < w[0].0) {
        let (later, earlier) = (steps[w[1].0], steps[w[0].0]);
        problems.push(
            p.at(
                Some(w[1].1),
                format!("section `{later}` is out of order: it must come before `{earlier}`"),
            )
            .with_help(expected.clone()),
        );
    }
    for step in steps {
        if !seen.contains(step) {
            let pos = Position::new(p.body_line.max(1), 1);
            problems.push(
                p.at(Some(pos), format!("missing section `{step}`"))
                    .with_help(format!("add a `## {step}` section; {expected}")),
            );
        }
    }
    out
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
fn unknown_help(id: &str, valid: &[&str], noun: &str) -> String {
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
