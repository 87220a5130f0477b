//! `prepbook serve` keeps following the handbook through the ways files and folders get saved.

use super::{edit, Server};
use crate::harness::*;

/// `mv content x; mv x content`: the folder at the content path is watched again, and later
/// edits are picked up.
#[test]
fn serve_keeps_watching_after_the_content_folder_is_replaced() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let content = tmp.path().join("content");
    let aside = tmp.path().join("content-aside");
    std::fs::rename(&content, &aside).unwrap();
    server.wait_for("the missing content to be reported", |s| {
        s.status().1.is_some()
    });
    std::fs::rename(&aside, &content).unwrap();
    server.wait_for("the content back", |s| s.status().1.is_none());
    edit(
        &content.join("principles/ownership.md"),
        "Owners finish the job.",
        "Owners finish the job, after the move.",
    );
    server.wait_for("the edit after the move", |s| {
        s.get("/principles/ownership.html")
            .1
            .contains("after the move")
    });
    // Replaced by another folder altogether (a checkout, a restore from backup).
    let copy = tmp.path().join("content-copy");
    copy_dir(&content, &copy);
    std::fs::rename(&content, &aside).unwrap();
    std::fs::rename(&copy, &content).unwrap();
    edit(
        &content.join("principles/ownership.md"),
        "after the move",
        "in the new folder",
    );
    server.wait_for("the edit in the new folder", |s| {
        s.get("/principles/ownership.html")
            .1
            .contains("in the new folder")
    });
    // The old folder is no longer the handbook's.
    edit(
        &aside.join("principles/ownership.md"),
        "after the move",
        "in the old folder",
    );
    edit(
        &content.join("principles/ownership.md"),
        "in the new folder",
        "in the new folder, again",
    );
    server.wait_for("the second edit in the new folder", |s| {
        s.get("/principles/ownership.html").1.contains("again")
    });
    assert!(!server
        .get("/principles/ownership.html")
        .1
        .contains("in the old folder"));
}
