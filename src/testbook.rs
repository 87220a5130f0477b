//! A handbook written to a temporary folder for unit tests: big enough that its print view and
//! flashcards are split by principle and its practice details take several files.

use std::path::Path;

/// Questions in the handbook, alternating between its first two principles.
pub const QUESTIONS: usize = 12;

/// Writes the handbook into `dir` and loads it. Each question's notes are long (a practice
/// details file holds a few of them); a story links the first two questions and the last one.
pub fn load(dir: &Path) -> crate::Loaded {
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "book.toml",
        "[book]\ntitle = \"Split handbook\"\n\n[print]\nsplit-above = 4\n",
    );
    // A story of `frugality`, which no question tests, links only the questions it names.
    for (id, order) in [("ownership", 1), ("earn-trust", 2), ("frugality", 3)] {
        write(
            &format!("content/principles/{id}.md"),
            &format!("---\ntitle: Principle {id}\norder: {order}\nsummary: What {id} asks.\n---\nWhy {id} matters.\n"),
        );
    }
    let notes = "Start with the situation, then say what you did and what came of it. ".repeat(600);
    for n in 0..QUESTIONS {
        let principle = ["ownership", "earn-trust"][n % 2];
        write(
            &format!("content/questions/q{n:02}.md"),
            &format!("---\nquestion: \"Question {n}?\"\nprinciples: [{principle}]\n---\n{notes}\n"),
        );
    }
    write(
        "content/stories/launch.md",
        &format!(
            "---\ntitle: The late launch\nprinciples: [frugality]\nframework: star\nquestions: [q00, q01, q{:02}]\n---\n## Situation\nA launch slipped.\n\n## Task\nI owned the date.\n\n## Action\nI cut scope.\n\n## Result\nWe shipped 2 weeks later.\n",
            QUESTIONS - 1
        ),
    );
    crate::load(dir).unwrap_or_else(|e| panic!("{e}"))
}
