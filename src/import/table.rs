//! A CSV file read whole: its headers as written and as column names, its non-empty rows
//! with the line each starts on.

use crate::diagnostic::{Diagnostic, Position};

/// A CSV file read whole: its headers (as written and normalised) and its rows with their
/// lines.
pub struct Table {
    pub(super) file: String,
    /// The headers as written (trimmed, without a byte-order mark), for messages.
    pub(super) raw: Vec<String>,
    /// The headers as column names: see [`column_name`].
    pub(super) headers: Vec<String>,
    pub(super) rows: Vec<(usize, Vec<String>)>,
}

/// A header as a column name: lowercase words joined by `_` (`Follow-ups` is `follow_ups`).
pub(super) fn column_name(header: &str) -> String {
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
        let raw: Vec<String> = reader
            .headers()
            .map_err(bad)?
            .iter()
            .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_string())
            .collect();
        let headers = raw.iter().map(|h| column_name(h)).collect();
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
            raw,
            headers,
            rows,
        })
    }

    /// The name of column `column` in messages (`follow_ups` for `Follow-ups`).
    pub(super) fn name(&self, column: usize) -> &str {
        self.headers.get(column).map_or("", String::as_str)
    }

    /// An error at a cell (`column` counted from 0).
    pub(super) fn at(&self, line: usize, column: usize, message: String) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(self.file.clone())
            .at(Position::new(line, column + 1))
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
