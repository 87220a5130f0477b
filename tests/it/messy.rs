//! Material written elsewhere and moved in as it is: every mistake of a file reported at
//! once, hidden characters named, limits named, and warnings for what would look wrong.

use crate::harness::*;

/// Each mistake of `invalid/messy-input` is reported exactly once, errors and warnings,
/// though several files hold more than one.
#[test]
fn every_mistake_of_messy_input_is_reported_once() {
    let tmp = fixture_copy("invalid", "messy-input");
    let o = prepbook(tmp.path(), &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let expected = [
        // Unknown keys no longer hide the file's other problems.
        "content/principles/ownership.md:5:1: error: unknown key `focus_area`",
        "content/principles/ownership.md:11:1: warning: raw HTML `<div class=\"callout\">",
        "content/principles/bias-for-action.md:3:8: error: order: invalid type: string \"three\"",
        "content/principles/bias-for-action.md:5:1: error: unknown key `level`",
        "content/principles/bias-for-action.md:7:1: warning: MDX statement `import Tabs from \"@theme/Tabs\";`",
        "content/principles/bias-for-action.md:9:1: warning: MDX component `<Tabs />`",
        "content/principles/bias-for-action.md:11:1: warning: heading `Examples\u{200B}` holds U+200B ZERO WIDTH SPACE after \"Examples\"",
        "content/questions/failure.md:4:1: error: unknown key `difficulty`",
        "content/questions/failure.md:5:11: error: priority: invalid type: string \"high\"",
        "content/questions/failure-again.md:2:1: warning: the same question as `content/questions/failure.md`",
        "content/questions/change.md:3:14: error: unknown principle `ownership\u{200B}`: it holds U+200B ZERO WIDTH SPACE after \"ownership\"",
        "is 164 characters long, more than the limit of 120 for an id",
        "content/answers/failure-lead.md:4:1: error: unknown key `rating`",
        "content/answers/failure-lead.md:6:1: error: `Situation\u{200B}` is not a section of a STAR answer: it holds U+200B ZERO WIDTH SPACE after \"Situation\"",
        "content/pages/guide.md:2:1: error: unknown key `titel`",
    ];
    for e in expected {
        assert_eq!(
            err.matches(e).count(),
            1,
            "`{e}` is not reported exactly once:\n{err}"
        );
    }
    // Nothing is said twice: a misspelt or mistyped key is not also "missing", and a
    // section with a hidden character is not also a missing section.
    assert!(!err.contains("missing required key"), "{err}");
    assert!(!err.contains("missing section"), "{err}");
    let problems = err
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "));
    assert_eq!(problems.count(), expected.len(), "{err}");
    assert!(
        err.contains("help: shorten the file name, e.g. `why-why-"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `title`?"), "{err}");
}

/// A principle whose body is empty or opens with a heading has no empty "What it means"
/// section, nor its entry in the contents; one with an introduction keeps both.
#[test]
fn a_principle_without_an_introduction_has_no_empty_section() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("book");
    assert!(prepbook(tmp.path(), &["init", "book"]).status.success());
    let principles = dir.join("content/principles");
    let front = |id: &str, order: u32| {
        format!("---\ntitle: {id}\norder: {order}\nsummary: One line.\n---\n")
    };
    std::fs::write(
        principles.join("ownership.md"),
        front("Ownership", 2) + "## Preparing your stories\n\nPick moments.\n",
    )
    .unwrap();
    std::fs::write(principles.join("customer-focus.md"), front("Customer", 1)).unwrap();
    std::fs::write(
        principles.join("intro.md"),
        front("Intro", 3) + "An introduction.\n\n## Later\n\nMore.\n",
    )
    .unwrap();
    std::fs::write(principles.join("lonely.md"), front("Lonely", 4)).unwrap();
    std::fs::write(
        dir.join("content/questions/intro-question.md"),
        "---\nquestion: \"Why?\"\nprinciples: [intro]\n---\n",
    )
    .unwrap();
    let o = prepbook(&dir, &["check"]);
    assert!(o.status.success());
    // Said once the handbook loads: the principles no question names.
    let err = stderr(&o);
    let warning = "content/principles/lonely.md:1:1: warning: principle `lonely` has no questions";
    assert_eq!(err.matches(warning).count(), 1, "{err}");
    assert_eq!(err.matches("has no questions").count(), 1, "{err}");
    let out = build_ok(&dir);
    let page =
        |id: &str| std::fs::read_to_string(out.join(format!("principles/{id}.html"))).unwrap();
    for id in ["ownership", "customer-focus"] {
        let html = page(id);
        assert!(!html.contains("What it means"), "{id}: {html}");
        // Links to the introduction still land on the page's text.
        assert_eq!(html.matches("id=\"explanation\"").count(), 1, "{id}");
    }
    assert!(
        page("ownership").contains("<h2 id=\"preparing-your-stories\">Preparing your stories</h2>")
    );
    let intro = page("intro");
    assert_eq!(
        intro.matches("What it means").count(),
        2,
        "heading and contents entry"
    );
}

/// `@/questions.html` and the other generated pages: checked against book.toml, and
/// rewritten for every page's depth, in the print view too.
#[test]
fn links_to_generated_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("book");
    assert!(prepbook(tmp.path(), &["init", "book"]).status.success());
    let links = "See [every question](@/questions.html), [the drill](@/practice.html#drill), \
                 [tips](@/tips.html) and [home](@/index.html).\n";
    let principle = dir.join("content/principles/ownership.md");
    let text = std::fs::read_to_string(&principle).unwrap();
    std::fs::write(&principle, format!("{text}\n{links}")).unwrap();
    std::fs::create_dir_all(dir.join("content/pages/guides")).unwrap();
    std::fs::write(
        dir.join("content/pages/guides/nested.md"),
        format!("---\ntitle: Nested\n---\n{links}"),
    )
    .unwrap();
    let out = build_ok(&dir);
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let principle = read("principles/ownership.html");
    for href in [
        "../questions.html",
        "../practice.html#drill",
        "../tips.html",
        "../index.html",
    ] {
        assert!(
            principle.contains(&format!("href=\"{href}\"")),
            "{href} in {principle}"
        );
        assert!(out
            .join("principles")
            .join(href.split('#').next().unwrap())
            .exists());
    }
    let nested = read("nested.html");
    for href in ["questions.html", "practice.html#drill", "tips.html"] {
        assert!(
            nested.contains(&format!("href=\"{href}\"")),
            "{href} in {nested}"
        );
    }
    // On paper the question index is the contents, and practice has no place: text only.
    let print = read("print.html");
    assert!(
        print.contains("<a data-page=\"practice.html#drill\">the drill</a>"),
        "{print}"
    );
    assert!(print.contains("<a href=\"#x-tips\">tips</a>"));

    // Turned off in book.toml: an error naming the switch, at the link's line.
    let toml = dir.join("book.toml");
    let config = std::fs::read_to_string(&toml).unwrap();
    let off = config.replace("[practice]\nenable = true", "[practice]\nenable = false");
    assert_ne!(off, config);
    std::fs::write(&toml, off).unwrap();
    let o = prepbook(&dir, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("content/pages/guides/nested.md:4:41: error: link `@/practice.html` points to the practice page, which book.toml turns off\n  help: set `[practice] enable = true` in book.toml, or remove the link"), "{err}");
    assert_eq!(
        err.matches("points to the practice page").count(),
        2,
        "{err}"
    );

    // A relative spelling of a generated page says how to write it.
    std::fs::write(&toml, config).unwrap();
    std::fs::write(
        dir.join("content/pages/guides/nested.md"),
        "---\ntitle: Nested\n---\n[all](../../questions.html) [all](questions.html) [x](@/nope.html)\n",
    )
    .unwrap();
    let err = stderr(&prepbook(&dir, &["check"]));
    assert_eq!(
        err.matches("help: to link to the question index the handbook generates, write `@/questions.html` (the same from any file)").count(),
        2,
        "{err}"
    );
    assert!(
        err.contains("error: link `@/nope.html` names no page the handbook generates"),
        "{err}"
    );
}

/// Invisible characters pasted into prose are named where they stand, once per character
/// and line, a file full of them in a few lines; typography is left alone.
#[test]
fn invisible_characters_in_prose_are_named_once_per_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("book");
    assert!(prepbook(tmp.path(), &["init", "book"]).status.success());
    let pages = dir.join("content/pages");
    std::fs::write(
        pages.join("pasted.md"),
        "---\ntitle: Pasted\n---\n\
         The re\u{200B}sult was in\u{200B}stant.\n\
         Second line with a \u{202E}bidi override.\n\n\
         Pourquoi\u{00A0}? Une co\u{00AD}pie, a team \u{1F469}\u{200D}\u{1F4BB} and `co\u{200B}de`.\n\n\
         - a list item with a word\u{2060}joiner\n",
    )
    .unwrap();
    let flood: String = (1..=8)
        .map(|n| format!("Line {n} with a zero\u{200B}width space.\n\n"))
        .collect();
    std::fs::write(
        pages.join("flood.md"),
        format!("---\ntitle: Flood\n---\n{flood}"),
    )
    .unwrap();
    let o = prepbook(&dir, &["check"]);
    assert!(o.status.success(), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    for e in [
        "content/pages/pasted.md:4:7: warning: the text holds U+200B ZERO WIDTH SPACE after \"The re\"",
        "content/pages/pasted.md:5:20: warning: the text holds U+202E BIDIRECTIONAL CONTROL after \"Second line with a \"",
        "content/pages/pasted.md:9:26: warning: the text holds U+2060 WORD JOINER after \"- a list item with a word\"",
        "help: delete it: it is invisible and breaks search",
    ] {
        assert!(err.contains(e), "`{e}` missing:\n{err}");
    }
    let pasted = err.lines().filter(|l| l.contains("pasted.md:")).count();
    assert_eq!(
        pasted, 3,
        "one per character per line, none for typography:\n{err}"
    );
    // Five named one by one, the other three counted where the first of them stands.
    let flood = err.lines().filter(|l| l.contains("flood.md:")).count();
    assert_eq!(flood, 6, "{err}");
    assert!(
        err.contains(
            "content/pages/flood.md:14:19: warning: 3 more invisible characters from here on"
        ),
        "{err}"
    );
}
