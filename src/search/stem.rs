//! Stemming: the Snowball algorithm of the handbook's language (rust-stemmers), so that
//! `prioritize`, `prioritizing` and `prioritization` meet. search.js has the same algorithms
//! in `assets/search-text.js`; `tests/data/stem-cases.json` is run against both.

use std::collections::HashMap;

use rust_stemmers::Algorithm;

use super::tokenize::{is_unspaced, Language};

/// A stemmer that remembers what it has stemmed (text repeats its words a lot).
pub struct Stemmer {
    algorithm: Option<rust_stemmers::Stemmer>,
    cache: HashMap<String, String>,
}

impl Stemmer {
    pub fn new(lang: Language) -> Stemmer {
        let algorithm = match lang {
            Language::English => Some(Algorithm::English),
            Language::French => Some(Algorithm::French),
            Language::Other => None,
        };
        Stemmer {
            algorithm: algorithm.map(rust_stemmers::Stemmer::create),
            cache: HashMap::new(),
        }
    }

    /// The stem of `token`, a token from [`super::tokenize`]. Tokens of scripts written without
    /// spaces are kept as they are.
    pub fn stem<'a>(&'a mut self, token: &'a str) -> &'a str {
        let Some(algorithm) = &self.algorithm else {
            return token;
        };
        if token.chars().any(is_unspaced) {
            return token;
        }
        if !self.cache.contains_key(token) {
            let stem = algorithm.stem(token).into_owned();
            self.cache.insert(token.to_string(), stem);
        }
        &self.cache[token]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Cases {
        en: Vec<(String, String)>,
        fr: Vec<(String, String)>,
    }

    /// The word list shared with search-text.js: words of the bundled handbook and a sample of
    /// a French word list (accents folded, as the tokenizer gives them), with their stems as
    /// rust-stemmers gives them.
    #[test]
    fn shared_cases() {
        let cases: Cases =
            serde_json::from_str(include_str!("../../tests/data/stem-cases.json")).unwrap();
        for (lang, list) in [(Language::English, cases.en), (Language::French, cases.fr)] {
            assert!(list.len() >= 100);
            let mut s = Stemmer::new(lang);
            for (word, stem) in list {
                assert_eq!(s.stem(&word), stem, "{word} ({lang:?})");
            }
        }
    }

    #[test]
    fn word_forms_meet() {
        let mut s = Stemmer::new(Language::English);
        for group in [
            &["prioritize", "prioritizing", "prioritization"][..],
            &["hire", "hired", "hiring"],
            &["persuade", "persuading"],
            &["fail", "failed", "failing"],
        ] {
            let first = s.stem(group[0]).to_string();
            for w in group {
                assert_eq!(s.stem(w), first, "{w}");
            }
        }
        let mut fr = Stemmer::new(Language::French);
        let one = fr.stem("decision").to_string();
        assert_eq!(fr.stem("decisions"), one);
        assert_eq!(fr.stem("决定"), "决定");
    }
}
