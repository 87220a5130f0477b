//! What one discovery of the content folder found and read, kept so that the next (the dev
//! server's, after a save) looks at and reads again only what changed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file looked like when it was read: if any of it differs, the file is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: meta.ino(),
        }
    }
}

/// The last walk's entries with the files it read, and what has changed since.
#[derive(Default)]
pub struct ReadCache {
    /// The content folder the entries are of; `None` before the first walk.
    pub(super) walked: Option<PathBuf>,
    pub(super) entries: super::walk::Entries,
    /// Paths the watcher saw change since the last walk or update.
    pub(super) changed: HashSet<PathBuf>,
    /// Set when the watcher may have missed changes: the next discovery walks everything.
    pub(super) walk_again: bool,
}

impl ReadCache {
    /// Marks paths as changed: the next discovery looks at them (and reads them) again, even
    /// on file systems whose times are too coarse to tell two saves in one second apart.
    pub fn mark_changed<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.changed
            .extend(paths.into_iter().map(Path::to_path_buf));
    }

    /// Makes the next discovery walk the whole content folder (the watcher lost events).
    pub fn walk_again(&mut self) {
        self.walk_again = true;
    }
}
