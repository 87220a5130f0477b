//! The text encodings of the index files: base-32 varints, and data wrapped in scripts that
//! are safe to load from file://.

use serde::Serialize;

const TERMINAL: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const CONTINUATION: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends `v` as base-32 digits, most significant first; every digit but the last is drawn
/// from the continuation alphabet, so numbers need no separators.
pub fn push_varint(out: &mut String, mut v: u32) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    loop {
        digits[n] = (v & 31) as u8;
        n += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let d = digits[i] as usize;
        out.push(if i == 0 { TERMINAL[d] } else { CONTINUATION[d] } as char);
    }
}

/// Decodes what [`push_varint`] wrote (for tests; search.js does this in the browser).
pub fn decode_varints(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut v: u32 = 0;
    for b in s.bytes() {
        if let Some(d) = TERMINAL.iter().position(|&c| c == b) {
            out.push(v * 32 + d as u32);
            v = 0;
        } else if let Some(d) = CONTINUATION.iter().position(|&c| c == b) {
            v = v * 32 + d as u32;
        }
    }
    out
}

/// JavaScript that hands `value` to search.js: JSON inside `JSON.parse('...')`, which parses
/// faster than an object literal. `<`, `>`, `&`, U+2028 and U+2029 are escaped in the JSON, then
/// backslashes and quotes for the string literal, so no text can end the script or the string.
pub fn js_data<T: Serialize + ?Sized>(name: &str, value: &T) -> String {
    // Written in place: a text shard is megabytes, not worth a second copy.
    let mut out = format!("prepbookSearch.add(\"{name}\",").into_bytes();
    crate::artifact::write_json_parse_expr(&mut out, value);
    out.extend_from_slice(b");\n");
    String::from_utf8(out).expect("escaped JSON is UTF-8")
}

/// `JSON.parse('...')` of `value`, safe to place anywhere in a script (see [`js_data`]).
pub fn json_parse_expr<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    crate::artifact::write_json_parse_expr(&mut out, value);
    String::from_utf8(out).expect("escaped JSON is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let values = [0, 1, 31, 32, 33, 1023, 1024, 65_535, 1 << 20, u32::MAX];
        let mut s = String::new();
        for v in values {
            push_varint(&mut s, v);
        }
        assert_eq!(decode_varints(&s), values);
        let mut one = String::new();
        push_varint(&mut one, 5);
        assert_eq!(one, "5");
    }

    #[test]
    fn js_data_cannot_break_out() {
        let nasty = "</script><script>alert(1)</script> ' \" \\ \u{2028} \u{2029} & <!--";
        let js = js_data("x", &vec![nasty]);
        assert!(!js.contains("</script"), "{js}");
        assert!(!js.contains('<') && !js.contains('>') && !js.contains('&'));
        assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'));
        // The payload between the quotes, unescaped as JavaScript would, is JSON of the input.
        let inner = js
            .strip_prefix("prepbookSearch.add(\"x\",JSON.parse('")
            .unwrap()
            .strip_suffix("'));\n")
            .unwrap();
        let mut unescaped = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                unescaped.push(chars.next().unwrap());
            } else {
                assert_ne!(c, '\'', "unescaped quote ends the string early");
                unescaped.push(c);
            }
        }
        let back: Vec<String> = serde_json::from_str(&unescaped).unwrap();
        assert_eq!(back, vec![nasty.to_string()]);
    }
}
