//! The `prepbook` binary: parse the command line, run one command, print any error, exit.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// Turns transparent huge pages off for this process. mimalloc asks for them on the regions it
/// reserves, and then gives back and takes again small parts of those regions as a build
/// renders batch after batch; each time, the kernel zeroes a whole 2 MiB page. At 160,000
/// questions that zeroing was a tenth of a build's CPU (half its system time, about 11% of its
/// wall time), and at 16,000 it kept some 40 MB more memory in use. Linux only; elsewhere, or if
/// the kernel refuses, nothing changes.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    without_huge_pages();
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build(a) => {
            let dir = a.write.dir.clone();
            cmd::build::run(a).map_err(|e| e.seen_from(&dir))
        }
        cli::Command::Check(a) => {
            let dir = a.dir.clone();
            cmd::check::run(a).map_err(|e| e.seen_from(&dir))
        }
        cli::Command::Init(a) => cmd::init::run(a),
        cli::Command::Pdf(a) => {
            let dir = a.write.dir.clone();
            cmd::pdf::run(a).map_err(|e| e.seen_from(&dir))
        }
        cli::Command::Serve(a) => cmd::serve::run(a),
        cli::Command::Import(a) => cmd::import::run(a),
        cli::Command::Epub(a) => {
            let dir = a.write.dir.clone();
            cmd::epub::run(a).map_err(|e| e.seen_from(&dir))
        }
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
