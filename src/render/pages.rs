//! The view of each site page, built from the model: the contract the templates read.

use super::views::*;
use super::{page_context, sentence, top_level, Job};
use crate::content::markdown::{at_root, TocEntry};
use crate::model::{paths, Handbook, Question, Tip};

/// Builds the view of each page from the model.
pub(super) struct Pages<'a> {
    pub(super) book: &'a Handbook,
}

impl Pages<'_> {
    fn question_link(&self, qi: usize, listing_principle: Option<usize>) -> QuestionLink {
        let q: &Question = &self.book.questions[qi];
        QuestionLink {
            text: q.text.clone(),
            url: paths::question(&q.id),
            answers: self.book.relations.question_answers[qi].len(),
            stage: q.stage.map(|s| s.name()),
            role: q.role.clone(),
            secondary: listing_principle.is_some_and(|p| q.principles.first() != Some(&p)),
        }
    }

    fn story_link(&self, si: usize, secondary: bool) -> StoryLink {
        let s = &self.book.stories[si];
        StoryLink {
            title: s.title.clone(),
            url: paths::story(&s.id),
            figures: s.figures.clone(),
            framework: s.framework.name(),
            secondary,
        }
    }

    /// The coach notes of item `i`, when the pages show them.
    fn notes(&self, all: &[Vec<crate::coach::Note>], i: usize) -> Vec<NoteView> {
        if !self.book.config.coach.show {
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
            text: "The story".into(),
        }];
        if s.short.is_some() || s.long.is_some() {
            toc.push(TocEntry {
                level: 2,
                id: "tellings".into(),
                text: "Short and long tellings".into(),
            });
        }
        if !qs.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "questions".into(),
                text: "Questions it answers".into(),
            });
        }
        let view = StoryView {
            id: s.id.clone(),
            title: s.title.clone(),
            principles: self.principle_refs(&s.principles),
            framework: s.framework.name(),
            sections: s
                .sections
                .iter()
                .map(|sec| SectionView {
                    step: sec.step,
                    id: format!("story-{}", sec.step.to_ascii_lowercase()),
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

    pub(super) fn stories(&self) -> Job {
        let b = self.book;
        let stories = b
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| StoryCard {
                title: s.title.clone(),
                url: paths::story(&s.id),
                framework: s.framework.name(),
                figures: s.figures.clone(),
                principles: self.principle_refs(&s.principles),
                notes: self.notes(&b.story_notes, i).len(),
            })
            .collect();
        Job {
            path: paths::STORIES.into(),
            template: "stories.html",
            title: "Your stories".into(),
            view: page_context(&StoriesView { stories }),
            description: None,
        }
    }

    pub(super) fn coverage(&self) -> Job {
        let b = self.book;
        let c = crate::coverage::compute(b);
        let view = CoverageView {
            target: c.target,
            stories: b
                .stories
                .iter()
                .map(|s| Link {
                    title: s.title.clone(),
                    url: paths::story(&s.id),
                })
                .collect(),
            rows: c
                .rows
                .iter()
                .map(|r| {
                    let l = self.principle_link(r.principle);
                    CoverageRow {
                        title: l.title,
                        url: l.url,
                        cells: r
                            .cells
                            .iter()
                            .map(|c| match c {
                                Some(crate::coverage::Cover::Primary) => "primary",
                                Some(crate::coverage::Cover::Secondary) => "secondary",
                                None => "",
                            })
                            .collect(),
                        count: r.count,
                        under_target: r.under_target,
                    }
                })
                .collect(),
            uncovered: c
                .uncovered
                .iter()
                .map(|&s| Link {
                    title: b.stories[s].title.clone(),
                    url: paths::story(&b.stories[s].id),
                })
                .collect(),
            under_target: c.under_target,
        };
        Job {
            path: paths::COVERAGE.into(),
            template: "coverage.html",
            title: "Story coverage".into(),
            view: page_context(&view),
            description: None,
        }
    }

    pub(super) fn practice(&self) -> Job {
        Job {
            path: paths::PRACTICE.into(),
            template: "practice.html",
            title: "Practice".into(),
            view: page_context(&PracticeView {
                seconds: self.book.config.practice.seconds,
            }),
            description: None,
        }
    }

    fn principle_link(&self, pi: usize) -> Link {
        let p = &self.book.principles[pi];
        Link {
            title: p.title.clone(),
            url: paths::principle(&p.id),
        }
    }

    fn tip_view(&self, t: &Tip, root: &str) -> TipView {
        TipView {
            anchor: paths::tip_anchor(&t.id),
            title: t.title.clone(),
            html: at_root(&t.body.html, root),
            principles: t
                .principles
                .iter()
                .map(|&p| self.principle_link(p))
                .collect(),
        }
    }

    pub(super) fn home(&self) -> Job {
        let b = self.book;
        let r = &b.relations;
        let principles = b
            .principles
            .iter()
            .enumerate()
            .map(|(i, p)| PrincipleCard {
                title: p.title.clone(),
                url: paths::principle(&p.id),
                order: p.order,
                summary: p.summary.clone(),
                questions: r.primary_questions[i].len() + r.secondary_questions[i].len(),
                answers: r.principle_answers[i],
                tips: r.principle_tips[i].len(),
            })
            .collect();
        let featured = (0..b.questions.len())
            .filter(|&i| b.questions[i].priority == 1)
            .take(12)
            .map(|i| self.question_link(i, None))
            .collect();
        Job {
            path: paths::HOME.into(),
            template: "index.html",
            title: b.config.title.clone(),
            view: page_context(&HomeView {
                principles,
                pages: b
                    .pages
                    .iter()
                    .map(|p| PageCard {
                        title: p.title.clone(),
                        url: paths::page(&p.id),
                        summary: p.summary.clone(),
                    })
                    .collect(),
                featured,
                question_count: b.questions.len(),
                answer_count: b.answers.len(),
                tip_count: b.tips.len(),
            }),
            description: None,
        }
    }

    pub(super) fn principle(&self, i: usize) -> Job {
        let b = self.book;
        let p = &b.principles[i];
        let path = paths::principle(&p.id);
        let root = paths::root_of(&path);
        let r = &b.relations;
        let mut toc = vec![TocEntry {
            level: 2,
            id: "explanation".into(),
            text: "What it means".into(),
        }];
        toc.extend(top_level(&p.body.toc));
        let mut add = |cond: bool, id: &str, text: &str| {
            if cond {
                toc.push(TocEntry {
                    level: 2,
                    id: id.into(),
                    text: text.into(),
                });
            }
        };
        add(
            !p.signals.is_empty(),
            "signals",
            "What interviewers look for",
        );
        add(!p.pitfalls.is_empty(), "pitfalls", "Common pitfalls");
        add(true, "questions", "Questions");
        add(!r.principle_tips[i].is_empty(), "tips", "Tips");
        let stories: Vec<StoryLink> = r.primary_stories[i]
            .iter()
            .map(|&s| self.story_link(s, false))
            .chain(
                r.secondary_stories[i]
                    .iter()
                    .map(|&s| self.story_link(s, true)),
            )
            .collect();
        add(!stories.is_empty(), "stories", "Your stories");
        let view = PrincipleView {
            id: p.id.clone(),
            title: p.title.clone(),
            order: p.order,
            summary: p.summary.clone(),
            html: at_root(&p.body.html, &root),
            signals: p.signals.clone(),
            pitfalls: p.pitfalls.clone(),
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
                    framework: a.framework.name(),
                    framework_id: a.framework.id(),
                    persona: a.persona.clone(),
                    sections: a
                        .sections
                        .iter()
                        .map(|s| SectionView {
                            step: s.step,
                            id: format!(
                                "{}-{}",
                                paths::answer_anchor(&a.id),
                                s.step.to_ascii_lowercase()
                            ),
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
                text: "How to approach it".into(),
            });
        }
        if !q.follow_ups.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "follow-ups".into(),
                text: "Follow-up questions".into(),
            });
        }
        if !answers.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "answers".into(),
                text: "Sample answers".into(),
            });
        }
        if !stories.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "stories".into(),
                text: "Your stories for it".into(),
            });
        }
        let view = QuestionView {
            id: q.id.clone(),
            text: q.text.clone(),
            principles: q
                .principles
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
                .collect(),
            stage: q.stage.map(|s| s.name()),
            role: q.role.clone(),
            html: at_root(&q.notes.html, &root),
            follow_ups: q.follow_ups.clone(),
            answers,
            stories,
            toc,
        };
        Job {
            path,
            template: "question.html",
            title: q.text.clone(),
            description: Some(format!("How to answer the interview question: {}", q.text)),
            view: page_context(&view),
        }
    }

    pub(super) fn questions_index(&self) -> Job {
        let b = self.book;
        let r = &b.relations;
        let groups = b
            .principles
            .iter()
            .enumerate()
            .map(|(i, p)| QuestionGroup {
                title: p.title.clone(),
                url: paths::principle(&p.id),
                anchor: p.id.clone(),
                questions: r.primary_questions[i]
                    .iter()
                    .chain(&r.secondary_questions[i])
                    .map(|&q| self.question_link(q, Some(i)))
                    .collect(),
            })
            .collect();
        Job {
            path: paths::QUESTIONS.into(),
            template: "questions.html",
            title: "Questions".into(),
            view: page_context(&QuestionsView {
                groups,
                total: b.questions.len(),
            }),
            description: None,
        }
    }

    pub(super) fn search(&self) -> Job {
        use crate::config::SearchKind;
        let b = self.book;
        let kinds = b
            .config
            .search
            .kinds
            .iter()
            .filter(|k| **k != SearchKind::Stories || !b.stories.is_empty())
            .map(|k| {
                let (id, title) = match k {
                    SearchKind::Questions => ("question", "Questions"),
                    SearchKind::Principles => ("principle", "Principles"),
                    SearchKind::Answers => ("answer", "Sample answers"),
                    SearchKind::Tips => ("tip", "Tips"),
                    SearchKind::Pages => ("page", "Guides"),
                    SearchKind::Stories => ("story", "Your stories"),
                };
                FilterOption {
                    id: id.into(),
                    title: title.into(),
                }
            })
            .collect();
        Job {
            path: paths::SEARCH.into(),
            template: "search.html",
            title: "Search".into(),
            view: page_context(&SearchView {
                principles: b
                    .principles
                    .iter()
                    .map(|p| FilterOption {
                        id: p.id.clone(),
                        title: p.title.clone(),
                    })
                    .collect(),
                kinds,
            }),
            description: None,
        }
    }

    pub(super) fn tips(&self) -> Job {
        let b = self.book;
        let r = &b.relations;
        let root = "";
        let general: Vec<TipView> = r
            .general_tips
            .iter()
            .map(|&t| self.tip_view(&b.tips[t], root))
            .collect();
        // A tip stands once on this page, under its first principle, so its anchor is unique.
        let groups: Vec<TipGroup> = b
            .principles
            .iter()
            .enumerate()
            .map(|(i, p)| TipGroup {
                title: p.title.clone(),
                url: paths::principle(&p.id),
                anchor: p.id.clone(),
                tips: r.principle_tips[i]
                    .iter()
                    .filter(|&&t| b.tips[t].principles.first() == Some(&i))
                    .map(|&t| self.tip_view(&b.tips[t], root))
                    .collect(),
            })
            .filter(|g| !g.tips.is_empty())
            .collect();
        let mut toc = Vec::new();
        if !general.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "general".into(),
                text: "General advice".into(),
            });
        }
        toc.extend(groups.iter().map(|g| TocEntry {
            level: 2,
            id: g.anchor.clone(),
            text: g.title.clone(),
        }));
        Job {
            path: paths::TIPS.into(),
            template: "tips.html",
            title: "Tips".into(),
            view: page_context(&TipsView {
                general,
                groups,
                toc,
            }),
            description: None,
        }
    }
}
