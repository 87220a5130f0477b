//! `prepbook import`: question and story files from CSV, bad rows named by row and column,
//! nothing written when any row is bad, and no file ever overwritten.

use std::path::Path;
use std::process::Output;

use crate::harness::*;

/// Writes `csv` to `file` in `dir`, then runs `prepbook import KIND FILE` with `args` there.
fn import(dir: &Path, kind: &str, file: &str, csv: &str, args: &[&str]) -> Output {
    std::fs::write(dir.join(file), csv).unwrap();
    let mut all = vec!["import", kind, file];
    all.extend_from_slice(args);
    prepbook(dir, &all)
}

fn starter() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("book");
    assert!(prepbook(tmp.path(), &["init", "book"]).status.success());
    (tmp, dir)
}

#[test]
fn questions_and_stories_from_csv_build_as_they_are() {
    let (_tmp, dir) = starter();
    let o = import(
        &dir,
        "questions",
        "questions.csv",
        "Question,Principles,Follow-ups,Priority,Company\n\
         \"Tell me about a time you failed: what happened?\",\"ownership, customer-focus\",\"What did you learn?\nWould you do it again?\",1,Acme\n\
         Why _this_ role?,ownership,,,Acme\n",
        &[],
    );
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

    let o = import(
        &dir,
        "stories",
        "stories.csv",
        "title,principles,situation,task,action,result,figures\n\
         Rescued the launch,ownership,\"Our launch slipped, \"\"badly\"\".\",I had to bring it back.,I cut scope with the customer.,We shipped 10 days later.,10 days; 40% fewer defects\n",
        &[],
    );
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
    let err = stderr(&import(
        &dir,
        "stories",
        "s.csv",
        "title,principles,situation,task,action\nA,ownership,x,y,\n",
        &[],
    ));
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
    let err = stderr(&import(
        &dir,
        "stories",
        "s.csv",
        "title,principles,situation,task,action,result\r\nA,ownership,x,y,z,w\r\n\"B\r\nmore\",nope,x,y,z,w\r\n",
        &[],
    ));
    assert!(
        err.contains("s.csv:3:2: error: unknown principle `nope`"),
        "{err}"
    );
}

/// A spreadsheet names principles as people write them: `Ownership`, `Customer Focus`.
#[test]
fn principles_written_as_titles_are_imported_as_their_ids() {
    let (_tmp, dir) = starter();
    let o = import(
        &dir,
        "questions",
        "q.csv",
        "question,principles\nWhy us?,\"Ownership; Customer Focus\"\n",
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let q = std::fs::read_to_string(dir.join("content/questions/why-us.md")).unwrap();
    assert!(
        q.contains("principles: [ownership, customer-focus]\n"),
        "{q}"
    );
}

/// A spreadsheet keeps its own headers: `--column` reads `Focus area` as the principles and
/// both `Company` and `Level` as tags, merged in the file's order with each tag once.
#[test]
fn columns_are_read_as_the_fields_the_flags_name() {
    let (_tmp, dir) = starter();
    std::fs::write(
        dir.join("q.csv"),
        "Question,Focus area,Company,Level\n\
         Why us?,Ownership,Acme,senior\n\
         Why now?,ownership,\"Acme; Hooli\",acme\n",
    )
    .unwrap();
    let o = prepbook(
        &dir,
        &[
            "import",
            "questions",
            "q.csv",
            "--column",
            "focus-area=principles",
            "--column",
            "Company=tags",
            "--column",
            "LEVEL=tag",
        ],
    );
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let q = std::fs::read_to_string(dir.join("content/questions/why-us.md")).unwrap();
    assert!(
        q.contains("principles: [ownership]\ntags: [\"Acme\", \"senior\"]\n"),
        "{q}"
    );
    let q = std::fs::read_to_string(dir.join("content/questions/why-now.md")).unwrap();
    assert!(q.contains("tags: [\"Acme\", \"Hooli\"]\n"), "{q}");
    let out = build_ok(&dir);
    let acme = std::fs::read_to_string(out.join("tags/acme.html")).unwrap();
    assert!(acme.contains("../questions/why-us.html"), "{acme}");
    assert!(acme.contains("../questions/why-now.html"), "{acme}");
    assert!(out.join("tags/senior.html").is_file());
}

/// A mapping naming a column the file lacks or a field that does not exist stops the import
/// with both problems, the file's headers and the fields listed; nothing is written.
#[test]
fn a_bad_column_mapping_names_the_headers_or_the_fields() {
    let (_tmp, dir) = starter();
    std::fs::write(
        dir.join("q.csv"),
        "Question,Focus area,Company\nWhy us?,ownership,Acme\n",
    )
    .unwrap();
    let o = prepbook(
        &dir,
        &[
            "import",
            "questions",
            "q.csv",
            "--column",
            "Compnay=tags",
            "--column",
            "Focus area=principle",
            "--column",
            "Company=tagz",
        ],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    for e in [
        "error: `--column Compnay=tags`: q.csv has no column `Compnay`\n  \
         help: did you mean `Company`? The file's columns are `Question`, `Focus area`, `Company`",
        "error: `--column Company=tagz`: there is no field `tagz` to read a column as\n  \
         help: did you mean `tags`? The fields are question, principles, follow_ups, stage, role, priority, tags",
        "error: 2 problems found; nothing was written",
    ] {
        assert_eq!(err.matches(e).count(), 1, "`{e}` not reported once:\n{err}");
    }
    assert!(!dir.join("content/questions/why-us.md").exists());

    // Not HEADER=FIELD at all: a usage error before anything is read.
    let o = prepbook(
        &dir,
        &["import", "questions", "q.csv", "--column", "Company"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`Company` is not HEADER=FIELD"),
        "{}",
        stderr(&o)
    );
    // Without a mapping, the missing column's help says how to read the one that is there.
    let err = stderr(&prepbook(&dir, &["import", "stories", "q.csv"]));
    assert!(err.contains("q.csv:1:1: error: no `title` column"), "{err}");
    assert!(
        err.contains("add a column `title`, or read one of the file's columns (`Question`, `Focus area`, `Company`) as it with `--column HEADER=title`"),
        "{err}"
    );
}

/// A handbook that calls a principle a "focus area" reads its principles from a column of
/// that name, for questions and stories, with no flag.
#[test]
fn the_handbooks_word_for_a_principle_names_the_principles_column() {
    let (_tmp, dir) = starter();
    let toml = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        format!("{toml}\n[strings]\nprinciple = \"focus area\"\nprinciples = \"focus areas\"\n"),
    )
    .unwrap();
    let o = import(
        &dir,
        "questions",
        "q.csv",
        "Question,Focus Area\nWhy us?,Ownership\n",
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let q = std::fs::read_to_string(dir.join("content/questions/why-us.md")).unwrap();
    assert!(q.contains("principles: [ownership]\n"), "{q}");
    let err = stderr(&import(
        &dir,
        "stories",
        "s.csv",
        "title,focus-areas,situation,task,action,result\nA,nope,x,y,z,w\n",
        &[],
    ));
    assert!(
        err.contains("s.csv:2:2: error: unknown principle `nope` in column `focus_areas`"),
        "{err}"
    );
}

/// A filled cell of a step the row's framework does not have would be lost: the row is an
/// error naming the framework's steps and the framework that has the step.
#[test]
fn a_filled_step_cell_the_framework_lacks_is_not_dropped() {
    let (_tmp, dir) = starter();
    let o = import(
        &dir,
        "stories",
        "s.csv",
        "title,principles,framework,situation,task,action,result,lessons\n\
         Lost,ownership,,a,b,c,d,What I would change.\n",
        &[],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "s.csv:2:8: error: the `lessons` cell would not be imported: a STAR story has no Lessons step\n  \
             help: STAR stories have the steps Situation, Task, Action, Result; set the row's `framework` cell to spsil to keep it, or empty the cell"
        ),
        "{err}"
    );
    assert!(!dir.join("content/stories/lost.md").exists());
}

/// An unknown framework is reported in the column the file has (named as columns are in
/// messages), also when `--column` read another header as the framework.
#[test]
fn an_unknown_framework_names_the_column_the_file_has() {
    let (_tmp, dir) = starter();
    let o = import(
        &dir,
        "stories",
        "s.csv",
        "title,principles,Method,situation,task,action,result\n\
         Lost,ownership,STARZ,a,b,c,d\n",
        &["--column", "Method=framework"],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("s.csv:2:3: error: unknown framework `STARZ` in column `method`"),
        "{err}"
    );
}
