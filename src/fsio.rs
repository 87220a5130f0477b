//! File-system helpers shared by reading content and writing output.

use std::fs::File;
use std::io;
use std::path::{Component, Path};
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

/// Opens the regular file `path`, which must lie inside `root`, for reading. On Unix every
/// folder on the way and the file itself are opened relative to the one before with
/// `O_NOFOLLOW`, so a link swapped in at any level fails (`ELOOP`, `ENOTDIR`) instead of
/// leading elsewhere. Both the writer's copies and `serve`'s captured bytes are read so.
#[cfg(unix)]
pub fn open_inside(root: &Path, path: &Path) -> io::Result<File> {
    use std::ffi::CString;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;

    let parts = names_inside(root, path)?;
    let mut at: OwnedFd = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_CLOEXEC)
        .open(root)?
        .into();
    for (i, name) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let name = CString::new(name.as_bytes()).map_err(|_| invalid("a NUL byte"))?;
        // O_NONBLOCK: a FIFO in place of the file must not hang the build.
        let kind = if last {
            libc::O_NONBLOCK
        } else {
            libc::O_DIRECTORY
        };
        let flags = libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_CLOEXEC | kind;
        // SAFETY: openat(2) with a descriptor we own and a NUL-terminated name; it reads
        // nothing else of ours.
        let fd = unsafe { libc::openat(at.as_raw_fd(), name.as_ptr(), flags) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just opened, is valid and owned by nothing else.
        at = unsafe { OwnedFd::from_raw_fd(fd) };
    }
    let file = File::from(at);
    if !file.metadata()?.is_file() {
        return Err(invalid("not a regular file"));
    }
    Ok(file)
}

/// Elsewhere: refuses a link at the file itself or at any folder between it and `root`.
#[cfg(not(unix))]
pub fn open_inside(root: &Path, path: &Path) -> io::Result<File> {
    let mut at = root.to_path_buf();
    for name in names_inside(root, path)? {
        at.push(name);
        if std::fs::symlink_metadata(&at)?.file_type().is_symlink() {
            return Err(invalid("a symbolic link"));
        }
    }
    File::open(&at)
}

/// The names leading from `root` to `path`, refusing anything that is not plainly inside.
pub fn names_inside<'a>(root: &Path, path: &'a Path) -> io::Result<Vec<&'a std::ffi::OsStr>> {
    let rel = path
        .strip_prefix(root)
        .map_err(|_| invalid("outside the handbook"))?;
    let parts = rel
        .components()
        .map(|c| match c {
            Component::Normal(n) => Ok(n),
            _ => Err(invalid("not a plain path inside the handbook")),
        })
        .collect::<io::Result<Vec<_>>>()?;
    if parts.is_empty() {
        return Err(invalid("not a file"));
    }
    Ok(parts)
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what.to_string())
}
