//! Writing the output: a lock against a concurrent build, a staging folder beside the output,
//! a permission check, then the swap; a `.git` in the output is carried into the new one.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{check_relative, refuse, remove_tree, GIT, MARKER, MARKER_TEXT};
use crate::artifact::{Contents, OutputFile};
use crate::error::Error;
use crate::interrupt;

/// What was written.
#[derive(Debug, Clone)]
pub struct WriteReport {
    pub files: usize,
    pub bytes: u64,
    /// The previous output, when it could not be removed after the swap (the new output is
    /// complete; the next build removes it).
    pub leftover: Option<(PathBuf, String)>,
}

impl WriteReport {
    /// A warning about a previous output that could not be removed, if there is one.
    pub fn leftover_warning(&self, out: &Path) -> Option<crate::diagnostic::Diagnostic> {
        self.leftover.as_ref().map(|(old, why)| {
            crate::diagnostic::Diagnostic::warning(format!(
                "the new output in `{}` is complete, but the previous output could not be \
                 removed from `{}`: {why}",
                out.display(),
                old.display()
            ))
            .with_help("the next build removes it; or remove it by hand")
        })
    }
}

/// Writes `files` into a fresh staging folder beside `out`, then swaps it into place.
/// `out` must have passed [`check_destination`](super::check_destination).
pub fn write(out: &Path, files: &[OutputFile]) -> Result<WriteReport, Error> {
    let mut seen = HashMap::with_capacity(files.len());
    check_paths(out, files, &mut seen)?;
    let mut staging = Staging::begin(out)?;
    staging.seen = seen;
    staging.fill(files)?;
    staging.finish()
}

/// An output being written: a staging folder beside it, filled as the files come, then swapped
/// into place by [`Staging::finish`]. Dropped unfinished (an error, Ctrl-C), it removes the
/// staging folder and the previous output stays as it was. The lock on the output's parent is
/// held throughout.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    tag: String,
    /// Lower-cased paths written so far, with the path as written and what wrote it.
    seen: HashMap<String, (String, String)>,
    folders: BTreeSet<String>,
    files: usize,
    bytes: u64,
    finished: bool,
    _busy: interrupt::Busy,
    _lock: fs::File,
}

impl Staging {
    /// Takes the lock, removes what a killed build left, checks that the output can be
    /// replaced, and creates the empty staging folder with its marker.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = out
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        fs::create_dir_all(&parent).map_err(|e| Error::io("cannot create folder", &parent, e))?;
        let lock = lock(&parent, out)?;
        let busy = interrupt::Busy::enter();
        remove_leftovers(&parent, &name);
        check_writable(&parent, out)?;
        let tag = format!("{}-{}", std::process::id(), unique());
        let dir = parent.join(format!(".{name}.prepbook-staging-{tag}"));
        fs::create_dir(&dir).map_err(|e| Error::io("cannot create folder", &dir, e))?;
        let staging = Staging {
            dir,
            out: out.to_path_buf(),
            parent,
            name,
            tag,
            seen: HashMap::new(),
            folders: BTreeSet::new(),
            files: 0,
            bytes: 0,
            finished: false,
            _busy: busy,
            _lock: lock,
        };
        fs::write(staging.dir.join(MARKER), MARKER_TEXT)
            .map_err(|e| Error::io("cannot write", &staging.dir.join(MARKER), e))?;
        Ok(staging)
    }

    /// Checks and writes `files` into the staging folder; their bytes can go once it returns.
    pub fn put(&mut self, files: &[OutputFile]) -> Result<(), Error> {
        check_paths(&self.out, files, &mut self.seen)?;
        self.fill(files)
    }

    fn fill(&mut self, files: &[OutputFile]) -> Result<(), Error> {
        if interrupt::requested() {
            return Err(Error::Interrupted);
        }
        for folder in files
            .iter()
            .filter_map(|f| f.path.rfind('/').map(|i| &f.path[..i]))
        {
            if !self.folders.contains(folder) {
                let p = self.dir.join(folder);
                fs::create_dir_all(&p).map_err(|e| Error::io("cannot create folder", &p, e))?;
                self.folders.insert(folder.to_string());
            }
        }
        self.bytes += fill(&self.dir, files)?;
        self.files += files.len();
        Ok(())
    }

    /// Moves the complete staging folder into place.
    pub fn finish(mut self) -> Result<WriteReport, Error> {
        if interrupt::requested() {
            return Err(Error::Interrupted);
        }
        let leftover = swap(&self.dir, &self.out, &self.parent, &self.name, &self.tag)?;
        self.finished = true;
        Ok(WriteReport {
            files: self.files,
            bytes: self.bytes,
            leftover,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Every path stays inside the output, and no two files share one: two writers of one path
/// would race and could leave a mix of both. `seen` holds the paths of earlier batches.
fn check_paths(
    out: &Path,
    files: &[OutputFile],
    seen: &mut HashMap<String, (String, String)>,
) -> Result<(), Error> {
    for f in files {
        if !check_relative(&f.path) {
            return Err(refuse(
                &out.join(&f.path),
                "the path leaves the output folder",
                "this is a bug in prepbook or a theme: report it",
            ));
        }
        if f.path == MARKER || f.path == GIT || f.path.starts_with(".git/") {
            return Err(Error::Internal(format!(
                "an output may not be written to `{}` ({})",
                f.path,
                f.origin()
            )));
        }
        // Case-insensitive file systems would merge paths that differ only in case.
        if let Some((path, origin)) =
            seen.insert(f.path.to_lowercase(), (f.path.clone(), f.origin()))
        {
            return Err(Error::Internal(format!(
                "two outputs for one path: `{path}` ({origin}) and `{}` ({})",
                f.path,
                f.origin()
            )));
        }
    }
    Ok(())
}

/// Holds an exclusive lock on the output's parent folder for the whole write, so that two
/// builds into one output take turns instead of deleting each other's staging folder. The
/// lock ends with the process, however it ends.
fn lock(parent: &Path, out: &Path) -> Result<fs::File, Error> {
    let dir = fs::File::open(parent).map_err(|e| Error::io("cannot open folder", parent, e))?;
    match dir.try_lock() {
        Ok(()) => Ok(dir),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another prepbook command writing beside `{}` to finish",
                out.display()
            );
            dir.lock()
                .map_err(|e| Error::io("cannot lock folder", parent, e))?;
            Ok(dir)
        }
        Err(fs::TryLockError::Error(e)) => Err(Error::io("cannot lock folder", parent, e)),
    }
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Removes staging or old folders that a killed build left beside the output. Only called
/// under the lock, so none of them belongs to a build still running.
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
            let _ = remove_tree(&path);
        }
    }
}

/// Refuses, before anything moves, an output whose previous contents could not be removed
/// (a read-only folder anywhere in it) or a parent where the new output cannot be created.
fn check_writable(parent: &Path, out: &Path) -> Result<(), Error> {
    if !writable(parent) {
        return Err(refuse(
            out,
            format!("its folder `{}` is read-only", parent.display()),
            "make that folder writable, or choose another output folder",
        ));
    }
    if fs::symlink_metadata(out).is_err() {
        return Ok(());
    }
    let walk = walkdir::WalkDir::new(out)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == GIT));
    for entry in walk.flatten() {
        if entry.file_type().is_dir() && !writable(entry.path()) {
            return Err(refuse(
                out,
                format!(
                    "`{}` is read-only, so the previous output cannot be replaced",
                    entry.path().display()
                ),
                format!(
                    "make it writable (`chmod -R u+w {}`), or choose another output folder",
                    out.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Whether this process may create and remove entries in folder `dir`.
fn writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}

/// Writes every file into `dir`, whose folders exist. Returns the bytes written.
fn fill(dir: &Path, files: &[OutputFile]) -> Result<u64, Error> {
    crate::fsio::io_pool().install(|| {
        files
            .par_iter()
            .map(|f| {
                if interrupt::requested() {
                    return Err(Error::Interrupted);
                }
                let target = dir.join(&f.path);
                match &f.contents {
                    Contents::Owned(b) => fs::write(&target, b).map(|_| b.len() as u64),
                    Contents::Embedded(b) => fs::write(&target, b).map(|_| b.len() as u64),
                    Contents::Copy(src) => copy_no_follow(src, &target),
                }
                .map_err(|e| Error::io("cannot write", &target, e))
            })
            .try_reduce(|| 0, |a, b| Ok(a + b))
    })
}

/// Copies `src` to `target`, refusing to follow `src` if it became a symbolic link (or
/// something else than a file) since the content was read.
fn copy_no_follow(src: &Path, target: &Path) -> io::Result<u64> {
    let mut from = crate::fsio::open_inside(src.parent().unwrap_or(Path::new("/")), src)?;
    let mut to = fs::File::create(target)?;
    io::copy(&mut from, &mut to)
}

/// Moves the staging folder into place, carrying a `.git` of the previous output into it; the
/// previous output is removed only once that worked. Returns the previous output's folder if
/// it could not be removed.
fn swap(
    staging: &Path,
    out: &Path,
    parent: &Path,
    name: &str,
    tag: &str,
) -> Result<Option<(PathBuf, String)>, Error> {
    if fs::symlink_metadata(out).is_err() {
        fs::rename(staging, out)
            .map_err(|e| Error::io("cannot move the new output into", out, e))?;
        return Ok(None);
    }
    let git = out.join(GIT);
    let carried = fs::symlink_metadata(&git).is_ok();
    if carried {
        fs::rename(&git, staging.join(GIT))
            .map_err(|e| Error::io("cannot carry the repository over from", &git, e))?;
    }
    let put_git_back = || {
        if carried {
            let _ = fs::rename(staging.join(GIT), &git);
        }
    };
    let old = parent.join(format!(".{name}.prepbook-old-{tag}"));
    if let Err(e) = fs::rename(out, &old) {
        put_git_back();
        return Err(Error::io("cannot move the previous output aside", out, e));
    }
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        put_git_back();
        return Err(Error::io("cannot move the new output into", out, e));
    }
    // Mark the old folder as ours, so a leftover is cleaned up by the next build.
    let _ = fs::write(old.join(MARKER), MARKER_TEXT);
    match remove_tree(&old) {
        Ok(kept) if kept.is_empty() => Ok(None),
        Ok(kept) => Ok(Some((
            old,
            format!("it holds the repository `{}`", kept[0].display()),
        ))),
        Err(e) => Ok(Some((old, e.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, origin: &'static str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Owned(b"x".to_vec()),
            origin,
        }
    }

    #[test]
    fn two_outputs_for_one_path_are_refused_naming_both() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("book");
        let files = [
            file("practice.html", "page.html"),
            file("a.html", "page.html"),
            file("Practice.html", "practice.html"),
        ];
        let e = write(&out, &files).unwrap_err().to_string();
        assert!(e.contains("`practice.html` (template `page.html`)"), "{e}");
        assert!(
            e.contains("`Practice.html` (template `practice.html`)"),
            "{e}"
        );
        assert!(!out.exists(), "nothing is written");
    }

    #[test]
    fn batches_are_checked_against_each_other_and_an_unfinished_staging_goes() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("book");
        let mut staging = Staging::begin(&out).unwrap();
        staging.put(&[file("a.html", "page.html")]).unwrap();
        let e = staging
            .put(&[file("A.html", "question.html")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("`a.html` (template `page.html`)"), "{e}");
        drop(staging);
        let left: Vec<_> = fs::read_dir(t.path()).unwrap().flatten().collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }

    #[test]
    fn nothing_is_written_over_the_marker_or_into_git() {
        let t = tempfile::tempdir().unwrap();
        for path in [MARKER, ".git", ".git/config"] {
            let e = write(&t.path().join("out"), &[file(path, "a test")]).unwrap_err();
            assert!(matches!(e, Error::Internal(_)), "{path}: {e}");
        }
    }
}
