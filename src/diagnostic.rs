//! Problems found in a handbook: one type carrying file, line, column, message and a hint,
//! collected across the whole build and printed together.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Turns byte offsets of one text into positions in time linear in the text over all queries:
/// lines are found by binary search, and columns count on from the previous query when it was
/// earlier on the same line (problems are usually found in reading order). A file with
/// thousands of problems on one long line must not take quadratic time to report.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The last query: (byte offset, its column).
    last: std::sync::Mutex<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            line_starts,
            last: std::sync::Mutex::new((0, 1)),
        }
    }

    /// The position of byte `offset`, counting columns in characters.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line - 1];
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let (last_offset, last_column) = *last;
        let (from, base) = if last_offset >= line_start && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (line_start, 1)
        };
        let column = base
            + String::from_utf8_lossy(&self.text.as_bytes()[from..offset])
                .chars()
                .count();
        *last = (offset, column);
        Position { line, column }
    }
}

/// A position in a source file; both numbers start at 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }

    /// The position of byte `offset` in `text`, counting columns in characters.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        LineIndex::new(text).position(offset)
    }
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the handbook root, with `/` separators.
    pub file: Option<String>,
    pub position: Option<Position>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            position: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn at_line(self, line: usize, column: usize) -> Self {
        self.at(Position::new(line, column))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `text` with control characters (but line breaks) and bidirectional overrides written as
/// `\u{..}` escapes: text from content must not move the cursor, change colours or reorder
/// what the terminal shows.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            let file = terminal_safe(file);
            write!(f, "{file}")?;
            if let Some(p) = self.position {
                write!(f, ":{}:{}", p.line, p.column)?;
            }
            write!(f, ": ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", terminal_safe(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", terminal_safe(help))?;
        }
        Ok(())
    }
}

/// Every problem of one build, in a stable order (file, then position).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// The same problems with their files named from the folder the command was run in, for a
    /// handbook at `dir` (as the user typed it).
    pub fn seen_from(mut self, dir: &Path) -> Self {
        let prefix = dir.to_string_lossy();
        let prefix = prefix.trim_end_matches('/');
        if prefix.is_empty() || prefix == "." {
            return self;
        }
        for d in &mut self.0 {
            if let Some(file) = d.file.as_mut().filter(|f| !f.starts_with('/')) {
                *file = format!("{prefix}/{file}");
            }
        }
        self
    }

    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Sorts by file and position so output does not depend on traversal or thread order.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.0.dedup();
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The path of `path` relative to `root`, with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.to_string_lossy().replace('\\', "/")
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "ab\ncdé f\n";
        assert_eq!(Position::of_offset(text, 0), Position::new(1, 1));
        assert_eq!(Position::of_offset(text, 3), Position::new(2, 1));
        // "cdé " is 5 bytes but 4 characters
        assert_eq!(Position::of_offset(text, 8), Position::new(2, 5));
    }

    #[test]
    fn control_characters_from_content_are_escaped() {
        let d = Diagnostic::error("unknown key `a\u{1b}[2Jb`")
            .in_file("content/pages/\u{7}x.md")
            .with_help("rename `\u{202e}cod.exe`\tor not");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "content/pages/\\u{7}x.md: error: unknown key `a\\u{1b}[2Jb`\n  \
             help: rename `\\u{202e}cod.exe`\\u{9}or not"
        );
    }

    #[test]
    fn line_index_answers_queries_in_any_order() {
        let text = "ab\ncdé f\nxyz";
        let index = LineIndex::new(text);
        for offset in [8, 3, 0, 12, 9, 8, 4, 100] {
            let expected = {
                let before = &text[..offset.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let start = before.rfind('\n').map_or(0, |i| i + 1);
                Position::new(line, before[start..].chars().count() + 1)
            };
            assert_eq!(index.position(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn diagnostic_prints_file_line_column_and_help() {
        let d = Diagnostic::error("unknown key `titel`")
            .in_file("content/pages/a.md")
            .at_line(2, 1)
            .with_help("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "content/pages/a.md:2:1: error: unknown key `titel`\n  help: did you mean `title`?"
        );
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let keys = ["title", "order", "summary"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("sumary", keys), Some("summary"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
