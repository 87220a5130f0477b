//! The pages that list the handbook: home, question index, tips, stories, coverage, search
//! and practice.

use super::super::views::*;
use super::super::{page_context, Job};
use super::Pages;
use crate::content::markdown::TocEntry;
use crate::model::paths;

impl Pages<'_> {
    pub(in crate::render) fn stories(&self) -> Job {
        let b = self.book;
        let stories = b
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| StoryCard {
                title: s.title.clone(),
                title_html: s.title_html.clone(),
                url: paths::story(&s.id),
                framework: s.framework.name().into(),
                figures: s.figures.clone(),
                principles: self.principle_refs(&s.principles),
                notes: self.notes(&b.story_notes, i).len(),
            })
            .collect();
        Job {
            path: paths::STORIES.into(),
            template: "stories.html",
            title: self.s("nav_stories"),
            view: page_context(&StoriesView {
                stories,
                frameworks: frameworks(b),
            }),
            description: None,
        }
    }

    pub(in crate::render) fn coverage(&self) -> Job {
        let b = self.book;
        let c = crate::coverage::compute(b);
        let view = CoverageView {
            target: c.target,
            stories: Link::all(&b.stories, |s| {
                (&s.title, Some(&s.title_html), paths::story(&s.id))
            }),
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
                .map(|&s| {
                    let s = &b.stories[s];
                    Link {
                        title: s.title.clone(),
                        title_html: s.title_html.clone(),
                        url: paths::story(&s.id),
                    }
                })
                .collect(),
            under_target: c.under_target,
        };
        Job {
            path: paths::COVERAGE.into(),
            template: "coverage.html",
            title: self.s("nav_coverage"),
            view: page_context(&view),
            description: None,
        }
    }

    pub(in crate::render) fn practice(&self) -> Job {
        Job {
            path: paths::PRACTICE.into(),
            template: "practice.html",
            title: self.s("nav_practice"),
            view: page_context(&PracticeView {
                seconds: self.book.config.practice.seconds,
                store_key: crate::practice::storage_key(self.book),
            }),
            description: None,
        }
    }

    pub(in crate::render) fn home(&self) -> Job {
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
                summary_html: p.summary_html.clone(),
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
                        title_html: p.title_html.clone(),
                        url: paths::page(&p.id),
                        summary: p.summary.clone(),
                        summary_html: p.summary_html.clone(),
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

    pub(in crate::render) fn questions_index(&self) -> Job {
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
            title: self.s("nav_questions"),
            view: page_context(&QuestionsView {
                groups,
                total: b.questions.len(),
                // Only tags some question carries: the filter never empties the page.
                tags: b
                    .tags
                    .iter()
                    .zip(&r.tag_questions)
                    .filter(|(_, qs)| !qs.is_empty())
                    .map(|(t, _)| FilterOption {
                        id: t.slug.clone(),
                        title: t.name.clone(),
                    })
                    .collect(),
            }),
            description: None,
        }
    }

    pub(in crate::render) fn search(&self) -> Job {
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
                    SearchKind::Questions => ("question", "nav_questions"),
                    SearchKind::Principles => ("principle", "nav_principles"),
                    SearchKind::Answers => ("answer", "sample_answers"),
                    SearchKind::Tips => ("tip", "nav_tips"),
                    SearchKind::Pages => ("page", "nav_guides"),
                    SearchKind::Stories => ("story", "nav_stories"),
                };
                FilterOption {
                    id: id.into(),
                    title: self.s(title),
                }
            })
            .collect();
        Job {
            path: paths::SEARCH.into(),
            template: "search.html",
            title: self.s("search_title"),
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
                tags: b
                    .tags
                    .iter()
                    .map(|t| FilterOption {
                        id: t.slug.clone(),
                        title: t.name.clone(),
                    })
                    .collect(),
            }),
            description: None,
        }
    }

    pub(in crate::render) fn tips(&self) -> Job {
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
                text: self.s("tips_general"),
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
            title: self.s("nav_tips"),
            view: page_context(&TipsView {
                general,
                groups,
                toc,
            }),
            description: None,
        }
    }
}

/// The frameworks the stories page lists: all of them once book.toml declares any.
fn frameworks(b: &crate::model::Handbook) -> Vec<FrameworkView> {
    let all = &b.config.frameworks;
    if !all.any_declared() {
        return Vec::new();
    }
    all.iter()
        .map(|f| FrameworkView {
            id: f.id().into(),
            name: f.name().into(),
            steps: f
                .steps()
                .iter()
                .map(|s| StepView {
                    name: s.name.clone(),
                    optional: s.optional,
                })
                .collect(),
            description: f.description().map(String::from),
        })
        .collect()
}
