//! Story coverage: which of the reader's stories cover which principle, against a target
//! number of stories per principle (pure; the coverage page and `prepbook check` show it).

use serde::Serialize;

use crate::model::Handbook;

/// How a story covers a principle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cover {
    Primary,
    Secondary,
}

/// One principle's row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub principle: usize,
    /// One cell per story, in story order.
    pub cells: Vec<Option<Cover>>,
    /// Stories covering it (primary or secondary).
    pub count: usize,
    pub primary: usize,
    pub under_target: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub target: usize,
    pub rows: Vec<Row>,
    /// Stories that name no principle.
    pub uncovered: Vec<usize>,
    pub under_target: usize,
}

/// Computes the matrix of `book`'s stories against its principles.
pub fn compute(book: &Handbook) -> Coverage {
    let target = book.config.story_target;
    let r = &book.relations;
    let rows: Vec<Row> = (0..book.principles.len())
        .map(|p| {
            let mut cells = vec![None; book.stories.len()];
            for &s in &r.secondary_stories[p] {
                cells[s] = Some(Cover::Secondary);
            }
            for &s in &r.primary_stories[p] {
                cells[s] = Some(Cover::Primary);
            }
            let count = cells.iter().filter(|c| c.is_some()).count();
            Row {
                principle: p,
                cells,
                count,
                primary: r.primary_stories[p].len(),
                under_target: count < target,
            }
        })
        .collect();
    let uncovered = book
        .stories
        .iter()
        .enumerate()
        .filter(|(_, s)| s.principles.is_empty())
        .map(|(i, _)| i)
        .collect();
    let under_target = rows.iter().filter(|r| r.under_target).count();
    Coverage {
        target,
        rows,
        uncovered,
        under_target,
    }
}

/// The coverage section of `prepbook check`.
pub fn report(book: &Handbook, c: &Coverage) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if book.stories.is_empty() {
        let _ = writeln!(
            out,
            "Stories: none yet. Add your own in the content folder's stories/ to see which principles they cover."
        );
        return out;
    }
    let width = book
        .principles
        .iter()
        .map(|p| p.title.chars().count())
        .max()
        .unwrap_or(10);
    let _ = writeln!(
        out,
        "Story coverage ({} stor{}, target {} per principle):",
        book.stories.len(),
        if book.stories.len() == 1 { "y" } else { "ies" },
        c.target
    );
    for row in &c.rows {
        let title = &book.principles[row.principle].title;
        let flag = if row.under_target {
            format!("under target ({} more needed)", c.target - row.count)
        } else {
            "ok".to_string()
        };
        let _ = writeln!(
            out,
            "  {title:<width$}  {} ({} primary)  {flag}",
            row.count, row.primary
        );
    }
    for &s in &c.uncovered {
        let story = &book.stories[s];
        let _ = writeln!(
            out,
            "  {}: the story \"{}\" covers no principle; add `principles:` to it",
            story.source.file, story.title
        );
    }
    out
}
