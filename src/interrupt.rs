//! Ctrl-C and termination: outside a write the process ends at once (nothing is half-done);
//! during a write the request is noted, the writer stops at the next file, removes its staging
//! folder and returns [`Error::Interrupted`](crate::Error::Interrupted), so no staging folder
//! is ever left behind. A second request ends the process at once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The exit code of a process ended by SIGINT, as shells report it.
pub const EXIT_CODE: i32 = 130;

/// Writes under way that must clean up before the process ends.
static BUSY: AtomicUsize = AtomicUsize::new(0);
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler for Ctrl-C and SIGTERM. Commands that write (build, pdf, epub) call
/// it; `serve` has its own shutdown. Calling it twice is harmless.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if BUSY.load(Ordering::SeqCst) == 0 || REQUESTED.swap(true, Ordering::SeqCst) {
            eprintln!("\ninterrupted");
            std::process::exit(EXIT_CODE);
        }
        eprintln!("\ninterrupted: removing the unfinished output, please wait");
    });
}

/// True once an interrupt was requested during a write.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// While alive, an interrupt is deferred to the writer instead of ending the process.
pub struct Busy(());

impl Busy {
    pub fn enter() -> Busy {
        BUSY.fetch_add(1, Ordering::SeqCst);
        Busy(())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.fetch_sub(1, Ordering::SeqCst);
    }
}
