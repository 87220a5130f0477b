//! View structs: the contract between the handbook model and the templates.
//!
//! Every URL here is relative to the output root; templates prefix it with `root`, which
//! leads from the current page back to the root (`""` or `"../"`). HTML fields are already
//! rendered and have their internal links made relative to the page they appear on.

use serde::Serialize;

use crate::content::markdown::TocEntry;

#[derive(Serialize, Clone)]
pub struct BookView {
    pub title: String,
    pub description: String,
    pub authors: Vec<String>,
    pub language: String,
}

#[derive(Serialize, Clone)]
pub struct Link {
    /// Plain text; `title_html` is the same as inline HTML, ready to place in an element.
    pub title: String,
    pub title_html: String,
    pub url: String,
}

impl Link {
    /// A link whose title is plain text only (a principle's): its HTML is the text escaped.
    pub fn plain(title: &str, url: String) -> Link {
        Link {
            title: title.to_string(),
            title_html: crate::artifact::escape_html(title),
            url,
        }
    }

    /// Links to items with pages of their own, in the given order: `link` gives the plain
    /// title, its inline HTML (`None` for a title that is plain text only) and the URL.
    pub fn all<T>(items: &[T], link: impl Fn(&T) -> (&str, Option<&str>, String)) -> Vec<Link> {
        items
            .iter()
            .map(|item| {
                let (title, html, url) = link(item);
                match html {
                    Some(html) => Link {
                        title: title.to_string(),
                        title_html: html.to_string(),
                        url,
                    },
                    None => Link::plain(title, url),
                }
            })
            .collect()
    }
}

#[derive(Serialize, Clone)]
pub struct NavView {
    pub principles: Vec<Link>,
    pub pages: Vec<Link>,
}

#[derive(Serialize)]
pub struct PrincipleCard {
    pub title: String,
    pub url: String,
    pub order: u32,
    pub summary: String,
    /// `summary` as inline HTML (one-line fields are Markdown).
    pub summary_html: String,
    pub questions: usize,
    pub answers: usize,
    pub tips: usize,
}

#[derive(Serialize)]
pub struct PageCard {
    pub title: String,
    pub title_html: String,
    pub url: String,
    pub summary: Option<String>,
    pub summary_html: Option<String>,
}

#[derive(Serialize)]
pub struct HomeView {
    pub principles: Vec<PrincipleCard>,
    pub pages: Vec<PageCard>,
    pub featured: Vec<QuestionLink>,
    pub question_count: usize,
    pub answer_count: usize,
    pub tip_count: usize,
}

#[derive(Serialize)]
pub struct QuestionLink {
    /// Plain text; `html` is the same as inline HTML.
    pub text: String,
    pub html: String,
    pub url: String,
    pub answers: usize,
    pub stage: Option<String>,
    pub role: Option<String>,
    /// True where the listing principle is not the question's primary one.
    pub secondary: bool,
    /// Its tags, for badges and filters.
    pub tags: Vec<TagLink>,
}

/// A tag as pages link it: its name as written, and its page.
#[derive(Serialize)]
pub struct TagLink {
    pub name: String,
    pub slug: String,
    pub url: String,
}

/// The page of one tag: what carries it.
#[derive(Serialize)]
pub struct TagView {
    pub name: String,
    pub slug: String,
    pub questions: Vec<QuestionLink>,
    pub stories: Vec<StoryLink>,
    pub toc: Vec<TocEntry>,
}

/// One tag on the tags overview.
#[derive(Serialize)]
pub struct TagCard {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub questions: usize,
    pub stories: usize,
}

#[derive(Serialize)]
pub struct TagsView {
    pub tags: Vec<TagCard>,
}

#[derive(Serialize)]
pub struct TipView {
    pub anchor: String,
    pub title: String,
    pub title_html: String,
    pub html: String,
    pub principles: Vec<Link>,
}

/// A reader's story in a list.
#[derive(Serialize, Clone)]
pub struct StoryLink {
    pub title: String,
    pub title_html: String,
    pub url: String,
    pub figures: Vec<String>,
    pub framework: String,
    /// True where the listing principle is not the story's primary one.
    pub secondary: bool,
}

/// A coach note as pages show it.
#[derive(Serialize, Clone)]
pub struct NoteView {
    pub rule: &'static str,
    pub message: String,
    pub help: String,
}

#[derive(Serialize)]
pub struct PrincipleView {
    pub id: String,
    pub title: String,
    pub order: u32,
    pub summary: String,
    pub html: String,
    /// Whether the body opens with text of its own, shown under its own heading: a body that
    /// is empty or opens with a heading has no "What it means" section.
    pub explanation: bool,
    pub summary_html: String,
    pub signals: Vec<String>,
    pub signals_html: Vec<String>,
    pub pitfalls: Vec<String>,
    pub pitfalls_html: Vec<String>,
    pub primary: Vec<QuestionLink>,
    pub secondary: Vec<QuestionLink>,
    pub tips: Vec<TipView>,
    pub stories: Vec<StoryLink>,
    pub toc: Vec<TocEntry>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Serialize)]
pub struct PrincipleRef {
    pub title: String,
    pub url: String,
    pub primary: bool,
}

#[derive(Serialize)]
pub struct SectionView {
    pub step: String,
    pub id: String,
    pub html: String,
}

#[derive(Serialize)]
pub struct AnswerView {
    pub anchor: String,
    pub framework: String,
    pub framework_id: String,
    pub persona: Option<String>,
    pub sections: Vec<SectionView>,
    pub notes: Vec<NoteView>,
}

#[derive(Serialize)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub text_html: String,
    pub principles: Vec<PrincipleRef>,
    pub stage: Option<String>,
    pub role: Option<String>,
    pub html: String,
    pub follow_ups: Vec<String>,
    pub follow_ups_html: Vec<String>,
    pub answers: Vec<AnswerView>,
    pub stories: Vec<StoryLink>,
    pub tags: Vec<TagLink>,
    pub toc: Vec<TocEntry>,
}

#[derive(Serialize)]
pub struct QuestionGroup {
    pub title: String,
    pub url: String,
    pub anchor: String,
    pub questions: Vec<QuestionLink>,
}

#[derive(Serialize)]
pub struct QuestionsView {
    pub groups: Vec<QuestionGroup>,
    pub total: usize,
    /// The tags to filter by (empty: no filter).
    pub tags: Vec<FilterOption>,
}

#[derive(Serialize)]
pub struct TipGroup {
    pub title: String,
    pub url: String,
    pub anchor: String,
    pub tips: Vec<TipView>,
}

#[derive(Serialize)]
pub struct TipsView {
    pub general: Vec<TipView>,
    pub groups: Vec<TipGroup>,
    pub toc: Vec<TocEntry>,
}

#[derive(Serialize)]
pub struct PageView {
    pub id: String,
    pub title: String,
    pub title_html: String,
    pub summary: Option<String>,
    pub summary_html: Option<String>,
    pub html: String,
    pub toc: Vec<TocEntry>,
}

#[derive(Serialize)]
pub struct FilterOption {
    pub id: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct SearchView {
    pub principles: Vec<FilterOption>,
    pub kinds: Vec<FilterOption>,
    /// The tags to filter by (empty: no filter).
    pub tags: Vec<FilterOption>,
}

#[derive(Serialize)]
pub struct StoryView {
    pub id: String,
    pub title: String,
    pub title_html: String,
    pub principles: Vec<PrincipleRef>,
    pub framework: String,
    pub sections: Vec<SectionView>,
    pub figures: Vec<String>,
    pub short: Option<String>,
    pub long: Option<String>,
    /// Questions it is declared to answer, then others testing its primary principle.
    pub questions: Vec<QuestionLink>,
    pub more_questions: usize,
    pub notes: Vec<NoteView>,
    pub tags: Vec<TagLink>,
    pub toc: Vec<TocEntry>,
}

#[derive(Serialize)]
pub struct StoriesView {
    pub stories: Vec<StoryCard>,
    /// Every framework with its steps, when book.toml declares its own (the built-in ones
    /// alone are taught by the handbook's own guides); else empty.
    pub frameworks: Vec<FrameworkView>,
}

/// A framework as the stories page teaches it.
#[derive(Serialize)]
pub struct FrameworkView {
    pub id: String,
    pub name: String,
    pub steps: Vec<StepView>,
    pub description: Option<String>,
}

#[derive(Serialize)]
pub struct StepView {
    pub name: String,
    pub optional: bool,
}

#[derive(Serialize)]
pub struct StoryCard {
    pub title: String,
    pub title_html: String,
    pub url: String,
    pub framework: String,
    pub figures: Vec<String>,
    pub principles: Vec<PrincipleRef>,
    pub notes: usize,
}

#[derive(Serialize)]
pub struct CoverageView {
    pub target: usize,
    pub stories: Vec<Link>,
    pub rows: Vec<CoverageRow>,
    pub uncovered: Vec<Link>,
    pub under_target: usize,
}

#[derive(Serialize)]
pub struct CoverageRow {
    pub title: String,
    pub url: String,
    /// "primary", "secondary" or "" per story.
    pub cells: Vec<&'static str>,
    pub count: usize,
    pub under_target: bool,
}

#[derive(Serialize)]
pub struct PracticeView {
    pub seconds: u32,
    /// Where the progress is stored, for the hidden frame that only hands it on
    /// (practice-store.js), which loads none of the practice data.
    pub store_key: String,
}
