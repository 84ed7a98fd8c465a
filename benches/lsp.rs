//! Language-server costs: one keystroke on a 100 KB draft (rope edit, then re-analysis) and
//! range conversion in each position encoding.

use std::sync::LazyLock;

use jianggao::lsp::{convert, documents::apply_change};
use jianggao::position::Encoding;
use jianggao::{analyze_with, Config, DocKind};
use ropey::Rope;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

fn main() {
    // Load the segmenter's dictionary before anything is timed (the server does it at start).
    jianggao::analysis::warm_up();
    divan::main();
}

/// About 100 KB of draft: CJK prose with an astral character, CRLF line ends, placeholders.
static TEXT: LazyLock<String> = LazyLock::new(|| {
    let paragraph = "一是要提高思想认识，𠮷把XX工作摆在突出位置，切实抓紧抓好。\r\n";
    let mut text = String::from("同志们：\r\n");
    while text.len() < 100_000 {
        text.push_str(paragraph);
    }
    text
});

static ROPE: LazyLock<Rope> = LazyLock::new(|| Rope::from_str(&TEXT));

/// A position in the middle of the draft, in UTF-16.
fn middle() -> Position {
    Position::new(ROPE.len_lines() as u32 / 2, 10)
}

fn keystroke() -> TextDocumentContentChangeEvent {
    let at = middle();
    TextDocumentContentChangeEvent {
        range: Some(Range::new(at, at)),
        range_length: None,
        text: "讲".to_owned(),
    }
}

#[divan::bench]
fn keystroke_edit_100kb(bencher: divan::Bencher) {
    let change = keystroke();
    bencher
        .with_inputs(|| ROPE.clone())
        .bench_local_refs(|rope| apply_change(rope, &change, Encoding::Utf16));
}

#[divan::bench(sample_count = 20)]
fn keystroke_and_reanalysis_100kb(bencher: divan::Bencher) {
    let change = keystroke();
    let config = Config::default();
    bencher
        .with_inputs(|| ROPE.clone())
        .bench_local_refs(|rope| {
            let _ = apply_change(rope, &change, Encoding::Utf16);
            analyze_with(&rope.to_string(), DocKind::Plain, &config)
        });
}

#[divan::bench(args = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])]
fn range_to_lsp(encoding: Encoding) -> Range {
    let start = TEXT.len() / 2;
    let start = (start..).find(|&i| TEXT.is_char_boundary(i)).unwrap_or(0);
    convert::range(divan::black_box(&*ROPE), start..start + 6, encoding)
}

/// The same through a line index of the text, as `jianggao check` converts (side by side with
/// the rope above).
#[divan::bench(args = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])]
fn range_to_lsp_line_index(bencher: divan::Bencher, encoding: Encoding) {
    let lines = jianggao::position::LineIndex::new(&TEXT);
    let start = TEXT.len() / 2;
    let start = (start..).find(|&i| TEXT.is_char_boundary(i)).unwrap_or(0);
    bencher.bench_local(|| convert::range(divan::black_box(&lines), start..start + 6, encoding));
}

#[divan::bench(args = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])]
fn position_to_offset(encoding: Encoding) -> usize {
    convert::offset(divan::black_box(&ROPE), middle(), encoding)
}
