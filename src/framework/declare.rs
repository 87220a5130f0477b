//! `[frameworks.<id>]` in book.toml: the raw tables and the checks that turn them into
//! [`Framework`]s, every problem reported with its line.
//!
//! A table whose id is a built-in one (`star`, `spsil`, `soar`) replaces that framework: the
//! id is what answers name, so writing it is the intent to redefine it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{Framework, Frameworks, Step};
use crate::diagnostic::{did_you_mean, Diagnostic, Position};

/// One `[frameworks.<id>]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFramework {
    /// The name readers see; the id in capitals when left out.
    name: Option<Spanned<String>>,
    steps: Spanned<Vec<Spanned<RawStep>>>,
    result: Option<Spanned<String>>,
    obstacle: Option<Spanned<String>>,
    /// The step the obstacle is weighed against; the one after the obstacle when left out.
    action: Option<Spanned<String>>,
    /// The step that looks back, where the coach allows "I would ...".
    reflection: Option<Spanned<String>>,
    description: Option<String>,
}

/// A step: its name, or a table with its name and whether it is optional.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "each step is a name such as \"Result\", or a table such as { name = \"Reflection\", optional = true }"
)]
enum RawStep {
    Name(String),
    Table(RawStepTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStepTable {
    name: String,
    #[serde(default)]
    optional: bool,
}

/// Longest step name: it is a section heading and a label on the cheat sheets.
const MAX_STEP: usize = 40;

/// The built-in frameworks with the declared ones applied, or nothing new when a declaration
/// is wrong (its problems are pushed to `problems`).
pub(crate) fn declared(
    raw: BTreeMap<String, RawFramework>,
    text: &str,
    file: &str,
    problems: &mut Vec<Diagnostic>,
) -> Frameworks {
    let mut all = Frameworks::default();
    // Declared order: where each table's steps are written.
    let mut raw: Vec<(String, RawFramework)> = raw.into_iter().collect();
    raw.sort_by_key(|(_, r)| r.steps.span().start);
    let at = |offset: usize, message: String, help: String| {
        Diagnostic::error(message)
            .in_file(file)
            .at(Position::of_offset(text, offset))
            .with_help(help)
    };
    let before = problems.len();
    let mut built = Vec::new();
    for (id, r) in raw {
        let table = header_offset(text, &id).unwrap_or(r.steps.span().start);
        if let Some(f) = one(&id, r, table, &at, problems) {
            built.push(f);
        }
    }
    // Names readers tell apart: unique across the whole set, ignoring case.
    for (f, offset) in &built {
        let kept = all
            .iter()
            .map(|g| &**g)
            .filter(|g| !built.iter().any(|(b, _)| b.id == g.id));
        let clash = kept
            .chain(built.iter().map(|(g, _)| g))
            .find(|g| g.id != f.id && g.name.eq_ignore_ascii_case(&f.name));
        if let Some(g) = clash {
            // Report a pair of declared ones once, at the later of the two.
            if built.iter().any(|(b, o)| b.id == g.id && o > offset) {
                continue;
            }
            problems.push(at(
                *offset,
                format!(
                    "framework `{}` is named `{}`, like framework `{}`",
                    f.id, f.name, g.id
                ),
                "give it a `name` of its own, such as `name = \"STARR\"`".into(),
            ));
        }
    }
    if problems.len() > before {
        return all;
    }
    for (f, _) in built {
        let f = Arc::new(f);
        match all.0.iter_mut().find(|g| g.id == f.id) {
            Some(slot) => *slot = f,
            None => all.0.push(f),
        }
    }
    all
}

/// Checks one table; `table` is the offset of its header, for problems with the whole table.
fn one(
    id: &str,
    r: RawFramework,
    table: usize,
    at: &impl Fn(usize, String, String) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> Option<(Framework, usize)> {
    let before = problems.len();
    let id_ok = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !id_ok {
        problems.push(at(
            table,
            format!("framework id `{id}` is not an id"),
            "use lowercase letters, digits, `-` and `_`, such as `[frameworks.starr]`; answers name it in `framework:`".into(),
        ));
    }
    let name = match &r.name {
        Some(n) if n.get_ref().trim().is_empty() || n.get_ref().contains(char::is_control) => {
            problems.push(at(
                n.span().start,
                format!("framework `{id}` has an empty or unprintable `name`"),
                "write the name readers see, such as `name = \"STARR\"`".into(),
            ));
            String::new()
        }
        Some(n) => n.get_ref().trim().to_string(),
        None => id.to_uppercase(),
    };
    let mut steps: Vec<Step> = Vec::new();
    for s in r.steps.get_ref() {
        let (name, optional) = match s.get_ref() {
            RawStep::Name(n) => (n.trim(), false),
            RawStep::Table(t) => (t.name.trim(), t.optional),
        };
        let start = s.span().start;
        if name.is_empty() || name.contains(char::is_control) || name.contains('#') {
            problems.push(at(
                start,
                format!("a step of framework `{id}` has an empty or unusable name"),
                "a step is a section heading: write its name in words, such as \"Reflection\""
                    .into(),
            ));
        } else if name.chars().count() > MAX_STEP {
            problems.push(at(
                start,
                format!("step `{name}` of framework `{id}` is longer than {MAX_STEP} characters"),
                "a step is a section heading and a label on the cheat sheets: shorten it".into(),
            ));
        } else if steps.iter().any(|o| o.name.eq_ignore_ascii_case(name)) {
            problems.push(at(
                start,
                format!("step `{name}` appears twice in framework `{id}`"),
                "list each step once; answers have one section per step".into(),
            ));
        } else {
            steps.push(Step {
                name: name.to_string(),
                optional,
            });
        }
    }
    if r.steps.get_ref().is_empty() {
        problems.push(at(
            r.steps.span().start,
            format!("framework `{id}` has no steps"),
            "list its steps in order, such as `steps = [\"Situation\", \"Task\", \"Action\", \"Result\"]`".into(),
        ));
    } else if !steps.is_empty() && steps.iter().all(|s| s.optional) {
        problems.push(at(
            r.steps.span().start,
            format!("every step of framework `{id}` is optional"),
            "make at least one step required: an answer with no section says nothing".into(),
        ));
    }
    let role = |key: &str, value: &Option<Spanned<String>>, problems: &mut Vec<Diagnostic>| {
        let v = value.as_ref()?;
        let want = v.get_ref().trim();
        let found = steps.iter().position(|s| s.name.eq_ignore_ascii_case(want));
        if found.is_none() {
            let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
            let help = match did_you_mean(want, names.iter().copied()) {
                Some(s) => format!(
                    "did you mean `{s}`? The steps of `{id}`: {}",
                    names.join(", ")
                ),
                None => format!("name one of the steps of `{id}`: {}", names.join(", ")),
            };
            problems.push(at(
                v.span().start,
                format!("`{key}` of framework `{id}` is `{want}`, which is not one of its steps"),
                help,
            ));
        }
        found
    };
    let result = role("result", &r.result, problems);
    let obstacle = role("obstacle", &r.obstacle, problems);
    let action = role("action", &r.action, problems);
    let reflection = role("reflection", &r.reflection, problems);
    let pair = match (obstacle, action, &r.action) {
        (Some(o), Some(a), Some(v)) if o == a => {
            problems.push(at(
                v.span().start,
                format!("`obstacle` and `action` of framework `{id}` are the same step"),
                "the coach weighs the obstacle against the action: name two steps".into(),
            ));
            None
        }
        (Some(o), Some(a), _) => Some((o, a)),
        (Some(o), None, None) if o + 1 < steps.len() => Some((o, o + 1)),
        (Some(_), None, None) => {
            let v = r.obstacle.as_ref().map_or(table, |v| v.span().start);
            problems.push(at(
                v,
                format!("the obstacle of framework `{id}` is its last step"),
                "add `action = \"...\"`: the step the coach weighs the obstacle against".into(),
            ));
            None
        }
        (None, _, Some(v)) if r.obstacle.is_none() => {
            problems.push(at(
                v.span().start,
                format!("framework `{id}` has an `action` but no `obstacle`"),
                "add `obstacle = \"...\"`, the step the action is weighed against, or remove `action`".into(),
            ));
            None
        }
        _ => None,
    };
    if problems.len() > before {
        return None;
    }
    let description = r
        .description
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|d| !d.is_empty());
    Some((
        Framework {
            id: id.to_string(),
            name,
            steps,
            description,
            result,
            obstacle: pair,
            reflection,
            declared: true,
        },
        table,
    ))
}

/// Where the `[frameworks.<id>]` header is, or the `<id> =` line of a `[frameworks]` table.
fn header_offset(text: &str, id: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let bare: String = t
            .chars()
            .filter(|c| !matches!(c, ' ' | '"' | '\''))
            .collect();
        if bare == format!("[frameworks.{id}]") || bare.starts_with(&format!("{id}={{")) {
            return Some(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn parse(frameworks: &str) -> Result<Config, Vec<String>> {
        let text = format!("[book]\ntitle = \"T\"\n{frameworks}");
        Config::parse(&text, "book.toml").map_err(|e| e.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn a_declared_framework_follows_the_built_in_ones() {
        let c = parse(
            "[frameworks.starr]\nname = \"STARR\"\nsteps = [\"Situation\", \"Task\", \"Action\", \"Result\", { name = \"Reflection\", optional = true }]\nresult = \"result\"\nobstacle = \"Task\"\nreflection = \"reflection\"\ndescription = \"STAR and\\n what you learned.\"\n[frameworks.carl]\nsteps = [\"Context\", \"Action\", \"Result\", \"Learning\"]\n",
        )
        .unwrap();
        let f = &c.frameworks;
        assert_eq!(f.ids(), ["star", "spsil", "soar", "starr", "carl"]);
        let starr = f.get("starr").unwrap();
        assert_eq!(starr.result_step(), Some("Result"));
        assert_eq!(starr.obstacle_steps(), Some(("Task", "Action")));
        assert_eq!(starr.reflection_step(), Some("Reflection"));
        assert!(starr.steps()[4].optional && !starr.steps()[3].optional);
        assert_eq!(starr.description(), Some("STAR and what you learned."));
        let carl = f.get("carl").unwrap();
        assert_eq!((carl.name(), carl.result_step()), ("CARL", None));
        assert_eq!(carl.reflection_step(), None);
    }

    #[test]
    fn a_built_in_id_redefines_that_framework_in_place() {
        let c = parse("[frameworks.star]\nsteps = [\"Situation\", { name = \"Task\", optional = true }, \"Action\", \"Result\"]\nresult = \"Result\"\n").unwrap();
        assert_eq!(c.frameworks.ids(), ["star", "spsil", "soar"]);
        let star = c.frameworks.get("star").unwrap();
        assert!(star.steps()[1].optional && star.is_declared());
    }

    #[test]
    fn bad_declarations_are_reported_with_their_line() {
        let e = parse("[frameworks.starr]\nsteps = [\"Situation\", \"Result\"]\nresult = \"Outcome\"\n[frameworks.empty]\nsteps = []\n[frameworks.twice]\nsteps = [\"Action\", \"action\"]\n").unwrap_err();
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(e[0].starts_with("book.toml:5:10: error: `result` of framework `starr` is `Outcome`, which is not one of its steps\n  help: name one of the steps of `starr`: Situation, Result"), "{}", e[0]);
        assert!(
            e[1].starts_with("book.toml:7:9: error: framework `empty` has no steps"),
            "{}",
            e[1]
        );
        assert!(
            e[2].starts_with(
                "book.toml:9:20: error: step `action` appears twice in framework `twice`"
            ),
            "{}",
            e[2]
        );
    }

    #[test]
    fn names_roles_and_ids_are_checked() {
        let e = parse("[frameworks.star2]\nname = \"star\"\nsteps = [\"A\", \"B\"]\n").unwrap_err();
        assert!(
            e[0].starts_with(
                "book.toml:3:1: error: framework `star2` is named `star`, like framework `star`"
            ),
            "{}",
            e[0]
        );
        let e = parse("[frameworks.x]\nsteps = [\"A\", \"B\"]\nobstacle = \"B\"\n").unwrap_err();
        assert!(
            e[0].contains("the obstacle of framework `x` is its last step"),
            "{}",
            e[0]
        );
        let e = parse("[frameworks.X]\nsteps = [{ name = \"A\", optional = true }]\n").unwrap_err();
        assert!(e[0].contains("framework id `X` is not an id"), "{}", e[0]);
        assert!(
            e[1].contains("every step of framework `X` is optional"),
            "{}",
            e[1]
        );
        let e = parse("[frameworks.x]\nsteps = [{ name = \"A\", optinal = true }]\n").unwrap_err();
        assert!(
            e[0].starts_with("book.toml:4:9: error: invalid book.toml"),
            "{}",
            e[0]
        );
        assert!(e[0].contains("optional = true"), "{}", e[0]);
    }
}
