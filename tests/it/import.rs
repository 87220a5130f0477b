//! `prepbook import`: question and story files from CSV, bad rows named by row and column,
//! nothing written when any row is bad, and no file ever overwritten.

use crate::harness::*;

fn starter() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("book");
    assert!(prepbook(tmp.path(), &["init", "book"]).status.success());
    (tmp, dir)
}

#[test]
fn questions_and_stories_from_csv_build_as_they_are() {
    let (_tmp, dir) = starter();
    std::fs::write(
        dir.join("questions.csv"),
        "Question,Principles,Follow-ups,Priority,Company\n\
         \"Tell me about a time you failed: what happened?\",\"ownership, customer-focus\",\"What did you learn?\nWould you do it again?\",1,Acme\n\
         Why _this_ role?,ownership,,,Acme\n",
    )
    .unwrap();
    let o = prepbook(&dir, &["import", "questions", "questions.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("questions.csv:1:5: warning: column `company` is not imported"),
        "{}",
        stderr(&o)
    );
    let failed = std::fs::read_to_string(
        dir.join("content/questions/tell-me-about-a-time-you-failed-what-happened.md"),
    )
    .unwrap();
    assert_eq!(
        failed,
        "---\nquestion: \"Tell me about a time you failed: what happened?\"\nprinciples: [ownership, customer-focus]\npriority: 1\nfollow_ups:\n  - \"What did you learn?\"\n  - \"Would you do it again?\"\n---\n"
    );
    assert!(dir.join("content/questions/why-this-role.md").is_file());

    std::fs::write(
        dir.join("stories.csv"),
        "title,principles,situation,task,action,result,figures\n\
         Rescued the launch,ownership,\"Our launch slipped, \"\"badly\"\".\",I had to bring it back.,I cut scope with the customer.,We shipped 10 days later.,10 days; 40% fewer defects\n",
    )
    .unwrap();
    let o = prepbook(&dir, &["import", "stories", "stories.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let story = std::fs::read_to_string(dir.join("content/stories/rescued-the-launch.md")).unwrap();
    assert!(
        story.contains("figures: [\"10 days\", \"40% fewer defects\"]"),
        "{story}"
    );
    assert!(
        story.contains("## Situation\n\nOur launch slipped, \"badly\".\n\n## Task"),
        "{story}"
    );
    // What was imported passes check and builds.
    let o = prepbook(&dir, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = build_ok(&dir);
    let page = std::fs::read_to_string(out.join("questions/why-this-role.html")).unwrap();
    assert!(page.contains("Why <em>this</em> role?"), "{page}");
    assert!(out.join("stories/rescued-the-launch.html").is_file());
}

#[test]
fn bad_rows_are_all_reported_and_nothing_is_written() {
    let (_tmp, dir) = starter();
    std::fs::write(
        dir.join("questions.csv"),
        "question,principles,priority,stage\n\
         Good one?,ownership,2,\n\
         ,ownership,,\n\
         Unknown principle?,ownershp,,\n\
         Bad priority?,ownership,high,nowhere\n\
         \"Tell me about a time you said no to a customer request.\",ownership,,\n",
    )
    .unwrap();
    // The last row would be written over the starter's question of the same text.
    std::fs::write(
        dir.join("content/questions/tell-me-about-a-time-you-said-no-to-a-customer-request.md"),
        "---\nquestion: \"Tell me about a time you said no to a customer request.\"\nprinciples: [ownership]\n---\n",
    )
    .unwrap();
    let before_file = std::fs::read(
        dir.join("content/questions/tell-me-about-a-time-you-said-no-to-a-customer-request.md"),
    )
    .unwrap();
    let o = prepbook(&dir, &["import", "questions", "questions.csv"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for e in [
        "questions.csv:3:1: error: row has no question text",
        "questions.csv:4:2: error: unknown principle `ownershp` in column `principles`",
        "help: did you mean `ownership`?",
        "questions.csv:5:3: error: priority `high` in column `priority` is not 1 to 5",
        "questions.csv:5:4: error: unknown stage `nowhere` in column `stage`",
        "questions.csv:6:1: error: `./content/questions/tell-me-about-a-time-you-said-no-to-a-customer-request.md` already exists; it is not overwritten",
        "error: 5 problems found; nothing was written",
    ] {
        assert_eq!(err.matches(e).count(), 1, "`{e}` not reported once:\n{err}");
    }
    assert!(
        !dir.join("content/questions/good-one.md").exists(),
        "a good row was written beside bad ones"
    );
    assert_eq!(
        std::fs::read(
            dir.join("content/questions/tell-me-about-a-time-you-said-no-to-a-customer-request.md")
        )
        .unwrap(),
        before_file
    );

    // A missing required column, and a story row with an empty step.
    std::fs::write(
        dir.join("s.csv"),
        "title,principles,situation,task,action\nA,ownership,x,y,\n",
    )
    .unwrap();
    let err = stderr(&prepbook(&dir, &["import", "stories", "s.csv"]));
    assert!(
        err.contains("s.csv:2:5: error: the `action` cell is empty"),
        "{err}"
    );
    assert!(
        err.contains("s.csv:2:1: error: no `result` column for a STAR story"),
        "{err}"
    );
    std::fs::write(dir.join("n.csv"), "text,principle\n").unwrap();
    let o = prepbook(&dir, &["import", "stories", "n.csv"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("n.csv:1:1: error: no `title` column"),
        "{}",
        stderr(&o)
    );
}

/// Spreadsheets save CSV with CRLF line endings: a bad row is still named by its own line.
#[test]
fn a_row_after_crlf_line_endings_is_reported_on_its_own_line() {
    let (_tmp, dir) = starter();
    std::fs::write(
        dir.join("s.csv"),
        "title,principles,situation,task,action,result\r\nA,ownership,x,y,z,w\r\n\"B\r\nmore\",nope,x,y,z,w\r\n",
    )
    .unwrap();
    let err = stderr(&prepbook(&dir, &["import", "stories", "s.csv"]));
    assert!(
        err.contains("s.csv:3:2: error: unknown principle `nope`"),
        "{err}"
    );
}

/// A spreadsheet names principles as people write them: `Ownership`, `Customer Focus`.
#[test]
fn principles_written_as_titles_are_imported_as_their_ids() {
    let (_tmp, dir) = starter();
    std::fs::write(
        dir.join("q.csv"),
        "question,principles\nWhy us?,\"Ownership; Customer Focus\"\n",
    )
    .unwrap();
    let o = prepbook(&dir, &["import", "questions", "q.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let q = std::fs::read_to_string(dir.join("content/questions/why-us.md")).unwrap();
    assert!(
        q.contains("principles: [ownership, customer-focus]\n"),
        "{q}"
    );
}
