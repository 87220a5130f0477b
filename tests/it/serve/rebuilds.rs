//! What `serve` holds after each kind of change is what a clean build of the same sources
//! writes, byte for byte: the guard for any rebuild that does less than everything.

use std::path::Path;

use super::{edit, Server};
use crate::harness::*;

/// Every file of a clean build of `dir` is served with the same bytes (HTML with the
/// live-reload script taken out), and `gone` paths are not served at all, nor a practice
/// details file past the last one. Returns the paths of the clean build.
fn same_as_a_clean_build(server: &Server, dir: &Path, gone: &[&str]) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let o = prepbook(dir, &["build", "-o", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let version = server.status().0;
    let script =
        format!("<script src=\"/__prepbook/livereload.js\" data-version=\"{version}\"></script>");
    let mut compared = Vec::new();
    for (path, bytes) in read_tree(out.path()) {
        if path == ".prepbook-output" {
            continue;
        }
        let (status, body) = server.get(&format!("/{path}"));
        assert_eq!(status, 200, "{path} is not served");
        let body = body.replace(&script, "");
        assert!(
            body == String::from_utf8_lossy(&bytes),
            "{path} differs from a clean build"
        );
        compared.push(path);
    }
    assert!(
        compared.len() > 30,
        "only {} files compared",
        compared.len()
    );
    // The search index, which serve makes from what it remembers of the last one.
    assert!(
        compared.iter().any(|p| p == "search/index.js"),
        "the search index was not compared"
    );
    let past_the_last = format!("practice/details-{}.js", details_files(&compared));
    for path in gone.iter().copied().chain([past_the_last.as_str()]) {
        assert_eq!(
            server.get(&format!("/{path}")).0,
            404,
            "{path} is still served"
        );
    }
    compared
}

/// How many practice details files are among `paths`.
fn details_files(paths: &[String]) -> usize {
    paths
        .iter()
        .filter(|p| p.starts_with("practice/details-"))
        .count()
}

/// Questions with long notes, so that the practice details take several files and a change
/// to one question moves where the files are cut.
fn add_long_questions(content: &Path) {
    let notes = "Say what you owned, what you did and what came of it. ".repeat(300);
    for n in 0..24 {
        let principle = ["ownership", "customer-obsession"][n % 2];
        std::fs::write(
            content.join(format!("questions/long-{n:02}.md")),
            format!(
                "---\nquestion: \"Long question {n}?\"\nprinciples: [{principle}]\n---\n{notes}\n"
            ),
        )
        .unwrap();
    }
}

/// Waits for the build after the current one, which must have no error.
fn next_build(server: &Server, after: u64) {
    server.wait_for("the rebuild", |s| {
        let (version, error) = s.status();
        assert_eq!(error, None, "the change broke the build");
        version > after
    });
}

/// Also for a handbook whose print view and flashcards are split by principle and whose
/// practice details take several files, each of which serve makes on its own.
#[test]
fn served_files_match_a_clean_build_after_each_kind_of_change() {
    let tmp = fixture_copy("valid", "full");
    let dir = tmp.path();
    // A served site has no service worker; a build of the same sources must not either.
    let toml = dir.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{text}\n[output]\noffline = false\n\n[print]\nsplit-above = 1\n"),
    )
    .unwrap();
    let content = dir.join("content");
    add_long_questions(&content);
    let server = Server::start(dir);
    let mut builds = vec![same_as_a_clean_build(&server, dir, &[])];
    type Change = Box<dyn Fn(&Path)>;
    let changes: Vec<(&str, Change, Vec<&str>)> = vec![
        (
            "a question edited",
            Box::new(|c| edit(&c.join("questions/q2.md"), "---\n", "---\npriority: 1\n")),
            vec![],
        ),
        (
            "an answer edited",
            Box::new(|c| {
                edit(
                    &c.join("answers/q2-spsil.md"),
                    "S.",
                    "The situation, told again.",
                )
            }),
            vec![],
        ),
        (
            "a principle edited",
            Box::new(|c| {
                edit(
                    &c.join("principles/ownership.md"),
                    "Owners finish the job.",
                    "Owners finish the job, every time.",
                )
            }),
            vec![],
        ),
        (
            "a tip edited",
            Box::new(|c| edit(&c.join("tips/owners.md"), "Choose stories", "Pick stories")),
            vec![],
        ),
        (
            "a page edited",
            Box::new(|c| {
                edit(
                    &c.join("pages/process.md"),
                    "Intro with",
                    "An introduction with",
                )
            }),
            vec![],
        ),
        (
            "a question created",
            Box::new(|c| {
                std::fs::write(
                    c.join("questions/q3.md"),
                    "---\nquestion: \"What would you change first?\"\nprinciples: [ownership]\n---\nStart small.\n",
                )
                .unwrap()
            }),
            vec![],
        ),
        (
            "a long question's notes grown",
            Box::new(|c| {
                let more = "Then say what you would do again. ".repeat(2000);
                let path = c.join("questions/long-03.md");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(path, format!("{text}{more}\n")).unwrap();
            }),
            vec![],
        ),
        (
            "the long notes cut back",
            Box::new(|c| {
                let path = c.join("questions/long-03.md");
                let text = std::fs::read_to_string(&path).unwrap();
                let start = text.find("Then say").unwrap();
                std::fs::write(path, &text[..start]).unwrap();
            }),
            vec![],
        ),
        (
            "a question renamed",
            Box::new(|c| {
                std::fs::rename(c.join("questions/q3.md"), c.join("questions/q4.md")).unwrap()
            }),
            vec!["questions/q3.html"],
        ),
        (
            "a tip deleted",
            Box::new(|c| std::fs::remove_file(c.join("tips/general.md")).unwrap()),
            vec![],
        ),
        (
            "a question deleted",
            Box::new(|c| std::fs::remove_file(c.join("questions/q4.md")).unwrap()),
            vec!["questions/q4.html"],
        ),
        (
            "an answer created",
            Box::new(|c| {
                std::fs::write(
                    c.join("answers/q2-star.md"),
                    "---\nquestion: q2\nframework: star\n---\n## Situation\nA launch slipped.\n\n## Task\nI owned the date.\n\n## Action\nI cut scope with the team.\n\n## Result\nWe shipped 2 weeks later, 30% smaller.\n",
                )
                .unwrap()
            }),
            vec![],
        ),
        (
            "an answer deleted",
            Box::new(|c| std::fs::remove_file(c.join("answers/q1-soar.md")).unwrap()),
            vec![],
        ),
        (
            "a story created",
            Box::new(|c| {
                std::fs::create_dir_all(c.join("stories")).unwrap();
                std::fs::write(
                    c.join("stories/launch.md"),
                    "---\ntitle: The _late_ launch\nprinciples: [ownership]\nframework: star\ntags: [acme]\n---\n## Situation\nA launch slipped.\n\n## Task\nI owned the date.\n\n## Action\nI cut scope.\n\n## Result\nWe shipped 2 weeks later.\n",
                )
                .unwrap()
            }),
            vec![],
        ),
        (
            "a story edited",
            Box::new(|c| {
                edit(
                    &c.join("stories/launch.md"),
                    "I cut scope.",
                    "I cut scope with the team.",
                )
            }),
            vec![],
        ),
        (
            "a story renamed",
            Box::new(|c| {
                std::fs::rename(c.join("stories/launch.md"), c.join("stories/late.md")).unwrap()
            }),
            vec!["stories/launch.html"],
        ),
        (
            "a principle created",
            Box::new(|c| {
                std::fs::write(
                    c.join("principles/frugality.md"),
                    "---\ntitle: Frugality\norder: 3\nsummary: Do more with less.\n---\nSpend like it is yours.\n",
                )
                .unwrap()
            }),
            vec![],
        ),
        (
            "a page renamed",
            Box::new(|c| {
                std::fs::rename(c.join("pages/process.md"), c.join("pages/steps.md")).unwrap();
                edit(
                    &c.join("principles/customer-obsession.md"),
                    "pages/process.md",
                    "pages/steps.md",
                );
            }),
            vec!["process.html"],
        ),
        (
            "an image replaced",
            Box::new(|c| {
                std::fs::write(
                    c.join("images/flow.svg"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
                )
                .unwrap()
            }),
            vec![],
        ),
        (
            "an image rewritten with the same size and time",
            Box::new(|c| {
                let image = c.join("images/flow.svg");
                let before = std::fs::read(&image).unwrap();
                let modified = std::fs::metadata(&image).unwrap().modified().unwrap();
                let after: Vec<u8> = before
                    .iter()
                    .map(|&b| if b == b'1' { b'2' } else { b })
                    .collect();
                assert_ne!(before, after, "the image has no digit 1 to change");
                std::fs::write(&image, after).unwrap();
                std::fs::File::options()
                    .write(true)
                    .open(&image)
                    .unwrap()
                    .set_modified(modified)
                    .unwrap();
            }),
            vec![],
        ),
        (
            "an editor's leftover beside a saved question",
            Box::new(|c| {
                std::fs::write(c.join("images/notes.bak"), "old notes").unwrap();
                edit(&c.join("questions/q2.md"), "priority: 1", "priority: 2");
            }),
            vec![],
        ),
        (
            "the leftover gone, then a question saved",
            Box::new(|c| {
                std::fs::remove_file(c.join("images/notes.bak")).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(300));
                edit(&c.join("questions/q2.md"), "priority: 2", "priority: 1");
            }),
            vec!["images/notes.bak"],
        ),
        (
            "a story and a principle deleted",
            Box::new(|c| {
                std::fs::remove_file(c.join("stories/late.md")).unwrap();
                std::fs::remove_file(c.join("principles/frugality.md")).unwrap();
            }),
            vec![
                "stories/late.html",
                "principles/frugality.html",
                "print/frugality.html",
                "cheatsheets/frugality.html",
            ],
        ),
    ];
    for (what, change, gone) in changes {
        let before = server.status().0;
        change(&content);
        next_build(&server, before);
        eprintln!("after {what}");
        builds.push(same_as_a_clean_build(&server, dir, &gone));
    }
    // What the served files were compared with was split all along, and the details moved.
    for paths in &builds {
        for split in ["print/ownership.html", "flashcards/customer-obsession.html"] {
            assert!(paths.iter().any(|p| p == split), "{split} was not compared");
        }
    }
    let counts: Vec<usize> = builds.iter().map(|b| details_files(b)).collect();
    assert!(
        counts.iter().all(|&n| n >= 3),
        "too few details files: {counts:?}"
    );
    assert!(
        counts.windows(2).any(|w| w[0] != w[1]),
        "no change moved the details files: {counts:?}"
    );

    // The print view and the flashcards made whole again, after a change to book.toml.
    let before = server.status().0;
    edit(&toml, "split-above = 1", "split-above = 1000");
    next_build(&server, before);
    let paths = same_as_a_clean_build(
        &server,
        dir,
        &[
            "print/ownership.html",
            "print/customer-obsession.html",
            "flashcards/ownership.html",
            "flashcards/customer-obsession.html",
        ],
    );
    assert!(paths.iter().any(|p| p == "print.html"));
}

/// A theme or book.toml change made while the content is broken still reaches the pages once
/// the content is fixed: the last good build's theme (and its texts) are not reused.
#[test]
fn a_language_change_made_while_the_content_is_broken_shows_once_it_is_fixed() {
    let tmp = fixture_copy("valid", "full");
    let dir = tmp.path();
    let toml = dir.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n[output]\noffline = false\n")).unwrap();
    let server = Server::start(dir);
    let tip = dir.join("content/tips/owners.md");
    edit(&tip, "---\n", "---\nbogus: 1\n");
    server.wait_for("the error", |s| s.status().1.is_some());
    edit(
        &toml,
        "title = \"Fixture handbook\"",
        "title = \"Fixture handbook\"\nlanguage = \"fr\"",
    );
    std::thread::sleep(std::time::Duration::from_millis(800));
    let before = server.status().0;
    edit(&tip, "bogus: 1\n", "");
    server.wait_for("the fixed build", |s| s.status().0 > before);
    assert_eq!(server.status().1, None);
    same_as_a_clean_build(&server, dir, &[]);
}

/// A template that fails while rendering fails the rebuild, as it fails `prepbook build`: the
/// error is shown and the last good build stays served.
#[test]
fn a_template_that_fails_while_rendering_fails_the_rebuild() {
    let tmp = fixture_copy("valid", "full");
    let server = Server::start(tmp.path());
    let templates = tmp.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let page = templates.join("page.html");
    std::fs::write(
        &page,
        "{% extends \"base.html\" %}{% block content %}{{ page.no_such_value.x }}{% endblock content %}",
    )
    .unwrap();
    server.wait_for("the error", |s| s.status().1.is_some());
    let error = server.status().1.unwrap();
    assert!(error.contains("cannot render `process.html`"), "{error}");
    assert_eq!(
        server.get("/process.html").0,
        200,
        "the last good build is gone"
    );
    std::fs::remove_file(&page).unwrap();
    server.wait_for("recovery", |s| s.status().1.is_none());
}
