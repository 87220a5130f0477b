//! `prepbook epub`: the handbook as an EPUB 3 e-book.

use prepbook::Error;

use crate::cli::EpubArgs;

pub fn run(args: EpubArgs) -> Result<(), Error> {
    prepbook::interrupt::install();
    let report = prepbook::epub::epub(&args.write.dir, args.write.output, args.write.force)?;
    super::print_warnings(&report.warnings.clone().seen_from(&args.write.dir));
    println!(
        "Wrote {} ({:.1} MB) in {} ms",
        report.file.display(),
        report.bytes as f64 / 1_000_000.0,
        report.elapsed.as_millis()
    );
    Ok(())
}
