//! Fixture handbooks: valid ones built and compared with their expected output, invalid ones
//! checked for the exact error text, and for leaving nothing behind.

use crate::harness::*;

/// Builds `valid/<name>` and compares every page with `expected/`.
fn check_valid(name: &str) {
    let tmp = fixture_copy("valid", name);
    let out = build_ok(tmp.path());
    // A fixture may list the only files it is about in `snapshot.txt`.
    let only: Option<Vec<String>> =
        std::fs::read_to_string(fixtures().join("valid").join(name).join("snapshot.txt"))
            .ok()
            .map(|t| {
                t.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            });
    let got: Vec<(String, Vec<u8>)> = read_tree(&out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || !p.starts_with("assets/"))
        .filter(|(p, _)| only.as_ref().is_none_or(|o| o.contains(p)))
        .collect();
    let expected_dir = fixtures().join("valid").join(name).join("expected");
    if bless() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        if let Some(o) = &only {
            let missing: Vec<&String> = o
                .iter()
                .filter(|p| !got.iter().any(|(g, _)| g == *p))
                .collect();
            assert!(
                missing.is_empty(),
                "{name}: snapshot.txt names files the build did not write: {missing:?}"
            );
        }
        for (path, bytes) in &got {
            let p = expected_dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        return;
    }
    let expected: Vec<(String, Vec<u8>)> = read_tree(&expected_dir).into_iter().collect();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&got),
        names(&expected),
        "{name}: different files (PREPBOOK_BLESS=1 to update)"
    );
    for ((path, g), (_, e)) in got.iter().zip(&expected) {
        if g != e {
            panic!(
                "{name}: {path} differs from expected (PREPBOOK_BLESS=1 to update)\n--- got ---\n{}",
                String::from_utf8_lossy(g)
            );
        }
    }
}

/// Checks `invalid/<name>`: `check` and `build` both fail with the expected text, and write nothing.
fn check_invalid(name: &str) {
    let tmp = fixture_copy("invalid", name);
    let dir = tmp.path();
    let o = prepbook(dir, &["check"]);
    assert!(!o.status.success(), "{name}: check passed");
    let got = stderr(&o).replace(&dir.display().to_string(), "<ROOT>");
    // Every problem is reported once.
    let mut seen = std::collections::HashSet::new();
    for line in got.lines().filter(|l| l.contains("error: ")) {
        assert!(seen.insert(line), "{name}: reported twice: {line}");
    }
    let expected_file = fixtures()
        .join("invalid")
        .join(name)
        .join("expected-error.txt");
    if bless() {
        std::fs::write(&expected_file, &got).unwrap();
    } else {
        let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
        assert_eq!(
            got, expected,
            "{name}: error text differs (PREPBOOK_BLESS=1 to update)"
        );
    }
    let o = prepbook(dir, &["build"]);
    assert!(!o.status.success(), "{name}: build passed");
    assert_eq!(
        stderr(&o).replace(&dir.display().to_string(), "<ROOT>"),
        got,
        "{name}: build and check disagree"
    );
    assert!(
        !dir.join("book").exists(),
        "{name}: a failed build wrote output"
    );
    assert!(
        std::fs::read_dir(dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("prepbook-staging")),
        "{name}: a staging folder was left behind"
    );
}

macro_rules! fixture_tests {
    ($check:ident: $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                $check(&stringify!($name).replace('_', "-"));
            }
        )*
        /// Every fixture folder has a test above.
        #[test]
        fn every_fixture_has_a_test() {
            let group = if stringify!($check) == "check_valid" { "valid" } else { "invalid" };
            let listed: Vec<String> = vec![$(stringify!($name).replace('_', "-")),*];
            for entry in std::fs::read_dir(fixtures().join(group)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                assert!(listed.contains(&name), "fixture {group}/{name} has no test");
            }
        }
    };
}

mod valid {
    use super::*;
    fixture_tests!(check_valid: full, theme_override);
}

mod invalid {
    use super::*;
    fixture_tests!(check_invalid:
        bad_file_name,
        billion_laughs,
        broken_anchor,
        broken_link,
        config_syntax,
        config_wrong_type,
        deep_nesting,
        duplicate_id,
        duplicate_yaml_key,
        every_problem_once,
        empty_file,
        empty_title,
        file_outside_kind_folders,
        link_escapes_content,
        many_problems_at_once,
        messy_input,
        missing_config,
        missing_front_matter,
        missing_required_key,
        missing_section,
        no_principles,
        non_utf8,
        nul_byte,
        out_of_order_section,
        oversized_front_matter,
        page_output_collision,
        second_yaml_document,
        tab_indentation,
        template_extends_itself,
        template_syntax,
        text_before_first_section,
        unknown_config_key,
        unknown_framework,
        unknown_key,
        unknown_principle,
        unknown_question,
        unknown_section,
        unknown_stage,
        unknown_theme,
        unsafe_link_scheme,
        unterminated_front_matter,
        wrong_type,
        coach_not_a_number,
        page_named_like_a_generated_page,
        second_front_matter_block,
        template_include_cycle,
        template_includes_itself,
        template_recursive_macro,
        template_runtime_error,
        yaml_syntax,
    );
}

/// The `init` starter builds cleanly and needs no theme of its own.
#[test]
fn init_starter_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-book");
    let o = prepbook(tmp.path(), &["init", "new-book"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.join("themes").exists());
    for kind in ["principles", "questions", "answers", "tips", "pages"] {
        assert!(
            std::fs::read_dir(dir.join("content").join(kind))
                .unwrap()
                .next()
                .is_some(),
            "no {kind}"
        );
    }
    let principles = std::fs::read_dir(dir.join("content/principles"))
        .unwrap()
        .count();
    assert_eq!(principles, 2);
    let out = build_ok(&dir);
    assert!(out.join("index.html").is_file());
    assert!(out.join("principles/customer-focus.html").is_file());
    let o = prepbook(&dir, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "the starter has warnings");
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let o = prepbook(tmp.path(), &["init", "."]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("the folder is not empty"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

/// A theme's own static file is copied beside the built-in ones, and overrides win.
#[test]
fn theme_static_files_are_copied_and_override() {
    let tmp = fixture_copy("valid", "theme-override");
    let dir = tmp.path().join("themes/default/static");
    std::fs::write(dir.join("style.css"), "/* mine */\n").unwrap();
    let out = build_ok(tmp.path());
    assert_eq!(
        std::fs::read_to_string(out.join("assets/extra.css")).unwrap(),
        "body { color: red; }\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("assets/style.css")).unwrap(),
        "/* mine */\n"
    );
    assert!(std::fs::read_to_string(out.join("404.html"))
        .unwrap()
        .contains("Custom 404 for Fixture handbook"));
}
