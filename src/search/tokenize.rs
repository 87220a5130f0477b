//! The search tokenizer. `themes/default/static/search.js` holds the same rules in
//! JavaScript; `tests/data/tokenizer-cases.json` is run against both.
//!
//! Each character is folded on its own: compatibility decomposition (full-width forms become
//! ASCII, ligatures their letters), accents (U+0300 to U+036F) dropped, lowercased, composed
//! again, and a few letters spelled out (`ß` is `ss`). Words are runs of letters and digits.
//! Scripts written without spaces between words (Chinese, Japanese, Thai...) give one token
//! per pair of neighbouring characters, so a word inside a sentence is found. Stop words and
//! tokens over [`MAX_TOKEN_CHARS`] are dropped; [`super::stem`] then reduces words to stems.

use std::sync::OnceLock;

/// Tokens longer than this (in characters) are not indexed.
pub const MAX_TOKEN_CHARS: usize = 40;

/// Words too common to help a search, per language, sorted. Keep in sync with `STOP` in
/// search-text.js.
pub const STOP_WORDS_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were",
    "will", "with", "you", "your",
];
pub const STOP_WORDS_FR: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en",
    "est", "et", "il", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "mais", "me",
    "mes", "mon", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que",
    "qui", "s", "sa", "se", "ses", "son", "sur", "t", "ta", "te", "tu", "un", "une", "vos",
    "votre", "vous", "y",
];

/// `word` as one number when it has at most 7 bytes (every stop word has), else `None`: its
/// bytes, then its length, so no two words share a number.
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 7).then(|| {
        let n = bytes.iter().fold(0, |n, &b| (n << 8) | u64::from(b));
        (n << 8) | bytes.len() as u64
    })
}

/// The language rules search applies, chosen by `[book] language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    French,
    /// Folding and splitting only: no stop words, no stemming.
    Other,
}

impl Language {
    /// The rules for a BCP 47 tag such as `en`, `en-GB` or `fr-CA`.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Language::English,
            "fr" => Language::French,
            _ => Language::Other,
        }
    }

    /// The code search.js reads from the index.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::Other => "",
        }
    }

    pub fn stop_words(self) -> &'static [&'static str] {
        match self {
            Language::English => STOP_WORDS_EN,
            Language::French => STOP_WORDS_FR,
            Language::Other => &[],
        }
    }

    /// Whether `word` is one of the language's stop words. Every token of every document is
    /// asked, so the words are compared as numbers (see [`packed`]), not as strings.
    pub fn is_stop_word(self, word: &str) -> bool {
        static PACKED: OnceLock<[Vec<u64>; 2]> = OnceLock::new();
        let [en, fr] = PACKED.get_or_init(|| {
            let pack = |list: &[&str]| {
                let mut v: Vec<u64> = list.iter().filter_map(|w| packed(w)).collect();
                v.sort_unstable();
                v
            };
            [pack(STOP_WORDS_EN), pack(STOP_WORDS_FR)]
        });
        let list = match self {
            Language::English => en,
            Language::French => fr,
            Language::Other => return false,
        };
        packed(word).is_some_and(|n| list.binary_search(&n).is_ok())
    }

    /// French elides with an apostrophe (`l'équipe`): there it separates words; elsewhere it
    /// is dropped (`don't` is `dont`).
    fn apostrophe_splits(self) -> bool {
        self == Language::French
    }
}

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF       // Thai, Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1780..=0x17FF     // Khmer
        | 0x2E80..=0x2FDF     // CJK radicals
        | 0x3005..=0x3007
        | 0x3021..=0x3029
        | 0x3038..=0x303C
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF     // CJK
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}')
}

/// Calls `f` with each token of `text`, in order (before stemming).
pub fn for_each_token(text: &str, lang: Language, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut word_chars = 0;
    // The unspaced run so far: its previous character, and whether it has given a bigram.
    let mut prev: Option<char> = None;
    let mut paired = false;
    let mut folded = String::new();
    let mut bigram = String::new();
    let end_word = |word: &mut String, chars: &mut usize, f: &mut dyn FnMut(&str)| {
        if !word.is_empty() && *chars <= MAX_TOKEN_CHARS && !lang.is_stop_word(word) {
            f(word);
        }
        word.clear();
        *chars = 0;
    };
    let end_run = |prev: &mut Option<char>, paired: &mut bool, f: &mut dyn FnMut(&str)| {
        if let (Some(p), false) = (*prev, *paired) {
            let mut b = [0u8; 4];
            f(p.encode_utf8(&mut b));
        }
        *prev = None;
        *paired = false;
    };
    for c in text.chars() {
        if c.is_ascii() {
            // The common case, without the folding buffer.
            if c.is_ascii_alphanumeric() {
                end_run(&mut prev, &mut paired, &mut f);
                word.push(c.to_ascii_lowercase());
                word_chars += 1;
            } else if c != '\'' || lang.apostrophe_splits() {
                end_word(&mut word, &mut word_chars, &mut f);
                end_run(&mut prev, &mut paired, &mut f);
            }
            continue;
        }
        if is_apostrophe(c) && !lang.apostrophe_splits() {
            continue;
        }
        folded.clear();
        crate::chars::fold_char(c, &mut folded);
        for d in folded.chars() {
            if !is_word_char(d) {
                end_word(&mut word, &mut word_chars, &mut f);
                end_run(&mut prev, &mut paired, &mut f);
            } else if is_unspaced(d) {
                end_word(&mut word, &mut word_chars, &mut f);
                if let Some(p) = prev {
                    bigram.clear();
                    bigram.push(p);
                    bigram.push(d);
                    f(&bigram);
                    paired = true;
                }
                prev = Some(d);
            } else {
                end_run(&mut prev, &mut paired, &mut f);
                word.push(d);
                word_chars += 1;
            }
        }
    }
    end_word(&mut word, &mut word_chars, &mut f);
    end_run(&mut prev, &mut paired, &mut f);
}

/// The tokens of `text` (before stemming).
pub fn tokenize(text: &str, lang: Language) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, lang, |t| out.push(t.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Case {
        input: String,
        #[serde(default)]
        language: Option<String>,
        tokens: Vec<String>,
    }

    /// The cases shared with the JavaScript tokenizer: tokens after stemming.
    #[test]
    fn shared_cases() {
        let text = include_str!("../../tests/data/tokenizer-cases.json");
        let cases: Vec<Case> = serde_json::from_str(text).unwrap();
        assert!(cases.len() >= 10);
        for c in cases {
            let lang = Language::from_tag(c.language.as_deref().unwrap_or("en"));
            let mut stemmer = super::super::stem::Stemmer::new(lang);
            let terms: Vec<String> = tokenize(&c.input, lang)
                .iter()
                .map(|t| stemmer.stem(t).to_string())
                .collect();
            assert_eq!(terms, c.tokens, "input: {:?} ({lang:?})", c.input);
        }
    }

    #[test]
    fn stop_words_are_sorted() {
        for list in [STOP_WORDS_EN, STOP_WORDS_FR] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn stop_words_are_found_as_numbers_and_nothing_else_is() {
        for (lang, list) in [
            (Language::English, STOP_WORDS_EN),
            (Language::French, STOP_WORDS_FR),
        ] {
            for w in list {
                assert!(packed(w).is_some(), "{w} is longer than 7 bytes");
                assert!(lang.is_stop_word(w), "{w} ({lang:?})");
            }
            for w in [
                "",
                "tea",
                "then1",
                "thenx",
                "a ",
                "ab",
                "yourself",
                "ownership",
            ] {
                assert!(!lang.is_stop_word(w), "{w} ({lang:?})");
            }
        }
        assert!(!Language::Other.is_stop_word("the"));
        // A leading zero byte does not make another word's number.
        assert!(!Language::English.is_stop_word("\0the"));
        assert!(Language::French.is_stop_word("vous") && !Language::English.is_stop_word("vous"));
    }

    #[test]
    fn folding() {
        let fold = |s: &str| {
            let mut out = String::new();
            s.chars().for_each(|c| crate::chars::fold_char(c, &mut out));
            out
        };
        assert_eq!(
            fold("Décision Café STRASSE Straße"),
            "decision cafe strasse strasse"
        );
        assert_eq!(fold("ＦＵＬＬ１２"), "full12");
        assert_eq!(fold("Œuvre ﬁne"), "oeuvre fine");
        assert_eq!(fold("がぎ"), "がぎ");
    }

    #[test]
    fn unspaced_scripts_give_bigrams() {
        assert_eq!(
            tokenize("我们决定了", Language::English),
            ["我们", "们决", "决定", "定了"]
        );
        assert_eq!(
            tokenize("决 AI决策", Language::English),
            ["决", "ai", "决策"]
        );
        assert_eq!(tokenize("🚀🚀 go👍🏽team", Language::English), ["go", "team"]);
    }
}
