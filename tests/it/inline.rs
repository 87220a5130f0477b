//! One-line fields are Markdown: emphasis and code rendered on the site, escaping done once,
//! and plain text in page titles, search, the print view and the EPUB.

use crate::harness::*;

#[test]
fn short_fields_render_inline_markdown_and_plain_text_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("book");
    assert!(prepbook(tmp.path(), &["init", "book"]).status.success());
    std::fs::write(
        dir.join("content/questions/job.md"),
        "---\nquestion: \"Why _your job position_ as a &lt;role&gt; with `code`?\"\n\
         principles: [ownership]\nfollow_ups:\n  - \"And **then**?\"\n---\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("content/tips/emphasis.md"),
        "---\ntitle: \"Say *I*, not we\"\nprinciples: [ownership]\n---\nBody.\n",
    )
    .unwrap();
    let principle = dir.join("content/principles/ownership.md");
    let text = std::fs::read_to_string(&principle).unwrap().replacen(
        "summary: Act for the whole organisation and finish what you start.",
        "summary: Act for the *whole* organisation.\npitfalls:\n  - \"Saying `we` all along\"",
        1,
    );
    std::fs::write(&principle, text).unwrap();
    let out = build_ok(&dir);
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();

    let html = "Why <em>your job position</em> as a &lt;role&gt; with <code>code</code>?";
    let q = read("questions/job.html");
    assert!(q.contains(&format!("<h1>{html}</h1>")), "{q}");
    assert!(q.contains("<li>And <strong>then</strong>?</li>"), "{q}");
    // The page title is the plain text, escaped once.
    assert!(
        q.contains("<title>Why your job position as a &lt;role&gt; with code?"),
        "{q}"
    );
    assert!(!q.contains("&amp;lt;"), "escaped twice: {q}");
    assert!(read("questions.html").contains(html));
    let p = read("principles/ownership.html");
    assert!(
        p.contains("Act for the <em>whole</em> organisation."),
        "{p}"
    );
    assert!(
        p.contains("<li>Saying <code>we</code> all along</li>"),
        "{p}"
    );
    assert!(p.contains(&format!(">{html}</a>")), "question list: {p}");
    assert!(p.contains("Say <em>I</em>, not we</h3>"), "tip title: {p}");

    // Search, print and practice get the plain text.
    let search: String = read_tree(&out.join("search"))
        .into_values()
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    assert!(
        search.contains("Why your job position as a") && !search.contains("_your"),
        "{search}"
    );
    let print = read("print.html");
    assert!(
        print.contains("Why your job position as a &lt;role&gt; with code?"),
        "print view"
    );
    assert!(!print.contains("_your job position_") && !print.contains("&amp;lt;"));

    let all = epub_text(&dir);
    assert!(
        all.contains("Why your job position as a &lt;role&gt; with code?"),
        "EPUB"
    );
    assert!(
        !all.contains("_your job position_") && !all.contains("&amp;lt;"),
        "EPUB"
    );
}

#[test]
fn story_and_page_titles_render_inline_markdown_and_plain_text_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("book");
    assert!(prepbook(tmp.path(), &["init", "book"]).status.success());
    let set_title = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    set_title(
        "content/stories/saved-the-clinic-launch.md",
        "title: Saved a clinic's go-live with a weekend fix",
        "title: \"Saved _the_ &lt;clinic&gt; with <b>a fix</b> in `sql`\"",
    );
    set_title(
        "content/pages/how-to-answer.md",
        "title: How to answer",
        "title: \"How *to* answer as a &lt;role&gt; <i>now</i>\"",
    );
    let out = build_ok(&dir);
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let story =
        "Saved <em>the</em> &lt;clinic&gt; with &lt;b&gt;a fix&lt;/b&gt; in <code>sql</code>";
    let page = "How <em>to</em> answer as a &lt;role&gt; &lt;i&gt;now&lt;/i&gt;";

    let s = read("stories/saved-the-clinic-launch.html");
    assert!(s.contains(&format!("<h1>{story}</h1>")), "{s}");
    // The page title is the plain text, escaped once (the theme escapes `/` too).
    assert!(
        s.contains("<title>Saved the &lt;clinic&gt; with &lt;b&gt;a fix&lt;"),
        "{s}"
    );
    assert!(s.contains(&format!(">{page}</a>")), "nav: {s}");
    for listing in [
        "stories.html",
        "principles/ownership.html",
        "questions/customer-request-said-no.html",
        "coverage.html",
    ] {
        assert!(
            read(listing).contains(&format!(">{story}</a>")),
            "{listing}"
        );
    }
    let p = read("how-to-answer.html");
    assert!(p.contains(&format!("<h1>{page}</h1>")), "{p}");
    assert!(
        p.contains("<title>How to answer as a &lt;role&gt; &lt;i&gt;now&lt;"),
        "{p}"
    );
    assert!(read("index.html").contains(&format!(">{page}</a>")), "home");
    for f in ["index.html", "stories.html", "how-to-answer.html"] {
        let html = read(f);
        assert!(
            !html.contains("&amp;lt;") && !html.contains("_the_"),
            "{f}: {html}"
        );
        assert!(
            !html.contains("<b>a fix") && !html.contains("<i>now"),
            "{f}"
        );
    }

    // Search gets the plain text.
    let search: String = read_tree(&out.join("search"))
        .into_values()
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    // The index's JSON spells `<` as \u003c: what matters is no Markdown and no entity.
    assert!(
        search.contains("Saved the ") && search.contains(" in sql\""),
        "{search}"
    );
    assert!(!search.contains("_the_") && !search.contains("&lt;") && !search.contains("`sql`"));
    assert!(search.contains("How to answer as a") && !search.contains("*to*"));

    // The print view heads the page with its HTML, lists it by its plain text.
    let print = read("print.html");
    assert!(print.contains(&format!("-title\">{page}</h1>")), "{print}");
    assert!(
        print.contains(">How to answer as a &lt;role&gt; &lt;i&gt;now&lt;"),
        "{print}"
    );
    assert!(!print.contains("&amp;lt;") && !print.contains("*to*"));

    // The EPUB heads the chapter with its HTML, names it in its table of contents plainly.
    let all = epub_text(&dir);
    assert!(all.contains(&format!("<h1>{page}</h1>")), "EPUB");
    assert!(
        all.contains("How to answer as a &lt;role&gt; &lt;i&gt;now&lt;/i&gt;</"),
        "EPUB"
    );
    assert!(!all.contains("&amp;lt;") && !all.contains("*to*"), "EPUB");
}
