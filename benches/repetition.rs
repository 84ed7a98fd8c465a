//! Repetition checks on the largest corpus draft: a full analysis from scratch, the same with
//! every paragraph's segmentation cached, and a one-character edit in the middle of the draft
//! (one paragraph re-segmented). Also prints the first cut of the draft with jieba-rs's own
//! dictionary load and with the compiled-in table, side by side.
//!
//! Run: `cargo bench --bench repetition`.

#[path = "../tests/common/corpus.rs"]
mod corpus;
#[path = "support/edit.rs"]
mod edit;

use std::sync::LazyLock;
use std::time::Instant;

use jianggao::{analyze_with, Config, DocKind, Draft};

fn main() {
    eprintln!("draft: {} ({} bytes)", DRAFT.0, DRAFT.1.len());
    // Side by side, each on a fresh thread: cutting the draft for the first time with the
    // whole dictionary loaded by jieba-rs, and with the compiled-in table (jieba learns the
    // draft's words from it).
    let whole = std::thread::spawn(|| {
        let start = Instant::now();
        let jieba = jianggao::segment::load_whole_dictionary();
        let loaded = start.elapsed();
        let words = jieba.tag(&DRAFT.1, true).len();
        (loaded, start.elapsed(), words)
    })
    .join()
    .unwrap();
    let table = std::thread::spawn(|| {
        let start = Instant::now();
        let words = jianggao::segment::tag(&DRAFT.1).len();
        (start.elapsed(), words)
    })
    .join()
    .unwrap();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    eprintln!(
        "first cut of the draft: whole dictionary {:.1} ms (load {:.1} ms), compiled-in table \
         {:.1} ms: {:.2}x (both cut and tag it; {} and {} words)",
        ms(whole.1),
        ms(whole.0),
        ms(table.0),
        ms(table.0) / ms(whole.1),
        whole.2,
        table.1
    );
    divan::main();
}

/// The largest corpus file, or a generated draft of similar size when the corpus is absent.
static DRAFT: LazyLock<(String, String)> = LazyLock::new(|| {
    let largest = corpus::all().into_iter().max_by_key(|(_, text)| text.len());
    match largest {
        Some(draft) => draft,
        None => {
            let paragraph = "今年以来，我们紧紧围绕全年目标任务，进一步加强组织领导，切实转变工作作风，各项工作取得了新的进展。\n\n";
            ("generated".to_owned(), paragraph.repeat(700))
        }
    }
});

/// Only the repetition rules, so the figures are theirs (plus parsing, measured apart).
static REPETITION_ONLY: LazyLock<Config> = LazyLock::new(|| {
    let (config, problems) = Config::from_toml("[rules]\nplaceholder = \"off\"\n");
    assert!(problems.is_empty(), "{problems:?}");
    config
});

/// Full analysis with an empty segmentation cache: every paragraph is segmented.
#[divan::bench(sample_count = 20)]
fn full_analysis_cold(bencher: divan::Bencher) {
    bencher.bench_local(|| {
        jianggao::segment::clear_cache();
        analyze_with(&DRAFT.1, DocKind::Plain, &REPETITION_ONLY)
    });
}

/// Full analysis when every paragraph's segmentation is cached.
#[divan::bench]
fn full_analysis_warm(bencher: divan::Bencher) {
    analyze_with(&DRAFT.1, DocKind::Plain, &REPETITION_ONLY);
    bencher.bench_local(|| analyze_with(&DRAFT.1, DocKind::Plain, &REPETITION_ONLY));
}

/// One keystroke in the middle: one paragraph is re-segmented, the rest come from the cache.
#[divan::bench]
fn one_char_edit_warm(bencher: divan::Bencher) {
    analyze_with(&DRAFT.1, DocKind::Plain, &REPETITION_ONLY);
    bencher
        .with_inputs(|| edit::with_char_in_middle(&DRAFT.1))
        .bench_local_refs(|text| analyze_with(text, DocKind::Plain, &REPETITION_ONLY));
}

/// Parsing the edited draft alone: subtract from `one_char_edit_warm` for the checks' share.
#[divan::bench]
fn parse_only(bencher: divan::Bencher) {
    let config = Config::default();
    bencher
        .with_inputs(|| edit::with_char_in_middle(&DRAFT.1))
        .bench_local_refs(|text| Draft::parse(text, DocKind::Plain, &config).paragraphs.len());
}
