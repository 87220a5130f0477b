//! What one walk of the content folder read, kept so that the next walk (the dev server's,
//! after a save) reads again only the files that changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::SourceFile;
use crate::diagnostic::Diagnostic;

/// What a file looked like when it was read: if any of it differs, the file is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

impl Stamp {
    pub(super) fn of(meta: &std::fs::Metadata) -> Stamp {
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

/// The files the last walk read without a problem, by path, with the stamp they were read at.
/// Problems are not kept: a file that could not be read is always tried again.
#[derive(Default)]
pub struct ReadCache {
    pub(super) files: HashMap<PathBuf, (Stamp, Arc<SourceFile>)>,
    /// Paths the watcher saw change: read again whatever their stamp says, for file systems
    /// whose modification times are too coarse to tell two saves in the same second apart.
    pub(super) changed: HashSet<PathBuf>,
}

impl ReadCache {
    /// Marks paths as changed, so that the next walk reads them again.
    pub fn mark_changed<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.changed
            .extend(paths.into_iter().map(Path::to_path_buf));
    }

    /// The earlier read of `path`, when the file still has the same stamp.
    pub(super) fn reuse(
        &self,
        path: &Path,
        stamp: Stamp,
    ) -> Option<Result<Arc<SourceFile>, Diagnostic>> {
        if self.changed.contains(path) {
            return None;
        }
        match self.files.get(path) {
            Some((s, read)) if *s == stamp => Some(Ok(read.clone())),
            _ => None,
        }
    }
}
