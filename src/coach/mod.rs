//! The answer coach: checks run on every sample answer and story, reported as warnings
//! (never errors) with file and line, and shown on the pages. Each rule is a pure function
//! of the framework sections and the `[coach]` settings.

mod memo;
pub use memo::Memo;

use rayon::prelude::*;

use crate::config::CoachConfig;
pub use crate::config::Rule;
use crate::diagnostic::Diagnostic;
pub use crate::model::Note;
use crate::model::{AnswerSection, Framework, Handbook};

/// A section's text, lowercased once, with curly apostrophes made straight.
struct Text {
    lower: String,
}

impl Text {
    fn new(text: &str) -> Text {
        Text {
            lower: text.to_lowercase().replace('\u{2019}', "'"),
        }
    }

    /// The words, apostrophes kept inside them; no allocation.
    fn words(&self) -> impl Iterator<Item = &str> {
        self.lower
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .map(|w| w.trim_matches('\''))
            .filter(|w| !w.is_empty())
    }
}

/// True when `text` holds a figure: a digit, or a number written out.
fn has_figure(text: &Text) -> bool {
    const NUMBER_WORDS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "half",
        "double", "doubled", "tripled", "percent",
    ];
    text.lower.chars().any(|c| c.is_ascii_digit())
        || text.words().any(|w| NUMBER_WORDS.contains(&w))
}

/// Phrases that talk about what one would do rather than what one did.
/// ("I'd" alone is left out: it is as often "I had" as "I would".)
const HYPOTHETICAL: &[&[&str]] = &[
    &["i", "would"],
    &["i'd", "probably"],
    &["i'd", "try"],
    &["i'd", "start"],
    &["i'd", "make"],
    &["i'd", "ask"],
    &["i", "might"],
    &["i", "usually"],
    &["i", "typically"],
    &["i", "tend", "to"],
];

fn find_hypothetical(text: &Text) -> Option<String> {
    let words: Vec<&str> = text.words().collect();
    HYPOTHETICAL
        .iter()
        .find(|p| words.windows(p.len()).any(|w| w == **p))
        .map(|p| p.join(" "))
}

/// Runs every enabled rule on the sections of one answer or story.
pub fn review(
    framework: &Framework,
    sections: &[AnswerSection],
    config: &CoachConfig,
) -> Vec<Note> {
    let on = |r: Rule| config.enable && !config.disable.iter().any(|d| d == r.id());
    let mut notes = Vec::new();
    if !config.enable {
        return notes;
    }
    let first_line = sections.first().map_or(1, |s| s.line);
    let texts: Vec<Text> = sections.iter().map(|s| Text::new(&s.plain)).collect();
    let counts: Vec<usize> = texts.iter().map(|t| t.words().count()).collect();
    let index = |step: &str| sections.iter().position(|s| s.step == step);

    if on(Rule::EmptySection) {
        for (s, &n) in sections.iter().zip(&counts) {
            if n < config.min_section_words {
                notes.push(Note {
                    rule: Rule::EmptySection.id(),
                    line: s.line,
                    message: format!("the {} section is nearly empty ({n} words)", s.step),
                    help: format!(
                        "say what happened in this step in a sentence or two (at least {} words)",
                        config.min_section_words
                    ),
                });
            }
        }
    }
    if on(Rule::NoFigure) {
        if let Some(i) = framework.result_step().and_then(index) {
            let s = &sections[i];
            if !has_figure(&texts[i]) {
                notes.push(Note {
                    rule: Rule::NoFigure.id(),
                    line: s.line,
                    message: format!("the {} section has no figure", s.step),
                    help: "give the outcome a number: a percentage, an amount of money, time saved, people reached".into(),
                });
            }
        }
    }
    let total: usize = counts.iter().sum();
    if on(Rule::WeOverI) {
        let count = |set: &[&str]| {
            texts
                .iter()
                .flat_map(Text::words)
                .filter(|w| set.contains(w))
                .count()
        };
        let i = count(&["i", "i'm", "i've", "i'd", "i'll", "me", "my"]);
        let we = count(&["we", "we're", "we've", "we'd", "we'll", "us", "our"]);
        if we > i {
            notes.push(Note {
                rule: Rule::WeOverI.id(),
                line: first_line,
                message: format!("\"we\" words ({we}) outnumber \"I\" words ({i})"),
                help: "tell what you did yourself: \"I\" for your own actions, \"we\" only for the team's".into(),
            });
        }
    }
    if on(Rule::Hypothetical) {
        // A step that looks back (the declared reflection step, or any step after the
        // result, such as STARR's Reflection or SPSIL's Lessons) is where "I would do it
        // differently" belongs; only the story up to its outcome must be real.
        let reflection = framework.reflection_step();
        let story_end = framework
            .result_step()
            .and_then(index)
            .map_or(sections.len(), |i| i + 1);
        for (s, t) in sections.iter().zip(&texts).take(story_end) {
            if Some(s.step.as_str()) == reflection {
                continue;
            }
            if let Some(p) = find_hypothetical(t) {
                notes.push(Note {
                    rule: Rule::Hypothetical.id(),
                    line: s.line,
                    message: format!("the {} section says \"{p}\", which sounds hypothetical", s.step),
                    help: "tell what you actually did, in the past tense; \"tell me about a time\" asks for a real example".into(),
                });
                break;
            }
        }
    }
    if on(Rule::SpeakingTime) && total > 0 {
        let minutes = total as f64 / config.words_per_minute;
        if minutes < config.min_minutes || minutes > config.max_minutes {
            let (what, help) = if minutes < config.min_minutes {
                (
                    "short",
                    "add the context, the obstacle and the result an interviewer needs",
                )
            } else {
                (
                    "long",
                    "cut the setup to a few sentences and keep the detail for follow-up questions",
                )
            };
            notes.push(Note {
                rule: Rule::SpeakingTime.id(),
                line: first_line,
                message: format!(
                    "about {minutes:.1} minutes to tell ({} words at {} a minute), too {what} for {:.0} to {:.0} minutes",
                    total,
                    config.words_per_minute,
                    config.min_minutes,
                    config.max_minutes
                ),
                help: help.into(),
            });
        }
    }
    if on(Rule::ShortObstacle) {
        if let Some((obstacle, action)) = framework.obstacle_steps() {
            if let (Some(oi), Some(ai)) = (index(obstacle), index(action)) {
                let o = &sections[oi];
                let (ow, aw) = (counts[oi], counts[ai]);
                if aw > 0 && (ow as f64) < config.obstacle_ratio * aw as f64 {
                    notes.push(Note {
                        rule: Rule::ShortObstacle.id(),
                        line: o.line,
                        message: format!("the {obstacle} section ({ow} words) is much shorter than the {action} section ({aw} words)"),
                        help: "say what made this hard: the constraint, the risk or the resistance; it is what makes the action impressive".into(),
                    });
                }
            }
        }
    }
    notes
}

/// Reviews every sample answer and story of `book`, stores the notes in it, and returns them
/// as warnings with file and line.
pub fn apply(book: &mut Handbook) -> Vec<Diagnostic> {
    apply_with(book, None)
}

/// [`apply`], taking the notes of unchanged answers and stories from `memo` and leaving this
/// run's notes in it.
pub fn apply_with(book: &mut Handbook, memo: Option<&mut Memo>) -> Vec<Diagnostic> {
    let config = book.config.coach.clone();
    let mut warnings = Vec::new();
    let mut to_warnings = |file: &str, what: &str, notes: &[Note]| {
        for n in notes {
            warnings.push(
                Diagnostic::warning(format!("{what}: {} [{}]", n.message, n.rule))
                    .in_file(file.to_string())
                    .at_line(n.line, 1)
                    .with_help(n.help.clone()),
            );
        }
    };
    let (answers, stories) = match memo.as_deref() {
        Some(m) => (Some(&m.answers), Some(&m.stories)),
        None => (None, None),
    };
    book.answer_notes = book
        .answers
        .par_iter()
        .map(|a| {
            answers
                .and_then(|m| m.get(a))
                .unwrap_or_else(|| review(&a.framework, &a.sections, &config))
        })
        .collect();
    for (a, notes) in book.answers.iter().zip(&book.answer_notes) {
        to_warnings(&a.source.file, "sample answer", notes);
    }
    book.story_notes = book
        .stories
        .par_iter()
        .map(|s| {
            stories
                .and_then(|m| m.get(s))
                .unwrap_or_else(|| review(&s.framework, &s.sections, &config))
        })
        .collect();
    for (s, notes) in book.stories.iter().zip(&book.story_notes) {
        to_warnings(&s.source.file, "story", notes);
    }
    if let Some(m) = memo {
        m.answers.keep(&book.answers, &book.answer_notes);
        m.stories.keep(&book.stories, &book.story_notes);
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(step: &str, text: &str) -> AnswerSection {
        AnswerSection {
            step: step.into(),
            html: String::new(),
            plain: text.into(),
            line: 10,
        }
    }

    fn fw(id: &str) -> std::sync::Arc<Framework> {
        crate::model::Frameworks::default().get(id).unwrap().clone()
    }

    fn filler(n: usize) -> String {
        vec!["I checked the numbers"; n.div_ceil(4)].join(" ")
    }

    fn star(result: &str) -> Vec<AnswerSection> {
        vec![
            sec("Situation", &filler(40)),
            sec("Task", &filler(40)),
            sec("Action", &filler(80)),
            sec("Result", result),
        ]
    }

    fn rules(notes: &[Note]) -> Vec<&'static str> {
        notes.iter().map(|n| n.rule).collect()
    }

    const GOOD_RESULT: &str = "Tickets fell by 30% within two months and I kept the team on it.";

    #[test]
    fn a_good_answer_has_no_notes() {
        assert_eq!(
            review(&fw("star"), &star(GOOD_RESULT), &CoachConfig::default()),
            vec![]
        );
    }

    #[test]
    fn nearly_empty_section() {
        let mut s = star(GOOD_RESULT);
        s[0].plain = filler(60);
        s[1].plain = "Fix it.".into();
        let n = review(&fw("star"), &s, &CoachConfig::default());
        assert_eq!(rules(&n), ["empty-section"]);
        assert_eq!(n[0].message, "the Task section is nearly empty (2 words)");
    }

    #[test]
    fn result_without_a_figure() {
        let n = review(
            &fw("star"),
            &star("The customer was much happier afterwards, and so was I."),
            &CoachConfig::default(),
        );
        assert_eq!(rules(&n), ["no-figure"]);
        // Numbers written out count.
        let n = review(
            &fw("star"),
            &star("Complaints fell by half within a quarter, which I tracked."),
            &CoachConfig::default(),
        );
        assert!(n.is_empty(), "{n:?}");
    }

    #[test]
    fn we_more_than_i() {
        let mut s = star(GOOD_RESULT);
        s[2].plain = format!("{} {}", filler(20), "we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we we");
        let n = review(&fw("star"), &s, &CoachConfig::default());
        assert_eq!(rules(&n), ["we-over-i"]);
    }

    #[test]
    fn hypothetical_wording() {
        let mut s = star(GOOD_RESULT);
        s[2].plain = format!(
            "{} If this happened, I would call the customer first.",
            filler(80)
        );
        let n = review(&fw("star"), &s, &CoachConfig::default());
        assert_eq!(rules(&n), ["hypothetical"]);
        assert!(n[0].message.contains("\"i would\""));
        s[2].plain = format!("{} I\u{2019}d probably escalate.", filler(80));
        assert_eq!(
            rules(&review(&fw("star"), &s, &CoachConfig::default())),
            ["hypothetical"]
        );
    }

    #[test]
    fn a_step_that_looks_back_may_say_what_one_would_do() {
        let lessons = "Next time I would agree on the figures with finance before we start.";
        let spsil = |solution: &str, lessons: &str| {
            vec![
                sec("Situation", &filler(40)),
                sec("Problem", &filler(40)),
                sec("Solution", solution),
                sec("Impact", GOOD_RESULT),
                sec("Lessons", lessons),
            ]
        };
        let c = CoachConfig::default();
        let n = review(&fw("spsil"), &spsil(&filler(60), lessons), &c);
        assert!(n.is_empty(), "{n:?}");
        // Elsewhere in the same answer the rule still holds.
        let hedged = format!("{} I would call the customer first.", filler(60));
        let n = review(&fw("spsil"), &spsil(&hedged, lessons), &c);
        assert_eq!(rules(&n), ["hypothetical"]);
        assert!(
            n[0].message.starts_with("the Solution section"),
            "{}",
            n[0].message
        );

        // A declared framework names its own step with `reflection`; without it, the rule
        // reads every step.
        let declare = |role: &str| {
            let text = format!(
                "[book]\ntitle = \"T\"\n[frameworks.starr]\nsteps = [\"Situation\", \"Task\", \"Action\", \"Result\", \"Reflection\"]\n{role}"
            );
            let config = crate::config::Config::parse(&text, "book.toml").unwrap();
            config.frameworks.get("starr").unwrap().clone()
        };
        let mut starr = star(GOOD_RESULT);
        starr.push(sec("Reflection", lessons));
        let n = review(&declare("reflection = \"Reflection\"\n"), &starr, &c);
        assert!(n.is_empty(), "{n:?}");
        let n = review(&declare(""), &starr, &c);
        assert_eq!(rules(&n), ["hypothetical"]);
    }

    #[test]
    fn what_one_would_do_next_time_after_the_result_is_not_hypothetical() {
        let mut s = vec![
            sec("Situation", &filler(40)),
            sec("Problem", &filler(40)),
            sec("Solution", &filler(80)),
            sec("Impact", GOOD_RESULT),
            sec(
                "Lessons",
                "Next time I would bring the payment team in two weeks earlier.",
            ),
        ];
        assert_eq!(review(&fw("spsil"), &s, &CoachConfig::default()), vec![]);
        s[2].plain = format!("{} I would call the customer first.", filler(80));
        assert_eq!(
            rules(&review(&fw("spsil"), &s, &CoachConfig::default())),
            ["hypothetical"]
        );
    }

    #[test]
    fn speaking_time_out_of_range() {
        let short = vec![
            sec("Situation", &filler(10)),
            sec("Task", &filler(10)),
            sec("Action", &filler(20)),
            sec("Result", GOOD_RESULT),
        ];
        let n = review(&fw("star"), &short, &CoachConfig::default());
        assert_eq!(rules(&n), ["speaking-time"]);
        assert!(n[0].message.contains("too short"), "{}", n[0].message);
        let long = star(&format!("{} {GOOD_RESULT}", filler(400)));
        let n = review(&fw("star"), &long, &CoachConfig::default());
        assert_eq!(rules(&n), ["speaking-time"]);
        assert!(n[0].message.contains("too long"));
    }

    #[test]
    fn obstacle_much_shorter_than_action() {
        let soar = vec![
            sec("Situation", &filler(40)),
            sec("Obstacle", "The vendor said no to my request for a refund."),
            sec("Action", &filler(160)),
            sec("Result", GOOD_RESULT),
        ];
        let n = review(&fw("soar"), &soar, &CoachConfig::default());
        assert_eq!(rules(&n), ["short-obstacle"]);
        assert!(
            n[0].message.starts_with(
                "the Obstacle section (10 words) is much shorter than the Action section"
            ),
            "{}",
            n[0].message
        );
    }

    #[test]
    fn rules_can_be_disabled_and_tuned() {
        let s = star("The customer was much happier afterwards, and so was I.");
        let config = CoachConfig {
            disable: vec!["no-figure".into()],
            ..CoachConfig::default()
        };
        assert!(review(&fw("star"), &s, &config).is_empty());
        let config = CoachConfig {
            max_minutes: 0.5,
            ..CoachConfig::default()
        };
        assert!(rules(&review(&fw("star"), &star(GOOD_RESULT), &config)).contains(&"speaking-time"));
        let off = CoachConfig {
            enable: false,
            ..CoachConfig::default()
        };
        assert!(review(&fw("star"), &star("no figure here at all, I think."), &off).is_empty());
    }

    #[test]
    fn declared_roles_are_read() {
        let c = crate::config::Config::parse(
            "[book]\ntitle = \"T\"\n[frameworks.carl]\nsteps = [\"Context\", \"Action\", \"Outcome\", \"Learning\"]\nresult = \"Outcome\"\nobstacle = \"Context\"\n",
            "book.toml",
        )
        .unwrap();
        let carl = c.frameworks.get("carl").unwrap();
        let s = vec![
            sec("Context", "The vendor said no to my request for a refund."),
            sec("Action", &filler(160)),
            sec(
                "Outcome",
                "The customer was much happier afterwards, and so was I.",
            ),
            sec("Learning", &filler(40)),
        ];
        let n = review(carl, &s, &CoachConfig::default());
        assert_eq!(rules(&n), ["no-figure", "short-obstacle"]);
        assert_eq!(n[0].message, "the Outcome section has no figure");
        assert!(
            n[1].message.starts_with("the Context section (10 words)"),
            "{}",
            n[1].message
        );
    }
}
