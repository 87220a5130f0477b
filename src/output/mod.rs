//! The only place that writes the built handbook: output-folder rules (here), a staging folder
//! beside the output, then a swap (`write`), so a failed build leaves the previous output
//! untouched; removal that never touches a `.git` (`remove`).

mod remove;
mod write;

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

pub use remove::remove_tree;
pub use write::{write, Staging, WriteReport};

/// The file that marks a folder as prepbook's output, safe to replace.
pub const MARKER: &str = ".prepbook-output";
pub(crate) const MARKER_TEXT: &str =
    "This folder was written by prepbook; `prepbook build` replaces it whole.\n";

/// Where the output may go, and what must never be written into or over.
pub struct Destination<'a> {
    pub output: &'a Path,
    pub root: &'a Path,
    /// Folders the output must not be inside of (content, themes).
    pub protected: &'a [PathBuf],
    pub force: bool,
}

/// `p` made absolute and free of `.` and `..`, with symbolic links in existing ancestors resolved.
pub fn resolve(p: &Path) -> Result<PathBuf, Error> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("cannot read the current folder", Path::new("."), e))?
            .join(p)
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    // Canonicalize the longest existing ancestor; keep the rest as written.
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while fs::symlink_metadata(&existing).is_err() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    // The output itself may be a symbolic link: do not resolve the last component.
    let (base, last) = if rest.is_empty() {
        (
            existing.parent().map(Path::to_path_buf),
            existing.file_name().map(|n| n.to_os_string()),
        )
    } else {
        (Some(existing.clone()), None)
    };
    let mut out = match base {
        Some(b) => fs::canonicalize(&b).unwrap_or(b),
        None => return Ok(lexical),
    };
    if let Some(l) = last {
        out.push(l);
    }
    for name in rest.iter().rev() {
        out.push(name);
    }
    Ok(out)
}

pub(crate) fn refuse(path: &Path, reason: impl Into<String>, help: impl Into<String>) -> Error {
    Error::Refused {
        path: path.to_path_buf(),
        reason: reason.into(),
        help: help.into(),
    }
}

/// Folders of the operating system that are never an output folder.
const SYSTEM: &[&str] = &[
    "/bin",
    "/boot",
    "/dev",
    "/dev/shm",
    "/etc",
    "/home",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/media",
    "/mnt",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/srv",
    "/sys",
    "/tmp",
    "/usr",
    "/var",
    "/usr/bin",
    "/usr/lib",
    "/usr/local",
    "/usr/sbin",
    "/usr/share",
    "/var/lib",
    "/var/log",
    "/var/tmp",
    "/var/www",
    "/Applications",
    "/Library",
    "/System",
    "/Users",
    "/Volumes",
    "/private",
];
/// Folders of the operating system that nothing is ever written inside of (`/dev/shm`, a RAM
/// disk, is allowed below its top).
const SYSTEM_TREES: &[&str] = &[
    "/bin",
    "/boot",
    "/etc",
    "/lib",
    "/lib32",
    "/lib64",
    "/proc",
    "/sbin",
    "/sys",
    "/usr/bin",
    "/usr/lib",
    "/usr/sbin",
    "/System",
];

/// The name of a git repository's folder (or, in a worktree, file): never deleted.
pub const GIT: &str = ".git";

/// Checks that the output folder is safe to replace, and returns its resolved path.
///
/// A `.git` directly inside the output (a `gh-pages` repository) is kept in place by
/// [`write`]; one deeper down cannot be, so such a folder is refused.
pub fn check_destination(d: &Destination<'_>) -> Result<PathBuf, Error> {
    let out = resolve(d.output)?;
    let root = resolve(d.root)?;
    let choose = "choose an output folder such as `book`";
    if out.parent().is_none() {
        return Err(refuse(&out, "it is the file system root", choose));
    }
    if root.starts_with(&out) {
        return Err(refuse(
            &out,
            if root == out {
                "it is the handbook's own folder".to_string()
            } else {
                "it contains the handbook".to_string()
            },
            "choose a folder inside or beside the handbook, such as `book`",
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if let Ok(home) = resolve(&home) {
            if home.starts_with(&out) && home.parent().is_some() {
                let reason = if home == out {
                    "it is your home folder"
                } else {
                    "it contains your home folder"
                };
                return Err(refuse(&out, reason, choose));
            }
        }
    }
    if SYSTEM.iter().any(|s| out == Path::new(s)) || SYSTEM_TREES.iter().any(|s| out.starts_with(s))
    {
        return Err(refuse(
            &out,
            "it is a folder of the operating system",
            choose,
        ));
    }
    for p in d.protected {
        let p = resolve(p)?;
        if out.starts_with(&p) || p.starts_with(&out) {
            return Err(refuse(
                &out,
                format!(
                    "it is or overlaps `{}`, which holds the handbook's sources or its site",
                    p.display()
                ),
                "choose a folder outside the content, themes and site folders",
            ));
        }
    }
    let meta = match fs::symlink_metadata(&out) {
        Ok(m) => m,
        Err(_) => return Ok(out),
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(
            &out,
            "it is a symbolic link",
            "point the output at a real folder, or remove the link",
        ));
    }
    if !meta.is_dir() {
        return Err(refuse(
            &out,
            "it is a file, not a folder",
            "remove the file or choose another output folder",
        ));
    }
    if let Some(nested) = nested_git(&out) {
        return Err(refuse(
            &out,
            format!(
                "it holds the git repository `{}`, which prepbook never deletes",
                nested.display()
            ),
            "move that repository out of the output folder, or choose another output folder \
             (a `.git` directly inside the output is kept in place)",
        ));
    }
    if out.join(MARKER).is_file() {
        return Ok(out);
    }
    let entries = fs::read_dir(&out).map_err(|e| Error::io("cannot read folder", &out, e))?;
    let mut others = entries
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != GIT);
    if others.next().is_none() {
        // Empty, or only a repository (a fresh `gh-pages` clone): its `.git` is kept.
        return Ok(out);
    }
    if out.join(GIT).exists() {
        return Err(refuse(
            &out,
            "it holds a git repository and files that prepbook did not write",
            "build into an empty folder (or one holding only `.git`), or choose another one",
        ));
    }
    if !d.force {
        return Err(refuse(
            &out,
            "it is not empty and was not written by prepbook",
            "empty it, choose another folder, or pass `--force` to replace its contents",
        ));
    }
    Ok(out)
}

/// The first `.git` below the top level of `dir`, if any; symbolic links are not followed.
fn nested_git(dir: &Path) -> Option<PathBuf> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == GIT))
        .flatten()
        .find(|e| e.depth() > 1 && e.file_name() == GIT)
        .map(|e| e.into_path())
}

/// Checks that an output path stays inside the output folder.
pub fn check_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && !path.contains(':')
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_output_paths() {
        assert!(check_relative("principles/a.html"));
        for bad in [
            "", "/abs", "../x", "a/../b", "a\\b", "c:x", "a//b", "a\0b", "./a",
        ] {
            assert!(!check_relative(bad), "{bad:?} accepted");
        }
    }

    #[test]
    fn resolve_removes_dots() {
        let r = resolve(Path::new("/tmp/../tmp/./x-prepbook-test-missing/y")).unwrap();
        assert!(r.ends_with("x-prepbook-test-missing/y"));
        assert!(!r.to_string_lossy().contains(".."));
    }
}
