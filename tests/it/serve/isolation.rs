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

/// A page of another site (another port on this machine is `same-site`) that includes a file
/// of the handbook, as a script or anything else, gets 403; every response, refused or not,
/// may only be read by the handbook's own pages.
#[test]
fn loads_from_other_sites_are_refused() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let host = format!("127.0.0.1:{}", server.port);
    let load = |path: &str, site: &str, mode: &str, dest: &str| {
        server.raw(
            path,
            &host,
            &[
                ("Sec-Fetch-Site", site),
                ("Sec-Fetch-Mode", mode),
                ("Sec-Fetch-Dest", dest),
            ],
        )
    };
    for path in ["/search/text-0.js", "/practice/data.js", "/images/flow.svg"] {
        for site in ["cross-site", "same-site"] {
            let (status, head, body) = load(path, site, "no-cors", "script");
            assert_eq!(status, 403, "{path} from a {site} page: {head}");
            assert!(!body.contains("JSON.parse"), "{path} leaked");
            assert_same_origin_only(&head);
        }
        let (status, head, _) = load(path, "same-origin", "no-cors", "script");
        assert_eq!(status, 200, "{path} from the handbook's own page: {head}");
        assert_same_origin_only(&head);
    }
    let (status, _, _) = load("/__prepbook/events", "cross-site", "cors", "empty");
    assert_eq!(status, 403);
    // Typed or bookmarked, and a link followed from elsewhere: the page opens.
    assert_eq!(load("/", "none", "navigate", "document").0, 200);
    assert_eq!(
        load("/tips.html", "cross-site", "navigate", "document").0,
        200
    );
    // Framed by another site: refused.
    assert_eq!(load("/", "cross-site", "navigate", "iframe").0, 403);
    // A client that sends no Sec-Fetch-* (curl, an older browser) still gets the page.
    let (status, head, _) = server.raw("/search/text-0.js", &host, &[]);
    assert_eq!(status, 200);
    assert_same_origin_only(&head);
    let (status, head, _) = server.raw("/missing.html", &host, &[]);
    assert_eq!(status, 404);
    assert_same_origin_only(&head);
    let (status, head, _) = server.raw("/", "evil.example", &[]);
    assert_eq!(status, 403);
    assert_same_origin_only(&head);
}

fn assert_same_origin_only(head: &str) {
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains("\r\ncross-origin-resource-policy: same-origin\r\n"),
        "{head}"
    );
    assert!(
        head.contains("\r\nx-content-type-options: nosniff\r\n"),
        "{head}"
    );
    assert_eq!(head.matches("x-content-type-options").count(), 1, "{head}");
}

/// Listening on every interface, the server answers to loopback names, IP addresses and the
/// names given with `--allow-host` (with or without a port), says so, and refuses the rest.
#[test]
fn allow_host_adds_names_and_every_other_name_is_refused() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start_with(
        tmp.path(),
        &[
            "--address",
            "0.0.0.0",
            "--allow-host",
            "box.local",
            "--allow-host",
            "Proxy.example:8443",
        ],
    );
    let port = server.port;
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("192.168.1.5:{port}"),
        "box.local".into(),
        format!("box.local:{port}"),
        "proxy.example:8443".into(),
    ] {
        assert_eq!(server.request("/", &host, None).0, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".into(),
        format!("box.local.evil.example:{port}"),
        "proxy.example".into(),
        "localhost".into(),
        String::new(),
    ] {
        assert_eq!(server.request("/", &host, None).0, 403, "{host:?}");
    }
    let printed = server.output.lock().unwrap().join("\n");
    assert!(
        printed.contains(&format!(
            "Answering requests for localhost:{port}, 127.0.0.1:{port}, [::1]:{port}, \
             any IP address with port {port}, box.local, proxy.example:8443; \
             other host names get 403"
        )),
        "{printed}"
    );
}

#[test]
fn allow_host_refuses_what_is_not_a_host_name() {
    let tmp = fixture_copy("valid", "full");
    let o = prepbook(
        tmp.path(),
        &["serve", "--port", "0", "--allow-host", "http://box.local/"],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("`http://box.local/` is not a host name"),
        "{err}"
    );
}

/// In headless Chromium: pages on another port and on another host name include the search
/// text, the practice data and an image of the served handbook and get none of them, while the
/// handbook's own pages load them.
#[test]
fn other_sites_cannot_read_the_handbook_in_the_browser() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let base = format!("http://127.0.0.1:{}/", server.port);
    crate::browser::run_browser_script("serve-isolation.test.mjs", &[&base]);
}
