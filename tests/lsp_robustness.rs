//! Issue 14: the real `jianggao lsp` never goes deaf. One connection gets every kind of bad
//! frame and bad message in turn; after each one an ordinary request must be answered
//! correctly, and the connection ends with eglot's `shutdown` (`"params": null`) and exit 0.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{change, LspClient};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/jianggao-test/robust.txt";

/// A `documentText` request body under `id`.
fn document_text_request(id: i64) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "jianggao/documentText",
           "params": {"textDocument": {"uri": URI}}})
    .to_string()
}

/// The ordinary request after each bad frame: the server's copy must be exactly `expected`.
fn assert_answers(lsp: &mut LspClient, after: &str, expected: (i64, &str)) {
    let (version, text) = lsp.document_text(URI);
    assert_eq!(
        (version, text.as_str()),
        expected,
        "after {after}; stderr:\n{}",
        lsp.stderr()
    );
}

/// Waits for the error response with a null id that answers a frame nothing could be read
/// from; returns its code.
fn null_id_error(lsp: &mut LspClient, what: &str) -> i64 {
    let error = lsp.wait_for(what, |m| m["id"].is_null() && m.get("error").is_some());
    error["error"]["code"].as_i64().expect("error code")
}

/// Waits for a warning in the editor's log containing `needle`.
fn logged(lsp: &mut LspClient, needle: &str) -> String {
    let params = lsp.notification("window/logMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains(needle))
    });
    params["message"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn every_bad_frame_on_one_connection_leaves_the_server_answering() {
    let (mut lsp, _) = LspClient::start(&[]);
    let mut text = String::from("同志们：\n今天开会。\n");
    lsp.did_open(URI, "plaintext", 1, &text);
    assert_answers(&mut lsp, "didOpen", (1, &text));

    // 1a. Garbage without a line end right before a frame.
    lsp.send_raw(b"\x00garbage-with-no-line-end");
    assert_answers(&mut lsp, "garbage without a line end", (1, &text));
    assert_eq!(null_id_error(&mut lsp, "garbage answered"), -32700);

    // 1b. No Content-Length at all: the message is still read and answered.
    let body = document_text_request(1001);
    lsp.send_raw(
        format!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}").as_bytes(),
    );
    assert_answers(&mut lsp, "a frame without Content-Length", (1, &text));
    assert_eq!(lsp.response(1001).expect("answered")["version"], 1);

    // 1c. Too small a Content-Length.
    let body = document_text_request(1002);
    lsp.send_raw(format!("Content-Length: 20\r\n\r\n{body}").as_bytes());
    assert_answers(&mut lsp, "too small a Content-Length", (1, &text));
    assert_eq!(lsp.response(1002).expect("answered")["version"], 1);

    // 1d. Too large a Content-Length.
    let body = document_text_request(1003);
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() + 500).as_bytes());
    assert_answers(&mut lsp, "too large a Content-Length", (1, &text));
    assert_eq!(lsp.response(1003).expect("answered")["version"], 1);

    // 1e. A Content-Length that is no number, and a negative one.
    for (n, length) in [(1004, "zwei"), (1005, "-12")] {
        let body = document_text_request(n);
        lsp.send_raw(format!("Content-Length: {length}\r\n\r\n{body}").as_bytes());
        assert_answers(&mut lsp, &format!("Content-Length: {length}"), (1, &text));
        assert_eq!(lsp.response(n).expect("answered")["version"], 1);
    }

    // 1f. A Content-Length counted in characters, not bytes (easy with Chinese): the edit
    // still reaches the document.
    let edit = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": URI, "version": 2},
        "contentChanges": [change((1, 5), (1, 5), "请大家畅所欲言。")]
    }})
    .to_string();
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n{edit}", edit.chars().count()).as_bytes());
    text = "同志们：\n今天开会。请大家畅所欲言。\n".to_owned();
    assert_answers(&mut lsp, "a length counted in characters", (2, &text));
    logged(&mut lsp, "Content-Length smaller than the message");

    // 1g. A Content-Length beyond the cap: refused at once, not read or skipped byte by byte.
    let body = document_text_request(1006);
    lsp.send_raw(format!("Content-Length: 99999999999999\r\n\r\n{body}").as_bytes());
    assert_answers(&mut lsp, "a Content-Length beyond the cap", (2, &text));
    assert_eq!(null_id_error(&mut lsp, "oversized frame answered"), -32600);

    // 1h. A header line without the blank line after it.
    let body = document_text_request(1007);
    lsp.send_raw(format!("Content-Length: {}\r\n{body}", body.len()).as_bytes());
    assert_answers(&mut lsp, "a missing blank line", (2, &text));
    assert_eq!(lsp.response(1007).expect("answered")["version"], 2);

    // A body that is not JSON, and one that is no JSON-RPC message.
    lsp.send_body("{\"jsonrpc\": \"2.0\", \"method\": ");
    assert_eq!(null_id_error(&mut lsp, "parse error"), -32700);
    assert_answers(&mut lsp, "a body that is not JSON", (2, &text));
    lsp.send_body(r#"{"id": 99, "greeting": "你好"}"#);
    let error = lsp.wait_for("invalid request", |m| m["id"] == 99);
    assert_eq!(error["error"]["code"], -32600);
    assert_answers(&mut lsp, "a body that is no message", (2, &text));

    // 3. An unknown `$/` request: method not found (an unknown `$/` notification: ignored).
    let error = lsp
        .request("$/jianggao/noSuchRequest", json!({}))
        .unwrap_err();
    assert_eq!(error["code"], -32601);
    lsp.notify("$/noSuchNotification", json!({}));
    assert_answers(&mut lsp, "an unknown $/ request", (2, &text));

    // 4. Malformed notifications are logged (editor log and stderr), not dropped in silence.
    let malformed = [
        json!({"textDocument": {"uri": URI, "languageId": "plaintext", "version": "三", "text": "x"}}),
        json!({"textDocument": {"uri": URI, "version": 3},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                             "end": {"line": 0, "character": 0}}}]}),
        json!({"textDocument": {"uri": URI, "version": 3},
               "contentChanges": [change((0, 0), (0, 0), "x")
                   .as_object().cloned().map(|mut c| {
                       c["range"]["start"]["line"] = json!(-1);
                       Value::Object(c)
                   }).unwrap()]}),
    ];
    for (method, params) in [
        ("textDocument/didOpen", &malformed[0]),
        ("textDocument/didChange", &malformed[1]),
        ("textDocument/didChange", &malformed[2]),
    ] {
        lsp.notify(method, params.clone());
        let message = logged(&mut lsp, &format!("malformed {method} for {URI} ignored"));
        assert!(message.contains("may now differ"), "{message}");
        assert_answers(&mut lsp, &format!("a malformed {method}"), (2, &text));
    }
    lsp.wait_for_stderr("malformed textDocument/didChange");

    // 5. A lone surrogate escape (as JavaScript editors send it) is read as U+FFFD, one
    // UTF-16 unit like the surrogate, so later positions stay aligned.
    lsp.send_body(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": 3},
            "contentChanges": [change((0, 0), (0, 0), "PLACEHOLDER")]
        }})
        .to_string()
        .replace("PLACEHOLDER", "甲\\ud800乙"),
    );
    text = format!("甲\u{FFFD}乙{text}");
    assert_answers(&mut lsp, "a lone surrogate", (3, &text));
    lsp.did_change(URI, 4, vec![change((0, 3), (0, 3), "丙")]);
    text = text.replacen('乙', "乙丙", 1);
    assert_answers(&mut lsp, "an edit after the surrogate", (4, &text));

    // 2. eglot's `shutdown`: `"params": null`, answered with null; then exit code 0.
    lsp.send_body(r#"{"jsonrpc":"2.0","id":4242,"method":"shutdown","params":null}"#);
    assert_eq!(lsp.response(4242), Ok(Value::Null));
    for message in &lsp.history {
        assert_eq!(
            message["jsonrpc"], "2.0",
            "only protocol on stdout: {message}"
        );
    }
    assert_eq!(lsp.exit(), 0);
}

/// Issue 14, item 6: a document opened again with a lower version (an editor that restarts
/// its count), or whose version goes backwards, still gets diagnostics.
#[test]
fn diagnostics_follow_a_reopen_with_a_lower_version() {
    let uri = "file:///tmp/jianggao-test/reopen.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 7, "请XX同志讲话。\n");
    assert_eq!(lsp.diagnostics(uri, 7).len(), 1);
    lsp.did_open(uri, "plaintext", 1, "请张三同志讲话。\n");
    assert_eq!(lsp.diagnostics(uri, 1), Vec::<Value>::new());
    lsp.did_change(uri, 5, vec![change((0, 1), (0, 3), "XX")]);
    assert_eq!(lsp.diagnostics(uri, 5).len(), 1);
    // Backwards without a re-open.
    lsp.did_change(uri, 2, vec![change((0, 1), (0, 3), "李四")]);
    assert_eq!(lsp.diagnostics(uri, 2), Vec::<Value>::new());
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

/// Issue 14, item 9: a draft with more findings than the cap gets the first 1,000 in document
/// order and one information diagnostic in Chinese saying how many more there are.
#[test]
fn published_diagnostics_are_capped_per_document() {
    let uri = "file:///tmp/jianggao-test/many.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    let text: String = (0..1500)
        .map(|i| format!("请XX处落实第{i}号文件的要求。\n"))
        .collect();
    lsp.did_open(uri, "plaintext", 1, &text);
    let diagnostics = lsp.diagnostics(uri, 1);
    assert_eq!(diagnostics.len(), 1001);
    assert!(diagnostics[..1000]
        .iter()
        .all(|d| d["code"] == "placeholder"));
    let lines: Vec<i64> = diagnostics[..1000]
        .iter()
        .map(|d| d["range"]["start"]["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, (0..1000).collect::<Vec<i64>>());
    let notice = &diagnostics[1000];
    assert_eq!(notice["severity"], 3, "information");
    assert_eq!(
        notice["message"],
        "另有 500 处问题未在编辑器中显示（每篇最多显示 1000 处，从这里起未显示）；运行 jianggao check 可查看全部"
    );
    assert_eq!(notice["range"]["start"]["line"], 1000);
    // The status bar still counts them all.
    let info = lsp
        .request("jianggao/draftInfo", json!({"textDocument": {"uri": uri}}))
        .unwrap();
    assert_eq!(info["findings"]["placeholder"], 1500);
    assert_eq!(lsp.shutdown_and_exit(), 0);
}
