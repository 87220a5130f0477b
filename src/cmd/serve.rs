//! `prepbook serve`: live preview on loopback.

use std::io::Write;

use prepbook::serve::ServeOptions;
use prepbook::Error;

use crate::cli::ServeArgs;

pub fn run(args: ServeArgs) -> Result<(), Error> {
    prepbook::serve::serve(
        &args.dir,
        &ServeOptions {
            address: args.address,
            port: args.port,
            allow_hosts: args.allow_host,
        },
        &mut |addr| {
            println!("Serving the handbook on http://{addr}/ (Ctrl-C to stop)");
            let _ = std::io::stdout().flush();
        },
    )?;
    println!("Stopped.");
    Ok(())
}
