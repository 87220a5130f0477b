//! Building the search index and writing it as `<script>` data files that work from file://.
//!
//! Layout under `search/`: `index.js` holds the language, the sorted term list (stems), one
//! character per document (its kind and whether it has a parent) and the documents of each
//! principle; `postings-N.js` hold the postings of a contiguous run of terms; `docs-N.js` the
//! titles and URLs of a run of documents; `text-N.js` their text, for snippets. A row of
//! `docs-N.js` is `[title, url, [principle indexes, primary first], label?]`, the title empty
//! when it is the parent's. A query loads `index.js` (before the reader types, when it can),
//! then only the shards it touches. Lists of numbers are written as base-32 varints in strings
//! (see [`push_varint`]); search.js decodes them.
//!
//! Each posting holds the document's score for the term without the term's rarity (see
//! [`impact`]): the title and the body scored as two BM25 fields, each normalised by its own
//! length, so a short title that matches outranks a long page that mentions the word in
//! passing. Scoring at build time leaves search.js one multiplication per posting, which keeps
//! the first query fast while the browser has not yet optimised the code.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

pub use super::encode::{decode_varints, js_data, json_parse_expr, push_varint};
use super::terms::Run;
use super::tokenize::Language;
use super::Doc;
use crate::artifact::{Contents, OutputFile};

/// The folder of the data files, relative to the output root.
pub const DIR: &str = "search";
/// A postings or text shard is closed once it holds about this many bytes: small enough that
/// a query's first shards load and parse in a few milliseconds.
pub const SHARD_BYTES: usize = 64 * 1024;
/// The same for the shards of titles and URLs. A page of results touches about one per result,
/// and from file:// each script costs the page a load of its own, whatever its size: larger
/// shards mean fewer of them.
pub const DOC_SHARD_BYTES: usize = 128 * 1024;
/// BM25 parameters; a title match weighs [`TITLE_WEIGHT`] times a body match.
pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;
pub const TITLE_WEIGHT: f64 = 3.0;
/// Impacts are written as integers from 1 to this (two base-32 digits).
pub const MAX_IMPACT: u32 = 1023;
/// Title occurrences kept per posting (more add nothing to a title's score).
pub const MAX_TITLE_TF: u32 = 3;
/// Text kept per document for snippets, in characters.
pub const TEXT_CHARS: usize = 2000;
/// Bumped whenever the format changes; search.js checks it.
pub const FORMAT_VERSION: u32 = 5;

/// The score of a posting (`body_tf * 4 + min(title_tf, 3)`, see terms.rs) in a document of
/// `lengths` (body, title) where the average lengths are `avg`: BM25 of the body plus
/// [`TITLE_WEIGHT`] times BM25 of the title, without the idf, on a scale of 1 to [`MAX_IMPACT`].
pub fn impact(packed: u32, lengths: (u32, u32), avg: (f64, f64)) -> u32 {
    let bm25 = |tf: u32, len: u32, avg: f64| {
        if tf == 0 {
            return 0.0;
        }
        let tf = f64::from(tf);
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * f64::from(len) / avg.max(1.0)))
    };
    let score =
        bm25(packed >> 2, lengths.0, avg.0) + TITLE_WEIGHT * bm25(packed & 3, lengths.1, avg.1);
    // The largest possible score is (K1 + 1) * (1 + TITLE_WEIGHT).
    let scaled = score / ((K1 + 1.0) * (1.0 + TITLE_WEIGHT)) * f64::from(MAX_IMPACT);
    (scaled.round() as u32).clamp(1, MAX_IMPACT)
}

/// The global record of the index (`index.js`).
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    /// The language rules of the terms (see [`Language::code`]).
    language: &'static str,
    /// Number of documents.
    docs: usize,
    /// One character per document: `0` + its kind code, or `a` + its kind code for a document
    /// shown under a parent, which is then the nearest document before it that has none
    /// (children follow their parent).
    kinds: String,
    /// Per principle, the documents that name it, as varint deltas (for the principle filter,
    /// which decodes only the list it needs).
    principle_docs: Vec<String>,
    /// The sorted terms, separated by spaces (terms never contain one).
    terms: String,
    /// First term index of each postings shard.
    postings: Vec<usize>,
    /// First document of each docs and text shard.
    doc_shards: Vec<usize>,
    text_shards: Vec<usize>,
    /// Principle ids and titles, for labels and the filter.
    principle_list: &'a [(String, String)],
    /// Per tag, the documents that carry it, as varint deltas (for the tag filter).
    tag_docs: Vec<String>,
    /// Tag slugs and names, for the filter.
    tag_list: &'a [(String, String)],
}

/// A row of `docs-N.js`: `[title, url, [principles], label]`, the label left out when there is
/// none.
struct Row<'a> {
    title: &'a str,
    url: &'a str,
    principles: &'a [usize],
    label: Option<&'a str>,
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(3 + usize::from(self.label.is_some())))?;
        seq.serialize_element(self.title)?;
        seq.serialize_element(self.url)?;
        seq.serialize_element(self.principles)?;
        if let Some(label) = self.label {
            seq.serialize_element(label)?;
        }
        seq.end()
    }
}

/// Sizes of what was written, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub docs: usize,
    pub terms: usize,
    /// index.js, postings and docs shards.
    pub index_bytes: usize,
    /// text shards (snippets), loaded only for shown results.
    pub text_bytes: usize,
    pub files: usize,
    /// Documents tokenized for this index; the others' counts were remembered.
    pub counted: usize,
}

/// Documents per run of the parallel count (each run keeps one copy of its terms).
pub(super) const RUN: usize = 512;

/// The terms of the documents with their postings: what the index is written from, however
/// it was counted (from scratch here, or mostly remembered by [`super::memo::Memo`]).
pub struct Counts {
    /// Each term once, in any order, with its (document, packed frequency) postings in
    /// document order.
    pub terms: Vec<(String, Vec<(u32, u32)>)>,
    /// Per document: body and title length, in tokens.
    pub lengths: Vec<(u32, u32)>,
    /// How many documents were tokenized for these counts.
    pub counted: usize,
}

/// Builds the index of `docs` into output files under [`DIR`].
pub fn build(
    docs: &[Doc],
    principles: &[(String, String)],
    tags: &[(String, String)],
    lang: Language,
) -> (Vec<OutputFile>, Stats) {
    write(docs, count(docs, lang), principles, tags, lang)
}

/// Counts the terms of every document: in parallel over runs of documents, then merged in
/// document order.
pub fn count(docs: &[Doc], lang: Language) -> Counts {
    let runs: Vec<Run> = docs
        .par_chunks(RUN)
        .enumerate()
        .map(|(run, chunk)| {
            let mut r = Run::new(lang);
            for (i, d) in chunk.iter().enumerate() {
                r.add((run * RUN + i) as u32, d);
            }
            r
        })
        .collect();
    let mut lengths: Vec<(u32, u32)> = Vec::with_capacity(docs.len());
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut postings: Vec<Vec<(u32, u32)>> = Vec::new();
    for run in runs {
        lengths.extend(run.lengths);
        for (term, list) in run.terms.into_iter().zip(run.postings) {
            match ids.get(term.as_str()) {
                Some(&id) => postings[id as usize].extend(list),
                None => {
                    ids.insert(term, postings.len() as u32);
                    postings.push(list);
                }
            }
        }
    }
    let terms = ids
        .into_iter()
        .map(|(term, id)| (term, std::mem::take(&mut postings[id as usize])))
        .collect();
    Counts {
        terms,
        lengths,
        counted: docs.len(),
    }
}

/// Writes the index of `docs`, whose terms are `counts`, into output files under [`DIR`].
pub fn write(
    docs: &[Doc],
    counts: Counts,
    principles: &[(String, String)],
    tags: &[(String, String)],
    lang: Language,
) -> (Vec<OutputFile>, Stats) {
    let Counts {
        mut terms,
        lengths: lengths_of,
        counted,
    } = counts;
    // In UTF-16 order, the order of JavaScript's `<`, so search.js can binary-search the list.
    terms.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

    // Score and encode postings, and cut them into shards.
    let average = |f: fn(&(u32, u32)) -> u32| {
        let total: u64 = lengths_of.iter().map(|l| u64::from(f(l))).sum();
        total as f64 / lengths_of.len().max(1) as f64
    };
    let avg = (average(|l| l.0), average(|l| l.1));
    let encoded: Vec<String> = terms
        .par_iter()
        .map(|(_, postings)| {
            let mut s = String::new();
            let mut prev = 0;
            for &(doc, tf) in postings {
                push_varint(&mut s, doc - prev);
                push_varint(&mut s, impact(tf, lengths_of[doc as usize], avg));
                prev = doc;
            }
            s
        })
        .collect();
    // The postings are encoded: only the terms are needed from here on.
    let terms: Vec<String> = terms.into_iter().map(|(t, _)| t).collect();
    let mut files = Vec::new();
    let mut stats = Stats {
        docs: docs.len(),
        terms: terms.len(),
        counted,
        ..Stats::default()
    };
    let mut shard_starts = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, e) in encoded.iter().enumerate() {
        size += e.len() + 3;
        let next = encoded.get(i + 1).map_or(0, |e| e.len() + 3);
        if size + next > SHARD_BYTES || i + 1 == encoded.len() {
            shard_starts.push(start);
            let name = format!("postings-{}", shard_starts.len() - 1);
            let js = js_data(&name, &encoded[start..=i]);
            stats.index_bytes += js.len();
            files.push(file(&name, js));
            start = i + 1;
            size = 0;
        }
    }

    // Document titles and URLs, and text for snippets, by runs of documents.
    let mut doc_shards = Vec::new();
    let mut text_shards = Vec::new();
    let (mut doc_start, mut doc_size, mut text_start, mut text_size) = (0, 0, 0, 0);
    for (i, d) in docs.iter().enumerate() {
        doc_size += d.title.len() + d.url.len() + 8;
        text_size += d
            .body
            .iter()
            .map(|p| p.len() + 1)
            .sum::<usize>()
            .min(TEXT_CHARS * 2)
            + 3;
        let last = i + 1 == docs.len();
        if doc_size >= DOC_SHARD_BYTES || last {
            doc_shards.push(doc_start);
            let name = format!("docs-{}", doc_shards.len() - 1);
            // A sample answer's title is its question's: an empty string stands for it.
            let rows: Vec<Row> = docs[doc_start..=i]
                .iter()
                .map(|d| {
                    let same = d.parent.is_some_and(|p| docs[p].title == d.title);
                    Row {
                        title: if same { "" } else { d.title.as_ref() },
                        url: &d.url,
                        principles: &d.principles,
                        label: d.label,
                    }
                })
                .collect();
            let js = js_data(&name, &rows);
            stats.index_bytes += js.len();
            files.push(file(&name, js));
            doc_start = i + 1;
            doc_size = 0;
        }
        if text_size >= SHARD_BYTES || last {
            text_shards.push(text_start);
            let name = format!("text-{}", text_shards.len() - 1);
            let texts: Vec<String> = docs[text_start..=i]
                .iter()
                .map(|d| snippet_text(&d.body))
                .collect();
            let js = js_data(&name, &texts);
            stats.text_bytes += js.len();
            files.push(file(&name, js));
            text_start = i + 1;
            text_size = 0;
        }
    }

    // The global record.
    debug_assert!(docs.iter().enumerate().all(|(i, d)| d
        .parent
        .is_none_or(|p| (p + 1..i).all(|c| docs[c].parent == Some(p)))));
    debug_assert!(docs
        .iter()
        .enumerate()
        .all(|(i, d)| d.parent.is_none_or(|p| docs[p].parent.is_none() && p < i)));
    let mut kinds = String::with_capacity(docs.len());
    for d in docs {
        let base = if d.parent.is_some() { b'a' } else { b'0' };
        kinds.push((base + d.kind as u8) as char);
    }
    let principle_docs = doc_lists(docs, principles.len(), |d| &d.principles);
    let tag_docs = doc_lists(docs, tags.len(), |d| &d.tags);
    let term_list: Vec<&str> = terms.iter().map(String::as_str).collect();
    let meta = Meta {
        version: FORMAT_VERSION,
        language: lang.code(),
        docs: docs.len(),
        kinds,
        principle_docs,
        terms: term_list.join(" "),
        postings: shard_starts,
        doc_shards,
        text_shards,
        principle_list: principles,
        tag_docs,
        tag_list: tags,
    };
    let js = js_data("index", &meta);
    stats.index_bytes += js.len();
    files.push(file("index", js));
    stats.files = files.len();
    (files, stats)
}

/// A document's text for snippets: its parts on separate lines, at most [`TEXT_CHARS`] characters.
fn snippet_text(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts.iter().filter(|p| !p.trim().is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p.trim());
    }
    // No more bytes than the limit in characters: nothing to cut, and no need to count.
    if out.len() <= TEXT_CHARS {
        return out;
    }
    match out.char_indices().nth(TEXT_CHARS) {
        Some((i, _)) => {
            out.truncate(i);
            out
        }
        None => out,
    }
}

fn file(name: &str, js: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{name}.js"),
        contents: Contents::Owned(js.into_bytes()),
        origin: "the search index",
    }
}

/// Per group (principle or tag), the documents in it as varint deltas from the previous one,
/// the first from -1; `of` gives a document's groups.
fn doc_lists<'a>(
    docs: &'a [Doc<'a>],
    groups: usize,
    of: impl Fn(&'a Doc<'a>) -> &'a [usize],
) -> Vec<String> {
    let mut lists = vec![String::new(); groups];
    let mut last: Vec<Option<u32>> = vec![None; groups];
    for (i, d) in docs.iter().enumerate() {
        let i = i as u32;
        for &g in of(d) {
            let (Some(list), Some(prev)) = (lists.get_mut(g), last.get_mut(g)) else {
                continue;
            };
            if *prev == Some(i) {
                continue;
            }
            push_varint(list, i - prev.map_or(0, |p| p + 1));
            *prev = Some(i);
        }
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(title: &'a str, body: &'a str) -> Doc<'a> {
        crate::search::test_doc(title, &[body])
    }

    #[test]
    fn postings_hold_weighted_frequencies() {
        let docs = vec![
            doc("Customer trust", "trust trust"),
            doc("Frugality", "customer"),
        ];
        let (files, stats) = build(&docs, &[("p".into(), "P".into())], &[], Language::English);
        assert_eq!(stats.docs, 2);
        assert_eq!(stats.terms, 3);
        let postings = files
            .iter()
            .find(|f| f.path == "search/postings-0.js")
            .unwrap();
        let Contents::Owned(bytes) = &postings.contents else {
            panic!()
        };
        let js = String::from_utf8(bytes.clone()).unwrap();
        // Sorted terms: customer, frugality, trust.
        let payload = js
            .split("JSON.parse('")
            .nth(1)
            .unwrap()
            .split("')")
            .next()
            .unwrap();
        let lists: Vec<String> = serde_json::from_str(payload).unwrap();
        // (doc delta, impact of body tf * 4 + title tf); lengths (body, title) are (2, 2) and
        // (1, 1), averages 1.5.
        let avg = (1.5, 1.5);
        let (title, body) = (impact(1, (2, 2), avg), impact(4, (1, 1), avg));
        assert_eq!(decode_varints(&lists[0]), [0, title, 1, body]); // doc 0 title, doc 1 body
        assert_eq!(decode_varints(&lists[1]), [1, impact(1, (1, 1), avg)]);
        assert_eq!(decode_varints(&lists[2]), [0, impact(9, (2, 2), avg)]); // body 2, title 1
                                                                            // A title counts more than the body; more occurrences more, with less each time.
        assert!(title > body, "{title} {body}");
        let once = impact(4, (2, 2), avg);
        let (twice, thrice) = (impact(8, (2, 2), avg), impact(12, (2, 2), avg));
        assert!(once < twice && twice < thrice && thrice - twice < twice - once);
        // Every posting counts, however long its document.
        assert_eq!(impact(4, (1_000_000, 0), avg), 1);
        assert!((900..=MAX_IMPACT).contains(&impact(u32::MAX, (0, 0), avg)));
        assert_eq!(files.len(), 4);
    }

    #[test]
    fn large_indexes_are_sharded() {
        let texts: Vec<(String, String)> = (0..20_000)
            .map(|i| {
                let body = format!(
                    "term{i} shared words about thing{} and other{}",
                    i % 97,
                    i % 13
                );
                (format!("Question number {i}"), body)
            })
            .collect();
        let docs: Vec<Doc> = texts.iter().map(|(t, b)| doc(t, b)).collect();
        let (files, stats) = build(&docs, &[], &[], Language::English);
        let postings = files
            .iter()
            .filter(|f| f.path.starts_with("search/postings-"))
            .count();
        let texts = files
            .iter()
            .filter(|f| f.path.starts_with("search/text-"))
            .count();
        assert!(stats.index_bytes > SHARD_BYTES, "{stats:?}");
        assert!(postings >= 2, "{postings} postings shards");
        assert!(texts >= 1);
        // Every shard stays small (index.js, with the term list, is loaded whole before typing).
        for f in files.iter().filter(|f| f.path != "search/index.js") {
            let Contents::Owned(b) = &f.contents else {
                panic!()
            };
            let limit = if f.path.starts_with("search/docs-") {
                DOC_SHARD_BYTES
            } else {
                SHARD_BYTES
            };
            assert!(b.len() < limit * 2, "{} is {} bytes", f.path, b.len());
        }
    }
}
