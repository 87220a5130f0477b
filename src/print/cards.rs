//! Printable flashcards (`flashcards.html`): a card per question, the question on the front;
//! the principles, how to approach it and the follow-ups on the back.
//!
//! The build lays the cards out for long-edge duplex: a page of fronts (two columns, four
//! rows), then a page of their backs with each row mirrored, so that a back lands behind its
//! front when the sheet is turned over on its long edge. `flashcards.js` lays them out again
//! when the reader filters by principle or picks the fold-in-half layout (fronts on the left
//! half of a page, their backs mirrored on the right, for printers without duplex).
//!
//! A handbook of more questions than `[print] split-above` gets, like its print view, a file
//! per principle (`flashcards/<id>.html`, the cards of the questions it comes first for), and
//! `flashcards.html` lists them: no browser lays out or prints a page of tens of megabytes.

use serde::Serialize;

use super::sheet::{clip, questions_of};
use crate::model::Handbook;

/// Cards per row and rows per page.
pub const COLUMNS: usize = 2;
pub const ROWS: usize = 4;
/// The approach text and the follow-ups a card back has room for.
const APPROACH_CHARS: usize = 330;
const FOLLOW_UPS: usize = 3;

#[derive(Serialize, Debug, Clone)]
pub struct Card {
    /// 1, 2, ...: printed in a corner of both sides, to pair them after cutting.
    pub n: usize,
    pub question: String,
    /// Titles of the question's principles, the primary one first.
    pub principles: Vec<String>,
    /// Their ids, space-separated, for the filter.
    pub principle_ids: String,
    /// The slugs of its tags, separated by spaces, for the tag filter.
    pub tag_ids: String,
    pub approach: String,
    pub follow_ups: Vec<String>,
}

/// A printed page: `fronts` or `backs`, and its slots row by row (`None` is an empty place).
#[derive(Serialize, Debug)]
pub struct CardPage<'a> {
    pub side: &'static str,
    pub slots: Vec<Option<&'a Card>>,
}

#[derive(Serialize, Debug)]
pub struct CardFilter {
    pub id: String,
    pub title: String,
    pub cards: usize,
}

/// Every question as a card, principle by principle in sheet order (each question once, under
/// its primary principle).
pub fn cards(book: &Handbook) -> Vec<Card> {
    let mut out = Vec::with_capacity(book.questions.len());
    for i in 0..book.principles.len() {
        let more = principle_cards(book, i, out.len() + 1);
        out.extend(more);
    }
    out
}

/// The cards of the questions whose primary principle is `i`, in sheet order, numbered from
/// `first`: one part of a split set of flashcards.
pub fn principle_cards(book: &Handbook, i: usize, first: usize) -> Vec<Card> {
    let mut out = Vec::new();
    for q in questions_of(book, i) {
        let question = &book.questions[q];
        if question.principles.first() != Some(&i) {
            continue;
        }
        out.push(Card {
            n: first + out.len(),
            question: question.text.clone(),
            principles: question
                .principles
                .iter()
                .map(|&p| book.principles[p].title.clone())
                .collect(),
            principle_ids: question
                .principles
                .iter()
                .map(|&p| book.principles[p].id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            tag_ids: question
                .tags
                .iter()
                .map(|&t| book.tags[t].slug.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            approach: clip(&question.notes.plain.replace('\n', " "), APPROACH_CHARS),
            follow_ups: question
                .follow_ups
                .iter()
                .take(FOLLOW_UPS)
                .map(|f| clip(f, 140))
                .collect(),
        });
    }
    out
}

/// The duplex pages: fronts, then their backs with each row mirrored.
pub fn duplex_pages(cards: &[Card]) -> Vec<CardPage<'_>> {
    let per_page = COLUMNS * ROWS;
    let mut pages = Vec::with_capacity(2 * cards.len().div_ceil(per_page));
    for chunk in cards.chunks(per_page) {
        let slot = |k: usize| chunk.get(k);
        pages.push(CardPage {
            side: "fronts",
            slots: (0..per_page).map(slot).collect(),
        });
        pages.push(CardPage {
            side: "backs",
            slots: (0..per_page)
                .map(|k| slot(k / COLUMNS * COLUMNS + (COLUMNS - 1 - k % COLUMNS)))
                .collect(),
        });
    }
    pages
}

/// The principles to filter by, with their number of cards (one pass over the cards).
pub fn filters(book: &Handbook, cards: &[Card]) -> Vec<CardFilter> {
    let index: std::collections::HashMap<&str, usize> = book
        .principles
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut counts = vec![0usize; book.principles.len()];
    for c in cards {
        for id in c.principle_ids.split(' ') {
            if let Some(&i) = index.get(id) {
                counts[i] += 1;
            }
        }
    }
    book.principles
        .iter()
        .zip(counts)
        .map(|(p, cards)| CardFilter {
            id: p.id.clone(),
            title: p.title.clone(),
            cards,
        })
        .collect()
}

/// The tags to filter `cards` by, with how many of them carry each; only tags some card carries.
pub fn tag_filters(book: &Handbook, cards: &[Card]) -> Vec<CardFilter> {
    book.tags
        .iter()
        .map(|t| CardFilter {
            id: t.slug.clone(),
            title: t.name.clone(),
            cards: cards
                .iter()
                .filter(|c| c.tag_ids.split(' ').any(|s| s == t.slug))
                .count(),
        })
        .filter(|f| f.cards > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(n: usize) -> Card {
        Card {
            n,
            question: format!("Q{n}"),
            principles: vec![],
            principle_ids: String::new(),
            tag_ids: String::new(),
            approach: String::new(),
            follow_ups: vec![],
        }
    }

    #[test]
    fn backs_mirror_their_fronts_row_by_row() {
        let cards: Vec<Card> = (1..=11).map(card).collect();
        let pages = duplex_pages(&cards);
        let ns = |p: &CardPage| p.slots.iter().map(|s| s.map(|c| c.n)).collect::<Vec<_>>();
        assert_eq!(pages.len(), 4);
        assert_eq!(pages[0].side, "fronts");
        assert_eq!(
            ns(&pages[1]),
            [2, 1, 4, 3, 6, 5, 8, 7].map(Some).to_vec(),
            "backs swap the columns of each row"
        );
        assert_eq!(
            ns(&pages[2]),
            vec![Some(9), Some(10), Some(11), None, None, None, None, None]
        );
        assert_eq!(
            ns(&pages[3]),
            vec![Some(10), Some(9), None, Some(11), None, None, None, None]
        );
    }
}
