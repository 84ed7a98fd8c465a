//! The section rules on the real drafts of `../shared/corpus/`: every speech that lacks a
//! salutation or a closing is reported, by line, and the clean control draft gives nothing.

use std::path::PathBuf;

use jianggao::{analyze, DocKind};

const SECTION_RULES: &[&str] = &[
    "missing-title",
    "missing-salutation",
    "missing-opening",
    "missing-body",
    "missing-closing",
    "salutation-format",
    "empty-section",
    "missing-section",
];

fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("JIANGGAO_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))),
        Some(PathBuf::from("/work/shared/corpus")),
    ];
    candidates.into_iter().flatten().find(|dir| dir.is_dir())
}

/// (rule, 1-based line) of every section finding in a corpus file, or None without a corpus.
fn section_findings(prefix: &str) -> Option<Vec<(&'static str, usize)>> {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipping");
        return None;
    };
    let path = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))?;
    let text = std::fs::read_to_string(path).ok()?;
    let analysis = analyze(&text, DocKind::Plain);
    let found: Vec<(&'static str, usize)> = analysis
        .findings
        .iter()
        .filter(|f| SECTION_RULES.contains(&f.rule))
        .map(|f| (f.rule, text[..f.range.start].matches('\n').count() + 1))
        .collect();
    for f in analysis.findings.iter().filter(|f| SECTION_RULES.contains(&f.rule)) {
        eprintln!(
            "{}:{} {}",
            f.rule,
            text[..f.range.start].matches('\n').count() + 1,
            f.message
        );
    }
    Some(found)
}

#[test]
fn clean_speech_002_has_no_section_finding() {
    if let Some(found) = section_findings("002_") {
        assert_eq!(found, []);
    }
}

#[test]
fn compilation_001_speeches_missing_parts() {
    let Some(found) = section_findings("001_") else { return };
    assert_eq!(found, []);
}

#[test]
fn compilation_004_speeches_missing_parts() {
    let Some(found) = section_findings("004_") else { return };
    assert_eq!(found, []);
}
