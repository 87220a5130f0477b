//! `prepbook serve`: build into memory, serve on loopback, rebuild on every change and reload
//! the open pages once the new build is complete.

mod capture;
pub mod hosts;
pub mod http;
mod ondemand;
pub mod site;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use tokio::sync::{broadcast, watch as tokio_watch};

use crate::error::Error;
use hosts::Hosts;
use ondemand::OnDemand;
use site::Site;
use watch::{classify, Change, Sources};

/// How long the watcher waits for a burst of saves to settle.
const DEBOUNCE: Duration = Duration::from_millis(40);
/// After a failed build, how long a change to a source makes the server build again rather
/// than report the failure (a save caught half-written).
const SETTLE: Duration = Duration::from_millis(250);

/// Options of [`serve`].
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub address: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Further Host names to answer to (`--allow-host`), with or without a port.
    pub allow_hosts: Vec<String>,
}

/// State shared by the HTTP handlers and the rebuild loop.
pub struct Shared {
    site: RwLock<Arc<Site>>,
    /// Every build's state, as the JSON the event stream sends.
    pub changes: broadcast::Sender<String>,
    /// Set to true on shutdown, which ends the event streams.
    pub stopping: tokio_watch::Sender<bool>,
    /// Host header values accepted.
    hosts: Hosts,
}

impl Shared {
    pub fn site(&self) -> Arc<Site> {
        self.site
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    fn set_site(&self, site: Site) {
        let site = Arc::new(site);
        match self.site.write() {
            Ok(mut s) => *s = site,
            Err(e) => *e.into_inner() = site,
        }
    }

    pub fn allows_host(&self, host: &str) -> bool {
        self.hosts.allows(host)
    }
}

/// Loads the handbook, reusing what `memo` holds of the last load, and prepares it to be made
/// file by file as the pages ask (copied files are read now, so that nothing is read from
/// disk at request time); or the problems as text.
fn build(
    root: &Path,
    memo: &mut crate::Memo,
    theme: Option<Arc<crate::render::theme::Theme>>,
    earlier: Option<(&OnDemand, &[PathBuf])>,
) -> Result<OnDemand, String> {
    let mut loaded = crate::load_with(root, Some(memo)).map_err(|e| e.to_string())?;
    // A service worker would answer from its cache and hide every rebuild.
    loaded.handbook.config.offline = false;
    // The author previews the coach's notes unless book.toml turns them off.
    let show = &mut loaded.handbook.config.coach.show;
    *show = Some(show.unwrap_or(true));
    // A fresh theme (at start, after the theme or book.toml changed) renders everything once,
    // so that a template failing while rendering fails this build as it fails `prepbook build`.
    // The theme of an earlier good build rendered every page then; a save of content renders
    // only what is asked for.
    let fresh_theme = theme.is_none();
    let made = OnDemand::new(root, loaded, theme, earlier)?;
    if fresh_theme {
        made.check()?;
    }
    Ok(made)
}

fn sources(root: &Path) -> Sources {
    let config = crate::Config::load(root).ok();
    let content = config.map_or_else(|| PathBuf::from("content"), |c| c.content_dir);
    Sources {
        root: root.to_path_buf(),
        config: root.join(crate::config::CONFIG_FILE),
        content: root.join(content),
        themes: root.join("themes"),
    }
}

fn state_json(site: &Site) -> String {
    serde_json::json!({ "version": site.version, "error": site.error }).to_string()
}

/// The paths of the events in `batch` that can change what a build reads.
fn changed_paths(batch: &[DebounceEventResult]) -> Vec<PathBuf> {
    batch
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .flat_map(|evs| {
            evs.iter()
                .filter(|e| watch::is_change(&e.kind))
                .flat_map(|e| e.paths.iter().cloned())
        })
        .collect()
}

/// True when the watcher says it may have missed changes (its queue overflowed, say): then the
/// content folder is walked again rather than trusting the changed paths.
fn lost(batch: &[DebounceEventResult]) -> bool {
    batch.iter().any(|r| match r {
        Err(_) => true,
        Ok(evs) => evs.iter().any(|e| e.need_rescan()),
    })
}

/// `first` and every batch that has arrived meanwhile.
fn with_pending(
    first: DebounceEventResult,
    events: &Receiver<DebounceEventResult>,
) -> Vec<DebounceEventResult> {
    let mut batch = vec![first];
    while let Ok(more) = events.try_recv() {
        batch.push(more);
    }
    batch
}

/// The changed paths of the next batches that arrive within `window` and change a source, or
/// `None` when nothing does.
fn next_change(
    events: &Receiver<DebounceEventResult>,
    sources: &Sources,
    window: Duration,
    memo: &mut crate::Memo,
    seen: &mut Vec<PathBuf>,
) -> Option<Vec<PathBuf>> {
    let deadline = Instant::now() + window;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        let first = events.recv_timeout(left).ok()?;
        let batch = with_pending(first, events);
        let paths = changed_paths(&batch);
        // Even a change that does not call for a build is one the next load must look at.
        memo.mark_changed(paths.iter().map(PathBuf::as_path));
        seen.extend(paths.iter().cloned());
        if lost(&batch) {
            memo.walk_again();
        }
        let as_paths = || paths.iter().map(PathBuf::as_path);
        if classify(as_paths(), sources) != Change::Ignore
            || watch::replaces_a_source(as_paths(), sources)
        {
            return Some(paths);
        }
    }
}

/// Runs the rebuild loop: waits for changes, rebuilds, swaps the site in, tells the pages.
fn rebuild_loop(
    root: PathBuf,
    shared: Arc<Shared>,
    events: Receiver<DebounceEventResult>,
    mut memo: crate::Memo,
    mut rewatch: impl FnMut(&Sources),
) {
    let mut sources = sources(&root);
    // Set when the theme or book.toml changed since the last good build: its theme (and the
    // texts it renders with) may no longer be the right one.
    let mut theme_stale = false;
    // Every path reported since the last good build, whose copied files it may not reuse.
    let mut since_good: Vec<PathBuf> = Vec::new();
    while let Ok(first) = events.recv() {
        // Fold everything that has arrived meanwhile into this rebuild.
        let batch = with_pending(first, &events);
        let mut paths = changed_paths(&batch);
        // Every reported path is looked at by the next load, even when this batch alone
        // calls for no build (an editor's leftover that a build still publishes, say).
        memo.mark_changed(paths.iter().map(PathBuf::as_path));
        since_good.extend(paths.iter().cloned());
        if lost(&batch) {
            memo.walk_again();
        }
        if classify(paths.iter().map(PathBuf::as_path), &sources) == Change::Ignore {
            continue;
        }
        let start = Instant::now();
        let built = loop {
            let change = classify(paths.iter().map(PathBuf::as_path), &sources);
            let replaced = watch::replaces_a_source(paths.iter().map(PathBuf::as_path), &sources);
            if change == Change::Config || change == Change::Theme || replaced {
                sources = crate::serve::sources(&root);
                rewatch(&sources);
                theme_stale = true;
            }
            // The theme of the last good build serves again when only content changed.
            let theme = match theme_stale {
                false => shared.site().build.as_ref().map(|b| b.theme()),
                true => None,
            };
            // The last good build's copied files serve again unless they were reported.
            let last = shared.site().build.clone();
            let earlier = last.as_deref().map(|b| (b, since_good.as_slice()));
            let built = build(&root, &mut memo, theme, earlier);
            if built.is_ok() {
                theme_stale = false;
                since_good.clear();
            } else {
                // The build may have read a file in the middle of a save (truncated, not yet
                // written again). If a source changes while it settles, build again instead.
                if let Some(more) =
                    next_change(&events, &sources, SETTLE, &mut memo, &mut since_good)
                {
                    paths = more;
                    continue;
                }
            }
            break built;
        };
        let current = shared.site();
        let next = match built {
            Ok(build) => {
                for w in build.warnings().warnings() {
                    eprintln!("{w}");
                }
                println!("Rebuilt in {} ms", start.elapsed().as_millis());
                Site::new(current.version + 1, build)
            }
            Err(text) => {
                eprintln!("{text}");
                eprintln!("Still serving the last good build; fix the problem and save again.");
                Site {
                    version: current.version,
                    build: current.build.clone(),
                    error: Some(text),
                }
            }
        };
        let json = state_json(&next);
        shared.set_site(next);
        let _ = shared.changes.send(json);
    }
}

/// Serves the handbook at `root` until Ctrl-C. `ready` hears the address once it listens.
pub fn serve(
    root: &Path,
    options: &ServeOptions,
    ready: &mut dyn FnMut(SocketAddr),
) -> Result<(), Error> {
    for name in &options.allow_hosts {
        hosts::check_allowed(name).map_err(|message| Error::Usage {
            message,
            help: "give --allow-host a name the server is reached by, e.g. --allow-host box.local"
                .into(),
        })?;
    }
    let root = crate::output::resolve(root)?;
    crate::Config::load(&root).map_err(|d| Error::Invalid(d.into()))?;
    let start = Instant::now();
    // What the first build worked out, file by file, for the rebuilds to reuse.
    let mut memo = crate::Memo::default();
    let first = match build(&root, &mut memo, None, None) {
        Ok(build) => {
            for w in build.warnings().warnings() {
                eprintln!("{w}");
            }
            println!("Built in {} ms", start.elapsed().as_millis());
            Site::new(1, build)
        }
        Err(text) => {
            eprintln!("{text}");
            eprintln!("Serving an error page until the problem is fixed.");
            Site {
                error: Some(text),
                ..Site::empty()
            }
        }
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the server's runtime", Path::new("."), e))?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(options.address, options.port);
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| Error::Usage {
            message: format!("cannot listen on {addr}: {e}"),
            help: "choose another port with --port, or stop what is using this one".into(),
        })?;
        let local = listener.local_addr().map_err(|e| Error::io("cannot read the server address", Path::new("."), e))?;
        let (changes, _) = broadcast::channel(16);
        let (stopping, _) = tokio_watch::channel(false);
        let shared = Arc::new(Shared {
            site: RwLock::new(Arc::new(first)),
            changes,
            stopping,
            hosts: Hosts::new(local, &options.allow_hosts),
        });

        // The watcher: the handbook root itself (book.toml, new folders), content and themes.
        let (tx, rx) = std::sync::mpsc::channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| Error::Usage {
            message: format!("cannot watch the handbook for changes: {e}"),
            help: "check the system's limit on watched files (fs.inotify.max_user_watches)".into(),
        })?;
        // The root, once: it sees the content and themes folders come and go. They are watched
        // anew whenever they may be other folders than before.
        debouncer.watch(&root, RecursiveMode::NonRecursive).map_err(|e| Error::Usage {
            message: format!("cannot watch the handbook for changes: {e}"),
            help: "check the system's limit on watched files (fs.inotify.max_user_watches)".into(),
        })?;
        let watched = Arc::new(std::sync::Mutex::new(Vec::<PathBuf>::new()));
        let watch_sources = {
            let watched = watched.clone();
            move |s: &Sources, d: &mut notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>| {
                let mut w = watched.lock().unwrap_or_else(|e| e.into_inner());
                for old in w.drain(..) {
                    let _ = d.unwatch(&old);
                }
                for dir in [&s.content, &s.themes] {
                    if dir.is_dir() && d.watch(dir, RecursiveMode::Recursive).is_ok() {
                        w.push(dir.clone());
                    }
                }
            }
        };
        watch_sources(&sources(&root), &mut debouncer);
        let debouncer = Arc::new(std::sync::Mutex::new(debouncer));
        {
            let shared = shared.clone();
            let root = root.clone();
            let debouncer = debouncer.clone();
            std::thread::Builder::new()
                .name("prepbook-rebuild".into())
                .spawn(move || {
                    rebuild_loop(root, shared, rx, memo, |s| {
                        let mut d = debouncer.lock().unwrap_or_else(|e| e.into_inner());
                        watch_sources(s, &mut d);
                    })
                })
                .map_err(|e| Error::io("cannot start the rebuild thread", Path::new("."), e))?;
        }

        if !local.ip().is_loopback() {
            eprintln!("warning: serving on {local}, which other machines on the network can reach");
            eprintln!("warning: anyone who can connect can read this handbook; use 127.0.0.1 to keep it private");
        }
        if local.ip().is_unspecified() || !options.allow_hosts.is_empty() {
            println!("Answering requests for {}; other host names get 403 (add one with --allow-host NAME)", shared.hosts.describe());
        }
        ready(local);
        let app = http::router(shared.clone());
        let stop = shared.clone();
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = tokio::signal::ctrl_c().await;
                let _ = stop.stopping.send(true);
            })
            .await
            .map_err(|e| Error::io("the server stopped", Path::new("."), e))?;
        drop(debouncer);
        Ok(())
    })
}
