//! The command line: clap types whose doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Build interview-preparation handbooks: principles, questions, sample answers and tips
/// turned into a static site that works offline.
#[derive(Parser, Debug)]
#[command(name = "prepbook", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the handbook into its output folder (default: book/)
    Build(BuildArgs),
    /// Validate the handbook and report every problem, writing nothing
    Check(CheckArgs),
    /// Create a new handbook with example content
    Init(InitArgs),
    /// Print the overview, every cheat sheet and the whole handbook to PDF (needs Chromium)
    Pdf(PdfArgs),
    /// Serve the handbook with live reload while you edit it
    Serve(ServeArgs),
    /// Write the whole handbook as an EPUB 3 e-book
    Epub(EpubArgs),
    /// Write question or story files from a spreadsheet saved as CSV
    Import(ImportArgs),
}

/// What `import` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum ImportKind {
    /// Columns: question, principles, follow_ups, stage, role, priority, tags
    Questions,
    /// Columns: title, principles, framework, situation, task, action, result (or the
    /// framework's steps), figures, short, long, questions, tags
    Stories,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// What the rows are
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// The CSV file (UTF-8, comma-separated, a header row naming the columns)
    pub file: PathBuf,
    /// The handbook folder: the one holding book.toml
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Read the file's column HEADER as the field FIELD (repeatable), e.g.
    /// --column "Focus area=principles"; several columns read as tags are merged
    #[arg(
        long = "column",
        value_name = "HEADER=FIELD",
        value_parser = prepbook::import::ColumnMap::parse
    )]
    pub columns: Vec<prepbook::import::ColumnMap>,
}

/// Where a writing command reads the handbook and writes its output.
#[derive(clap::Args, Debug)]
pub struct WriteArgs {
    /// The handbook folder: the one holding book.toml
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Write the output here instead of its usual folder (book.toml's `output` for build,
    /// pdf/ or epub/ in the handbook)
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace an output folder that is not empty and was not written by prepbook
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub write: WriteArgs,
    /// The absolute address the handbook will live at (overrides `[output] site-url`)
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The handbook folder: the one holding book.toml
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// The folder to create; it must not exist or must be empty
    pub dir: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct PdfArgs {
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The handbook folder: the one holding book.toml
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The address to listen on; anything but a loopback address exposes the handbook
    #[arg(short, long, default_value = "127.0.0.1")]
    pub address: std::net::IpAddr,
    /// The port to listen on (0 picks a free one)
    #[arg(short, long, default_value_t = 3000)]
    pub port: u16,
    /// Also answer requests for this host name (repeatable), e.g. the machine's name on the
    /// network when listening on 0.0.0.0; `NAME` matches any port, `NAME:PORT` only that one
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Open the home page in the default browser once the server is ready
    #[arg(long)]
    pub open: bool,
}

#[derive(clap::Args, Debug)]
pub struct EpubArgs {
    #[command(flatten)]
    pub write: WriteArgs,
}
