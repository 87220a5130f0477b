//! Frameworks declared in book.toml (STARR with an optional step, CARL): answers and stories
//! checked against them, coached by their roles, shown on pages, sheets, print, practice and
//! EPUB, imported from CSV; and every mistake in a declaration or an answer reported with its
//! file and line.

use std::path::Path;

use crate::harness::*;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(dir: &Path, rel: &str, text: &str) {
    std::fs::write(dir.join(rel), text).unwrap();
}

/// Rewrites one file of the handbook in `dir`, replacing `from` (which must be there).
fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let text = read(&dir.join(rel));
    assert!(text.contains(from), "{rel} has no `{from}`");
    write(dir, rel, &text.replacen(from, to, 1));
}

/// `prepbook check` in `dir`, which must fail; its error output.
fn check_fails(dir: &Path) -> String {
    let o = prepbook(dir, &["check"]);
    assert!(!o.status.success(), "check passed:\n{}", stdout(&o));
    stderr(&o)
}

#[test]
fn declared_frameworks_build_and_show_everywhere() {
    let tmp = fixture_copy("frameworks", "declared");
    let out = build_ok(tmp.path());

    let page = read(&out.join("questions/qa.html"));
    assert!(
        page.contains("<span class=\"badge\">STARR</span>"),
        "{page}"
    );
    assert!(page.contains("class=\"answer framework-starr\""));
    assert!(
        page.contains("<h4 id=\"answer-qa-starr-reflection\" class=\"step-label\">Reflection</h4>"),
        "the optional step is shown"
    );
    assert!(page.contains("a daily check of open returns"));
    // The answer without the optional step builds too, and shows none.
    assert!(page.contains("id=\"answer-qa-starr-short-result\""));
    assert!(!page.contains("answer-qa-starr-short-reflection"));

    let story = read(&out.join("stories/launch.html"));
    assert!(story.contains("CARL"), "{story}");
    assert!(story.contains("id=\"story-learning\""));

    // The sheets teach every framework, the optional step in parentheses.
    let sheet = read(&out.join("cheatsheets/alpha.html"));
    assert!(
        sheet.contains("<p><strong>STAR</strong> Situation → Task → Action → Result</p>"),
        "the built-in ones stay"
    );
    assert!(
        sheet.contains(
            "<p><strong>STARR</strong> Situation → Task → Action → Result → (Reflection)</p>"
        ),
        "{sheet}"
    );
    assert!(sheet.contains("<p><strong>CARL</strong> Context → Action → Result → Learning</p>"));
    assert!(read(&out.join("overview.html")).contains("<strong>CARL</strong>"));
    // With no short telling, the sheet tells the story by its declared result step.
    assert!(sheet.contains("The launch went out on the planned date"));

    let print = read(&out.join("print.html"));
    assert!(print.contains("Sample answer (STARR)"));
    assert!(print.contains(">Reflection<"));

    let stories = read(&out.join("stories.html"));
    assert!(stories
        .contains("<dt id=\"framework-starr\"><strong>STARR</strong> <code>starr</code></dt>"));
    assert!(stories.contains(
        "Situation → Task → Action → Result → Reflection <span class=\"badge badge-quiet\">optional</span>"
    ));
    assert!(stories.contains("STAR, then what you would keep or change next time."));
    assert!(stories
        .contains("<dt id=\"framework-spsil\"><strong>SPSIL</strong> <code>spsil</code></dt>"));

    // The answers' steps are in the practice details files, loaded as questions are shown.
    let practice: String = std::fs::read_dir(out.join("practice"))
        .unwrap()
        .map(|e| read(&e.unwrap().path()))
        .collect();
    assert!(practice.contains("Reflection") && practice.contains("STARR"));

    let all = epub_text(tmp.path());
    assert!(all.contains("Sample answer (STARR)"), "EPUB");
    assert!(
        all.contains("<p class=\"step-label\">Reflection</p>"),
        "EPUB"
    );
}

#[test]
fn the_coach_reads_the_declared_result_step() {
    let tmp = fixture_copy("frameworks", "declared");
    let o = prepbook(tmp.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/launch.md:12:1: warning: story: the Result section has no figure [no-figure]"),
        "{err}"
    );
    // Name another step as the result, and the coach looks there instead.
    edit(
        tmp.path(),
        "book.toml",
        "Learning\"]\nresult = \"Result\"",
        "Learning\"]\nresult = \"Learning\"",
    );
    let err = stderr(&prepbook(tmp.path(), &["check"]));
    assert!(
        err.contains("content/stories/launch.md:15:1: warning: story: the Learning section has no figure [no-figure]"),
        "{err}"
    );
    assert!(!err.contains("the Result section"), "{err}");
}

#[test]
fn answers_are_checked_against_the_declared_steps() {
    let tmp = fixture_copy("frameworks", "declared");
    let dir = tmp.path();
    let answer = "content/answers/qa-starr-short.md";
    // A required step missing.
    let text = read(&dir.join(answer));
    let without_task = text.replacen("## Task\n", "", 1).replacen(
        "I had to bring the first reply time back under a day while two of the four agents were away.\n\n",
        "",
        1,
    );
    write(dir, answer, &without_task);
    let err = check_fails(dir);
    assert!(
        err.contains(&format!("{answer}:5:1: error: missing section `Task`\n  help: add a `## Task` section; STARR answers have the sections Situation, Task, Action, Result, Reflection (optional), in this order, each as a `## ` heading")),
        "{err}"
    );
    // Two steps out of order.
    write(
        dir,
        answer,
        &text.replacen("## Action\n", "## Acting\n", 1).replacen(
            "## Situation",
            "## Reflection",
            1,
        ),
    );
    let err = check_fails(dir);
    assert!(
        err.contains(&format!(
            "{answer}:11:1: error: `Acting` is not a section of a STARR answer\n  help: did you mean `## Action`? STARR answers have the sections Situation, Task, Action, Result, Reflection (optional)"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{answer}:8:1: error: section `Task` is out of order: it must come before `Reflection`"
        )),
        "{err}"
    );
    // A section of another framework.
    write(dir, answer, &text.replacen("## Task", "## Learning", 1));
    let err = check_fails(dir);
    assert!(
        err.contains(&format!(
            "{answer}:8:1: error: `Learning` is not a section of a STARR answer"
        )),
        "{err}"
    );
    // An unknown framework lists the declared ones.
    write(
        dir,
        answer,
        &text.replacen("framework: starr", "framework: star-r", 1),
    );
    let err = check_fails(dir);
    assert!(
        err.contains(
            "help: did you mean `starr`? Valid framework ids: star, spsil, soar, starr, carl"
        ),
        "{err}"
    );
}

#[test]
fn bad_declarations_are_reported_with_their_line() {
    let tmp = fixture_copy("frameworks", "declared");
    let dir = tmp.path();
    edit(
        dir,
        "book.toml",
        "result = \"Result\"\nobstacle",
        "result = \"Outcome\"\nobstacle",
    );
    edit(
        dir,
        "book.toml",
        "[\"Context\", \"Action\", \"Result\", \"Learning\"]",
        "[]",
    );
    let err = check_fails(dir);
    assert!(
        err.contains("book.toml:7:10: error: `result` of framework `starr` is `Outcome`, which is not one of its steps\n  help: name one of the steps of `starr`: Situation, Task, Action, Result, Reflection"),
        "{err}"
    );
    assert!(
        err.contains("book.toml:13:9: error: framework `carl` has no steps"),
        "{err}"
    );
    // A step twice, and a table declared twice.
    let tmp = fixture_copy("frameworks", "declared");
    let dir = tmp.path();
    edit(
        dir,
        "book.toml",
        "\"Result\", \"Learning\"",
        "\"Result\", \"result\"",
    );
    let err = check_fails(dir);
    assert!(
        err.contains("book.toml:13:41: error: step `result` appears twice in framework `carl`"),
        "{err}"
    );
    edit(dir, "book.toml", "[frameworks.carl]", "[frameworks.starr]");
    let err = check_fails(dir);
    assert!(
        err.contains("book.toml:11:13: error: duplicate key `starr`: it is already set above\n  help: write each key and each table once; merge the two"),
        "{err}"
    );
}

#[test]
fn stories_import_with_the_declared_step_columns() {
    let tmp = fixture_copy("frameworks", "declared");
    let dir = tmp.path();
    write(
        dir,
        "s.csv",
        "title,principles,framework,context,action,result,learning,situation,task,reflection\n\
         Moved the checkout,alpha,CARL,Our payment provider dropped our currency two weeks before launch.,I moved the checkout to a new provider in five days.,The launch shipped on time for 40000 customers.,I keep a second provider ready now.,,,\n\
         Fixed the queue,alpha,starr,,,The first reply time fell from three days to eleven hours.,,I looked after the support queue in the busy season.,I had to bring the reply time under a day.,\n",
    );
    let o = prepbook(dir, &["import", "stories", "s.csv"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("s.csv:3:5: error: the `action` cell is empty\n  help: STARR stories need Situation, Task, Action, Result"),
        "{err}"
    );
    assert!(
        !err.contains("reflection"),
        "an optional step may be left empty: {err}"
    );
    edit(
        dir,
        "s.csv",
        "starr,,,The first",
        "starr,,I sorted the queue by topic each morning.,The first",
    );
    let o = prepbook(dir, &["import", "stories", "s.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let carl = read(&dir.join("content/stories/moved-the-checkout.md"));
    assert!(carl.contains("framework: carl\n"), "{carl}");
    assert!(
        carl.contains("## Context\n\nOur payment provider"),
        "{carl}"
    );
    assert!(carl.contains("## Learning\n\nI keep"), "{carl}");
    let starr = read(&dir.join("content/stories/fixed-the-queue.md"));
    assert!(!starr.contains("Reflection"), "{starr}");
    build_ok(dir);
}
