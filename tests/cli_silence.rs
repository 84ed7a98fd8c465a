//! Issue 17 on the command line: `check` obeys `[words] allow`, `[[ignore]]` and Markdown
//! comments; `--show-ignored` says what was silenced and why; stale entries get a note;
//! `jianggao rules CODE` prints one rule's page.

#[path = "common/cli.rs"]
mod cli;

use cli::{code, json, run, run_in, stderr, stdout};

const DRAFT: &str = "同志们：\n今天召开全县秋粮收购工作会议。下面请某某公司介绍经验。一是稳住收购价格，三是做好仓储调度。\n";

const TOML: &str = "[words]\nallow = [\"某某公司\"]\n\n[[ignore]]\nfile = \"稿子/秋粮.txt\"\nrule = \"numbering-gap\"\ntext = \"三是\"\ncontext = \"购价格，三是做好仓储\"\n";

/// A project: `jianggao.toml` at the top, the draft in `稿子/`.
fn project(toml: &str, draft: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("jianggao.toml"), toml).unwrap();
    std::fs::create_dir(dir.path().join("稿子")).unwrap();
    std::fs::write(dir.path().join("稿子").join("秋粮.txt"), draft).unwrap();
    dir
}

fn rules_of(out: &std::process::Output) -> Vec<String> {
    json(out)["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn check_obeys_words_and_ignore_entries_and_lists_them_with_show_ignored() {
    let dir = project(TOML, DRAFT);
    let plain = project("", DRAFT);
    let before = run_in(
        plain.path(),
        &["check", "--format", "json", "稿子/秋粮.txt"],
        None,
    );
    assert!(rules_of(&before).contains(&"placeholder".to_owned()));
    assert!(rules_of(&before).contains(&"numbering-gap".to_owned()));

    let after = run_in(
        dir.path(),
        &["check", "--format", "json", "稿子/秋粮.txt"],
        None,
    );
    let remaining = rules_of(&after);
    assert!(
        !remaining.contains(&"placeholder".to_owned()),
        "{remaining:?}"
    );
    assert!(
        !remaining.contains(&"numbering-gap".to_owned()),
        "{remaining:?}"
    );
    assert_eq!(json(&after)["files"][0].get("ignored"), None);

    let shown = run_in(
        dir.path(),
        &[
            "check",
            "--show-ignored",
            "--color",
            "never",
            "稿子/秋粮.txt",
        ],
        None,
    );
    let text = stdout(&shown);
    let ignored: Vec<&str> = text.lines().filter(|l| l.contains("已忽略")).collect();
    assert_eq!(ignored.len(), 2, "{text}");
    assert!(
        ignored[0].starts_with("稿子/秋粮.txt:2:19: 已忽略[placeholder] 未填写的占位符 “某某"),
        "{}",
        ignored[0]
    );
    assert!(
        ignored[0].ends_with("（[words] allow 中的 “某某公司”）"),
        "{}",
        ignored[0]
    );
    assert_eq!(
        ignored[1],
        "稿子/秋粮.txt:2:37: 已忽略[numbering-gap] 序号不连续：“一是”之后应为“二是”，此处为“三是”（第 1 条 [[ignore]]）"
    );
    assert!(text.ends_with("稿子/秋粮.txt: 共忽略 2 处问题\n"), "{text}");

    let json_shown = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--show-ignored",
            "稿子/秋粮.txt",
        ],
        None,
    );
    let ignored = json(&json_shown)["files"][0]["ignored"].clone();
    let reasons: Vec<&str> = ignored
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        ["[words] allow 中的 “某某公司”", "第 1 条 [[ignore]]"]
    );
    assert_eq!(ignored[1]["code"], "numbering-gap");
    assert_eq!(
        ignored[1]["range"]["start"],
        serde_json::json!({"line": 1, "character": 36})
    );
}

#[test]
fn a_stale_ignore_entry_gets_a_note() {
    let dir = project(TOML, &DRAFT.replace("三是做好", "二是做好"));
    let out = run_in(
        dir.path(),
        &["check", "--color", "never", "稿子/秋粮.txt"],
        None,
    );
    let toml = dir.path().join("jianggao.toml");
    assert!(
        stdout(&out).contains(&format!(
            "{}:4: 提示：第 1 条 [[ignore]] 已不再匹配：“稿子/秋粮.txt” 中没有规则 numbering-gap 标出的 “三是”，可以删除这一条\n",
            toml.display()
        )),
        "{}",
        stdout(&out)
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn markdown_comments_silence_in_check_too() {
    let dir = tempfile::tempdir().unwrap();
    let md =
        "<!-- jianggao-disable-next-line placeholder -->\n今天XX同志到会。\n\n明天XX局长到会。\n";
    std::fs::write(dir.path().join("会.md"), md).unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--format", "json", "--show-ignored", "会.md"],
        None,
    );
    let file = &json(&out)["files"][0];
    let placeholders: Vec<u64> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "placeholder")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(placeholders, [3]);
    assert_eq!(
        file["ignored"][0]["reason"],
        "第 1 行的注释 <!-- jianggao-disable-next-line placeholder -->"
    );
    assert_eq!(file["ignored"][0]["range"]["start"]["line"], 1);
}

#[test]
fn rules_code_prints_one_rules_page() {
    let out = run(&["rules", "numbering-gap"], None);
    assert_eq!(code(&out), 0);
    let page = stdout(&out);
    assert!(
        page.starts_with(
            "## numbering-gap\n\n序号不连续（跳号）\n\n- 默认级别：`warning`（警告）\n"
        ),
        "{page}"
    );
    let rule = jianggao::checks::rule("numbering-gap").unwrap();
    assert!(
        page.ends_with(&format!("\n{}\n", rule.docs.trim())),
        "{page}"
    );
    assert_eq!(page, jianggao::checks::rule_page(rule));

    let out = run(&["rules", "no-such-rule"], None);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "没有规则 “no-such-rule”（运行 jianggao rules 查看全部规则）\n"
    );
}
