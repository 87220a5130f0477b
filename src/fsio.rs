//! File-system helpers shared by reading content and writing output.

use std::sync::OnceLock;

/// Threads for file reads and writes. Creating and writing many small files is bound by
/// the latency of each system call, not by the CPU, so more threads than cores pay off.
const IO_THREADS: usize = 8;

/// A thread pool for many small file operations, separate from the CPU-bound global pool.
pub fn io_pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(IO_THREADS)
            .thread_name(|i| format!("prepbook-io-{i}"))
            .build()
            .expect("the I/O thread pool starts")
    })
}
