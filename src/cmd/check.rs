//! `prepbook check`: validate and render in memory, write nothing.

use prepbook::Error;

use crate::cli::CheckArgs;

pub fn run(args: CheckArgs) -> Result<(), Error> {
    let report = prepbook::check(&args.dir)?;
    super::print_warnings(&report.warnings);
    let stories = match report.stories {
        0 => String::new(),
        1 => ", 1 story".to_string(),
        n => format!(", {n} stories"),
    };
    println!(
        "No problems found: {} principles, {} questions, {} sample answers, {} tips, {} pages{stories}",
        report.principles, report.questions, report.answers, report.tips, report.pages
    );
    print!("{}", report.coverage);
    Ok(())
}
