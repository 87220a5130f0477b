//! The repository's own handbook: it builds, every internal link and anchor resolves to a
//! file in the output, and no page needs the network.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use crate::harness::*;

/// Values of `attr="..."` in `html`.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// The repository's handbook, built once into a temporary folder for every test here.
fn built() -> &'static (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    static BUILT: OnceLock<(tempfile::TempDir, BTreeMap<String, Vec<u8>>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("book");
        let o = prepbook(&repo(), &["build", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).starts_with("Built "), "{}", stdout(&o));
        let tree = read_tree(&out);
        (tmp, tree)
    })
}

fn pages() -> impl Iterator<Item = (&'static String, String)> {
    built()
        .1
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b.clone()).expect("pages are UTF-8")))
}

/// Resolves `link` found on page `from` to an output path (no fragment).
fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{from}: link {link} leaves the output"
                );
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let tree = &built().1;
    let mut ids: BTreeMap<&str, HashSet<String>> = BTreeMap::new();
    let pages: Vec<(&String, String)> = pages().collect();
    for (path, html) in &pages {
        let set: HashSet<String> = attr_values(html, "id")
            .into_iter()
            .map(String::from)
            .collect();
        ids.insert(path.as_str(), set);
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, html) in &pages {
        for link in attr_values(html, "href")
            .into_iter()
            .chain(attr_values(html, "src"))
        {
            checked += 1;
            if link.starts_with("mailto:") || link.starts_with("tel:") {
                continue;
            }
            if link.contains("://") || link.starts_with("//") || link.starts_with('/') {
                problems.push(format!("{path}: not a relative link: {link}"));
                continue;
            }
            let (file, fragment) = match link.split_once('#') {
                Some((f, frag)) => (f, Some(frag)),
                None => (link, None),
            };
            // A query (practice.html?principle=...) is for the page's script, not a file.
            let file = file.split_once('?').map_or(file, |(f, _)| f);
            let target = if file.is_empty() {
                path.to_string()
            } else {
                resolve(path, file)
            };
            if !tree.contains_key(&target) {
                problems.push(format!(
                    "{path}: {link} -> {target} is not a file in the output"
                ));
                continue;
            }
            if let Some(frag) = fragment {
                if target.ends_with(".html") && !ids[target.as_str()].contains(frag) {
                    problems.push(format!("{path}: {link}: no id `{frag}` in {target}"));
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} links found");
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn no_page_or_asset_reaches_the_network() {
    for (path, bytes) in &built().1 {
        let text = String::from_utf8_lossy(bytes);
        for needle in [
            "http://",
            "https://",
            "//cdn",
            "@import",
            "fetch(",
            "XMLHttpRequest",
        ] {
            // The service worker runs only when the handbook is hosted (offline.js registers
            // it over http and https alone), where it answers from its cache first.
            if path == "sw.js" && needle == "fetch(" {
                continue;
            }
            // The SVG namespace is an identifier, not a request.
            let hits = text.matches(needle).count()
                - text.matches("http://www.w3.org/2000/svg").count()
                    * usize::from(needle == "http://");
            assert_eq!(hits, 0, "{path} contains {needle}");
        }
    }
}

#[test]
fn ids_are_unique_within_each_page() {
    for (path, html) in pages() {
        let all = attr_values(&html, "id");
        let unique: HashSet<&&str> = all.iter().collect();
        assert_eq!(all.len(), unique.len(), "{path} repeats an id");
    }
}

#[test]
fn every_page_has_the_semantic_skeleton() {
    for (path, html) in pages() {
        // Printed pages have their own layout, checked in print.rs.
        let printed = path == "print.html"
            || path == "overview.html"
            || path == "flashcards.html"
            || path.starts_with("cheatsheets");
        if printed {
            assert!(html.contains("<main") && html.contains("<h1"), "{path}");
            continue;
        }
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en\" data-root=\""),
            "{path}"
        );
        for tag in [
            "<header",
            "<nav",
            "<main",
            "<article",
            "<footer",
            "<meta name=\"viewport\"",
        ] {
            assert!(html.contains(tag), "{path} lacks {tag}");
        }
        assert_eq!(
            html.matches("<h1").count(),
            1,
            "{path} needs exactly one h1"
        );
        // Headings never skip a level going down.
        let mut last = 1;
        for (i, _) in html.match_indices("<h") {
            let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
                continue;
            };
            if html[..i].rfind("<h1").is_some() {
                assert!(level <= last + 1, "{path}: h{level} after h{last}");
                last = level;
            }
        }
    }
}

#[test]
fn output_stays_linear_in_the_number_of_questions() {
    // Only the index pages list many questions; other pages never carry the whole list.
    for (path, html) in pages() {
        let question_links = html.matches("questions/").count();
        let lists_all =
            path == "questions.html" || path.starts_with("principles/") || path == "index.html";
        if !lists_all {
            assert!(
                question_links < 20,
                "{path} links {question_links} question pages"
            );
        }
    }
}

#[test]
fn every_principle_has_a_page_with_its_questions_and_tips() {
    let tree = &built().1;
    let principles: Vec<_> = std::fs::read_dir(repo().join("content/principles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(principles.len(), 16);
    for p in principles {
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let page = String::from_utf8(tree[&format!("principles/{id}.html")].clone()).unwrap();
        assert!(page.contains("id=\"questions\""), "{id}");
        assert!(page.contains("id=\"tips\""), "{id} has no tips section");
        assert!(page.contains("../questions/"), "{id} lists no question");
    }
    let not_found = Path::new("404.html").to_string_lossy().into_owned();
    assert!(tree.contains_key(&not_found));
}
