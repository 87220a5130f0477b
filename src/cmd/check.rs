//! `prepbook check`: validate and render in memory, write nothing.

use prepbook::Error;

use crate::cli::CheckArgs;

pub fn run(args: CheckArgs) -> Result<(), Error> {
    let report = prepbook::check(&args.dir)?;
    super::print_warnings(&report.warnings);
    println!(
        "No problems found: {} principles, {} questions, {} sample answers, {} tips, {} pages",
        report.principles, report.questions, report.answers, report.tips, report.pages
    );
    Ok(())
}
