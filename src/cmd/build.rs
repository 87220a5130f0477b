//! `prepbook build`: load, render and write the handbook.

use prepbook::{BuildOptions, Error};

use crate::cli::BuildArgs;

pub fn run(args: BuildArgs) -> Result<(), Error> {
    prepbook::interrupt::install();
    let report = prepbook::build(
        &args.write.dir,
        &BuildOptions {
            output: args.write.output,
            force: args.write.force,
            site_url: args.site_url,
        },
    )?;
    super::print_warnings(&report.warnings.clone().seen_from(&args.write.dir));
    println!(
        "Built {} pages ({} files, {:.1} MB) into {} in {} ms",
        report.pages,
        report.files,
        report.bytes as f64 / 1_000_000.0,
        report.output.display(),
        report.elapsed.as_millis()
    );
    Ok(())
}
