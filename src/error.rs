//! The errors a command can end with: invalid input (every problem at once), a refused
//! output folder, or a file-system failure naming its path.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The handbook has problems; nothing was written.
    #[error("{}", InvalidSummary(.0))]
    Invalid(Diagnostics),
    /// The output folder is unsafe to replace; nothing was written.
    #[error("refusing to write the handbook to `{}`: {reason}\n  help: {help}", path.display())]
    Refused {
        path: PathBuf,
        reason: String,
        help: String,
    },
    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A fault of prepbook itself or of a theme, not of the content.
    #[error(
        "internal error: {0}\n  help: this is a bug in prepbook or its theme: please report it"
    )]
    Internal(String),
    /// Ctrl-C or SIGTERM during a write; the unfinished output was removed.
    #[error("interrupted; the previous output is unchanged")]
    Interrupted,
    /// A command-level problem that is not tied to a file.
    #[error("{message}\n  help: {help}")]
    Usage { message: String, help: String },
}

impl Error {
    /// The error with the files of its problems named from the folder the command was run in.
    pub fn seen_from(self, dir: &Path) -> Error {
        match self {
            Error::Invalid(d) => Error::Invalid(d.seen_from(dir)),
            other => other,
        }
    }

    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

struct InvalidSummary<'a>(&'a Diagnostics);

impl fmt::Display for InvalidSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let n = self.0.error_count();
        write!(
            f,
            "error: {n} problem{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}
