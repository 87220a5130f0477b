//! The only place that writes the built handbook: output-folder rules, a staging folder
//! beside the output, then a swap, so a failed build leaves the previous output untouched.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::render::{Contents, OutputFile};

/// The file that marks a folder as prepbook's output, safe to replace.
pub const MARKER: &str = ".prepbook-output";
const MARKER_TEXT: &str =
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

fn refuse(path: &Path, reason: impl Into<String>, help: impl Into<String>) -> Error {
    Error::Refused {
        path: path.to_path_buf(),
        reason: reason.into(),
        help: help.into(),
    }
}

/// Checks that the output folder is safe to replace, and returns its resolved path.
pub fn check_destination(d: &Destination<'_>) -> Result<PathBuf, Error> {
    let out = resolve(d.output)?;
    let root = resolve(d.root)?;
    if out.parent().is_none() {
        return Err(refuse(
            &out,
            "it is the file system root",
            "choose an output folder such as `book`",
        ));
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
        if resolve(&home).is_ok_and(|h| h == out) {
            return Err(refuse(
                &out,
                "it is your home folder",
                "choose an output folder such as `book`",
            ));
        }
    }
    for p in d.protected {
        let p = resolve(p)?;
        if out.starts_with(&p) || p.starts_with(&out) {
            return Err(refuse(
                &out,
                format!(
                    "it is or overlaps `{}`, which holds the handbook's sources",
                    p.display()
                ),
                "choose a folder outside content/ and themes/, such as `book`",
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
    if out.join(MARKER).is_file() {
        return Ok(out);
    }
    let mut entries = fs::read_dir(&out).map_err(|e| Error::io("cannot read folder", &out, e))?;
    if entries.next().is_none() {
        return Ok(out);
    }
    if out.join(".git").exists() {
        return Err(refuse(
            &out,
            "it holds a `.git` folder, which prepbook will never replace",
            "choose another output folder",
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

/// What was written.
#[derive(Debug, Clone, Copy)]
pub struct WriteReport {
    pub files: usize,
    pub bytes: u64,
}

/// Writes `files` into a fresh staging folder beside `out`, then swaps it into place.
/// `out` must have passed [`check_destination`].
pub fn write(out: &Path, files: &[OutputFile]) -> Result<WriteReport, Error> {
    for f in files {
        if !check_relative(&f.path) {
            return Err(refuse(
                &out.join(&f.path),
                "the path leaves the output folder",
                "this is a bug in prepbook or a theme: report it",
            ));
        }
    }
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    fs::create_dir_all(parent).map_err(|e| Error::io("cannot create folder", parent, e))?;
    remove_leftovers(parent, &name);
    let tag = format!("{}-{}", std::process::id(), unique());
    let staging = parent.join(format!(".{name}.prepbook-staging-{tag}"));
    let result = fill(&staging, files);
    let bytes = match result {
        Ok(b) => b,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if let Err(e) = swap(&staging, out, parent, &name, &tag) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    Ok(WriteReport {
        files: files.len(),
        bytes,
    })
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Removes staging or old folders that an interrupted build left beside the output.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}.prepbook-staging-"),
        format!(".{name}.prepbook-old-"),
    ];
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().to_string();
        let ours = prefixes.iter().any(|p| file_name.starts_with(p.as_str()));
        let path = e.path();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if ours && is_dir && path.join(MARKER).is_file() {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Writes every file into `dir`, which must not exist yet. Returns the bytes written.
fn fill(dir: &Path, files: &[OutputFile]) -> Result<u64, Error> {
    fs::create_dir(dir).map_err(|e| Error::io("cannot create folder", dir, e))?;
    fs::write(dir.join(MARKER), MARKER_TEXT)
        .map_err(|e| Error::io("cannot write", &dir.join(MARKER), e))?;
    let folders: BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.path.rfind('/').map(|i| &f.path[..i]))
        .collect();
    for folder in folders {
        let p = dir.join(folder);
        fs::create_dir_all(&p).map_err(|e| Error::io("cannot create folder", &p, e))?;
    }
    crate::fsio::io_pool().install(|| {
        files
            .par_iter()
            .map(|f| {
                let target = dir.join(&f.path);
                match &f.contents {
                    Contents::Owned(b) => fs::write(&target, b).map(|_| b.len() as u64),
                    Contents::Embedded(b) => fs::write(&target, b).map(|_| b.len() as u64),
                    Contents::Copy(src) => fs::copy(src, &target),
                }
                .map_err(|e| Error::io("cannot write", &target, e))
            })
            .try_reduce(|| 0, |a, b| Ok(a + b))
    })
}

/// Moves the staging folder into place; the previous output is removed only once that worked.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str, tag: &str) -> Result<(), Error> {
    if fs::symlink_metadata(out).is_err() {
        return fs::rename(staging, out)
            .map_err(|e| Error::io("cannot move the new output into", out, e));
    }
    let old = parent.join(format!(".{name}.prepbook-old-{tag}"));
    fs::rename(out, &old)
        .map_err(|e| Error::io("cannot move the previous output aside", out, e))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(Error::io("cannot move the new output into", out, e));
    }
    // Mark the old folder as ours, so a leftover is cleaned up by the next build.
    let _ = fs::write(old.join(MARKER), MARKER_TEXT);
    fs::remove_dir_all(&old).map_err(|e| Error::io("cannot remove the previous output", &old, e))
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
