//! `jianggao outline --format json` on a draft whose enumerations nest (`一要…` holding
//! `一是要…`): the tree the writer sees in the outline view, asserted node by node.

use std::process::Command;

use serde_json::Value;

/// Each node as `kind ordinal name`, with its children indented below it.
fn tree(nodes: &Value, depth: usize, out: &mut Vec<String>) {
    for node in nodes.as_array().expect("children are an array") {
        let ordinal = node["ordinal"].as_str().unwrap_or("");
        let name = node["name"].as_str().unwrap_or("");
        out.push(format!(
            "{}{} {ordinal}{name}",
            "  ".repeat(depth),
            node["kind"].as_str().unwrap_or("?")
        ));
        tree(&node["children"], depth + 1, out);
    }
}

#[test]
fn nested_enumerations_are_a_tree_in_the_outline() {
    let out = Command::new(env!("CARGO_BIN_EXE_jianggao"))
        .args([
            "outline",
            "--format",
            "json",
            "tests/fixtures/clean/11_nested_enumerations.txt",
        ])
        .output()
        .expect("jianggao runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let mut lines = Vec::new();
    tree(&doc["nodes"], 0, &mut lines);
    assert_eq!(
        lines,
        [
            "speech 在全市政务服务窗口工作座谈会上的讲话",
            "  title 在全市政务服务窗口工作座谈会上的讲话",
            "  salutation 同志们：",
            "  opening 开头",
            "    item 一要塑造一种形象，就是文明窗口的形象",
            "      item 一是要热情周到，群众进门有笑脸、有问候",
            "      item 二是要规范高效，能当场办结的绝不让群众跑第二趟",
            "      item 三是要清正廉洁，不吃拿卡要，不推诿扯皮",
            "    item 二要树立一种标准，就是群众满意的标准",
            "      item 一是提供优质服务，做到事事有回音、件件有着落",
            "      item 二是完善评价机制，让办事群众给窗口打分",
            "    item 三要形成一种合力，就是上下联动的合力",
            "  closing 结尾",
        ]
    );
    // A parent item spans its children: 一要 runs from line 7 through line 9.
    let opening = &doc["nodes"][0]["children"][2];
    assert_eq!(opening["children"][0]["lines"]["start"], 7);
    assert_eq!(opening["children"][0]["lines"]["end"], 9);
}

/// Runs `jianggao outline` with `args` on `text` given on stdin.
fn outline(args: &[&str], text: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianggao"))
        .arg("outline")
        .args(args)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("jianggao runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("jianggao ends");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_speech_node_shows_the_kind_and_how_it_was_found() {
    let by_title = "在机关党支部专题党课上的讲稿\n同志们：\n今天我和大家一起重温入党誓词。\n";
    let by_content = "各位代表：\n现在开会。下面进行第一项议程，请全体起立，奏国歌。\n\
                      下面进行第二项议程，请大家审议工作报告。\n会议到此结束，散会。\n";
    let doc: Value = serde_json::from_str(&outline(&["--format", "json"], by_title)).expect("JSON");
    assert_eq!(
        doc["nodes"][0]["speech_kind"],
        serde_json::json!({ "name": "党课", "source": "title" })
    );
    assert_eq!(doc["nodes"][0]["children"][0]["speech_kind"], Value::Null);
    let text = outline(&[], by_title);
    let first = text.lines().next().unwrap_or("");
    assert!(first.contains("类型：党课（据标题推断）"), "{first}");
    let doc: Value =
        serde_json::from_str(&outline(&["--format", "json"], by_content)).expect("JSON");
    assert_eq!(
        doc["nodes"][0]["speech_kind"],
        serde_json::json!({ "name": "主持词", "source": "content" })
    );
}
