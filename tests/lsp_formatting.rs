//! `textDocument/formatting` from the real binary: half-width punctuation in Chinese text
//! becomes full-width, and nothing else changes; an astral character before the edits makes
//! UTF-16 positions differ from code points.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{range, LspClient};
use serde_json::{json, Value};

/// Applies LSP text edits (UTF-16 positions, as negotiated by default) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = lines[..line].iter().map(|l| l.len()).sum();
        let mut units = 0;
        for (i, c) in lines[line].char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + lines[line].len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut cursor = 0;
    for (start, end, new) in spans {
        out.push_str(&text[cursor..start]);
        out.push_str(new);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    out
}

#[test]
fn formatting_makes_chinese_punctuation_full_width() {
    let uri = "file:///tmp/jianggao-test/format.txt";
    let text =
        "在𠮷村秋收动员会上的讲话\n同志们：\n今天𠮷村开会, 部署秋收。各村(组)要抓紧;时间:10:30。\n";
    let (mut lsp, init) = LspClient::start(&[]);
    assert_eq!(init["capabilities"]["documentFormattingProvider"], true);
    lsp.did_open(uri, "plaintext", 1, text);
    let edits = lsp
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .unwrap();
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 5, "{edits:?}");
    // `, ` with its space: 今天 𠮷(2 units) 村开会 = UTF-16 columns 7..9 of line 2.
    assert_eq!(edits[0]["range"], range((2, 7), (2, 9)));
    assert_eq!(
        apply(text, edits),
        "在𠮷村秋收动员会上的讲话\n同志们：\n今天𠮷村开会，部署秋收。各村（组）要抓紧；时间：10:30。\n"
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn formatting_an_unknown_document_answers_null() {
    let (mut lsp, _) = LspClient::start(&[]);
    let answer = lsp
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": "file:///tmp/none.txt"}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .unwrap();
    assert_eq!(answer, Value::Null);
    assert_eq!(lsp.shutdown_and_exit(), 0);
}
