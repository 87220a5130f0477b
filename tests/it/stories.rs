//! The reader's stories: pages, the coverage matrix (page and `prepbook check`), the coach's
//! warnings, and stories on principle, question and cheat-sheet pages.

use crate::harness::*;

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn full_coverage_meets_the_target() {
    let tmp = fixture_copy("stories", "full-coverage");
    let o = prepbook(tmp.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "No problems found: 2 principles, 2 questions, 0 sample answers, 0 tips, 0 pages, 2 stories\n\
         Story coverage (2 stories, target 2 per principle):\n  \
         Alpha  2 (1 primary)  ok\n  \
         Beta   2 (1 primary)  ok\n"
    );
    let out = build_ok(tmp.path());
    let page = read(&out.join("coverage.html"));
    assert!(page.contains("Every principle meets the target."));
    assert!(!page.contains("under-target"));
    assert_eq!(page.matches("class=\"cell-primary\"").count(), 2);
    assert_eq!(page.matches("class=\"cell-secondary\"").count(), 2);
}

#[test]
fn gaps_are_flagged() {
    let tmp = fixture_copy("stories", "gaps");
    let o = prepbook(tmp.path(), &["check"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("  Alpha  1 (1 primary)  under target (1 more needed)\n"),
        "{out}"
    );
    assert!(
        out.contains("  Gamma  0 (0 primary)  under target (2 more needed)\n"),
        "{out}"
    );
    let page = read(&build_ok(tmp.path()).join("coverage.html"));
    assert!(page.contains("3 principles under target."), "{page}");
    assert_eq!(page.matches("<tr class=\"under-target\">").count(), 3);
}

#[test]
fn a_story_covering_nothing_is_flagged() {
    let tmp = fixture_copy("stories", "uncovered-story");
    let o = prepbook(tmp.path(), &["check"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("content/stories/loose.md: the story \"A story with no principle yet\" covers no principle"),
        "{}",
        stdout(&o)
    );
    let out = build_ok(tmp.path());
    let page = read(&out.join("coverage.html"));
    assert!(page.contains("Stories that cover no principle"));
    assert!(page.contains("href=\"stories/loose.html\""));
    assert!(read(&out.join("stories.html")).contains("covers no principle"));
}

#[test]
fn stories_appear_on_their_principles_questions_and_sheets() {
    let tmp = fixture_copy("stories", "full-coverage");
    let out = build_ok(tmp.path());
    let story = read(&out.join("stories/s1.html"));
    assert!(story.contains("<h1>Rebuilt the returns desk</h1>"));
    assert!(story.contains("$12,000 saved"));
    assert!(
        story.contains("href=\"../questions/qb.html\""),
        "declared question missing"
    );
    let alpha = read(&out.join("principles/alpha.html"));
    assert!(alpha.contains("id=\"stories\""));
    assert!(alpha.contains("href=\"../stories/s1.html\""));
    assert!(alpha.contains("href=\"../stories/s2.html\""));
    // qb is declared by s1 and tests beta, which s2 shows first.
    let qb = read(&out.join("questions/qb.html"));
    assert!(
        qb.contains("href=\"../stories/s1.html\"") && qb.contains("href=\"../stories/s2.html\"")
    );
    let sheet = read(&out.join("cheatsheets/alpha.html"));
    assert!(sheet.contains("My stories for Alpha"));
    assert!(sheet.contains("<strong>Rebuilt the returns desk</strong>"));
    assert!(
        !sheet.contains("class=\"ruled\""),
        "the empty story lines are still there"
    );
    let data = read(&out.join("practice/data.js"));
    assert!(data.starts_with("window.prepbookPracticeData = JSON.parse('"));
    assert!(data.contains("\"story_count\":"));
    // The story comes with the details of the questions it answers, not with the list.
    assert!(!data.contains("Rebuilt the returns desk"));
    let details = read(&out.join("practice/details-0.js"));
    assert!(details.starts_with(
        "(window.prepbookPracticeDetails = window.prepbookPracticeDetails || {})[0] = JSON.parse('"
    ));
    assert!(details.contains("Rebuilt the returns desk"));
}

#[test]
fn the_coach_warns_with_file_and_line_and_pages_show_the_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("h");
    assert!(prepbook(tmp.path(), &["init", "h"]).status.success());
    let answer = dir.join("content/answers/customer-request-said-no-support.md");
    let text = read(&answer).replace(
        "The customer had their weekly report within two days, renewed for three years, and the\nrelease shipped on time. Two other clinics adopted the same saved report that quarter.",
        "We were happy and we felt we had done well as a team, so we moved on.",
    );
    std::fs::write(&answer, text).unwrap();
    let o = prepbook(&dir, &["check"]);
    assert!(o.status.success(), "warnings must not fail a check");
    let err = stderr(&o);
    assert!(
        err.contains("content/answers/customer-request-said-no-support.md:22:1: warning: sample answer: the Result section has no figure [no-figure]"),
        "{err}"
    );
    assert!(err.contains("help: give the outcome a number"), "{err}");
    // A built site shows the notes only when the author asks.
    let out = build_ok(&dir);
    assert!(!read(&out.join("questions/customer-request-said-no.html")).contains("coach-notes"));
    let toml = read(&dir.join("book.toml"));
    assert!(
        toml.contains("# show = true"),
        "init's book.toml shows the setting"
    );
    std::fs::write(
        dir.join("book.toml"),
        toml.replace("# show = true", "show = true"),
    )
    .unwrap();
    let out = build_ok(&dir);
    let page = read(&out.join("questions/customer-request-said-no.html"));
    assert!(page.contains("class=\"coach-notes\""));
    assert!(page.contains("The Result section has no figure."));
}

#[test]
fn init_includes_an_example_story() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(prepbook(tmp.path(), &["init", "h"]).status.success());
    let out = build_ok(&tmp.path().join("h"));
    assert!(read(&out.join("stories/saved-the-clinic-launch.html"))
        .contains("40 clinicians onboarded on time"));
    assert!(
        read(&out.join("stories.html")).contains("href=\"stories/saved-the-clinic-launch.html\"")
    );
}
