//! The print view of a big handbook, split by principle: `print.html` keeps the cover, the
//! contents, the general tips and the guides, and each principle gets `print/<id>.html`. A
//! browser cannot lay out (or print) a single page of hundreds of megabytes; a part per
//! principle stays printable. Links between places of the print view are pointed at the file
//! that now holds their target.

use std::collections::HashMap;

use super::view::anchor_for;
use crate::model::{paths, Handbook};

/// Which file of a split print view holds each place.
pub(super) struct Targets {
    /// Anchor of a principle, question or tip -> the file printing it.
    files: HashMap<String, String>,
}

impl Targets {
    pub(super) fn new(book: &Handbook) -> Targets {
        let mut files = HashMap::new();
        for p in &book.principles {
            files.insert(
                anchor_for(&paths::principle(&p.id)),
                paths::print_part(&p.id),
            );
        }
        // A question is printed in full under its first principle.
        for q in &book.questions {
            if let Some(&first) = q.principles.first() {
                let part = paths::print_part(&book.principles[first].id);
                files.insert(anchor_for(&paths::question(&q.id)), part);
            }
        }
        // A tip stands under its first principle; one for every interview stays in print.html.
        for t in &book.tips {
            if let Some(&first) = t.principles.first() {
                let anchor = format!("{}--{}", anchor_for(paths::TIPS), paths::tip_anchor(&t.id));
                files.insert(anchor, paths::print_part(&book.principles[first].id));
            }
        }
        Targets { files }
    }

    /// The file holding `anchor`: the longest of its prefixes ending before a `--` that names
    /// a principle, question or tip, else `print.html`.
    fn file_of(&self, anchor: &str) -> &str {
        let mut end = anchor.len();
        loop {
            if let Some(f) = self.files.get(&anchor[..end]) {
                return f;
            }
            match anchor[..end].rfind("--") {
                Some(i) => end = i,
                None => return paths::PRINT,
            }
        }
    }

    /// `html` of the file `here`, with each in-view link pointed at the file of its target,
    /// and, in a part (one folder down), links and images to the handbook's files one level up.
    pub(super) fn retarget(&self, html: &str, here: &str) -> String {
        let nested = here.contains('/');
        const PATTERNS: [&str; 2] = [" href=\"", " src=\""];
        static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
            std::sync::LazyLock::new(|| super::attrs::finder(&PATTERNS));
        super::attrs::rewrite(html, &FINDER, |k, value, out| {
            out.push_str(PATTERNS[k]);
            if let Some(anchor) = value.strip_prefix('#').filter(|_| k == 0) {
                let file = self.file_of(anchor);
                if file != here {
                    out.push_str(&relative(here, file));
                }
            } else {
                let local = !value.is_empty()
                    && !value.starts_with(['/', '#'])
                    && !value.split('/').next().unwrap_or("").contains(':');
                if nested && local {
                    out.push_str("../");
                }
            }
            out.push_str(value);
        })
    }
}

/// The path from the file `here` to the file `to`, both relative to the output's root.
fn relative(here: &str, to: &str) -> String {
    let here_dir = here.rsplit_once('/').map_or("", |(d, _)| d);
    let to_dir = to.rsplit_once('/').map_or("", |(d, _)| d);
    if here_dir == to_dir {
        to.rsplit_once('/').map_or(to, |(_, f)| f).to_string()
    } else if here_dir.is_empty() {
        to.to_string()
    } else {
        format!("../{to}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_the_contents_and_the_parts() {
        assert_eq!(relative("print.html", "print/a.html"), "print/a.html");
        assert_eq!(relative("print/a.html", "print.html"), "../print.html");
        assert_eq!(relative("print/a.html", "print/b.html"), "b.html");
    }

    #[test]
    fn links_follow_their_target_and_files_go_one_level_up_in_a_part() {
        let mut files = HashMap::new();
        files.insert("x-questions-q1".to_string(), "print/a.html".to_string());
        files.insert("x-principles-b".to_string(), "print/b.html".to_string());
        let t = Targets { files };
        let html =
            "<a href=\"#x-questions-q1--answer-star\">q</a> <a href=\"#x-principles-b\">b</a> \
                    <a href=\"#x-tips\">t</a> <img src=\"images/flow.svg\" alt=\"\"> \
                    <a href=\"https://example.com/\">e</a>";
        let out = t.retarget(html, "print/a.html");
        assert!(
            out.contains("href=\"#x-questions-q1--answer-star\""),
            "{out}"
        );
        assert!(out.contains("href=\"b.html#x-principles-b\""), "{out}");
        assert!(out.contains("href=\"../print.html#x-tips\""), "{out}");
        assert!(out.contains("src=\"../images/flow.svg\""), "{out}");
        assert!(out.contains("href=\"https://example.com/\""), "{out}");
        let top = t.retarget(html, "print.html");
        assert!(
            top.contains("href=\"print/a.html#x-questions-q1--answer-star\""),
            "{top}"
        );
        assert!(top.contains("src=\"images/flow.svg\""), "{top}");
    }
}
