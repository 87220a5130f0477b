//! When the handbook last changed, for outputs that carry a date (the EPUB's metadata, the
//! PDFs' document information): taken from the sources, never from the clock, so that two
//! exports of the same handbook are byte-identical.

use std::path::Path;

/// When the handbook last changed: `SOURCE_DATE_EPOCH` when set (the reproducible-builds
/// convention), else the newest modification time of `book.toml` and the content folder.
pub fn modified(root: &Path, content: &Path) -> chrono::DateTime<chrono::Utc> {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let seconds = from_env.unwrap_or_else(|| {
        let files = walkdir::WalkDir::new(content)
            .follow_links(false)
            .into_iter()
            .flatten()
            .map(|e| e.into_path())
            .chain([root.join(crate::config::CONFIG_FILE)]);
        files
            .filter_map(|p| std::fs::symlink_metadata(p).and_then(|m| m.modified()).ok())
            .filter_map(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64)
            .max()
            .unwrap_or(0)
    });
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}
