//! Links from content to the pages the handbook generates itself (`@/questions.html`,
//! `@/practice.html#drill`...): checked against `book.toml`, resolved to the output root.

use crate::config::Config;
use crate::model::paths;

/// The prefix of a link to a generated page: the output root, whatever folder the content
/// file or its page is in.
pub(super) const PREFIX: &str = "@/";

/// What a generated page is called in messages, and the `book.toml` switch it needs.
fn describe(page: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match page {
        paths::HOME => ("the home page", None),
        paths::QUESTIONS => ("the question index", None),
        paths::TIPS => ("the tips page", None),
        paths::STORIES => ("the stories page", None),
        paths::COVERAGE => ("the story coverage page", None),
        paths::SEARCH => ("the search page", Some("[search] enable")),
        paths::PRACTICE => ("the practice page", Some("[practice] enable")),
        paths::PRINT => ("the print view", Some("[print] enable")),
        paths::CHEATSHEETS => ("the cheat sheets", Some("[print] enable")),
        paths::OVERVIEW => ("the overview sheet", Some("[print] enable")),
        paths::FLASHCARDS => ("the flashcards", Some("[print] enable")),
        _ => return None,
    })
}

fn enabled(config: &Config, switch: &str) -> bool {
    match switch {
        "[search] enable" => config.search.enabled,
        "[practice] enable" => config.practice.enable,
        "[print] enable" => config.print.enabled,
        _ => true,
    }
}

/// The pages a link can name, for help texts.
fn linkable() -> String {
    paths::RESERVED
        .iter()
        .filter(|p| describe(p).is_some())
        .map(|p| format!("`@/{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Resolves `@/<page>` (the part after `@/` is `page`) to its root-relative path, or says why not.
pub(super) fn resolve(config: &Config, page: &str) -> Result<String, (String, String)> {
    let Some((what, switch)) = describe(page) else {
        let help = if page.ends_with(".md") {
            "`@/` names a page the handbook generates; link to a content file by its relative path, such as `../principles/ownership.md`".to_string()
        } else if describe(&format!("{page}.html")).is_some() {
            format!("write `@/{page}.html`")
        } else {
            format!("the generated pages are {}", linkable())
        };
        return Err((
            format!("link `@/{page}` names no page the handbook generates"),
            help,
        ));
    };
    if let Some(switch) = switch.filter(|s| !enabled(config, s)) {
        return Err((
            format!("link `@/{page}` points to {what}, which book.toml turns off"),
            format!("set `{switch} = true` in book.toml, or remove the link"),
        ));
    }
    Ok(page.to_string())
}

/// For a relative link that found no content file: a hint when it names a generated page.
pub(super) fn hint(path: &str) -> Option<String> {
    let last = path.rsplit('/').next().unwrap_or(path);
    let page = if last.ends_with(".html") {
        last.to_string()
    } else {
        format!("{}.html", last.trim_end_matches(".md"))
    };
    describe(&page).map(|(what, _)| {
        format!(
            "to link to {what} the handbook generates, write `@/{page}` (the same from any file)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_pages_resolve_unless_turned_off() {
        let mut config = Config::parse("[book]\ntitle = \"T\"\n", "book.toml").unwrap();
        assert_eq!(
            resolve(&config, "questions.html").unwrap(),
            "questions.html"
        );
        assert_eq!(resolve(&config, "practice.html").unwrap(), "practice.html");
        config.practice.enable = false;
        let (message, help) = resolve(&config, "practice.html").unwrap_err();
        assert_eq!(
            message,
            "link `@/practice.html` points to the practice page, which book.toml turns off"
        );
        assert_eq!(
            help,
            "set `[practice] enable = true` in book.toml, or remove the link"
        );
        assert_eq!(
            resolve(&config, "questions").unwrap_err().1,
            "write `@/questions.html`"
        );
        assert!(resolve(&config, "404.html")
            .unwrap_err()
            .1
            .starts_with("the generated pages are `@/index.html`, `@/questions.html`"));
        assert_eq!(
            hint("../questions.html").as_deref(),
            Some("to link to the question index the handbook generates, write `@/questions.html` (the same from any file)")
        );
        assert_eq!(hint("../principles/x.md"), None);
    }
}
