//! The bundled Amazon handbook: complete, well-formed and original.

use std::collections::HashSet;
use std::sync::OnceLock;

use prepbook::model::{Framework, Handbook};

use crate::harness::*;

const PRINCIPLES: [&str; 16] = [
    "Customer Obsession",
    "Ownership",
    "Bias for Action",
    "Have Backbone; Disagree and Commit",
    "Invent and Simplify",
    "Dive Deep",
    "Are Right, A Lot",
    "Deliver Results",
    "Think Big",
    "Hire and Develop the Best",
    "Frugality",
    "Learn and Be Curious",
    "Insist on the Highest Standards",
    "Earn Trust",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
];

const PAGES: [&str; 6] = [
    "interview-process",
    "bar-raiser",
    "answer-frameworks",
    "pm-vs-pmt",
    "writing-assessment",
    "preparation-plan",
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
        let q = r.primary_questions[i].len() + r.secondary_questions[i].len();
        assert!(q >= 3, "{}: {q} questions", p.id);
        assert!(r.principle_answers[i] >= 1, "{}: no sample answer", p.id);
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
        *per_framework.entry(a.framework).or_insert(0) += 1;
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
            .find(|s| s.step == a.framework.result_step())
            .unwrap_or_else(|| panic!("{}: no result section", a.id));
        assert!(
            result.plain.chars().any(|c| c.is_ascii_digit()),
            "{}: no figure in {}",
            a.id,
            result.step
        );
        assert!(a.persona.is_some(), "{}: no persona", a.id);
    }
    for f in Framework::ALL {
        assert!(
            per_framework.get(&f).copied().unwrap_or(0) >= 3,
            "fewer than 3 {} answers",
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
