//! The theme: templates and static files, looked up in the handbook's `themes/<name>/`
//! first and then in the defaults embedded in the binary.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use tera::Tera;

use crate::diagnostic::{display_path, Diagnostic, Position};

/// The built-in theme, compiled into the binary from `themes/default/`.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The templates every theme must provide (the defaults provide them all).
pub const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "principle.html",
    "question.html",
    "questions.html",
    "tips.html",
    "page.html",
    "404.html",
    "search.html",
    "story.html",
    "stories.html",
    "coverage.html",
    "practice.html",
    "cheatsheets.html",
    "overview.html",
    "print.html",
    "print-principle.html",
];

/// Bytes of a static file: embedded, or a file on disk to copy.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// A loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// Static files by path relative to the theme's `static/` folder.
    pub statics: Vec<(String, StaticSource)>,
    /// Every template's source and where it came from, to place runtime errors.
    sources: Vec<TemplateSource>,
}

/// A template's source and where it came from (for messages).
struct TemplateSource {
    name: String,
    text: Cow<'static, str>,
    origin: String,
}

impl Theme {
    /// Loads theme `name` for the handbook at `root`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let dir = root.join("themes").join(name);
        let has_dir = dir.is_dir();
        if !has_dir && name != "default" {
            return Err(vec![Diagnostic::error(format!(
                "theme `{name}` not found: there is no folder `themes/{name}`"
            ))
            .in_file("book.toml")
            .with_help(
                "create the folder, or remove `theme` from `[build]` to use the built-in theme",
            )]);
        }
        let mut problems = Vec::new();
        let mut templates: Vec<TemplateSource> = Vec::new();
        if let Some(embedded) = DEFAULT_THEME.get_dir("templates") {
            for f in embedded.files() {
                let name = f
                    .path()
                    .strip_prefix("templates")
                    .unwrap_or(f.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = f.contents_utf8().unwrap_or_default();
                templates.push(TemplateSource {
                    origin: format!("built-in theme: templates/{name}"),
                    name,
                    text: Cow::Borrowed(text),
                });
            }
        }
        let mut statics: Vec<(String, StaticSource)> = Vec::new();
        if let Some(embedded) = DEFAULT_THEME.get_dir("static") {
            collect_embedded(embedded, &mut statics);
        }
        if has_dir {
            for (rel, path) in walk_files(&dir.join("templates"), &mut problems, root) {
                let origin = display_path(root, &path);
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        templates.retain(|t| t.name != rel);
                        templates.push(TemplateSource {
                            name: rel,
                            text: Cow::Owned(text),
                            origin,
                        });
                    }
                    Err(e) => problems.push(
                        Diagnostic::error(format!("cannot read template: {e}"))
                            .in_file(origin)
                            .with_help("templates must be UTF-8 text files"),
                    ),
                }
            }
            for (rel, path) in walk_files(&dir.join("static"), &mut problems, root) {
                statics.retain(|(p, _)| *p != rel);
                statics.push((rel, StaticSource::File(path)));
            }
        }
        statics.sort_by(|a, b| a.0.cmp(&b.0));

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        let all: Vec<(&str, &str)> = templates
            .iter()
            .map(|t| (t.name.as_str(), t.text.as_ref()))
            .collect();
        if let Err(e) = tera.add_raw_templates(all) {
            // Name the file of the template the error is about, when it says which.
            let chain = error_chain(&e);
            let origin = templates
                .iter()
                .find(|t| chain.contains(&format!("'{}'", t.name)))
                .map_or_else(|| format!("themes/{name}/templates"), |t| t.origin.clone());
            problems.push(template_error(&origin, &e));
        }
        if problems.is_empty() {
            for cycle in super::cycles::find(&tera) {
                let origin = templates
                    .iter()
                    .find(|t| t.name == cycle.template)
                    .map_or_else(|| cycle.template.clone(), |t| t.origin.clone());
                problems.push(
                    Diagnostic::error(format!("template recursion: {}", cycle.message))
                        .in_file(origin)
                        .with_help(
                            "a template may not include itself and a macro may not call itself, \
                             directly or through others: it would never end",
                        ),
                );
            }
        }
        for required in PAGE_TEMPLATES {
            if problems.is_empty() && !templates.iter().any(|t| t.name == *required) {
                problems.push(Diagnostic::error(format!(
                    "template `{required}` is missing"
                )));
            }
        }
        if problems.is_empty() {
            Ok(Theme {
                tera,
                statics,
                sources: templates,
            })
        } else {
            Err(problems)
        }
    }
}

fn collect_embedded(dir: &'static Dir<'static>, out: &mut Vec<(String, StaticSource)>) {
    for f in dir.files() {
        let rel = f
            .path()
            .strip_prefix("static")
            .unwrap_or(f.path())
            .to_string_lossy()
            .replace('\\', "/");
        out.push((rel, StaticSource::Embedded(f.contents())));
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// Files under `dir` (not following links), as (path relative to `dir`, full path).
fn walk_files(dir: &Path, problems: &mut Vec<Diagnostic>, root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.path_is_symlink() => problems.push(
                Diagnostic::error("symbolic links in a theme are not followed")
                    .in_file(display_path(root, e.path()))
                    .with_help("replace the link with the file itself"),
            ),
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                if !rel.split('/').any(|s| s.starts_with('.')) {
                    out.push((rel, e.path().to_path_buf()));
                }
            }
            Ok(_) => {}
            Err(e) => problems.push(
                Diagnostic::error(format!("cannot read theme folder: {e}"))
                    .in_file(display_path(root, dir)),
            ),
        }
    }
    out
}

pub use crate::artifact::escape_html;

impl Theme {
    /// Renders one page of any format with `template`: the shared variables of `base`, the
    /// page's own `view`, and `root` for its depth; `finish` post-processes the HTML. Every
    /// page of the site and of the printed matter goes through here.
    pub fn render_page(
        &self,
        base: &tera::Context,
        path: String,
        template: &'static str,
        view: tera::Context,
        finish: fn(&str) -> String,
    ) -> Result<crate::artifact::OutputFile, Diagnostic> {
        let mut ctx = base.clone();
        ctx.extend(view);
        ctx.insert("root", &crate::model::paths::root_of(&path));
        match self.tera.render(template, &ctx) {
            Ok(html) => Ok(crate::artifact::OutputFile {
                contents: crate::artifact::Contents::Owned(finish(&html).into_bytes()),
                path,
                origin: template,
            }),
            Err(e) => Err(self.render_error(&path, template, &e)),
        }
    }

    /// A diagnostic for a template that failed while rendering `path`, placed at the line of
    /// the template where the name the error is about first appears (Tera gives no line for
    /// runtime errors).
    pub fn render_error(&self, path: &str, template: &str, e: &tera::Error) -> Diagnostic {
        let chain = error_chain(e);
        let mut d = Diagnostic::error(format!(
            "cannot render `{path}` with template `{template}`: {chain}"
        ))
        .with_help(
            "fix the template; a theme's templates receive the variables documented in the README",
        );
        if let Some((origin, pos)) = self.locate(template, &chain) {
            d = d.in_file(origin).at(pos);
        }
        d
    }

    fn locate(&self, template: &str, chain: &str) -> Option<(String, Position)> {
        // The parts of the message between pairs of `quote`.
        let quoted = |quote: char| -> Vec<&str> {
            chain
                .split(quote)
                .skip(1)
                .step_by(2)
                .filter(|s| !s.is_empty())
                .collect()
        };
        let names = quoted('`');
        // The templates the message names ('base.html'), then the page's own, then the rest.
        let mut order: Vec<&TemplateSource> = Vec::new();
        for t in quoted('\'').into_iter().chain([template]) {
            order.extend(self.sources.iter().filter(|s| s.name == t));
        }
        order.extend(self.sources.iter());
        for source in order {
            for name in &names {
                if let Some(at) = source.text.find(name) {
                    return Some((source.origin.clone(), Position::of_offset(&source.text, at)));
                }
            }
        }
        None
    }
}

/// The rendered pages, or the template faults: each fault once, although it repeats on every
/// page that uses the template.
pub fn keep_pages(
    results: Vec<Result<crate::artifact::OutputFile, Diagnostic>>,
) -> Result<Vec<crate::artifact::OutputFile>, Vec<Diagnostic>> {
    // "cannot render `<path>` with template `<t>`: <fault>": the fault without the page.
    fn fault(d: &Diagnostic) -> &str {
        d.message.split_once(": ").map_or(&d.message, |(_, f)| f)
    }
    let mut files = Vec::with_capacity(results.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => {
                if !problems.iter().any(|p| fault(p) == fault(&d)) {
                    problems.push(d);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// The whole error chain of a Tera error, on one line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.dedup();
    // Tera's parse errors draw a multi-line pointer at the fault: keep it, indented.
    parts.join(": ").trim_end().replace('\n', "\n    ")
}

fn template_error(origin: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(format!("template error: {}", error_chain(e)))
        .in_file(origin.to_string())
        .with_help("fix the template syntax; see the Tera documentation for tags and filters")
}
