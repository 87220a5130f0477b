//! Counting the terms of a run of documents for the index. Each distinct token is stemmed once
//! and given a number, so counting a token costs one hash lookup and two array updates.

use std::collections::HashMap;

use super::index::MAX_TITLE_TF;
use super::stem::Stemmer;
use super::tokenize::{for_each_token, Language};
use super::Doc;

/// The terms and postings of one run of documents.
pub struct Run {
    lang: Language,
    stemmer: Stemmer,
    /// A token as the tokenizer gives it -> its term number.
    tokens: HashMap<String, u32>,
    /// A stem -> its term number.
    stems: HashMap<String, u32>,
    /// Per term number: the stem, and its (document, packed frequency) list.
    pub terms: Vec<String>,
    pub postings: Vec<Vec<(u32, u32)>>,
    /// Per document: body and title length, in tokens.
    pub lengths: Vec<(u32, u32)>,
    /// (body, title) counts of the current document, per term number, and the terms it has.
    counts: Vec<(u32, u32)>,
    touched: Vec<u32>,
}

impl Run {
    pub fn new(lang: Language) -> Run {
        Run {
            lang,
            stemmer: Stemmer::new(lang),
            tokens: HashMap::new(),
            stems: HashMap::new(),
            terms: Vec::new(),
            postings: Vec::new(),
            lengths: Vec::new(),
            counts: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Counts the terms of document number `doc`.
    pub fn add(&mut self, doc: u32, d: &Doc) {
        let mut body = 0;
        for part in &d.body {
            body += self.count(part, false);
        }
        let title = self.count(&d.title, true);
        self.lengths.push((body, title));
        for id in self.touched.drain(..) {
            let (b, t) = std::mem::take(&mut self.counts[id as usize]);
            let packed = b.saturating_mul(4).saturating_add(t.min(MAX_TITLE_TF));
            self.postings[id as usize].push((doc, packed));
        }
    }

    fn count(&mut self, text: &str, title: bool) -> u32 {
        let Run {
            lang,
            stemmer,
            tokens,
            stems,
            terms,
            postings,
            counts,
            touched,
            ..
        } = self;
        let mut n = 0;
        for_each_token(text, *lang, |t| {
            let id = match tokens.get(t) {
                Some(&id) => id,
                None => {
                    let stem = stemmer.stem(t).to_string();
                    let id = *stems.entry(stem).or_insert_with_key(|stem| {
                        terms.push(stem.clone());
                        postings.push(Vec::new());
                        counts.push((0, 0));
                        (terms.len() - 1) as u32
                    });
                    tokens.insert(t.to_string(), id);
                    id
                }
            };
            let c = &mut counts[id as usize];
            if *c == (0, 0) {
                touched.push(id);
            }
            if title {
                c.1 += 1;
            } else {
                c.0 += 1;
            }
            n += 1;
        });
        n
    }
}
