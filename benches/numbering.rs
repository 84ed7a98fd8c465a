//! Numbering analysis on the largest corpus draft (001_*, ~107 KB): building the sequences and
//! running the numbering rules, next to parsing the draft and the whole analysis for scale.
//! Run with `cargo bench --bench numbering`.

#[path = "../tests/common/corpus.rs"]
mod corpus;

use jianggao::checks::{Context, CHECKS};
use jianggao::draft::sequence;
use jianggao::{analyze, Config, DocKind, Draft, Finding};

fn main() {
    // Load the segmenter's dictionary before anything is timed (whole_analysis needs it).
    jianggao::analysis::warm_up();
    divan::main();
}

/// The largest corpus draft, 001_*, or nothing without a corpus.
fn corpus_text() -> String {
    corpus::read("001_").unwrap_or_default()
}

fn is_numbering(code: &str) -> bool {
    code.starts_with("numbering-") || code == "announced-count"
}

/// Building the sequences from the parsed model (part of `Draft::parse`).
#[divan::bench]
fn sequences(bencher: divan::Bencher) {
    let text = corpus_text();
    let draft = Draft::parse(&text, DocKind::Plain, &Config::default());
    bencher.bench(|| sequence::build(&draft.paragraphs, &draft.speeches, &draft.sections));
}

/// The numbering and announced-count rules on the parsed draft.
#[divan::bench]
fn numbering_rules(bencher: divan::Bencher) {
    let text = corpus_text();
    let config = Config::default();
    let draft = Draft::parse(&text, DocKind::Plain, &config);
    let checks: Vec<_> = CHECKS
        .iter()
        .filter(|c| c.rules().iter().any(|r| is_numbering(r.code)))
        .collect();
    bencher.bench(|| {
        let cx = Context::new(&draft, &config);
        let mut out: Vec<Finding> = Vec::new();
        for check in &checks {
            check.check(&cx, &mut out);
        }
        out
    });
}

/// Parsing the draft (sequences included), for scale.
#[divan::bench]
fn parse(bencher: divan::Bencher) {
    let text = corpus_text();
    bencher.bench(|| {
        Draft::parse(&text, DocKind::Plain, &Config::default())
            .sequences
            .len()
    });
}

/// The whole analysis, for scale.
#[divan::bench]
fn whole_analysis(bencher: divan::Bencher) {
    let text = corpus_text();
    bencher.bench(|| analyze(&text, DocKind::Plain).findings.len());
}

/// Each numbering check alone (by its first rule code).
#[divan::bench(args = ["numbering-gap", "numbering-style", "numbering-punctuation", "numbering-level", "announced-count"])]
fn each_check(bencher: divan::Bencher, code: &str) {
    let text = corpus_text();
    let config = Config::default();
    let draft = Draft::parse(&text, DocKind::Plain, &config);
    let check = CHECKS
        .iter()
        .find(|c| c.rules().iter().any(|r| r.code == code))
        .expect("registered");
    bencher.bench(|| {
        let cx = Context::new(&draft, &config);
        let mut out: Vec<Finding> = Vec::new();
        check.check(&cx, &mut out);
        out
    });
}
