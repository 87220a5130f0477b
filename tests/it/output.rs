//! The output folder: atomic replacement, and every folder prepbook must refuse to write.

use std::path::Path;

use crate::harness::*;

fn handbook() -> tempfile::TempDir {
    fixture_copy("valid", "full")
}

/// Runs `prepbook build -o <out>` and asserts it is refused with `reason`.
fn assert_refused(dir: &Path, out: &str, reason: &str) {
    let before = read_tree(dir);
    let o = prepbook(dir, &["build", "-o", out]);
    assert!(!o.status.success(), "building into {out} was not refused");
    let err = stderr(&o);
    assert!(err.contains("refusing to write the handbook"), "{err}");
    assert!(err.contains(reason), "expected {reason:?} in:\n{err}");
    assert_eq!(read_tree(dir), before, "refusing {out} changed files");
}

#[test]
fn failed_build_leaves_previous_output_byte_identical() {
    let tmp = handbook();
    let out = build_ok(tmp.path());
    let before = read_tree(&out);
    assert!(before.contains_key(".prepbook-output"));
    std::fs::write(
        tmp.path().join("content/questions/q2.md"),
        "---\nquestion: x\nprinciples: [nope]\n---\n",
    )
    .unwrap();
    let o = prepbook(tmp.path(), &["build"]);
    assert!(!o.status.success());
    assert_eq!(read_tree(&out), before);
}

#[test]
fn template_error_leaves_previous_output_byte_identical() {
    let tmp = handbook();
    let out = build_ok(tmp.path());
    let before = read_tree(&out);
    // Valid syntax, but fails while rendering question pages only.
    let dir = tmp.path().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("question.html"),
        "{% extends \"base.html\" %}{% block content %}{{ page.no_such_field.deeper }}{% endblock content %}",
    )
    .unwrap();
    let o = prepbook(tmp.path(), &["build"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("question.html"), "{err}");
    assert_eq!(
        err.matches("error: cannot render").count(),
        1,
        "one report per template fault:\n{err}"
    );
    assert_eq!(read_tree(&out), before);
}

#[test]
fn rebuild_replaces_output_and_removes_stale_files() {
    let tmp = handbook();
    let out = build_ok(tmp.path());
    assert!(out.join("questions/q2.html").is_file());
    std::fs::remove_file(tmp.path().join("content/answers/q2-spsil.md")).unwrap();
    std::fs::remove_file(tmp.path().join("content/questions/q2.md")).unwrap();
    build_ok(tmp.path());
    assert!(!out.join("questions/q2.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".prepbook-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refuses_the_handbook_folder() {
    let tmp = handbook();
    assert_refused(tmp.path(), ".", "it is the handbook's own folder");
}

#[test]
fn refuses_a_folder_containing_the_handbook() {
    let tmp = handbook();
    assert_refused(tmp.path(), "..", "it contains the handbook");
}

#[test]
fn refuses_the_file_system_root() {
    let tmp = handbook();
    assert_refused(tmp.path(), "/", "it is the file system root");
}

#[test]
fn refuses_the_content_folder() {
    let tmp = handbook();
    assert_refused(tmp.path(), "content", "holds the handbook's sources");
    assert_refused(tmp.path(), "content/out", "holds the handbook's sources");
}

#[test]
fn refuses_the_theme_folder() {
    let tmp = handbook();
    std::fs::create_dir_all(tmp.path().join("themes/default")).unwrap();
    assert_refused(tmp.path(), "themes", "holds the handbook's sources");
}

#[test]
fn refuses_the_output_setting_pointing_at_the_handbook() {
    let tmp = handbook();
    let toml = std::fs::read_to_string(tmp.path().join("book.toml")).unwrap();
    std::fs::write(
        tmp.path().join("book.toml"),
        format!("{toml}\n[build]\noutput = \".\"\n"),
    )
    .unwrap();
    let before = read_tree(tmp.path());
    let o = prepbook(tmp.path(), &["build"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("it is the handbook's own folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read_tree(tmp.path()), before);
}

#[test]
fn refuses_a_symlinked_output() {
    let tmp = handbook();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("keep.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), tmp.path().join("book")).unwrap();
    assert_refused(tmp.path(), "book", "it is a symbolic link");
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("keep.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn refuses_a_foreign_non_empty_folder_unless_forced() {
    let tmp = handbook();
    std::fs::create_dir(tmp.path().join("site")).unwrap();
    std::fs::write(tmp.path().join("site/mine.txt"), "mine").unwrap();
    assert_refused(
        tmp.path(),
        "site",
        "not empty and was not written by prepbook",
    );
    let o = prepbook(tmp.path(), &["build", "-o", "site", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tmp.path().join("site/index.html").is_file());
    assert!(!tmp.path().join("site/mine.txt").exists());
}

#[test]
fn never_replaces_a_folder_with_git_and_foreign_files_even_when_forced() {
    let tmp = handbook();
    std::fs::create_dir_all(tmp.path().join("site/.git")).unwrap();
    std::fs::write(tmp.path().join("site/.git/HEAD"), "ref").unwrap();
    std::fs::write(tmp.path().join("site/notes.txt"), "mine").unwrap();
    let before = read_tree(tmp.path());
    let o = prepbook(tmp.path(), &["build", "-o", "site", "--force"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("git repository"), "{}", stderr(&o));
    assert_eq!(read_tree(tmp.path()), before);
}

#[test]
fn refuses_an_output_that_is_a_file() {
    let tmp = handbook();
    std::fs::write(tmp.path().join("out.html"), "x").unwrap();
    assert_refused(tmp.path(), "out.html", "it is a file");
}

#[test]
fn refuses_the_home_folder() {
    let tmp = handbook();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".profile"), "x").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_prepbook"))
        .args(["build", "-o"])
        .arg(home.path())
        .arg("--force")
        .current_dir(tmp.path())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("it is your home folder"),
        "{}",
        stderr(&o)
    );
    assert!(home.path().join(".profile").is_file());
}

#[test]
fn builds_into_an_empty_or_new_folder_outside_the_handbook() {
    let tmp = handbook();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("deep/site");
    let o = prepbook(tmp.path(), &["build", "-o", target.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(target.join("index.html").is_file());
    assert!(target.join(".prepbook-output").is_file());
}

#[test]
fn symlinks_in_content_are_not_followed() {
    let tmp = handbook();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\n---\nsecret\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        tmp.path().join("content/pages/secret.md"),
    )
    .unwrap();
    // A loop must not hang the walk either.
    std::os::unix::fs::symlink(
        tmp.path().join("content"),
        tmp.path().join("content/pages/loop"),
    )
    .unwrap();
    let o = prepbook(tmp.path(), &["build"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("`content/pages/secret.md` is a symbolic link"),
        "{err}"
    );
    assert!(
        err.contains("`content/pages/loop` is a symbolic link"),
        "{err}"
    );
    assert!(!tmp.path().join("book").exists());
}
