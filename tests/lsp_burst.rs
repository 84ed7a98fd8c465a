//! The ordering proof: thousands of incremental edits sent back to back, without waiting for
//! anything, must leave the server's copy identical to the client's.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{change, position_of, LspClient, Units};
use serde_json::Value;

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "讲",
    "稿",
    "a",
    "Z",
    "𠮷",
    "😀",
    "\r\n",
    "\n",
    "同志们：",
    "XX",
    "，",
    "　",
    "\r",
];

/// Byte offsets where an edit may start or end: char boundaries not between CR and LF.
fn boundaries(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .filter(|&i| !(i > 0 && bytes[i - 1] == b'\r' && bytes.get(i) == Some(&b'\n')))
        .collect()
}

/// One random change on `model`: applied to it, returned as the LSP change that does the same.
fn random_change(rng: &mut Rng, model: &mut String, units: Units) -> Value {
    let points = boundaries(model);
    let a = points[rng.below(points.len())];
    let (start, end) = match rng.below(10) {
        // Insert.
        0..=5 => (a, a),
        // Delete or replace a short span after `a`.
        _ => {
            let i = points.iter().position(|&p| p == a).unwrap_or(0);
            let j = (i + 1 + rng.below(4)).min(points.len() - 1);
            (a, points[j])
        }
    };
    let insert: String = if start < end && rng.below(2) == 0 {
        String::new()
    } else {
        (0..1 + rng.below(3))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect()
    };
    let edit = change(
        position_of(model, start, units),
        position_of(model, end, units),
        &insert,
    );
    model.replace_range(start..end, &insert);
    edit
}

fn burst(units: Units, encodings: &[&str], seed: u64) {
    const EDITS: i64 = 2_000;
    let uri = format!("file:///tmp/jianggao-test/burst-{seed}.txt");
    let initial = "同志们：\r\n今天XX开会。\n𠮷😀\r末行";
    let (mut lsp, _) = LspClient::start(encodings);
    lsp.did_open(&uri, "plaintext", 1, initial);
    let mut model = initial.to_owned();
    let mut rng = Rng(seed);
    for version in 2..=EDITS + 1 {
        // Mostly one change per notification, sometimes a batch applied in sequence.
        let changes = (0..if rng.below(8) == 0 { 3 } else { 1 })
            .map(|_| random_change(&mut rng, &mut model, units))
            .collect();
        lsp.did_change(&uri, version, changes);
    }
    let (version, text) = lsp.document_text(&uri);
    assert_eq!(version, EDITS + 1);
    assert_eq!(text, model, "server copy differs from the client's");

    // The last version is analysed exactly as the core analyses the client's text, and no
    // publication ever went back to an older version.
    let diagnostics = lsp.diagnostics(&uri, EDITS + 1);
    let expected = jianggao::analyze(&model, jianggao::DocKind::Plain);
    assert_eq!(diagnostics.len(), expected.findings.len());
    let versions = lsp.published_versions(&uri);
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "published out of order: {versions:?}"
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn burst_of_2000_edits_utf16() {
    burst(Units::Utf16, &[], 0x9E37_79B9_7F4A_7C15);
}

#[test]
fn burst_of_2000_edits_utf8() {
    burst(Units::Utf8, &["utf-8"], 0xD1B5_4A32_D192_ED03);
}

#[test]
fn burst_of_2000_edits_utf32() {
    burst(Units::Utf32, &["utf-32"], 0x1234_5678_9ABC_DEF1);
}
