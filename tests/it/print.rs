//! Printed matter: the cheat sheets, the overview, the print view and `prepbook pdf`, checked
//! as real PDFs (headless Chromium, then poppler's pdfinfo and pdftotext).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::handbook::attr_values;
use crate::harness::*;

/// Chromium, pdfinfo and pdftotext, or why the PDF tests cannot run.
pub(crate) fn pdf_tools() -> Option<PathBuf> {
    let chromium = std::env::var_os("PREPBOOK_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let mut missing = Vec::new();
    if !chromium.is_file() {
        missing.push(format!(
            "no Chromium at {} (apt-get install chromium)",
            chromium.display()
        ));
    }
    for tool in ["pdfinfo", "pdftotext"] {
        if Command::new(tool).arg("-v").output().is_err() {
            missing.push(format!("no {tool} (apt-get install poppler-utils)"));
        }
    }
    if missing.is_empty() {
        return Some(chromium);
    }
    if std::env::var_os("PREPBOOK_REQUIRE_BROWSER").is_some() {
        panic!(
            "PREPBOOK_REQUIRE_BROWSER is set but: {}",
            missing.join("; ")
        );
    }
    println!("skipped: {}", missing.join("; "));
    None
}

pub(crate) fn pdfinfo(pdf: &Path) -> (usize, String) {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap_or(0), field("Page size:"))
}

/// The PDF's text with all white space folded to single spaces.
pub(crate) fn pdftext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    fold(&String::from_utf8_lossy(&o.stdout))
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of every entry a built sheet shows as built (not `hidden`): questions, their
/// follow-ups, signals, pitfalls and tips.
fn shown_items(sheet_html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in sheet_html.split("<li data-rank=\"").skip(1) {
        let Some(tag_end) = part.find('>') else {
            continue;
        };
        if part[..tag_end].contains("hidden") {
            continue;
        }
        let text = &part[tag_end + 1..];
        let text = &text[..text.find('<').unwrap_or(text.len())];
        out.push(fold(&unescape(text)));
    }
    out
}

/// A copy of the repository's handbook (book.toml and content) in a temporary folder.
fn repo_handbook(extra_config: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    let toml = std::fs::read_to_string(repo().join("book.toml")).unwrap();
    std::fs::write(
        tmp.path().join("book.toml"),
        format!("{toml}\n{extra_config}"),
    )
    .unwrap();
    tmp
}

#[test]
fn print_pages_are_built_and_linked() {
    let tmp = fixture_copy("valid", "full");
    let out = build_ok(tmp.path());
    for f in [
        "overview.html",
        "cheatsheets.html",
        "cheatsheets/customer-obsession.html",
        "cheatsheets/ownership.html",
        "flashcards.html",
        "print.html",
        "assets/print.css",
        "assets/sheets.js",
        "assets/flashcards.js",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    for link in [
        "href=\"overview.html\"",
        "href=\"cheatsheets.html\"",
        "href=\"print.html\"",
    ] {
        assert!(home.contains(link), "home page lacks {link}");
    }
    let principle = std::fs::read_to_string(out.join("principles/ownership.html")).unwrap();
    assert!(principle.contains("href=\"../cheatsheets/ownership.html\""));
    let print = std::fs::read_to_string(out.join("print.html")).unwrap();
    assert!(print.contains("<style>@page { size: A4; }"));
    assert!(
        print.contains("<title>Fixture handbook</title>"),
        "the print view is titled as the handbook"
    );
    assert!(
        !print.contains("window.print"),
        "the print view must not open the print dialog"
    );
    assert!(!print.contains("@root/"));
    assert!(!print.contains("site-nav") && !print.contains("search-input"));
    // Every in-page link of the print view has its target there.
    let ids: Vec<&str> = attr_values(&print, "id");
    for href in attr_values(&print, "href") {
        if let Some(frag) = href.strip_prefix('#') {
            assert!(
                ids.contains(&frag),
                "print.html links to #{frag}, which it lacks"
            );
        }
    }
    // Links between pages became anchors: the page links to a question and an answer.
    assert!(print.contains("href=\"#x-questions-q1\""));
    assert!(print.contains("href=\"#x-questions-q1--answer-q1-star\""));
    assert!(print.contains("Tell me about a &lt;customer&gt; you surprised."));
}

#[test]
fn print_can_be_turned_off_and_paper_chosen() {
    let tmp = fixture_copy("valid", "full");
    let toml = std::fs::read_to_string(tmp.path().join("book.toml")).unwrap();
    std::fs::write(
        tmp.path().join("book.toml"),
        format!("{toml}\n[print]\nenable = false\n"),
    )
    .unwrap();
    let out = build_ok(tmp.path());
    assert!(!out.join("print.html").exists() && !out.join("cheatsheets").exists());
    assert!(!std::fs::read_to_string(out.join("index.html"))
        .unwrap()
        .contains("cheatsheets.html"));
    std::fs::write(
        tmp.path().join("book.toml"),
        format!("{toml}\n[print]\npaper = \"letter\"\n"),
    )
    .unwrap();
    let out = build_ok(tmp.path());
    let sheet = std::fs::read_to_string(out.join("cheatsheets/ownership.html")).unwrap();
    assert!(sheet.contains("@page { size: letter; }"));
}

#[test]
fn an_overflowing_sheet_keeps_the_most_important_items() {
    let tmp = fixture_copy("print", "overflow");
    let out = build_ok(tmp.path());
    let sheet = std::fs::read_to_string(out.join("cheatsheets/crowded.html")).unwrap();
    // The three priority-1 questions come first; the rest are counted.
    assert!(sheet.contains(">Question 01:"));
    assert!(sheet.find("Question 03:").unwrap() < sheet.find("Question 04:").unwrap());
    // At most 40 questions are written into the page, shown or for the script to reveal.
    assert!(!sheet.contains("Question 60:"));
    let line = sheet
        .lines()
        .find(|l| l.contains("more questions in the handbook"))
        .expect("no line counting the questions left out");
    let n: usize = line
        .split("+ ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 20 && !line.contains(" hidden"), "{line}");
    let shown = shown_items(&sheet);
    assert_eq!(
        shown.iter().filter(|t| t.starts_with("Question")).count(),
        60 - n,
        "the count does not match the questions shown"
    );
    // A principle with nothing to show has no empty lists.
    let quiet = std::fs::read_to_string(out.join("cheatsheets/quiet.html")).unwrap();
    assert!(quiet.contains("No questions yet.") && !quiet.contains("data-list=\"signals\""));
}

/// The titles in a PDF's outline (its bookmarks), read with poppler's `pdftohtml -xml`.
fn outline(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftohtml")
        .args(["-xml", "-i", "-q", "-stdout"])
        .arg(pdf)
        .output()
        .expect("pdftohtml runs (apt-get install poppler-utils)");
    let xml = String::from_utf8_lossy(&o.stdout);
    let Some(start) = xml.find("<outline>") else {
        return Vec::new();
    };
    xml[start..]
        .split("<item")
        .skip(1)
        .filter_map(|i| {
            let text = &i[i.find('>')? + 1..];
            Some(fold(&unescape(&text[..text.find("</item>")?])))
        })
        .collect()
}

/// The handbook's PDF has the handbook's title, is tagged, and has an outline listing every
/// principle and every question. (Chromium joins the lines of a wrapped heading in the
/// outline without a space, so titles are compared without white space.)
fn check_outline(pdf: &Path, out: &Path) {
    let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let title = std::fs::read_to_string(out.join("index.html")).unwrap();
    let title = title
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:") && l.contains(&unescape(title))),
        "handbook.pdf is not titled {title:?}:\n{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.contains("yes")),
        "handbook.pdf is not tagged:\n{info}"
    );
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    let items: Vec<String> = outline(pdf).iter().map(|i| bare(i)).collect();
    for principle in std::fs::read_dir(out.join("principles")).unwrap() {
        let page = std::fs::read_to_string(principle.unwrap().path()).unwrap();
        let h1 = page
            .split("<h1>")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap();
        assert!(
            items.contains(&bare(&unescape(h1))),
            "the outline of handbook.pdf lacks the principle {h1:?}: {items:?}"
        );
    }
    for question in std::fs::read_dir(out.join("questions")).unwrap() {
        let page = std::fs::read_to_string(question.unwrap().path()).unwrap();
        let h1 = page
            .split("<h1>")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap();
        assert!(
            items.contains(&bare(&unescape(h1))),
            "the outline of handbook.pdf lacks the question {h1:?}"
        );
    }
}

/// Runs `prepbook pdf` and checks every file: sheets and overview one page each, the set one
/// page per principle, nothing on a sheet cut off, the handbook complete and without navigation.
fn check_pdfs(dir: &Path, paper: &str, size: &str) {
    let out = dir.join("book");
    let pdf = dir.join("pdf");
    let o = prepbook(dir, &["pdf", "-o", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "prepbook pdf failed:\n{}", stderr(&o));
    assert!(stderr(&o).contains("[1/"), "no progress shown");
    build_ok(dir);
    let ids: Vec<String> = std::fs::read_dir(out.join("cheatsheets"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(!ids.is_empty());
    for id in &ids {
        let file = pdf.join(format!("cheatsheets/{id}.pdf"));
        let (pages, page_size) = pdfinfo(&file);
        assert_eq!(pages, 1, "{paper}: the {id} sheet has {pages} pages");
        assert!(page_size.contains(size), "{paper}: {id} is {page_size}");
        let text = pdftext(&file);
        let html = std::fs::read_to_string(out.join(format!("cheatsheets/{id}.html"))).unwrap();
        for item in shown_items(&html) {
            assert!(
                text.contains(&item),
                "{paper}: the {id} sheet lacks {item:?}"
            );
        }
    }
    let (pages, _) = pdfinfo(&pdf.join("overview.pdf"));
    assert_eq!(pages, 1, "{paper}: the overview has {pages} pages");
    let (pages, _) = pdfinfo(&pdf.join("cheatsheets.pdf"));
    assert_eq!(
        pages,
        ids.len(),
        "{paper}: the set has {pages} pages for {} principles",
        ids.len()
    );
    let (pages, _) = pdfinfo(&pdf.join("flashcards.pdf"));
    let cards = std::fs::read_to_string(out.join("flashcards.html"))
        .unwrap()
        .matches("class=\"card card-front\"")
        .count();
    assert_eq!(pages, cards.div_ceil(8) * 2, "{paper}: flashcards.pdf");
    let (pages, _) = pdfinfo(&pdf.join("flashcards-fold.pdf"));
    assert_eq!(pages, cards.div_ceil(4), "{paper}: flashcards-fold.pdf");
    check_outline(&pdf.join("handbook.pdf"), &out);
    let handbook = pdftext(&pdf.join("handbook.pdf"));
    let index = std::fs::read_to_string(out.join("questions.html")).unwrap();
    for principle in std::fs::read_dir(out.join("principles")).unwrap() {
        let page = std::fs::read_to_string(principle.unwrap().path()).unwrap();
        let title = page
            .split("<h1>")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap();
        assert!(
            handbook.contains(&unescape(title)),
            "{paper}: the handbook lacks {title}"
        );
    }
    for q in index.split("class=\"question-list\"").skip(1) {
        for item in q.split("<a href=\"questions/").skip(1) {
            let text = item
                .split("\">")
                .nth(1)
                .unwrap()
                .split("</a>")
                .next()
                .unwrap();
            assert!(
                handbook.contains(&fold(&unescape(text))),
                "{paper}: the handbook lacks the question {text:?}"
            );
        }
    }
    for nav in [
        "Skip to content",
        "Search the handbook",
        "All questions",
        "Back to the handbook",
        "On this page",
    ] {
        assert!(
            !handbook.contains(nav),
            "{paper}: the print view shows navigation text {nav:?}"
        );
    }
}

#[test]
fn pdfs_of_the_handbook_on_a4_and_letter() {
    if pdf_tools().is_none() {
        return;
    }
    let a4 = repo_handbook("");
    check_pdfs(a4.path(), "A4", "(A4)");
    let letter = repo_handbook("[print]\npaper = \"letter\"\n");
    check_pdfs(letter.path(), "Letter", "(letter)");
}

#[test]
fn pdf_of_an_overflowing_sheet_is_one_page_and_counts_the_rest() {
    if pdf_tools().is_none() {
        return;
    }
    let tmp = fixture_copy("print", "overflow");
    let pdf = tmp.path().join("pdf");
    let o = prepbook(tmp.path(), &["pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sheet = pdf.join("cheatsheets/crowded.pdf");
    assert_eq!(pdfinfo(&sheet).0, 1);
    let text = pdftext(&sheet);
    assert!(text.contains("more questions in the handbook"), "{text}");
    let html =
        std::fs::read_to_string(build_ok(tmp.path()).join("cheatsheets/crowded.html")).unwrap();
    for item in shown_items(&html) {
        assert!(text.contains(&item), "cut off: {item:?}");
    }
}

/// Chromium stamps each PDF with the time it printed it: two exports of the same handbook, a
/// second apart, must still be the same bytes, dated from the sources.
#[test]
fn pdfs_of_the_same_input_are_byte_identical() {
    if pdf_tools().is_none() {
        return;
    }
    let tmp = fixture_copy("other", "atelier");
    let run = |n: u32| {
        let out = format!("pdf-{n}");
        let o = Command::new(env!("CARGO_BIN_EXE_prepbook"))
            .args(["pdf", "-o", &out])
            .current_dir(tmp.path())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        read_tree(&tmp.path().join(out))
    };
    let first = run(1);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = run(2);
    assert!(first.len() >= 5, "too few PDFs: {}", first.len());
    for ((path, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{path} differs between two exports");
    }
    assert_eq!(first.len(), second.len());
    let info = Command::new("pdfinfo")
        .arg(tmp.path().join("pdf-1/handbook.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let created = info.lines().find(|l| l.starts_with("CreationDate:"));
    assert!(
        created.is_some_and(|l| l.contains("2023")),
        "the PDF is not dated from SOURCE_DATE_EPOCH: {info}"
    );
}

#[test]
fn pdf_without_chromium_says_what_to_install_and_writes_nothing() {
    let tmp = fixture_copy("valid", "full");
    let before = read_tree(tmp.path());
    let o = Command::new(env!("CARGO_BIN_EXE_prepbook"))
        .arg("pdf")
        .current_dir(tmp.path())
        .env("PATH", "/nonexistent")
        .env_remove("PREPBOOK_CHROMIUM")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("needs Chromium"), "{err}");
    assert!(err.contains("apt-get install chromium"), "{err}");
    assert_eq!(read_tree(tmp.path()), before, "files were written");
    let o = Command::new(env!("CARGO_BIN_EXE_prepbook"))
        .arg("pdf")
        .current_dir(tmp.path())
        .env("PREPBOOK_CHROMIUM", "/nonexistent/chromium")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no Chromium at `/nonexistent/chromium`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read_tree(tmp.path()), before);
}

#[test]
fn a_sheet_with_the_readers_stories_is_still_one_page() {
    if pdf_tools().is_none() {
        return;
    }
    let tmp = fixture_copy("stories", "full-coverage");
    let o = prepbook(tmp.path(), &["pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sheet = tmp.path().join("pdf/cheatsheets/alpha.pdf");
    assert_eq!(pdfinfo(&sheet).0, 1);
    let text = pdftext(&sheet);
    assert!(
        text.to_lowercase().contains("my stories for alpha"),
        "{text}"
    );
    assert!(
        text.contains("Rebuilt the returns desk") && text.contains("Negotiated a carrier"),
        "{text}"
    );
    assert!(text.contains("$12,000 saved"), "{text}");
    // The story's short telling (here its result) is printed, not empty lines.
    assert!(text.contains("Refunds went out 30% faster"), "{text}");
    assert!(
        !text.to_lowercase().contains("situation action result"),
        "{text}"
    );
}

/// Builds the handbook in `dir` for `paper` and runs the print geometry checks in Chromium.
fn check_geometry(dir: &Path, paper: &str) {
    let toml = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    let toml = toml.split("\n[print]").next().unwrap().to_string();
    std::fs::write(
        dir.join("book.toml"),
        format!("{toml}\n[print]\npaper = \"{paper}\"\n"),
    )
    .unwrap();
    let out = dir.join(format!("book-{paper}"));
    let o = prepbook(dir, &["build", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    crate::browser::run_browser_script("print.test.mjs", &[out.to_str().unwrap(), paper]);
}

/// In headless Chromium with print media, on A4 and on Letter: no sheet, overview or flashcard
/// clips anything or leaves its page, story labels stand above their lines, sheets that leave
/// something out fill the page, flashcard backs land behind their fronts, and the pages read as
/// one column on a phone. For the bundled handbook, a principle with far too much and one with
/// almost nothing, long unicode titles with the reader's stories, and another company's French
/// handbook.
#[test]
fn printed_pages_fit_and_fill_their_paper_in_a_browser() {
    let handbook = repo_handbook("");
    let overflow = fixture_copy("print", "overflow");
    let unicode = fixture_copy("print", "unicode");
    for dir in [handbook.path(), overflow.path(), unicode.path()] {
        for paper in ["a4", "letter"] {
            check_geometry(dir, paper);
        }
    }
    // Another company's handbook, in French, with a value that has no question.
    check_geometry(fixture_copy("other", "atelier").path(), "a4");
}
