//! Where every content file ends up: the link target of each item, and the other files of the
//! content folder, copied as they are unless their path is already taken.

// A fast hash: these tables hold every id and path, and are made again on every save.
use foldhash::HashMap;

use super::{LinkTarget, Parsed, Sets};
use crate::content::{AssetFile, Kind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{paths, Asset};

/// Every link target by content path, and the assets to copy.
pub(super) fn collect(
    sets: &Sets<'_>,
    files: &[AssetFile],
    diags: &mut Diagnostics,
) -> (HashMap<String, LinkTarget>, Vec<Asset>) {
    let mut targets: HashMap<String, LinkTarget> = HashMap::default();
    // Output paths taken so far (lowercased), and by what.
    let mut taken: HashMap<String, String> = HashMap::default();
    let mut add = |kind: Kind, list: Vec<(&Parsed<'_>, Option<String>)>| {
        for (i, (p, path)) in list.into_iter().enumerate() {
            let Some(path) = path else { continue };
            if let Some(page) = kind.page(&p.src.id) {
                taken.insert(page.to_ascii_lowercase(), p.src.file.clone());
            }
            targets.insert(
                p.src.content_path.clone(),
                LinkTarget {
                    kind: Some(kind),
                    index: i,
                    path,
                },
            );
        }
    };
    // Items with pages of their own, and tips on the tips page.
    fn own<'s, 'a, R>(
        kind: Kind,
        list: &'s [(Parsed<'a>, R)],
    ) -> Vec<(&'s Parsed<'a>, Option<String>)> {
        list.iter()
            .map(|(p, _)| (p, kind.page(&p.src.id)))
            .collect()
    }
    add(Kind::Principle, own(Kind::Principle, &sets.principles));
    add(Kind::Question, own(Kind::Question, &sets.questions));
    add(Kind::Page, own(Kind::Page, &sets.pages));
    add(Kind::Story, own(Kind::Story, &sets.stories));
    let tips = sets
        .tips
        .iter()
        .map(|(p, _)| {
            let anchor = Kind::Tip.anchor(&p.src.id).unwrap_or_default();
            (p, Some(format!("{}#{anchor}", paths::TIPS)))
        })
        .collect();
    add(Kind::Tip, tips);
    // An answer is a section of its question's page, when that question exists.
    let questions: HashMap<&str, ()> = sets
        .questions
        .iter()
        .map(|(p, _)| (p.src.id.as_str(), ()))
        .collect();
    let answers = sets
        .answers
        .iter()
        .map(|(p, raw)| {
            let path = raw
                .question
                .as_deref()
                .filter(|q| questions.contains_key(q))
                .map(|q| {
                    let anchor = Kind::Answer.anchor(&p.src.id).unwrap_or_default();
                    format!("{}#{anchor}", paths::question(q))
                });
            (p, path)
        })
        .collect();
    add(Kind::Answer, answers);
    for name in paths::RESERVED {
        taken.insert(name.to_string(), "the handbook".into());
    }

    let mut assets = Vec::new();
    let mut asset_paths: HashMap<String, String> = HashMap::default();
    for a in files {
        let lower = a.content_path.to_ascii_lowercase();
        let clash = taken
            .get(&lower)
            .or_else(|| asset_paths.get(&lower))
            .cloned()
            .or_else(|| {
                paths::RESERVED_DIRS
                    .iter()
                    .find(|d| lower == **d || lower.starts_with(&format!("{d}/")))
                    .map(|d| format!("the handbook's own `{d}/` folder"))
            });
        if let Some(other) = clash {
            diags.push(
                Diagnostic::error(format!(
                    "`{}` would be written to `{}`, which {other} also writes",
                    a.file, a.content_path
                ))
                .in_file(a.file.clone())
                .with_help("rename or move the file"),
            );
            continue;
        }
        asset_paths.insert(lower, a.file.clone());
        targets.insert(
            a.content_path.clone(),
            LinkTarget {
                kind: None,
                index: 0,
                path: a.content_path.clone(),
            },
        );
        assets.push(Asset {
            path: a.content_path.clone(),
            source: a.path.clone(),
        });
    }
    (targets, assets)
}
