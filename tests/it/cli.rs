//! The command line: help, version, the check report and the build summary.

use crate::harness::*;

#[test]
fn help_for_every_command() {
    let dir = repo();
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "--help"],
        &["init", "--help"],
    ] {
        let o = prepbook(&dir, args);
        assert!(o.status.success(), "{args:?}");
        assert!(
            stdout(&o).contains("Usage: prepbook"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
    let o = prepbook(&dir, &["build", "--help"]);
    assert!(stdout(&o).contains("--output <OUT>"));
    assert!(stdout(&o).contains("--force"));
}

#[test]
fn version() {
    let o = prepbook(&repo(), &["--version"]);
    assert_eq!(
        stdout(&o).trim(),
        format!("prepbook {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn check_reports_counts_and_writes_nothing() {
    let tmp = fixture_copy("valid", "full");
    let before = read_tree(tmp.path());
    let o = prepbook(tmp.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "No problems found: 2 principles, 2 questions, 3 sample answers, 2 tips, 1 pages\nStories: none yet. Add your own in the content folder's stories/ to see which principles they cover.\n"
    );
    assert_eq!(read_tree(tmp.path()), before);
}

#[test]
fn build_prints_a_summary_line() {
    let tmp = fixture_copy("valid", "full");
    let o = prepbook(tmp.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Built 19 pages ("), "{out}");
    assert!(out.trim_end().ends_with(" ms"), "{out}");
}

#[test]
fn build_takes_the_handbook_folder_as_argument() {
    let tmp = fixture_copy("valid", "full");
    let o = prepbook(
        &std::env::temp_dir(),
        &["build", tmp.path().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tmp.path().join("book/index.html").is_file());
}

#[test]
fn unknown_command_fails() {
    let o = prepbook(&repo(), &["publish"]);
    assert!(!o.status.success());
}
