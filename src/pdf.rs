//! `prepbook pdf`: the printed pages as PDF files, by driving headless Chromium.
//!
//! The handbook is rendered as for `build`, written to a temporary folder, and each printed
//! page is handed to Chromium's `--print-to-pdf`; the PDFs then go through the same output
//! rules as a build (checked folder, staging, swap), so nothing is half-written.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::artifact::{Contents, OutputFile};
use crate::config::PrintConfig;
use crate::error::Error;
use crate::model::paths;

/// The environment variable that names the Chromium binary to use.
pub const CHROMIUM_ENV: &str = "PREPBOOK_CHROMIUM";
/// Names tried on `PATH` when neither the environment nor `book.toml` names a binary.
const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
/// The longest one page may take to print.
const PAGE_TIMEOUT: Duration = Duration::from_secs(180);

/// Finds Chromium: `PREPBOOK_CHROMIUM`, then `[print] chromium`, then `PATH`.
pub fn find_chromium(config: &PrintConfig) -> Result<PathBuf, Error> {
    let named = std::env::var_os(CHROMIUM_ENV)
        .map(|v| {
            (
                PathBuf::from(v),
                format!("the {CHROMIUM_ENV} environment variable"),
            )
        })
        .or_else(|| {
            config
                .chromium
                .clone()
                .map(|p| (p, "`[print] chromium` in book.toml".to_string()))
        });
    if let Some((path, source)) = named {
        return if path.is_file() {
            Ok(path)
        } else {
            Err(Error::Usage {
                message: format!("no Chromium at `{}`, as {source} says", path.display()),
                help: "point it at the Chromium (or Chrome) binary, or unset it to look for `chromium` on PATH".into(),
            })
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in CANDIDATES {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(Error::Usage {
        message: "prepbook pdf needs Chromium to print the pages, and none was found".into(),
        help: format!(
            "install it (Debian or Ubuntu: `apt-get install chromium`; elsewhere Chromium or Google Chrome), \
             or name the binary with {CHROMIUM_ENV} or `[print] chromium` in book.toml"
        ),
    })
}

/// The PDFs to make: (page in the built handbook, PDF path in the output).
pub fn targets(principles: &[String]) -> Vec<(String, String)> {
    let mut t = vec![
        (paths::OVERVIEW.to_string(), "overview.pdf".to_string()),
        (
            paths::CHEATSHEETS.to_string(),
            "cheatsheets.pdf".to_string(),
        ),
    ];
    for id in principles {
        t.push((paths::cheatsheet(id), format!("cheatsheets/{id}.pdf")));
    }
    t.push((paths::PRINT.to_string(), "handbook.pdf".to_string()));
    t
}

/// True when this process runs as root, where Chromium refuses to start with its sandbox.
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Prints `page` (an HTML file) to `pdf` with headless Chromium.
pub fn print_page(chromium: &Path, page: &Path, pdf: &Path, profile: &Path) -> Result<(), Error> {
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-quic",
        "--mute-audio",
        "--no-pdf-header-footer",
        "--virtual-time-budget=5000",
    ]);
    if running_as_root() {
        cmd.arg("--no-sandbox");
    }
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd.arg(format!("--print-to-pdf={}", pdf.display()));
    cmd.arg(format!("file://{}", page.display()));
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| Error::io("cannot start Chromium", chromium, e))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > PAGE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Usage {
                    message: format!("Chromium took more than {} s to print `{}`", PAGE_TIMEOUT.as_secs(), page.display()),
                    help: "try again; if it keeps happening, check that Chromium starts headless on this machine".into(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(Error::io("cannot wait for Chromium", chromium, e)),
        }
    }
    let output = child
        .wait_with_output()
        .map_err(|e| Error::io("cannot wait for Chromium", chromium, e))?;
    let ok = std::fs::read(pdf).is_ok_and(|b| b.starts_with(b"%PDF"));
    if !ok {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(Error::Usage {
            message: format!("Chromium did not write a PDF of `{}` ({})", page.display(), last.trim()),
            help: "check that this Chromium can run headless (`chromium --headless --print-to-pdf=x.pdf about:blank`)".into(),
        });
    }
    Ok(())
}

/// Options of [`pdf`].
pub type PdfOptions = crate::driver::Options;
/// What `prepbook pdf` wrote.
pub type PdfReport = crate::driver::Report;

/// Renders the handbook and prints every printed page to PDF. `progress` hears of each file.
pub fn pdf(
    root: &Path,
    options: &PdfOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<PdfReport, Error> {
    let mut renderer = Pdf {
        progress,
        chromium: PathBuf::new(),
        work: None,
        _busy: crate::interrupt::Busy::enter(),
    };
    crate::driver::run(root, &mut renderer, options)
}

/// The PDF format: the site in a temporary folder, each printed page printed by Chromium.
struct Pdf<'p> {
    progress: &'p mut dyn FnMut(usize, usize, &str),
    chromium: PathBuf,
    /// Holds the site and the PDFs until they are written.
    work: Option<tempfile::TempDir>,
    /// The temporary folder must be removed even on Ctrl-C: the interrupt waits for this run.
    _busy: crate::interrupt::Busy,
}

impl crate::driver::Renderer for Pdf<'_> {
    fn default_output(&self, root: &Path, _config: &crate::Config) -> PathBuf {
        root.join("pdf")
    }

    fn also_protect(&self, root: &Path, config: &crate::Config) -> Vec<PathBuf> {
        vec![root.join(&config.output_dir)]
    }

    fn prepare(&mut self, loaded: &crate::Loaded) -> Result<(), Error> {
        let config = &loaded.handbook.config;
        if !config.print.enabled {
            return Err(Error::Usage {
                message: "printing is turned off in book.toml (`[print] enable = false`)".into(),
                help: "remove that line, or set it to true".into(),
            });
        }
        self.chromium = find_chromium(&config.print)?;
        Ok(())
    }

    fn render(&mut self, loaded: &crate::Loaded) -> Result<Vec<OutputFile>, Error> {
        let files = crate::render(loaded)?;
        let work = tempfile::tempdir().map_err(|e| {
            Error::io(
                "cannot create a temporary folder in",
                &std::env::temp_dir(),
                e,
            )
        })?;
        let site = work.path().join("site");
        crate::output::write(&site, &files)?;
        let pdfs = work.path().join("pdf");
        let profile = work.path().join("chromium-profile");
        let ids: Vec<String> = loaded
            .handbook
            .principles
            .iter()
            .map(|p| p.id.clone())
            .collect();
        let targets = targets(&ids);
        let mut outputs = Vec::with_capacity(targets.len());
        for (n, (page, name)) in targets.iter().enumerate() {
            (self.progress)(n + 1, targets.len(), name);
            let pdf = pdfs.join(name);
            if let Some(parent) = pdf.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io("cannot create folder", parent, e))?;
            }
            let printed = print_page(&self.chromium, &site.join(page), &pdf, &profile);
            if crate::interrupt::requested() {
                return Err(Error::Interrupted);
            }
            printed?;
            outputs.push(OutputFile {
                path: name.clone(),
                contents: Contents::Copy(pdf),
                origin: "the PDF printer",
            });
        }
        self.work = Some(work);
        Ok(outputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_cover_every_printed_page() {
        let t = targets(&["ownership".into(), "frugality".into()]);
        let names: Vec<&str> = t.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "overview.pdf",
                "cheatsheets.pdf",
                "cheatsheets/ownership.pdf",
                "cheatsheets/frugality.pdf",
                "handbook.pdf"
            ]
        );
        assert_eq!(t[2].0, "cheatsheets/ownership.html");
    }
}
