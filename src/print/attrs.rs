//! One linear pass over the attributes of rendered HTML: each occurrence of a pattern (such as
//! ` href="`) is handed, with its value up to the closing quote, to a closure that writes what
//! replaces both. The patterns are found together by one automaton, so the HTML is read once
//! however many links it holds.

use aho_corasick::{AhoCorasick, MatchKind};

/// An automaton for `patterns`, leftmost first; build it once (e.g. in a `LazyLock`).
pub(super) fn finder(patterns: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(patterns)
        .expect("fixed attribute patterns build an automaton")
}

/// `html` with each match of `finder` and its value replaced by what `each(pattern, value,
/// out)` writes to `out`; everything else is copied as it is.
pub(super) fn rewrite(
    html: &str,
    finder: &AhoCorasick,
    mut each: impl FnMut(usize, &str, &mut String),
) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut pos = 0;
    for m in finder.find_iter(html) {
        // A match inside a value already handed on (values hold no quote, so none should).
        if m.start() < pos {
            continue;
        }
        out.push_str(&html[pos..m.start()]);
        let end = html[m.end()..]
            .find('"')
            .map_or(html.len(), |e| m.end() + e);
        each(m.pattern().as_usize(), &html[m.end()..end], &mut out);
        pos = end;
    }
    out.push_str(&html[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_attribute_is_replaced_and_the_rest_copied() {
        let f = finder(&[" href=\"", " src=\""]);
        let out = rewrite(
            "<a href=\"x\">a</a><img src=\"y\"> href=x <a href=\"\">",
            &f,
            |k, v, out| out.push_str(&format!(" {}=\"[{v}]", ["href", "src"][k])),
        );
        assert_eq!(
            out,
            "<a href=\"[x]\">a</a><img src=\"[y]\"> href=x <a href=\"[]\">"
        );
    }
}
