//! A handbook converted from real-looking material: `tests/fixtures/real/guide/source/` holds a
//! community guide as one long Markdown document and two spreadsheets saved as CSV (a byte-order
//! mark, CRLF line endings, no-break spaces, emoji); the handbook's content is that text moved
//! into files, and its stories and some questions are imported from the CSVs by the test.

use crate::harness::*;
use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A copy of the fixture with both spreadsheets imported, as an author would: the guide's
/// `Focus area` column is its principles (book.toml calls a principle a focus area), and its
/// `Company` and `Level` columns are both read as tags.
fn converted_guide() -> tempfile::TempDir {
    let tmp = fixture_copy("real", "guide");
    let questions = [
        "source/questions.csv",
        "--column",
        "Company=tags",
        "--column",
        "Level=tags",
    ];
    for (what, args, n) in [
        ("questions", &questions[..], 8),
        ("stories", &["source/stories.csv"][..], 4),
    ] {
        let o = prepbook(tmp.path(), &[&["import", what][..], args].concat());
        assert!(o.status.success(), "import {what}: {}", stderr(&o));
        assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
        assert_eq!(stdout(&o).matches("wrote ").count(), n, "{}", stdout(&o));
    }
    tmp
}

/// Text as compared with the source: no BOM, LF line endings, link targets and heading
/// levels left out (moving a section into a file changes both, and nothing else).
fn normalised(text: &str) -> String {
    let text = text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        rest = &rest[rest.find(')').unwrap_or(0)..];
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.trim_start_matches('#').trim_start())
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Every body and every question's text in the content folder is the guide's text, moved.
#[test]
fn the_content_is_the_source_text_moved_into_files() {
    let dir = fixtures().join("real/guide");
    let source = normalised(&read(&dir.join("source/guide.md")));
    let mut bodies = 0;
    for (path, bytes) in read_tree(&dir.join("content")) {
        if !path.ends_with(".md") {
            continue;
        }
        let text = normalised(&String::from_utf8(bytes).unwrap());
        let (front, body) = text[4..].split_once("\n---\n").expect("front matter");
        let front: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
        if let Some(q) = front.get("question").and_then(|q| q.as_str()) {
            if path.starts_with("questions/") {
                assert!(source.contains(&format!("- {q}\n")), "{path}: {q:?}");
            }
        }
        let body = body.trim();
        if !body.is_empty() {
            assert!(
                source.contains(body),
                "{path}: body not in the source:\n{body}"
            );
            bodies += 1;
        }
    }
    assert!(bodies >= 12, "only {bodies} bodies compared");
}

#[test]
fn the_converted_guide_checks_and_builds() {
    let tmp = converted_guide();
    let dir = tmp.path();
    // The `Company` and `Level` cells of a row are one list of tags, in that order.
    let q = read(
        &dir.join("content/questions/tell-me-about-a-time-you-owned-a-production-incident.md"),
    );
    assert!(
        q.contains("principles: [ownership]\ntags: [\"Hooli\", \"senior\"]\n"),
        "{q}"
    );
    let o = prepbook(dir, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("error"), "{err}");
    // The only warnings are the coach's, and right: these answers and stories are short, and
    // one result says "a day a week to about an hour" with no figure. A Reflection saying what
    // one would do next time is not hypothetical.
    for line in err.lines().filter(|l| l.contains("warning:")) {
        assert!(
            line.ends_with("[speaking-time]")
                || line.ends_with("the Result section has no figure [no-figure]")
                    && line.contains("convinced-the-team"),
            "unexpected warning: {line}\n{err}"
        );
    }
    assert!(stdout(&o).contains("26 questions"), "{}", stdout(&o));
    let out = build_ok(dir);

    // Each tag lists exactly its questions: those of the guide's lists and the spreadsheet's.
    let acme = read(&out.join("tags/acme.html"));
    for q in [
        "disagreed-with-your-manager",
        "conflict-with-another-team",
        "said-no-to-a-senior-stakeholder",
        "migration-nobody-wanted",
        "changed-how-your-organisation-works",
    ] {
        assert!(
            acme.contains(&format!("../questions/{q}.html")),
            "{q}\n{acme}"
        );
    }
    assert!(!acme.contains("asked-for-help"), "{acme}");
    assert!(acme.contains("8 questions"), "{acme}");
    let hooli = read(&out.join("tags/hooli.html"));
    assert!(hooli.contains("8 questions"), "{hooli}");
    let senior = read(&out.join("tags/senior.html"));
    assert!(senior.contains("../questions/took-over-something-failing.html"));
    assert!(
        senior.contains("../questions/tell-me-about-a-time-you-owned-a-production-incident.html")
    );
    assert!(senior.contains("../stories/billing-page-ship-the-safe-part.html"));
    assert!(!senior.contains("migration-nobody-wanted"), "{senior}");
    // Inline Markdown and entities in question texts, as the guide wrote them.
    let q = read(&out.join("questions/conflict-with-another-team.html"));
    assert!(
        q.contains("<code>&lt;team&gt;</code>: how was it resolved?"),
        "{q}"
    );
    let q = read(&out.join("questions/said-no-to-a-senior-stakeholder.html"));
    assert!(
        q.contains("said &quot;no&quot; to a senior") || q.contains("said \"no\" to a senior"),
        "{q}"
    );

    // The STARR answer shows its optional Reflection; the one without it does not.
    let starr = read(&out.join("questions/disagreed-with-your-manager.html"));
    assert!(starr.contains(">Reflection</h"), "{starr}");
    assert!(starr.contains("two weeks earlier"), "{starr}");
    let without = read(&out.join("questions/took-over-something-failing.html"));
    assert!(without.contains("1.5 times a week"), "{without}");
    assert!(!without.contains(">Reflection</h"), "{without}");
    let carl = read(&out.join("questions/mistake-in-your-first-year.html"));
    assert!(carl.contains(">Learning</h"), "{carl}");
    let story = read(&out.join("stories/mentoring-paris-team-s-first-hire.html"));
    assert!(
        story.contains("Mentoring «\u{a0}Paris\u{a0}» team"),
        "{story}"
    );
    assert!(story.contains(">Reflection</h"), "{story}");

    // The guide page links to the generated pages, which exist, and shows its wide image.
    let page = read(&out.join("how-interviews-are-scored.html"));
    for target in ["questions.html", "practice.html", "images/levels.svg"] {
        assert!(page.contains(&format!("=\"{target}")), "{target}\n{page}");
        assert!(out.join(target).is_file(), "{target}");
    }
    assert!(page.contains("<table"), "{page}");
}

/// The guide page and a principle with a table fit a phone and a desktop (the 1,360 px
/// image scales down), and search finds questions and stories by a word from them.
#[test]
fn the_converted_guide_fits_the_screen_and_is_searchable() {
    let tmp = converted_guide();
    let out = build_ok(tmp.path());
    let out = out.to_str().unwrap();
    crate::browser::run_browser_script(
        "fit.test.mjs",
        &[
            out,
            "how-interviews-are-scored.html",
            "principles/ownership.html",
        ],
    );
    let cases = repo().join("tests/data/relevance/real-guide.json");
    crate::browser::run_browser_script("relevance.test.mjs", &[out, cases.to_str().unwrap()]);
}
