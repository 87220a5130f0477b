//! Fuzzes `prepbook check` with one arbitrary content file in a small valid handbook: any
//! bytes must give problems or success, never a panic, a hang or a stack overflow.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// Where the fuzzed file may go: the first byte of the input picks one.
const PLACES: [&str; 6] = [
    "content/pages/fuzz.md",
    "content/questions/fuzz.md",
    "content/answers/fuzz.md",
    "content/principles/fuzz.md",
    "content/tips/fuzz.md",
    "content/stories/fuzz.md",
];

/// A starter handbook, made once and reused by every run.
fn handbook() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder").keep();
        prepbook::scaffold::init(&dir).expect("the starter handbook is written");
        std::fs::create_dir_all(dir.join("content/stories")).expect("a stories folder");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let root = handbook();
    for place in PLACES {
        let _ = std::fs::remove_file(root.join(place));
    }
    let path = root.join(PLACES[pick as usize % PLACES.len()]);
    std::fs::write(&path, text).expect("the fuzzed file is written");
    let _ = prepbook::check(root);
});
