//! The bundled Amazon handbook: complete, well-formed and original.

use std::collections::HashSet;
use std::sync::OnceLock;

use prepbook::model::Handbook;

use crate::harness::*;

/// Amazon's published order.
const PRINCIPLES: [&str; 16] = [
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
];

const PAGES: [&str; 7] = [
    "interview-process",
    "bar-raiser",
    "answer-frameworks",
    "pm-vs-pmt",
    "writing-assessment",
    "preparation-plan",
    "strong-and-weak-answers",
];

fn handbook() -> &'static Handbook {
    static H: OnceLock<Handbook> = OnceLock::new();
    H.get_or_init(|| match prepbook::load(&repo()) {
        Ok(l) => l.handbook,
        Err(e) => panic!("the bundled handbook does not load:\n{e}"),
    })
}

/// Lowercase words, apostrophes kept inside words; curly apostrophes folded.
fn words(text: &str) -> Vec<String> {
    let text = text.replace(['\u{2019}', '\u{2018}'], "'").to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inner_apostrophe = c == '\''
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric());
        if c.is_ascii_alphanumeric() || inner_apostrophe {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn all_sixteen_principles_in_order() {
    let h = handbook();
    let titles: Vec<&str> = h.principles.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, PRINCIPLES);
    for p in &h.principles {
        assert!(
            !p.summary.is_empty() && p.summary.len() <= 200,
            "{}: summary",
            p.id
        );
        assert!(p.signals.len() >= 3, "{}: fewer than 3 signals", p.id);
        assert!(p.pitfalls.len() >= 3, "{}: fewer than 3 pitfalls", p.id);
        assert!(
            words(&p.body.plain).len() >= 150,
            "{}: explanation too short",
            p.id
        );
        assert!(
            p.body
                .toc
                .iter()
                .any(|t| t.text.to_lowercase().contains("prepar")),
            "{}: no section on preparing stories",
            p.id
        );
    }
}

#[test]
fn every_principle_has_questions_answers_and_tips() {
    let h = handbook();
    let r = &h.relations;
    for (i, p) in h.principles.iter().enumerate() {
        let q = r.primary_questions[i].len();
        assert!(
            q >= 6,
            "{}: {q} questions with it as primary principle",
            p.id
        );
        let answers = h
            .answers
            .iter()
            .filter(|a| h.questions[a.question].principles.first() == Some(&i))
            .count();
        assert!(
            answers >= 2,
            "{}: {answers} sample answers to questions with it as primary principle",
            p.id
        );
        assert!(!r.principle_tips[i].is_empty(), "{}: no tip", p.id);
    }
    assert!(r.general_tips.len() >= 10, "too few general tips");
}

#[test]
fn every_reported_question_is_in_the_handbook() {
    let h = handbook();
    let texts: HashSet<&str> = h.questions.iter().map(|q| q.text.as_str()).collect();
    let list = std::fs::read_to_string(repo().join("tests/data/reported-questions.txt")).unwrap();
    let reported: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(
        reported.len() >= 70,
        "only {} reported questions listed",
        reported.len()
    );
    let missing: Vec<&&str> = reported.iter().filter(|q| !texts.contains(*q)).collect();
    assert!(missing.is_empty(), "missing questions: {missing:#?}");
    let top = h.questions.iter().filter(|q| q.priority == 1).count();
    assert_eq!(top, 10, "the ten top questions carry priority 1");
}

#[test]
fn sample_answers_follow_the_rules() {
    let h = handbook();
    let mut per_framework = std::collections::HashMap::new();
    for a in &h.answers {
        *per_framework.entry(a.framework.id()).or_insert(0) += 1;
        let all: String = a
            .sections
            .iter()
            .map(|s| s.plain.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let w = words(&all);
        assert!(
            (200..=350).contains(&w.len()),
            "{}: {} words",
            a.id,
            w.len()
        );
        let i = w.iter().filter(|x| *x == "i").count();
        let we = w.iter().filter(|x| *x == "we").count();
        assert!(we <= i, "{}: 'we' {we} times, 'I' {i} times", a.id);
        let result = a
            .sections
            .iter()
            .find(|s| Some(s.step.as_str()) == a.framework.result_step())
            .unwrap_or_else(|| panic!("{}: no result section", a.id));
        assert!(
            result.plain.chars().any(|c| c.is_ascii_digit()),
            "{}: no figure in {}",
            a.id,
            result.step
        );
        assert!(a.persona.is_some(), "{}: no persona", a.id);
    }
    assert!(
        h.answers.len() >= 40,
        "only {} sample answers",
        h.answers.len()
    );
    for f in h.config.frameworks.iter() {
        assert!(
            per_framework.get(f.id()).copied().unwrap_or(0) >= 10,
            "fewer than 10 {} answers",
            f.name()
        );
    }
    // One answer for each of the ten top questions.
    for (qi, q) in h.questions.iter().enumerate() {
        if q.priority == 1 {
            assert!(
                !h.relations.question_answers[qi].is_empty(),
                "{}: top question without answer",
                q.id
            );
        }
    }
}

#[test]
fn the_guides_are_there() {
    let h = handbook();
    for id in PAGES {
        let page = h
            .pages
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("no page {id}"));
        assert!(words(&page.body.plain).len() >= 300, "{id} is too short");
    }
}

/// No run of 12 words of the handbook's prose (question texts aside) appears in a seed article.
#[test]
fn prose_is_original() {
    let seeds = repo().join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        println!(
            "skipped: no seed articles at {} to compare with",
            seeds.display()
        );
        return;
    };
    const N: usize = 12;
    let mut grams: HashSet<Vec<String>> = HashSet::new();
    for e in entries {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let w = words(&text);
        for win in w.windows(N) {
            grams.insert(win.to_vec());
        }
    }
    assert!(!grams.is_empty());
    let mut hits = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let prose: String = text
            .lines()
            .filter(|l| !l.starts_with("question:"))
            .collect::<Vec<_>>()
            .join("\n");
        let w = words(&prose);
        for win in w.windows(N) {
            if grams.contains(win) {
                hits.push(format!("{}: {}", entry.path().display(), win.join(" ")));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "prose copied from the seeds:\n{}",
        hits.join("\n")
    );
}

#[test]
fn word_splitting() {
    assert_eq!(
        words("I’d say: we're 9.5/10!"),
        ["i'd", "say", "we're", "9", "5", "10"]
    );
}

/// True when `needle` (a phrase, already lowercase) occurs as consecutive words of `hay`.
fn has_phrase(hay: &[String], needle: &str) -> bool {
    let n: Vec<&str> = needle.split(' ').collect();
    hay.windows(n.len())
        .any(|w| w.iter().zip(&n).all(|(a, b)| a == b))
}

/// Every content file: its path and its text, question lines (reported wording) left out.
fn content_prose() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let prose: String = text
            .lines()
            .filter(|l| !l.starts_with("question:"))
            .collect::<Vec<_>>()
            .join("\n");
        let rel = entry
            .path()
            .strip_prefix(repo())
            .unwrap()
            .display()
            .to_string();
        out.push((rel, prose));
    }
    assert!(out.len() > 100, "content not found");
    out
}

/// Phrases that say where a lesson is: every answer must close with one.
const LESSON_MARKERS: &[&str] = &[
    "learned",
    "lesson",
    "lessons",
    "taught me",
    "looking back",
    "next time",
    "should have",
    "since then",
    "i now",
    "differently",
];

fn ends_with_a_lesson(last_section: &str) -> bool {
    let w = words(last_section);
    let tail = &w[w.len().saturating_sub(60)..];
    LESSON_MARKERS.iter().any(|m| has_phrase(tail, m))
}

#[test]
fn every_answer_ends_with_a_lesson() {
    let h = handbook();
    let mut missing = Vec::new();
    for a in &h.answers {
        let last = a.sections.last().expect("an answer has sections");
        if !ends_with_a_lesson(&last.plain) {
            missing.push(format!("{} ({})", a.id, last.step));
        }
    }
    assert!(
        missing.is_empty(),
        "answers whose last section does not close with what the speaker learned or would do differently: {missing:#?}"
    );
}

#[test]
fn lesson_detection() {
    assert!(ends_with_a_lesson(
        "Sales rose 12%. What I learned is to test before committing."
    ));
    assert!(ends_with_a_lesson(
        "Looking back, I should have asked the vendor earlier."
    ));
    assert!(!ends_with_a_lesson(
        "Sales rose 12% and the customer renewed for three years."
    ));
}

#[test]
fn the_speakers_include_product_managers_and_pmts() {
    let h = handbook();
    let personas: Vec<String> = h
        .answers
        .iter()
        .filter_map(|a| a.persona.as_deref().map(str::to_lowercase))
        .collect();
    let pm = personas
        .iter()
        .filter(|p| p.contains("product manager"))
        .count();
    let pmt = personas
        .iter()
        .filter(|p| p.contains("product manager - technical"))
        .count();
    assert!(pm >= 10, "only {pm} product managers among the speakers");
    assert!(pmt >= 2, "only {pmt} PMTs among the speakers");
}

#[test]
fn every_question_has_follow_ups() {
    let h = handbook();
    for q in &h.questions {
        assert!(
            q.follow_ups.len() >= 2,
            "{}: {} follow-ups, at least 2 expected",
            q.id,
            q.follow_ups.len()
        );
        let distinct: HashSet<&str> = q.follow_ups.iter().map(String::as_str).collect();
        assert_eq!(
            distinct.len(),
            q.follow_ups.len(),
            "{}: repeated follow-up",
            q.id
        );
        for f in &q.follow_ups {
            assert!(
                f.ends_with('?') || f.ends_with('.'),
                "{}: follow-up {f:?} is not a sentence",
                q.id
            );
        }
    }
}

fn listed(file: &str) -> Vec<String> {
    std::fs::read_to_string(repo().join("tests/data").join(file))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// A common question says so in its notes; a reported one does not.
const COMMON_NOTE: &str = "general prompt";

#[test]
fn every_question_is_either_reported_or_common() {
    let h = handbook();
    let reported: HashSet<String> = listed("reported-questions.txt").into_iter().collect();
    let common_list = listed("common-questions.txt");
    let common: HashSet<String> = common_list.iter().cloned().collect();
    assert_eq!(
        common.len(),
        common_list.len(),
        "a common question is listed twice"
    );
    let both: Vec<&String> = reported.intersection(&common).collect();
    assert!(
        both.is_empty(),
        "listed as reported and as common: {both:#?}"
    );
    let texts: HashSet<&str> = h.questions.iter().map(|q| q.text.as_str()).collect();
    let gone: Vec<&String> = common
        .iter()
        .filter(|q| !texts.contains(q.as_str()))
        .collect();
    assert!(
        gone.is_empty(),
        "common questions not in the handbook: {gone:#?}"
    );
    for q in &h.questions {
        let notes = q.notes.plain.to_lowercase();
        if common.contains(&q.text) {
            assert!(
                notes.contains(COMMON_NOTE),
                "{}: a common question's notes should say it is a {COMMON_NOTE}",
                q.id
            );
        } else {
            assert!(
                reported.contains(&q.text),
                "{}: in neither tests/data/reported-questions.txt nor common-questions.txt",
                q.id
            );
            assert!(
                !notes.contains(COMMON_NOTE),
                "{}: a reported question's notes call it a {COMMON_NOTE}",
                q.id
            );
        }
    }
    for prompt in [
        "Tell me about yourself.",
        "Tell me about a mistake you made.",
        "Tell me about your most difficult customer.",
        "Tell me about a time you gave someone difficult feedback.",
        "Tell me about a time you influenced people you had no authority over.",
    ] {
        assert!(common.contains(prompt), "common prompt missing: {prompt}");
    }
}

/// Words about how the handbook was made, which have no place in what a reader sees.
const META_PHRASES: &[&str] = &[
    "seed",
    "seeds",
    "source's",
    "sources report",
    "source article",
    "source articles",
    "listed under",
    "filed under",
    "pm guide",
    "this session",
    "the brief",
    "this handbook's author",
    "the original article",
    "language model",
    "ai generated",
    "written by ai",
    "chatgpt",
    "interview guys",
    "igotanoffer",
];

fn meta_hits(text: &str) -> Vec<&'static str> {
    let w = words(text);
    META_PHRASES
        .iter()
        .copied()
        .filter(|m| has_phrase(&w, m))
        .collect()
}

#[test]
fn prose_never_talks_about_how_it_was_made() {
    let mut hits = Vec::new();
    for (path, prose) in content_prose() {
        for m in meta_hits(&prose) {
            hits.push(format!("{path}: \"{m}\""));
        }
    }
    assert!(
        hits.is_empty(),
        "meta words in the prose:\n{}",
        hits.join("\n")
    );
}

#[test]
fn meta_detection() {
    assert_eq!(
        meta_hits("The seeds do not attach this question to a principle."),
        ["seeds"]
    );
    assert_eq!(
        meta_hits("(the source's example site name was lost)"),
        ["source's"]
    );
    assert_eq!(
        meta_hits("Listed under judgment, this version"),
        ["listed under"]
    );
    assert!(meta_hits("Good sources include processes that annoyed everyone.").is_empty());
}

/// Common words in their UK spelling (matched as the start of a word) and the US spelling used.
const UK_US: &[(&str, &str)] = &[
    ("organise", "organize"),
    ("organisation", "organization"),
    ("behaviour", "behavior"),
    ("prioritis", "prioritiz"),
    ("favour", "favor"),
    ("centre", "center"),
    ("programme", "program"),
    ("analysed", "analyzed"),
    ("analysing", "analyzing"),
    ("colour", "color"),
    ("honour", "honor"),
    ("labour", "labor"),
    ("flavour", "flavor"),
    ("candour", "candor"),
    ("recognis", "recogniz"),
    ("realise", "realize"),
    ("optimise", "optimize"),
    ("minimise", "minimize"),
    ("summarise", "summarize"),
    ("apologis", "apologiz"),
    ("criticise", "criticize"),
    ("specialise", "specialize"),
    ("standardis", "standardiz"),
    ("licence", "license"),
    ("practise", "practice"),
    ("defence", "defense"),
    ("catalogue", "catalog"),
    ("travelled", "traveled"),
    ("cancelled", "canceled"),
    ("modelling", "modeling"),
    ("labelled", "labeled"),
    ("signalled", "signaled"),
    ("judgement", "judgment"),
    ("fulfilment", "fulfillment"),
    ("enrolment", "enrollment"),
    ("sceptic", "skeptic"),
    ("neighbour", "neighbor"),
    ("learnt", "learned"),
    ("whilst", "while"),
    ("amongst", "among"),
    ("enquir", "inquir"),
];

fn uk_spellings(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| UK_US.iter().any(|(uk, _)| w.starts_with(uk)))
        .collect()
}

#[test]
fn spelling_is_american_throughout() {
    let mut hits = Vec::new();
    for (path, prose) in content_prose() {
        for w in uk_spellings(&prose) {
            let us = UK_US.iter().find(|(uk, _)| w.starts_with(uk)).unwrap().1;
            hits.push(format!("{path}: \"{w}\" (write {us}...)"));
        }
    }
    assert!(hits.is_empty(), "UK spellings:\n{}", hits.join("\n"));
}

#[test]
fn spelling_detection() {
    assert_eq!(
        uk_spellings("We prioritised the organisation's behaviour; realistic goals."),
        ["prioritised", "organisation's", "behaviour"]
    );
    for (_, us) in UK_US {
        assert!(uk_spellings(us).is_empty(), "{us} is flagged");
    }
    assert!(uk_spellings("organism criticism specialist analyses optimism").is_empty());
}

#[test]
fn each_principle_says_what_good_looks_like() {
    let h = handbook();
    for p in &h.principles {
        let headings: Vec<String> = p.body.toc.iter().map(|t| t.text.to_lowercase()).collect();
        for wanted in ["what interviewers drill into", "what good looks like"] {
            assert!(
                headings.iter().any(|t| t == wanted),
                "{}: no section \"{wanted}\"",
                p.id
            );
        }
        let (_, good) = p
            .body
            .parts(2)
            .into_iter()
            .find(|(e, _)| e.is_some_and(|e| e.text.to_lowercase() == "what good looks like"))
            .expect("the section is there");
        let w = words(good);
        for level in ["entry", "senior", "principal", "strong", "weak"] {
            assert!(
                w.iter().any(|x| x == level),
                "{}: what good looks like says nothing about \"{level}\"",
                p.id
            );
        }
    }
}

#[test]
fn weak_and_strong_answers_come_in_pairs() {
    let h = handbook();
    let page = h
        .pages
        .iter()
        .find(|p| p.id == "strong-and-weak-answers")
        .expect("the page of weak and strong answers");
    let text = &page.body.plain;
    let weak = text.matches("Weak version").count();
    let strong = text.matches("Strong version").count();
    let flags = text.matches("Red flags").count();
    assert!(weak >= 5, "only {weak} weak answers");
    assert_eq!(weak, strong, "every weak answer has its strong telling");
    assert_eq!(weak, flags, "every weak answer has its red flags marked");
}
