//! Rows of a CSV file turned into question and story files: columns found by their header,
//! each cell checked, each problem named by its row's line and its column.

use std::collections::HashMap;

use super::{Known, NewFile};
use crate::content::markdown::slugify;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Position};

/// A CSV file read whole: its headers (normalised) and its rows with their lines.
pub struct Table {
    file: String,
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// A header as a column name: lowercase words joined by `_` (`Follow-ups` is `follow_ups`).
fn column_name(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{FEFF}')
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

impl Table {
    /// Reads a CSV file (comma-separated, quoted fields may hold commas and line breaks).
    pub fn read(bytes: &[u8], file: &str) -> Result<Table, Diagnostic> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let bad = |e: csv::Error| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            Diagnostic::error(format!("cannot read the CSV file: {e}"))
                .in_file(file.to_string())
                .at(Position::new(line, 1))
                .with_help("save the spreadsheet as CSV (UTF-8, comma-separated)")
        };
        let headers = reader
            .headers()
            .map_err(bad)?
            .iter()
            .map(column_name)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(bad)?;
            let line = record
                .position()
                .map_or(0, |p| line_of(bytes, p.byte() as usize));
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
        }
        Ok(Table {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// The index of the column named `name` (or one of its other names).
    fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&h.as_str()))
    }

    fn at(&self, line: usize, column: usize, message: String) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(self.file.clone())
            .at(Position::new(line, column + 1))
    }

    /// Warns once per column that is not imported, and errs for a missing required column.
    fn check_columns(&self, known: &[&[&str]], required: &[&str], diags: &mut Diagnostics) -> bool {
        let mut ok = true;
        for name in required {
            if self.column(&[name]).is_none() {
                let all: Vec<&str> = known.iter().map(|k| k[0]).collect();
                let help = match did_you_mean(name, self.headers.iter().map(String::as_str)) {
                    Some(h) => format!(
                        "rename column `{h}` to `{name}`; the columns read are {}",
                        all.join(", ")
                    ),
                    None => format!(
                        "add a column `{name}`; the columns read are {}",
                        all.join(", ")
                    ),
                };
                diags.push(
                    Diagnostic::error(format!("no `{name}` column"))
                        .in_file(self.file.clone())
                        .at(Position::new(1, 1))
                        .with_help(help),
                );
                ok = false;
            }
        }
        for (i, h) in self.headers.iter().enumerate() {
            if !h.is_empty() && !known.iter().any(|k| k.contains(&h.as_str())) {
                let all: Vec<&str> = known.iter().map(|k| k[0]).collect();
                diags.push(
                    Diagnostic::warning(format!("column `{h}` is not imported"))
                        .in_file(self.file.clone())
                        .at(Position::new(1, i + 1))
                        .with_help(format!("the columns read are {}", all.join(", "))),
                );
            }
        }
        ok
    }
}

/// The line of the record that starts at `byte`. The reader's own line count puts a record
/// after a CRLF line ending (as spreadsheets save CSV) on the line before it: its start is
/// counted from the `\n` of the previous record's `\r\n`.
fn line_of(bytes: &[u8], byte: usize) -> usize {
    let mut start = byte.min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A cell split into items: by line breaks, `;` or `|` (and `,` too for `ids`).
fn items(cell: &str, ids: bool) -> Vec<String> {
    cell.split(|c| c == '\n' || c == ';' || c == '|' || (ids && c == ','))
        .map(|s| s.trim().trim_start_matches(['-', '•']).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A YAML double-quoted string (JSON's quoting is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn quoted_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// The `tags:` line of a row's tags cell (split like ids: by `,`, `;`, `|` or line breaks),
/// or nothing when the cell is empty; every unusable tag is reported at the cell.
fn tags(t: &Table, line: usize, c: Option<usize>, cell: &str, diags: &mut Diagnostics) -> String {
    let mut list: Vec<String> = Vec::new();
    for tag in items(cell, true) {
        let at = c.unwrap_or(0);
        if let Some((message, help)) = crate::validate::tags::problem(&tag) {
            diags.push(
                t.at(line, at, format!("{message} (column `tags`)"))
                    .with_help(help),
            );
            continue;
        }
        let slug = crate::validate::tags::slug(&tag);
        // The same tag twice in a cell is written once.
        if !list.iter().any(|x| crate::validate::tags::slug(x) == slug) {
            list.push(tag);
        }
    }
    if list.is_empty() {
        String::new()
    } else {
        format!("tags: {}\n", quoted_list(&list))
    }
}

/// An id from a row's text: its first words, slugified, unique in this import.
fn new_id(text: &str, used: &mut HashMap<String, usize>) -> String {
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
fn principles(
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
                    format!("unknown principle `{id}` in column `principles`"),
                )
                .with_help(crate::validate::unknown_help(id, &valid, "principle")),
            );
        }
    }
    out
}

const QUESTION_COLUMNS: &[&[&str]] = &[
    &["question", "text", "questions"],
    &["principles", "principle"],
    &[
        "follow_ups",
        "follow_up",
        "followups",
        "follow_up_questions",
    ],
    &["stage"],
    &["role"],
    &["priority"],
    &["tags", "tag", "labels"],
];

/// Question files from the rows of `t`.
pub(super) fn questions(t: &Table, known: &Known) -> (Vec<NewFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    if !t.check_columns(QUESTION_COLUMNS, &["question", "principles"], &mut diags) {
        return (files, diags);
    }
    let col = |names: &[&str]| t.column(names);
    let (q, p) = (
        col(QUESTION_COLUMNS[0]).unwrap_or(0),
        col(QUESTION_COLUMNS[1]).unwrap_or(0),
    );
    let (f, stage, role, priority) = (
        col(QUESTION_COLUMNS[2]),
        col(&["stage"]),
        col(&["role"]),
        col(&["priority"]),
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
                    .with_help("write the question in column `question`, or delete the row"),
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
                        t.at(line, c, format!("unknown stage `{s}` in column `stage`"))
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
                    diags.push(t.at(line, c, format!("role `{r}` in column `role` is not a short label")).with_help("use a short lowercase label such as `pm`, `pmt` or `swe` (at most 24 characters)"));
                }
            }
        }
        if let (Some(c), v) = (priority, cell(priority)) {
            if !v.is_empty() {
                match v.parse::<u8>() {
                    Ok(n) if (1..=5).contains(&n) => front.push_str(&format!("priority: {n}\n")),
                    _ => diags.push(t.at(line, c, format!("priority `{v}` in column `priority` is not 1 to 5")).with_help("write a whole number from 1 (most important) to 5, or leave the cell empty")),
                }
            }
        }
        let tag_col = col(QUESTION_COLUMNS[6]);
        front.push_str(&tags(t, line, tag_col, cell(tag_col), &mut diags));
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

const TITLE: &[&str] = &["title", "story", "name"];
const PRINCIPLES: &[&str] = &["principles", "principle"];
const FRAMEWORK: &[&str] = &["framework"];
const FIGURES: &[&str] = &["figures", "figure", "key_figures", "numbers"];
const SHORT: &[&str] = &["short", "short_telling"];
const LONG: &[&str] = &["long", "long_telling"];
const QUESTIONS: &[&str] = &["questions", "question"];
const TAGS: &[&str] = &["tags", "tag", "labels"];

/// Story files from the rows of `t`.
pub(super) fn stories(t: &Table, known: &Known) -> (Vec<NewFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    // Each step of every framework is a column, named as a header is (`Lessons learned` is
    // `lessons_learned`), in the frameworks' order.
    let mut steps: Vec<String> = Vec::new();
    for f in known.frameworks.iter() {
        for s in f.step_names().map(column_name) {
            if !steps.contains(&s) {
                steps.push(s);
            }
        }
    }
    let steps: Vec<[&str; 1]> = steps.iter().map(|s| [s.as_str()]).collect();
    let mut columns: Vec<&[&str]> = vec![TITLE, PRINCIPLES, FRAMEWORK];
    columns.extend(steps.iter().map(|s| &s[..]));
    columns.extend([FIGURES, SHORT, LONG, QUESTIONS, TAGS]);
    if !t.check_columns(&columns, &["title", "principles"], &mut diags) {
        return (files, diags);
    }
    let col = |names: &[&str]| t.column(names);
    let title_col = col(TITLE).unwrap_or(0);
    let p = col(PRINCIPLES).unwrap_or(0);
    let mut used = HashMap::new();
    for (line, row) in &t.rows {
        let line = *line;
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(String::as_str).unwrap_or("");
        let before = diags.error_count();
        let title = cell(Some(title_col));
        if title.is_empty() {
            diags.push(
                t.at(line, title_col, "row has no story title".into())
                    .with_help("write a short title in column `title`, or delete the row"),
            );
        }
        let ids = principles(t, line, p, cell(Some(p)), known, &mut diags);
        let fw_col = col(FRAMEWORK);
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
                    format!("unknown framework `{fw_text}` in column `framework`"),
                )
                .with_help(format!(
                    "use {}, or leave the cell empty for star",
                    ids.join(", ")
                )),
            );
            continue;
        };
        let required: Vec<&str> = framework
            .steps()
            .iter()
            .filter(|s| !s.optional)
            .map(|s| s.name.as_str())
            .collect();
        let mut body = String::new();
        for step in framework.steps() {
            let name = column_name(&step.name);
            let c = col(&[name.as_str()]);
            let text = cell(c);
            if text.is_empty() && step.optional {
                continue;
            }
            if text.is_empty() {
                let at = c.unwrap_or(0);
                let message = match c {
                    Some(_) => format!("the `{name}` cell is empty"),
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
        let figures = items(cell(col(FIGURES)), false);
        if !figures.is_empty() {
            front.push_str(&format!("figures: {}\n", quoted_list(&figures)));
        }
        for (key, names) in [("short", SHORT), ("long", LONG)] {
            let v = cell(col(names));
            if !v.is_empty() {
                front.push_str(&format!("{key}: {}\n", quoted(v)));
            }
        }
        let qcol = col(QUESTIONS);
        let questions = items(cell(qcol), true);
        for q in &questions {
            if !known.questions.iter().any(|k| k == q) {
                let valid: Vec<&str> = known.questions.iter().map(String::as_str).collect();
                diags.push(
                    t.at(
                        line,
                        qcol.unwrap_or(0),
                        format!("unknown question `{q}` in column `questions`"),
                    )
                    .with_help(crate::validate::unknown_help(q, &valid, "question")),
                );
            }
        }
        if !questions.is_empty() {
            front.push_str(&format!("questions: [{}]\n", questions.join(", ")));
        }
        let tag_col = col(TAGS);
        front.push_str(&tags(t, line, tag_col, cell(tag_col), &mut diags));
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
