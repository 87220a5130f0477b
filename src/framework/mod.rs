//! Answer frameworks: the ordered steps a sample answer or a story is told in, and the roles
//! the coach reads (which step carries the outcome, which one the obstacle, which one looks
//! back).
//!
//! STAR, SPSIL and SOAR are built in; `[frameworks.<id>]` in book.toml declares more, or
//! replaces a built-in one (see [`declare`]). The set is built once with the config and every
//! answer and story holds the framework it is told in, so nothing downstream names a step.

mod declare;

use std::sync::Arc;

pub(crate) use declare::{declared, RawFramework};

/// One step of a framework: a `## ` section of the answers told in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    /// An optional step may be left out of an answer; when present it keeps its place.
    pub optional: bool,
}

/// A validated framework: at least one required step, step names unique (ignoring case),
/// and roles that name steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    id: String,
    name: String,
    steps: Vec<Step>,
    description: Option<String>,
    /// The step that carries the outcome: the coach looks for a figure in it.
    result: Option<usize>,
    /// The obstacle step and the action step it is weighed against.
    obstacle: Option<(usize, usize)>,
    /// The step that looks back (what one learned, what one would do next time): the coach
    /// lets it speak of what one would do.
    reflection: Option<usize>,
    /// Declared in book.toml rather than built in.
    declared: bool,
}

impl Framework {
    /// A built-in framework, all of its steps required.
    fn builtin(
        id: &str,
        name: &str,
        steps: &[&str],
        result: usize,
        obstacle: Option<(usize, usize)>,
        reflection: Option<usize>,
    ) -> Framework {
        Framework {
            id: id.into(),
            name: name.into(),
            steps: steps
                .iter()
                .map(|s| Step {
                    name: (*s).into(),
                    optional: false,
                })
                .collect(),
            description: None,
            result: Some(result),
            obstacle,
            reflection,
            declared: false,
        }
    }

    /// The id answers name it by in `framework:`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The name readers see.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn step_names(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().map(|s| s.name.as_str())
    }

    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// True for a framework book.toml declares (or redefines).
    pub fn is_declared(&self) -> bool {
        self.declared
    }

    /// The name of the step that carries the outcome, if the framework has one.
    pub fn result_step(&self) -> Option<&str> {
        self.result.map(|i| self.steps[i].name.as_str())
    }

    /// The obstacle step and the action step the coach weighs it against.
    pub fn obstacle_steps(&self) -> Option<(&str, &str)> {
        self.obstacle
            .map(|(o, a)| (self.steps[o].name.as_str(), self.steps[a].name.as_str()))
    }

    /// The name of the step that looks back, where "I would ..." is what it should say.
    pub fn reflection_step(&self) -> Option<&str> {
        self.reflection.map(|i| self.steps[i].name.as_str())
    }

    /// The step named `title`, ignoring ASCII case and surrounding spaces.
    pub fn step(&self, title: &str) -> Option<(usize, &Step)> {
        let title = title.trim();
        self.steps
            .iter()
            .enumerate()
            .find(|(_, s)| s.name.eq_ignore_ascii_case(title))
    }
}

/// Every framework of a handbook: the built-in ones in their order (each replaced where
/// book.toml redefines its id), then the declared ones in the order book.toml lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frameworks(Vec<Arc<Framework>>);

impl Default for Frameworks {
    fn default() -> Self {
        Frameworks(
            [
                Framework::builtin(
                    "star",
                    "STAR",
                    &["Situation", "Task", "Action", "Result"],
                    3,
                    None,
                    None,
                ),
                Framework::builtin(
                    "spsil",
                    "SPSIL",
                    &["Situation", "Problem", "Solution", "Impact", "Lessons"],
                    3,
                    Some((1, 2)),
                    Some(4),
                ),
                Framework::builtin(
                    "soar",
                    "SOAR",
                    &["Situation", "Obstacle", "Action", "Result"],
                    3,
                    Some((1, 2)),
                    None,
                ),
            ]
            .into_iter()
            .map(Arc::new)
            .collect(),
        )
    }
}

impl Frameworks {
    /// The framework answers name `id`.
    pub fn get(&self, id: &str) -> Option<&Arc<Framework>> {
        self.0.iter().find(|f| f.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<Framework>> {
        self.0.iter()
    }

    pub fn ids(&self) -> Vec<&str> {
        self.0.iter().map(|f| f.id()).collect()
    }

    /// True when book.toml declares or redefines any framework.
    pub fn any_declared(&self) -> bool {
        self.0.iter().any(|f| f.declared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_frameworks_keep_their_steps_and_roles() {
        let all = Frameworks::default();
        assert_eq!(all.ids(), ["star", "spsil", "soar"]);
        let spsil = all.get("spsil").unwrap();
        assert_eq!(spsil.name(), "SPSIL");
        assert_eq!(spsil.result_step(), Some("Impact"));
        assert_eq!(spsil.obstacle_steps(), Some(("Problem", "Solution")));
        assert_eq!(spsil.reflection_step(), Some("Lessons"));
        let star = all.get("star").unwrap();
        assert_eq!(star.result_step(), Some("Result"));
        assert_eq!(star.obstacle_steps(), None);
        assert_eq!(star.reflection_step(), None);
        assert_eq!(
            all.get("soar").unwrap().obstacle_steps(),
            Some(("Obstacle", "Action"))
        );
        assert!(!all.any_declared());
        assert!(all.get("STAR").is_none());
    }

    #[test]
    fn steps_are_found_ignoring_case_and_spaces() {
        let all = Frameworks::default();
        let star = all.get("star").unwrap();
        assert_eq!(star.step(" result ").map(|(i, _)| i), Some(3));
        assert!(star.step("Results").is_none());
    }
}
