//! Files for publishing: `sitemap.xml` and `robots.txt` when the site address is known, and
//! the web app manifest and service worker that keep a hosted handbook readable offline.

use serde_json::json;

use crate::artifact::{escape_xml as xml, Contents, OutputFile};
use crate::config::Config;
use crate::model::paths;

pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const MANIFEST: &str = "manifest.webmanifest";
pub const SERVICE_WORKER: &str = "sw.js";

/// The pages a search engine should know: every page but the 404 page and printed matter.
fn listed(path: &str) -> bool {
    path.ends_with(".html")
        && path != paths::NOT_FOUND
        && path != paths::PRINT
        && path != paths::CHEATSHEETS
        && path != paths::OVERVIEW
        && path != paths::FLASHCARDS
        && !path.starts_with(&format!("{}/", paths::CHEATSHEETS_DIR))
}

pub fn sitemap(site_url: &str, files: &[Written]) -> String {
    let mut pages: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| listed(p))
        .collect();
    pages.sort_unstable();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages {
        let url = if p == paths::HOME {
            site_url.to_string()
        } else {
            format!("{site_url}{p}")
        };
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml(&url)));
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(site_url: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {site_url}{SITEMAP}\n")
}

pub fn manifest(config: &Config) -> String {
    let short: String = config.title.chars().take(24).collect();
    let value = json!({
        "name": config.title,
        "short_name": short,
        "description": config.description,
        "lang": config.language,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": [{ "src": "assets/favicon.svg", "sizes": "any", "type": "image/svg+xml" }]
    });
    serde_json::to_string_pretty(&value).expect("the manifest serializes")
}

/// A file of the build as the publishing files need it: its path and a hash of its bytes.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: String,
    hash: u64,
}

/// FNV-1a, 64 bits: stable across platforms and releases, unlike the standard library's hasher.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

impl Written {
    /// The record of each of `files`, hashed in parallel.
    pub fn all(files: &[OutputFile]) -> std::io::Result<Vec<Written>> {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|f| {
                let hash = match &f.contents {
                    Contents::Owned(b) => fnv(FNV_OFFSET, b),
                    Contents::Embedded(b) => fnv(FNV_OFFSET, b),
                    Contents::Copy(p) => fnv(FNV_OFFSET, &std::fs::read(p)?),
                };
                Ok(Written {
                    path: f.path.clone(),
                    hash,
                })
            })
            .collect()
    }
}

/// The build's version, from every file's path and bytes: a new build gets a new cache and an
/// unchanged build keeps its own.
pub fn build_hash(files: &[Written]) -> String {
    let mut sorted: Vec<&Written> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut h = FNV_OFFSET;
    for f in sorted {
        h = fnv(h, f.path.as_bytes());
        h = fnv(h, &[0]);
        h = fnv(h, &f.hash.to_le_bytes());
    }
    format!("{h:016x}")
}

/// The service worker: caches every file of this build at install under a cache named for
/// the build, answers from that cache first, and deletes the caches of other builds once it
/// takes over.
pub fn service_worker<'a>(version: &str, files: impl IntoIterator<Item = &'a Written>) -> String {
    let mut list: Vec<&str> = files
        .into_iter()
        .map(|f| f.path.as_str())
        .filter(|p| *p != SERVICE_WORKER)
        .collect();
    list.sort_unstable();
    let list = serde_json::to_string(&list).expect("paths serialize");
    format!(
        r#"/* prepbook service worker: keeps the handbook readable offline. Written by `prepbook build`. */
"use strict";
const VERSION = "{version}";
const CACHE = "prepbook-" + VERSION;
const FILES = {list};

self.addEventListener("install", (event) => {{
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
}});

self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("prepbook-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
}});

self.addEventListener("message", (event) => {{
  if (event.data === "version" && event.source) {{ event.source.postMessage({{ version: VERSION }}); }}
}});

self.addEventListener("fetch", (event) => {{
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  let path = url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : url.pathname;
  if (path === "" || path.endsWith("/")) path += "index.html";
  path = decodeURIComponent(path);
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(path).then((hit) => hit || fetch(request).catch(() => cache.match("404.html")))
    )
  );
}});
"#
    )
}

/// The publishing files for `files`, the rest of the build.
pub fn files(config: &Config, files: &[Written]) -> Vec<OutputFile> {
    let mut out = Vec::new();
    let owned = |path: &str, text: String| OutputFile {
        path: path.into(),
        contents: Contents::Owned(text.into_bytes()),
        origin: "the publishing files",
    };
    if let Some(url) = &config.site_url {
        out.push(owned(SITEMAP, sitemap(url, files)));
        out.push(owned(ROBOTS, robots(url)));
    }
    if config.offline {
        out.push(owned(MANIFEST, manifest(config)));
        let mut all = files.to_vec();
        all.extend(Written::all(&out).expect("owned files hash without reading"));
        let version = build_hash(&all);
        let worker = service_worker(&version, &all);
        out.push(owned(SERVICE_WORKER, worker));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Owned(text.as_bytes().to_vec()),
            origin: "a test",
        }
    }

    #[test]
    fn sitemap_lists_pages_with_absolute_addresses() {
        let files = [
            f("index.html", ""),
            f("principles/a&b.html", ""),
            f("404.html", ""),
            f("assets/style.css", ""),
            f("print.html", ""),
        ];
        let map = sitemap("https://example.com/hb/", &Written::all(&files).unwrap());
        assert!(map.contains("<loc>https://example.com/hb/</loc>"));
        assert!(map.contains("<loc>https://example.com/hb/principles/a&amp;b.html</loc>"));
        assert!(!map.contains("404") && !map.contains("style.css") && !map.contains("print.html"));
        assert_eq!(
            robots("https://example.com/hb/"),
            "User-agent: *\nAllow: /\nSitemap: https://example.com/hb/sitemap.xml\n"
        );
    }

    #[test]
    fn the_version_changes_with_any_byte() {
        let hash = |files: &[OutputFile]| build_hash(&Written::all(files).unwrap());
        let a = hash(&[f("index.html", "one"), f("a.css", "x")]);
        let b = hash(&[f("a.css", "x"), f("index.html", "one")]);
        let c = hash(&[f("index.html", "onf"), f("a.css", "x")]);
        assert_eq!(a.len(), 16);
        assert_eq!(a, b, "order must not matter");
        assert_ne!(a, c);
        let sw = service_worker(
            &a,
            &Written::all(&[f("index.html", ""), f("sw.js", "")]).unwrap(),
        );
        assert!(sw.contains(&format!("const VERSION = \"{a}\";")));
        assert!(sw.contains("const FILES = [\"index.html\"];"));
    }
}
