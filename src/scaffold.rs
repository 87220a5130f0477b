//! `prepbook init`: the starter handbook, embedded in the binary and written to a new folder.

use std::fs;
use std::path::Path;

use include_dir::{include_dir, Dir, DirEntry};

use crate::error::Error;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold");

/// The starter files, as (path relative to the handbook root, contents), skipping this module.
pub fn starter_files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(d) => walk(d, out),
                DirEntry::File(f) => {
                    let path = f.path().to_string_lossy().replace('\\', "/");
                    out.push((path, f.contents()));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&STARTER, &mut out);
    out.sort();
    out
}

/// Writes a new handbook into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<usize, Error> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() || !m.is_dir() => {
            return Err(Error::Refused {
                path: dir.to_path_buf(),
                reason: "it exists and is not a folder".into(),
                help: "choose a new folder name".into(),
            })
        }
        Ok(_) => {
            let mut entries =
                fs::read_dir(dir).map_err(|e| Error::io("cannot read folder", dir, e))?;
            if entries.next().is_some() {
                return Err(Error::Refused {
                    path: dir.to_path_buf(),
                    reason: "the folder is not empty".into(),
                    help: "choose a new or empty folder; prepbook init never overwrites files"
                        .into(),
                });
            }
        }
        Err(_) => fs::create_dir_all(dir).map_err(|e| Error::io("cannot create folder", dir, e))?,
    }
    let files = starter_files();
    for (rel, contents) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("cannot create folder", parent, e))?;
        }
        fs::write(&path, contents).map_err(|e| Error::io("cannot write", &path, e))?;
    }
    Ok(files.len())
}
