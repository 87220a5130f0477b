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
    type Change = Box<dyn Fn(&Path)>;
    let changes: Vec<(&str, Change)> = vec![
        ("nothing", Box::new(|_| {})),
        (
            "a question's text",
            Box::new(|c| replace(&c.join("questions/q2.md"), "---\n", "---\npriority: 1\n")),
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
        ),
        (
            "a broken front matter",
            Box::new(|c| replace(&c.join("tips/owners.md"), "---\n", "---\nbogus: 1\n")),
        ),
        (
            "the fix",
            Box::new(|c| replace(&c.join("tips/owners.md"), "bogus: 1\n", "")),
        ),
        (
            "a link to a file that goes away",
            Box::new(|c| {
                std::fs::rename(c.join("pages/process.md"), c.join("pages/process2.md")).unwrap()
            }),
        ),
        (
            "the file back",
            Box::new(|c| {
                std::fs::rename(c.join("pages/process2.md"), c.join("pages/process.md")).unwrap()
            }),
        ),
        (
            "a new question",
            Box::new(|c| {
                write(&c.join("questions/q9.md"), "---\nquestion: \"What would you change first?\"\nprinciples: [ownership]\n---\nStart small.\n")
            }),
        ),
        (
            "a question deleted",
            Box::new(|c| std::fs::remove_file(c.join("questions/q9.md")).unwrap()),
        ),
    ];
    for (what, change) in changes {
        change(&c);
        check(&mut memo, what);
    }
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
