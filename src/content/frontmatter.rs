//! Splitting a content file into its YAML front matter and Markdown body (pure, no I/O).

use crate::diagnostic::Position;

/// A content file cut in two. Line numbers are 1-based lines of the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line on which the YAML text starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub position: Position,
    pub message: &'static str,
    pub help: &'static str,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// The line (0-based, in `body`) of a `---` that opens the body and, with no blank line,
/// `key: value` lines and a closing `---`: a second YAML block, which Markdown would show as a
/// rule and a heading.
fn second_block(body: &str) -> Option<usize> {
    let mut lines = body
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (at, first) = lines.next()?;
    if !is_fence(first) {
        return None;
    }
    let (_, key_line) = lines.next()?;
    let key = key_line.split_once(':').map(|(k, _)| k.trim_end());
    let looks_like_yaml = key.is_some_and(|k| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    if !looks_like_yaml {
        return None;
    }
    for (_, l) in lines {
        if l.trim().is_empty() {
            return None;
        }
        if is_fence(l) {
            return Some(at);
        }
    }
    None
}

/// Splits `text` (newlines already normalised to `\n`) at its `---` fences.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(SplitError {
            position: Position::new(1, 1),
            message: "missing front matter",
            help: "start the file with a `---` line, the YAML fields, then another `---` line",
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if is_fence(line.trim_end_matches('\n')) {
            let body_start = offset + line.len();
            if let Some(at) = second_block(&text[body_start..]) {
                return Err(SplitError {
                    position: Position::new(line_no + 1 + at, 1),
                    message: "a second front-matter block follows the first",
                    help: "move its fields into the first block, between the first two `---` lines",
                });
            }
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError {
        position: Position::new(1, 1),
        message: "front matter is not closed",
        help: "end the front matter with a line holding only `---`",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_front_matter_and_body() {
        let s = split("---\n---\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn fence_may_have_trailing_spaces() {
        let s = split("--- \nx: 1\n---  \n").unwrap();
        assert_eq!(s.yaml, "x: 1\n");
    }

    #[test]
    fn horizontal_rule_in_body_is_kept() {
        let s = split("---\nx: 1\n---\na\n\n---\nb\n").unwrap();
        assert_eq!(s.body, "a\n\n---\nb\n");
    }

    #[test]
    fn a_second_front_matter_block_is_an_error() {
        let e = split("---\ntitle: A\n---\n\n---\nsummary: B\n---\nBody\n").unwrap_err();
        assert_eq!(e.message, "a second front-matter block follows the first");
        assert_eq!(e.position, Position::new(5, 1));
        // A rule opening the body, followed by prose, is Markdown.
        assert!(split("---\nx: 1\n---\n---\nNote: this is prose.\n").is_ok());
        assert!(split("---\nx: 1\n---\n---\nNote: prose.\n\nMore\n---\n").is_ok());
        assert!(split("---\nx: 1\n---\n---\n\nSome text\n").is_ok());
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(
            split("# Title\n").unwrap_err().message,
            "missing front matter"
        );
        assert_eq!(
            split("---\ntitle: x\n").unwrap_err().message,
            "front matter is not closed"
        );
    }
}
