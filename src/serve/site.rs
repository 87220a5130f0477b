//! What the dev server serves: the last good build, held in memory, and the request-path
//! rules that decide which of its files a URL names (pure, no I/O).

use std::sync::Arc;

use percent_encoding::percent_decode_str;

use super::ondemand::OnDemand;

/// One build as the server holds it: the last successful load, whose files are made as they
/// are asked for.
pub struct Site {
    /// Bumped by every successful build; pages carry it so they know when they are stale.
    pub version: u64,
    /// `None` until a build has succeeded.
    pub build: Option<Arc<OnDemand>>,
    /// The problems of the latest build, when it failed (the files are the last good ones).
    pub error: Option<String>,
}

impl Site {
    pub fn new(version: u64, build: OnDemand) -> Site {
        Site {
            version,
            build: Some(Arc::new(build)),
            error: None,
        }
    }

    pub fn empty() -> Site {
        Site {
            version: 0,
            build: None,
            error: None,
        }
    }
}

/// The output file a request path names, or `None` for anything that is not plainly a path
/// inside the output: `..` or `.` segments (also percent-encoded), backslashes, NUL, drive
/// letters or other colons, and text that stays percent-encoded after one decoding.
pub fn file_for(raw: &str) -> Option<String> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0', ':', '%']) {
        return None;
    }
    let rel = &decoded[1..];
    if rel.split('/').any(|s| s == ".." || s == ".") || rel.contains("//") {
        return None;
    }
    if rel.is_empty() || rel.ends_with('/') {
        Some(format!("{rel}index.html"))
    } else {
        Some(rel.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_map_to_files() {
        assert_eq!(file_for("/").as_deref(), Some("index.html"));
        assert_eq!(
            file_for("/principles/ownership.html?x=1#top").as_deref(),
            Some("principles/ownership.html")
        );
        assert_eq!(
            file_for("/search.html?q=a%20b").as_deref(),
            Some("search.html")
        );
        assert_eq!(
            file_for("/images/my%20flow.svg").as_deref(),
            Some("images/my flow.svg")
        );
        assert_eq!(
            file_for("/cheatsheets/").as_deref(),
            Some("cheatsheets/index.html")
        );
    }

    /// Every traversal form the server must answer with 404.
    #[test]
    fn traversal_matrix_is_refused() {
        for raw in [
            "/../etc/passwd",
            "/principles/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/..%2fetc/passwd",
            "/..%2Fetc%2Fpasswd",
            "/%5c../etc/passwd",
            "/..%5c..%5cetc/passwd",
            "/%252e%252e/etc/passwd",
            "/%252e%252e%252fetc/passwd",
            "//etc/passwd",
            "/c:/windows/win.ini",
            "/C:%5Cwindows%5Cwin.ini",
            "/./index.html",
            "/a/%00.html",
            "etc/passwd",
            "/%ff%fe",
        ] {
            assert_eq!(file_for(raw), None, "{raw} was accepted");
        }
    }
}
