//! One-line fields are Markdown: emphasis and code rendered on the site, escaping done once,
//! and plain text in page titles, search, the print view and the EPUB.

use std::io::Read;

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

    let o = prepbook(&dir, &["epub"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(dir.join("epub/handbook.epub")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut s = String::new();
        if z.by_index(i).unwrap().read_to_string(&mut s).is_ok() {
            all.push_str(&s);
        }
    }
    assert!(
        all.contains("Why your job position as a &lt;role&gt; with code?"),
        "EPUB"
    );
    assert!(
        !all.contains("_your job position_") && !all.contains("&amp;lt;"),
        "EPUB"
    );
}
