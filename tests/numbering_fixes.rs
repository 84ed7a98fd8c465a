//! A numbering fix never makes a draft worse: for random drafts built from the paragraphs of
//! our own fixtures (clean, broken and nested ones, shuffled and repeated), applying any
//! numbering finding's fix gives a text with no more numbering findings than before.

use std::path::Path;

use jianggao::{analyze, DocKind, Finding};
use proptest::prelude::*;

fn is_numbering(f: &Finding) -> bool {
    f.rule.starts_with("numbering-") || f.rule == "announced-count"
}

/// Every non-blank line of every plain-text fixture.
fn paragraphs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["clean", "broken"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("fixture readable");
            out.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn no_numbering_fix_adds_numbering_findings(
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 2..24),
    ) {
        let pool = paragraphs();
        let text: String = picks
            .iter()
            .map(|i| format!("{}\n", pool[i.index(pool.len())]))
            .collect();
        let before = analyze(&text, DocKind::Plain);
        let count = before.findings.iter().filter(|f| is_numbering(f)).count();
        for finding in before.findings.iter().filter(|f| is_numbering(f)) {
            for fix in &finding.fixes {
                let after_text = fix.apply(&text);
                let after = analyze(&after_text, DocKind::Plain);
                let after_count = after.findings.iter().filter(|f| is_numbering(f)).count();
                prop_assert!(
                    after_count <= count,
                    "fix “{}” of {} ({}) turned {} numbering findings into {}\n--- before\n{}\n--- after\n{}",
                    fix.title, finding.rule, finding.message, count, after_count, text, after_text
                );
            }
        }
    }
}

#[test]
fn the_pool_holds_numbering_findings_with_fixes() {
    // The property is only worth something if the drafts it builds have fixes to try.
    let pool = paragraphs();
    let text: String = pool.iter().map(|p| format!("{p}\n")).collect();
    let analysis = analyze(&text, DocKind::Plain);
    let fixes = analysis
        .findings
        .iter()
        .filter(|f| is_numbering(f))
        .filter(|f| !f.fixes.is_empty())
        .count();
    assert!(fixes >= 3, "only {fixes} numbering fixes in the pool");
}
