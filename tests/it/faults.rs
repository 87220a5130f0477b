//! Faults a real author's machine produces: a repository in the output, read-only folders,
//! two builds at once, Ctrl-C, control characters in names. Nothing is lost, nothing is left.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;

fn handbook() -> tempfile::TempDir {
    fixture_copy("valid", "full")
}

/// Files beside the output that a build uses while writing (staging, old output, lock).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".prepbook-"))
        .collect()
}

/// A small git repository's files, as a `gh-pages` checkout would have them.
fn fake_repository(at: &Path) {
    std::fs::create_dir_all(at.join("objects/ab")).unwrap();
    std::fs::write(at.join("HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::write(at.join("objects/ab/cdef"), [0u8, 1, 2, 3]).unwrap();
}

#[test]
fn a_build_keeps_a_gh_pages_repository_inside_the_output() {
    let tmp = handbook();
    let out = build_ok(tmp.path());
    fake_repository(&out.join(".git"));
    let repo = read_tree(&out.join(".git"));
    let page = tmp.path().join("content/pages/process.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("title: ", "title: Renamed ")).unwrap();
    for _ in 0..2 {
        build_ok(tmp.path());
        assert_eq!(read_tree(&out.join(".git")), repo, "the repository changed");
    }
    let html = std::fs::read_to_string(out.join("process.html")).unwrap();
    assert!(html.contains("Renamed"), "the output was not rebuilt");
    assert!(
        leftovers(tmp.path()).is_empty(),
        "{:?}",
        leftovers(tmp.path())
    );
}

#[test]
fn a_fresh_clone_as_the_output_folder_is_built_into() {
    let tmp = handbook();
    let out = tmp.path().join("book");
    fake_repository(&out.join(".git"));
    build_ok(tmp.path());
    assert!(out.join("index.html").is_file());
    assert!(out.join(".git/objects/ab/cdef").is_file());
    // A `.git` file (a worktree) is kept the same way.
    let tmp = handbook();
    let out = tmp.path().join("book");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join(".git"), "gitdir: /elsewhere\n").unwrap();
    build_ok(tmp.path());
    build_ok(tmp.path());
    assert_eq!(
        std::fs::read_to_string(out.join(".git")).unwrap(),
        "gitdir: /elsewhere\n"
    );
}

#[test]
fn a_nested_git_is_never_deleted_with_or_without_marker_or_force() {
    // In prepbook's own output.
    let tmp = handbook();
    let out = build_ok(tmp.path());
    fake_repository(&out.join("deploy/.git"));
    let before = read_tree(tmp.path());
    for args in [&["build"][..], &["build", "--force"]] {
        let o = prepbook(tmp.path(), args);
        assert!(!o.status.success(), "{args:?} replaced a nested repository");
        let err = stderr(&o);
        assert!(err.contains("deploy/.git"), "{err}");
        assert!(err.contains("never deletes"), "{err}");
        assert_eq!(read_tree(tmp.path()), before);
    }
    // In a folder prepbook did not write.
    let tmp = handbook();
    fake_repository(&tmp.path().join("out/site/.git"));
    std::fs::write(tmp.path().join("out/readme.txt"), "mine").unwrap();
    let before = read_tree(tmp.path());
    let o = prepbook(tmp.path(), &["build", "-o", "out", "--force"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("site/.git"), "{}", stderr(&o));
    assert_eq!(read_tree(tmp.path()), before);
}

#[test]
fn a_forced_build_refuses_a_folder_containing_the_home_folder() {
    let tmp = handbook();
    let parent = tempfile::tempdir().unwrap();
    let home = parent.path().join("users/me");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join(".profile"), "x").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_prepbook"))
        .args(["build", "--force", "-o"])
        .arg(parent.path().join("users"))
        .current_dir(tmp.path())
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("it contains your home folder"),
        "{}",
        stderr(&o)
    );
    assert!(home.join(".profile").is_file());
}

#[test]
fn system_folders_are_refused_even_when_forced() {
    let tmp = handbook();
    for out in ["/usr", "/var", "/proc/prepbook-test", "/etc/prepbook-test"] {
        let o = prepbook(tmp.path(), &["build", "-o", out, "--force"]);
        assert!(!o.status.success(), "{out} was accepted");
        assert!(
            stderr(&o).contains("a folder of the operating system"),
            "{out}: {}",
            stderr(&o)
        );
    }
    assert!(!Path::new("/etc/prepbook-test").exists());
}

/// `prepbook` as an unprivileged user when the tests run as root (root may write anywhere, so
/// a read-only folder would not be read-only to it), else as it is.
fn prepbook_unprivileged(cwd: &Path, args: &[&str]) -> std::process::Output {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_prepbook"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_prepbook"))
    };
    cmd.args(args).current_dir(cwd).output().unwrap()
}

fn chown_tree(dir: &Path, uid: u32) {
    for e in walkdir::WalkDir::new(dir) {
        std::os::unix::fs::lchown(e.unwrap().path(), Some(uid), Some(uid)).unwrap();
    }
}

#[test]
fn a_read_only_output_is_refused_before_the_swap() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = handbook();
    let out = build_ok(tmp.path());
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        chown_tree(tmp.path(), 65534);
    }
    let sub = out.join("questions");
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::write(
        tmp.path().join("content/pages/new.md"),
        "---\ntitle: New\n---\nx\n",
    )
    .unwrap();
    let before = read_tree(&out);
    let o = prepbook_unprivileged(tmp.path(), &["build"]);
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(!o.status.success(), "a read-only output was replaced");
    let err = stderr(&o);
    assert!(err.contains("questions` is read-only"), "{err}");
    assert!(err.contains("chmod -R u+w"), "{err}");
    assert_eq!(read_tree(&out), before, "the previous output changed");
    assert!(
        leftovers(tmp.path()).is_empty(),
        "{:?}",
        leftovers(tmp.path())
    );
}

#[test]
fn concurrent_builds_into_one_output_take_turns() {
    let tmp = handbook();
    let expected = {
        let out = build_ok(tmp.path());
        read_tree(&out)
    };
    for _ in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_prepbook"))
                    .arg("build")
                    .current_dir(tmp.path())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
        }
        assert_eq!(read_tree(&tmp.path().join("book")), expected);
        assert!(
            leftovers(tmp.path()).is_empty(),
            "{:?}",
            leftovers(tmp.path())
        );
    }
}

/// A handbook big enough that writing it takes a while, to interrupt it in the middle.
fn big_handbook() -> tempfile::TempDir {
    let tmp = handbook();
    let q = tmp.path().join("content/questions");
    for i in 0..1500 {
        std::fs::write(
            q.join(format!("extra-{i}.md")),
            format!(
                "---\nquestion: \"Extra question number {i}?\"\nprinciples: [ownership]\n---\n\
                 Notes for question {i}, long enough to be a page of its own.\n"
            ),
        )
        .unwrap();
    }
    tmp
}

fn staging_in(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains("prepbook-staging"))
        .map(|e| e.path())
}

#[test]
fn ctrl_c_during_the_write_leaves_no_staging_folder() {
    let tmp = big_handbook();
    let out = build_ok(tmp.path());
    let mut last = read_tree(&out);
    std::fs::write(
        tmp.path().join("content/pages/new.md"),
        "---\ntitle: New\n---\nx\n",
    )
    .unwrap();
    let mut interrupted = false;
    for _ in 0..10 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prepbook"))
            .arg("build")
            .current_dir(tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if staging_in(tmp.path()).is_some() {
                // SAFETY: kill with the pid of our own, still running, child.
                unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let o = child.wait_with_output().unwrap();
        assert!(
            staging_in(tmp.path()).is_none(),
            "a staging folder was left"
        );
        assert!(
            leftovers(tmp.path()).is_empty(),
            "{:?}",
            leftovers(tmp.path())
        );
        if o.status.success() {
            // The write finished before the signal arrived: try again.
            last = read_tree(&out);
            continue;
        }
        assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
        assert!(stderr(&o).contains("interrupted"), "{}", stderr(&o));
        assert_eq!(read_tree(&out), last, "the previous output changed");
        interrupted = true;
        break;
    }
    assert!(interrupted, "no build was interrupted while writing");
}

#[test]
fn control_characters_in_a_file_name_are_escaped_in_messages() {
    let tmp = handbook();
    std::fs::write(
        tmp.path().join("content/pages/bad\u{1b}[2J\u{7}name.md"),
        "---\ntitle: X\n---\nx\n",
    )
    .unwrap();
    let o = prepbook(tmp.path(), &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("bad\\u{1b}[2J\\u{7}name.md"), "{err}");
}

#[test]
fn identical_headings_get_distinct_ids() {
    let tmp = handbook();
    let mut body = String::from("---\ntitle: Same\n---\n");
    for _ in 0..3 {
        body.push_str("### Same\n\ntext\n\n");
    }
    body.push_str("### Same 1\n\ntext\n\n### Same\n\ntext\n");
    std::fs::write(tmp.path().join("content/pages/same.md"), body).unwrap();
    let out = build_ok(tmp.path());
    let html = std::fs::read_to_string(out.join("same.html")).unwrap();
    let ids: Vec<&str> = html
        .split("<h3 id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 5, "{ids:?}");
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), 5, "{ids:?}");
}

/// A 2 MB tmpfs mounted for the test's lifetime, when this process may mount one (root).
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_the_build_and_keeps_the_previous_output() {
    let tmp = handbook();
    let Some(disk) = SmallDisk::mount(&tmp.path().join("disk")) else {
        println!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    };
    let out = disk.0.join("site");
    let out_arg = out.to_str().unwrap();
    let o = prepbook(tmp.path(), &["build", "-o", out_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = read_tree(&out);
    // An image too big for what is left of the disk.
    std::fs::write(
        tmp.path().join("content/images/big.png"),
        vec![7u8; 1_900_000],
    )
    .unwrap();
    let o = prepbook(tmp.path(), &["build", "-o", out_arg]);
    assert!(!o.status.success(), "a build onto a full disk succeeded");
    let err = stderr(&o);
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(read_tree(&out), before, "the previous output changed");
    assert!(leftovers(&disk.0).is_empty(), "{:?}", leftovers(&disk.0));
}
