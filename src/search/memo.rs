//! What the last index counted per document, kept so that the next one (the dev server's, after
//! a save) tokenizes and stems again only the documents whose text changed. Counting is most of
//! the cost of the index; the rest (scoring, encoding, shards) depends on every document's
//! length and position, so it is done again each time, as a clean build does it.
//!
//! A document is known by a 128-bit hash of its title and body parts, not by the item it comes
//! from: its counts depend on that text and the language alone, while an item's documents also
//! take text from other items (a sample answer is titled with its question's text, a section
//! with its principle's title). Two independent 64-bit hashes make a wrong reuse as likely as
//! two texts colliding in both, which does not happen by accident.

use std::hash::BuildHasher;
use std::sync::{Mutex, MutexGuard};

use foldhash::quality::SeedableRandomState;
use foldhash::{HashMap, HashSet, SharedSeed};
use rayon::prelude::*;

use super::index::{Counts, RUN};
use super::terms::Run;
use super::tokenize::Language;
use super::Doc;

/// The shared seeds of the two halves of a document's key: different, so that the halves are
/// independent hashes.
static SEEDS: [SharedSeed; 2] = [
    SharedSeed::from_u64(0x7072_6570_626f_6f6b),
    SharedSeed::from_u64(0x7365_6172_6368_3132),
];

/// The counts of one document: its (body, title) length in tokens, and per term it has (by
/// the memo's stem number) its packed frequency, as [`Run::add`] worked them out.
struct Counted {
    lengths: (u32, u32),
    terms: Box<[(u32, u32)]>,
}

/// The per-document counts of the last index, shared by the indexes of the dev server's builds
/// (an earlier build may still be asked for its index while a new one is served).
#[derive(Default)]
pub struct Memo(Mutex<Inner>);

#[derive(Default)]
struct Inner {
    /// The language the counts were made under.
    lang: Option<Language>,
    /// A stem -> its number, and back.
    ids: HashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
    /// By document key: the documents of the last index, and only those.
    docs: HashMap<u128, Counted>,
}

/// A document's identity: a hash of everything [`Run::add`] reads of it.
fn key(d: &Doc) -> u128 {
    let half = |seed: &'static SharedSeed| {
        let state = SeedableRandomState::with_seed(0, seed);
        // A `str` hashes with a terminator and a list with its length: no two different
        // (title, parts) hash the same input.
        state.hash_one((d.title.as_ref(), &d.body))
    };
    (u128::from(half(&SEEDS[0])) << 64) | u128::from(half(&SEEDS[1]))
}

impl Memo {
    /// The counts of `docs` in `lang`, tokenizing only the documents the last call did not
    /// have; then the memo holds the documents of `docs` only.
    pub fn counts(&self, docs: &[Doc], lang: Language) -> Counts {
        let keys: Vec<u128> = docs.par_iter().map(key).collect();
        let mut inner = self.lock();
        if inner.lang != Some(lang) {
            *inner = Inner {
                lang: Some(lang),
                ..Inner::default()
            };
        }
        // The documents to count, each text once.
        let mut seen = HashSet::default();
        let missing: Vec<usize> = (0..docs.len())
            .filter(|&i| !inner.docs.contains_key(&keys[i]) && seen.insert(keys[i]))
            .collect();
        let runs: Vec<Run> = missing
            .par_chunks(RUN)
            .map(|chunk| {
                let mut r = Run::new(lang);
                for (j, &i) in chunk.iter().enumerate() {
                    r.add(j as u32, &docs[i]);
                }
                r
            })
            .collect();
        for (chunk, run) in missing.chunks(RUN).zip(runs) {
            inner.keep(chunk.iter().map(|&i| keys[i]), run);
        }

        // Postings in document order, from every document's counts.
        let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); inner.stems.len()];
        let mut lengths = Vec::with_capacity(docs.len());
        for (i, k) in keys.iter().enumerate() {
            let c = &inner.docs[k];
            lengths.push(c.lengths);
            for &(t, packed) in &c.terms {
                postings[t as usize].push((i as u32, packed));
            }
        }
        let live: HashSet<u128> = keys.iter().copied().collect();
        if inner.docs.len() > live.len() {
            inner.docs.retain(|k, _| live.contains(k));
        }
        let terms: Vec<(String, Vec<(u32, u32)>)> = postings
            .into_iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(t, list)| (inner.stems[t].to_string(), list))
            .collect();
        // Stems of documents no longer there: renumbered away once they are the majority,
        // so the table stays within twice the handbook's terms.
        if inner.stems.len() - terms.len() > terms.len() {
            inner.renumber();
        }
        Counts {
            terms,
            lengths,
            counted: missing.len(),
        }
    }

    /// The memo's contents; a memo left half-updated by a panic is emptied (its tables may
    /// no longer agree).
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|e| {
            let mut inner = e.into_inner();
            *inner = Inner::default();
            self.0.clear_poison();
            inner
        })
    }

    /// How many documents and stems the memo holds (for tests).
    pub fn sizes(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.docs.len(), inner.stems.len())
    }
}

impl Inner {
    /// The number of `stem`, given one if it has none.
    fn id(&mut self, stem: String) -> u32 {
        if let Some(&id) = self.ids.get(stem.as_str()) {
            return id;
        }
        let id = self.stems.len() as u32;
        let stem = stem.into_boxed_str();
        self.stems.push(stem.clone());
        self.ids.insert(stem, id);
        id
    }

    /// Keeps the counts of `run`, whose documents (numbered from 0) have `keys`.
    fn keep(&mut self, keys: impl Iterator<Item = u128>, run: Run) {
        let mut per_doc: Vec<Vec<(u32, u32)>> = vec![Vec::new(); run.lengths.len()];
        for (stem, list) in run.terms.into_iter().zip(run.postings) {
            let id = self.id(stem);
            for (doc, packed) in list {
                per_doc[doc as usize].push((id, packed));
            }
        }
        for ((key, terms), lengths) in keys.zip(per_doc).zip(run.lengths) {
            let terms = terms.into_boxed_slice();
            self.docs.insert(key, Counted { lengths, terms });
        }
    }

    /// Numbers again the stems that the documents held have, dropping the others.
    fn renumber(&mut self) {
        let mut new = vec![u32::MAX; self.stems.len()];
        let mut stems = Vec::new();
        for c in self.docs.values_mut() {
            for (t, _) in c.terms.iter_mut() {
                let n = &mut new[*t as usize];
                if *n == u32::MAX {
                    *n = stems.len() as u32;
                    stems.push(std::mem::take(&mut self.stems[*t as usize]));
                }
                *t = *n;
            }
        }
        self.ids = stems.iter().cloned().zip(0..).collect();
        self.stems = stems;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::count;

    use crate::search::test_doc as doc;

    /// Counts with their terms sorted, as text to compare.
    fn sorted(c: Counts) -> String {
        let mut terms = c.terms;
        terms.sort();
        format!("{terms:?}\n{:?}", c.lengths)
    }

    /// The memo's counts of `docs`, checked against counting them from scratch; how many
    /// documents it tokenized.
    fn counted(memo: &Memo, docs: &[Doc], lang: Language) -> usize {
        let c = memo.counts(docs, lang);
        let n = c.counted;
        assert_eq!(sorted(c), sorted(count(docs, lang)));
        n
    }

    #[test]
    fn only_changed_documents_are_counted_again_and_the_counts_stay_exact() {
        let memo = Memo::default();
        let en = Language::English;
        let mut docs = vec![
            doc(
                "Customer trust",
                &["Earn trust by listening.", "Follow up."],
            ),
            doc("Ownership", &["Owners act on behalf of the company."]),
            doc("Frugality", &["Do more with less."]),
        ];
        assert_eq!(counted(&memo, &docs, en), 3);
        assert_eq!(counted(&memo, &docs, en), 0);
        // A body edited; a word moved from the title to the body; a title edited.
        docs[1] = doc("Ownership", &["Owners act for the whole company."]);
        assert_eq!(counted(&memo, &docs, en), 1);
        docs[0] = doc(
            "Customer",
            &["trust Earn trust by listening.", "Follow up."],
        );
        assert_eq!(counted(&memo, &docs, en), 1);
        docs[2] = doc("Frugality first", &["Do more with less."]);
        assert_eq!(counted(&memo, &docs, en), 1);
        // Deleted, moved, added, and the same text twice: counted once.
        docs.remove(0);
        docs.reverse();
        assert_eq!(counted(&memo, &docs, en), 0);
        docs.push(doc("Bias for action", &["Speed matters."]));
        docs.push(doc("Bias for action", &["Speed matters."]));
        assert_eq!(counted(&memo, &docs, en), 1);
        assert_eq!(
            memo.sizes().0,
            3,
            "the memo keeps only this index's documents"
        );
        // Another language: the same texts are counted again, under its rules.
        assert_eq!(counted(&memo, &docs, Language::French), 3);
        assert_eq!(counted(&memo, &docs, Language::French), 0);
    }

    #[test]
    fn stems_of_documents_gone_are_dropped() {
        let memo = Memo::default();
        let mut seen_most = 0;
        for round in 0..10 {
            // Each round replaces every document and its own word: the old ones are no
            // longer used.
            let bodies: Vec<String> = (0..50).map(|i| format!("w{round}x{i} shared")).collect();
            let docs: Vec<Doc> = bodies.iter().map(|b| doc("Title", &[b.as_str()])).collect();
            assert_eq!(counted(&memo, &docs, Language::English), 50);
            let (held, stems) = memo.sizes();
            assert_eq!(held, 50);
            seen_most = seen_most.max(stems);
        }
        // 52 stems in use (50 words, `shared`, the title's): never more than twice that.
        assert!(seen_most <= 2 * 52, "{seen_most} stems held");
    }
}
