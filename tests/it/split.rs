//! Big handbooks, split by principle above `[print] split-above`: the print view and the
//! flashcards get a file per principle and a contents page, every link of every file finds
//! its target, and `prepbook pdf` prints each part.

use std::path::Path;

use crate::harness::*;
use crate::print::{pdf_tools, pdfinfo, pdftext};

/// The `full` fixture with `[print] split-above = 1`: its two questions make it "big".
fn split_handbook() -> tempfile::TempDir {
    let tmp = fixture_copy("valid", "full");
    let toml = tmp.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n[print]\nsplit-above = 1\n")).unwrap();
    tmp
}

/// Checks that every relative link and image of `files` (paths in `out`) names a file that
/// exists and, with a fragment, an id of that file; returns how many were checked.
fn check_links(out: &Path, files: &[&str]) -> usize {
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let mut checked = 0;
    for &file in files {
        let html = read(file);
        let dir = Path::new(file).parent().unwrap();
        for attr in ["href=\"", "src=\""] {
            for value in html.split(attr).skip(1).filter_map(|r| r.split('"').next()) {
                if value.contains(':') || value.is_empty() {
                    continue;
                }
                let (path, fragment) = value.split_once('#').unwrap_or((value, ""));
                let path = path.split('?').next().unwrap();
                let target = if path.is_empty() {
                    file.to_string()
                } else {
                    let joined = dir.join(path);
                    let mut parts: Vec<&str> = Vec::new();
                    for c in joined.to_str().unwrap().split('/') {
                        match c {
                            ".." => {
                                parts.pop();
                            }
                            "" | "." => {}
                            c => parts.push(c),
                        }
                    }
                    parts.join("/")
                };
                assert!(
                    out.join(&target).is_file(),
                    "{file}: {value} -> no {target}"
                );
                if !fragment.is_empty() {
                    let body = read(&target);
                    assert!(
                        body.contains(&format!("id=\"{fragment}\"")),
                        "{file}: {value} -> no id {fragment} in {target}"
                    );
                }
                checked += 1;
            }
        }
    }
    checked
}

/// A handbook of more questions than `[print] split-above` gets its print view split by
/// principle: `print.html` keeps the contents, the general tips and the guides, each part holds
/// its principle's questions, and every link and image of every file finds its target.
#[test]
fn a_big_handbook_s_print_view_is_split_by_principle_and_every_link_finds_its_target() {
    let tmp = split_handbook();
    let out = build_ok(tmp.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let top = read("print.html");
    assert!(
        !top.contains("class=\"print-question\""),
        "print.html still holds questions"
    );
    assert!(top.contains("href=\"print/ownership.html#x-principles-ownership\""));
    let parts = ["print/customer-obsession.html", "print/ownership.html"];
    assert!(read(parts[0]).contains("id=\"x-questions-q1\""));
    assert!(read(parts[1]).contains("id=\"x-questions-q2\""));
    let files: Vec<&str> = std::iter::once("print.html").chain(parts).collect();
    let checked = check_links(&out, &files);
    assert!(checked > 10, "only {checked} links checked");
}

/// The card numbers and questions of a flashcards page, from its fronts.
fn fronts(html: &str) -> Vec<(String, String)> {
    html.split("class=\"card card-front\" data-card=\"")
        .skip(1)
        .map(|rest| {
            let n = rest.split('"').next().unwrap().to_string();
            let q = rest
                .split("<p class=\"card-question\">")
                .nth(1)
                .and_then(|r| r.split("</p>").next())
                .unwrap()
                .to_string();
            (n, q)
        })
        .collect()
}

/// Flashcards follow the same rule: `flashcards.html` lists a file per principle that comes
/// first for some question, each file holds the cards of those questions (front and back), no
/// card is lost or printed twice, and the links between them resolve.
#[test]
fn a_big_handbook_s_flashcards_are_split_by_principle() {
    let tmp = split_handbook();
    let out = build_ok(tmp.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let contents = read("flashcards.html");
    assert!(
        fronts(&contents).is_empty(),
        "flashcards.html still holds cards"
    );
    assert!(
        contents.contains("2 cards, a question on the front"),
        "{contents}"
    );
    // q1 tests customer-obsession first, q2 ownership.
    let parts = [
        ("flashcards/customer-obsession.html", "Customer Obsession"),
        ("flashcards/ownership.html", "Ownership"),
    ];
    let mut all = Vec::new();
    for (part, title) in parts {
        assert!(
            contents.contains(&format!("<a href=\"{part}\">{title}</a>")),
            "flashcards.html does not link {part}"
        );
        let html = read(part);
        assert!(
            html.contains(&format!("<h1>Flashcards · {title}</h1>")),
            "{part}"
        );
        assert!(
            html.contains(&format!("<title>Flashcards · {title} · ")),
            "{part}"
        );
        let cards = fronts(&html);
        assert_eq!(cards.len(), 1, "{part} holds {cards:?}");
        assert_eq!(
            html.matches("class=\"card card-back\"").count(),
            cards.len(),
            "{part}: every front has its back"
        );
        // The page's own files are one folder up.
        assert!(html.contains("href=\"../assets/print.css\""), "{part}");
        assert!(html.contains("src=\"../assets/flashcards.js\""), "{part}");
        all.extend(cards);
    }
    assert!(all[0].1.contains("you surprised"), "{all:?}");
    assert!(all[1].1.contains("own a problem"), "{all:?}");
    assert_eq!(all[0].0, "1");
    assert_eq!(all[1].0, "2", "card numbers run on across the parts");
    let files: Vec<&str> = std::iter::once("flashcards.html")
        .chain(parts.iter().map(|p| p.0))
        .collect();
    let checked = check_links(&out, &files);
    assert!(checked >= 8, "only {checked} links checked");
    // Below the limit, one file holds every card.
    let tmp = fixture_copy("valid", "full");
    let out = build_ok(tmp.path());
    assert_eq!(fronts(&read_in(&out, "flashcards.html")).len(), 2);
    assert!(!out.join("flashcards").exists());
}

fn read_in(out: &Path, p: &str) -> String {
    std::fs::read_to_string(out.join(p)).unwrap()
}

/// `prepbook pdf` of a split handbook: the contents and a PDF per part, of the print view and
/// of the flashcards in both layouts.
#[test]
fn pdfs_of_a_split_handbook_print_each_part() {
    if pdf_tools().is_none() {
        return;
    }
    let tmp = split_handbook();
    let pdf = tmp.path().join("pdf");
    let o = prepbook(tmp.path(), &["pdf", "-o", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "prepbook pdf failed:\n{}", stderr(&o));
    for id in ["customer-obsession", "ownership"] {
        for (file, pages) in [
            (format!("flashcards/{id}.pdf"), 2),
            (format!("flashcards-fold/{id}.pdf"), 1),
        ] {
            let (n, _) = pdfinfo(&pdf.join(&file));
            assert_eq!(n, pages, "{file}");
        }
        assert!(pdf.join(format!("handbook/{id}.pdf")).is_file());
    }
    assert!(pdftext(&pdf.join("flashcards/ownership.pdf")).contains("own a problem"));
    assert!(pdftext(&pdf.join("flashcards.pdf")).contains("Ownership"));
    assert!(!pdf.join("flashcards-fold.pdf").exists());
}

/// A part of split flashcards offers the tags of its own cards, counted there: a tag no card
/// of the part carries would filter it to an empty page.
#[test]
fn a_flashcards_part_offers_only_the_tags_of_its_own_cards() {
    let tmp = split_handbook();
    let q = |name: &str| tmp.path().join("content/questions").join(name);
    let tag = |file: &std::path::Path, tags: &str| {
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(
            file,
            text.replacen("---\n", &format!("---\ntags: {tags}\n"), 1),
        )
        .unwrap();
    };
    tag(&q("q1.md"), "[acme, senior]");
    tag(&q("q2.md"), "[acme]");
    let out = build_ok(tmp.path());
    let first = read_in(&out, "flashcards/customer-obsession.html");
    assert!(
        first.contains("<option value=\"acme\">acme (1)</option>"),
        "{first}"
    );
    assert!(
        first.contains("<option value=\"senior\">senior (1)</option>"),
        "{first}"
    );
    let second = read_in(&out, "flashcards/ownership.html");
    assert!(
        second.contains("<option value=\"acme\">acme (1)</option>"),
        "{second}"
    );
    assert!(!second.contains("value=\"senior\""), "{second}");
}
