//! Protocol tests: the real `jianggao lsp` binary over stdin/stdout.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{change, file_uri, initialize_params, range, LspClient};
use serde_json::{json, Value};

/// A note (not a whole speech, so only the placeholder rule has something to say) with CJK and
/// two astral characters (𠮷 is 4 UTF-8 bytes / 2 UTF-16 units, so is 😀) before the
/// placeholder on line 1.
const ASTRAL_DRAFT: &str = "会议安排\n𠮷😀今天XX省长讲话。\n";

fn placeholder_diagnostic(range: Value, severity: i64) -> Value {
    json!({
        "range": range,
        "severity": severity,
        "code": "placeholder",
        "source": "jianggao",
        "message": "未填写的占位符 “XX省长”（职务/人名）"
    })
}

#[test]
fn initialize_defaults_to_utf16() {
    let (lsp, init) = LspClient::start(&[]);
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.jianggao"])
    );
    assert_eq!(init["serverInfo"]["name"], "jianggao");
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn initialize_negotiates_utf8_then_utf32() {
    for (offered, chosen) in [
        (vec!["utf-8"], "utf-8"),
        (vec!["utf-16", "utf-8"], "utf-8"),
        (vec!["utf-32", "utf-16"], "utf-32"),
        (vec!["utf-16"], "utf-16"),
        (vec!["latin-1"], "utf-16"),
    ] {
        let (lsp, init) = LspClient::start(&offered);
        assert_eq!(
            init["capabilities"]["positionEncoding"], chosen,
            "{offered:?}"
        );
        assert_eq!(lsp.shutdown_and_exit(), 0);
    }
}

#[test]
fn requests_before_initialize_get_the_protocol_error() {
    let mut lsp = LspClient::spawn();
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///a.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover.unwrap_err()["code"], -32002);
    let shutdown = lsp.request("shutdown", Value::Null);
    assert_eq!(shutdown.unwrap_err()["code"], -32002);
    let init = lsp.request("initialize", initialize_params(&[], Value::Null, None));
    assert_eq!(init.unwrap()["capabilities"]["positionEncoding"], "utf-16");
    lsp.notify("initialized", json!({}));
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn exit_code_is_1_without_shutdown() {
    let (lsp, _) = LspClient::start(&[]);
    assert_eq!(lsp.exit(), 1);
    let (lsp, _) = LspClient::start(&[]);
    assert_eq!(lsp.close_stdin(), 1, "end of input without shutdown");
}

#[test]
fn astral_prefix_utf16_range_then_fix_clears() {
    let uri = "file:///tmp/jianggao-test/astral16.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 1, ASTRAL_DRAFT);
    // 𠮷(2) 😀(2) 今天(2) → XX at UTF-16 6..8.
    assert_eq!(
        lsp.diagnostics(uri, 1),
        vec![placeholder_diagnostic(range((1, 6), (1, 10)), 1)]
    );
    lsp.did_change(uri, 2, vec![change((1, 6), (1, 8), "王")]);
    assert_eq!(lsp.diagnostics(uri, 2), Vec::<Value>::new());
    assert_eq!(
        lsp.document_text(uri),
        (2, "会议安排\n𠮷😀今天王省长讲话。\n".to_owned())
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn astral_prefix_utf8_range_then_fix_clears() {
    let uri = "file:///tmp/jianggao-test/astral8.txt";
    let (mut lsp, _) = LspClient::start(&["utf-8"]);
    lsp.did_open(uri, "plaintext", 1, ASTRAL_DRAFT);
    // 𠮷(4) 😀(4) 今天(6) → XX at byte 14..16 of the line.
    assert_eq!(
        lsp.diagnostics(uri, 1),
        vec![placeholder_diagnostic(range((1, 14), (1, 22)), 1)]
    );
    lsp.did_change(uri, 2, vec![change((1, 14), (1, 16), "王")]);
    assert_eq!(lsp.diagnostics(uri, 2), Vec::<Value>::new());
    assert_eq!(
        lsp.document_text(uri),
        (2, "会议安排\n𠮷😀今天王省长讲话。\n".to_owned())
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn utf32_range() {
    let uri = "file:///tmp/jianggao-test/astral32.txt";
    let (mut lsp, _) = LspClient::start(&["utf-32"]);
    lsp.did_open(uri, "plaintext", 1, ASTRAL_DRAFT);
    assert_eq!(
        lsp.diagnostics(uri, 1),
        vec![placeholder_diagnostic(range((1, 4), (1, 8)), 1)]
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn code_action_hover_and_draft_info_on_a_finding() {
    let uri = "file:///tmp/jianggao-test/actions.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 1, ASTRAL_DRAFT);
    assert_eq!(lsp.diagnostics(uri, 1).len(), 1);
    let params = json!({
        "textDocument": {"uri": uri},
        "range": range((1, 6), (1, 10)),
        "context": {"diagnostics": []}
    });
    // The placeholder rule has no fix of its own: no quick fix, no fix-all. The silencing
    // fixes would create a jianggao.toml, which this client cannot (no resourceOperations).
    assert_eq!(
        lsp.request("textDocument/codeAction", params),
        Ok(json!([]))
    );
    let hover = lsp
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 7}}),
        )
        .unwrap();
    assert_eq!(
        hover,
        json!({
            "contents": {"kind": "markdown", "value": format!(
                "**未填写的占位符 “XX省长”（职务/人名）**（placeholder）\n\n本文共 1 处 “XX省长”\n\n---\n\n{}",
                // The rule's documentation ships with the server: its page follows.
                jianggao::checks::rule_page(jianggao::checks::rule("placeholder").unwrap()).trim_end()
            )},
            "range": range((1, 6), (1, 10))
        })
    );
    let nothing = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(nothing, Ok(Value::Null));
    let info = lsp
        .request("jianggao/draftInfo", json!({"textDocument": {"uri": uri}}))
        .unwrap();
    assert_eq!(info["version"], 1);
    assert_eq!(info["findings"], json!({"placeholder": 1}));
    // The time estimate comes from the outline (filled by the outline work).
    assert!(
        info["spokenChars"].is_u64() && info["minutes"].is_u64(),
        "{info}"
    );
    let symbols = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.unwrap().is_array());
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn garbage_leaves_the_server_answering() {
    let uri = "file:///tmp/jianggao-test/garbage.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 1, "一二三\n");
    assert_eq!(lsp.diagnostics(uri, 1), Vec::<Value>::new());

    // A body that is not JSON: a parse error with a null id.
    lsp.send_body("{\"jsonrpc\": \"2.0\", \"method\": ");
    let error = lsp.wait_for("parse error", |m| {
        m["id"].is_null() && m.get("error").is_some()
    });
    assert_eq!(error["error"]["code"], -32700);

    // JSON that is no JSON-RPC message: invalid request, answered under its id.
    lsp.send_body(r#"{"id": 99, "greeting": "你好"}"#);
    let error = lsp.wait_for("invalid request", |m| m["id"] == 99);
    assert_eq!(error["error"]["code"], -32600);
    // Not even UTF-8.
    lsp.send_raw(b"Content-Length: 3\r\n\r\n\xff\xfe\xfd");
    let error = lsp.wait_for("parse error", |m| {
        m["id"].is_null() && m.get("error").is_some()
    });
    assert_eq!(error["error"]["code"], -32700);

    // An unknown request: method not found. An unknown notification: ignored.
    assert_eq!(
        lsp.request("jianggao/noSuchThing", json!({})).unwrap_err()["code"],
        -32601
    );
    lsp.notify("jianggao/noSuchNotification", json!({}));

    // An inverted range is ignored; an unknown document is ignored.
    lsp.did_change(uri, 2, vec![change((0, 2), (0, 1), "坏")]);
    lsp.did_change(
        "file:///tmp/jianggao-test/never-opened.txt",
        1,
        vec![change((0, 0), (0, 0), "x")],
    );
    assert_eq!(lsp.document_text(uri), (2, "一二三\n".to_owned()));

    // Out-of-range positions are clamped: past the line end → before its break; past the last
    // line → end of text; inside the surrogate pair of 𠮷 → before it.
    lsp.did_change(uri, 3, vec![change((0, 99), (0, 120), "甲")]);
    lsp.did_change(uri, 4, vec![change((42, 0), (43, 7), "乙")]);
    lsp.did_change(uri, 5, vec![change((0, 0), (0, 0), "𠮷")]);
    lsp.did_change(uri, 6, vec![change((0, 1), (0, 1), "丙")]);
    assert_eq!(lsp.document_text(uri), (6, "丙𠮷一二三甲\n乙".to_owned()));

    // Params of the wrong shape: invalid params, still alive.
    assert_eq!(
        lsp.request("jianggao/documentText", json!({"nope": 1}))
            .unwrap_err()["code"],
        -32602
    );
    assert_eq!(
        lsp.request(
            "jianggao/documentText",
            json!({"textDocument": {"uri": "file:///unknown.txt"}})
        )
        .unwrap_err()["code"],
        -32602
    );
    lsp.notify("textDocument/didChange", json!({"garbage": true}));
    assert_eq!(lsp.document_text(uri).0, 6);
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn markdown_markup_is_not_counted_in_ranges() {
    let uri = "file:///tmp/jianggao-test/draft.md";
    let (mut lsp, _) = LspClient::start(&[]);
    let text = "# 会议安排\n\n说明\n\n今年**加粗**的XX省长要讲话。\n";
    lsp.did_open(uri, "markdown", 1, text);
    // "今年**加粗**的" is 2 + 2 + 2 + 2 + 1 = 9 UTF-16 units: the bold markers count in the
    // position but are not text, so exactly one diagnostic, on XX省长.
    assert_eq!(
        lsp.diagnostics(uri, 1),
        vec![placeholder_diagnostic(range((4, 9), (4, 13)), 1)]
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn markdown_by_extension_and_by_language_id() {
    // In a Markdown code span the XX is not prose; in plain text it is.
    let text = "通知\n`XX`\n";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open("file:///tmp/jianggao-test/a.md", "plaintext", 1, text);
    lsp.did_open("untitled:b", "markdown", 1, text);
    lsp.did_open("file:///tmp/jianggao-test/c.txt", "plaintext", 1, text);
    assert_eq!(
        lsp.diagnostics("file:///tmp/jianggao-test/a.md", 1).len(),
        0
    );
    assert_eq!(lsp.diagnostics("untitled:b", 1).len(), 0);
    assert_eq!(
        lsp.diagnostics("file:///tmp/jianggao-test/c.txt", 1).len(),
        1
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn config_file_changes_severity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jianggao.toml"),
        "[rules.placeholder]\nseverity = \"warning\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("稿子")).unwrap();
    let uri = file_uri(&dir.path().join("稿子").join("讲话.txt"));
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(&uri, "plaintext", 1, ASTRAL_DRAFT);
    assert_eq!(
        lsp.diagnostics(&uri, 1),
        vec![placeholder_diagnostic(range((1, 6), (1, 10)), 2)]
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn bad_config_value_gives_the_chinese_problem() {
    let dir = tempfile::tempdir().unwrap();
    let toml = "enable = true\n[rules.placeholder]\nseverity = \"loud\"\n";
    let config_path = dir.path().join("jianggao.toml");
    std::fs::write(&config_path, toml).unwrap();
    let uri = file_uri(&dir.path().join("draft.txt"));
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(&uri, "plaintext", 1, ASTRAL_DRAFT);
    // The bad key falls back to the default severity (error).
    assert_eq!(
        lsp.diagnostics(&uri, 1),
        vec![placeholder_diagnostic(range((1, 6), (1, 10)), 1)]
    );
    let expected = "规则 “placeholder” 的级别 \"loud\" 无效，应为 \"error\"、\"warning\"、\"info\"、\"hint\" 或 \"off\"，已使用默认级别";
    let shown = lsp.notification("window/showMessage", |_| true);
    assert_eq!(shown["type"], 2);
    assert_eq!(
        shown["message"],
        format!("jianggao 配置有误：{}：{expected}", config_path.display())
    );

    // Opened in the editor, the problem becomes a diagnostic on the offending line, and
    // fixing it there re-checks the draft.
    let config_uri = file_uri(&config_path);
    lsp.did_open(&config_uri, "toml", 1, toml);
    assert_eq!(
        lsp.diagnostics(&config_uri, 1),
        vec![json!({
            "range": range((2, 0), (2, 17)),
            "severity": 2,
            "source": "jianggao",
            "message": expected
        })]
    );
    lsp.did_change(&config_uri, 2, vec![change((2, 12), (2, 16), "hint")]);
    assert_eq!(lsp.diagnostics(&config_uri, 2), Vec::<Value>::new());
    let republished = lsp.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == json!(uri) && p["diagnostics"][0]["severity"] == 4
    });
    assert_eq!(republished["version"], 1);
    // Exactly one message for the one problem set.
    let messages = lsp
        .history
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .count();
    assert_eq!(messages, 1);
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn editor_settings_from_initialization_options_and_did_change_configuration() {
    let uri = "file:///tmp/jianggao-test/settings.txt";
    let settings = json!({"rules": {"placeholder": {"severity": "info"}}});
    let (mut lsp, _) = LspClient::start_with(initialize_params(&[], settings.clone(), None));
    // workspace/configuration is answered with the same settings.
    lsp.settings = settings;
    lsp.did_open(uri, "plaintext", 1, ASTRAL_DRAFT);
    let diagnostics = lsp.diagnostics(uri, 1);
    assert_eq!(diagnostics[0]["severity"], 3);
    // Pushed settings turn the rule off: the same version is re-published, empty.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"jianggao": {"rules": {"placeholder": "off"}}}}),
    );
    lsp.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == json!(uri) && p["diagnostics"] == json!([])
    });
    // Pulled settings (no section in the push): the client answers with hint.
    lsp.settings = json!({"rules": {"placeholder": "hint"}});
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    lsp.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == json!(uri) && p["diagnostics"][0]["severity"] == 4
    });
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn close_clears_diagnostics() {
    let uri = "file:///tmp/jianggao-test/close.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 1, "XX");
    assert_eq!(lsp.diagnostics(uri, 1).len(), 1);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = lsp.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == json!(uri) && p.get("version").is_none()
    });
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(
        lsp.request(
            "jianggao/documentText",
            json!({"textDocument": {"uri": uri}})
        )
        .unwrap_err()["code"],
        -32602
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn nothing_but_protocol_on_stdout() {
    // Every message the reader thread parsed was valid JSON-RPC: no stray prints.
    let uri = "file:///tmp/jianggao-test/stdout.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.did_open(uri, "plaintext", 1, "XX");
    lsp.diagnostics(uri, 1);
    lsp.did_change(uri, 2, vec![change((0, 1), (0, 0), "x")]);
    lsp.document_text(uri);
    for message in &lsp.history {
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
    }
    lsp.notification("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("inverted range"))
    });
    // stderr is read by another thread: give the line a moment to arrive under load.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !lsp.stderr().contains("inverted range") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        lsp.stderr().contains("inverted range"),
        "logged to stderr too"
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

/// Not a check, a measurement: time from spawning the server to its `initialize` response.
/// `JIANGGAO_BIN=target/release/jianggao cargo test --test lsp_protocol -- --ignored --nocapture`
#[test]
#[ignore]
fn measure_startup_to_initialize() {
    let mut times = Vec::new();
    for _ in 0..20 {
        let started = std::time::Instant::now();
        let mut lsp = LspClient::spawn();
        lsp.request("initialize", initialize_params(&[], Value::Null, None))
            .unwrap();
        times.push(started.elapsed());
        lsp.notify("initialized", json!({}));
        assert_eq!(lsp.shutdown_and_exit(), 0);
    }
    times.sort();
    println!(
        "spawn → initialize response: min {:?}, median {:?}, max {:?}",
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    );
}

#[test]
fn requests_see_the_current_version_before_the_debounced_analysis() {
    // A long debounce: the change below is not analysed in the background during the test,
    // so hover and draftInfo must analyse the current text themselves.
    let uri = "file:///tmp/jianggao-test/debounce.txt";
    // No workspace/configuration: a pulled-settings re-check would publish v2 at once.
    let mut params = initialize_params(&["utf-8"], json!({"debounce-ms": 5000}), None);
    params["capabilities"]["workspace"]["configuration"] = json!(false);
    let (mut lsp, _) = LspClient::start_with(params);
    lsp.did_open(uri, "plaintext", 1, "通知\n今天开会。\n");
    assert_eq!(lsp.diagnostics(uri, 1), Vec::<Value>::new());
    // Insert "XX" after 今天 (6 bytes in).
    lsp.did_change(uri, 2, vec![change((1, 6), (1, 6), "XX")]);
    let hover = lsp
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 7}}),
        )
        .unwrap();
    assert_eq!(hover["range"], range((1, 6), (1, 8)));
    let info = lsp
        .request("jianggao/draftInfo", json!({"textDocument": {"uri": uri}}))
        .unwrap();
    assert_eq!(info["version"], 2);
    assert_eq!(info["findings"], json!({"placeholder": 1}));
    assert_eq!(
        lsp.published_versions(uri),
        vec![1],
        "v2 still waits for its debounce"
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn untitled_drafts_use_the_workspace_root_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jianggao.toml"),
        "[rules]\nplaceholder = \"off\"\n",
    )
    .unwrap();
    let params = initialize_params(&[], Value::Null, Some(dir.path()));
    let (mut lsp, _) = LspClient::start_with(params);
    lsp.did_open("untitled:Untitled-1", "plaintext", 1, "XX");
    assert_eq!(
        lsp.diagnostics("untitled:Untitled-1", 1),
        Vec::<Value>::new()
    );
    // Outside the root's tree the defaults apply.
    lsp.did_open("file:///jianggao-nowhere/a.txt", "plaintext", 1, "XX");
    assert_eq!(
        lsp.diagnostics("file:///jianggao-nowhere/a.txt", 1).len(),
        1
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}
