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

/// Writes `JSON.parse('...')` of `value` to `out`: JSON, which browsers parse faster than an
/// object literal, inside a string literal. `<`, `>`, `&`, U+2028 and U+2029 are escaped in the
/// JSON, then backslashes and quotes for the literal, so no text can end the script or the
/// string. The JSON is escaped as it is serialized: a large value is held once, not three times.
pub fn write_json_parse_expr<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    out.extend_from_slice(b"JSON.parse('");
    let mut w = LiteralWriter { out, pending: 0 };
    serde_json::to_writer(&mut w, value).expect("script data serializes");
    w.flush_pending();
    out.extend_from_slice(b"')");
}

/// Escapes JSON for [`write_json_parse_expr`]. The bytes of `<`, `>`, `&`, `\` and `'` never
/// occur inside a multi-byte character; U+2028 and U+2029 (E2 80 A8/A9) may be split across
/// writes, so the first bytes of a possible one wait in `pending`.
struct LiteralWriter<'a> {
    out: &'a mut Vec<u8>,
    /// How many bytes of `E2 80` have been seen and held back (0 to 2).
    pending: u8,
}

/// The bytes [`LiteralWriter`] does not copy as they are: those it escapes, and the first byte
/// of U+2028 and U+2029.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'<', b'>', b'&', b'\\', b'\'', 0xE2];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

impl LiteralWriter<'_> {
    fn flush_pending(&mut self) {
        let held: &[u8] = &[0xE2, 0x80][..self.pending as usize];
        self.out.extend_from_slice(held);
        self.pending = 0;
    }

    /// Writes one byte, escaped.
    fn byte(&mut self, b: u8) {
        match (self.pending, b) {
            (0, 0xE2) | (1, 0x80) => {
                self.pending += 1;
                return;
            }
            (2, 0xA8) => {
                self.pending = 0;
                self.out.extend_from_slice(b"\\\\u2028");
                return;
            }
            (2, 0xA9) => {
                self.pending = 0;
                self.out.extend_from_slice(b"\\\\u2029");
                return;
            }
            (0, _) => {}
            _ => self.flush_pending(),
        }
        if b == 0xE2 {
            self.pending = 1;
            return;
        }
        match b {
            b'<' => self.out.extend_from_slice(b"\\\\u003c"),
            b'>' => self.out.extend_from_slice(b"\\\\u003e"),
            b'&' => self.out.extend_from_slice(b"\\\\u0026"),
            b'\\' => self.out.extend_from_slice(b"\\\\"),
            b'\'' => self.out.extend_from_slice(b"\\'"),
            _ => self.out.push(b),
        }
    }
}

impl std::io::Write for LiteralWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.reserve(buf.len() + buf.len() / 16);
        let mut rest = buf;
        loop {
            // Most of the text needs no escape: it is copied a run at a time, not byte by
            // byte (the search index's text shards are tens of megabytes).
            if self.pending == 0 {
                let run = rest
                    .iter()
                    .position(|&b| SPECIAL[usize::from(b)])
                    .unwrap_or(rest.len());
                self.out.extend_from_slice(&rest[..run]);
                rest = &rest[run..];
            }
            let Some((&b, tail)) = rest.split_first() else {
                break;
            };
            self.byte(b);
            rest = tail;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_parse_expr_escapes_what_could_end_the_script_or_the_string() {
        let value = serde_json::json!({ "t": "</script> & 'it' \\ \u{2028}\u{2029} é\u{2027}" });
        let mut out = Vec::new();
        write_json_parse_expr(&mut out, &value);
        let js = String::from_utf8(out).unwrap();
        assert_eq!(
            js,
            "JSON.parse('{\"t\":\"\\\\u003c/script\\\\u003e \\\\u0026 \\'it\\' \\\\\\\\ \\\\u2028\\\\u2029 é\u{2027}\"}')"
        );
    }

    /// The escaped bytes of `parts` written one after the other.
    fn literal(parts: &[&[u8]]) -> Vec<u8> {
        use std::io::Write;
        let mut out = Vec::new();
        let mut w = LiteralWriter {
            out: &mut out,
            pending: 0,
        };
        for p in parts {
            w.write_all(p).unwrap();
        }
        w.flush_pending();
        out
    }

    #[test]
    fn escaping_is_the_same_wherever_the_writes_are_cut() {
        let text = "a <b> & c\\ 'd' \u{2028}e\u{2029} \u{2027}\u{20ac}\u{2080}é plain text";
        let reference: String = text
            .chars()
            .map(|c| match c {
                '<' => "\\\\u003c".to_string(),
                '>' => "\\\\u003e".to_string(),
                '&' => "\\\\u0026".to_string(),
                '\\' => "\\\\".to_string(),
                '\'' => "\\'".to_string(),
                '\u{2028}' => "\\\\u2028".to_string(),
                '\u{2029}' => "\\\\u2029".to_string(),
                c => c.to_string(),
            })
            .collect();
        let bytes = text.as_bytes();
        assert_eq!(String::from_utf8(literal(&[bytes])).unwrap(), reference);
        for i in 0..=bytes.len() {
            for j in i..=bytes.len() {
                let cut = literal(&[&bytes[..i], &bytes[i..j], &bytes[j..]]);
                assert_eq!(cut, reference.as_bytes(), "cut at {i} and {j}");
            }
        }
    }

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
