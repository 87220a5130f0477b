//! Publishing: site address metadata, sitemap and robots, the offline service worker and
//! manifest, and the EPUB (checked with epubcheck).

use std::path::PathBuf;
use std::process::Command;

use crate::harness::*;

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn with_config(extra: &str) -> tempfile::TempDir {
    let tmp = fixture_copy("valid", "full");
    let toml = read(&tmp.path().join("book.toml"));
    std::fs::write(tmp.path().join("book.toml"), format!("{toml}\n{extra}")).unwrap();
    tmp
}

#[test]
fn a_site_url_adds_sitemap_robots_canonical_links_and_previews() {
    let tmp = with_config("[output]\nsite-url = \"https://example.com/prep\"\n");
    let out = build_ok(tmp.path());
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    for url in [
        "https://example.com/prep/",
        "https://example.com/prep/principles/ownership.html",
        "https://example.com/prep/questions/q1.html",
        "https://example.com/prep/process.html",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} missing:\n{sitemap}"
        );
    }
    assert!(!sitemap.contains("404.html"));
    assert_eq!(
        read(&out.join("robots.txt")),
        "User-agent: *\nAllow: /\nSitemap: https://example.com/prep/sitemap.xml\n"
    );
    let page = read(&out.join("principles/ownership.html"));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.com/prep/principles/ownership.html\">"
    ));
    assert!(page.contains("<meta name=\"description\" content=\"Act like an owner.\">"));
    assert!(page.contains("<meta property=\"og:title\" content=\"Ownership\">"));
    assert!(page.contains("<meta property=\"og:description\" content=\"Act like an owner.\">"));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(page.contains("<title>Ownership · Fixture handbook</title>"));
    let home = read(&out.join("index.html"));
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.com/prep/\">"));
    // The 404 page is served at any depth: its links resolve from the site address, which it
    // sets as its base only when served (the browser test checks both ways).
    let not_found = read(&out.join("404.html"));
    let base = not_found
        .find("<meta name=\"prepbook-site-url\" content=\"https://example.com/prep/\">")
        .expect("404.html has no site address");
    assert!(
        base < not_found.find("stylesheet").unwrap(),
        "the base must come before any relative link"
    );
    assert!(!not_found.contains("<base"));
    assert!(!home.contains("<base"));
    // Links stay relative.
    assert!(page.contains("href=\"../questions/q1.html\""));
}

#[test]
fn the_command_line_site_url_wins_and_is_checked() {
    let tmp = with_config("[output]\nsite-url = \"https://example.com/prep/\"\n");
    let o = prepbook(
        tmp.path(),
        &["build", "--site-url", "https://other.example/"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&tmp.path().join("book/robots.txt")).contains("https://other.example/sitemap.xml"));
    let o = prepbook(tmp.path(), &["build", "--site-url", "other.example"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("--site-url `other.example` is not an http or https address"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn without_a_site_url_there_is_no_sitemap_and_no_canonical_link() {
    let tmp = fixture_copy("valid", "full");
    let out = build_ok(tmp.path());
    assert!(!out.join("sitemap.xml").exists() && !out.join("robots.txt").exists());
    let page = read(&out.join("principles/ownership.html"));
    assert!(!page.contains("canonical") && !page.contains("og:"));
    assert!(page.contains("<html lang=\"en\""));
    assert!(
        page.contains("<link rel=\"icon\" href=\"../assets/favicon.svg\" type=\"image/svg+xml\">")
    );
    assert!(page.contains("<meta name=\"theme-color\""));
    assert!(out.join("assets/favicon.svg").is_file());
}

#[test]
fn the_service_worker_caches_this_build_and_changes_with_it() {
    let tmp = fixture_copy("valid", "full");
    let out = build_ok(tmp.path());
    let sw = read(&out.join("sw.js"));
    let version = |sw: &str| {
        sw.split("const VERSION = \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    let v1 = version(&sw);
    for f in [
        "\"index.html\"",
        "\"search/index.js\"",
        "\"assets/style.css\"",
        "\"principles/ownership.html\"",
        "\"manifest.webmanifest\"",
    ] {
        assert!(sw.contains(f), "sw.js does not cache {f}");
    }
    assert!(!sw.contains("\"sw.js\""));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&out.join("manifest.webmanifest"))).unwrap();
    assert_eq!(manifest["name"], "Fixture handbook");
    assert_eq!(manifest["start_url"], "./index.html");
    assert!(
        read(&out.join("index.html")).contains("<script src=\"assets/offline.js\" defer></script>")
    );
    // The same content gives the same version; a change gives a new one.
    build_ok(tmp.path());
    assert_eq!(version(&read(&out.join("sw.js"))), v1);
    let page = tmp.path().join("content/principles/ownership.md");
    std::fs::write(
        &page,
        read(&page).replace("Owners finish the job.", "Owners finish the job well."),
    )
    .unwrap();
    build_ok(tmp.path());
    assert_ne!(version(&read(&out.join("sw.js"))), v1);
}

#[test]
fn offline_can_be_turned_off() {
    let tmp = with_config("[output]\noffline = false\n");
    let out = build_ok(tmp.path());
    assert!(!out.join("sw.js").exists() && !out.join("manifest.webmanifest").exists());
    assert!(!read(&out.join("index.html")).contains("offline.js"));
}

/// epubcheck (Debian package `epubcheck`), or why it cannot run.
fn epubcheck() -> Option<Vec<String>> {
    let jar = PathBuf::from("/usr/share/java/epubcheck.jar");
    let java = Command::new("java").arg("-version").output().is_ok();
    if jar.is_file() && java {
        return Some(vec![
            "java".into(),
            "-jar".into(),
            jar.display().to_string(),
        ]);
    }
    if std::env::var_os("PREPBOOK_REQUIRE_BROWSER").is_some() {
        panic!(
            "PREPBOOK_REQUIRE_BROWSER is set but epubcheck cannot run: apt-get install epubcheck"
        );
    }
    println!("skipped: epubcheck is not installed (apt-get install epubcheck)");
    None
}

#[test]
fn the_handbook_epub_passes_epubcheck() {
    let Some(check) = epubcheck() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("epub");
    let o = prepbook(&repo(), &["epub", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = out.join("handbook.epub");
    assert!(file.is_file());
    let o = Command::new(&check[0])
        .args(&check[1..])
        .arg(&file)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "epubcheck failed:\n{text}");
    assert!(text.contains("No errors or warnings detected"), "{text}");
}

#[test]
fn the_epub_holds_every_principle_and_question() {
    let tmp = fixture_copy("valid", "full");
    let o = prepbook(tmp.path(), &["epub"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(tmp.path().join("epub/handbook.epub")).unwrap();
    // The OCF container starts with an uncompressed mimetype entry.
    assert_eq!(&bytes[30..58], b"mimetypeapplication/epub+zip");
    assert!(tmp.path().join("epub/.prepbook-output").is_file());
}

/// Served over HTTP, loaded once, the handbook reads offline; a new build then replaces the
/// old cache after a reload (headless Chromium).
#[test]
fn the_hosted_handbook_reads_offline_and_updates() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    copy_dir(&repo().join("content"), &src.join("content"));
    std::fs::copy(repo().join("book.toml"), src.join("book.toml")).unwrap();
    let first = tmp.path().join("first");
    assert!(prepbook(&src, &["build", "-o", first.to_str().unwrap()])
        .status
        .success());
    let page = src.join("content/principles/frugality.md");
    let marker = "Second build marker";
    let text = read(&page);
    let cut = text.find("\n---\n").unwrap() + 5;
    std::fs::write(
        &page,
        format!("{}{marker}.\n\n{}", &text[..cut], &text[cut..]),
    )
    .unwrap();
    let second = tmp.path().join("second");
    assert!(prepbook(&src, &["build", "-o", second.to_str().unwrap()])
        .status
        .success());
    assert!(read(&second.join("principles/frugality.html")).contains(marker));
    crate::browser::run_browser_script(
        "offline.test.mjs",
        &[
            first.to_str().unwrap(),
            second.to_str().unwrap(),
            marker,
            "principles/frugality.html",
        ],
    );
}

/// Two builds and two e-books of the same handbook, a second apart, are the same bytes.
#[test]
fn builds_and_epubs_of_the_same_input_are_byte_identical() {
    let tmp = fixture_copy("valid", "full");
    let run = |n: u32| {
        let site = format!("site-{n}");
        let epub = format!("epub-{n}");
        let o = prepbook(tmp.path(), &["build", "-o", &site]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = prepbook(tmp.path(), &["epub", "-o", &epub]);
        assert!(o.status.success(), "{}", stderr(&o));
        (
            read_tree(&tmp.path().join(site)),
            std::fs::read(tmp.path().join(epub).join("handbook.epub")).unwrap(),
        )
    };
    let first = run(1);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = run(2);
    assert_eq!(first.0, second.0, "two builds differ");
    assert!(first.1 == second.1, "two EPUBs differ");
}
