//! prepbook turns a folder of interview-preparation content into a static handbook.
//!
//! The pipeline, sequenced in [`build`] and [`check`]:
//!
//! ```text
//! book.toml -> config -> content (walk, decode) -> validate (front matter, links, Markdown)
//!           -> model::Handbook -> render (pages in memory) -> output (stage, then swap)
//! ```

pub mod artifact;
pub mod chars;
pub mod coach;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diagnostic;
pub mod driver;
pub mod epub;
pub mod error;
pub mod framework;
pub mod fsio;
pub mod import;
pub mod interrupt;
pub mod kind;
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
pub mod source_date;
pub mod strings;
#[cfg(test)]
mod testbook;
pub mod validate;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use artifact::OutputFile;
pub use config::Config;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;
pub use model::Handbook;

/// A loaded and validated handbook, with the warnings found on the way.
pub struct Loaded {
    pub handbook: Handbook,
    /// The theme's texts in the handbook's language, with its own words.
    pub strings: std::sync::Arc<strings::Strings>,
    pub warnings: Diagnostics,
    pub root: PathBuf,
    /// The search index's memory of the dev server's loads, shared with the memo the load
    /// used; none for a plain load.
    search: Option<std::sync::Arc<search::memo::Memo>>,
}

impl Loaded {
    /// The search index files, reusing what the memo of the load remembers of the last index.
    pub fn search_files(&self) -> (Vec<OutputFile>, search::index::Stats) {
        match &self.search {
            Some(memo) => search::files_with(&self.handbook, memo),
            None => search::files(&self.handbook),
        }
    }
}

/// Reads `book.toml` and the content folder under `root`, and validates everything.
pub fn load(root: &Path) -> Result<Loaded, Error> {
    load_with(root, None)
}

/// What one load worked out, file by file, for the next load of the same handbook to reuse:
/// the dev server's memory between saves. A change to `book.toml` starts it afresh.
#[derive(Default)]
pub struct Memo {
    /// The text of `book.toml` the memo was filled under.
    config: Option<String>,
    read: content::ReadCache,
    validate: validate::Memo,
    coach: coach::Memo,
    /// Shared with each load it fills ([`Loaded`]): the index is made after the load, when a
    /// page asks for it.
    search: std::sync::Arc<search::memo::Memo>,
}

impl Memo {
    /// Marks paths the watcher saw change, to be read again whatever their stamps say.
    pub fn mark_changed<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.read.mark_changed(paths);
    }

    /// Makes the next load walk the whole content folder: the watcher may have lost changes.
    pub fn walk_again(&mut self) {
        self.read.walk_again();
    }
}

/// [`load`], reading, parsing, building and coaching again only what changed since the load
/// that filled `memo`. The result is the same as [`load`]'s.
pub fn load_with(root: &Path, mut memo: Option<&mut Memo>) -> Result<Loaded, Error> {
    // One reading of book.toml, both parsed and compared with the memo's.
    let text = Config::read(root).map_err(|d| Error::Invalid(d.into()))?;
    let config = Config::parse(&text, config::CONFIG_FILE).map_err(|d| Error::Invalid(d.into()))?;
    if let Some(m) = memo.as_deref_mut() {
        if m.config.as_deref() != Some(text.as_str()) {
            *m = Memo {
                config: Some(text),
                ..Memo::default()
            };
        }
    }
    let content_dir = root.join(&config.content_dir);
    let strings = strings::Strings::for_config(&config);
    let t = Instant::now();
    let (discovered, mut problems) =
        content::discover_with(root, &content_dir, memo.as_deref_mut().map(|m| &mut m.read));
    timing("read content", t);
    let t = Instant::now();
    let (handbook, diags) = validate::validate_with(
        config,
        discovered,
        memo.as_deref_mut().map(|m| &mut m.validate),
    );
    timing("validate and render Markdown", t);
    problems.extend(diags);
    let strings = match strings {
        Ok(s) => Some(s),
        Err(d) => {
            problems.extend(d);
            None
        }
    };
    let mut all = Diagnostics::from(problems);
    all.sort();
    let search = memo.as_ref().map(|m| m.search.clone());
    match (handbook, strings) {
        (Some(mut handbook), Some(strings)) if !all.has_errors() => {
            let t = Instant::now();
            all.extend(validate::principles_without_questions(&handbook));
            all.extend(coach::apply_with(&mut handbook, memo.map(|m| &mut m.coach)));
            timing("coach", t);
            all.sort();
            Ok(Loaded {
                handbook,
                strings: std::sync::Arc::new(strings),
                warnings: all,
                root: root.to_path_buf(),
                search,
            })
        }
        _ => Err(Error::Invalid(all)),
    }
}

/// Renders a loaded handbook into memory with its theme, and builds its search index.
pub fn render(loaded: &Loaded) -> Result<Vec<OutputFile>, Error> {
    let mut all = Vec::new();
    render_into(loaded, &mut |files| {
        all.extend(files);
        Ok(())
    })?;
    Ok(all)
}

/// Renders a loaded handbook, handing its files to `put` stage by stage (the pages in batches),
/// so a writer can store them and let their bytes go: a large handbook is never held whole.
pub fn render_into(
    loaded: &Loaded,
    put: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), Error>,
) -> Result<(), Error> {
    let book = &loaded.handbook;
    // What the publishing files need of every file: its path and a hash of its bytes.
    let written = std::cell::RefCell::new(Vec::<publish::Written>::new());
    let mut put = |files: Vec<OutputFile>| -> Result<(), Error> {
        written.borrow_mut().extend(
            publish::Written::all(&files).map_err(|e| {
                Error::io("cannot read a file of the build", Path::new("content"), e)
            })?,
        );
        put(files)
    };
    let t = Instant::now();
    let mut theme = render::theme::Theme::load(&loaded.root, &book.config.theme)
        .map_err(|d| Error::Invalid(d.into()))?;
    theme
        .tera
        .register_function("t", strings::Translate(loaded.strings.clone()));
    timing("load theme", t);
    let t = Instant::now();
    render::render(book, &theme, &loaded.strings, &mut put)?;
    timing("render pages", t);
    if book.config.practice.enable {
        let t = Instant::now();
        put(vec![practice::site_file(book)])?;
        // One file at a time: a large handbook's details files are never held together.
        let data = practice::DataFiles::new(book);
        for (_, file) in data.all() {
            put(vec![data.make(file)])?;
        }
        timing("practice data", t);
    }
    if book.config.print.enabled {
        let t = Instant::now();
        print::render(book, &theme, &loaded.strings, &mut put)?;
        timing("render print view and cheat sheets", t);
    }
    if book.config.search.enabled {
        let t = Instant::now();
        let (index, stats) = loaded.search_files();
        put(index)?;
        timing("build search index", t);
        if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
            eprintln!("timing: search index: {stats:?}");
        }
    }
    let t = Instant::now();
    let extra = publish::files(&book.config, &written.borrow());
    put(extra)?;
    timing("publishing files", t);
    Ok(())
}

/// Prints how long a stage took when `PREPBOOK_TIMINGS` is set (used by the benchmark).
pub(crate) fn timing(stage: &str, start: Instant) {
    if std::env::var_os("PREPBOOK_TIMINGS").is_some() {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .unwrap_or("")
                .to_string()
        };
        eprintln!(
            "timing: {stage}: {} ms (rss {} kB, peak so far {} kB)",
            start.elapsed().as_millis(),
            field("VmRSS:"),
            field("VmHWM:")
        );
    }
}

/// Options of [`build`].
pub type BuildOptions = driver::Options;
/// What a build did.
pub type BuildReport = driver::Report;

/// Builds the handbook at `root`: load, render, then write once.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Error> {
    driver::run(root, &mut driver::Site, options)
}

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    pub principles: usize,
    /// The handbook's word for a principle, singular and plural (`[strings]`).
    pub principle_words: (String, String),
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
        principle_words: (
            loaded.strings.get("principle"),
            loaded.strings.get("principles"),
        ),
        questions: h.questions.len(),
        answers: h.answers.len(),
        tips: h.tips.len(),
        pages: h.pages.len(),
        stories: h.stories.len(),
        coverage: coverage::report(h, &coverage::compute(h)),
        warnings: loaded.warnings,
    })
}
