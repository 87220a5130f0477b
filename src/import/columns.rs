//! Which column of a CSV file gives which field: headers matched by name (in any case and
//! spelling of spaces and dashes), `--column HEADER=FIELD` read before them, and every column
//! left out named in a warning.

use super::table::{column_name, Table};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Position};

/// `--column HEADER=FIELD`: the file's column `HEADER` read as the field `FIELD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub header: String,
    pub field: String,
}

impl ColumnMap {
    /// Parses `HEADER=FIELD`, split at the last `=`: a header may hold one, a field never does.
    pub fn parse(text: &str) -> Result<ColumnMap, String> {
        match text.rsplit_once('=') {
            Some((header, field)) if !header.trim().is_empty() && !field.trim().is_empty() => {
                Ok(ColumnMap {
                    header: header.trim().to_string(),
                    field: field.trim().to_string(),
                })
            }
            _ => Err(format!(
                "`{text}` is not HEADER=FIELD; write the file's column, `=`, and the field to \
                 read it as, such as \"Focus area=principles\" or Company=tags"
            )),
        }
    }
}

/// A field an import reads: its column name, the other headers that give it, and whether
/// several columns may give it (their items are merged).
pub(super) struct Field {
    pub(super) name: String,
    pub(super) aliases: Vec<String>,
    pub(super) many: bool,
}

impl Field {
    /// A field named by the first of `names`, also read from a column named by the others.
    pub(super) fn new(names: &[&str]) -> Field {
        Field {
            name: names[0].to_string(),
            aliases: names[1..].iter().map(|s| s.to_string()).collect(),
            many: false,
        }
    }

    /// The same field, given by every column read as it, merged in the file's order.
    pub(super) fn many(mut self) -> Field {
        self.many = true;
        self
    }

    fn matches(&self, column: &str) -> bool {
        self.name == column || self.aliases.iter().any(|a| a == column)
    }
}

/// The columns each field is read from, in the file's order.
pub(super) struct Columns(Vec<(String, Vec<usize>)>);

impl Columns {
    /// The column of `field`, if the file has one.
    pub(super) fn one(&self, field: &str) -> Option<usize> {
        self.all(field).first().copied()
    }

    /// Every column read as `field` (more than one only for a field that merges them).
    pub(super) fn all(&self, field: &str) -> &[usize] {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map_or(&[], |(_, c)| c.as_slice())
    }
}

/// The file's headers as written, for a help text.
fn header_list(t: &Table) -> String {
    let list: Vec<String> = t
        .raw
        .iter()
        .filter(|h| !h.is_empty())
        .map(|h| format!("`{h}`"))
        .collect();
    if list.is_empty() {
        "none".into()
    } else {
        list.join(", ")
    }
}

/// The header of `t` spelled most like `name` (a column name), as written in the file.
fn header_like<'a>(t: &'a Table, name: &str) -> Option<&'a str> {
    let h = did_you_mean(
        name,
        t.headers
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty()),
    )?;
    let i = t.headers.iter().position(|x| x == h)?;
    Some(t.raw[i].as_str())
}

/// A header quoted for a shell command line.
fn arg(header: &str, field: &str) -> String {
    let text = format!("{header}={field}");
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "=-_.".contains(c))
    {
        text
    } else {
        format!("\"{}\"", text.replace('"', "\\\""))
    }
}

/// Finds the columns of `fields` in `t`, the `maps` first. A bad mapping or a missing
/// `required` field is an error (and `None`: the rows are not read); a column read as
/// nothing, or a second column for a field that takes one, is a warning.
pub(super) fn resolve(
    t: &Table,
    fields: &[Field],
    maps: &[ColumnMap],
    required: &[&str],
    diags: &mut Diagnostics,
) -> Option<Columns> {
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let all = names.join(", ");
    // Each column's field, and whether a mapping chose it.
    let mut read_as: Vec<Option<(usize, bool)>> = vec![None; t.headers.len()];
    let mut ok = true;
    for m in maps {
        let flag = format!("--column {}", arg(&m.header, &m.field));
        let source = column_name(&m.header);
        let hits: Vec<usize> = (0..t.headers.len())
            .filter(|&i| !source.is_empty() && t.headers[i] == source)
            .collect();
        if hits.is_empty() {
            let list = header_list(t);
            let help = match header_like(t, &source) {
                Some(h) => format!("did you mean `{h}`? The file's columns are {list}"),
                None => format!("the file's columns are {list}"),
            };
            diags.push(
                Diagnostic::error(format!("`{flag}`: {} has no column `{}`", t.file, m.header))
                    .with_help(help),
            );
            ok = false;
        }
        let wanted = column_name(&m.field);
        let Some(f) = fields.iter().position(|f| f.matches(&wanted)) else {
            let help = match did_you_mean(&wanted, names.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? The fields are {all}"),
                None => format!("the fields are {all}"),
            };
            diags.push(
                Diagnostic::error(format!(
                    "`{flag}`: there is no field `{}` to read a column as",
                    m.field
                ))
                .with_help(help),
            );
            ok = false;
            continue;
        };
        for i in hits {
            match read_as[i] {
                Some((g, true)) if g != f => {
                    diags.push(
                        Diagnostic::error(format!(
                            "`{flag}`: column `{}` is already read as `{}`",
                            t.raw[i], fields[g].name
                        ))
                        .with_help("a column is read as one field: keep one `--column` for it"),
                    );
                    ok = false;
                }
                _ => read_as[i] = Some((f, true)),
            }
        }
    }
    if !ok {
        return None;
    }
    for (i, h) in t.headers.iter().enumerate() {
        if read_as[i].is_none() && !h.is_empty() {
            read_as[i] = fields.iter().position(|f| f.matches(h)).map(|f| (f, false));
        }
    }
    let mut columns = Vec::new();
    for (f, field) in fields.iter().enumerate() {
        let mut list: Vec<usize> = (0..t.headers.len())
            .filter(|&i| matches!(read_as[i], Some((g, _)) if g == f))
            .collect();
        if !field.many && list.len() > 1 {
            // A mapping names the column meant; otherwise the first one is read.
            let keep = list
                .iter()
                .copied()
                .find(|&i| matches!(read_as[i], Some((_, true))))
                .unwrap_or(list[0]);
            for &other in list.iter().filter(|&&i| i != keep) {
                diags.push(
                    Diagnostic::warning(format!(
                        "column `{}` is not imported: column `{}` is read as `{}`",
                        t.name(other),
                        t.name(keep),
                        field.name
                    ))
                    .in_file(t.file.clone())
                    .at(Position::new(1, other + 1))
                    .with_help(format!(
                        "read it as another field with `--column {}`, or remove the column",
                        arg(&t.raw[other], "FIELD")
                    )),
                );
            }
            list = vec![keep];
        }
        columns.push((field.name.clone(), list));
    }
    for (i, h) in t.headers.iter().enumerate() {
        if !h.is_empty() && read_as[i].is_none() {
            diags.push(
                Diagnostic::warning(format!("column `{h}` is not imported"))
                    .in_file(t.file.clone())
                    .at(Position::new(1, i + 1))
                    .with_help(format!(
                        "the columns read are {all}; to read it as one of them, pass `--column {}`",
                        arg(&t.raw[i], "FIELD")
                    )),
            );
        }
    }
    let columns = Columns(columns);
    for name in required {
        if columns.one(name).is_none() {
            let help = match header_like(t, name) {
                Some(h) => format!(
                    "read column `{h}` as it with `--column {}`, or rename it; the columns read are {all}",
                    arg(h, name)
                ),
                None => format!(
                    "add a column `{name}`, or read one of the file's columns ({}) as it with `--column {}`",
                    header_list(t),
                    arg("HEADER", name)
                ),
            };
            diags.push(
                Diagnostic::error(format!("no `{name}` column"))
                    .in_file(t.file.clone())
                    .at(Position::new(1, 1))
                    .with_help(help),
            );
            ok = false;
        }
    }
    ok.then_some(columns)
}
