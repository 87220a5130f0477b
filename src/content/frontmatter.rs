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
