//! Protocol tests for the outline: `textDocument/documentSymbol` and `textDocument/foldingRange`
//! from the real binary, with an astral character before a heading so UTF-16 and UTF-8
//! positions differ.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{range, LspClient};
use serde_json::{json, Value};

const DRAFT: &str = "在𠮷村秋收动员会上的讲话\n同志们：\n今天开会，部署秋收。\n一、𠮷村要抓紧收割\n天气转凉，收割要抓紧，一是组织人手，二是调配机械。\n二、做好粮食储存\n粮食要晒干入仓。\n同志们，让我们夺取秋粮丰收！\n";

fn request(lsp: &mut LspClient, method: &str, uri: &str) -> Value {
    lsp.request(method, json!({"textDocument": {"uri": uri}}))
        .unwrap()
}

/// A symbol reduced to what the outline view shows, recursively.
fn shape(symbol: &Value) -> Value {
    let mut out = json!({
        "name": symbol["name"],
        "detail": symbol["detail"],
        "range": symbol["range"],
        "selectionRange": symbol["selectionRange"],
    });
    if let Some(children) = symbol["children"].as_array() {
        out["children"] = children.iter().map(shape).collect();
    }
    out
}

/// What a speech's detail says after its time: the tallies of the CLI's summary of `text`.
fn tallies(text: &str) -> String {
    let analysis = jianggao::analyze(text, jianggao::DocKind::Plain);
    let all: Vec<&jianggao::Finding> = analysis.findings.iter().collect();
    jianggao::analysis::tallies(&all).join("，")
}

fn node(name: &str, detail: &str, full: Value, selection: Value) -> Value {
    json!({"name": name, "detail": detail, "range": full, "selectionRange": selection})
}

#[test]
fn document_symbols_follow_the_speech_in_utf16() {
    let uri = "file:///tmp/jianggao-test/outline16.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 1, DRAFT);
    // Asked right after didOpen, as editors do: the answer must already be there.
    let symbols = request(&mut lsp, "textDocument/documentSymbol", uri);
    let speeches: Vec<Value> = symbols.as_array().unwrap().iter().map(shape).collect();
    // 在(1) 𠮷(2) 村秋收动员会上的讲话(10) = 13 UTF-16 units.
    let title = range((0, 0), (0, 13));
    let mut first = node(
        "𠮷村要抓紧收割",
        "一、 · 不足 1 分钟",
        range((3, 0), (4, 25)),
        // 一、(2) 𠮷(2) 村要抓紧收割(6)
        range((3, 0), (3, 10)),
    );
    first["children"] = json!([
        node(
            "组织人手",
            "一是 · 不足 1 分钟",
            range((4, 11), (4, 18)),
            range((4, 11), (4, 17))
        ),
        node(
            "调配机械",
            "二是 · 不足 1 分钟",
            range((4, 18), (4, 25)),
            range((4, 18), (4, 24))
        ),
    ]);
    // The kind's parts are missing (missing-section): the speech says so, as the CLI does.
    let mut speech = node(
        "在𠮷村秋收动员会上的讲话",
        &format!(
            "工作会议（据标题推断） · 不足 1 分钟 · 共 {}",
            tallies(DRAFT)
        ),
        range((0, 0), (7, 14)),
        title.clone(),
    );
    speech["children"] = json!([
        node(
            "在𠮷村秋收动员会上的讲话",
            "不足 1 分钟",
            title.clone(),
            title
        ),
        node(
            "同志们：",
            "不足 1 分钟",
            range((1, 0), (1, 4)),
            range((1, 0), (1, 4))
        ),
        node(
            "开头",
            "不足 1 分钟",
            range((2, 0), (2, 10)),
            range((2, 0), (2, 10))
        ),
        first,
        node(
            "做好粮食储存",
            "二、 · 不足 1 分钟",
            range((5, 0), (6, 8)),
            range((5, 0), (5, 8))
        ),
        node(
            "结尾",
            "不足 1 分钟",
            range((7, 0), (7, 14)),
            range((7, 0), (7, 14))
        ),
    ]);
    assert_eq!(speeches, vec![speech]);

    // One fold per node that spans more than one line: the speech and section 一 and 二.
    let folds = request(&mut lsp, "textDocument/foldingRange", uri);
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, [(0, 7), (3, 4), (5, 6)]);
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn document_symbols_use_the_negotiated_utf8_positions() {
    let uri = "file:///tmp/jianggao-test/outline8.txt";
    let (mut lsp, _) = LspClient::start(&["utf-8"]);
    lsp.did_open(uri, "plaintext", 1, DRAFT);
    let symbols = request(&mut lsp, "textDocument/documentSymbol", uri);
    let section = &symbols[0]["children"][3];
    assert_eq!(section["name"], "𠮷村要抓紧收割");
    // 一、(6 bytes) 𠮷(4) 村要抓紧收割(18) = 28 bytes.
    assert_eq!(section["selectionRange"], range((3, 0), (3, 28)));
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn each_speech_says_how_many_placeholders_are_left() {
    let uri = "file:///tmp/jianggao-test/outline-tally.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    let text = DRAFT
        .replace("部署秋收", "请XX同志部署秋收")
        .replace("晒干入仓", "在XX月前晒干入仓");
    lsp.did_open(uri, "plaintext", 1, &text);
    let symbols = request(&mut lsp, "textDocument/documentSymbol", uri);
    let tally = tallies(&text);
    assert!(tally.starts_with("2 处占位符未填写，"), "{tally}");
    assert_eq!(
        symbols[0]["detail"],
        format!("工作会议（据标题推断） · 不足 1 分钟 · 共 {tally}")
    );
    // Only the speech carries the count; its parts show their time.
    assert_eq!(symbols[0]["children"][2]["detail"], "不足 1 分钟");
    assert_eq!(lsp.shutdown_and_exit(), 0);
}
