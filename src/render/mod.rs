//! Rendering the handbook into memory: one [`OutputFile`] per page and asset, no I/O.

pub mod theme;
pub mod views;

use std::path::PathBuf;

use rayon::prelude::*;
use tera::Context;

use crate::content::markdown::{at_root, TocEntry};
use crate::diagnostic::Diagnostic;
use crate::model::{paths, Handbook, Question, Tip};
use theme::{error_chain, StaticSource, Theme};
use views::*;

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Owned(Vec<u8>),
    Embedded(&'static [u8]),
    /// A file copied from disk when the output is written.
    Copy(PathBuf),
}

/// One file of the built handbook, before anything is written.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn is_page(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// A page to render: its path, template and view.
struct Job {
    path: String,
    template: &'static str,
    title: String,
    /// The page's own variables (`page`), serialized once.
    view: Context,
    /// A one-line description for search engines and link previews.
    description: Option<String>,
}

/// Renders every page of `book` with `theme`.
pub fn render(book: &Handbook, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut base = Context::new();
    base.insert("book", &book_view(&book.config));
    base.insert(
        "nav",
        &NavView {
            principles: book
                .principles
                .iter()
                .map(|p| Link {
                    title: p.title.clone(),
                    url: paths::principle(&p.id),
                })
                .collect(),
            pages: book
                .pages
                .iter()
                .map(|p| Link {
                    title: p.title.clone(),
                    url: paths::page(&p.id),
                })
                .collect(),
        },
    );
    base.insert("generator", concat!("prepbook ", env!("CARGO_PKG_VERSION")));
    base.insert("search", &book.config.search.enabled);
    base.insert("print", &book.config.print.enabled);
    base.insert("practice", &book.config.practice.enable);
    base.insert("has_stories", &!book.stories.is_empty());
    base.insert("site_url", &book.config.site_url);
    base.insert("offline", &book.config.offline);

    let pages = Pages { book };
    // Small pages first, then every question page, each built and rendered in parallel.
    let mut jobs: Vec<Job> = vec![
        pages.home(),
        pages.questions_index(),
        pages.tips(),
        Job {
            path: paths::NOT_FOUND.into(),
            template: "404.html",
            title: "Page not found".into(),
            view: Context::new(),
            description: None,
        },
    ];
    if book.config.search.enabled {
        jobs.push(pages.search());
    }
    jobs.push(pages.stories());
    jobs.push(pages.coverage());
    jobs.extend((0..book.stories.len()).map(|i| pages.story(i)));
    if book.config.practice.enable {
        jobs.push(pages.practice());
    }
    jobs.extend((0..book.principles.len()).map(|i| pages.principle(i)));
    jobs.extend(book.pages.iter().map(|p| {
        let path = paths::page(&p.id);
        let root = paths::root_of(&path);
        Job {
            title: p.title.clone(),
            template: "page.html",
            view: page_context(&PageView {
                id: p.id.clone(),
                title: p.title.clone(),
                summary: p.summary.clone(),
                html: at_root(&p.body.html, &root),
                toc: top_level(&p.body.toc),
            }),
            path,
            description: p.summary.clone(),
        }
    }));

    let render_job = |job: Job| -> Result<OutputFile, Diagnostic> {
        let mut ctx = base.clone();
        ctx.extend(job.view);
        ctx.insert("root", &paths::root_of(&job.path));
        ctx.insert("path", &job.path);
        ctx.insert("page_title", &job.title);
        let description = job
            .description
            .as_deref()
            .unwrap_or(&book.config.description);
        ctx.insert("page_description", description);
        match theme.tera.render(job.template, &ctx) {
            Ok(html) => {
                let html = tidy(&html);
                Ok(OutputFile {
                    path: job.path,
                    contents: Contents::Owned(html.into_bytes()),
                })
            }
            Err(e) => Err(Diagnostic::error(format!(
                "cannot render `{}` with template `{}`: {}",
                job.path,
                job.template,
                error_chain(&e)
            ))
            .with_help("fix the template; a theme's templates receive the variables documented in the README")),
        }
    };

    let mut results: Vec<Result<OutputFile, Diagnostic>> =
        jobs.into_par_iter().map(render_job).collect();
    results.par_extend(
        (0..book.questions.len())
            .into_par_iter()
            .map(|i| render_job(pages.question(i))),
    );

    let mut files = Vec::with_capacity(results.len() + theme.statics.len() + book.assets.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => {
                // The same template fault repeats on every page that uses it: report it once.
                let key = d.message.split(": ").skip(1).collect::<Vec<_>>().join(": ");
                if !problems.iter().any(|p| p.message.ends_with(&key)) {
                    problems.push(d);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (path, src) in &theme.statics {
        files.push(OutputFile {
            path: format!("{}/{path}", paths::ASSETS_DIR),
            contents: match src {
                StaticSource::Embedded(b) => Contents::Embedded(b),
                StaticSource::File(p) => Contents::Copy(p.clone()),
            },
        });
    }
    for a in &book.assets {
        files.push(OutputFile {
            path: a.path.clone(),
            contents: Contents::Copy(a.source.clone()),
        });
    }
    Ok(files)
}

/// Drops the indentation and blank lines that templates leave, except inside `<pre>` and
/// `<textarea>`, whose white space is content. Saves about a tenth of every page.
pub fn tidy(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut verbatim = false;
    for line in html.lines() {
        if verbatim {
            out.push_str(line);
            out.push('\n');
        } else {
            let trimmed = line.trim_start();
            if !trimmed.is_empty() {
                out.push_str(trimmed);
                out.push('\n');
            }
        }
        // A line may open and close a block; what counts is where it leaves us.
        for (i, _) in line.match_indices('<') {
            let rest = &line[i..];
            if rest.starts_with("<pre") || rest.starts_with("<textarea") {
                verbatim = true;
            } else if rest.starts_with("</pre>") || rest.starts_with("</textarea>") {
                verbatim = false;
            }
        }
    }
    out.shrink_to_fit();
    out
}

/// `text` with a capital first letter and a full stop, as a sentence on a page.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// The handbook's settings as templates see them (`book`).
pub fn book_view(config: &crate::config::Config) -> BookView {
    BookView {
        title: config.title.clone(),
        description: config.description.clone(),
        authors: config.authors.clone(),
        language: config.language.clone(),
    }
}

/// A context holding `view` as the template variable `page`.
fn page_context<T: serde::Serialize>(v: &T) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page", v);
    ctx
}

/// The entries of a table of contents worth listing at the top of a page.
fn top_level(toc: &[TocEntry]) -> Vec<TocEntry> {
    toc.iter().filter(|t| t.level <= 2).cloned().collect()
}

/// Builds the view of each page from the model.
struct Pages<'a> {
    book: &'a Handbook,
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

    fn story(&self, si: usize) -> Job {
        let b = self.book;
        let s = &b.stories[si];
        let path = paths::story(&s.id);
        let root = paths::root_of(&path);
        // Declared questions first, then the others that test its primary principle.
        const SHOWN: usize = 20;
        let mut qs: Vec<usize> = s.questions.clone();
        if let Some(&p) = s.principles.first() {
            for &q in &b.relations.primary_questions[p] {
                if !qs.contains(&q) {
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

    fn stories(&self) -> Job {
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

    fn coverage(&self) -> Job {
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

    fn practice(&self) -> Job {
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

    fn home(&self) -> Job {
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

    fn principle(&self, i: usize) -> Job {
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

    fn question(&self, i: usize) -> Job {
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

    fn questions_index(&self) -> Job {
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

    fn search(&self) -> Job {
        use crate::config::SearchKind;
        let b = self.book;
        let kinds = b
            .config
            .search
            .kinds
            .iter()
            .map(|k| {
                let (id, title) = match k {
                    SearchKind::Questions => ("question", "Questions"),
                    SearchKind::Principles => ("principle", "Principles"),
                    SearchKind::Answers => ("answer", "Sample answers"),
                    SearchKind::Tips => ("tip", "Tips"),
                    SearchKind::Pages => ("page", "Guides"),
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

    fn tips(&self) -> Job {
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

#[cfg(test)]
mod tidy_tests {
    use super::tidy;

    #[test]
    fn indentation_goes_but_preformatted_text_stays() {
        let html =
            "<div>\n\n    <p>a</p>\n  <pre><code>x\n    indented\n\n</code></pre>\n    <p>b</p>\n";
        assert_eq!(
            tidy(html),
            "<div>\n<p>a</p>\n<pre><code>x\n    indented\n\n</code></pre>\n<p>b</p>\n"
        );
    }
}
