//! Watching the handbook for changes: a pure classification of changed paths, and the
//! watcher that feeds the rebuild loop.

use std::path::{Path, PathBuf};

/// What a batch of file-system events means for the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing the handbook is built from (editor leftovers, the output, target/, .git).
    Ignore,
    Content,
    Theme,
    /// `book.toml`: rebuild, and watch the content folder it names.
    Config,
}

/// The folders and file a handbook is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub root: PathBuf,
    pub config: PathBuf,
    pub content: PathBuf,
    pub themes: PathBuf,
}

/// True for names editors and systems write on the side: swap and backup files, lock files,
/// and the temporary files of a rename-on-save (whose final rename is reported on its own).
pub fn is_editor_leftover(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// True for events that can change what a build reads. Reads are reported too (a build
/// opens every file), and acting on them would rebuild forever.
pub fn is_change(kind: &notify::EventKind) -> bool {
    !matches!(kind, notify::EventKind::Access(_))
}

/// Classifies the paths of one batch of events; the strongest change wins.
pub fn classify<'a>(paths: impl IntoIterator<Item = &'a Path>, s: &Sources) -> Change {
    let mut change = Change::Ignore;
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let c = if p == s.config {
            Change::Config
        } else if is_editor_leftover(&name) {
            Change::Ignore
        } else if p.starts_with(&s.content) {
            Change::Content
        } else if p.starts_with(&s.themes) {
            Change::Theme
        } else if p != s.root && s.content.starts_with(p) {
            // A folder holding the content folder, renamed or removed.
            Change::Content
        } else if p != s.root && s.themes.starts_with(p) {
            Change::Theme
        } else {
            Change::Ignore
        };
        change = change.max(c);
    }
    change
}

/// True when the content or themes folder itself (or a folder holding it) was created,
/// renamed or removed. A watch follows the folder, not its path: after `mv content x;
/// mv x content`, or a new folder put in its place, the path must be watched again.
pub fn replaces_a_source<'a>(paths: impl IntoIterator<Item = &'a Path>, s: &Sources) -> bool {
    paths
        .into_iter()
        .any(|p| p != s.root && (s.content.starts_with(p) || s.themes.starts_with(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        Sources {
            root: "/h".into(),
            config: "/h/book.toml".into(),
            content: "/h/content".into(),
            themes: "/h/themes".into(),
        }
    }

    fn c(paths: &[&str]) -> Change {
        classify(paths.iter().map(Path::new), &sources())
    }

    #[test]
    fn sources_trigger_rebuilds() {
        assert_eq!(c(&["/h/content/questions/q.md"]), Change::Content);
        assert_eq!(c(&["/h/content/questions"]), Change::Content);
        assert_eq!(c(&["/h/themes/default/templates/base.html"]), Change::Theme);
        assert_eq!(c(&["/h/book.toml"]), Change::Config);
        assert_eq!(c(&["/h/content/a.md", "/h/book.toml"]), Change::Config);
    }

    #[test]
    fn leftovers_and_outputs_are_ignored() {
        for p in [
            "/h/content/questions/.q.md.swp",
            "/h/content/questions/q.md~",
            "/h/content/questions/#q.md#",
            "/h/content/questions/4913",
            "/h/content/.goutputstream-XYZ",
            "/h/book/index.html",
            "/h/target/debug/x",
            "/h/.git/index",
            "/h/notes.txt",
        ] {
            assert_eq!(c(&[p]), Change::Ignore, "{p}");
        }
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode,
        };
        use notify::EventKind;
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::Folder)));
    }

    #[test]
    fn replacing_a_source_folder_is_seen() {
        let s = Sources {
            content: "/h/src/content".into(),
            ..sources()
        };
        let r = |p: &str| replaces_a_source([Path::new(p)], &s);
        assert!(r("/h/src/content"));
        assert!(r("/h/src"));
        assert!(r("/h/themes"));
        assert!(!r("/h"));
        assert!(!r("/h/src/content/principles"));
        assert!(!r("/h/src/content/principles/a.md"));
        assert!(!r("/h/themes/default/templates/base.html"));
        assert!(!r("/h/content-aside"));
        assert_eq!(classify([Path::new("/h/src")], &s), Change::Content);
        assert_eq!(classify([Path::new("/h/src-aside")], &s), Change::Ignore);
    }

    #[test]
    fn a_rename_on_save_counts_by_its_final_name() {
        assert_eq!(
            c(&[
                "/h/content/questions/.q.md.tmp",
                "/h/content/questions/q.md"
            ]),
            Change::Content
        );
    }
}
