//! Finding and reading the content files: a walk of the content folder, or, for the dev
//! server, the last walk brought up to date with the paths the watcher saw change, so that a
//! save costs the same in a handbook of ten files or of thirty thousand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::cache::{ReadCache, Stamp};
use super::{check_id, decode, is_ignored, AssetFile, Discovered, Kind, SourceFile};
use crate::diagnostic::{display_path, Diagnostic};

/// What one path of the content folder holds, before any file is read.
#[derive(Debug, Clone)]
pub(super) enum Found {
    Markdown {
        kind: Kind,
        id: String,
        file: String,
        content_path: String,
        /// The file as last read, and its stamp then.
        read: Option<(Option<Stamp>, Arc<SourceFile>)>,
    },
    Asset(AssetFile),
    Problem(Diagnostic),
}

/// Every path of a walk that holds something, in walk order: a path's parts compare one by
/// one, as the walk sorts each folder by name.
pub(super) type Entries = BTreeMap<PathBuf, Found>;

/// What the entry at `path` is, given how `lstat` saw it; `None` for a folder.
fn classify(root: &Path, content_dir: &Path, path: &Path, link: bool, file: bool) -> Option<Found> {
    let shown = display_path(root, path);
    if link {
        return Some(Found::Problem(
            Diagnostic::error(format!(
                "`{shown}` is a symbolic link, which prepbook does not follow"
            ))
            .with_help("replace the link with the file or folder itself"),
        ));
    }
    if !file {
        return None;
    }
    let rel = path.strip_prefix(content_dir).unwrap_or(path);
    let content_path = rel.to_string_lossy().replace('\\', "/");
    // `.md` and `.markdown`, in any case: never published raw as a copied file.
    let is_md = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if !is_md {
        return Some(Found::Asset(AssetFile {
            content_path,
            file: shown,
            path: path.to_path_buf(),
        }));
    }
    let folder = content_path.split('/').next().unwrap_or("");
    let Some(kind) = (rel.components().count() > 1)
        .then(|| Kind::from_folder(folder))
        .flatten()
    else {
        let folders: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("{}/", k.folder()))
            .collect();
        return Some(Found::Problem(
            Diagnostic::error("Markdown file outside the content kinds' folders")
                .in_file(shown)
                .with_help(format!("move it into one of {}", folders.join(", "))),
        ));
    };
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    Some(match check_id(&stem) {
        Ok(id) => Found::Markdown {
            kind,
            id,
            file: shown,
            content_path,
            read: None,
        },
        Err((message, help)) => {
            Found::Problem(Diagnostic::error(message).in_file(shown).with_help(help))
        }
    })
}

/// Walks `content_dir` without following symbolic links or entering hidden folders. Also says
/// whether a folder could not be read: the watcher will not report it becoming readable, so
/// the next discovery walks again.
fn walk(root: &Path, content_dir: &Path) -> (Entries, bool) {
    let mut entries = Entries::new();
    let mut unreadable = false;
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) => {
                let (link, file) = (e.path_is_symlink(), e.file_type().is_file());
                if let Some(found) = classify(root, content_dir, e.path(), link, file) {
                    entries.insert(e.into_path(), found);
                }
            }
            Err(e) => {
                unreadable = true;
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                let shown = display_path(root, &path);
                let problem = Diagnostic::error(format!("cannot read `{shown}`: {e}"))
                    .with_help("check the file's permissions");
                // Keyed by its path, or after every entry when it has none, so none is lost.
                let key = match path.as_os_str().is_empty() {
                    true => content_dir.join(format!("\u{10FFFF}{}", entries.len())),
                    false => path,
                };
                entries.insert(key, Found::Problem(problem));
            }
        }
    }
    (entries, unreadable)
}

/// Brings the entries of the last walk up to date with `changed`, or says a walk is needed
/// (a folder appeared, the content folder itself changed, a path could not be read).
fn update(root: &Path, content_dir: &Path, entries: &mut Entries, changed: &[PathBuf]) -> bool {
    for p in changed {
        // The content folder itself, or a folder holding it, moved or replaced.
        if content_dir.starts_with(p) {
            return false;
        }
        let Ok(rel) = p.strip_prefix(content_dir) else {
            continue;
        };
        // What the walk never enters or lists.
        if rel
            .components()
            .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
        {
            continue;
        }
        // A folder on the way that is a link: the walk reports the link and stops there.
        let mut at = content_dir.to_path_buf();
        let parts: Vec<_> = rel.components().collect();
        for c in &parts[..parts.len() - 1] {
            at.push(c);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() => {}
                _ => return false,
            }
        }
        match std::fs::symlink_metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // The path and, if it was a folder, everything in it.
                let gone: Vec<PathBuf> = entries
                    .range(p.clone()..)
                    .map(|(k, _)| k)
                    .take_while(|k| k.starts_with(p))
                    .cloned()
                    .collect();
                for k in gone {
                    entries.remove(&k);
                }
            }
            Err(_) => return false,
            Ok(m) if m.is_dir() => return false,
            Ok(m) => {
                let link = m.file_type().is_symlink();
                match classify(root, content_dir, p, link, m.is_file()) {
                    Some(found) => entries.insert(p.clone(), found),
                    None => entries.remove(p),
                };
            }
        }
    }
    true
}

/// Finds the content files (a walk, or with `cache` the last walk brought up to date) and
/// reads the Markdown ones, reusing the cache's reading of files that did not change.
pub(super) fn discover(
    root: &Path,
    content_dir: &Path,
    mut cache: Option<&mut ReadCache>,
) -> (Discovered, Vec<Diagnostic>) {
    // With a cache that knows every change since its walk, only the changed paths are looked
    // at, and files not among them are taken as they were read.
    let mut incremental = false;
    let (mut entries, unreadable) = match cache.as_deref_mut() {
        Some(c) if c.walked.as_deref() == Some(content_dir) && !c.walk_again => {
            let changed: Vec<PathBuf> = c.changed.iter().cloned().collect();
            let mut entries = std::mem::take(&mut c.entries);
            incremental = update(root, content_dir, &mut entries, &changed);
            if incremental {
                (entries, false)
            } else {
                walk_again(root, content_dir, entries)
            }
        }
        Some(c) => walk_again(root, content_dir, std::mem::take(&mut c.entries)),
        None => walk(root, content_dir),
    };
    let changed = cache.as_deref().map(|c| &c.changed);
    let with_stamps = cache.is_some();

    let mut problems = Vec::new();
    let mut found = Discovered::default();
    let mut markdown = Vec::new();
    for (path, f) in entries.iter_mut() {
        match f {
            Found::Markdown { .. } => markdown.push((path, f)),
            Found::Asset(a) => found.assets.push(a.clone()),
            Found::Problem(d) => problems.push(d.clone()),
        }
    }
    let read: Vec<Result<Arc<SourceFile>, Diagnostic>> = crate::fsio::io_pool().install(|| {
        markdown
            .par_iter_mut()
            .map(|(path, f)| {
                let path: &Path = path;
                let Found::Markdown { read: last, .. } = f else {
                    unreachable!("only Markdown files are read");
                };
                // Read again when the watcher saw the file change or, after a walk, when its
                // size, time or inode differ from the last reading.
                let seen = changed.is_some_and(|c| c.contains(path));
                let stamp = || std::fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m));
                if let (Some((was, src)), false) = (last.as_ref(), seen) {
                    if incremental {
                        return Ok(src.clone());
                    }
                    if was.is_some() && stamp() == *was {
                        return Ok(src.clone());
                    }
                }
                let now = with_stamps.then(stamp).flatten();
                let r = read(path, f);
                if let Found::Markdown { read: last, .. } = f {
                    *last = r.as_ref().ok().map(|src| (now, src.clone()));
                }
                r
            })
            .collect()
    });
    drop(markdown);
    for r in read {
        match r {
            Ok(f) => found.files.push(f),
            Err(d) => problems.push(d),
        }
    }
    if let Some(c) = cache {
        c.changed.clear();
        c.walk_again = unreadable;
        c.walked = Some(content_dir.to_path_buf());
        c.entries = entries;
    }
    (found, problems)
}

/// A new walk that keeps the readings of `old` entries, to be reused when their stamps match.
fn walk_again(root: &Path, content_dir: &Path, mut old: Entries) -> (Entries, bool) {
    let (mut entries, unreadable) = walk(root, content_dir);
    for (path, f) in entries.iter_mut() {
        if let (Found::Markdown { read, .. }, Some(Found::Markdown { read: was, .. })) =
            (f, old.remove(path))
        {
            *read = was;
        }
    }
    (entries, unreadable)
}

/// Reads and decodes one Markdown file found at `path`.
fn read(path: &Path, found: &Found) -> Result<Arc<SourceFile>, Diagnostic> {
    let Found::Markdown {
        kind,
        id,
        file,
        content_path,
        ..
    } = found
    else {
        unreachable!("only Markdown files are read");
    };
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read file: {e}"))
            .in_file(file.clone())
            .with_help("check the file's permissions")
    })?;
    let text = decode(&bytes).map_err(|(pos, msg, help)| {
        Diagnostic::error(msg)
            .in_file(file.clone())
            .at(pos)
            .with_help(help)
    })?;
    Ok(Arc::new(SourceFile {
        kind: *kind,
        id: id.clone(),
        file: file.clone(),
        content_path: content_path.clone(),
        text,
    }))
}
