//! How long analysis takes: on each corpus draft, on a ~1 MB draft made by repeating the
//! example, each check alone on a parsed draft (its share of the total), one keystroke in a
//! 100 KB rope followed by a full re-analysis, and one character typed into the largest corpus
//! draft with the segmentation cache warm. Run with `cargo bench --bench analyze` or
//! `.ci/bench`. The corpus comes from `tests/common/corpus.rs` (as in the tests); absent, those
//! benchmarks have no cases.

#[path = "../tests/common/corpus.rs"]
mod corpus;
#[path = "support/edit.rs"]
mod edit;

use std::hint::black_box;
use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::Bencher;
use jianggao::checks::{Check, Context, CHECKS};
use jianggao::{analyze_with, Config, DocKind, Draft};
use ropey::Rope;

fn main() {
    // Load the segmenter's dictionary and word lists before anything is timed.
    jianggao::analysis::warm_up();
    divan::main();
}

const SAMPLE: &str = include_str!("../examples/anquan-shengchan.txt");

/// The corpus drafts: (file name, text), sorted by name.
static CORPUS: LazyLock<Vec<(String, String)>> = LazyLock::new(corpus::all);

/// The drafts of the corpus's `pages/` folder, one after another (empty without a corpus).
static PAGES: LazyLock<String> = LazyLock::new(|| {
    let Some(dir) = corpus::dir().map(|d| d.join("pages")) else {
        return String::new();
    };
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n")
});

/// About 1 MB of draft: the example repeated.
static LARGE: LazyLock<String> = LazyLock::new(|| repeat_to(1_000_000));

fn repeat_to(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + SAMPLE.len());
    while text.len() < bytes {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    text
}

fn corpus_names() -> Vec<&'static str> {
    CORPUS.iter().map(|(name, _)| name.as_str()).collect()
}

fn corpus_text(name: &str) -> &'static str {
    CORPUS
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, text)| text.as_str())
}

/// The largest corpus draft, or the example when there is no corpus.
fn largest_corpus_text() -> &'static str {
    CORPUS
        .iter()
        .map(|(_, text)| text.as_str())
        .max_by_key(|text| text.len())
        .unwrap_or(SAMPLE)
}

/// Each check named by its first rule code.
fn check_names() -> Vec<&'static str> {
    CHECKS
        .iter()
        .filter_map(|check| check.rules().first().map(|rule| rule.code))
        .collect()
}

fn check_named(name: &str) -> &'static dyn Check {
    *CHECKS
        .iter()
        .find(|check| check.rules().first().is_some_and(|r| r.code == name))
        .expect("listed by check_names")
}

fn kind_of(name: &str) -> DocKind {
    DocKind::from_path(name)
}

/// Full analysis of each corpus draft.
#[divan::bench(args = corpus_names())]
fn corpus(bencher: Bencher, name: &str) {
    let text = corpus_text(name);
    let config = Config::default();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| analyze_with(black_box(text), kind_of(name), &config));
}

/// Full analysis of each corpus draft from cold: every memo table emptied first (segmentation
/// included), as the first analysis of a process or of a newly opened draft.
#[divan::bench(args = corpus_names(), sample_count = 20)]
fn corpus_cold(bencher: Bencher, name: &str) {
    let text = corpus_text(name);
    let config = Config::default();
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(jianggao::memo::clear_all)
        .bench_local_values(|()| analyze_with(black_box(text), kind_of(name), &config));
}

/// Full analysis of ~1 MB.
#[divan::bench(sample_count = 20)]
fn large_1mb(bencher: Bencher) {
    let text = LARGE.as_str();
    let config = Config::default();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| analyze_with(black_box(text), DocKind::Plain, &config));
}

/// Building the draft model alone (every check pays this once per analysis).
#[divan::bench(args = ["largest-corpus", "1mb"])]
fn parse(bencher: Bencher, input: &str) {
    let text = if input == "1mb" {
        LARGE.as_str()
    } else {
        largest_corpus_text()
    };
    let config = Config::default();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        Draft::parse(black_box(text), DocKind::Plain, &config)
            .paragraphs
            .len()
    });
}

/// The residue scan alone (part of building the model): on the largest corpus draft, on each
/// draft of `pages/` together (template-site pages, dense with residue), and on ~1 MB.
#[divan::bench(args = ["largest-corpus", "pages", "1mb"])]
fn residue_scan(bencher: Bencher, input: &str) {
    let text = match input {
        "1mb" => LARGE.as_str(),
        "pages" => PAGES.as_str(),
        _ => largest_corpus_text(),
    };
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| jianggao::draft::residue::detect(black_box(text)).len());
}

/// Each check alone on an already-parsed draft: its share of the analysis.
#[divan::bench(args = check_names())]
fn check_on_largest_corpus(bencher: Bencher, name: &str) {
    check_alone(bencher, name, largest_corpus_text());
}

#[divan::bench(args = check_names(), sample_count = 20)]
fn check_on_1mb(bencher: Bencher, name: &str) {
    check_alone(bencher, name, LARGE.as_str());
}

fn check_alone(bencher: Bencher, name: &str, text: &str) {
    let config = Config::default();
    let draft = Draft::parse(text, DocKind::Plain, &config);
    let cx = Context::new(&draft, &config);
    let check = check_named(name);
    bencher.counter(BytesCount::of_str(text)).bench_local(|| {
        let mut out = Vec::new();
        check.check(black_box(&cx), &mut out);
        out
    });
}

/// One keystroke in the middle of a 100 KB draft: the rope edit alone, and the edit followed
/// by a full re-analysis (what the server does per change). Each keystroke types a different
/// character, so the edited paragraph is never in the memo tables.
#[divan::bench(args = ["edit-only", "edit-and-analyze"])]
fn keystroke_100kb(bencher: Bencher, what: &str) {
    let base = repeat_to(100_000);
    let config = Config::default();
    let analyze = what == "edit-and-analyze";
    bencher
        .with_inputs(|| Rope::from_str(&base))
        .bench_local_values(|mut rope| {
            let middle = rope.len_chars() / 2;
            rope.insert_char(middle, edit::next_char());
            if analyze {
                let text = rope.to_string();
                analyze_with(&text, DocKind::Plain, &config).findings.len()
            } else {
                rope.len_bytes()
            }
        });
}

/// One character typed in the middle of the largest corpus draft, then the full analysis with
/// every check, the segmentation cache warm from the unedited text: a real keystroke's cost.
#[divan::bench]
fn one_char_edit_largest_corpus(bencher: Bencher) {
    let text = largest_corpus_text();
    let config = Config::default();
    analyze_with(text, DocKind::Plain, &config);
    bencher
        .with_inputs(|| edit::with_char_in_middle(text))
        .bench_local_refs(|edited| analyze_with(black_box(edited), DocKind::Plain, &config));
}
