//! The bytes of a build, captured when it succeeds. The server never opens a file at request
//! time, so nothing a path comes to name later (a symbolic link put in place of an asset, say)
//! can be served: only what a successful build read.

use std::io::{self, Read};
use std::path::Path;

use axum::body::Bytes;

use crate::artifact::{Contents, OutputFile};
use crate::diagnostic::{display_path, Diagnostic};

/// Every file of a build as bytes in memory; files copied from disk (assets, theme files) are
/// read now, inside `root` only and without following any symbolic link.
pub fn capture(root: &Path, files: Vec<OutputFile>) -> Result<Vec<(String, Bytes)>, String> {
    let mut out = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for f in files {
        let bytes = match f.contents {
            Contents::Owned(b) => Bytes::from(b),
            Contents::Embedded(b) => Bytes::from_static(b),
            Contents::Copy(src) => match read_inside(root, &src) {
                Ok(b) => Bytes::from(b),
                Err(e) => {
                    problems.push(read_problem(root, &src, &e).to_string());
                    continue;
                }
            },
        };
        out.push((f.path, bytes));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.join("\n"))
    }
}

fn read_problem(root: &Path, src: &Path, e: &io::Error) -> Diagnostic {
    match first_link(root, src) {
        Some(link) => Diagnostic::error(format!(
            "`{}` is a symbolic link, which prepbook does not follow",
            display_path(root, &link)
        ))
        .with_help("replace the link with the file or folder itself"),
        None => Diagnostic::error(format!("cannot read `{}`: {e}", display_path(root, src)))
            .with_help("check that the file exists and can be read"),
    }
}

/// The first symbolic link on the way from `root` to `path`, for the message.
fn first_link(root: &Path, path: &Path) -> Option<std::path::PathBuf> {
    let mut at = root.to_path_buf();
    for name in crate::fsio::names_inside(root, path).ok()? {
        at.push(name);
        if std::fs::symlink_metadata(&at)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return Some(at);
        }
    }
    None
}

/// The bytes of the regular file `path` inside `root`, opened without following any link.
fn read_inside(root: &Path, path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    crate::fsio::open_inside(root, path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn reads_files_inside_and_refuses_links_at_any_level() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        std::fs::create_dir_all(root.join("content/images")).unwrap();
        std::fs::write(root.join("content/images/a.svg"), "<svg/>").unwrap();
        assert_eq!(
            read_inside(&root, &root.join("content/images/a.svg")).unwrap(),
            b"<svg/>"
        );
        std::os::unix::fs::symlink(
            outside.path().join("secret"),
            root.join("content/images/b.svg"),
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/linked")).unwrap();
        for p in ["content/images/b.svg", "content/linked/secret"] {
            assert!(read_inside(&root, &root.join(p)).is_err(), "{p}");
        }
        assert!(read_inside(&root, &outside.path().join("secret")).is_err());
        assert!(read_inside(&root, &root.join("content/images")).is_err());
        assert!(read_inside(&root, &root.join("content/../content/images/a.svg")).is_err());
    }

    #[test]
    fn a_link_fails_the_capture_with_its_name() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("content/a.png")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("linked")).unwrap();
        let files = vec![
            OutputFile {
                path: "index.html".into(),
                contents: Contents::Owned(b"<p>".to_vec()),
                origin: "a test",
            },
            OutputFile {
                path: "a.png".into(),
                contents: Contents::Copy(root.join("content/a.png")),
                origin: "a test",
            },
            OutputFile {
                path: "b.txt".into(),
                contents: Contents::Copy(root.join("linked/passwd")),
                origin: "a test",
            },
        ];
        let e = capture(&root, files).unwrap_err();
        let lines: Vec<&str> = e.lines().filter(|l| l.starts_with("error")).collect();
        assert_eq!(
            lines,
            [
                "error: `content/a.png` is a symbolic link, which prepbook does not follow",
                "error: `linked` is a symbolic link, which prepbook does not follow"
            ],
            "{e}"
        );
    }
}
