//! `prepbook pdf`: the printed pages as PDF files, by driving headless Chromium.
//!
//! The handbook is rendered as for `build` and written to a temporary folder; one headless
//! Chromium (see [`cdp`]) opens each printed page, waits for its sheets to be filled, and
//! prints it with a document outline (the PDF's bookmarks) and tags for accessibility. The PDFs
//! then go through the same output rules as a build (checked folder, staging, swap), so nothing
//! is half-written. Their dates come from the sources ([`dates`]): two exports of the same
//! handbook are byte-identical.

mod cdp;
mod dates;

use std::path::{Path, PathBuf};
use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

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

/// The PDFs to make: (page in the built handbook, with its query if any; PDF path in the output).
/// `split`: the print view and the flashcards are split by principle, the flashcards into a file
/// for each of `card_parts`.
pub fn targets(principles: &[String], split: bool, card_parts: &[String]) -> Vec<(String, String)> {
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
    if split {
        // flashcards.pdf lists the parts; each part is printed in both layouts.
        for id in card_parts {
            let part = paths::flashcards_part(id);
            t.push((part.clone(), format!("flashcards/{id}.pdf")));
            t.push((
                format!("{part}?layout=fold"),
                format!("flashcards-fold/{id}.pdf"),
            ));
        }
    } else {
        t.push((
            format!("{}?layout=fold", paths::FLASHCARDS),
            "flashcards-fold.pdf".to_string(),
        ));
    }
    t.push((paths::PRINT.to_string(), "handbook.pdf".to_string()));
    // A print view split by principle: its contents in handbook.pdf, a PDF per part.
    if split {
        for id in principles {
            t.push((paths::print_part(id), format!("handbook/{id}.pdf")));
        }
    }
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
        _busy: crate::interrupt::Busy::enter(),
    };
    crate::driver::run(root, &mut renderer, options)
}

/// The PDF format: the site in a temporary folder, each printed page printed by Chromium.
struct Pdf<'p> {
    progress: &'p mut dyn FnMut(usize, usize, &str),
    chromium: PathBuf,
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

    fn render(
        &mut self,
        loaded: &crate::Loaded,
        put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
    ) -> Result<(), Error> {
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
        // Cut as the build cut the printed pages, so every part it wrote is printed.
        let layout = crate::print::Layout::of(&loaded.handbook);
        let card_parts: Vec<String> = (ids.iter().enumerate())
            .filter(|&(i, _)| layout.card_part(i))
            .map(|(_, id)| id.clone())
            .collect();
        let targets = targets(&ids, layout.split, &card_parts);
        let when = crate::source_date::modified(
            &loaded.root,
            &loaded.root.join(&loaded.handbook.config.content_dir),
        );
        let mut browser = cdp::Browser::launch(&self.chromium, &profile)?;
        for (n, (page, name)) in targets.iter().enumerate() {
            (self.progress)(n + 1, targets.len(), name);
            let pdf = pdfs.join(name);
            if let Some(parent) = pdf.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io("cannot create folder", parent, e))?;
            }
            let printed = browser.print(&file_url(&site, page), &pdf, PAGE_TIMEOUT);
            if crate::interrupt::requested() {
                return Err(Error::Interrupted);
            }
            printed?;
            let mut bytes = std::fs::read(&pdf).map_err(|e| Error::io("cannot read", &pdf, e))?;
            dates::set_dates(&mut bytes, when);
            // Each PDF is written as soon as it is printed: a set of large PDFs is never held
            // in memory at once.
            put(vec![OutputFile {
                path: name.clone(),
                contents: Contents::Owned(bytes),
                origin: "the PDF printer",
            }])?;
        }
        browser.close();
        drop(work);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_cover_every_printed_page() {
        let t = targets(&["ownership".into(), "frugality".into()], false, &[]);
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

    #[test]
    fn split_targets_print_each_part_of_the_print_view_and_of_the_flashcards() {
        let ids = ["ownership".to_string(), "frugality".to_string()];
        let t = targets(&ids, true, &ids[..1]);
        let names: Vec<&str> = t.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names[4..],
            [
                "flashcards.pdf",
                "flashcards/ownership.pdf",
                "flashcards-fold/ownership.pdf",
                "handbook.pdf",
                "handbook/ownership.pdf",
                "handbook/frugality.pdf"
            ]
        );
        assert_eq!(t[6].0, "flashcards/ownership.html?layout=fold");
    }
}
