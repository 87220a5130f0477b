//! A load that reuses what an earlier load worked out (the dev server's, between saves) gives
//! the same handbook and the same problems as a load from scratch, whatever changed.

use std::path::Path;

use crate::harness::*;

/// The handbook (or the problems) of a load, as text to compare.
fn outcome(r: Result<prepbook::Loaded, prepbook::Error>) -> String {
    match r {
        Ok(l) => format!("{:#?}\n{}", l.handbook, l.warnings),
        Err(e) => format!("error: {e}"),
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    write(path, &text.replace(from, to));
}

/// Adds `line` at the top of the file's front matter (after the opening fence only).
fn front_matter_line(path: &Path, line: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text
        .strip_prefix("---\n")
        .expect("the file opens with front matter");
    write(path, &format!("---\n{line}\n{rest}"));
}

#[test]
fn a_load_that_reuses_earlier_work_equals_a_fresh_load_after_every_kind_of_change() {
    let tmp = fixture_copy("valid", "full");
    let dir = tmp.path();
    let c = dir.join("content");
    let mut memo = prepbook::Memo::default();
    let check = |memo: &mut prepbook::Memo, what: &str| {
        let again = outcome(prepbook::load_with(dir, Some(memo)));
        let fresh = outcome(prepbook::load(dir));
        assert!(
            again == fresh,
            "after {what}:\n{again}\n--- fresh:\n{fresh}"
        );
    };
    check(&mut memo, "the first load");
    let q9 = "---\nquestion: \"What would you change first?\"\nprinciples: [ownership]\n---\nStart small.\n";
    // Each change, and the paths the watcher reports for it.
    type Change = Box<dyn Fn(&Path)>;
    let changes: Vec<(&str, Change, Vec<&str>)> = vec![
        ("nothing", Box::new(|_| {}), vec![]),
        (
            "a question's text",
            Box::new(|c| replace(&c.join("questions/q2.md"), "---\n", "---\npriority: 1\n")),
            vec!["questions/q2.md"],
        ),
        (
            "an answer's section",
            Box::new(|c| {
                replace(
                    &c.join("answers/q2-spsil.md"),
                    "S.",
                    "The situation, told again.",
                )
            }),
            vec!["answers/q2-spsil.md"],
        ),
        (
            "a principle's body",
            Box::new(|c| {
                replace(
                    &c.join("principles/ownership.md"),
                    "Owners finish the job.",
                    "Owners finish the job, every time.",
                )
            }),
            vec!["principles/ownership.md"],
        ),
        (
            "a broken front matter",
            Box::new(|c| replace(&c.join("tips/owners.md"), "---\n", "---\nbogus: 1\n")),
            vec!["tips/owners.md"],
        ),
        (
            "the fix",
            Box::new(|c| replace(&c.join("tips/owners.md"), "bogus: 1\n", "")),
            vec!["tips/owners.md"],
        ),
        (
            "a tag added",
            Box::new(|c| front_matter_line(&c.join("questions/q1.md"), "tags: [acme, senior]")),
            vec!["questions/q1.md"],
        ),
        (
            "the same tag spelt otherwise",
            Box::new(|c| front_matter_line(&c.join("questions/q2.md"), "tags: [ACME]")),
            vec!["questions/q2.md"],
        ),
        (
            "a link to a file that goes away",
            Box::new(|c| {
                std::fs::rename(c.join("pages/process.md"), c.join("pages/process2.md")).unwrap()
            }),
            vec!["pages/process.md", "pages/process2.md"],
        ),
        (
            "the file back",
            Box::new(|c| {
                std::fs::rename(c.join("pages/process2.md"), c.join("pages/process.md")).unwrap()
            }),
            vec!["pages/process2.md", "pages/process.md"],
        ),
        (
            "a new question",
            Box::new(move |c| write(&c.join("questions/q9.md"), q9)),
            vec!["questions/q9.md"],
        ),
        (
            "a question deleted",
            Box::new(|c| std::fs::remove_file(c.join("questions/q9.md")).unwrap()),
            vec!["questions/q9.md"],
        ),
        (
            "an image replaced",
            Box::new(|c| {
                write(
                    &c.join("images/flow.svg"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                )
            }),
            vec!["images/flow.svg"],
        ),
        (
            "a folder of tips moved away",
            Box::new(|c| std::fs::rename(c.join("tips"), c.join(".tips-aside")).unwrap()),
            vec!["tips", ".tips-aside"],
        ),
        (
            "the folder back",
            Box::new(|c| std::fs::rename(c.join(".tips-aside"), c.join("tips")).unwrap()),
            vec![".tips-aside", "tips"],
        ),
        (
            "a swap file",
            Box::new(|c| write(&c.join("questions/.q1.md.swp"), "x")),
            vec!["questions/.q1.md.swp"],
        ),
        (
            "a file outside the kinds' folders",
            Box::new(|c| write(&c.join("loose.md"), "# Loose\n")),
            vec!["loose.md"],
        ),
        (
            "that file gone",
            Box::new(|c| std::fs::remove_file(c.join("loose.md")).unwrap()),
            vec!["loose.md"],
        ),
    ];
    for (what, change, paths) in changes {
        change(&c);
        let paths: Vec<std::path::PathBuf> = paths.iter().map(|p| c.join(p)).collect();
        memo.mark_changed(paths.iter().map(|p| p.as_path()));
        check(&mut memo, what);
    }
    // Changes the watcher did not report are found by a walk, when it says it lost some.
    replace(
        &c.join("principles/ownership.md"),
        "every time",
        "each time",
    );
    write(&c.join("questions/q8.md"), q9);
    memo.walk_again();
    check(&mut memo, "changes the watcher lost");
}

/// On a file system whose times are coarse, a save of the same length in the same second
/// looks unchanged; the path the watcher reported is read again all the same.
#[test]
fn a_save_that_keeps_size_and_time_is_read_again_when_the_watcher_saw_it() {
    let tmp = fixture_copy("valid", "full");
    let dir = tmp.path();
    let file = dir.join("content/principles/ownership.md");
    let mut memo = prepbook::Memo::default();
    prepbook::load_with(dir, Some(&mut memo)).unwrap();
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    replace(&file, "Owners finish the job.", "Owners finish the jog.");
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    memo.mark_changed([file.as_path()]);
    let again = outcome(prepbook::load_with(dir, Some(&mut memo)));
    assert!(
        again.contains("finish the jog"),
        "the save was not read again"
    );
    assert_eq!(again, outcome(prepbook::load(dir)));
}

/// The search index files as paths and bytes, to compare.
fn index_bytes(files: Vec<prepbook::OutputFile>) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|f| match f.contents {
            prepbook::artifact::Contents::Owned(b) => (f.path, b),
            _ => panic!("{} is not made in memory", f.path),
        })
        .collect();
    out.sort();
    out
}

/// The index made with the dev server's memo is the index of a clean build after each change,
/// and only the documents whose text changed are tokenized again.
#[test]
fn a_search_index_that_reuses_earlier_counts_equals_a_fresh_one() {
    let tmp = fixture_copy("valid", "full");
    let dir = tmp.path();
    let c = dir.join("content");
    let mut memo = prepbook::Memo::default();
    // The documents tokenized for the index after `what`, checked against a clean index.
    let mut counted = |what: &str, paths: &[&str]| {
        let paths: Vec<std::path::PathBuf> = paths.iter().map(|p| c.join(p)).collect();
        memo.mark_changed(paths.iter().map(|p| p.as_path()));
        let loaded = prepbook::load_with(dir, Some(&mut memo)).unwrap();
        let (files, stats) = loaded.search_files();
        let fresh = prepbook::search::files(&prepbook::load(dir).unwrap().handbook).0;
        assert!(
            index_bytes(files) == index_bytes(fresh),
            "after {what}, the index differs from a clean one"
        );
        (stats.counted, stats.docs)
    };
    let (first, docs) = counted("the first load", &[]);
    assert!(docs > 8 && first == docs, "{first} of {docs}");
    assert_eq!(counted("nothing", &[]).0, 0);
    // Its sample answer is titled with the question: both are counted again.
    let q2 = "questions/q2.md";
    replace(&c.join(q2), "nobody assigned", "no one owned");
    assert_eq!(counted("a question's text", &[q2]).0, 2);
    // The stage is not searched: nothing to count, the index the same.
    replace(&c.join(q2), "stage: phone-screen\n", "");
    assert_eq!(counted("a question's stage", &[q2]).0, 0);
    let answer = "answers/q2-spsil.md";
    replace(&c.join(answer), "S.", "The situation, told again.");
    assert_eq!(counted("an answer's section", &[answer]).0, 1);
    // A tag changes the filter lists, not the terms.
    replace(
        &c.join(q2),
        "principles: ownership\n",
        "principles: ownership\ntags: [acme]\n",
    );
    assert_eq!(counted("a tag", &[q2]).0, 0);
    let q9 = "questions/q9.md";
    write(
        &c.join(q9),
        "---\nquestion: \"What would you change first?\"\nprinciples: [ownership]\n---\nStart small.\n",
    );
    assert_eq!(counted("a new question", &[q9]).0, 1);
    std::fs::remove_file(c.join(q9)).unwrap();
    assert_eq!(counted("a question deleted", &[q9]).0, 0);
    std::fs::remove_file(c.join(answer)).unwrap();
    assert_eq!(counted("an answer deleted", &[answer]).0, 0);
    // Another language has other stems and stop words: a fresh memo counts everything.
    replace(
        &dir.join("book.toml"),
        "title = \"Fixture handbook\"",
        "title = \"Fixture handbook\"\nlanguage = \"fr\"",
    );
    let (after, docs) = counted("a language change", &[]);
    assert_eq!(after, docs);
    assert_eq!(counted("nothing", &[]).0, 0);
}
