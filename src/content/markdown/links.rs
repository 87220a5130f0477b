//! Link and image targets in Markdown: kept (web links), turned into links between the
//! handbook's files, or refused with a reason (scripts, remote images, absolute paths).

use pulldown_cmark::{CowStr, Event, Tag};

use super::{Problem, Resolver, ROOT_MARK};

fn scheme_of(dest: &str) -> Option<&str> {
    let end = dest.find(':')?;
    let scheme = &dest[..end];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))).then_some(scheme)
}

enum Target {
    Keep,
    Internal(String),
}

fn classify(
    dest: &str,
    image: bool,
    offset: usize,
    resolve: &Resolver<'_>,
) -> Result<Target, (String, String)> {
    if let Some(scheme) = scheme_of(dest) {
        let scheme = scheme.to_ascii_lowercase();
        if image {
            let copy = "copy the image into the content folder and link it with a relative path";
            return Err(match scheme.as_str() {
                "http" | "https" | "ftp" => (
                    format!("image `{dest}` is loaded from the network"),
                    format!("{copy}, so the handbook works offline"),
                ),
                "file" => (
                    format!("image `{dest}` points at a file on this computer"),
                    format!("{copy}, so readers of the handbook can see it"),
                ),
                "data" => (
                    format!(
                        "image `{}…` is a `data:` address",
                        dest.chars().take(24).collect::<String>()
                    ),
                    format!("save the image as a file, {copy}"),
                ),
                _ => (
                    format!("image `{dest}` uses the `{scheme}:` scheme"),
                    copy.to_string(),
                ),
            });
        }
        return match scheme.as_str() {
            "http" | "https" | "mailto" | "tel" => Ok(Target::Keep),
            _ => Err((
                format!("link `{dest}` uses the `{scheme}:` scheme"),
                "only http, https, mailto and tel links are allowed".into(),
            )),
        };
    }
    if dest.starts_with('/') || dest.starts_with('\\') {
        return Err((
            format!("link `{dest}` is absolute"),
            "use a path relative to this file, such as `../principles/ownership.md`, so the handbook works from disk".into(),
        ));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    Ok(match resolve(path, fragment, offset)? {
        Some(p) => Target::Internal(p),
        None => Target::Keep,
    })
}

/// Checks and rewrites link and image targets.
pub(super) fn rewrite<'a>(
    event: Event<'a>,
    offset: usize,
    resolve: &Resolver<'_>,
    problems: &mut Vec<Problem>,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = target(&dest_url, false, offset, resolve, problems).unwrap_or(dest_url);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = target(&dest_url, true, offset, resolve, problems).unwrap_or(dest_url);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    }
}

fn target<'a>(
    dest: &str,
    image: bool,
    offset: usize,
    resolve: &Resolver<'_>,
    problems: &mut Vec<Problem>,
) -> Option<CowStr<'a>> {
    match classify(dest, image, offset, resolve) {
        Ok(Target::Keep) => None,
        Ok(Target::Internal(path)) => Some(CowStr::from(format!("{ROOT_MARK}{path}"))),
        Err((message, help)) => {
            problems.push(Problem {
                offset,
                message,
                help,
                warning: false,
            });
            Some(CowStr::from("#"))
        }
    }
}
