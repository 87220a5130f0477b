//! `prepbook import`: content files written from a spreadsheet exported as CSV, one file per
//! row, every unusable row reported by row and column before anything is written, and never
//! over an existing file.
//!
//! The columns are matched by their header, in any order and case (`follow-ups`,
//! `Follow ups` and `follow_ups` are one column), or read as a field by `--column
//! HEADER=FIELD`; columns it does not know are named in a warning and left out.

mod columns;
mod rows;
mod stories;
mod table;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{self, Kind};
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::error::Error;

pub use columns::ColumnMap;
pub use table::Table;

/// What can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Questions,
    Stories,
}

/// What an import wrote.
#[derive(Debug)]
pub struct Report {
    /// The files written, relative to the handbook.
    pub written: Vec<PathBuf>,
    pub warnings: Diagnostics,
}

/// One content file to write.
pub(crate) struct NewFile {
    pub(crate) id: String,
    pub(crate) text: String,
    /// The CSV line of its row, for a message about the file.
    pub(crate) line: usize,
}

/// The ids of the handbook's principles and questions, read from the content folder without
/// validating it (a handbook being converted may not pass `check` yet).
pub(crate) struct Known {
    pub(crate) principles: Vec<String>,
    pub(crate) questions: Vec<String>,
    pub(crate) stages: Vec<String>,
    /// The handbook's own words for a principle (`[strings] principle` and `principles`, as
    /// column names: `focus_area`), which also name the principles column.
    pub(crate) principle_words: Vec<String>,
    /// The frameworks stories may be told in, with `[frameworks]` applied.
    pub(crate) frameworks: crate::framework::Frameworks,
}

/// Reads `csv` and writes one content file per row into the handbook at `root`, each column
/// of `maps` read as its field, or writes nothing and returns every problem.
pub fn import(root: &Path, what: What, csv: &Path, maps: &[ColumnMap]) -> Result<Report, Error> {
    let config = Config::load(root).map_err(|d| Error::Invalid(d.into()))?;
    let content_dir = root.join(&config.content_dir);
    let (found, _) = content::discover(root, &content_dir);
    let ids = |k: Kind| -> Vec<String> {
        found
            .files
            .iter()
            .filter(|f| f.kind == k)
            .map(|f| f.id.clone())
            .collect()
    };
    let known = Known {
        principles: ids(Kind::Principle),
        questions: ids(Kind::Question),
        stages: config
            .interview
            .stages
            .iter()
            .map(|s| s.id.clone())
            .collect(),
        principle_words: ["principle", "principles"]
            .iter()
            .filter_map(|k| match config.strings.get(*k) {
                Some(crate::config::StringValue::One(word)) => Some(table::column_name(word)),
                _ => None,
            })
            .filter(|w| !w.is_empty())
            .collect(),
        frameworks: config.frameworks.clone(),
    };
    let taken: HashSet<String> = found
        .files
        .iter()
        .map(|f| f.content_path.to_ascii_lowercase())
        .collect();
    let bytes = std::fs::read(csv).map_err(|e| Error::io("cannot read", csv, e))?;
    let name = csv.display().to_string();
    let table = Table::read(&bytes, &name).map_err(|d| Error::Invalid(vec![d].into()))?;
    let (files, mut diags) = match what {
        What::Questions => rows::questions(&table, &known, maps),
        What::Stories => stories::stories(&table, &known, maps),
    };
    let folder = match what {
        What::Questions => Kind::Question.folder(),
        What::Stories => Kind::Story.folder(),
    };
    let dir = content_dir.join(folder);
    for f in &files {
        let path = dir.join(format!("{}.md", f.id));
        let content_path = format!("{folder}/{}.md", f.id);
        if path.exists() || taken.contains(&content_path) {
            diags.push(
                Diagnostic::error(format!(
                    "`{}` already exists; it is not overwritten",
                    path.display()
                ))
                .in_file(name.clone())
                .at(Position::new(f.line, 1))
                .with_help("remove the row, or move the existing file away and import again"),
            );
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(Error::Invalid(diags));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("cannot create", &dir, e))?;
    let mut written = Vec::new();
    for f in files {
        let path = dir.join(format!("{}.md", f.id));
        // `create_new`: a file that appeared since the check above is still not overwritten.
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io("cannot create", &path, e))?;
        std::io::Write::write_all(&mut out, f.text.as_bytes())
            .map_err(|e| Error::io("cannot write", &path, e))?;
        written.push(path);
    }
    diags.sort();
    Ok(Report {
        written,
        warnings: diags,
    })
}
