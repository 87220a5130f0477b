//! Any author's handbook: a French handbook of another company's six values, with its own word
//! for a principle, its own stages and interviewers, unicode titles, a value with no question
//! and a question under three values, goes through every part of prepbook. Nothing of the
//! bundled Amazon handbook may leak into it.

use std::io::Read;

use crate::harness::*;

/// Words that belong to the bundled handbook, never to the tool.
const FOREIGN: &[&str] = &["Amazon", "Leadership Principle", "Bar Raiser", "bar-raiser"];

fn atelier() -> tempfile::TempDir {
    fixture_copy("other", "atelier")
}

/// Every text file of the output, and every file inside the EPUB.
fn texts(out: &std::path::Path) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (path, bytes) in read_tree(out) {
        if path.ends_with(".epub") {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..z.len() {
                let mut f = z.by_index(i).unwrap();
                let mut s = String::new();
                if f.read_to_string(&mut s).is_ok() {
                    all.push((format!("{path}!{}", f.name()), s));
                }
            }
        } else if let Ok(s) = String::from_utf8(bytes) {
            all.push((path, s));
        }
    }
    all
}

#[test]
fn another_company_s_handbook_builds_checks_and_exports_without_a_trace_of_amazon() {
    let tmp = atelier();
    let o = prepbook(tmp.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The summary counts the principles in the handbook's own word for them.
    assert!(
        stdout(&o).contains("6 valeurs, 3 questions"),
        "{}",
        stdout(&o)
    );
    let out = build_ok(tmp.path());
    let o = prepbook(tmp.path(), &["epub"]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::rename(tmp.path().join("epub"), out.join("epub")).unwrap();
    for file in [
        "index.html",
        "search.html",
        "search/index.js",
        "practice.html",
        "practice/data.js",
        "print.html",
        "cheatsheets.html",
        "overview.html",
        "principles/audace.html",
        "epub/handbook.epub",
    ] {
        assert!(out.join(file).is_file(), "no {file}");
    }
    for (path, text) in texts(&out) {
        for word in FOREIGN {
            assert!(!text.contains(word), "{path} says {word:?}");
        }
        // The theme's texts come from the French table: pages and the scripts' texts.
        if path.ends_with(".html") || path.ends_with("strings.js") {
            for english in THEME_ENGLISH {
                assert!(!text.contains(english), "{path} says {english:?}");
            }
        }
        // "valeur" is feminine: the French table is written so that no article or adjective
        // has to agree with the handbook's word.
        for wrong in GENDER_SLIPS {
            assert!(!text.contains(wrong), "{path} says {wrong:?}");
        }
    }
}

/// Texts of the built-in English table that must not show in a French handbook.
const THEME_ENGLISH: &[&str] = &[
    "Cheat sheet",
    "Questions to prepare",
    "in the handbook",
    "Back to the handbook",
    "Sample answer",
    "Flashcards",
    "Available offline",
    "Key question",
    "Print with your browser",
    "Answer frameworks",
    "Type a few words",
    "results for",
    "Show more results",
    "Search needs JavaScript",
    "Your story",
];

/// A masculine article or adjective next to the (feminine) word "valeur".
const GENDER_SLIPS: &[&str] = &[
    "ce valeur",
    "le valeur",
    "un valeur",
    "aucun valeur",
    "du valeur",
    "quel valeur",
    "Quel valeur",
    "valeur principal ",
    "valeur principal<",
    "Tout valeur",
    "Tous les valeurs",
    "valeur précédent",
];

#[test]
fn the_handbook_s_own_words_stages_and_interviewers_are_used() {
    let tmp = atelier();
    let out = build_ok(tmp.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let home = read("index.html");
    assert!(home.contains("<html lang=\"fr\""));
    assert!(
        home.contains("<h2 id=\"principles\">Valeurs</h2>"),
        "the word for a principle"
    );
    assert!(
        home.contains("6 valeurs · 3 questions · 1 exemple de réponse · 2 conseils"),
        "French plurals"
    );
    assert!(home.contains("Guide d’entretien de l’Atelier Lumière"));
    let question = read("questions/decision-difficile.html");
    assert!(
        question.contains("Journée en atelier"),
        "the stage's own name"
    );
    assert!(question.contains("title=\"Ce que la question évalue d’abord\""));
    let data = read("practice/data.js");
    for s in [
        "Appel de découverte",
        "Responsable d’équipe",
        "Gardienne du métier",
    ] {
        assert!(data.contains(s), "practice data lacks {s}");
    }
    // The print view lists it under each value too, printed in full under the first.
    let print = read("print.html");
    let franchise_part = print
        .split("id=\"x-principles-franchise\"")
        .nth(1)
        .and_then(|rest| rest.split("class=\"print-part").next())
        .expect("the print view has a part for Franchise");
    assert!(
        franchise_part.contains("href=\"#x-questions-decision-difficile\""),
        "the print view does not list the question under Franchise"
    );
    assert_eq!(
        print
            .matches("id=\"x-questions-decision-difficile\"")
            .count(),
        1,
        "the question is printed in full once"
    );
    // The question under three values is listed under each of them.
    for v in ["clients", "franchise", "soin-du-detail"] {
        let page = read(&format!("principles/{v}.html"));
        assert!(
            page.contains("questions/decision-difficile.html"),
            "{v} lacks the question"
        );
    }
    // Tables of contents and page titles speak French too.
    let franchise = read("principles/franchise.html");
    for english in [
        "What it means",
        "What interviewers look for",
        "Your stories",
    ] {
        assert!(
            !franchise.contains(english),
            "principles/franchise.html says {english:?}"
        );
    }
    assert!(franchise.contains("<a href=\"#signals\">Ce que les recruteurs cherchent</a>"));
    assert!(read("search.html").contains("<title>Recherche · "));
    // A value with no question says so, in French.
    assert!(read("principles/audace.html").contains("Pas encore de question."));
}

#[test]
fn an_unknown_stage_or_string_names_the_handbook_s_own() {
    let tmp = atelier();
    let q = tmp.path().join("content/questions/apprenti.md");
    let text = std::fs::read_to_string(&q).unwrap();
    std::fs::write(
        &q,
        text.replace(
            "principles: [transmission]",
            "principles: [transmission]\nstage: loop",
        ),
    )
    .unwrap();
    let toml = tmp.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace(
            "principles = \"valeurs\"",
            "principles = \"valeurs\"\nprincipels = \"x\"",
        ),
    )
    .unwrap();
    let o = prepbook(tmp.path(), &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("unknown stage `loop`"), "{err}");
    assert!(err.contains("valid stage ids: appel, atelier"), "{err}");
    assert!(err.contains("unknown string `principels`"), "{err}");
    assert!(
        !err.contains("bar-raiser") && !err.contains("customer-obsession"),
        "{err}"
    );
}

#[test]
fn the_epub_speaks_the_handbook_s_language_and_lists_a_question_under_each_value() {
    let tmp = atelier();
    let o = prepbook(tmp.path(), &["epub"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(tmp.path().join("epub/handbook.epub")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut chapter = |name: &str| {
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    // Values in order: soin-du-detail, franchise, transmission, economie, clients, audace.
    let franchise = chapter("OEBPS/principle-02.xhtml");
    assert!(franchise.contains("Valeur 2"), "{franchise}");
    assert!(franchise.contains("Ce que les recruteurs cherchent"));
    assert!(franchise.contains("Questions qui s’y rapportent aussi"));
    assert!(
        franchise.contains("Parlez-moi d’une décision difficile prise pour un client."),
        "the question filed under three values is not under Franchise"
    );
    let clients = chapter("OEBPS/principle-05.xhtml");
    assert!(
        clients.contains("Exemple de réponse (STAR)"),
        "the answer is under its first value"
    );
}
