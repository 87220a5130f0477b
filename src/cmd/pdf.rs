//! `prepbook pdf`: print the overview, the cheat sheets and the handbook to PDF.

use std::io::Write;

use prepbook::pdf::PdfOptions;
use prepbook::Error;

use crate::cli::PdfArgs;

pub fn run(args: PdfArgs) -> Result<(), Error> {
    prepbook::interrupt::install();
    let report = prepbook::pdf::pdf(
        &args.write.dir,
        &PdfOptions {
            output: args.write.output,
            force: args.write.force,
            site_url: None,
        },
        &mut |n, total, name| {
            eprintln!("[{n}/{total}] {name}");
            let _ = std::io::stderr().flush();
        },
    )?;
    super::print_warnings(&report.warnings.clone().seen_from(&args.write.dir));
    println!(
        "Wrote {} PDF files into {} in {:.1} s",
        report.files,
        report.output.display(),
        report.elapsed.as_secs_f64()
    );
    Ok(())
}
