//! What goes on a cheat sheet and on the overview sheet.
//!
//! Every entry gets a rank: its place in the order the page is filled in (questions, then
//! signals and each question's first follow-up, pitfalls, tips, further follow-ups). The build
//! shows the entries that surely fit, by an estimate of the sheet's lines made from its fixed
//! layout (see `print.css`), and adds the next ones hidden. `sheets.js` then measures the real
//! page and reveals hidden entries in rank order while they fit (or hides the last ones if a
//! font runs wider than planned), so the sheet is full but never clipped, and counts what is
//! left out in the "more in the handbook" lines. Without scripts the estimate still fits.

use std::collections::HashSet;

use serde::Serialize;

use crate::config::Paper;
use crate::model::Handbook;

/// The printable area of a page inside the 12 mm margins of `print.css`, in mm.
pub fn printable_mm(paper: Paper) -> (f32, f32) {
    match paper {
        Paper::A4 => (186.0, 273.0),
        Paper::Letter => (191.9, 255.4),
    }
}

/// Height of a line of sheet text (9 pt at line height 1.3), in mm.
const LINE_MM: f32 = 4.13;
/// What the head, the frameworks box (one row of three), the story box and their gaps take of
/// a sheet's height.
const FIXED_MM: f32 = 130.0;
/// Each further row of the frameworks box (two lines of 8 pt, wrapped steps and all).
const FRAMEWORK_ROW_MM: f32 = 7.0;
/// The share of the estimated lines the build fills by itself (the rest is left to the script).
const SAFE_SHARE: f32 = 0.85;
/// A list heading, and the space between items, in lines.
const HEADING_LINES: f32 = 2.0;
const ITEM_GAP_LINES: f32 = 0.2;
/// At most this many entries of each kind are written into a sheet, shown or hidden.
const MAX_QUESTIONS: usize = 40;
const MAX_FOLLOW_UPS: usize = 3;
const MAX_OTHERS: usize = 20;
/// The reader's stories on a sheet, and the length of each one's short telling there.
const SHEET_STORIES: usize = 3;
const STORY_CHARS: usize = 260;

/// The line budget of a sheet: characters per line of a column and lines in both columns.
struct Budget {
    chars: usize,
    lines: f32,
}

impl Budget {
    fn new(paper: Paper, frameworks: usize) -> Budget {
        let (w, h) = printable_mm(paper);
        let fixed = FIXED_MM + FRAMEWORK_ROW_MM * (frameworks.div_ceil(3).max(1) - 1) as f32;
        // Two columns 6 mm apart, lists indented 4.5 mm; 9 pt Liberation Sans sets about 0.62
        // characters per mm, DejaVu Sans about 0.56.
        let column = (w - 6.0) / 2.0 - 4.5;
        Budget {
            chars: (column * 0.56) as usize,
            lines: 2.0 * ((h - fixed) / LINE_MM).floor(),
        }
    }

    /// How many lines `text` takes (follow-ups are set smaller and indented further).
    fn lines(&self, text: &str, small: bool) -> f32 {
        let chars = if small {
            self.chars * 10 / 9 - 6
        } else {
            self.chars
        };
        let n = text.chars().count().max(1);
        n.div_ceil(chars.max(10)) as f32 * if small { 0.9 } else { 1.0 } + ITEM_GAP_LINES
    }
}

/// One entry of a sheet list.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct SheetItem {
    pub text: String,
    /// Its place in the order the sheet is filled in, 1 first, across all lists of the sheet.
    pub rank: u32,
    /// Shown as built; hidden ones are there for `sheets.js` to reveal if they fit.
    pub shown: bool,
    /// A question's follow-ups.
    pub follow_ups: Vec<SheetItem>,
}

/// A list on a sheet: the entries written, how many the handbook has, and how many of those
/// are not shown as built.
#[derive(Serialize, Debug, Default, Clone, PartialEq)]
pub struct SheetList {
    pub items: Vec<SheetItem>,
    pub total: usize,
    pub more: usize,
}

impl SheetList {
    fn new(texts: Vec<String>, total: usize) -> SheetList {
        SheetList {
            items: texts
                .into_iter()
                .map(|text| SheetItem {
                    text,
                    rank: 0,
                    shown: false,
                    follow_ups: Vec::new(),
                })
                .collect(),
            total,
            more: 0,
        }
    }

    fn count_more(&mut self) {
        self.more = self.total - self.items.iter().filter(|i| i.shown).count();
    }
}

#[derive(Serialize, Debug)]
pub struct SheetView {
    pub id: String,
    pub title: String,
    pub order: u32,
    pub summary: String,
    pub questions: SheetList,
    pub signals: SheetList,
    pub pitfalls: SheetList,
    pub tips: SheetList,
    /// The reader's stories for the principle, in place of the empty story lines.
    pub stories: Vec<SheetStory>,
    pub stories_more: usize,
}

#[derive(Serialize, Debug)]
pub struct SheetStory {
    pub title: String,
    /// The short telling, or else the result, shortened to a few lines.
    pub telling: String,
    pub figures: String,
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis if cut.
pub fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
    )
}

/// The questions of principle `i`: primary ones first, each group by priority.
pub fn questions_of(book: &Handbook, i: usize) -> Vec<usize> {
    let r = &book.relations;
    let by_priority = |list: &[usize]| {
        let mut v = list.to_vec();
        v.sort_by_key(|&q| (book.questions[q].priority, q));
        v
    };
    let mut all = by_priority(&r.primary_questions[i]);
    all.extend(by_priority(&r.secondary_questions[i]));
    all
}

/// Which entry a rank stands for.
#[derive(Clone, Copy)]
enum Slot {
    Question(usize),
    FollowUp(usize, usize),
    Signal(usize),
    Pitfall(usize),
    Tip(usize),
}

/// The order a sheet is filled in.
fn fill_order(questions: &SheetList, signals: usize, pitfalls: usize, tips: usize) -> Vec<Slot> {
    let mut order: Vec<Slot> = (0..questions.items.len()).map(Slot::Question).collect();
    let firsts: Vec<usize> = (0..questions.items.len())
        .filter(|&q| !questions.items[q].follow_ups.is_empty())
        .collect();
    for k in 0..signals.max(firsts.len()) {
        if k < signals {
            order.push(Slot::Signal(k));
        }
        if let Some(&q) = firsts.get(k) {
            order.push(Slot::FollowUp(q, 0));
        }
    }
    order.extend((0..pitfalls).map(Slot::Pitfall));
    order.extend((0..tips).map(Slot::Tip));
    for f in 1..MAX_FOLLOW_UPS {
        for (q, item) in questions.items.iter().enumerate() {
            if f < item.follow_ups.len() {
                order.push(Slot::FollowUp(q, f));
            }
        }
    }
    order
}

/// Chooses what goes on principle `i`'s sheet.
pub fn sheet(book: &Handbook, i: usize) -> SheetView {
    let p = &book.principles[i];
    let r = &book.relations;
    let budget = Budget::new(
        book.config.print.paper,
        book.config.frameworks.iter().count(),
    );
    let all_questions = questions_of(book, i);
    let mut questions = SheetList::new(
        all_questions
            .iter()
            .take(MAX_QUESTIONS)
            .map(|&q| book.questions[q].text.clone())
            .collect(),
        all_questions.len(),
    );
    for (item, &q) in questions.items.iter_mut().zip(&all_questions) {
        let follow_ups = &book.questions[q].follow_ups;
        item.follow_ups =
            SheetList::new(follow_ups.iter().take(MAX_FOLLOW_UPS).cloned().collect(), 0).items;
    }
    let others =
        |v: &[String]| SheetList::new(v.iter().take(MAX_OTHERS).cloned().collect(), v.len());
    let mut signals = others(&p.signals);
    let mut pitfalls = others(&p.pitfalls);
    let tip_titles: Vec<String> = r.principle_tips[i]
        .iter()
        .map(|&t| book.tips[t].title.clone())
        .collect();
    let mut tips = others(&tip_titles);

    // Walk the fill order: show what surely fits, write the next ones hidden, up to about two
    // sheets' worth; a list stays a prefix (it stops at its first entry that does not fit).
    let order = fill_order(
        &questions,
        signals.items.len(),
        pitfalls.items.len(),
        tips.items.len(),
    );
    let (mut shown_lines, mut written_lines) = (0.0, 0.0);
    let mut closed = [false; 5];
    let mut started = [false; 5];
    let mut written = 0;
    for (n, slot) in order.iter().enumerate() {
        let (list, item, small): (usize, &mut SheetItem, bool) = match *slot {
            Slot::Question(q) => (0, &mut questions.items[q], false),
            Slot::FollowUp(q, f) => {
                let parent_shown = questions.items[q].shown;
                let item = &mut questions.items[q].follow_ups[f];
                if !parent_shown {
                    item.rank = n as u32 + 1;
                    continue;
                }
                (1, item, true)
            }
            Slot::Signal(k) => (2, &mut signals.items[k], false),
            Slot::Pitfall(k) => (3, &mut pitfalls.items[k], false),
            Slot::Tip(k) => (4, &mut tips.items[k], false),
        };
        item.rank = n as u32 + 1;
        let heading = if started[list] || list == 1 {
            0.0
        } else {
            HEADING_LINES
        };
        let need = budget.lines(&item.text, small) + heading;
        if !closed[list] && shown_lines + need <= budget.lines * SAFE_SHARE {
            shown_lines += need;
            item.shown = true;
            started[list] = true;
        } else {
            closed[list] = true;
        }
        written_lines += need;
        written = n + 1;
        if written_lines > budget.lines * 2.0 {
            break;
        }
    }
    // Entries past the written ones are left out of the page (and counted in "more").
    let mut cut_q = questions.items.len();
    let (mut cut_s, mut cut_p, mut cut_t) =
        (signals.items.len(), pitfalls.items.len(), tips.items.len());
    for slot in &order[written..] {
        match *slot {
            Slot::Question(q) => cut_q = cut_q.min(q),
            Slot::FollowUp(q, f) => questions.items[q].follow_ups.truncate(f),
            Slot::Signal(k) => cut_s = cut_s.min(k),
            Slot::Pitfall(k) => cut_p = cut_p.min(k),
            Slot::Tip(k) => cut_t = cut_t.min(k),
        }
    }
    questions.items.truncate(cut_q);
    signals.items.truncate(cut_s);
    pitfalls.items.truncate(cut_p);
    tips.items.truncate(cut_t);
    for list in [&mut questions, &mut signals, &mut pitfalls, &mut tips] {
        list.count_more();
    }

    let all_stories: Vec<usize> = r.primary_stories[i]
        .iter()
        .chain(&r.secondary_stories[i])
        .copied()
        .collect();
    let stories = all_stories
        .iter()
        .take(SHEET_STORIES)
        .map(|&s| {
            let s = &book.stories[s];
            let telling = s.short.clone().unwrap_or_else(|| {
                // The outcome, or the last step of a framework that names none.
                let result = s.framework.result_step();
                s.sections
                    .iter()
                    .find(|x| Some(x.step.as_str()) == result)
                    .or_else(|| result.map_or(s.sections.last(), |_| None))
                    .map(|x| x.plain.clone())
                    .unwrap_or_default()
            });
            SheetStory {
                title: clip(&s.title, 90),
                telling: clip(&telling, STORY_CHARS),
                figures: clip(&s.figures.join(" · "), 140),
            }
        })
        .collect();
    SheetView {
        id: p.id.clone(),
        title: p.title.clone(),
        order: p.order,
        summary: p.summary.clone(),
        questions,
        signals,
        pitfalls,
        tips,
        stories,
        stories_more: all_stories.len().saturating_sub(SHEET_STORIES),
    }
}

/// A principle on the overview sheet: its key question (no question stands under two
/// principles), and more to reveal if the page has room.
#[derive(Serialize, Debug)]
pub struct OverviewItem {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub question: Option<String>,
    pub extras: Vec<OverviewExtra>,
}

#[derive(Serialize, Debug)]
pub struct OverviewExtra {
    pub kind: ExtraKind,
    pub text: String,
    pub rank: u32,
}

/// What a round of the overview adds to a principle; its label is the string `overview_<kind>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraKind {
    AlsoAsked,
    LookFor,
    Avoid,
}

/// What each round of the overview adds to every principle, in order.
const OVERVIEW_ROUNDS: [ExtraKind; 5] = [
    ExtraKind::AlsoAsked,
    ExtraKind::LookFor,
    ExtraKind::Avoid,
    ExtraKind::AlsoAsked,
    ExtraKind::LookFor,
];

/// The overview sheet: every principle with its own key question, then, round by round, one
/// more entry each (another question, a signal, a pitfall...) for `sheets.js` to reveal.
pub fn overview(book: &Handbook) -> Vec<OverviewItem> {
    let n = book.principles.len();
    let primary: Vec<usize> = (0..n)
        .map(|i| book.relations.primary_questions[i].len())
        .collect();
    let candidates: Vec<Vec<usize>> = (0..n).map(|i| questions_of(book, i)).collect();
    let mut next = vec![0usize; n];
    let mut used: HashSet<usize> = HashSet::new();
    // The next question of principle `i` not shown under another principle yet (among its
    // primary questions only, if `own`).
    let mut take = |i: usize, own: bool, used: &mut HashSet<usize>| {
        let end = if own { primary[i] } else { candidates[i].len() };
        while next[i] < end {
            let q = candidates[i][next[i]];
            next[i] += 1;
            if used.insert(q) {
                return Some(book.questions[q].text.clone());
            }
        }
        None
    };
    // Key questions: each principle's own first, so that no principle takes the only question
    // of another; then a shared one for those with none of their own.
    let mut keys: Vec<Option<String>> = (0..n).map(|i| take(i, true, &mut used)).collect();
    for (i, key) in keys.iter_mut().enumerate() {
        if key.is_none() {
            *key = take(i, false, &mut used);
        }
    }
    let mut items: Vec<OverviewItem> = book
        .principles
        .iter()
        .zip(keys)
        .map(|(p, question)| OverviewItem {
            id: p.id.clone(),
            title: p.title.clone(),
            summary: p.summary.clone(),
            question,
            extras: Vec::new(),
        })
        .collect();
    let mut signals = vec![0usize; n];
    let mut pitfalls = vec![0usize; n];
    for (round, &kind) in OVERVIEW_ROUNDS.iter().enumerate() {
        for (i, item) in items.iter_mut().enumerate() {
            let p = &book.principles[i];
            let text = match kind {
                ExtraKind::AlsoAsked => take(i, false, &mut used),
                ExtraKind::LookFor => p
                    .signals
                    .get(signals[i])
                    .inspect(|_| signals[i] += 1)
                    .cloned(),
                ExtraKind::Avoid => p
                    .pitfalls
                    .get(pitfalls[i])
                    .inspect(|_| pitfalls[i] += 1)
                    .cloned(),
            };
            if let Some(text) = text {
                item.extras.push(OverviewExtra {
                    kind,
                    text,
                    rank: (round * n + i) as u32 + 1,
                });
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_at_a_word() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("one two three four", 12), "one two…");
        assert_eq!(clip("ünïcödé wörds everywhere", 10), "ünïcödé…");
    }
}
