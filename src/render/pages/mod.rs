//! The view of each site page, built from the model: the contract the templates read.

mod indexes;
mod tags;

use super::views::*;
use super::{page_context, sentence, top_level, Job};
use crate::content::markdown::{at_root, slugify, TocEntry};
use crate::model::{paths, Handbook, Question, Tip};

/// Builds the view of each page from the model.
pub(super) struct Pages<'a> {
    pub(super) book: &'a Handbook,
    /// The theme's texts, for the headings of tables of contents and page titles.
    pub(super) strings: &'a crate::strings::Strings,
}

impl Pages<'_> {
    /// The text of `key` in the handbook's language and words.
    fn s(&self, key: &str) -> String {
        self.strings.get(key)
    }

    fn question_link(&self, qi: usize, listing_principle: Option<usize>) -> QuestionLink {
        let q: &Question = &self.book.questions[qi];
        QuestionLink {
            text: q.text.clone(),
            html: q.text_html.clone(),
            url: paths::question(&q.id),
            answers: self.book.relations.question_answers[qi].len(),
            stage: self.book.stage_name(q).map(String::from),
            role: q.role.clone(),
            secondary: listing_principle.is_some_and(|p| q.principles.first() != Some(&p)),
            tags: self.tag_links(&q.tags),
        }
    }

    fn story_link(&self, si: usize, secondary: bool) -> StoryLink {
        let s = &self.book.stories[si];
        StoryLink {
            title: s.title.clone(),
            title_html: s.title_html.clone(),
            url: paths::story(&s.id),
            figures: s.figures.clone(),
            framework: s.framework.name().into(),
            secondary,
        }
    }

    /// The coach notes of item `i`, when the pages show them.
    fn notes(&self, all: &[Vec<crate::coach::Note>], i: usize) -> Vec<NoteView> {
        // Notes are for the author: on a published page only when book.toml asks.
        if !self.book.config.coach.show.unwrap_or(false) {
            return Vec::new();
        }
        all.get(i)
            .map(|notes| {
                notes
                    .iter()
                    .map(|n| NoteView {
                        rule: n.rule,
                        message: sentence(&n.message),
                        help: sentence(&n.help),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn principle_refs(&self, principles: &[usize]) -> Vec<PrincipleRef> {
        principles
            .iter()
            .enumerate()
            .map(|(n, &p)| {
                let l = self.principle_link(p);
                PrincipleRef {
                    title: l.title,
                    url: l.url,
                    primary: n == 0,
                }
            })
            .collect()
    }

    pub(super) fn story(&self, si: usize) -> Job {
        let b = self.book;
        let s = &b.stories[si];
        let path = paths::story(&s.id);
        let root = paths::root_of(&path);
        // Declared questions first, then the others that test its primary principle.
        const SHOWN: usize = 20;
        let mut qs: Vec<usize> = s.questions.clone();
        if let Some(&p) = s.principles.first() {
            for &q in &b.relations.primary_questions[p] {
                if !s.questions.contains(&q) {
                    qs.push(q);
                }
            }
        }
        let more = qs.len().saturating_sub(SHOWN);
        let mut toc = vec![TocEntry {
            level: 2,
            id: "story".into(),
            text: self.s("story_story"),
        }];
        if s.short.is_some() || s.long.is_some() {
            toc.push(TocEntry {
                level: 2,
                id: "tellings".into(),
                text: self.s("story_tellings"),
            });
        }
        if !qs.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "questions".into(),
                text: self.s("story_questions"),
            });
        }
        let view = StoryView {
            id: s.id.clone(),
            title: s.title.clone(),
            title_html: s.title_html.clone(),
            principles: self.principle_refs(&s.principles),
            framework: s.framework.name().into(),
            sections: s
                .sections
                .iter()
                .map(|sec| SectionView {
                    step: sec.step.clone(),
                    id: format!("story-{}", slugify(&sec.step)),
                    html: at_root(&sec.html, &root),
                })
                .collect(),
            figures: s.figures.clone(),
            short: s.short.clone(),
            long: s.long.clone(),
            questions: qs
                .iter()
                .take(SHOWN)
                .map(|&q| self.question_link(q, None))
                .collect(),
            more_questions: more,
            notes: self.notes(&b.story_notes, si),
            tags: self.tag_links(&s.tags),
            toc,
        };
        Job {
            path,
            template: "story.html",
            title: s.title.clone(),
            view: page_context(&view),
            description: None,
        }
    }

    fn principle_link(&self, pi: usize) -> Link {
        let p = &self.book.principles[pi];
        Link::plain(&p.title, paths::principle(&p.id))
    }

    fn tip_view(&self, t: &Tip, root: &str) -> TipView {
        TipView {
            anchor: paths::tip_anchor(&t.id),
            title: t.title.clone(),
            title_html: t.title_html.clone(),
            html: at_root(&t.body.html, root),
            principles: t
                .principles
                .iter()
                .map(|&p| self.principle_link(p))
                .collect(),
        }
    }

    pub(super) fn principle(&self, i: usize) -> Job {
        let b = self.book;
        let p = &b.principles[i];
        let path = paths::principle(&p.id);
        let root = paths::root_of(&path);
        let r = &b.relations;
        let intro = p.body.html.trim_start();
        let opens_with_heading = intro
            .strip_prefix("<h")
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        let explanation = !intro.is_empty() && !opens_with_heading;
        let mut toc = Vec::new();
        if explanation {
            toc.push(TocEntry {
                level: 2,
                id: "explanation".into(),
                text: self.s("principle_explanation"),
            });
        }
        toc.extend(top_level(&p.body.toc));
        let strings = self.strings;
        let mut add = |cond: bool, id: &str, key: &str| {
            if cond {
                toc.push(TocEntry {
                    level: 2,
                    id: id.into(),
                    text: strings.get(key),
                });
            }
        };
        add(!p.signals.is_empty(), "signals", "principle_signals");
        add(!p.pitfalls.is_empty(), "pitfalls", "principle_pitfalls");
        add(true, "questions", "nav_questions");
        add(!r.principle_tips[i].is_empty(), "tips", "nav_tips");
        let stories: Vec<StoryLink> = r.primary_stories[i]
            .iter()
            .map(|&s| self.story_link(s, false))
            .chain(
                r.secondary_stories[i]
                    .iter()
                    .map(|&s| self.story_link(s, true)),
            )
            .collect();
        add(!stories.is_empty(), "stories", "nav_stories");
        let view = PrincipleView {
            id: p.id.clone(),
            title: p.title.clone(),
            order: p.order,
            summary: p.summary.clone(),
            html: at_root(&p.body.html, &root),
            explanation,
            summary_html: p.summary_html.clone(),
            signals: p.signals.clone(),
            signals_html: p.signals_html.clone(),
            pitfalls: p.pitfalls.clone(),
            pitfalls_html: p.pitfalls_html.clone(),
            primary: r.primary_questions[i]
                .iter()
                .map(|&q| self.question_link(q, Some(i)))
                .collect(),
            secondary: r.secondary_questions[i]
                .iter()
                .map(|&q| self.question_link(q, Some(i)))
                .collect(),
            tips: r.principle_tips[i]
                .iter()
                .map(|&t| self.tip_view(&b.tips[t], &root))
                .collect(),
            stories,
            toc,
            prev: i.checked_sub(1).map(|j| self.principle_link(j)),
            next: (i + 1 < b.principles.len()).then(|| self.principle_link(i + 1)),
        };
        Job {
            path,
            template: "principle.html",
            title: p.title.clone(),
            view: page_context(&view),
            description: Some(p.summary.clone()),
        }
    }

    pub(super) fn question(&self, i: usize) -> Job {
        let b = self.book;
        let q = &b.questions[i];
        let path = paths::question(&q.id);
        let root = paths::root_of(&path);
        let answers: Vec<AnswerView> = b.relations.question_answers[i]
            .iter()
            .map(|&ai| {
                let a = &b.answers[ai];
                AnswerView {
                    anchor: paths::answer_anchor(&a.id),
                    framework: a.framework.name().into(),
                    framework_id: a.framework.id().into(),
                    persona: a.persona.clone(),
                    sections: a
                        .sections
                        .iter()
                        .map(|s| SectionView {
                            step: s.step.clone(),
                            id: format!("{}-{}", paths::answer_anchor(&a.id), slugify(&s.step)),
                            html: at_root(&s.html, &root),
                        })
                        .collect(),
                    notes: self.notes(&b.answer_notes, ai),
                }
            })
            .collect();
        let stories: Vec<StoryLink> = b.relations.question_stories[i]
            .iter()
            .map(|&s| self.story_link(s, false))
            .collect();
        let mut toc = Vec::new();
        if !q.notes.html.trim().is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "notes".into(),
                text: self.s("question_notes"),
            });
        }
        if !q.follow_ups.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "follow-ups".into(),
                text: self.s("question_follow_ups"),
            });
        }
        if !answers.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "answers".into(),
                text: self.s("sample_answers"),
            });
        }
        if !stories.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "stories".into(),
                text: self.s("question_stories"),
            });
        }
        let view = QuestionView {
            id: q.id.clone(),
            text: q.text.clone(),
            text_html: q.text_html.clone(),
            principles: self.principle_refs(&q.principles),
            stage: self.book.stage_name(q).map(String::from),
            role: q.role.clone(),
            html: at_root(&q.notes.html, &root),
            follow_ups: q.follow_ups.clone(),
            follow_ups_html: q.follow_ups_html.clone(),
            answers,
            stories,
            tags: self.tag_links(&q.tags),
            toc,
        };
        Job {
            path,
            template: "question.html",
            title: q.text.clone(),
            description: self.strings.text(
                "question_description",
                None,
                &[("question", q.text.clone())],
            ),
            view: page_context(&view),
        }
    }
}
