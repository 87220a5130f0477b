//! The bottom of the build: one output file in memory, and the escaping every writer of HTML,
//! XML or script data shares. It depends on nothing else in the crate.

use std::path::PathBuf;

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Owned(Vec<u8>),
    Embedded(&'static [u8]),
    /// A file copied from disk when the output is written.
    Copy(PathBuf),
}

/// One file of the built handbook, before anything is written.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    pub contents: Contents,
    /// What produced it (a template's name, "the search index"...), for error messages.
    pub origin: &'static str,
}

impl OutputFile {
    /// Where the file comes from, for a message about it.
    pub fn origin(&self) -> String {
        match &self.contents {
            Contents::Copy(src) => format!("a copy of `{}`", src.display()),
            _ if self.origin.ends_with(".html") => format!("template `{}`", self.origin),
            _ => self.origin.to_string(),
        }
    }

    pub fn is_page(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// Escapes text for HTML element content and quoted attribute values.
///
/// Tera's default also escapes `/`, which is safe but bloats every relative link.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for XML (sitemaps, the EPUB's package files).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape_xml("<a b='c'>&</a>"),
            "&lt;a b=&apos;c&apos;&gt;&amp;&lt;/a&gt;"
        );
    }
}
