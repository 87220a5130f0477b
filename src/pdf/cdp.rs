//! Just enough of the Chrome DevTools Protocol to print pages to PDF with the options the
//! command line lacks (a document outline, a tagged PDF). Chromium is started once with
//! `--remote-debugging-pipe`: it reads commands on its file descriptor 3 and writes replies and
//! events on 4, each a JSON message ended by a NUL byte. No network port is opened.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

use crate::error::Error;

/// How long a command other than printing may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// What may come from the reader thread: a message, or the end of the pipe.
enum Incoming {
    Message(Value),
    Closed,
}

/// A headless Chromium driven over its debugging pipe.
pub struct Browser {
    child: Child,
    commands: std::fs::File,
    incoming: Receiver<Incoming>,
    /// Events that arrived while a reply was awaited.
    events: VecDeque<Value>,
    next_id: u64,
    /// The end of Chromium's error output, for messages.
    stderr: Arc<Mutex<String>>,
    chromium: PathBuf,
}

/// True when this process runs as root, where Chromium refuses to start with its sandbox.
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Two pipes (ours to write commands, ours to read replies) and the child's ends of them.
#[cfg(unix)]
fn pipes() -> std::io::Result<[std::os::fd::OwnedFd; 4]> {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut a = [0; 2];
    let mut b = [0; 2];
    // SAFETY: pipe2 writes two new descriptors into each array, which we then own.
    unsafe {
        if libc::pipe2(a.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        if libc::pipe2(b.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            let e = std::io::Error::last_os_error();
            libc::close(a[0]);
            libc::close(a[1]);
            return Err(e);
        }
        Ok([
            OwnedFd::from_raw_fd(a[0]), // Chromium reads commands here (its fd 3)
            OwnedFd::from_raw_fd(a[1]), // we write commands
            OwnedFd::from_raw_fd(b[0]), // we read replies
            OwnedFd::from_raw_fd(b[1]), // Chromium writes replies here (its fd 4)
        ])
    }
}

impl Browser {
    /// Starts Chromium headless with a fresh profile in `profile`.
    #[cfg(unix)]
    pub fn launch(chromium: &Path, profile: &Path) -> Result<Browser, Error> {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let [child_in, commands, replies, child_out] =
            pipes().map_err(|e| Error::io("cannot create a pipe for", chromium, e))?;
        let mut cmd = Command::new(chromium);
        cmd.args([
            "--headless",
            "--remote-debugging-pipe",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-quic",
            "--mute-audio",
        ]);
        if running_as_root() {
            cmd.arg("--no-sandbox");
        }
        cmd.arg(format!("--user-data-dir={}", profile.display()));
        cmd.arg("about:blank");
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let (fd_in, fd_out) = (child_in.as_raw_fd(), child_out.as_raw_fd());
        // SAFETY: between fork and exec only async-signal-safe calls (fcntl, dup2) are made.
        // The child's ends are first moved above 10 so that placing one on 3 or 4 cannot
        // overwrite the other; dup2 clears close-on-exec on 3 and 4.
        unsafe {
            cmd.pre_exec(move || {
                let high_in = libc::fcntl(fd_in, libc::F_DUPFD_CLOEXEC, 10);
                let high_out = libc::fcntl(fd_out, libc::F_DUPFD_CLOEXEC, 10);
                if high_in < 0
                    || high_out < 0
                    || libc::dup2(high_in, 3) < 0
                    || libc::dup2(high_out, 4) < 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| Error::io("cannot start Chromium", chromium, e))?;
        drop((child_in, child_out));
        let stderr = Arc::new(Mutex::new(String::new()));
        if let Some(mut pipe) = child.stderr.take() {
            let tail = Arc::clone(&stderr);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                    t.push_str(&String::from_utf8_lossy(&buf[..n]));
                    if t.len() > 8192 {
                        let cut = t.len() - 4096;
                        let cut = (cut..t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(0);
                        t.drain(..cut);
                    }
                }
            });
        }
        let (tx, incoming) = mpsc::channel();
        let mut replies = std::fs::File::from(replies);
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 65536];
            loop {
                match replies.read(&mut chunk) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(Incoming::Closed);
                        return;
                    }
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
                while let Some(end) = buf.iter().position(|&b| b == 0) {
                    let message: Vec<u8> = buf.drain(..=end).collect();
                    if let Ok(v) = serde_json::from_slice(&message[..end]) {
                        if tx.send(Incoming::Message(v)).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Ok(Browser {
            child,
            commands: std::fs::File::from(commands),
            incoming,
            events: VecDeque::new(),
            next_id: 0,
            stderr,
            chromium: chromium.to_path_buf(),
        })
    }

    #[cfg(not(unix))]
    pub fn launch(_chromium: &Path, _profile: &Path) -> Result<Browser, Error> {
        Err(Error::Usage {
            message: "prepbook pdf drives Chromium over a pipe, which needs a Unix system".into(),
            help: "print the pages from your browser instead (cheatsheets.html, print.html)".into(),
        })
    }

    /// Why Chromium failed, from the end of its error output.
    fn failure(&self, what: &str) -> Error {
        let tail = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        let last = tail
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .trim()
            .to_string();
        Error::Usage {
            message: format!("Chromium ({}) {what} ({last})", self.chromium.display()),
            help: "check that this Chromium can run headless (`chromium --headless --print-to-pdf=x.pdf about:blank`)".into(),
        }
    }

    /// The next message within `deadline`; Ctrl-C ends the wait.
    fn receive(&mut self, deadline: Instant, what: &str) -> Result<Value, Error> {
        loop {
            if crate::interrupt::requested() {
                return Err(Error::Interrupted);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::Usage {
                    message: format!("Chromium took too long to {what}"),
                    help: "try again; if it keeps happening, check that Chromium starts headless on this machine".into(),
                });
            }
            let wait = (deadline - now).min(Duration::from_millis(100));
            match self.incoming.recv_timeout(wait) {
                Ok(Incoming::Message(v)) => return Ok(v),
                Ok(Incoming::Closed) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.failure("stopped"))
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    /// Sends `method` (to the page of `session`, if any) and waits for its result.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, Error> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&message).expect("a JSON value serializes");
        bytes.push(0);
        if self.commands.write_all(&bytes).is_err() {
            return Err(self.failure("stopped"));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.receive(deadline, &format!("answer {method}"))?;
            if v.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(e) = v.get("error") {
                    let text = e.get("message").and_then(Value::as_str).unwrap_or("error");
                    return Err(Error::Usage {
                        message: format!("Chromium refused {method}: {text}"),
                        help: "use a recent Chromium (version 120 or later)".into(),
                    });
                }
                return Ok(v.get("result").cloned().unwrap_or(Value::Null));
            }
            if v.get("method").is_some() {
                self.events.push_back(v);
            }
        }
    }

    /// Waits for event `method` from the page of `session`.
    fn event(&mut self, session: &str, method: &str, timeout: Duration) -> Result<Value, Error> {
        let is_it = |v: &Value| {
            v.get("method").and_then(Value::as_str) == Some(method)
                && v.get("sessionId").and_then(Value::as_str) == Some(session)
        };
        if let Some(i) = self.events.iter().position(is_it) {
            return Ok(self.events.remove(i).unwrap_or(Value::Null));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.receive(deadline, "load the page")?;
            if is_it(&v) {
                return Ok(v);
            }
        }
    }

    /// Opens `url` in a new tab, waits until it has loaded and its sheets are filled, and
    /// prints it to `pdf` with a document outline and tags. `timeout` bounds the whole page.
    pub fn print(&mut self, url: &str, pdf: &Path, timeout: Duration) -> Result<(), Error> {
        let target = self.call(
            None,
            "Target.createTarget",
            json!({ "url": "about:blank" }),
            CALL_TIMEOUT,
        )?;
        let target_id = target["targetId"].as_str().unwrap_or_default().to_string();
        let result = self.print_in(&target_id, url, pdf, timeout);
        let _ = self.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": target_id }),
            CALL_TIMEOUT,
        );
        self.events.clear();
        result
    }

    fn print_in(
        &mut self,
        target_id: &str,
        url: &str,
        pdf: &Path,
        timeout: Duration,
    ) -> Result<(), Error> {
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
            CALL_TIMEOUT,
        )?;
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let s = Some(session.as_str());
        self.call(s, "Page.enable", json!({}), CALL_TIMEOUT)?;
        let nav = self.call(s, "Page.navigate", json!({ "url": url }), timeout)?;
        if let Some(e) = nav.get("errorText").and_then(Value::as_str) {
            return Err(Error::Usage {
                message: format!("Chromium could not open {url}: {e}"),
                help: "this is a bug in prepbook; please report it".into(),
            });
        }
        self.event(&session, "Page.loadEventFired", timeout)?;
        // Sheets are filled by their script once the fonts are ready; wait for it (20 s at most).
        self.call(
            s,
            "Runtime.evaluate",
            json!({
                "expression": "new Promise((done) => { const t = Date.now(); (function poll() { \
                    if (!document.querySelector('[data-fit]') || document.documentElement.hasAttribute('data-fitted') \
                    || Date.now() - t > 20000) done(true); else setTimeout(poll, 20); })(); })",
                "awaitPromise": true,
                "returnByValue": true,
            }),
            timeout,
        )?;
        // 12 mm, as print.css asks; the page's own @page rules take precedence.
        let margin = 12.0 / 25.4;
        let printed = self.call(
            s,
            "Page.printToPDF",
            json!({
                "printBackground": true,
                "preferCSSPageSize": true,
                "displayHeaderFooter": false,
                "marginTop": margin,
                "marginBottom": margin,
                "marginLeft": margin,
                "marginRight": margin,
                "generateTaggedPDF": true,
                "generateDocumentOutline": true,
                "transferMode": "ReturnAsBase64",
            }),
            timeout,
        )?;
        let data = printed["data"].as_str().unwrap_or_default();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap_or_default();
        if !bytes.starts_with(b"%PDF") {
            return Err(self.failure(&format!("did not print {url}")));
        }
        std::fs::write(pdf, bytes).map_err(|e| Error::io("cannot write", pdf, e))
    }

    /// Closes Chromium, and kills it if it does not end within a few seconds.
    pub fn close(mut self) {
        let _ = self.call(None, "Browser.close", json!({}), Duration::from_secs(5));
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
