//! One thin module per subcommand: arguments in, one library call, a report out.

pub mod build;
pub mod check;
pub mod epub;
pub mod import;
pub mod init;
pub mod pdf;
pub mod serve;

use prepbook::Diagnostics;

/// Prints warnings to standard error.
pub fn print_warnings(warnings: &Diagnostics) {
    for w in warnings.warnings() {
        eprintln!("{w}");
    }
}
