//! prepbook turns a folder of interview-preparation content into a static handbook.
//!
//! The pipeline, sequenced in [`build`] and [`check`]:
//!
//! ```text
//! book.toml -> config -> content (walk, decode) -> validate (front matter, links, Markdown)
//!           -> model::Handbook -> render (pages in memory) -> output (stage, then swap)
//! ```

pub mod coach;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diagnostic;
pub mod epub;
pub mod error;
pub mod fsio;
pub mod interrupt;
pub mod model;
pub mod output;
pub mod pdf;
pub mod practice;
pub mod print;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod validate;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use config::Config;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;
pub use model::Handbook;
pub use render::OutputFile;

/// A loaded and validated handbook, with the warnings found on the way.
pub struct Loaded {
    pub handbook: Handbook,
    pub warnings: Diagnostics,
    pub root: PathBuf,
}

/// Reads `book.toml` and the content folder under `root`, and validates everything.
pub fn load(root: &Path) -> Result<Loaded, Error> {
    let config = Config::load(root).map_err(|d| Error::Invalid(d.into()))?;
    let content_dir = root.join(&config.content_dir);
    let t = Instant::now();
    let (discovered, mut problems) = content::discover(root, &content_dir);
    timing("read content", t);
    let t = Instant::now();
    let (handbook, diags) = validate::validate(config, discovered);
    timing("validate and render Markdown", t);
    problems.extend(diags);
    let mut all = Diagnostics::from(problems);
    all.sort();
    match handbook {
        Some(mut handbook) if !all.has_errors() => {
            let t = Instant::now();
            all.extend(coach::apply(&mut handbook));
            timing("coach", t);
            all.sort();
            Ok(Loaded {
                handbook,
                warnings: all,
                root: root.to_path_buf(),
            })
        }
        _ => Err(Error::Invalid(all)),
    }
}

/// Renders a loaded handbook into memory with its theme, and builds its search index.
pub fn render(loaded: &Loaded) -> Result<Vec<OutputFile>, Error> {
    let book = &loaded.handbook;
    let t = Instant::now();
    let theme = render::theme::Theme::load(&loaded.root, &book.config.theme)
        .map_err(|d| Error::Invalid(d.into()))?;
    timing("load theme", t);
    let t = Instant::now();
    let mut files = render::render(book, &theme).map_err(|d| Error::Invalid(d.into()))?;
    timing("render pages", t);
    if book.config.practice.enable {
        files.push(practice::data_file(book));
    }
    if book.config.print.enabled {
        let t = Instant::now();
        files.extend(print::render(book, &theme).map_err(|d| Error::Invalid(d.into()))?);
        timing("render print view and cheat sheets", t);
    }
    if book.config.search.enabled {
        let t = Instant::now();
        let principles: Vec<(String, String)> = book
            .principles
            .iter()
            .map(|p| (p.id.clone(), p.title.clone()))
            .collect();
        let lang = search::tokenize::Language::from_tag(&book.config.language);
        let (index, stats) = search::index::build(&search::documents(book), &principles, lang);
        files.extend(index);
        timing("build search index", t);
        if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
            eprintln!("timing: search index: {stats:?}");
        }
    }
    let t = Instant::now();
    let extra = publish::files(&book.config, &files)
        .map_err(|e| Error::io("cannot read a file of the build", Path::new("content"), e))?;
    files.extend(extra);
    timing("publishing files", t);
    Ok(files)
}

/// Prints how long a stage took when `PREPBOOK_TIMINGS` is set (used by the benchmark).
fn timing(stage: &str, start: Instant) {
    if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
        let rss = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS"))
                    .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_string())
            })
            .unwrap_or_default();
        eprintln!(
            "timing: {stage}: {} ms (rss {rss} kB)",
            start.elapsed().as_millis()
        );
    }
}

/// Options of [`build`].
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides the output folder of `book.toml`.
    pub output: Option<PathBuf>,
    /// Replace a non-empty output folder that prepbook did not write.
    pub force: bool,
    /// Overrides `[output] site-url`.
    pub site_url: Option<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

/// Where the output goes: the command line's choice, else `book.toml`'s (relative to `root`).
pub fn output_dir(root: &Path, config: &Config, cli: Option<&Path>) -> PathBuf {
    match cli {
        Some(p) => p.to_path_buf(),
        None => root.join(&config.output_dir),
    }
}

/// Builds the handbook at `root`: load, render, then write once.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Error> {
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
    let out = output_dir(root, config, options.output.as_deref());
    let protected = [root.join(&config.content_dir), root.join("themes")];
    let out = output::check_destination(&output::Destination {
        output: &out,
        root,
        protected: &protected,
        force: options.force,
    })?;
    timing("check the output folder", t);
    let files = render(&loaded)?;
    let pages = files.iter().filter(|f| f.is_page()).count();
    let t = Instant::now();
    let written = output::write(&out, &files)?;
    timing("write output", t);
    loaded.warnings.extend(written.leftover_warning(&out));
    Ok(BuildReport {
        output: out,
        pages,
        files: written.files,
        bytes: written.bytes,
        elapsed: start.elapsed(),
        warnings: loaded.warnings,
    })
}

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    pub principles: usize,
    pub questions: usize,
    pub answers: usize,
    pub tips: usize,
    pub pages: usize,
    pub stories: usize,
    pub warnings: Diagnostics,
    /// The story coverage section, as text.
    pub coverage: String,
}

/// Validates the handbook at `root` and renders it in memory, writing nothing.
pub fn check(root: &Path) -> Result<CheckReport, Error> {
    let loaded = load(root)?;
    render(&loaded)?;
    let h = &loaded.handbook;
    Ok(CheckReport {
        principles: h.principles.len(),
        questions: h.questions.len(),
        answers: h.answers.len(),
        tips: h.tips.len(),
        pages: h.pages.len(),
        stories: h.stories.len(),
        coverage: coverage::report(h, &coverage::compute(h)),
        warnings: loaded.warnings,
    })
}
