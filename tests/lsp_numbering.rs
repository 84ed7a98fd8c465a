//! Protocol test for numbering quick fixes: the code action on a gap returns a WorkspaceEdit
//! that, applied by the client, leaves a draft with no numbering finding.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{LspClient, Units};
use serde_json::{json, Value};

const DRAFT: &str = "在全县春耕生产座谈会上的讲话\n同志们：\n今天召开座谈会，听听大家对春耕生产的意见。\n一、抓好农资供应\n农资要保障到位，一是保证𠮷种子充足，三是保证化肥及时到位。\n二、抓好技术服务\n技术人员要下到田间地头。\n同志们，让我们抓住农时，夺取春耕生产的主动权！\n";

/// Byte offset of an LSP position, computed by the client independently of the server.
fn offset_of(text: &str, line: u64, character: u64, units: Units) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    }
    let mut counted = 0u64;
    for (i, c) in text[start..].char_indices() {
        if counted >= character || c == '\n' {
            return start + i;
        }
        counted += match units {
            Units::Utf8 => c.len_utf8() as u64,
            Units::Utf16 => c.len_utf16() as u64,
            Units::Utf32 => 1,
        };
    }
    text.len()
}

/// Applies the text edits of a WorkspaceEdit for `uri` to `text`, back to front.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .expect("edits for the document")
        .iter()
        .map(|e| {
            let at = |p: &Value| {
                offset_of(
                    text,
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                    Units::Utf16,
                )
            };
            (
                at(&e["range"]["start"]),
                at(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

fn codes(diagnostics: &[Value]) -> Vec<(String, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_gap_quick_fix_renumbers_and_clears_the_numbering_findings() {
    let uri = "file:///tmp/jianggao-test/gap.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 1, DRAFT);
    let diagnostics = lsp.diagnostics(uri, 1);
    assert_eq!(codes(&diagnostics), [("numbering-gap".to_owned(), 4)]);
    let gap = diagnostics[0].clone();

    let actions = lsp
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": gap["range"],
                "context": {"diagnostics": [gap]}
            }),
        )
        .unwrap();
    let quickfixes: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .collect();
    assert_eq!(quickfixes.len(), 1, "{actions}");
    let fixed = apply(DRAFT, &quickfixes[0]["edit"], uri);
    assert_eq!(fixed, DRAFT.replace("三是保证化肥", "二是保证化肥"));

    // The client applies the edit and sends the new text: nothing is left to report.
    lsp.did_change(uri, 2, vec![json!({"text": fixed})]);
    assert_eq!(lsp.diagnostics(uri, 2), Vec::<Value>::new());
    assert_eq!(lsp.shutdown_and_exit(), 0);
}
