//! Issue 17: the silencing quick fixes over the protocol. The test client applies each
//! action's `WorkspaceEdit` as an editor does (creating the file, editing the open buffer, or
//! saving and reporting the change), runs the action's command, and sees the diagnostics change.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use std::path::Path;

use lsp_client::{file_uri, LspClient};
use serde_json::{json, Value};

/// A note, not a whole speech: only the placeholder and the numbering gap are found.
const DRAFT: &str = "会议安排\n下面请某某公司介绍经验。一是稳住收购价格，三是做好仓储调度。\n";

/// `initialize` params of an editor that applies document changes and creates files, and
/// lets the server watch files, rooted at `root`.
fn editor_params(root: &Path) -> Value {
    json!({
        "processId": null,
        "rootUri": file_uri(root),
        "capabilities": {
            "workspace": {
                "configuration": true,
                "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]},
                "didChangeWatchedFiles": {"dynamicRegistration": true}
            },
            "textDocument": {"synchronization": {"didSave": true}}
        },
    })
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect()
}

/// Waits for diagnostics of `uri` that satisfy `wanted` (earlier publications are skipped).
fn diagnostics_where(
    lsp: &mut LspClient,
    uri: &str,
    wanted: impl Fn(&[String]) -> bool,
) -> Vec<Value> {
    let params = lsp.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == json!(uri)
            && wanted(&codes(
                p["diagnostics"].as_array().map_or(&[], Vec::as_slice),
            ))
    });
    params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The code actions offered for the diagnostic of `code`, by title.
fn actions_for(lsp: &mut LspClient, uri: &str, diagnostics: &[Value], code: &str) -> Vec<Value> {
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
        .clone();
    let result = lsp
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]}
            }),
        )
        .expect("codeAction");
    result
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["diagnostics"][0]["code"] == code)
        .cloned()
        .collect()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"))
}

fn titles(actions: &[Value]) -> Vec<&str> {
    actions.iter().filter_map(|a| a["title"].as_str()).collect()
}

/// Applies text edits (UTF-16 positions) to `text`, as an editor applies a `TextDocumentEdit`.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, character) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        let mut at = line_start;
        for c in text[line_start..].chars() {
            if units >= character as usize || c == '\n' {
                break;
            }
            units += c.len_utf16();
            at += c.len_utf8();
        }
        at
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
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

/// Runs the action's command, as an editor does after applying its edit.
fn run_command(lsp: &mut LspClient, action: &Value) {
    let command = &action["command"];
    assert_eq!(command["command"], "jianggao.configEdited");
    let result = lsp.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(result, Ok(Value::Null));
}

#[test]
fn each_quick_fix_edits_jianggao_toml_and_the_diagnostics_follow() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("稿子")).unwrap();
    let draft_path = root.join("稿子").join("秋粮.txt");
    std::fs::write(&draft_path, DRAFT).unwrap();
    let uri = file_uri(&draft_path);
    let config_path = root.join("jianggao.toml");
    let config_uri = file_uri(&config_path);

    let (mut lsp, init) = LspClient::start_with(editor_params(root));
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"],
        json!(["jianggao.configEdited"])
    );
    // The server asks to be told about jianggao.toml files changing on disk.
    let registration = lsp.wait_for("registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        registration["params"]["registrations"][0]["registerOptions"],
        json!({"watchers": [{"globPattern": "**/jianggao.toml"}]})
    );

    lsp.did_open(&uri, "plaintext", 1, DRAFT);
    let diagnostics = diagnostics_where(&mut lsp, &uri, |c| c.iter().any(|c| c == "placeholder"));
    assert_eq!(codes(&diagnostics), ["placeholder", "numbering-gap"]);
    // No documentation URL is configured: no invented link.
    assert_eq!(diagnostics[0].get("codeDescription"), None);

    // 1. `不再提示“某某公司”` with no jianggao.toml: the edit creates it at the root.
    let actions = actions_for(&mut lsp, &uri, &diagnostics, "placeholder");
    let flagged = {
        let range = &diagnostics[0]["range"];
        let line = DRAFT
            .lines()
            .nth(range["start"]["line"].as_u64().unwrap() as usize)
            .unwrap();
        let (s, e) = (
            range["start"]["character"].as_u64().unwrap() as usize,
            range["end"]["character"].as_u64().unwrap() as usize,
        );
        line.chars().skip(s).take(e - s).collect::<String>()
    };
    assert_eq!(
        titles(&actions),
        [
            "在本稿中忽略此处".to_owned(),
            format!("不再提示“{flagged}”"),
            "关闭规则 placeholder（本项目）".to_owned()
        ]
    );
    let allow = titled(&actions, &format!("不再提示“{flagged}”"));
    let changes = allow["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(
        changes[0],
        json!({"kind": "create", "uri": config_uri,
               "options": {"overwrite": false, "ignoreIfExists": true}})
    );
    assert_eq!(
        changes[1]["textDocument"],
        json!({"uri": config_uri, "version": null})
    );
    let created = apply_edits("", changes[1]["edits"].as_array().unwrap());
    assert_eq!(created, format!("[words]\nallow = [\"{flagged}\"]\n"));
    // The editor creates the file (empty) and keeps the edited text in an unsaved buffer; the
    // action's command tells the server.
    std::fs::write(&config_path, "").unwrap();
    run_command(&mut lsp, allow);
    let diagnostics = diagnostics_where(&mut lsp, &uri, |c| c == ["numbering-gap"]);
    assert_eq!(codes(&diagnostics), ["numbering-gap"]);

    // 2. `关闭规则 numbering-gap（本项目）`, computed from the unsaved text; the editor saves
    // the file and reports the change.
    let actions = actions_for(&mut lsp, &uri, &diagnostics, "numbering-gap");
    assert_eq!(
        titles(&actions),
        // The rule's own fix first, then the two that apply to a place, not a word.
        [
            "从“一是”起重新编号",
            "在本稿中忽略此处",
            "关闭规则 numbering-gap（本项目）"
        ]
    );
    let off = titled(&actions, "关闭规则 numbering-gap（本项目）");
    let edit = &off["edit"]["documentChanges"][0];
    assert_eq!(
        edit["textDocument"],
        json!({"uri": config_uri, "version": null})
    );
    let saved = apply_edits(&created, edit["edits"].as_array().unwrap());
    assert_eq!(
        saved,
        format!("[words]\nallow = [\"{flagged}\"]\n\n[rules.numbering-gap]\nseverity = \"off\"\n")
    );
    std::fs::write(&config_path, &saved).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let diagnostics = diagnostics_where(&mut lsp, &uri, |c| c.is_empty());
    assert_eq!(diagnostics, Vec::<Value>::new());
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn ignoring_one_place_edits_the_open_toml_and_stale_entries_are_shown_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let draft_path = root.join("秋粮.txt");
    std::fs::write(&draft_path, DRAFT).unwrap();
    let uri = file_uri(&draft_path);
    let config_path = root.join("jianggao.toml");
    let toml = "# 本县讲稿的设置\n[rules]\nplaceholder = \"warning\"\n";
    std::fs::write(&config_path, toml).unwrap();
    let config_uri = file_uri(&config_path);

    let (mut lsp, _) = LspClient::start_with(editor_params(root));
    lsp.did_open(&config_uri, "toml", 1, toml);
    assert_eq!(lsp.diagnostics(&config_uri, 1), Vec::<Value>::new());
    lsp.did_open(&uri, "plaintext", 1, DRAFT);
    let diagnostics = diagnostics_where(&mut lsp, &uri, |c| c.iter().any(|c| c == "numbering-gap"));
    assert_eq!(codes(&diagnostics), ["placeholder", "numbering-gap"]);

    // The toml is open: the edit is of the editor's buffer, at its version.
    let actions = actions_for(&mut lsp, &uri, &diagnostics, "numbering-gap");
    let ignore = titled(&actions, "在本稿中忽略此处");
    let edit = &ignore["edit"]["documentChanges"][0];
    assert_eq!(
        edit["textDocument"],
        json!({"uri": config_uri, "version": 1})
    );
    let edited = apply_edits(toml, edit["edits"].as_array().unwrap());
    assert_eq!(
        edited,
        format!("{toml}\n[[ignore]]\nfile = \"秋粮.txt\"\nrule = \"numbering-gap\"\ntext = \"三是\"\ncontext = \"购价格，三是做好仓储\"\n")
    );
    lsp.did_change(&config_uri, 2, vec![json!({"text": edited})]);
    assert_eq!(lsp.diagnostics(&config_uri, 2), Vec::<Value>::new());
    let diagnostics = diagnostics_where(&mut lsp, &uri, |c| c == ["placeholder"]);
    assert_eq!(
        diagnostics[0]["severity"], 2,
        "the rest of the file still applies"
    );

    // The writer rewrites that sentence and saves: the entry matches nothing, and the open
    // toml says so (an information, on its `[[ignore]]` line).
    let rewritten = DRAFT.replace("三是做好仓储调度", "二是做好仓储调度");
    lsp.did_change(&uri, 2, vec![json!({"text": rewritten})]);
    std::fs::write(&draft_path, &rewritten).unwrap();
    lsp.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let header = edited.lines().position(|l| l == "[[ignore]]").unwrap() as u32;
    let stale = lsp.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == json!(config_uri) && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(
        stale["diagnostics"],
        json!([{
            "range": {"start": {"line": header, "character": 0},
                      "end": {"line": header, "character": 10}},
            "severity": 3,
            "source": "jianggao",
            "message": "第 1 条 [[ignore]] 已不再匹配：“秋粮.txt” 中没有规则 numbering-gap 标出的 “三是”，可以删除这一条"
        }])
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn a_configured_docs_url_links_each_rule_and_the_hover_carries_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("jianggao.toml"),
        "docs-url = \"https://docs.example.org/jianggao/rules.html\"\n",
    )
    .unwrap();
    let uri = file_uri(&root.join("秋粮.txt"));
    let (mut lsp, _) = LspClient::start_with(editor_params(root));
    lsp.did_open(&uri, "plaintext", 1, DRAFT);
    let diagnostics = diagnostics_where(&mut lsp, &uri, |c| !c.is_empty());
    assert_eq!(
        diagnostics[1]["codeDescription"],
        json!({"href": "https://docs.example.org/jianggao/rules.html#numbering-gap"})
    );
    let hover = lsp
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": diagnostics[1]["range"]["start"]}),
        )
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains(
            "\n\n---\n\n## numbering-gap\n\n序号不连续（跳号）\n\n- 默认级别：`warning`（警告）"
        ),
        "{value}"
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}

#[test]
fn a_draft_outside_the_workspace_gets_its_jianggao_toml_beside_it() {
    let root = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let draft = elsewhere.path().join("秋粮.txt");
    let uri = file_uri(&draft);
    let (mut lsp, _) = LspClient::start_with(editor_params(root.path()));
    lsp.did_open(&uri, "plaintext", 1, DRAFT);
    let diagnostics = diagnostics_where(&mut lsp, &uri, |c| !c.is_empty());
    let actions = actions_for(&mut lsp, &uri, &diagnostics, "numbering-gap");
    // The workspace root's file would not apply to this draft: the new file goes beside it.
    let off = titled(&actions, "关闭规则 numbering-gap（本项目）");
    assert_eq!(
        off["edit"]["documentChanges"][0]["uri"],
        json!(file_uri(&elsewhere.path().join("jianggao.toml")))
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}
