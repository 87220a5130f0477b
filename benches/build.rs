//! The build benchmark: `cargo bench --bench build`.
//!
//! Generates synthetic handbooks (16 principles with 10, 100 and 1,000 questions each, every
//! question with one ~250-word STAR answer), builds each into a clean output folder with the
//! release binary, and reports build time, ms per question page, peak memory and output bytes
//! per question page. It also times the inputs that are slow in other parsers.
//! `PREPBOOK_BENCH_SCALES=10,100` limits the scales; `PREPBOOK_BENCH_RUNS` sets runs per scale;
//! `PREPBOOK_BENCH_DIR=/dev/shm` builds on a RAM disk, to take a slow disk out of the figures;
//! `PREPBOOK_TIMINGS=1` prints each build stage's time and memory. `PREPBOOK_BENCH_SCALES=10000`
//! adds the 160,000-question scale (not run by default: it takes minutes and gigabytes of disk).
//! After each scale's builds it times `prepbook serve`: from a save of each kind of file to the
//! page showing it served with the edit (what the reloaded page shows), and the server's peak
//! memory; at 16,000 questions and more, the same for a copy of the bundled handbook (the
//! yardstick), and the full build on a disk against on a RAM disk. After each full build it
//! reports the bytes the practice page loads on opening.
//! At the largest scale it also times search in headless Chromium from file://
//! (`benches/search-browser.mjs`), when Chromium and `tests/browser/node_modules` are there.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "customer",
    "launch",
    "metric",
    "team",
    "deadline",
    "budget",
    "warehouse",
    "release",
    "survey",
    "latency",
    "forecast",
    "partner",
    "pilot",
    "review",
    "backlog",
    "dashboard",
    "escalation",
    "roadmap",
    "vendor",
    "audit",
    "the",
    "a",
    "with",
    "after",
    "before",
    "during",
    "because",
    "while",
    "and",
    "then",
];

/// Deterministic filler text of `n` words.
fn text(seed: usize, n: usize) -> String {
    let mut s = String::with_capacity(n * 8);
    let mut x = seed.wrapping_mul(2654435761).wrapping_add(1);
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if i > 0 {
            s.push(if i % 14 == 0 { '.' } else { ' ' });
            if i % 14 == 0 {
                s.push(' ');
            }
        }
        s.push_str(WORDS[x % WORDS.len()]);
    }
    s.push('.');
    s
}

fn generate(dir: &Path, per_principle: usize) -> usize {
    let w = |p: &str, c: String| {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, c).unwrap();
    };
    w(
        "book.toml",
        "[book]\ntitle = \"Benchmark handbook\"\n".into(),
    );
    let mut questions = 0;
    for p in 0..16 {
        w(
            &format!("content/principles/p{p}.md"),
            format!(
                "---\ntitle: Principle {p}\norder: {p}\nsummary: {}\nsignals:\n  - {}\n---\n{}\n\n## Preparing\n\n{}\n",
                text(p, 12),
                text(p + 1, 8),
                text(p, 200),
                text(p + 2, 60)
            ),
        );
        w(
            &format!("content/tips/t{p}.md"),
            format!(
                "---\ntitle: Tip {p}\nprinciples: [p{p}]\n---\n{}\n",
                text(p, 80)
            ),
        );
        for q in 0..per_principle {
            let id = format!("p{p}-q{q}");
            let second = (p + 1) % 16;
            w(
                &format!("content/questions/{id}.md"),
                format!(
                    "---\nquestion: \"Tell me about a time you handled {} ({id})?\"\nprinciples: [p{p}, p{second}]\n---\n{}\n",
                    text(q, 6),
                    text(q + p, 40)
                ),
            );
            w(
                &format!("content/answers/{id}-a.md"),
                format!(
                    "---\nquestion: {id}\nframework: star\n---\n## Situation\n{}\n\n## Task\n{}\n\n## Action\n{}\n\n## Result\n{} 25% in 3 weeks.\n",
                    text(q, 55),
                    text(q + 1, 45),
                    text(q + 2, 95),
                    text(q + 3, 50)
                ),
            );
            questions += 1;
        }
    }
    questions
}

/// What one run of a command cost.
struct Measured {
    wall: Duration,
    /// User and system time of the process and its threads: the work done, which the
    /// machine's other load moves far less than the wall time.
    cpu: Duration,
    /// Peak resident memory, in bytes.
    peak: u64,
    stderr: String,
}

/// Runs a command and measures it.
fn run_measured(cmd: &mut Command) -> Measured {
    let err_path = std::env::temp_dir().join(format!("prepbook-bench-{}.err", std::process::id()));
    let err_file = std::fs::File::create(&err_path).unwrap();
    let start = Instant::now();
    let child = cmd.stderr(err_file).spawn().expect("spawn prepbook");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; `usage` is a valid rusage out-parameter.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(r, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "build failed"
    );
    std::mem::forget(child);
    let err = std::fs::read_to_string(&err_path).unwrap_or_default();
    let _ = std::fs::remove_file(&err_path);
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Measured {
        wall: elapsed,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak: usage.ru_maxrss as u64 * 1024,
        stderr: err,
    }
}

/// The median of `values` (the upper one of an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// A number that follows `key` in the build's timing output.
fn stat(err: &str, key: &str) -> f64 {
    err.split(key)
        .nth(1)
        .and_then(|rest| {
            rest.trim_start()
                .split(|c: char| !c.is_ascii_digit() && c != '.')
                .next()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(f64::NAN)
}

/// One HTTP GET of `path` from the server at `port`: the body, or `None`.
fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    Some(body)
}

/// The author's loop under `prepbook serve`: from a save of a question, an answer, a principle
/// and a tip to the moment the page showing the edit is served with it (what the reloaded
/// page shows), and the server's peak memory. `edits` names each file and the page it shows on.
/// How many saves of each file the serve rows take the median of.
const SAVES: usize = 3;

/// What `serve_edits` measured: the row to print, and the median of each kind's saves.
struct Served {
    row: String,
    medians: Vec<Duration>,
}

fn serve_edits(exe: &Path, dir: &Path, edits: &[(&str, &str, &str)]) -> Served {
    use std::io::BufRead;
    let mut child = Command::new(exe)
        .args(["serve", "--port", "0"])
        .arg(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn prepbook serve");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // "Serving the handbook at http://127.0.0.1:PORT/" and "Built in".
    let mut port = None;
    let mut built = false;
    while !(built && port.is_some()) {
        match rx.recv_timeout(Duration::from_secs(600)) {
            Ok(line) => {
                if line.starts_with("Built in") {
                    built = true;
                }
                if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                    port = rest
                        .trim_end_matches('/')
                        .split('/')
                        .next()
                        .and_then(|p| p.parse().ok());
                }
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Served {
                    row: "serve: the first build did not finish".into(),
                    medians: Vec::new(),
                };
            }
        }
    }
    let port: u16 = port.unwrap();
    // Let the watcher settle after the first build.
    std::thread::sleep(Duration::from_millis(500));
    let mut out = format!("serve, save to the page served with the edit (median of {SAVES}):");
    let mut medians = Vec::new();
    for (n, (kind, file, page)) in edits.iter().enumerate() {
        let path = dir.join(file);
        let mut times = Vec::new();
        for save in 0..SAVES {
            let mut text = std::fs::read_to_string(&path).unwrap();
            let mark = format!("Edited{n}s{save}x{}", std::process::id());
            text.push_str(&format!("\nOne more sentence, {mark}.\n"));
            let saved = Instant::now();
            std::fs::write(&path, text).unwrap();
            let deadline = saved + Duration::from_secs(120);
            let shown = loop {
                if http_get(port, page).is_some_and(|b| b.contains(&mark)) {
                    break Some(saved.elapsed());
                }
                if Instant::now() > deadline {
                    break None;
                }
                std::thread::sleep(Duration::from_millis(2));
            };
            times.extend(shown);
            std::thread::sleep(Duration::from_millis(300));
        }
        times.sort();
        match times.get(times.len() / 2) {
            Some(&t) if times.len() == SAVES => {
                write!(out, " {kind} {} ms,", t.as_millis()).unwrap();
                medians.push(t);
            }
            _ => write!(out, " {kind} (not shown),").unwrap(),
        }
    }
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let peak_kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(f64::NAN);
    let _ = child.kill();
    let _ = child.wait();
    out.pop();
    write!(out, "; serve peak memory {:.0} MB", peak_kb * 1024.0 / 1e6).unwrap();
    Served { row: out, medians }
}

/// The mean of `medians`, for the ratio of two serve rows.
fn mean(medians: &[Duration]) -> f64 {
    medians.iter().map(Duration::as_secs_f64).sum::<f64>() / medians.len() as f64
}

/// The file system `path` is on, from /proc/mounts (`tmpfs` for a RAM disk).
fn fs_type(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_, at, kind) = (f.next()?, f.next()?, f.next()?);
            path.starts_with(at).then(|| (at.len(), kind.to_string()))
        })
        .max()
        .map_or_else(|| "?".into(), |(_, k)| k)
}

/// The full build of the handbook in `src` copied onto a disk and onto a RAM disk (input and
/// output both), best of `runs` each: the gap is what reading and writing files cost.
fn disk_and_ram_disk(exe: &Path, src: &Path, runs: usize) -> String {
    let disk = tempfile::tempdir_in(std::env::temp_dir()).unwrap();
    let Ok(ram) = tempfile::tempdir_in("/dev/shm") else {
        return "disk and RAM disk: no /dev/shm here".into();
    };
    let mut best = Vec::new();
    for dir in [disk.path(), ram.path()] {
        std::fs::copy(src.join("book.toml"), dir.join("book.toml")).unwrap();
        copy_tree(&src.join("content"), &dir.join("content"));
        // The copy's own writing is not the build's: flush it before timing.
        let _ = Command::new("sync").status();
        let mut t = Duration::MAX;
        // Best of at least three: one build on a disk varies with what the kernel is flushing.
        for _ in 0..runs.max(3) {
            let _ = std::fs::remove_dir_all(dir.join("out"));
            let d = run_measured(
                Command::new(exe)
                    .arg("build")
                    .arg(dir)
                    .arg("-o")
                    .arg(dir.join("out"))
                    .stdout(std::process::Stdio::null()),
            )
            .wall;
            t = t.min(d);
        }
        best.push((fs_type(dir), t.as_secs_f64() * 1000.0));
    }
    format!(
        "full build on {} {:.0} ms, on {} {:.0} ms: x{:.2} (warm page cache)",
        best[0].0,
        best[0].1,
        best[1].0,
        best[1].1,
        best[0].1 / best[1].1
    )
}

/// The edits of the generated handbooks: a file of each kind and the page that shows it.
const GENERATED_EDITS: &[(&str, &str, &str)] = &[
    (
        "question",
        "content/questions/p3-q1.md",
        "/questions/p3-q1.html",
    ),
    (
        "answer",
        "content/answers/p3-q1-a.md",
        "/questions/p3-q1.html",
    ),
    (
        "principle",
        "content/principles/p3.md",
        "/principles/p3.html",
    ),
    ("tip", "content/tips/t3.md", "/tips.html"),
];

/// The same loop on a copy of the bundled handbook, the yardstick for the large ones.
fn serve_bundled(exe: &Path) -> Served {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("book.toml"), tmp.path().join("book.toml")).unwrap();
    copy_tree(&repo.join("content"), &tmp.path().join("content"));
    let edits = [
        (
            "question",
            "content/questions/advocated-for-someone-with-less-power.md",
            "/questions/advocated-for-someone-with-less-power.html",
        ),
        (
            "answer",
            "content/answers/advocated-for-someone-with-less-power-news-managing-editor.md",
            "/questions/advocated-for-someone-with-less-power.html",
        ),
        (
            "principle",
            "content/principles/ownership.md",
            "/principles/ownership.html",
        ),
        (
            "tip",
            "content/tips/ownership-pick-stories-nobody-assigned.md",
            "/tips.html",
        ),
    ];
    for (_, file, _) in &edits {
        if !tmp.path().join(file).is_file() {
            return Served {
                row: format!("bundled handbook: {file} is gone; update the bench's edits"),
                medians: Vec::new(),
            };
        }
    }
    let served = serve_edits(exe, tmp.path(), &edits);
    Served {
        row: format!("bundled handbook, {}", served.row),
        ..served
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Times search in headless Chromium, when node, Chromium and playwright-core are there.
fn browser_timing(out: &Path) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium =
        std::env::var("PREPBOOK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists()
        || !repo
            .join("tests/browser/node_modules/playwright-core")
            .exists()
    {
        return "search in the browser: skipped (needs chromium and `npm ci --prefix tests/browser`)".into();
    }
    let q = "Tell me about a time you handled";
    match Command::new("node")
        .arg(repo.join("benches/search-browser.mjs"))
        .arg(out)
        .arg(q)
        .output()
    {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim_end().to_string(),
        Ok(o) => format!(
            "search in the browser failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => format!("search in the browser: skipped ({e})"),
    }
}

/// What the practice page loads on opening (`practice/data.js` and `practice/site.js`), and
/// the details files a drill loads one at a time.
fn practice_bytes(out: &Path, questions: usize) -> String {
    let size = |p: &str| std::fs::metadata(out.join(p)).map_or(0, |m| m.len());
    let open = size("practice/data.js") + size("practice/site.js");
    let details: Vec<u64> = std::fs::read_dir(out.join("practice"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with("details-"))
                .filter_map(|e| e.metadata().ok().map(|m| m.len()))
                .collect()
        })
        .unwrap_or_default();
    format!(
        "practice page on open: {:.2} MB ({} B/question); {} details files, the largest {} KB",
        open as f64 / 1e6,
        open / questions.max(1) as u64,
        details.len(),
        details.iter().max().copied().unwrap_or(0) / 1024
    )
}

fn dir_bytes(dir: &Path) -> (u64, usize) {
    let mut bytes = 0;
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        bytes += e.metadata().unwrap().len();
        n += 1;
    }
    (bytes, n)
}

fn pathological() -> String {
    use prepbook::content::markdown::{render, RenderOptions};
    let mut out = String::new();
    let opts = RenderOptions {
        heading_shift: 0,
        id_prefix: "",
        split_sections: false,
    };
    let resolve = |_: &str,
                   _: Option<&str>,
                   _: usize|
     -> Result<Option<String>, (String, String)> { Ok(None) };
    writeln!(
        out,
        "\nMarkdown inputs known to be slow elsewhere (n = repetitions):"
    )
    .unwrap();
    writeln!(
        out,
        "{:<12} {:>12} {:>12} {:>8}",
        "input", "n=50k (ms)", "n=100k (ms)", "ratio"
    )
    .unwrap();
    for unit in ["[a](<b", "[ (](", "a***", "* a\n", "[*_a", "`", ">", "- "] {
        let time = |n: usize| {
            let src = unit.repeat(n);
            let t = Instant::now();
            let _ = render(&src, &opts, &resolve);
            t.elapsed().as_secs_f64() * 1000.0
        };
        let (a, b) = (time(50_000), time(100_000));
        writeln!(
            out,
            "{:<12} {a:>12.1} {b:>12.1} {:>8.2}",
            format!("{unit:?}"),
            b / a.max(0.001)
        )
        .unwrap();
    }
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (c, p) in ('b'..='i').zip('a'..='h') {
        laughs.push_str(&format!(
            "{c}: &{c} [{}]\n",
            vec![format!("*{p}"); 9].join(",")
        ));
    }
    let items: Vec<String> = (0..4000).map(|i| i.to_string()).collect();
    let amplification = format!(
        "title: &x [{}]\ntags: [{}]\n",
        items.join(","),
        vec!["*x"; 4000].join(",")
    );
    for (name, y) in [
        ("billion laughs", laughs),
        ("alias amplification (35 KB)", amplification),
    ] {
        let t = Instant::now();
        let r = prepbook::content::yaml::parse::<serde_yaml::Value>(&y, &["title", "tags"]);
        assert!(r.is_err());
        writeln!(
            out,
            "front matter, {name}: refused in {:.2} ms",
            t.elapsed().as_secs_f64() * 1000.0
        )
        .unwrap();
    }
    out
}

/// Ordinary-looking content that was once quadratic somewhere in the pipeline, checked whole
/// (validation, pages, print view, search) at n and 2n: the ratio must stay near 2.
fn linear_shapes() -> String {
    let mut out = String::new();
    writeln!(
        out,
        "\nWhole-pipeline check of one page (n = repetitions; the file stays under 1 MiB):"
    )
    .unwrap();
    writeln!(
        out,
        "{:<36} {:>8} {:>10} {:>10} {:>6}",
        "input", "n", "n (ms)", "2n (ms)", "ratio"
    )
    .unwrap();
    type Shape = (&'static str, usize, fn(usize) -> String);
    let shapes: [Shape; 4] = [
        ("identical headings", 20_000, |n| {
            "### Same\n\ntext\n\n".repeat(n)
        }),
        ("a chain of footnotes", 10_000, |n| {
            let mut s = String::from("Start[^1]\n\n");
            for i in 1..n {
                s.push_str(&format!("[^{i}]: note {i} goes on[^{}]\n\n", i + 1));
            }
            s + &format!("[^{n}]: end\n")
        }),
        ("nested images", 40_000, |n| {
            "![a".repeat(n) + &"](x.png)".repeat(n) + "\n"
        }),
        ("nested images, every target missing", 20_000, |n| {
            "![a".repeat(n) + &"](missing.png)".repeat(n) + "\n"
        }),
    ];
    for (name, n, make) in shapes {
        let time = |n: usize| {
            let dir = tempfile::tempdir().unwrap();
            prepbook::scaffold::init(dir.path()).unwrap();
            let pages = dir.path().join("content/pages");
            std::fs::write(pages.join("x.png"), b"\x89PNG\r\n\x1a\n").unwrap();
            let body = make(n);
            assert!(body.len() < 1 << 20, "{name}: {} bytes", body.len());
            std::fs::write(
                pages.join("shape.md"),
                format!("---\ntitle: Shape\n---\n{body}"),
            )
            .unwrap();
            let t = Instant::now();
            let _ = prepbook::check(dir.path());
            t.elapsed().as_secs_f64() * 1000.0
        };
        let best = |n: usize| (0..3).map(|_| time(n)).fold(f64::MAX, f64::min);
        let (a, b) = (best(n), best(2 * n));
        writeln!(
            out,
            "{name:<36} {n:>8} {a:>10.1} {b:>10.1} {:>6.2}",
            b / a.max(0.001)
        )
        .unwrap();
    }
    out
}

/// A benchmark handbook's folder: removed afterwards, or kept.
enum Kept {
    Temp(tempfile::TempDir),
    Path(std::path::PathBuf),
}

impl Kept {
    fn path(&self) -> &Path {
        match self {
            Kept::Temp(t) => t.path(),
            Kept::Path(p) => p,
        }
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let exe = env!("CARGO_BIN_EXE_prepbook");
    let scales: Vec<usize> = std::env::var("PREPBOOK_BENCH_SCALES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 1000]);
    let runs: usize = std::env::var("PREPBOOK_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    println!(
        "prepbook build benchmark ({} cores, release build, clean output, best of {runs} runs)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:>5} {:>10} {:>10} {:>12} {:>14} {:>12} {:>16} {:>10} {:>14} {:>14} {:>14}",
        "build",
        "questions",
        "pages",
        "build (ms)",
        "ms/question",
        "peak (MB)",
        "bytes/question",
        "docs",
        "index ms/doc",
        "index B/doc",
        "snippet B/doc"
    );
    let mut previous: Option<(usize, f64, f64, f64)> = None;
    for per in scales {
        let tmp = match std::env::var_os("PREPBOOK_BENCH_DIR") {
            Some(d) => tempfile::tempdir_in(d).unwrap(),
            None => tempfile::tempdir().unwrap(),
        };
        let questions = generate(tmp.path(), per);
        // PREPBOOK_BENCH_KEEP=1 keeps the generated handbooks, to profile a build by hand.
        let tmp = if std::env::var_os("PREPBOOK_BENCH_KEEP").is_some() {
            let kept = tmp.keep();
            println!("{:>10} kept in {}", "", kept.display());
            Kept::Path(kept)
        } else {
            Kept::Temp(tmp)
        };
        let out = tmp.path().join("out");
        // First the core build (pages only), then everything on: search, print, practice, offline.
        let base_toml = std::fs::read_to_string(tmp.path().join("book.toml")).unwrap();
        let core_toml = format!(
            "{base_toml}[search]\nenable = false\n[print]\nenable = false\n[practice]\nenable = false\n[output]\noffline = false\n"
        );
        for (label, toml) in [("core", core_toml), ("full", base_toml)] {
            std::fs::write(tmp.path().join("book.toml"), toml).unwrap();
            let mut best: Option<Measured> = None;
            // Every run's wall and CPU time, for the growth line's medians.
            let (mut walls, mut cpus) = (Vec::new(), Vec::new());
            for _ in 0..runs {
                let _ = std::fs::remove_dir_all(&out);
                let m = run_measured(
                    Command::new(exe)
                        .arg("build")
                        .arg(tmp.path())
                        .arg("-o")
                        .arg(&out)
                        .env("PREPBOOK_TIMINGS", "1")
                        .stdout(std::process::Stdio::null()),
                );
                walls.push(m.wall.as_secs_f64() * 1000.0);
                cpus.push(m.cpu.as_secs_f64() * 1000.0);
                if best.as_ref().is_none_or(|b| m.wall < b.wall) {
                    best = Some(m);
                }
            }
            let best = best.expect("at least one run");
            let (bytes, pages) = dir_bytes(&out.join("questions"));
            let ms = best.wall.as_secs_f64() * 1000.0;
            let err = &best.stderr;
            let docs = stat(err, "docs:");
            let per_doc = |key: &str| {
                let v = stat(err, key) / docs;
                if v.is_nan() {
                    "-".to_string()
                } else {
                    format!("{v:.4}")
                }
            };
            let whole = |key: &str| {
                let v = stat(err, key) / docs;
                if v.is_nan() {
                    "-".to_string()
                } else {
                    format!("{v:.0}")
                }
            };
            let docs_shown = if docs.is_nan() {
                "-".to_string()
            } else {
                docs.to_string()
            };
            println!(
                "{:>5} {questions:>10} {:>10} {ms:>12.0} {:>14.3} {:>12.1} {:>16} {docs_shown:>10} {:>14} {:>14} {:>14}",
                label,
                pages + 16 + 5,
                ms / questions as f64,
                best.peak as f64 / 1e6,
                bytes / pages as u64,
                per_doc("build search index:"),
                whole("index_bytes:"),
                whole("text_bytes:"),
            );
            if label == "full" {
                let mem = best.peak as f64;
                // Medians, not the best run: the best of a few short builds is likelier to have
                // found a quiet moment than the best of a few long ones, which skews the ratio.
                let (wall, cpu) = (median(&mut walls), median(&mut cpus));
                if let Some((q0, wall0, cpu0, mem0)) = previous {
                    println!(
                        "{:>16} growth x{:.1} in time and x{:.1} in CPU time (medians of {runs} runs), x{:.1} in peak memory, for x{:.0} questions",
                        "",
                        wall / wall0,
                        cpu / cpu0,
                        mem / mem0,
                        questions as f64 / q0 as f64
                    );
                }
                previous = Some((questions, wall, cpu, mem));
                println!("{:>16} {}", "", practice_bytes(&out, questions));
            }
        }
        let served = serve_edits(Path::new(exe), tmp.path(), GENERATED_EDITS);
        println!("{:>16} {}", "", served.row);
        if questions >= 16_000 {
            // Run now, so that both rows see the same machine.
            let bundled = serve_bundled(Path::new(exe));
            println!("{:>16} {}", "", bundled.row);
            if served.medians.len() == bundled.medians.len() && !served.medians.is_empty() {
                println!(
                    "{:>16} serve at {questions} questions: x{:.1} the bundled handbook's",
                    "",
                    mean(&served.medians) / mean(&bundled.medians)
                );
            }
        }
        // The write path's cost is a figure of the 16,000 scale; at 160,000 it would add
        // minutes of writing to a slow disk.
        if (16_000..160_000).contains(&questions) {
            println!(
                "{:>16} {}",
                "",
                disk_and_ram_disk(Path::new(exe), tmp.path(), runs)
            );
        }
        if questions >= 16_000 || std::env::var_os("PREPBOOK_BENCH_BROWSER_ALL").is_some() {
            println!(
                "{:>16} {}",
                "",
                browser_timing(&out).replace('\n', &format!("\n{:>17}", ""))
            );
        }
    }
    print!("{}", pathological());
    print!("{}", linear_shapes());
}
