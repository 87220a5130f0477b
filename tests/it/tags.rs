//! Tags on questions and stories: shown on their pages as links, a page per tag listing what
//! carries it, the overview, the filters' data (question index, search, practice, flashcards),
//! clear errors for bad tags, a warning for one tag spelt two ways, and `import` of a tags
//! column; the filters in the browser.

use crate::harness::*;
use std::path::{Path, PathBuf};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn question(dir: &Path, id: &str, text: &str, principles: &str, tags: &str) {
    std::fs::write(
        dir.join(format!("content/questions/{id}.md")),
        format!("---\nquestion: \"{text}\"\nprinciples: [{principles}]\n{tags}---\nHow to approach it.\n"),
    )
    .unwrap();
}

/// The starter handbook with tagged questions and a tagged story: `Google` on two questions
/// and the story, `team lead` on one question, `Senior` on another.
pub fn tagged_handbook() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("h");
    assert!(prepbook(tmp.path(), &["init", "h"]).status.success());
    question(
        &dir,
        "launch-under-pressure",
        "Tell me about a launch under pressure.",
        "ownership",
        "tags: [Google, team lead]\n",
    );
    question(
        &dir,
        "hard-customer",
        "Tell me about your hardest customer.",
        "customer-focus",
        "tags: [Google]\n",
    );
    question(
        &dir,
        "grew-a-team",
        "How did you grow a team?",
        "ownership, customer-focus",
        "tags: Senior\n",
    );
    let story = dir.join("content/stories/saved-the-clinic-launch.md");
    let text = read(&story).replacen("framework: soar\n", "framework: soar\ntags: [Google]\n", 1);
    std::fs::write(&story, text).unwrap();
    (tmp, dir)
}

#[test]
fn tags_show_on_pages_and_each_tag_lists_its_questions_and_stories() {
    let (_tmp, dir) = tagged_handbook();
    let o = prepbook(&dir, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("tag"), "{}", stderr(&o));
    let out = build_ok(&dir);

    let q = read(&out.join("questions/launch-under-pressure.html"));
    assert!(
        q.contains(r#"<a class="tag tag-label" href="../tags/google.html">#Google</a>"#),
        "{q}"
    );
    assert!(
        q.contains(r#"href="../tags/team-lead.html">#team lead</a>"#),
        "{q}"
    );
    let s = read(&out.join("stories/saved-the-clinic-launch.html"));
    assert!(
        s.contains(r#"href="../tags/google.html">#Google</a>"#),
        "{s}"
    );

    // The tag's page lists exactly its questions and its story.
    let g = read(&out.join("tags/google.html"));
    assert!(g.contains("<h1>Google</h1>"), "{g}");
    assert!(g.contains("2 questions · 1 story"), "{g}");
    assert!(g.contains("../questions/launch-under-pressure.html"), "{g}");
    assert!(g.contains("../questions/hard-customer.html"), "{g}");
    assert!(!g.contains("grew-a-team"), "{g}");
    assert!(!g.contains("customer-request-said-no.html"), "{g}");
    assert!(g.contains("../stories/saved-the-clinic-launch.html"), "{g}");
    assert!(g.contains("../practice.html?tag=google"), "{g}");
    assert!(g.contains("../flashcards.html?tag=google"), "{g}");
    assert!(g.contains("../search.html?tag=google"), "{g}");
    let senior = read(&out.join("tags/senior.html"));
    assert!(senior.contains("grew-a-team"), "{senior}");
    assert!(!senior.contains("hard-customer"), "{senior}");

    // The overview lists every tag with its counts, and the navigation links to it.
    let all = read(&out.join("tags.html"));
    for (url, name) in [
        ("tags/google.html", "Google"),
        ("tags/senior.html", "Senior"),
        ("tags/team-lead.html", "team lead"),
    ] {
        assert!(
            all.contains(&format!(r#"<a class="tag" href="{url}">{name}</a>"#)),
            "{all}"
        );
    }
    assert!(all.contains("2 questions · 1 story"), "{all}");
    assert!(read(&out.join("index.html")).contains(r#"href="tags.html""#));

    // The filters' data: the index, search, practice and flashcards.
    let index = read(&out.join("questions.html"));
    assert!(index.contains(r#"<select id="tag-filter">"#), "{index}");
    assert!(index.contains(r#"data-tags="google team-lead""#), "{index}");
    assert!(index.contains("assets/questions.js"), "{index}");
    let search = read(&out.join("search.html"));
    assert!(
        search.contains(r#"<option value="team-lead">team lead</option>"#),
        "{search}"
    );
    let search_index = read(&out.join("search/index.js"));
    assert!(search_index.contains("tag_list"), "{search_index}");
    let practice = read(&out.join("practice/data.js"));
    assert!(
        practice.contains(r#"\"tags\":[\"google\",\"team-lead\"]"#)
            || practice.contains(r#""tags":["google","team-lead"]"#),
        "{practice}"
    );
    let cards = read(&out.join("flashcards.html"));
    assert!(
        cards.contains(r#"<select name="tag" id="card-tag">"#),
        "{cards}"
    );
    assert!(
        cards.contains(r#"<option value="google">Google (2)</option>"#),
        "{cards}"
    );
    assert!(cards.contains(r#"data-tags="google team-lead""#), "{cards}");
}

#[test]
fn a_handbook_without_tags_writes_no_tag_pages_or_filters() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(prepbook(tmp.path(), &["init", "h"]).status.success());
    let out = build_ok(&tmp.path().join("h"));
    assert!(!out.join("tags.html").exists());
    assert!(!out.join("tags").exists());
    assert!(!read(&out.join("questions.html")).contains("tag-filter"));
    assert!(!read(&out.join("search.html")).contains("search-tag"));
    assert!(!read(&out.join("flashcards.html")).contains("card-tag"));
}

#[test]
fn bad_tags_are_reported_with_file_line_and_column() {
    let (_tmp, dir) = tagged_handbook();
    question(
        &dir,
        "bad-tags",
        "Tell me about bad tags.",
        "ownership",
        &format!(
            "tags:\n  - \"\"\n  - c++\n  - {}\n  - Google\n  - google\n  - \"--\"\n",
            "x".repeat(40)
        ),
    );
    // One tag written as a string rather than a list is found at its key.
    question(
        &dir,
        "one-bad-tag",
        "Tell me about one bad tag.",
        "ownership",
        "tags: \"a/b\"\n",
    );
    let o = prepbook(&dir, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("content/questions/one-bad-tag.md:4:1: error: tag `a/b` holds `/`"),
        "{err}"
    );
    let f = "content/questions/bad-tags.md";
    for expected in [
        format!("{f}:5:5: error: a tag is empty"),
        format!("{f}:6:5: error: tag `c++` holds `+`, which a tag cannot hold"),
        format!("{f}:7:5: error: tag `{}` is 40 characters long, more than the limit of 32", "x".repeat(40)),
        format!("{f}:9:5: error: tag `google` is listed twice: `Google` is the same tag (tags ignore case, accents and separators)"),
        format!("{f}:10:5: error: tag `--` has no letter or digit"),
    ] {
        assert!(err.contains(&expected), "expected {expected:?} in:\n{err}");
    }
    assert!(
        err.contains("help: write a short label of letters, digits, spaces, `-`, `_` or `.`"),
        "{err}"
    );
    assert!(err.contains("help: list each tag once"), "{err}");
    assert!(err.contains("error: 6 problems found"), "{err}");
}

#[test]
fn one_tag_spelt_two_ways_is_one_tag_with_a_warning() {
    let (_tmp, dir) = tagged_handbook();
    question(
        &dir,
        "zz-other-spelling",
        "Tell me about another spelling.",
        "ownership",
        "priority: 5\ntags: [GOOGLE]\n",
    );
    let o = prepbook(&dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/questions/zz-other-spelling.md:5:8: warning: tag `GOOGLE` is written `Google` in `content/questions/"),
        "{err}"
    );
    assert!(err.contains("help: write `Google` everywhere"), "{err}");
    let page = read(&dir.join("book/tags/google.html"));
    assert!(page.contains("3 questions"), "{page}");
    assert!(page.contains("zz-other-spelling"), "{page}");
    assert!(!dir.join("book/tags/GOOGLE.html").exists());
}

#[test]
fn the_tags_page_and_folder_are_reserved() {
    let (_tmp, dir) = tagged_handbook();
    std::fs::write(
        dir.join("content/pages/tags.md"),
        "---\ntitle: Tags\n---\nMine.\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("content/tags")).unwrap();
    std::fs::write(dir.join("content/tags/google.html"), "<p>x</p>").unwrap();
    let o = prepbook(&dir, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "page `tags` would be written to `tags.html`, which the handbook already generates"
        ),
        "{err}"
    );
    assert!(err.contains("content/tags/google.html"), "{err}");
}

#[test]
fn import_reads_a_tags_column() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("h");
    assert!(prepbook(tmp.path(), &["init", "h"]).status.success());
    std::fs::write(
        dir.join("questions.csv"),
        "Question,Principles,Tags\n\
         Why this company?,ownership,\"Google, senior; google\"\n\
         Why now?,ownership,\n",
    )
    .unwrap();
    let o = prepbook(&dir, &["import", "questions", "questions.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("not imported"), "{}", stderr(&o));
    assert_eq!(
        read(&dir.join("content/questions/why-this-company.md")),
        "---\nquestion: \"Why this company?\"\nprinciples: [ownership]\ntags: [\"Google\", \"senior\"]\n---\n"
    );
    assert!(!read(&dir.join("content/questions/why-now.md")).contains("tags"));

    std::fs::write(
        dir.join("stories.csv"),
        "title,principles,situation,task,action,result,tags\n\
         Rescued the launch,ownership,It slipped.,Bring it back.,I cut scope.,We shipped.,Meta|L6\n",
    )
    .unwrap();
    let o = prepbook(&dir, &["import", "stories", "stories.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let story = read(&dir.join("content/stories/rescued-the-launch.md"));
    assert!(story.contains("tags: [\"Meta\", \"L6\"]\n"), "{story}");

    let out = build_ok(&dir);
    assert!(read(&out.join("tags/google.html")).contains("Why this company?"));
    assert!(read(&out.join("tags/meta.html")).contains("Rescued the launch"));

    // A bad tag is reported at its row and column, and nothing is written.
    std::fs::write(
        dir.join("more.csv"),
        "question,principles,tags\nWhy us?,ownership,ok\nWhy not?,ownership,\"fine, c#\"\n",
    )
    .unwrap();
    let o = prepbook(&dir, &["import", "questions", "more.csv"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(
            "more.csv:3:3: error: tag `c#` holds `#`, which a tag cannot hold (column `tags`)"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("content/questions/why-us.md").exists());
}

/// The tag filters of the question index, search, the practice drill and the flashcards,
/// from disk in headless Chromium.
#[test]
fn tag_filters_work_in_the_browser() {
    let (_tmp, dir) = tagged_handbook();
    let out = build_ok(&dir);
    crate::browser::run_browser_script("tags.test.mjs", &[out.to_str().unwrap()]);
}
