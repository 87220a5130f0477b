//! `prepbook serve`: live preview on loopback.

use std::io::Write;

use prepbook::serve::ServeOptions;
use prepbook::Error;

use crate::cli::ServeArgs;

pub fn run(args: ServeArgs) -> Result<(), Error> {
    let open_browser = args.open;
    prepbook::serve::serve(
        &args.dir,
        &ServeOptions {
            address: args.address,
            port: args.port,
            allow_hosts: args.allow_host,
        },
        &mut |addr| {
            let url = format!("http://{addr}/");
            println!("Serving the handbook on {url} (Ctrl-C to stop)");
            let _ = std::io::stdout().flush();
            if open_browser {
                if let Err(e) = open::that_detached(&url) {
                    eprintln!("warning: could not open a browser ({e}); open {url} yourself");
                }
            }
        },
    )?;
    println!("Stopped.");
    Ok(())
}
