//! `prepbook import`: content files from a CSV file; the work is in `prepbook::import`.

use prepbook::import::{import, What};
use prepbook::Error;

use crate::cli::{ImportArgs, ImportKind};

pub fn run(args: ImportArgs) -> Result<(), Error> {
    let what = match args.kind {
        ImportKind::Questions => What::Questions,
        ImportKind::Stories => What::Stories,
    };
    let report = import(&args.dir, what, &args.file, &args.columns)?;
    super::print_warnings(&report.warnings);
    for path in &report.written {
        println!("wrote {}", path.display());
    }
    println!(
        "Imported {} {} from {}; run `prepbook check` to see them in the handbook",
        report.written.len(),
        if report.written.len() == 1 {
            "file"
        } else {
            "files"
        },
        args.file.display()
    );
    Ok(())
}
