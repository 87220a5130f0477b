//! The `prepbook` binary: parse the command line, run one command, print any error, exit.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build(a) => cmd::build::run(a),
        cli::Command::Check(a) => cmd::check::run(a),
        cli::Command::Init(a) => cmd::init::run(a),
        cli::Command::Pdf(a) => cmd::pdf::run(a),
        cli::Command::Serve(a) => cmd::serve::run(a),
        cli::Command::Epub(a) => cmd::epub::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let prepbook::Error::Invalid(d) = &e {
                cmd::print_warnings(d);
                let errors: prepbook::Diagnostics = d
                    .iter()
                    .filter(|d| d.is_error())
                    .cloned()
                    .collect::<Vec<_>>()
                    .into();
                eprintln!("{}", prepbook::Error::Invalid(errors));
            } else {
                eprintln!(
                    "error: {}",
                    prepbook::diagnostic::terminal_safe(&e.to_string())
                );
            }
            if matches!(e, prepbook::Error::Interrupted) {
                ExitCode::from(prepbook::interrupt::EXIT_CODE as u8)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
