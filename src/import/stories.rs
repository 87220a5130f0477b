//! Rows of a CSV file turned into story files: one column per step of every framework, the
//! row's framework choosing which steps become its sections.

use std::collections::HashMap;

use super::columns::{self, ColumnMap, Field};
use super::rows::{items, new_id, principles, quoted, quoted_list, tags};
use super::table::{column_name, Table};
use super::{Known, NewFile};
use crate::diagnostic::Diagnostics;

/// The fields of a story row: each step of every framework is one, named as a header is
/// (`Lessons learned` is `lessons_learned`), in the frameworks' order. `principles` is also
/// read from a column named with the handbook's own word for a principle.
fn story_fields(known: &Known) -> (Vec<Field>, Vec<String>) {
    let mut steps: Vec<String> = Vec::new();
    for f in known.frameworks.iter() {
        for s in f.step_names().map(column_name) {
            if !steps.contains(&s) {
                steps.push(s);
            }
        }
    }
    let mut principles = vec!["principles", "principle"];
    principles.extend(known.principle_words.iter().map(String::as_str));
    let mut fields = vec![
        Field::new(&["title", "story", "name"]),
        Field::new(&principles),
        Field::new(&["framework"]),
    ];
    fields.extend(steps.iter().map(|s| Field::new(&[s.as_str()])));
    fields.extend([
        Field::new(&["figures", "figure", "key_figures", "numbers"]),
        Field::new(&["short", "short_telling"]),
        Field::new(&["long", "long_telling"]),
        Field::new(&["questions", "question"]),
        Field::new(&["tags", "tag", "labels"]).many(),
    ]);
    (fields, steps)
}

/// Story files from the rows of `t`, its columns found by `maps` and their headers.
pub(super) fn stories(t: &Table, known: &Known, maps: &[ColumnMap]) -> (Vec<NewFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    let (fields, steps) = story_fields(known);
    let Some(cols) = columns::resolve(t, &fields, maps, &["title", "principles"], &mut diags)
    else {
        return (files, diags);
    };
    let title_col = cols.one("title").unwrap_or(0);
    let p = cols.one("principles").unwrap_or(0);
    let mut used = HashMap::new();
    for (line, row) in &t.rows {
        let line = *line;
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(String::as_str).unwrap_or("");
        let before = diags.error_count();
        let title = cell(Some(title_col));
        if title.is_empty() {
            diags.push(
                t.at(line, title_col, "row has no story title".into())
                    .with_help(format!(
                        "write a short title in column `{}`, or delete the row",
                        t.name(title_col)
                    )),
            );
        }
        let ids = principles(t, line, p, cell(Some(p)), known, &mut diags);
        let fw_col = cols.one("framework");
        let fw_text = cell(fw_col);
        let id = match fw_text.is_empty() {
            true => "star".to_string(),
            false => fw_text.to_lowercase(),
        };
        let Some(framework) = known.frameworks.get(&id) else {
            let ids = known.frameworks.ids();
            diags.push(
                t.at(
                    line,
                    fw_col.unwrap_or(0),
                    // The column as the file names it: `--column` may have mapped another header.
                    format!(
                        "unknown framework `{fw_text}` in column `{}`",
                        fw_col.map_or("framework", |c| t.name(c))
                    ),
                )
                .with_help(format!(
                    "use {}, or leave the cell empty for star",
                    ids.join(", ")
                )),
            );
            continue;
        };
        let own: Vec<String> = framework.step_names().map(column_name).collect();
        let names: Vec<&str> = framework.step_names().collect();
        // A filled cell of a step this framework does not have would vanish from the story:
        // the row is refused rather than written without it, so the text is never lost
        // quietly (most often the row names the wrong framework, or none).
        for step in steps.iter().filter(|s| !own.contains(s)) {
            let Some(c) = cols.one(step) else { continue };
            if cell(Some(c)).is_empty() {
                continue;
            }
            let mut step_name = t.raw[c].as_str();
            let mut with: Vec<&str> = Vec::new();
            for f in known.frameworks.iter() {
                if let Some(n) = f.step_names().find(|n| column_name(n) == *step) {
                    step_name = n;
                    with.push(f.id());
                }
            }
            let with = with.join(" or ");
            let set = match fw_col {
                Some(_) => format!("set the row's `framework` cell to {with}"),
                None => format!("add a `framework` column with {with} in this row"),
            };
            diags.push(
                t.at(
                    line,
                    c,
                    format!(
                        "the `{}` cell would not be imported: a {} story has no {} step",
                        t.name(c),
                        framework.name(),
                        step_name
                    ),
                )
                .with_help(format!(
                    "{} stories have the steps {}; {set} to keep it, or empty the cell",
                    framework.name(),
                    names.join(", "),
                )),
            );
        }
        let required: Vec<&str> = framework
            .steps()
            .iter()
            .filter(|s| !s.optional)
            .map(|s| s.name.as_str())
            .collect();
        let mut body = String::new();
        for step in framework.steps() {
            let name = column_name(&step.name);
            let c = cols.one(&name);
            let text = cell(c);
            if text.is_empty() && step.optional {
                continue;
            }
            if text.is_empty() {
                let at = c.unwrap_or(0);
                let message = match c {
                    Some(_) => format!("the `{}` cell is empty", t.name(at)),
                    None => format!("no `{name}` column for a {} story", framework.name()),
                };
                diags.push(t.at(line, at, message).with_help(format!(
                    "{} stories need {}",
                    framework.name(),
                    required.join(", ")
                )));
            }
            body.push_str(&format!("## {}\n\n{text}\n\n", step.name));
        }
        let mut front = format!(
            "---\ntitle: {}\nprinciples: [{}]\nframework: {}\n",
            quoted(title),
            ids.join(", "),
            framework.id()
        );
        let figures = items(cell(cols.one("figures")), false);
        if !figures.is_empty() {
            front.push_str(&format!("figures: {}\n", quoted_list(&figures)));
        }
        for key in ["short", "long"] {
            let v = cell(cols.one(key));
            if !v.is_empty() {
                front.push_str(&format!("{key}: {}\n", quoted(v)));
            }
        }
        let qcol = cols.one("questions");
        let questions = items(cell(qcol), true);
        for q in &questions {
            if !known.questions.iter().any(|k| k == q) {
                let valid: Vec<&str> = known.questions.iter().map(String::as_str).collect();
                diags.push(
                    t.at(
                        line,
                        qcol.unwrap_or(0),
                        format!(
                            "unknown question `{q}` in column `{}`",
                            t.name(qcol.unwrap_or(0))
                        ),
                    )
                    .with_help(crate::validate::unknown_help(q, &valid, "question")),
                );
            }
        }
        if !questions.is_empty() {
            front.push_str(&format!("questions: [{}]\n", questions.join(", ")));
        }
        front.push_str(&tags(t, line, cols.all("tags"), row, &mut diags));
        front.push_str("---\n");
        if diags.error_count() == before {
            files.push(NewFile {
                id: new_id(title, &mut used),
                text: front + body.trim_end() + "\n",
                line,
            });
        }
    }
    (files, diags)
}
