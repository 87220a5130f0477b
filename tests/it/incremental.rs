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
            Box::new(|c| {
                replace(
                    &c.join("questions/q1.md"),
                    "---\n",
                    "---\ntags: [acme, senior]\n",
                )
            }),
            vec!["questions/q1.md"],
        ),
        (
            "the same tag spelt otherwise",
            Box::new(|c| replace(&c.join("questions/q2.md"), "---\n", "---\ntags: [ACME]\n")),
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
