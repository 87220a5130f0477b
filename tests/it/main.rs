//! prepbook's integration tests: one binary, a module per feature, fixture handbooks under
//! `tests/fixtures/`. Set `PREPBOOK_BLESS=1` to rewrite expected output after a deliberate change.

pub mod browser;
mod cli;
mod content;
mod faults;
mod fixtures;
mod frameworks;
mod handbook;
mod harness;
mod import;
mod incremental;
mod inline;
mod messy;
mod other;
mod output;
mod print;
mod publish;
mod real;
mod search;
mod serve;
mod split;
mod stories;
mod tags;
