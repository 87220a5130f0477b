//! The dev server's HTTP side: files of the last good build from memory, the live-reload
//! event stream, and the Host and Origin checks that keep other sites out.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio_stream::wrappers::{BroadcastStream, WatchStream};
use tokio_stream::{Stream, StreamExt};

use super::site::file_for;
use super::Shared;

/// Prefix of the server's own URLs; no handbook file can live there.
pub const PREFIX: &str = "/__prepbook";
const LIVERELOAD_JS: &str = include_str!("livereload.js");

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/events"), get(events))
        .route(&format!("{PREFIX}/status"), get(status))
        .route(&format!("{PREFIX}/livereload.js"), get(livereload))
        .fallback(file)
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Refuses requests for another host name (DNS rebinding) and requests sent by pages of
/// another site, and marks every response as readable by the handbook's own pages only.
async fn guard(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let mut response = match refusal(&shared, req.headers()) {
        Some(why) => (StatusCode::FORBIDDEN, why).into_response(),
        None => next.run(req).await,
    };
    let headers = response.headers_mut();
    // A page of another site that includes a file (a script tag reading the search text or
    // the reader's stories, say) gets nothing, even from a browser that sends no Sec-Fetch-*.
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key("x-content-type-options") {
        headers.insert(
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        );
    }
    response
}

/// Why a request is refused, if it is.
fn refusal(shared: &Shared, headers: &HeaderMap) -> Option<&'static str> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if !shared.allows_host(text("host").unwrap_or("")) {
        return Some("prepbook serve: this host name is not served here\n");
    }
    if let Some(origin) = text("origin") {
        let same = origin
            .strip_prefix("http://")
            .is_some_and(|o| shared.allows_host(o));
        if !same {
            return Some("prepbook serve: requests from other sites are refused\n");
        }
    }
    if is_cross_site(
        text("sec-fetch-site"),
        text("sec-fetch-mode"),
        text("sec-fetch-dest"),
    ) {
        return Some("prepbook serve: requests from other sites are refused\n");
    }
    None
}

/// True for a request that a page of another site made (Fetch Metadata): anything but the
/// handbook's own pages (`same-origin`) or the reader (`none`: typed, bookmarked). Another
/// port on the same machine is `same-site`, and refused too. Following a link to a page is
/// allowed: the page opens in its own tab, out of the other site's reach.
pub fn is_cross_site(site: Option<&str>, mode: Option<&str>, dest: Option<&str>) -> bool {
    match site {
        None | Some("same-origin") | Some("none") => false,
        Some(_) => !(mode == Some("navigate") && dest == Some("document")),
    }
}

fn state_json(shared: &Shared) -> String {
    let site = shared.site();
    serde_json::json!({ "version": site.version, "error": site.error }).to_string()
}

async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let mut r = state_json(&shared).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Server-sent events: the build state now, then after every build, until shutdown.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = tokio_stream::once(Some(state_json(&shared)));
    let updates = BroadcastStream::new(shared.changes.subscribe()).filter_map(|r| r.ok().map(Some));
    // Shutdown ends the stream, so a graceful stop does not wait on open pages.
    let stop = WatchStream::new(shared.stopping.subscribe())
        .filter(|s| *s)
        .map(|_| None);
    let stream = first
        .chain(updates)
        .merge(stop)
        .take_while(Option::is_some)
        .map(|data| {
            Ok(Event::default()
                .event("state")
                .data(data.unwrap_or_default()))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn livereload() -> Response {
    let mut r = LIVERELOAD_JS.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    r
}

/// A file of the last good build, made now if no request has asked for it yet; HTML gets the
/// live-reload script added on the way out.
async fn file(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let site = shared.site();
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let Some(build) = site.build.clone() else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let wanted = file_for(target);
    // Making a file may take a while (the search index of a large handbook): off the
    // threads that answer requests.
    let made = tokio::task::spawn_blocking(move || {
        let found = wanted.and_then(|p| build.get(&p).map(|r| (p, r)));
        match found {
            Some((p, r)) => Some((StatusCode::OK, p, r)),
            None => build.get(crate::model::paths::NOT_FOUND).map(|r| {
                (
                    StatusCode::NOT_FOUND,
                    crate::model::paths::NOT_FOUND.to_string(),
                    r,
                )
            }),
        }
    })
    .await
    .ok()
    .flatten();
    let (status, path, bytes) = match made {
        Some((status, path, Ok(bytes))) => (status, path, bytes),
        Some((_, path, Err(problem))) => {
            eprintln!("{problem}");
            let text = format!("prepbook serve: `{path}` could not be made:\n{problem}");
            return (StatusCode::INTERNAL_SERVER_ERROR, text).into_response();
        }
        None => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
    };
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let body = if mime.essence_str() == "text/html" {
        Bytes::from(inject(&bytes, site.version))
    } else {
        bytes
    };
    let mut headers = HeaderMap::new();
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    (status, headers, Body::from(body)).into_response()
}

/// Adds the live-reload script before `</body>`, telling it which build the page is from.
pub fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{PREFIX}/livereload.js\" data-version=\"{version}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_handbook_and_the_reader_may_load_files() {
        let load = |site, mode, dest| is_cross_site(Some(site), Some(mode), Some(dest));
        assert!(!is_cross_site(None, None, None));
        assert!(!load("same-origin", "no-cors", "script"));
        assert!(!load("none", "navigate", "document"));
        assert!(load("cross-site", "no-cors", "script"));
        assert!(load("same-site", "no-cors", "script"));
        assert!(load("cross-site", "cors", "empty"));
        assert!(load("same-site", "navigate", "iframe"));
        assert!(load("cross-site", "no-cors", "image"));
        // A link from elsewhere opens the page in its own tab.
        assert!(!load("cross-site", "navigate", "document"));
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<p>a</body> x </body></html>", 7)).unwrap();
        assert_eq!(
            out,
            "<p>a</body> x <script src=\"/__prepbook/livereload.js\" data-version=\"7\"></script></body></html>"
        );
    }
}
