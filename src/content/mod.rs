//! Reading the content folder: which files there are, of which kind, decoded to text.
//! Parsing lives in the submodules, which take strings and do no I/O.

mod cache;
pub mod frontmatter;
pub mod markdown;
mod walk;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{display_path, Diagnostic, Position};

pub use crate::kind::Kind;
pub use cache::{ReadCache, Stamp};

/// A Markdown content file, decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// The item id: the file stem, lowercased.
    pub id: String,
    /// Path relative to the handbook root, `/`-separated, for messages.
    pub file: String,
    /// Path relative to the content folder, `/`-separated, for links between files.
    pub content_path: String,
    /// The text, with a byte-order mark removed and `\r\n` turned into `\n`.
    pub text: String,
}

/// A file that is not Markdown, copied to the output as it is.
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// Path relative to the content folder, `/`-separated.
    pub content_path: String,
    pub file: String,
    pub path: PathBuf,
}

/// Everything found in the content folder.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Shared, so that a later walk can hand on the files that did not change as they are.
    pub files: Vec<Arc<SourceFile>>,
    pub assets: Vec<AssetFile>,
}

/// True for names that editors and systems leave behind (`.x.swp`, `x~`, `#x#`).
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || (name.starts_with('#') && name.ends_with('#'))
}

/// The longest id, in characters: ids become file names and parts of addresses.
pub const MAX_ID_LEN: usize = 120;

/// Checks an id made from a file stem: ASCII letters, digits, `-` and `_`, at most
/// [`MAX_ID_LEN`] of them. The error is the message and the help, naming the actual cause.
pub fn check_id(stem: &str) -> Result<String, (String, String)> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let example = || {
        let slug = markdown::slugify(stem);
        let slug: String = slug.chars().take(60).collect();
        let slug = slug.trim_end_matches('-');
        if slug.is_empty() || slug == "section" {
            "my-first-item".to_string()
        } else {
            slug.to_string()
        }
    };
    let shape = "use letters, digits, `-` and `_` only, starting with a letter or digit";
    if let Some(hidden) = crate::chars::name_hidden(stem, true) {
        return Err((
            format!("file name `{stem}` holds {hidden}"),
            format!("rename the file without that character; {shape}"),
        ));
    }
    if stem.is_empty() || !stem.chars().all(allowed) || stem.starts_with(['-', '_']) {
        return Err((
            format!("file name `{stem}` cannot be used as an id"),
            format!("rename the file: {shape}, e.g. `{}.md`", example()),
        ));
    }
    if stem.len() > MAX_ID_LEN {
        return Err((
            format!(
                "file name `{stem}` is {} characters long, more than the limit of {MAX_ID_LEN} for an id",
                stem.len()
            ),
            format!("shorten the file name, e.g. `{}.md`", example()),
        ));
    }
    Ok(stem.to_ascii_lowercase())
}

/// Walks `content_dir` (inside `root`) without following symbolic links, and reads every file.
pub fn discover(root: &Path, content_dir: &Path) -> (Discovered, Vec<Diagnostic>) {
    discover_with(root, content_dir, None)
}

/// [`discover`] for the dev server: with a cache filled by an earlier discovery, only the paths
/// the watcher saw change are looked at and read again (or, after a walk, the files whose size,
/// time or inode changed); the cache is left filled for the next.
pub fn discover_with(
    root: &Path,
    content_dir: &Path,
    cache: Option<&mut ReadCache>,
) -> (Discovered, Vec<Diagnostic>) {
    let content_name = display_path(root, content_dir);
    if !content_dir.is_dir() {
        let problem = Diagnostic::error(format!("content folder `{content_name}` does not exist"))
            .with_help("create it, or set `content` under `[build]` in book.toml");
        return (Discovered::default(), vec![problem]);
    }
    walk::discover(root, content_dir, cache)
}

/// Content files larger than this are refused: no handbook page needs more, and it bounds
/// the time the Markdown parser can spend on pathological input.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Decodes a content file: at most [`MAX_FILE_BYTES`], UTF-8, no NUL bytes, not empty.
pub fn decode(bytes: &[u8]) -> Result<String, (Position, String, &'static str)> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err((
            Position::new(1, 1),
            format!(
                "file is {} bytes, more than the limit of {MAX_FILE_BYTES}",
                bytes.len()
            ),
            "split the text into several pages",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let pos = Position::of_offset(std::str::from_utf8(valid).unwrap_or(""), valid.len());
            return Err((
                pos,
                "file is not valid UTF-8 text".into(),
                "save the file with UTF-8 encoding",
            ));
        }
    };
    if let Some(i) = text.find('\0') {
        return Err((
            Position::of_offset(text, i),
            "file contains a NUL byte".into(),
            "remove the NUL character; content files are plain text",
        ));
    }
    if text.trim().is_empty() {
        return Err((
            Position::new(1, 1),
            "file is empty".into(),
            "add front matter and a body, or delete the file",
        ));
    }
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_stems() {
        assert_eq!(
            check_id("Customer-Obsession").unwrap(),
            "customer-obsession"
        );
        for bad in ["", "-x", "a b", "..", "a.b", "ü", "a\\b", "c:x"] {
            assert!(check_id(bad).is_err(), "{bad:?} accepted");
        }
        let long = "a-".repeat(70);
        let (message, help) = check_id(&long).unwrap_err();
        assert!(
            message.contains("140 characters long, more than the limit of 120"),
            "{message}"
        );
        assert!(
            help.starts_with("shorten the file name, e.g. `a-a-"),
            "{help}"
        );
        let (message, _) = check_id("tell\u{200B}me").unwrap_err();
        assert_eq!(
            message,
            "file name `tell\u{200B}me` holds U+200B ZERO WIDTH SPACE after \"tell\""
        );
    }

    #[test]
    fn decoding_rules() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\r\nx\r\n").unwrap(), "---\nx\n");
        let (pos, msg, _) = decode(b"ab\ncd\xFF").unwrap_err();
        assert_eq!(msg, "file is not valid UTF-8 text");
        assert_eq!(pos, Position::new(2, 3));
        assert_eq!(decode(b"a\0").unwrap_err().1, "file contains a NUL byte");
        assert_eq!(decode(b" \n").unwrap_err().1, "file is empty");
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(decode(&big).unwrap_err().1.contains("more than the limit"));
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        assert!(is_ignored(".q.md.swp"));
        assert!(is_ignored("q.md~"));
        assert!(is_ignored("#q.md#"));
        assert!(!is_ignored("q.md"));
    }
}
