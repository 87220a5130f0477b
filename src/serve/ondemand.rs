//! The dev server's build, made file by file as pages ask for them. After a save only the
//! handbook is loaded again (reusing what did not change); a page, a printed page (a cheat
//! sheet, a part of the print view or of the flashcards) or a practice data file is made when
//! it is requested, and a set of files made together (the search index) when one of them is.
//! So the time from a save to the reloaded page does not grow with the handbook. Every file is
//! made by the code `prepbook build` runs, so its bytes are the same as a clean build's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;
use rayon::prelude::*;

use crate::artifact::{Contents, OutputFile};
use crate::content::Stamp;
use crate::diagnostic::Diagnostics;
use crate::model::paths;
use crate::render::theme::Theme;
use crate::render::{PageRef, SitePages};
use crate::Loaded;

/// Files that one function of the build makes together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// `practice/site.js`, which every page with a due count loads.
    PracticeSite,
    /// The rest of `practice/`, which only the practice page loads: made file by file.
    PracticeData,
    /// Cheat sheets, the overview, flashcards and the print view: made file by file.
    Print,
    /// `search/`.
    Search,
    /// The sitemap and robots.txt, which list every page: made from a whole build.
    Publish,
}

const GROUPS: [Group; 5] = [
    Group::PracticeSite,
    Group::PracticeData,
    Group::Print,
    Group::Search,
    Group::Publish,
];

impl Group {
    /// True when `path` is one of the group's files in a handbook configured as `book`'s.
    /// Cheap, and decided by the path alone, so that a request for a file the build does
    /// not have (a browser's `favicon.ico`) makes nothing.
    fn claims(self, loaded: &Loaded, path: &str) -> bool {
        let config = &loaded.handbook.config;
        let under = |dir: &str| {
            path.strip_prefix(dir)
                .is_some_and(|rest| rest.starts_with('/'))
        };
        match self {
            Group::PracticeSite => config.practice.enable && path == crate::practice::SITE_FILE,
            Group::PracticeData => config.practice.enable && under(paths::PRACTICE_DIR),
            Group::Print => {
                config.print.enabled
                    && ([
                        paths::PRINT,
                        paths::CHEATSHEETS,
                        paths::OVERVIEW,
                        paths::FLASHCARDS,
                    ]
                    .contains(&path)
                        || under(paths::PRINT_DIR)
                        || under(paths::FLASHCARDS_DIR)
                        || under(paths::CHEATSHEETS_DIR))
            }
            Group::Search => config.search.enabled && under(paths::SEARCH_DIR),
            Group::Publish => {
                (config.site_url.is_some()
                    && [crate::publish::SITEMAP, crate::publish::ROBOTS].contains(&path))
                    || (config.offline
                        && [crate::publish::MANIFEST, crate::publish::SERVICE_WORKER]
                            .contains(&path))
            }
        }
    }

    /// True for a group whose files are made one at a time, by [`Group::make_one`].
    fn by_file(self) -> bool {
        matches!(self, Group::PracticeData | Group::Print)
    }

    /// The group's file at `path` alone, or `None` when it has none there.
    fn make_one(
        self,
        loaded: &Loaded,
        theme: &Theme,
        path: &str,
    ) -> Option<Result<OutputFile, String>> {
        let book = &loaded.handbook;
        match self {
            Group::PracticeData => {
                let data = crate::practice::DataFiles::new(book);
                Some(Ok(data.make(data.find(path)?)))
            }
            Group::Print => {
                let printed = crate::print::Printed::new(book, theme, &loaded.strings);
                Some(printed.make(printed.find(path)?).map_err(|d| d.to_string()))
            }
            _ => None,
        }
    }

    /// Every file of the group.
    fn make(self, loaded: &Loaded, theme: &Theme) -> Result<Vec<OutputFile>, String> {
        let book = &loaded.handbook;
        let text = |e: crate::Error| e.to_string();
        Ok(match self {
            Group::PracticeSite => vec![crate::practice::site_file(book)],
            Group::PracticeData => {
                let data = crate::practice::DataFiles::new(book);
                data.all().into_iter().map(|(_, f)| data.make(f)).collect()
            }
            Group::Print => {
                let mut files = Vec::new();
                crate::print::render(book, theme, &loaded.strings, &mut |f| {
                    files.extend(f);
                    Ok(())
                })
                .map_err(text)?;
                files
            }
            Group::Search => loaded.search_files().0,
            Group::Publish => crate::render(loaded).map_err(text)?,
        })
    }
}

/// One successful load, and what has been made of it so far.
pub struct OnDemand {
    root: PathBuf,
    loaded: Loaded,
    theme: Arc<Theme>,
    pages: HashMap<String, PageRef>,
    /// The theme's and the content's own files, read when the build is loaded: the server
    /// never opens a file at request time.
    statics: HashMap<String, Bytes>,
    /// What each copied file was read from, and its stamp then: the next build reuses the
    /// bytes of a file the watcher did not report and whose stamp is the same.
    copied: HashMap<String, (PathBuf, Stamp)>,
    made: Mutex<HashMap<String, Bytes>>,
    groups: [OnceLock<Result<HashMap<String, Bytes>, String>>; GROUPS.len()],
}

impl OnDemand {
    /// Prepares `loaded` to be served: loads the theme unless the last build's `theme` is
    /// still good (a template that does not parse is a problem of this build), and reads the
    /// copied files.
    pub fn new(
        root: &Path,
        loaded: Loaded,
        theme: Option<Arc<Theme>>,
        earlier: Option<(&OnDemand, &[PathBuf])>,
    ) -> Result<OnDemand, String> {
        let book = &loaded.handbook;
        let theme = match theme {
            Some(t) => t,
            None => {
                let mut theme = Theme::load(&loaded.root, &book.config.theme)
                    .map_err(|d| Diagnostics::from(d).to_string())?;
                theme
                    .tera
                    .register_function("t", crate::strings::Translate(loaded.strings.clone()));
                Arc::new(theme)
            }
        };
        let site = SitePages::new(book, &theme, &loaded.strings);
        let pages = site.all().into_iter().collect();
        // Copied files (images, a theme's own files) are read again only when they changed.
        let mut copied = HashMap::new();
        let mut reused = Vec::new();
        let mut to_read = Vec::new();
        for f in site.statics() {
            if let Contents::Copy(src) = &f.contents {
                let Some(stamp) = std::fs::symlink_metadata(src).ok().map(|m| Stamp::of(&m)) else {
                    to_read.push(f);
                    continue;
                };
                let was = (src.clone(), stamp);
                let same = |(e, changed): (&OnDemand, &[PathBuf])| {
                    (!changed.contains(src) && e.copied.get(&f.path) == Some(&was))
                        .then(|| e.statics.get(&f.path).cloned())
                        .flatten()
                };
                if let Some(bytes) = earlier.and_then(same) {
                    reused.push((f.path.clone(), bytes));
                    copied.insert(f.path, was);
                    continue;
                }
                copied.insert(f.path.clone(), was);
            }
            to_read.push(f);
        }
        let mut statics: HashMap<String, Bytes> = super::capture::capture(root, to_read)?
            .into_iter()
            .collect();
        statics.extend(reused);
        Ok(OnDemand {
            root: root.to_path_buf(),
            loaded,
            theme,
            pages,
            statics,
            copied,
            made: Mutex::new(HashMap::new()),
            groups: Default::default(),
        })
    }

    /// The theme, to serve the next build when only content changes.
    pub fn theme(&self) -> Arc<Theme> {
        self.theme.clone()
    }

    /// The warnings of the load.
    pub fn warnings(&self) -> &Diagnostics {
        &self.loaded.warnings
    }

    /// The bytes of `path`, made now if they were not made yet; `None` when the build has no
    /// such file, an error when making it failed.
    pub fn get(&self, path: &str) -> Option<Result<Bytes, String>> {
        if let Some(b) = self.statics.get(path) {
            return Some(Ok(b.clone()));
        }
        if let Some(&page) = self.pages.get(path) {
            return self.made_once(path, || {
                let book = &self.loaded.handbook;
                let site = SitePages::new(book, &self.theme, &self.loaded.strings);
                Some(site.render(page).map_err(|d| d.to_string()))
            });
        }
        let i = GROUPS.iter().position(|g| g.claims(&self.loaded, path))?;
        if GROUPS[i].by_file() {
            return self.made_once(path, || GROUPS[i].make_one(&self.loaded, &self.theme, path));
        }
        match self.group(i) {
            Ok(files) => files.get(path).cloned().map(Ok),
            Err(e) => Some(Err(e.clone())),
        }
    }

    /// The bytes of `path` made earlier, else made by `make` (`None`: the build has no such
    /// file) and kept.
    fn made_once(
        &self,
        path: &str,
        make: impl FnOnce() -> Option<Result<OutputFile, String>>,
    ) -> Option<Result<Bytes, String>> {
        if let Some(b) = self.lock().get(path) {
            return Some(Ok(b.clone()));
        }
        Some(make()?.and_then(|f| self.keep(f)).map(|(_, b)| {
            self.lock().insert(path.to_string(), b.clone());
            b
        }))
    }

    /// The files of group `i`, made whole on first use.
    fn group(&self, i: usize) -> &Result<HashMap<String, Bytes>, String> {
        self.groups[i].get_or_init(|| {
            let files = GROUPS[i].make(&self.loaded, &self.theme)?;
            files.into_iter().map(|f| self.keep(f)).collect()
        })
    }

    /// Renders every page and every set of files made with templates, so that a build
    /// `prepbook build` would fail fails here too, before the pages reload. What is made is let
    /// go: the server holds only what pages ask for.
    pub fn check(&self) -> Result<(), String> {
        let pages: Vec<PageRef> = self.pages.values().copied().collect();
        let book = &self.loaded.handbook;
        let site = SitePages::new(book, &self.theme, &self.loaded.strings);
        let mut problems: Vec<String> = pages
            .par_iter()
            .filter_map(|&p| site.render(p).err().map(|d| d.to_string()))
            .collect();
        let config = &self.loaded.handbook.config;
        for (i, g) in GROUPS.into_iter().enumerate() {
            let on = match g {
                Group::Print => config.print.enabled,
                // Made without templates, so they cannot fail: at 16,000 questions, making
                // them here only to let them go cost about a second of every start.
                Group::PracticeSite | Group::PracticeData | Group::Search => false,
                // Made from a whole build, which the pages and groups above already are.
                Group::Publish => false,
            };
            if on {
                if let Err(e) = GROUPS[i].make(&self.loaded, &self.theme) {
                    problems.push(e);
                }
            }
        }
        problems.sort();
        problems.dedup();
        match problems.is_empty() {
            true => Ok(()),
            false => Err(problems.join("\n")),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Bytes>> {
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A made file as bytes (copied files read inside the handbook only).
    fn keep(&self, file: OutputFile) -> Result<(String, Bytes), String> {
        let mut one = super::capture::capture(&self.root, vec![file])?;
        one.pop()
            .ok_or_else(|| "a file of the build was lost".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asking for one printed page or one practice details file makes that file alone: the
    /// server then holds it and nothing else (no whole set of files), with the bytes the
    /// whole set has for it.
    #[test]
    fn one_print_part_cheat_sheet_or_details_file_is_made_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let loaded = crate::testbook::load(tmp.path());
        let server = OnDemand::new(tmp.path(), loaded, None, None).unwrap();
        let whole = |group: Group| -> HashMap<String, Vec<u8>> {
            let files = group.make(&server.loaded, &server.theme).unwrap();
            let files = super::super::capture::capture(tmp.path(), files).unwrap();
            files.into_iter().map(|(p, b)| (p, b.to_vec())).collect()
        };
        let (print, practice) = (whole(Group::Print), whole(Group::PracticeData));
        assert!(print.contains_key("print/earn-trust.html") && practice.len() > 3);
        let mut asked = Vec::new();
        for path in [
            "print/ownership.html",
            "cheatsheets/earn-trust.html",
            "flashcards/earn-trust.html",
            "practice/details-1.js",
            "practice/data.js",
            "print.html",
        ] {
            let made = server.get(path).unwrap().unwrap();
            let set = if path.starts_with("practice/") {
                &practice
            } else {
                &print
            };
            assert!(made == set[path], "{path} differs from the whole set's");
            asked.push(path.to_string());
            let mut held: Vec<String> = server.lock().keys().cloned().collect();
            held.sort();
            asked.sort();
            assert_eq!(held, asked, "after {path}");
            assert!(
                server.groups.iter().all(|g| g.get().is_none()),
                "a whole set was made"
            );
        }
        assert!(server.get("flashcards/frugality.html").is_none());
        assert!(server.get("practice/details-99.js").is_none());
    }
}
