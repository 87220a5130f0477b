//! `prepbook serve`: a real server on a free loopback port, driven over raw HTTP so that
//! request paths reach it exactly as written.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;

mod isolation;
mod rebuilds;
mod watching;

/// A running `prepbook serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// What the server printed on stdout so far, line by line.
    pub output: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(dir: &Path) -> Server {
        Server::start_with(dir, &[])
    }

    /// Starts `prepbook serve --port 0 DIR ARGS…` and waits for the address it prints.
    pub fn start_with(dir: &Path, args: &[&str]) -> Server {
        Server::start_env(dir, args, &[])
    }

    /// As [`Server::start_with`], with more environment variables.
    pub fn start_env(dir: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prepbook"))
            .args(["serve", "--port", "0"])
            .arg(dir)
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let output: std::sync::Arc<std::sync::Mutex<Vec<String>>> = std::sync::Arc::default();
        let lines = std::sync::Arc::clone(&output);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line.clone());
                if let Some(rest) = line.split("Serving the handbook on http://").nth(1) {
                    let addr = rest.split('/').next().unwrap_or("");
                    let port: u16 = addr.rsplit(':').next().unwrap().parse().unwrap();
                    let _ = tx.send(port);
                }
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server did not start");
        Server {
            child,
            port,
            output,
        }
    }

    /// GET `path` with the right Host; (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        self.request(path, &format!("127.0.0.1:{}", self.port), None)
    }

    pub fn request(&self, path: &str, host: &str, origin: Option<&str>) -> (u16, String) {
        let headers: Vec<(&str, &str)> = origin.map(|o| ("Origin", o)).into_iter().collect();
        let (status, _, body) = self.raw(path, host, &headers);
        (status, body)
    }

    /// GET `path` with `Host: host` and `headers`; (status, response headers, body).
    pub fn raw(&self, path: &str, host: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let extra: String = headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        (status, head.to_string(), body.to_string())
    }

    /// The build state: (version, error).
    pub fn status(&self) -> (u64, Option<String>) {
        let (_, body) = self.get("/__prepbook/status");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        (
            v["version"].as_u64().unwrap_or(0),
            v["error"].as_str().map(String::from),
        )
    }

    /// Waits (at most 15 s) until `check` holds.
    pub fn wait_for(&self, what: &str, mut check: impl FnMut(&Server) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if check(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}");
    }
}

pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn serves_pages_with_the_reload_script_but_never_writes_it_to_disk() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home
        .contains("<script src=\"/__prepbook/livereload.js\" data-version=\"1\"></script></body>"));
    let (status, css) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(!css.contains("livereload"));
    let (status, page) = server.get("/questions/missing.html");
    assert_eq!(status, 404);
    assert!(page.contains("Page not found"));
    assert!(
        !tmp.path().join("book").exists(),
        "serve wrote an output folder"
    );
    let (status, js) = server.get("/__prepbook/livereload.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource"));
}

#[test]
fn edits_are_rebuilt_broken_edits_reported_and_fixes_recovered() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let page = tmp.path().join("content/principles/ownership.md");
    edit(
        &page,
        "Owners finish the job.",
        "Owners finish the job, every time.",
    );
    server.wait_for("the edit", |s| {
        s.get("/principles/ownership.html").1.contains("every time")
    });
    let (version, _) = server.status();

    // A broken edit: the error is reported with file and line, the last good page stays.
    edit(&page, "title: Ownership", "titel: Ownership");
    server.wait_for("the error", |s| s.status().1.is_some());
    let (v, error) = server.status();
    assert_eq!(
        v, version,
        "a failed build must not change the served version"
    );
    let error = error.unwrap();
    assert!(
        error.contains("content/principles/ownership.md:2:1: error: unknown key `titel`"),
        "{error}"
    );
    let (status, body) = server.get("/principles/ownership.html");
    assert_eq!(status, 200);
    assert!(
        body.contains("every time"),
        "the last good build is no longer served"
    );

    // The fix is picked up by itself.
    edit(&page, "titel: Ownership", "title: Ownership");
    server.wait_for("recovery", |s| s.status().1.is_none());
    assert!(server.status().0 > version);
}

#[test]
fn created_deleted_and_renamed_files_are_followed() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let questions = tmp.path().join("content/questions");
    // Created, the way editors save: a temporary file renamed into place.
    std::fs::write(
        questions.join(".q3.md.tmp"),
        "---\nquestion: \"A brand new question?\"\nprinciples: [ownership]\n---\n",
    )
    .unwrap();
    std::fs::rename(questions.join(".q3.md.tmp"), questions.join("q3.md")).unwrap();
    server.wait_for("the new page", |s| s.get("/questions/q3.html").0 == 200);
    // Renamed.
    std::fs::rename(questions.join("q3.md"), questions.join("q4.md")).unwrap();
    server.wait_for("the rename", |s| {
        s.get("/questions/q4.html").0 == 200 && s.get("/questions/q3.html").0 == 404
    });
    // Deleted.
    std::fs::remove_file(questions.join("q4.md")).unwrap();
    server.wait_for("the deletion", |s| s.get("/questions/q4.html").0 == 404);
    // A whole folder of content moved away and back.
    let tips = tmp.path().join("content/tips");
    let aside = tmp.path().join("tips-aside");
    std::fs::rename(&tips, &aside).unwrap();
    server.wait_for("the missing folder", |s| {
        !s.get("/tips.html").1.contains("Quantify results")
    });
    std::fs::rename(&aside, &tips).unwrap();
    server.wait_for("the folder back", |s| {
        s.get("/tips.html").1.contains("Quantify results")
    });
    // book.toml changes are picked up too.
    let toml = tmp.path().join("book.toml");
    edit(&toml, "Fixture handbook", "Renamed handbook");
    server.wait_for("the new title", |s| {
        s.get("/").1.contains("Renamed handbook")
    });
    assert!(server.status().1.is_none());
}

#[test]
fn a_burst_of_saves_settles_without_a_rebuild_loop() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let page = tmp.path().join("content/pages/process.md");
    for i in 0..20 {
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, format!("{text}\nLine {i}.\n")).unwrap();
    }
    server.wait_for("the last save", |s| {
        s.get("/process.html").1.contains("Line 19.")
    });
    std::thread::sleep(Duration::from_millis(600));
    let (settled, _) = server.status();
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(
        server.status().0,
        settled,
        "the server keeps rebuilding with no change"
    );
    assert!(settled < 22, "{settled} builds for 20 saves");
}

#[test]
fn traversal_requests_all_get_404() {
    let tmp = fixture_copy("valid", "full");
    // A file outside the handbook: the server holds the build in memory and reaches no other file.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let server = Server::start(tmp.path());
    for path in [
        "/../book.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/book.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fbook.toml",
        "/..%2F..%2Fetc%2Fpasswd",
        "/%5c../book.toml",
        "/..%5c..%5cbook.toml",
        "/%252e%252e/book.toml",
        "/%252e%252e%252fbook.toml",
        "//etc/passwd",
        "/c:/windows/win.ini",
        "/C:%5Cwindows%5Cwin.ini",
        "/content/principles/ownership.md",
        "/book.toml",
        &format!("/{}", outside.path().join("secret.txt").display()),
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path} answered {status}");
        assert!(
            !body.contains("secret") && !body.contains("[book]") && !body.contains("root:"),
            "{path} leaked"
        );
    }
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let port = server.port;
    assert_eq!(
        server.request("/", &format!("localhost:{port}"), None).0,
        200
    );
    assert_eq!(server.request("/", "evil.example", None).0, 403);
    assert_eq!(
        server.request("/", &format!("evil.example:{port}"), None).0,
        403
    );
    assert_eq!(server.request("/", "", None).0, 403);
    let host = format!("127.0.0.1:{port}");
    assert_eq!(
        server
            .request("/__prepbook/status", &host, Some("http://evil.example"))
            .0,
        403
    );
    assert_eq!(
        server
            .request("/__prepbook/events", &host, Some("https://evil.example"))
            .0,
        403
    );
    assert_eq!(
        server
            .request("/__prepbook/status", &host, Some(&format!("http://{host}")))
            .0,
        200
    );
}

#[test]
fn listens_on_loopback_by_default() {
    let o = prepbook(&repo(), &["serve", "--help"]);
    let help = stdout(&o);
    assert!(help.contains("[default: 127.0.0.1]"), "{help}");
    assert!(help.contains("[default: 3000]"), "{help}");
}

/// The open page reloads itself after an edit, keeps its scroll position, shows a broken
/// edit's error over the page, and goes home when its file is deleted (headless Chromium).
#[test]
fn the_open_page_reloads_in_the_browser() {
    let tmp = fixture_copy("valid", "full");
    // Enough text to scroll.
    let page = tmp.path().join("content/principles/ownership.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let filler: String = (0..60)
        .map(|i| format!("\nParagraph {i} about owning outcomes.\n"))
        .collect();
    std::fs::write(&page, format!("{text}{filler}")).unwrap();
    let server = Server::start(tmp.path());
    let base = format!("http://127.0.0.1:{}/", server.port);
    crate::browser::run_browser_script("serve.test.mjs", &[&base, tmp.path().to_str().unwrap()]);
}

/// Ctrl-C stops the server cleanly, leaving no file behind.
#[test]
fn interrupt_stops_cleanly() {
    let tmp = fixture_copy("valid", "full");
    let before = read_tree(tmp.path());
    let server = Server::start(tmp.path());
    assert_eq!(server.get("/").0, 200);
    let mut server = server;
    // SAFETY: sends SIGINT to our own child process.
    unsafe {
        libc::kill(server.child.id() as libc::pid_t, libc::SIGINT);
    }
    let start = Instant::now();
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the server did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert_eq!(read_tree(tmp.path()), before, "serve left files behind");
}

/// A symbolic link in the content pointing out of the handbook is never followed: the build
/// reports it and nothing behind it is served.
#[test]
fn symlinks_pointing_out_get_404() {
    let tmp = fixture_copy("valid", "full");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path(), tmp.path().join("content/images/elsewhere"))
        .unwrap();
    let server = Server::start(tmp.path());
    for path in [
        "/images/elsewhere/secret.txt",
        "/content/images/elsewhere/secret.txt",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("secret"), "{path} leaked");
    }
    let error = server.status().1.expect("the build reports the link");
    assert!(
        error.contains("content/images/elsewhere` is a symbolic link"),
        "{error}"
    );
    // Removing the link recovers by itself.
    std::fs::remove_file(tmp.path().join("content/images/elsewhere")).unwrap();
    server.wait_for("recovery", |s| {
        s.status().1.is_none() && s.get("/").0 == 200
    });
}

#[test]
fn a_template_that_includes_itself_while_serving_is_reported_and_the_server_stays_up() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let (version, _) = server.status();
    let templates = tmp.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let page = templates.join("page.html");
    std::fs::write(
        &page,
        "{% extends \"base.html\" %}{% block content %}{% include \"page.html\" %}{% endblock content %}",
    )
    .unwrap();
    server.wait_for("the error", |s| s.status().1.is_some());
    let error = server.status().1.unwrap();
    assert!(
        error.contains("themes/default/templates/page.html: error: template recursion"),
        "{error}"
    );
    let (status, _) = server.get("/process.html");
    assert_eq!(status, 200, "the last good build is no longer served");
    // A recursive macro, then the fix.
    std::fs::remove_file(&page).unwrap();
    let macros = templates.join("loop-macros.html");
    std::fs::write(&macros, "{% macro m() %}{{ self::m() }}{% endmacro m %}").unwrap();
    server.wait_for("the macro error", |s| {
        s.status().1.is_some_and(|e| e.contains("macro `m`"))
    });
    std::fs::remove_file(&macros).unwrap();
    server.wait_for("recovery", |s| s.status().1.is_none());
    assert!(server.status().0 > version);
}

#[test]
fn serve_shows_the_coach_notes_that_a_build_leaves_out() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(prepbook(tmp.path(), &["init", "h"]).status.success());
    let dir = tmp.path().join("h");
    let answer = dir.join("content/answers/customer-request-said-no-support.md");
    let text = std::fs::read_to_string(&answer).unwrap().replace(
        "The customer had their weekly report within two days, renewed for three years, and the\nrelease shipped on time. Two other clinics adopted the same saved report that quarter.",
        "We were happy and we felt we had done well as a team, so we moved on.",
    );
    std::fs::write(&answer, text).unwrap();
    let server = Server::start(&dir);
    let (_, page) = server.get("/questions/customer-request-said-no.html");
    assert!(
        page.contains("class=\"coach-notes\""),
        "serve hides the notes"
    );
    drop(server);
    let out = build_ok(&dir);
    let built =
        std::fs::read_to_string(out.join("questions/customer-request-said-no.html")).unwrap();
    assert!(
        !built.contains("coach-notes"),
        "a build published the notes"
    );
}

#[test]
fn serve_open_opens_the_home_page_in_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = fixture_copy("valid", "full");
    // A stand-in for the desktop's opener that writes down what it was asked to open.
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened.txt");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server = Server::start_env(tmp.path(), &["--open"], &[("PATH", path.as_ref())]);
    server.wait_for("the browser to be opened", |_| opened.is_file());
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        format!("http://127.0.0.1:{}/", server.port)
    );
}
