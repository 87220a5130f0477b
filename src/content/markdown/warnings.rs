//! What Markdown shows differently from what the author meant, noticed while rendering: raw
//! HTML and MDX (shown as text, never run) and invisible characters in headings and prose.

use std::collections::HashSet;

use super::Problem;

/// The first line of `text`, trimmed and cut to a readable length.
fn excerpt(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut out: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The byte offset where the line holding `offset` starts.
fn line_start(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// Raw HTML at `offset` (a block, or inline HTML): one warning per line, since a line of
/// inline HTML has an opening and a closing tag.
pub(super) fn html(
    src: &str,
    offset: usize,
    text: &str,
    last_line: &mut Option<usize>,
    problems: &mut Vec<Problem>,
) {
    let line = line_start(src, offset);
    if *last_line == Some(line) {
        return;
    }
    *last_line = Some(line);
    let shown = excerpt(text);
    let name = shown.trim_start_matches(['<', '/']);
    let (message, help) = if shown.starts_with("<!--") {
        (
            format!("HTML comment `{shown}` is shown as text"),
            "remove it: prepbook shows raw HTML as text on the page and never runs it",
        )
    } else if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        (
            format!("MDX component `{shown}` is shown as text"),
            "prepbook reads Markdown, not MDX: write what the component shows in Markdown, or remove it",
        )
    } else {
        (
            format!("raw HTML `{shown}` is shown as text"),
            "write it in Markdown (emphasis, lists, tables, links, images): prepbook shows raw HTML as text and never runs it",
        )
    };
    problems.push(Problem::warning(offset, message, help));
}

/// An MDX `import`/`export` line opening the paragraph at `offset`.
pub(super) fn mdx_statement(src: &str, offset: usize, problems: &mut Vec<Problem>) {
    let first = src[offset..].lines().next().unwrap_or("").trim();
    let is_import = first.starts_with("import ")
        && (first.contains(" from ") || first[7..].trim_start().starts_with(['"', '\'']));
    let is_export = first.starts_with("export ")
        && ["const ", "default ", "function ", "let "]
            .iter()
            .any(|k| first[7..].trim_start().starts_with(k));
    if is_import || is_export {
        problems.push(Problem::warning(
            offset,
            format!("MDX statement `{}` is shown as text", excerpt(first)),
            "prepbook reads Markdown, not MDX: remove the line",
        ));
    }
}

/// A heading holding an invisible or look-alike character.
pub(super) fn heading(text: &str, offset: usize, problems: &mut Vec<Problem>) {
    if let Some(hidden) = crate::chars::name_hidden(text, false) {
        problems.push(Problem::warning(
            offset,
            format!("heading `{text}` holds {hidden}"),
            "delete the character: it changes the heading's link and what search finds, with nothing to see",
        ));
    }
}

/// How many invisible characters of one body are warned about one by one; the rest are
/// counted in one last warning, so a pasted page full of them does not flood the output.
pub(super) const HIDDEN_SHOWN: usize = 5;

/// The invisible characters of one body's prose warned about so far.
#[derive(Default)]
pub(super) struct Hidden {
    /// (start of line, character) pairs already named: one warning per character per line.
    seen: HashSet<(usize, char)>,
    /// The lines and characters past [`HIDDEN_SHOWN`], and where the first of them stands.
    more: usize,
    first_more: Option<usize>,
}

impl Hidden {
    /// Warns about the characters of prose text `src[start..end]` that hide (see
    /// [`crate::chars::hides_in_prose`]).
    pub(super) fn scan(
        &mut self,
        src: &str,
        start: usize,
        end: usize,
        problems: &mut Vec<Problem>,
    ) {
        let text = &src[start..end];
        for (i, c) in text.char_indices() {
            let offset = start + i;
            let before = src[..offset].chars().next_back();
            let after = src[offset + c.len_utf8()..].chars().next();
            if !crate::chars::hides_in_prose(c, before, after) {
                continue;
            }
            let line = line_start(src, offset);
            if !self.seen.insert((line, c)) {
                continue;
            }
            if self.seen.len() > HIDDEN_SHOWN {
                self.more += 1;
                self.first_more.get_or_insert(offset);
                continue;
            }
            let end = src[line..].find('\n').map_or(src.len(), |e| line + e);
            let Some(named) = crate::chars::name_at(&src[line..end], offset - line) else {
                continue;
            };
            problems.push(Problem::warning(
                offset,
                format!("the text holds {named}"),
                "delete it: it is invisible and breaks search (a word holding it is not found)",
            ));
        }
    }

    /// The warning counting the characters past [`HIDDEN_SHOWN`], if there were any.
    pub(super) fn finish(self, problems: &mut Vec<Problem>) {
        if let Some(offset) = self.first_more {
            problems.push(Problem::warning(
                offset,
                format!(
                    "{} more invisible character{} from here on",
                    self.more,
                    if self.more == 1 { "" } else { "s" }
                ),
                "search the file for them (most editors show them with \"show invisibles\") and delete them",
            ));
        }
    }
}
