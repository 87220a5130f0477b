//! What `prepbook serve` hands out and to whom: only bytes of a successful build, and only to
//! its own pages and the host names it serves.

use super::Server;
use crate::harness::*;

/// An asset replaced by a symbolic link while serving: the rebuild fails on the link, and the
/// last good build keeps serving the bytes it captured, never the link's target.
#[test]
fn an_asset_replaced_by_a_symlink_is_never_served() {
    let tmp = fixture_copy("valid", "full");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.svg");
    std::fs::write(&secret, "<svg>TOP-SECRET-BYTES</svg>").unwrap();
    let server = Server::start(tmp.path());
    let (status, before) = server.get("/images/flow.svg");
    assert_eq!(status, 200);
    assert!(before.contains("<rect"), "{before}");

    let image = tmp.path().join("content/images/flow.svg");
    std::fs::remove_file(&image).unwrap();
    std::os::unix::fs::symlink(&secret, &image).unwrap();
    server.wait_for("the failed rebuild", |s| {
        s.status()
            .1
            .is_some_and(|e| e.contains("content/images/flow.svg` is a symbolic link"))
    });
    let (status, body) = server.get("/images/flow.svg");
    assert!(!body.contains("TOP-SECRET"), "the link's target was served");
    assert!(
        status == 404 || body == before,
        "{status}: neither the old bytes nor a 404: {body}"
    );
}
