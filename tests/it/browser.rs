//! Browser tests: a built handbook opened from disk (file://) in headless Chromium, driven by
//! the Node scripts in `tests/browser/` through `playwright-core`. Needs `node`, Chromium
//! (`/usr/bin/chromium`, or `PREPBOOK_CHROMIUM`) and `npm ci --prefix tests/browser`; without
//! them the tests print `skipped: …` and pass, unless `PREPBOOK_REQUIRE_BROWSER=1`. The
//! `*_in_firefox` tests run the same scripts in Debian's `firefox-esr` (over WebDriver BiDi,
//! through `puppeteer-core`), and skip the same way without it.

use crate::harness::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The longest a browser script may run before it is killed (Firefox over BiDi is the slower).
const TIMEOUT: Duration = Duration::from_secs(240);

/// The browser a script drives, passed to it as `PREPBOOK_BROWSER`.
#[derive(Clone, Copy)]
enum Browser {
    Chromium,
    Firefox,
}

/// What the scripts need, once found.
struct Tools {
    node: PathBuf,
    chromium: PathBuf,
}

fn browser_dir() -> PathBuf {
    repo().join("tests/browser")
}

/// `name` in a folder of `PATH`, if it is there.
fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Finds node, Chromium and playwright-core. When one is missing: panics if
/// `PREPBOOK_REQUIRE_BROWSER=1`, else prints `skipped: <reason>` and gives `None`.
fn browser_tools() -> Option<Tools> {
    let mut missing = Vec::new();
    let node = find_in_path("node");
    if node.is_none() {
        missing.push("`node` is not on PATH (install Node.js 20 or later)".to_string());
    }
    let chromium = std::env::var_os("PREPBOOK_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        missing.push(format!(
            "no Chromium at {} (`apt-get install chromium`, or set PREPBOOK_CHROMIUM)",
            chromium.display()
        ));
    }
    for package in ["playwright-core", "axe-core"] {
        let dir = browser_dir().join("node_modules").join(package);
        if !dir.join("package.json").is_file() {
            missing.push(format!(
                "no {} (`npm ci --prefix tests/browser`)",
                dir.display()
            ));
        }
    }
    if missing.is_empty() {
        return Some(Tools {
            node: node.unwrap(),
            chromium,
        });
    }
    let reason = missing.join("; ");
    if std::env::var("PREPBOOK_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!(
            "browser tests are required (PREPBOOK_REQUIRE_BROWSER=1) but cannot run: {reason}\n\
             install with: apt-get install chromium && npm ci --prefix tests/browser"
        );
    }
    println!("skipped: {reason}");
    None
}

/// Reads all of a child's pipe on a thread.
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs `node tests/browser/<script> <args>` and asserts it exits 0 within [`TIMEOUT`],
/// printing its output (shown by the test harness on failure, or with `--nocapture`).
/// Prints `skipped: …` and returns when node, Chromium or playwright-core is missing.
pub fn run_browser_script(script: &str, args: &[&str]) {
    run_script_in(Browser::Chromium, script, args);
}

/// [`run_browser_script`] in `browser`.
fn run_script_in(browser: Browser, script: &str, args: &[&str]) {
    let Some(tools) = browser_tools() else {
        return;
    };
    let mut cmd = Command::new(&tools.node);
    cmd.arg(browser_dir().join(script))
        .args(args)
        .current_dir(repo())
        .env("PREPBOOK_CHROMIUM", &tools.chromium)
        .env(
            "PREPBOOK_BROWSER",
            match browser {
                Browser::Chromium => "chromium",
                Browser::Firefox => "firefox",
            },
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        // Its own process group, so that a timeout also ends the browser it started.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().expect("node starts");
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for node") {
            break Some(status);
        }
        if start.elapsed() > TIMEOUT {
            kill(&mut child);
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    print!("{out}");
    eprint!("{err}");
    match status {
        None => panic!(
            "{script} was killed after {} s\n--- stdout ---\n{out}--- stderr ---\n{err}",
            TIMEOUT.as_secs()
        ),
        Some(s) => assert!(
            s.success(),
            "{script} failed ({s})\n--- stdout ---\n{out}--- stderr ---\n{err}"
        ),
    }
}

fn kill(child: &mut std::process::Child) {
    #[cfg(unix)]
    // SAFETY: kill(2) with the negated id of the group the child leads; no memory involved.
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Builds the handbook in `dir` into `out`, asserting success.
fn build_into(dir: &Path, out: &Path) {
    let o = prepbook(dir, &["build", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    assert!(
        out.join("search.html").is_file(),
        "the build wrote no search.html"
    );
}

/// Search in the repository's own handbook with a reader's stories: ranking, prefixes, typos,
/// filters, deep links, the keyboard, layout shift and the query API.
#[test]
fn search_in_the_handbook() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = handbook_with_stories();
    let out = tmp.path().join("book");
    build_into(tmp.path(), &out);
    run_browser_script("search.test.mjs", &[out.to_str().unwrap()]);
}

/// Markup, quotes, backslashes and U+2028 in content and in the query stay text in results.
#[test]
fn search_results_escape_markup() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = fixture_copy("browser", "search-xss");
    let out = tmp.path().join("book");
    build_into(tmp.path(), &out);
    run_browser_script("xss.test.mjs", &[out.to_str().unwrap()]);
}

/// Practice mode in the repository's own handbook, from disk: drills with a timer and filters,
/// the "which principle?" quiz, mock interview days, and progress that survives a reload and
/// round-trips through export and import.
#[test]
fn practice_mode() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("book");
    build_into(&repo(), &out);
    for file in [
        "practice.html",
        "practice/data.js",
        "practice/site.js",
        "assets/practice.js",
        "assets/practice-core.js",
        "assets/practice-due.js",
        "assets/practice.css",
    ] {
        assert!(out.join(file).is_file(), "the build wrote no {file}");
    }
    run_browser_script("practice.test.mjs", &[out.to_str().unwrap()]);
}

/// Practice progress: kept per handbook, merged on import, exported under the handbook's name
/// and the date; spaced review with due counts on the practice, home and principle pages, and
/// deep links from them.
#[test]
fn practice_progress_and_review() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("book");
    build_into(&repo(), &out);
    run_browser_script("practice-progress.test.mjs", &[out.to_str().unwrap()]);
}

/// Answering out loud: a recording from Chromium's fake microphone, played back and measured;
/// a clear message when the browser or the permission says no.
#[test]
fn practice_recording() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("book");
    build_into(&repo(), &out);
    run_browser_script("practice-record.test.mjs", &[out.to_str().unwrap()]);
}

/// The 404 page of a build with a site address reaches no network from disk, and resolves its
/// links from the site root when a host serves it for a deep missing address.
#[test]
fn the_404_page_from_disk_and_served() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = fixture_copy("valid", "full");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = tmp.path().join("book");
    let url = format!("http://127.0.0.1:{port}/prep/");
    let o = prepbook(tmp.path(), &["build", "--site-url", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    run_browser_script(
        "not-found.test.mjs",
        &[out.to_str().unwrap(), &port.to_string(), "/prep/"],
    );
}

/// A copy of the repository's handbook with fourteen stories of its reader, so that the
/// coverage matrix is wider than the page.
fn handbook_with_stories() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("book.toml"), tmp.path().join("book.toml")).unwrap();
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    let mut principles: Vec<String> = std::fs::read_dir(repo().join("content/principles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().replace(".md", ""))
        .collect();
    principles.sort();
    let stories = tmp.path().join("content/stories");
    std::fs::create_dir_all(&stories).unwrap();
    for i in 0..14 {
        let (a, b) = (
            &principles[i % principles.len()],
            &principles[(i + 3) % principles.len()],
        );
        std::fs::write(
            stories.join(format!("story-{i:02}.md")),
            format!(
                "---\ntitle: \"A story with a fairly long title, number {i}\"\nprinciples: [{a}, {b}]\n\
                 tags: [\"Team {t}\", Google]\nframework: star\nfigures: [\"{p}% faster\"]\n---\n## Situation\nI ran a team of five \
                 when a supplier failed us in week {i}.\n\n## Task\nI had to keep orders flowing while I \
                 found another supplier.\n\n## Action\nI called three suppliers, compared their prices \
                 and moved the orders to the cheapest reliable one.\n\n## Result\nOrders went out {p}% \
                 faster within a month.\n",
                p = i + 10,
                t = i % 3
            ),
        )
        .unwrap();
    }
    // Tags on some questions too, so the tag pages and filters are checked with the rest.
    let questions = tmp.path().join("content/questions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&questions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (n, f) in files.iter().take(12).enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        let tags = ["[Google, Senior]", "[Google]", "[\"Team 1\"]"][n % 3];
        std::fs::write(
            f,
            text.replacen("---\n", &format!("---\ntags: {tags}\n"), 1),
        )
        .unwrap();
    }
    tmp
}

/// axe-core finds no WCAG 2.2 A or AA violation on any page type (home, principle, question,
/// page, the indexes, story, coverage, tags, cheat sheets, overview, flashcards, print, 404, practice
/// in each mode), light and dark.
#[test]
fn accessibility_of_every_page_type() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = handbook_with_stories();
    let out = tmp.path().join("book");
    build_into(tmp.path(), &out);
    // One run per scheme: each stays well within the script's time on a busy machine.
    for scheme in ["light", "dark"] {
        run_browser_script("a11y.test.mjs", &[out.to_str().unwrap(), "axe", scheme]);
    }
}

/// No page type shifts its layout as it loads (less than 0.1 at 360 and 1280 px), and the
/// coverage matrix keeps every column reachable at 1280 and 360 px.
#[test]
fn layout_shift_and_coverage_layout() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = handbook_with_stories();
    let out = tmp.path().join("book");
    build_into(tmp.path(), &out);
    run_browser_script("a11y.test.mjs", &[out.to_str().unwrap(), "layout"]);
}

/// What a screen reader gets: every control of practice, the search dropdown and the coverage
/// page named in the accessibility tree, changes announced in live regions, focus kept.
#[test]
fn screen_reader_tree() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = handbook_with_stories();
    let out = tmp.path().join("book");
    build_into(tmp.path(), &out);
    run_browser_script("a11y-tree.test.mjs", &[out.to_str().unwrap()]);
}

/// The keyboard alone: the skip link, search from the header field, and a drill, a quiz round
/// and a mock interview in practice mode, with a focus outline of 3:1 contrast and targets of
/// 24 px or more.
#[test]
fn keyboard_only() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("book");
    build_into(&repo(), &out);
    run_browser_script("keyboard.test.mjs", &[out.to_str().unwrap()]);
}

/// Firefox ESR (`/usr/bin/firefox-esr`, or `PREPBOOK_FIREFOX`) and puppeteer-core, when they
/// are there; prints `skipped: …` (or panics with `PREPBOOK_REQUIRE_BROWSER=1`) when not.
fn firefox_ready() -> bool {
    let mut missing = Vec::new();
    if find_in_path("node").is_none() {
        missing.push("`node` is not on PATH".to_string());
    }
    let firefox = std::env::var_os("PREPBOOK_FIREFOX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/firefox-esr"));
    if !firefox.is_file() {
        missing.push(format!(
            "no Firefox at {} (`apt-get install firefox-esr`, or set PREPBOOK_FIREFOX)",
            firefox.display()
        ));
    }
    let puppeteer = browser_dir().join("node_modules/puppeteer-core/package.json");
    if !puppeteer.is_file() {
        missing.push("no puppeteer-core (`npm ci --prefix tests/browser`)".to_string());
    }
    if missing.is_empty() {
        return true;
    }
    let reason = missing.join("; ");
    if std::env::var("PREPBOOK_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!(
            "the Firefox tests are required (PREPBOOK_REQUIRE_BROWSER=1) but cannot run: {reason}"
        );
    }
    println!("skipped: {reason}");
    false
}

/// Builds the repository's handbook and runs `script` on it in Firefox ESR, when it is there.
fn in_firefox(script: &str) {
    in_firefox_with(script, &repo());
}

/// Runs `script` in Firefox ESR on a build of the handbook at `dir`.
fn in_firefox_with(script: &str, dir: &Path) {
    if !firefox_ready() || browser_tools().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("book");
    build_into(dir, &out);
    run_script_in(Browser::Firefox, script, &[out.to_str().unwrap()]);
}

/// What Firefox's storage per file:// page means: the premise checked, and the progress kept on
/// the practice page found by the home and principle pages.
#[test]
fn firefox_from_disk() {
    in_firefox("firefox.test.mjs");
}

/// The search tests of `search_in_the_handbook`, in Firefox ESR.
#[test]
fn search_in_firefox() {
    let stories = handbook_with_stories();
    in_firefox_with("search.test.mjs", stories.path());
}

/// The practice tests of `practice_mode`, in Firefox ESR.
#[test]
fn practice_mode_in_firefox() {
    in_firefox("practice.test.mjs");
}

/// The progress and review tests of `practice_progress_and_review`, in Firefox ESR.
#[test]
fn practice_progress_in_firefox() {
    in_firefox("practice-progress.test.mjs");
}

/// The recording tests of `practice_recording`, in Firefox ESR with its fake microphone.
#[test]
fn practice_recording_in_firefox() {
    in_firefox("practice-record.test.mjs");
}

/// Relevance: the queries in `tests/data/relevance/` (paraphrases, other word forms, typos,
/// accents, Chinese, principle filters) each put their page in the first three results, in the
/// repository's own handbook and in a small French handbook of another company. The script
/// prints each query's rank and the mean reciprocal rank.
#[test]
fn search_relevance() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for (name, dir, cases) in [
        ("handbook", repo(), "handbook.json"),
        (
            "other-company",
            repo().join("tests/fixtures/search/other-company"),
            "other-company.json",
        ),
    ] {
        let out = tmp.path().join(name);
        build_into(&dir, &out);
        let cases = repo().join("tests/data/relevance").join(cases);
        run_browser_script(
            "relevance.test.mjs",
            &[out.to_str().unwrap(), cases.to_str().unwrap()],
        );
    }
}

/// A 1,360 px image and wide tables in a principle, a question and a page: no page of the
/// build is wider than the window at 360 and 1280 px, images scale down in proportion, and a
/// wide table scrolls inside its own box.
#[test]
fn wide_images_and_tables_fit_the_screen() {
    if browser_tools().is_none() {
        return;
    }
    let tmp = fixture_copy("browser", "wide-content");
    let out = tmp.path().join("book");
    build_into(tmp.path(), &out);
    let pages: Vec<String> = read_tree(&out)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(pages.contains(&"levels.html".to_string()), "{pages:?}");
    let mut args = vec![out.to_str().unwrap()];
    args.extend(pages.iter().map(String::as_str));
    run_browser_script("fit.test.mjs", &args);
}
