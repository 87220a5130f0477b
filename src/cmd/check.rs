//! `prepbook check`: validate and render in memory, write nothing.

use prepbook::Error;

use crate::cli::CheckArgs;

/// `n` and the noun, singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(args: CheckArgs) -> Result<(), Error> {
    let report = prepbook::check(&args.dir)?;
    super::print_warnings(&report.warnings.clone().seen_from(&args.dir));
    let mut found = vec![
        count(
            report.principles,
            &report.principle_words.0,
            &report.principle_words.1,
        ),
        count(report.questions, "question", "questions"),
        count(report.answers, "sample answer", "sample answers"),
        count(report.tips, "tip", "tips"),
        count(report.pages, "page", "pages"),
    ];
    if report.stories > 0 {
        found.push(count(report.stories, "story", "stories"));
    }
    let warnings = report.warnings.warnings().count();
    let verdict = match warnings {
        0 => "No problems found".to_string(),
        n => format!("No errors, {}", count(n, "warning", "warnings")),
    };
    println!("{verdict}: {}", found.join(", "));
    print!("{}", report.coverage);
    Ok(())
}
