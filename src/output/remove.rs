//! Removing a folder prepbook wrote, without ever deleting a `.git` inside it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::GIT;

/// Removes `dir` and everything in it, except any `.git` (file or folder, at any depth) and
/// the folders that lead to it. Symbolic links are removed, never followed.
///
/// Returns the repositories that were kept (then `dir` itself remains), or the first error.
pub fn remove_tree(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut kept = Vec::new();
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    let mut first_error = None;
    // Pre-order, so that a `.git` is skipped before anything inside it is listed.
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let git = e.file_name() == GIT;
            if git {
                kept.push(e.path().to_path_buf());
            }
            !git
        });
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_dir() => dirs.push(e.into_path()),
            Ok(e) => files.push(e.into_path()),
            Err(e) => {
                first_error.get_or_insert(io::Error::other(e.to_string()));
            }
        }
    }
    for f in &files {
        if let Err(e) = fs::remove_file(f) {
            first_error.get_or_insert(annotate(f, e));
        }
    }
    // Deepest first; a folder on the way to a kept repository stays.
    for d in dirs.iter().rev() {
        if kept.iter().any(|k| k.starts_with(d)) {
            continue;
        }
        if let Err(e) = fs::remove_dir(d) {
            first_error.get_or_insert(annotate(d, e));
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(kept),
    }
}

fn annotate(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot remove `{}`: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_everything_but_git_at_any_depth() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path().join("out");
        fs::create_dir_all(d.join("a/b/.git/objects")).unwrap();
        fs::write(d.join("a/b/.git/HEAD"), "ref").unwrap();
        fs::write(d.join("a/b/page.html"), "x").unwrap();
        fs::create_dir_all(d.join("c")).unwrap();
        fs::write(d.join("c/d.html"), "x").unwrap();
        std::os::unix::fs::symlink("/etc", d.join("link")).unwrap();
        let kept = remove_tree(&d).unwrap();
        assert_eq!(kept, vec![d.join("a/b/.git")]);
        assert!(d.join("a/b/.git/HEAD").is_file());
        assert!(!d.join("a/b/page.html").exists());
        assert!(!d.join("c").exists());
        assert!(fs::symlink_metadata(d.join("link")).is_err());
        assert!(Path::new("/etc").is_dir());
    }

    #[test]
    fn removes_a_folder_without_git_whole() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path().join("out");
        fs::create_dir_all(d.join("x/y")).unwrap();
        fs::write(d.join("x/y/z"), "x").unwrap();
        assert!(remove_tree(&d).unwrap().is_empty());
        assert!(!d.exists());
    }
}
