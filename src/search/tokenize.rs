//! The search tokenizer. `themes/default/static/search.js` holds the same rules in
//! JavaScript; `tests/data/tokenizer-cases.json` is run against both.

/// Tokens longer than this (in characters) are not indexed.
pub const MAX_TOKEN_CHARS: usize = 40;

/// Words too common to help a search. Keep in sync with `STOP` in search.js.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were",
    "will", "with", "you", "your",
];

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// Splits `text` into search tokens: lowercased, apostrophes removed, split on every character
/// that is neither a letter nor a digit, stop words and over-long tokens dropped.
pub fn tokenize(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut push = |cur: &mut String| {
        if !cur.is_empty() {
            if cur.chars().count() <= MAX_TOKEN_CHARS && !STOP_WORDS.contains(&cur.as_str()) {
                out.push(std::mem::take(cur));
            } else {
                cur.clear();
            }
        }
    };
    for c in lower.chars() {
        match c {
            '\'' | '\u{2018}' | '\u{2019}' => {}
            c if is_word_char(c) => cur.push(c),
            _ => push(&mut cur),
        }
    }
    push(&mut cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Case {
        input: String,
        tokens: Vec<String>,
    }

    /// The cases shared with the JavaScript tokenizer.
    #[test]
    fn shared_cases() {
        let text = include_str!("../../tests/data/tokenizer-cases.json");
        let cases: Vec<Case> = serde_json::from_str(text).unwrap();
        assert!(cases.len() >= 10);
        for c in cases {
            assert_eq!(tokenize(&c.input), c.tokens, "input: {:?}", c.input);
        }
    }
}
