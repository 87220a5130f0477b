//! The one driver of every command that writes: load and validate the handbook, protect the
//! destination, let an output format render its files in memory, then write them once. Each
//! format (the site, PDF, EPUB) is one [`Renderer`]; a new format is one more implementation.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::artifact::OutputFile;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::{load, output, timing, Loaded};

/// An output format.
pub trait Renderer {
    /// The output folder when the command line names none.
    fn default_output(&self, root: &Path, config: &Config) -> PathBuf;

    /// Folders the output must not overlap besides the handbook's sources (the site's output,
    /// for formats written beside it).
    fn also_protect(&self, _root: &Path, _config: &Config) -> Vec<PathBuf> {
        Vec::new()
    }

    /// Checks what the format needs before anything is rendered (a browser, a setting).
    fn prepare(&mut self, _loaded: &Loaded) -> Result<(), Error> {
        Ok(())
    }

    /// The files of the output, handed to `put` as they are made (a batch at a time, in
    /// memory or copied from a temporary folder); `put` writes them and lets them go.
    fn render(
        &mut self,
        loaded: &Loaded,
        put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
    ) -> Result<(), Error>;
}

/// What every writing command may say.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides the output folder.
    pub output: Option<PathBuf>,
    /// Replace a non-empty output folder that prepbook did not write.
    pub force: bool,
    /// Overrides `[output] site-url`.
    pub site_url: Option<String>,
}

/// What a run wrote.
#[derive(Debug)]
pub struct Report {
    pub output: PathBuf,
    /// The HTML pages among the files.
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

/// Loads the handbook at `root` and writes `renderer`'s output.
pub fn run(root: &Path, renderer: &mut dyn Renderer, options: &Options) -> Result<Report, Error> {
    let start = Instant::now();
    let mut loaded = load(root)?;
    if let Some(url) = &options.site_url {
        config::check_site_url(url).map_err(|why| Error::Usage {
            message: format!("--site-url {why}"),
            help: "write the full address, such as `https://example.com/handbook/`".into(),
        })?;
        loaded.handbook.config.site_url = Some(config::normalize_site_url(url));
    }
    let config = &loaded.handbook.config;
    let t = Instant::now();
    let out = match &options.output {
        Some(p) => p.clone(),
        None => renderer.default_output(root, config),
    };
    let mut protected = vec![root.join(&config.content_dir), root.join("themes")];
    protected.extend(renderer.also_protect(root, config));
    let out = output::check_destination(&output::Destination {
        output: &out,
        root,
        protected: &protected,
        force: options.force,
    })?;
    timing("check the output folder", t);
    renderer.prepare(&loaded)?;
    // Each batch is written into the staging folder as soon as it is made, so memory holds
    // one batch rather than the whole output; the staging folder goes if anything fails.
    let mut staging = output::Staging::begin(&out)?;
    let mut pages = 0;
    let mut writing = Duration::ZERO;
    renderer.render(&loaded, &mut |files| {
        let t = Instant::now();
        pages += files.iter().filter(|f| f.is_page()).count();
        staging.put(&files)?;
        writing += t.elapsed();
        Ok(())
    })?;
    let t = Instant::now();
    let written = staging.finish()?;
    writing += t.elapsed();
    if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
        eprintln!(
            "timing: write output: {} ms (while rendering)",
            writing.as_millis()
        );
    }
    loaded.warnings.extend(written.leftover_warning(&out));
    Ok(Report {
        output: out,
        pages,
        files: written.files,
        bytes: written.bytes,
        elapsed: start.elapsed(),
        warnings: loaded.warnings,
    })
}

/// The website: every page, the search index, printed pages, practice data.
pub struct Site;

impl Renderer for Site {
    fn default_output(&self, root: &Path, config: &Config) -> PathBuf {
        root.join(&config.output_dir)
    }

    fn render(
        &mut self,
        loaded: &Loaded,
        put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        crate::render_into(loaded, put)
    }
}
