//! Search: the index files a build writes, the [search] settings, and the JavaScript tokenizer
//! run against the same cases as the Rust one.

use std::process::Command;

use crate::harness::*;

fn with_config(extra: &str) -> tempfile::TempDir {
    let tmp = fixture_copy("valid", "full");
    let toml = std::fs::read_to_string(tmp.path().join("book.toml")).unwrap();
    std::fs::write(tmp.path().join("book.toml"), format!("{toml}\n{extra}")).unwrap();
    tmp
}

#[test]
fn build_writes_the_index_and_the_search_page() {
    let tmp = fixture_copy("valid", "full");
    let out = build_ok(tmp.path());
    for f in [
        "search.html",
        "search/index.js",
        "search/postings-0.js",
        "search/docs-0.js",
        "search/text-0.js",
        "assets/search.js",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let index = std::fs::read_to_string(out.join("search/index.js")).unwrap();
    assert!(
        index.starts_with("prepbookSearch.add(\"index\",JSON.parse('"),
        "{index}"
    );
    // The question text with `<customer>` is escaped inside the data.
    let docs = std::fs::read_to_string(out.join("search/docs-0.js")).unwrap();
    assert!(docs.contains("\\\\u003ccustomer\\\\u003e"), "{docs}");
    assert!(!docs.contains('<'));
    let page = std::fs::read_to_string(out.join("principles/ownership.html")).unwrap();
    assert!(page.contains("<script src=\"../assets/search.js\" defer></script>"));
    assert!(page.contains("action=\"../search.html\""));
}

#[test]
fn search_can_be_turned_off() {
    let tmp = with_config("[search]\nenable = false\n");
    let out = build_ok(tmp.path());
    assert!(!out.join("search.html").exists());
    assert!(!out.join("search").exists());
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!page.contains("search.js"));
    assert!(!page.contains("search-input"));
}

#[test]
fn only_the_configured_kinds_are_indexed() {
    let tmp = with_config("[search]\nkinds = [\"tips\"]\n");
    let out = build_ok(tmp.path());
    let index = std::fs::read_to_string(out.join("search/index.js")).unwrap();
    // Two tips, each of kind code 3.
    assert!(index.contains(r#""kinds":"33""#), "{index}");
    let page = std::fs::read_to_string(out.join("search.html")).unwrap();
    assert!(page.contains("value=\"tip\""));
    assert!(!page.contains("value=\"question\""));
}

#[test]
fn a_page_named_search_is_refused() {
    let tmp = fixture_copy("valid", "full");
    std::fs::write(
        tmp.path().join("content/pages/search.md"),
        "---\ntitle: Search\n---\nx\n",
    )
    .unwrap();
    let o = prepbook(tmp.path(), &["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("would be written to `search.html`"),
        "{}",
        stderr(&o)
    );
}

/// `node --test tests/js/`: the JavaScript tokenizer against tests/data/tokenizer-cases.json,
/// and the theme's JavaScript free of markup-building calls.
#[test]
fn javascript_tokenizer_matches_the_rust_one() {
    if Command::new("node").arg("--version").output().is_err() {
        if std::env::var_os("PREPBOOK_REQUIRE_BROWSER").is_some() {
            panic!(
                "node is required (PREPBOOK_REQUIRE_BROWSER is set): install Node.js 20 or later"
            );
        }
        println!("skipped: node is not installed");
        return;
    }
    let o = Command::new("node")
        .args(["--test", "tests/js/"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "node --test failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
