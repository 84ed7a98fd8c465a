//! The shared corpus of real drafts, read at test and bench time (never copied into the
//! project). Found as `$JIANGGAO_CORPUS`, else `../shared/corpus` beside the crate, else
//! `/work/shared/corpus`; without one, tests skip and corpus benches have no cases.
//!
//! From a test: `#[path = "common/corpus.rs"] mod corpus;`; from a bench:
//! `#[path = "../tests/common/corpus.rs"] mod corpus;`.
#![allow(dead_code)] // each test or bench file uses a different part of it

use std::path::{Path, PathBuf};

/// The corpus folder, or `None` when none of the places holds one.
pub fn dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("JIANGGAO_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus"
        ))),
        Some(PathBuf::from("/work/shared/corpus")),
    ];
    candidates.into_iter().flatten().find(|dir| dir.is_dir())
}

/// The text of the draft whose file name starts with `prefix` (e.g. `"001_"`), or `None` after
/// saying so when there is no corpus. A corpus without that draft is a broken setup: panics.
pub fn read(prefix: &str) -> Option<String> {
    let Some(dir) = dir() else {
        eprintln!("corpus not found; skipping");
        return None;
    };
    let name = draft_names(&dir)
        .into_iter()
        .find(|name| name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no corpus draft named {prefix}* in {}", dir.display()));
    Some(read_draft(&dir, &name))
}

/// Every draft of the corpus as (file name, text), sorted by name; empty without a corpus.
pub fn all() -> Vec<(String, String)> {
    let Some(dir) = dir() else {
        eprintln!("corpus not found; skipping");
        return Vec::new();
    };
    draft_names(&dir)
        .into_iter()
        .map(|name| {
            let text = read_draft(&dir, &name);
            (name, text)
        })
        .collect()
}

/// 1-based line of a byte offset (an offset past the end counts as the end).
pub fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

/// The drafts' file names (`.txt` and `.md`, not the README), sorted.
fn draft_names(dir: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("corpus folder {} unreadable: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| (name.ends_with(".txt") || name.ends_with(".md")) && name != "README.md")
        .collect();
    names.sort();
    names
}

fn read_draft(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("corpus draft {} unreadable as UTF-8: {e}", path.display()))
}
