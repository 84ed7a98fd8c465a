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
