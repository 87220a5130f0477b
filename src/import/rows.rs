//! Rows of a CSV file turned into question files, and what question and story rows share:
//! cells split into items, ids made from text, principles and tags checked, each problem
//! named by its row's line and its column.

use std::collections::HashMap;

use super::columns::{self, ColumnMap, Columns, Field};
use super::table::Table;
use super::{Known, NewFile};
use crate::content::markdown::slugify;
use crate::diagnostic::Diagnostics;

/// A cell split into items: by line breaks, `;` or `|` (and `,` too for `ids`).
pub(super) fn items(cell: &str, ids: bool) -> Vec<String> {
    cell.split(|c| c == '\n' || c == ';' || c == '|' || (ids && c == ','))
        .map(|s| s.trim().trim_start_matches(['-', '•']).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A YAML double-quoted string (JSON's quoting is valid YAML).
pub(super) fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

pub(super) fn quoted_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// The `tags:` line of a row from its cells in `columns` (each split like ids: by `,`, `;`,
/// `|` or line breaks), merged in the file's order with each tag once, or nothing when they
/// are empty; every unusable tag is reported at its cell.
pub(super) fn tags(
    t: &Table,
    line: usize,
    columns: &[usize],
    row: &[String],
    diags: &mut Diagnostics,
) -> String {
    let mut list: Vec<String> = Vec::new();
    for &c in columns {
        let cell = row.get(c).map_or("", String::as_str);
        for tag in items(cell, true) {
            if let Some((message, help)) = crate::validate::tags::problem(&tag) {
                diags.push(
                    t.at(line, c, format!("{message} (column `{}`)", t.name(c)))
                        .with_help(help),
                );
                continue;
            }
            let slug = crate::validate::tags::slug(&tag);
            // The same tag twice (in a cell, or in two columns) is written once.
            if !list.iter().any(|x| crate::validate::tags::slug(x) == slug) {
                list.push(tag);
            }
        }
    }
    if list.is_empty() {
        String::new()
    } else {
        format!("tags: {}\n", quoted_list(&list))
    }
}

/// An id from a row's text: its first words, slugified, unique in this import.
pub(super) fn new_id(text: &str, used: &mut HashMap<String, usize>) -> String {
    let slug = slugify(text);
    let mut id = String::new();
    for word in slug.split('-') {
        if !id.is_empty() && id.len() + word.len() + 1 > 60 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let id = if id.trim_matches('-').is_empty() {
        "item".to_string()
    } else {
        id.trim_matches('-').to_string()
    };
    let n = used.entry(id.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        id
    } else {
        format!("{id}-{n}")
    }
}

/// Principle ids in column `col` of a row, each known; problems otherwise.
pub(super) fn principles(
    t: &Table,
    line: usize,
    col: usize,
    cell: &str,
    known: &Known,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let ids = items(cell, true);
    if ids.is_empty() {
        diags.push(
            t.at(line, col, "row has no principles".into())
                .with_help("list at least one principle id; the first is the primary one"),
        );
    }
    let mut out = Vec::new();
    for id in &ids {
        // A spreadsheet names a principle as people write it (`Conflict`, `Customer
        // Obsession`): the id it spells, in any case, is the principle.
        let found = known
            .principles
            .iter()
            .find(|p| *p == id)
            .or_else(|| known.principles.iter().find(|p| **p == slugify(id)));
        if let Some(p) = found {
            out.push(p.clone());
        } else {
            out.push(id.clone());
            let valid: Vec<&str> = known.principles.iter().map(String::as_str).collect();
            diags.push(
                t.at(
                    line,
                    col,
                    format!("unknown principle `{id}` in column `{}`", t.name(col)),
                )
                .with_help(crate::validate::unknown_help(id, &valid, "principle")),
            );
        }
    }
    out
}

/// The fields of a question row; `principles` is also read from a column named with the
/// handbook's own word for a principle (`Focus area`).
fn question_fields(known: &Known) -> Vec<Field> {
    let mut principles = vec!["principles", "principle"];
    principles.extend(known.principle_words.iter().map(String::as_str));
    vec![
        Field::new(&["question", "text", "questions"]),
        Field::new(&principles),
        Field::new(&[
            "follow_ups",
            "follow_up",
            "followups",
            "follow_up_questions",
        ]),
        Field::new(&["stage"]),
        Field::new(&["role"]),
        Field::new(&["priority"]),
        Field::new(&["tags", "tag", "labels"]).many(),
    ]
}

/// Question files from the rows of `t`, its columns found by `maps` and their headers.
pub(super) fn questions(
    t: &Table,
    known: &Known,
    maps: &[ColumnMap],
) -> (Vec<NewFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    let fields = question_fields(known);
    let Some(cols) = columns::resolve(t, &fields, maps, &["question", "principles"], &mut diags)
    else {
        return (files, diags);
    };
    let cols: &Columns = &cols;
    let (q, p) = (
        cols.one("question").unwrap_or(0),
        cols.one("principles").unwrap_or(0),
    );
    let (f, stage, role, priority) = (
        cols.one("follow_ups"),
        cols.one("stage"),
        cols.one("role"),
        cols.one("priority"),
    );
    let mut used = HashMap::new();
    for (line, row) in &t.rows {
        let line = *line;
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(String::as_str).unwrap_or("");
        let before = diags.error_count();
        let text = cell(Some(q));
        if text.is_empty() {
            diags.push(
                t.at(line, q, "row has no question text".into())
                    .with_help(format!(
                        "write the question in column `{}`, or delete the row",
                        t.name(q)
                    )),
            );
        }
        let ids = principles(t, line, p, cell(Some(p)), known, &mut diags);
        let mut front = format!(
            "---\nquestion: {}\nprinciples: [{}]\n",
            quoted(text),
            ids.join(", ")
        );
        if let (Some(c), s) = (stage, cell(stage)) {
            if !s.is_empty() {
                if known.stages.iter().any(|k| k == s) {
                    front.push_str(&format!("stage: {s}\n"));
                } else {
                    let valid: Vec<&str> = known.stages.iter().map(String::as_str).collect();
                    diags.push(
                        t.at(
                            line,
                            c,
                            format!("unknown stage `{s}` in column `{}`", t.name(c)),
                        )
                        .with_help(crate::validate::unknown_help(s, &valid, "stage")),
                    );
                }
            }
        }
        if let (Some(c), r) = (role, cell(role)) {
            let r = r.to_lowercase();
            if !r.is_empty() {
                if r.len() <= 24
                    && r.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    front.push_str(&format!("role: {r}\n"));
                } else {
                    diags.push(t.at(line, c, format!("role `{r}` in column `{}` is not a short label", t.name(c))).with_help("use a short lowercase label such as `pm`, `pmt` or `swe` (at most 24 characters)"));
                }
            }
        }
        if let (Some(c), v) = (priority, cell(priority)) {
            if !v.is_empty() {
                match v.parse::<u8>() {
                    Ok(n) if (1..=5).contains(&n) => front.push_str(&format!("priority: {n}\n")),
                    _ => diags.push(t.at(line, c, format!("priority `{v}` in column `{}` is not 1 to 5", t.name(c))).with_help("write a whole number from 1 (most important) to 5, or leave the cell empty")),
                }
            }
        }
        front.push_str(&tags(t, line, cols.all("tags"), row, &mut diags));
        let follow = items(cell(f), false);
        if !follow.is_empty() {
            front.push_str("follow_ups:\n");
            for item in &follow {
                front.push_str(&format!("  - {}\n", quoted(item)));
            }
        }
        front.push_str("---\n");
        if diags.error_count() == before {
            files.push(NewFile {
                id: new_id(text, &mut used),
                text: front,
                line,
            });
        }
    }
    (files, diags)
}
