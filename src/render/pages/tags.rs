//! The pages of tags: one per tag listing its questions and stories, and the overview.

use super::super::views::*;
use super::super::{page_context, Job};
use super::Pages;
use crate::content::markdown::TocEntry;
use crate::model::paths;

impl Pages<'_> {
    /// Links to the tags at `tags` (indices into the handbook's tags).
    pub(super) fn tag_links(&self, tags: &[usize]) -> Vec<TagLink> {
        tags.iter()
            .map(|&t| {
                let tag = &self.book.tags[t];
                TagLink {
                    name: tag.name.clone(),
                    slug: tag.slug.clone(),
                    url: paths::tag(&tag.slug),
                }
            })
            .collect()
    }

    pub(in crate::render) fn tag(&self, i: usize) -> Job {
        let b = self.book;
        let tag = &b.tags[i];
        let r = &b.relations;
        let questions: Vec<QuestionLink> = r.tag_questions[i]
            .iter()
            .map(|&q| self.question_link(q, None))
            .collect();
        let stories: Vec<StoryLink> = r.tag_stories[i]
            .iter()
            .map(|&s| self.story_link(s, false))
            .collect();
        let mut toc = Vec::new();
        if !questions.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "questions".into(),
                text: self.s("nav_questions"),
            });
        }
        if !stories.is_empty() {
            toc.push(TocEntry {
                level: 2,
                id: "stories".into(),
                text: self.s("nav_stories"),
            });
        }
        Job {
            path: paths::tag(&tag.slug),
            template: "tag.html",
            title: tag.name.clone(),
            view: page_context(&TagView {
                name: tag.name.clone(),
                slug: tag.slug.clone(),
                questions,
                stories,
                toc,
            }),
            description: None,
        }
    }

    pub(in crate::render) fn tags(&self) -> Job {
        let b = self.book;
        let r = &b.relations;
        let tags = b
            .tags
            .iter()
            .enumerate()
            .map(|(i, t)| TagCard {
                name: t.name.clone(),
                slug: t.slug.clone(),
                url: paths::tag(&t.slug),
                questions: r.tag_questions[i].len(),
                stories: r.tag_stories[i].len(),
            })
            .collect();
        Job {
            path: paths::TAGS.into(),
            template: "tags.html",
            title: self.s("nav_tags"),
            view: page_context(&TagsView { tags }),
            description: None,
        }
    }
}
