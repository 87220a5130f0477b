//! Shared helpers: run the binary, copy fixtures to temporary folders, read trees of files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// True when expected files should be rewritten instead of compared.
pub fn bless() -> bool {
    std::env::var_os("PREPBOOK_BLESS").is_some()
}

/// Runs `prepbook` with `args` in `cwd`.
pub fn prepbook(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prepbook"))
        .args(args)
        .current_dir(cwd)
        .env_remove("PREPBOOK_BLESS")
        .output()
        .expect("the prepbook binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Copies a folder recursively (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of fixture `group/name`, without its expected output.
pub fn fixture_copy(group: &str, name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixtures().join(group).join(name);
    for entry in std::fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        let file_name = entry.file_name();
        let n = file_name.to_string_lossy();
        if n == "expected" || n == "expected-error.txt" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &tmp.path().join(&file_name));
        } else {
            std::fs::copy(entry.path(), tmp.path().join(&file_name)).unwrap();
        }
    }
    tmp
}

/// Every file under `dir` with its bytes, keyed by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// Builds the handbook in `dir` into `dir/book`, asserting success.
pub fn build_ok(dir: &Path) -> PathBuf {
    let o = prepbook(dir, &["build"]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    dir.join("book")
}

/// Writes the EPUB of the handbook at `dir` and returns everything in it that reads as text,
/// as one string.
pub fn epub_text(dir: &Path) -> String {
    use std::io::Read;
    let o = prepbook(dir, &["epub"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(dir.join("epub/handbook.epub")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut s = String::new();
        if z.by_index(i).unwrap().read_to_string(&mut s).is_ok() {
            all.push_str(&s);
        }
    }
    all
}
