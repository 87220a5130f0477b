//! `prepbook pdf`: the printed pages as PDF files, by driving headless Chromium.
//!
//! The handbook is rendered as for `build` and written to a temporary folder; one headless
//! Chromium (see [`cdp`]) opens each printed page, waits for its sheets to be filled, and
//! prints it with a document outline (the PDF's bookmarks) and tags for accessibility. The PDFs
//! then go through the same output rules as a build (checked folder, staging, swap), so nothing
//! is half-written.

mod cdp;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::config::PrintConfig;
use crate::error::Error;
use crate::model::paths;
use crate::render::{Contents, OutputFile};

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

/// The PDFs to make: (page in the built handbook, with its query if any; PDF path in the output).
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
    t.push((paths::FLASHCARDS.to_string(), "flashcards.pdf".to_string()));
    t.push((
        format!("{}?layout=fold", paths::FLASHCARDS),
        "flashcards-fold.pdf".to_string(),
    ));
    t.push((paths::PRINT.to_string(), "handbook.pdf".to_string()));
    t
}

/// Characters escaped in the path of a `file:` URL.
const PATH_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The `file:` URL of `page` (a path, then maybe `?query`) in the folder `site`.
fn file_url(site: &Path, page: &str) -> String {
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let full = site.join(path);
    let encoded = utf8_percent_encode(&full.to_string_lossy(), PATH_ESCAPES).to_string();
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("file://{encoded}{query}")
}

/// Options of [`pdf`].
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Where the PDFs go; default `pdf/` in the handbook.
    pub output: Option<PathBuf>,
    pub force: bool,
}

/// What `prepbook pdf` wrote.
#[derive(Debug)]
pub struct PdfReport {
    pub output: PathBuf,
    pub files: usize,
    pub elapsed: Duration,
}

/// Renders the handbook and prints every printed page to PDF. `progress` hears of each file.
pub fn pdf(
    root: &Path,
    options: &PdfOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<PdfReport, Error> {
    let start = Instant::now();
    // The temporary site and PDFs must be removed even on Ctrl-C: defer it to this function.
    let _busy = crate::interrupt::Busy::enter();
    let loaded = crate::load(root)?;
    let config = &loaded.handbook.config;
    if !config.print.enabled {
        return Err(Error::Usage {
            message: "printing is turned off in book.toml (`[print] enable = false`)".into(),
            help: "remove that line, or set it to true".into(),
        });
    }
    let chromium = find_chromium(&config.print)?;
    let out = options.output.clone().unwrap_or_else(|| root.join("pdf"));
    let protected = [
        root.join(&config.content_dir),
        root.join("themes"),
        crate::output_dir(root, config, None),
    ];
    let out = crate::output::check_destination(&crate::output::Destination {
        output: &out,
        root,
        protected: &protected,
        force: options.force,
    })?;
    let files = crate::render(&loaded)?;
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
    let mut browser = cdp::Browser::launch(&chromium, &profile)?;
    for (n, (page, name)) in targets.iter().enumerate() {
        progress(n + 1, targets.len(), name);
        let pdf = pdfs.join(name);
        if let Some(parent) = pdf.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("cannot create folder", parent, e))?;
        }
        browser.print(&file_url(&site, page), &pdf, PAGE_TIMEOUT)?;
        outputs.push(OutputFile {
            path: name.clone(),
            contents: Contents::Copy(pdf),
            origin: "the PDF printer",
        });
    }
    browser.close();
    let written = crate::output::write(&out, &outputs)?;
    if let Some(w) = written.leftover_warning(&out) {
        eprintln!("{w}");
    }
    Ok(PdfReport {
        output: out,
        files: written.files,
        elapsed: start.elapsed(),
    })
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
                "flashcards.pdf",
                "flashcards-fold.pdf",
                "handbook.pdf"
            ]
        );
        assert_eq!(t[2].0, "cheatsheets/ownership.html");
        assert_eq!(
            file_url(Path::new("/tmp/my book"), &t[5].0),
            "file:///tmp/my%20book/flashcards.html?layout=fold"
        );
    }
}
