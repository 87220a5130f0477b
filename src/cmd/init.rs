//! `prepbook init`: write the starter handbook into a new folder.

use prepbook::Error;

use crate::cli::InitArgs;

pub fn run(args: InitArgs) -> Result<(), Error> {
    let n = prepbook::scaffold::init(&args.dir)?;
    println!(
        "Created a handbook with {n} files in {}\nNext: prepbook build {}",
        args.dir.display(),
        args.dir.display()
    );
    Ok(())
}
