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
        "No errors, 17 warnings: 2 principles, 2 questions, 3 sample answers, 2 tips, 1 page\nStories: none yet. Add your own in the content folder's stories/ to see which principles they cover.\n"
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

#[test]
fn messages_name_files_from_the_folder_the_command_ran_in() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(prepbook(tmp.path(), &["init", "my-book"]).status.success());
    let q = tmp
        .path()
        .join("my-book/content/questions/customer-request-said-no.md");
    let text = std::fs::read_to_string(&q).unwrap();
    std::fs::write(&q, text.replacen("question:", "questoin:", 1)).unwrap();
    for cmd in ["check", "build"] {
        let o = prepbook(tmp.path(), &[cmd, "my-book"]);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(
            err.contains("my-book/content/questions/customer-request-said-no.md:2:1: error"),
            "{cmd}: {err}"
        );
    }
    // From inside the handbook, the path starts at the handbook.
    let o = prepbook(&tmp.path().join("my-book"), &["check"]);
    assert!(
        stderr(&o).contains("\ncontent/questions/") || stderr(&o).starts_with("content/questions/")
    );
}

#[test]
fn markdown_files_are_content_whatever_their_extension() {
    let tmp = fixture_copy("valid", "full");
    std::fs::write(
        tmp.path().join("content/pages/extra.markdown"),
        "---\ntitle: Extra\n---\nA page in a `.markdown` file.\n",
    )
    .unwrap();
    let out = build_ok(tmp.path());
    assert!(out.join("extra.html").is_file());
    assert!(!out.join("pages/extra.markdown").exists(), "published raw");
    std::fs::write(tmp.path().join("content/notes.MD"), "# x\n").unwrap();
    let o = prepbook(tmp.path(), &["check"]);
    assert!(
        stderr(&o).contains("content/notes.MD: error: Markdown file outside"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn two_principles_with_one_order_are_a_warning() {
    let tmp = fixture_copy("valid", "full");
    let p = tmp.path().join("content/principles/ownership.md");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("order: 2", "order: 1")).unwrap();
    let o = prepbook(tmp.path(), &["check"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("content/principles/ownership.md:3:1: warning: `order: 1` is also the order of `content/principles/customer-obsession.md`"),
        "{}",
        stderr(&o)
    );
}
