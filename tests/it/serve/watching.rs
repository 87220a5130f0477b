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

/// Every build state the event stream sends from now on, as JSON text.
fn record_states(server: &Server) -> std::sync::Arc<std::sync::Mutex<Vec<String>>> {
    use std::io::{BufRead, BufReader, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        s,
        "GET /__prepbook/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    )
    .unwrap();
    let states: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let seen = states.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                seen.lock().unwrap().push(data.to_string());
            }
        }
    });
    // The stream starts with the current state.
    let start = std::time::Instant::now();
    while states.lock().unwrap().is_empty() {
        assert!(
            start.elapsed().as_secs() < 15,
            "the event stream sent nothing"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    states
}

/// Editors that save in place truncate the file, then write it: a rebuild in between reads an
/// empty file. The server builds again once the writer is done instead of reporting the error.
#[test]
fn a_burst_of_in_place_saves_never_reports_the_half_written_file() {
    use std::io::Write;
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let states = record_states(&server);
    let page = tmp.path().join("content/principles/ownership.md");
    let text = std::fs::read_to_string(&page).unwrap();
    for i in 0..12 {
        let mut f = std::fs::File::create(&page).unwrap();
        // Long enough for a rebuild to start and read the empty file.
        std::thread::sleep(std::time::Duration::from_millis(50 + 10 * (i % 6)));
        f.write_all(format!("{text}\nSave {i}.\n").as_bytes())
            .unwrap();
        drop(f);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    server.wait_for("the last save", |s| {
        s.get("/principles/ownership.html").1.contains("Save 11.")
    });
    assert!(server.status().1.is_none());
    let states = states.lock().unwrap();
    assert!(states.len() > 1, "no build was reported: {states:?}");
    for state in states.iter() {
        let v: serde_json::Value = serde_json::from_str(state).unwrap();
        assert!(v["error"].is_null(), "a build reported {state}");
    }
}

/// `book.toml` changed while serving to an output folder that holds the handbook (or is
/// empty): the server never writes or deletes anything, and keeps serving.
#[test]
fn a_dangerous_output_setting_while_serving_deletes_nothing() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let toml = tmp.path().join("book.toml");
    let original = std::fs::read_to_string(&toml).unwrap();
    for (i, output) in [".", "", "content", ".."].iter().enumerate() {
        let title = format!("Handbook {i}");
        std::fs::write(
            &toml,
            format!("[book]\ntitle = \"{title}\"\n[build]\noutput = \"{output}\"\n"),
        )
        .unwrap();
        server.wait_for("the rebuild", |s| {
            s.status().1.is_some() || s.get("/").1.contains(&title)
        });
        let mut tree = read_tree(tmp.path());
        tree.remove("book.toml");
        let mut expected = read_tree(&fixtures().join("valid/full"));
        expected.retain(|k, _| !k.starts_with("expected/") && k != "book.toml");
        assert_eq!(
            tree.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "output {output:?}"
        );
        assert_eq!(server.get("/").0, 200, "output {output:?}");
        std::fs::write(&toml, &original).unwrap();
        server.wait_for("recovery", |s| {
            s.status().1.is_none() && s.get("/").1.contains("Fixture handbook")
        });
    }
}
