//! `jianggao check` and `jianggao rules` end to end: the real binary, real files, real pipes.
//!
//! Exact-output tests use drafts whose only problem is a literal `XX`, which both the stub and
//! the full placeholder rule flag. The message and the flagged extent come from the core (they
//! are the rule's business); positions, layout, encodings and exit codes are the CLI's and are
//! asserted literally.

use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;
#[path = "common/docx.rs"]
mod docx;

use cli::{
    assert_generated, assert_output, code, fill_placeholders, json, placeholders, run, run_in,
    stderr, stdout, ROOT,
};

/// The diagnostics of one rule in a file of a `--format json` document: CLI tests look at
/// one rule's positions, whatever else the drafts have.
fn diagnostics_of(doc: &Value, file: usize, rule: &str) -> Vec<Value> {
    doc["files"][file]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == rule)
        .cloned()
        .collect()
}

fn utf16_len(s: &str) -> u64 {
    s.encode_utf16().count() as u64
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/cli/{name}")
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(fixture(name))).expect("fixture exists")
}

#[test]
fn human_output_gives_position_source_line_and_summary() {
    let text = fixture_text("placeholder.txt");
    let found = placeholders(&text);
    assert_eq!(found.len(), 2, "{found:?}");
    let out = run(&["check", &fixture("placeholder.txt")], None);
    let expected = fill_placeholders(
        "\
tests/fixtures/cli/placeholder.txt:9:7: 错误[placeholder] {m0}
  |
9 | 　　今年汛期XX降雨可能偏多，各村要早作准备，不能心存侥幸。
  |             {k0}

tests/fixtures/cli/placeholder.txt:17:7: 错误[placeholder] {m1}
   |
17 | 　　𠮷田村的XX等干部要分片包干，汛期实行二十四小时值班。
   |             {k1}

tests/fixtures/cli/placeholder.txt: 共 2 处占位符未填写（错误 2 处）
",
        &found,
    );
    assert_output(&out, &expected, "", 1);
}

#[test]
fn json_output_is_one_document_of_lsp_diagnostics() {
    let text = fixture_text("placeholder.txt");
    let found = placeholders(&text);
    let out = run(
        &[
            "check",
            "--format",
            "json",
            &fixture("placeholder.txt"),
            &fixture("clean.txt"),
        ],
        None,
    );
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "tests/fixtures/cli/placeholder.txt");
    assert_eq!(files[1]["path"], "tests/fixtures/cli/clean.txt");
    assert_eq!(files[1]["diagnostics"], serde_json::json!([]));

    let diagnostics = files[0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    // Line 9 (0-based 8): two full-width spaces and 今年汛期 before XX.
    // Line 17 (0-based 16): 𠮷 is two UTF-16 units, so XX starts at 7, not 6.
    for (d, (line, character), (flagged, message)) in
        itertools(diagnostics, [(8, 6), (16, 7)], &found)
    {
        assert_eq!(d["range"]["start"]["line"], line);
        assert_eq!(d["range"]["start"]["character"], character);
        assert_eq!(d["range"]["end"]["line"], line);
        assert_eq!(
            d["range"]["end"]["character"],
            character + utf16_len(flagged)
        );
        assert_eq!(d["severity"], 1);
        assert_eq!(d["code"], "placeholder");
        assert_eq!(d["source"], "jianggao");
        assert_eq!(d["message"], message.as_str());
        // No documentation URL is configured: no invented link.
        assert_eq!(d.get("codeDescription"), None);
    }
}

/// Zips the three per-diagnostic lists of the JSON test.
fn itertools<'a>(
    diagnostics: &'a [Value],
    positions: [(u64, u64); 2],
    found: &'a [(String, String)],
) -> impl Iterator<Item = (&'a Value, (u64, u64), (&'a str, &'a String))> {
    diagnostics
        .iter()
        .zip(positions)
        .zip(found)
        .map(|((d, p), (f, m))| (d, p, (f.as_str(), m)))
}

#[test]
fn clean_draft_exits_zero() {
    let out = run(&["check", &fixture("clean.txt")], None);
    assert_eq!(stdout(&out), "tests/fixtures/cli/clean.txt: 未发现问题\n");
    assert_eq!(code(&out), 0);
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jianggao.toml"),
        "[rules.placeholder]\nseverity = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "请XX同志发言。\n").unwrap();
    let out = run_in(dir.path(), &["check", "a.txt"], None);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).starts_with("a.txt:1:2: 警告[placeholder] "),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        stdout(&out).lines().last(),
        Some("a.txt: 共 1 处占位符未填写（警告 1 处）")
    );
    let out = run_in(dir.path(), &["check", "--deny", "warnings", "a.txt"], None);
    assert_eq!(code(&out), 1);
}

#[test]
fn nearest_config_applies_and_its_problems_are_reported_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("drafts/2024");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.path().join("jianggao.toml"),
        "enable = true\n[rules.placeholder]\nseverity = \"loud\"\ncolour = 1\n",
    )
    .unwrap();
    std::fs::write(sub.join("a.txt"), "请XX同志发言。\n").unwrap();
    let out = run_in(dir.path(), &["check", "drafts/2024/a.txt"], None);
    let config = dir.path().join("jianggao.toml");
    assert_eq!(
        stderr(&out),
        format!(
            "{0}:3: 配置问题：规则 “placeholder” 的级别 \"loud\" 无效，应为 \"error\"、\"warning\"、\"info\"、\"hint\" 或 \"off\"，已使用默认级别\n\
             {0}:4: 配置问题：规则 “placeholder” 没有选项 “colour”，已忽略\n",
            config.display()
        )
    );
    // The broken key falls back to the default severity (error).
    assert_eq!(code(&out), 1);

    // `--config` replaces the discovered file.
    let other = dir.path().join("quiet.toml");
    std::fs::write(&other, "[rules]\nplaceholder = \"off\"\n").unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--config", "quiet.toml", "drafts/2024/a.txt"],
        None,
    );
    assert_eq!(stdout(&out), "drafts/2024/a.txt: 未发现问题\n");
    assert_eq!(stderr(&out), "");
    assert_eq!(code(&out), 0);

    let out = run_in(
        dir.path(),
        &["check", "--config", "nope.toml", "drafts/2024/a.txt"],
        None,
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误：无法读取配置文件 “nope.toml”：文件或目录不存在\n"
    );
}

#[test]
fn usage_errors_exit_two() {
    let out = run(&["check"], None);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("错误：请指定要检查的文件或目录"),
        "{}",
        stderr(&out)
    );

    let out = run(&["check", "--format", "xml", &fixture("clean.txt")], None);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");

    let out = run(
        &["check", "--fix", "no-such-rule", &fixture("clean.txt")],
        None,
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误：未知的规则 “no-such-rule”（可用 `jianggao rules` 查看全部规则）\n"
    );

    // A rule without a fix-all cannot be used with --fix, and nothing is written.
    let unfixable: Vec<&str> = jianggao::checks::rules()
        .filter(|r| r.fix_all_title.is_none())
        .map(|r| r.code)
        .collect();
    let before = fixture_text("placeholder.txt");
    let out = run(
        &["check", "--fix", unfixable[0], &fixture("placeholder.txt")],
        None,
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        format!(
            "错误：规则 “{}” 没有一键修复，不能用于 --fix\n",
            unfixable[0]
        )
    );
    assert_eq!(fixture_text("placeholder.txt"), before);
}

#[test]
fn stdin_is_read_with_dash_and_kind_chooses_markdown() {
    let draft = "请`XX`同志发言，XX也来。\n";
    let out = run(&["check", "-"], Some(draft.as_bytes()));
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[placeholder]"))
        .map(|l| l.split(" 错误").next().unwrap())
        .collect();
    assert_eq!(headers, ["<标准输入>:1:3:", "<标准输入>:1:11:"]);

    // In Markdown the code span is not prose: only the second XX remains.
    let out = run(
        &["check", "--kind", "markdown", "--format", "json", "-"],
        Some(draft.as_bytes()),
    );
    let doc = json(&out);
    assert_eq!(doc["files"][0]["path"], "-");
    let starts: Vec<u64> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["range"]["start"]["character"].as_u64().unwrap())
        .collect();
    assert_eq!(starts, [10]);
}

#[test]
fn markdown_files_are_read_as_markdown() {
    let out = run(&["check", "--format", "json", &fixture("draft.md")], None);
    let doc = json(&out);
    let d = diagnostics_of(&doc, 0, "placeholder");
    assert_eq!(d.len(), 1, "{d:?}");
    // 请`XX`同志**注意**，XX: the code span is skipped, the bold markers are not text.
    assert_eq!(
        d[0]["range"]["start"],
        serde_json::json!({"line": 4, "character": 14})
    );
}

#[test]
fn gbk_and_gb18030_files_are_decoded_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = "同志们：\n　　请XX同志发言。\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    std::fs::write(dir.path().join("gbk.txt"), &gbk).unwrap();
    // 𠮷 is outside GBK: GB18030 writes it in four bytes.
    let astral = "𠮷村请XX同志发言。\n";
    let (gb18030, _, _) = encoding_rs::GB18030.encode(astral);
    std::fs::write(dir.path().join("gb18030.txt"), &gb18030).unwrap();

    let out = run_in(
        dir.path(),
        &["check", "--format", "json", "gbk.txt", "gb18030.txt"],
        None,
    );
    assert_eq!(stderr(&out), "");
    let doc = json(&out);
    let start =
        |file: usize| diagnostics_of(&doc, file, "placeholder")[0]["range"]["start"].clone();
    assert_eq!(start(0), serde_json::json!({"line": 1, "character": 3}));
    assert_eq!(start(1), serde_json::json!({"line": 0, "character": 4}));

    let out = run_in(dir.path(), &["check", "gbk.txt", "gb18030.txt"], None);
    let text = stdout(&out);
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[placeholder]"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(headers, ["gbk.txt:2:4:", "gb18030.txt:1:4:"]);
    assert_eq!(
        std::fs::read(dir.path().join("gbk.txt")).unwrap(),
        gbk.as_ref()
    );
    assert_eq!(
        std::fs::read(dir.path().join("gb18030.txt")).unwrap(),
        gb18030.as_ref()
    );
}

#[test]
fn bom_is_stripped_and_crlf_does_not_shift_columns() {
    let out = run(
        &["check", "--format", "json", &fixture("bom_crlf.txt")],
        None,
    );
    let doc = json(&out);
    // Line 3 is "\t今天XX到会。\r\n": XX at character 3 (tab, 今, 天).
    assert_eq!(
        diagnostics_of(&doc, 0, "placeholder")[0]["range"],
        serde_json::json!({"start": {"line": 2, "character": 3}, "end": {"line": 2, "character": 5}})
    );
    let out = run(&["check", &fixture("bom_crlf.txt")], None);
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.starts_with("tests/fixtures/cli/bom_crlf.txt:3:4: 错误[placeholder] ")),
        "{}",
        stdout(&out)
    );

    // A BOM right before the finding does not count as a character either.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "\u{feff}XX同志：\r\n").unwrap();
    let out = run_in(dir.path(), &["check", "--format", "json", "a.txt"], None);
    assert_eq!(
        diagnostics_of(&json(&out), 0, "placeholder")[0]["range"]["start"],
        serde_json::json!({"line": 0, "character": 0})
    );
    let out = run_in(dir.path(), &["check", "a.txt"], None);
    assert!(stdout(&out).starts_with("a.txt:1:1: "), "{}", stdout(&out));
}

#[test]
fn a_missing_file_is_named_and_the_others_are_still_checked() {
    let out = run(
        &[
            "check",
            &fixture("missing.txt"),
            &fixture("placeholder.txt"),
        ],
        None,
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误：无法读取 “tests/fixtures/cli/missing.txt”：文件或目录不存在\n"
    );
    assert!(
        stdout(&out)
            .ends_with("tests/fixtures/cli/placeholder.txt: 共 2 处占位符未填写（错误 2 处）\n"),
        "{}",
        stdout(&out)
    );

    // JSON stays one valid document without the missing file.
    let out = run(
        &[
            "check",
            "--format",
            "json",
            &fixture("missing.txt"),
            &fixture("clean.txt"),
        ],
        None,
    );
    assert_eq!(code(&out), 2);
    let doc = json(&out);
    assert_eq!(doc["files"].as_array().unwrap().len(), 1);
    assert_eq!(doc["files"][0]["path"], "tests/fixtures/cli/clean.txt");
}

#[test]
fn files_in_neither_encoding_or_binary_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("utf16.txt"), b"\xFF\xFE\x0C\x54\xD7\x5F").unwrap();
    std::fs::write(
        dir.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    std::fs::write(dir.path().join("ok.txt"), "请XX发言。\n").unwrap();
    let out = run_in(
        dir.path(),
        &["check", "utf16.txt", "image.txt", "ok.txt"],
        None,
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误：“utf16.txt” 既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取（请另存为 UTF-8 文本后再检查）\n\
         错误：“image.txt” 不是纯文本文件（含有二进制内容），无法检查；可检查的是 .txt、.md 和 Word 文档（.docx）\n"
    );
    assert!(stdout(&out).starts_with("ok.txt:1:2: "), "{}", stdout(&out));
}

#[test]
fn directories_are_walked_for_txt_md_and_word_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &[u8]| {
        let path: PathBuf = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(".gitignore", b"ignored/\n*.bak.txt\n");
    write("b.txt", "请XX发言。\n".as_bytes());
    write("a/z.md", "# 标题\n\n请XX发言。\n".as_bytes());
    write("ignored/c.txt", "请XX发言。\n".as_bytes());
    write("old.bak.txt", "请XX发言。\n".as_bytes());
    write(".hidden.txt", "请XX发言。\n".as_bytes());
    write("notes.docx", &docx::Docx::from_lines("请XX发言。").build());
    // The lock file Word keeps beside an open document is not a draft.
    write("~$notes.docx", b"\x05user\0\0");
    write("data.csv", "XX,1\n".as_bytes());

    let out = run_in(root, &["check", "--format", "json", "."], None);
    assert_eq!(stderr(&out), "");
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["./a/z.md", "./b.txt", "./notes.docx"]);

    // Human output ends with a total when several files were checked.
    let out = run_in(root, &["check", "."], None);
    assert_eq!(
        stdout(&out).lines().last(),
        Some("共检查 3 个文件，发现 3 处问题")
    );
}

#[test]
fn check_never_writes_the_files_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let original = "\u{feff}同志们：\r\n请XX同志发言。\r\n";
    std::fs::write(dir.path().join("a.txt"), original).unwrap();
    run_in(dir.path(), &["check", "a.txt"], None);
    run_in(dir.path(), &["check", "--format", "json", "."], None);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        original
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn rules_lists_every_rule() {
    let out = run(&["rules", "--format", "json"], None);
    assert_eq!(code(&out), 0);
    let doc = json(&out);
    let listed: Vec<(String, String)> = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_owned(),
                r["summary"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let registry: Vec<(String, String)> = jianggao::checks::rules()
        .map(|r| (r.code.to_owned(), r.summary.to_owned()))
        .collect();
    assert_eq!(listed, registry);
    let placeholder = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "placeholder")
        .unwrap();
    assert_eq!(placeholder["defaultSeverity"], "error");

    let out = run(&["rules"], None);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), registry.len() + 1);
    assert!(text
        .lines()
        .any(|l| l.split_whitespace().collect::<Vec<_>>()
            == ["placeholder", "error", "未填写的占位符"]));
}

/// docs/rules.md is generated from the registry; regenerate with `UPDATE_DOCS=1 cargo test`.
#[test]
fn docs_rules_md_is_up_to_date() {
    let out = run(&["rules", "--format", "markdown"], None);
    assert_eq!(code(&out), 0);
    assert_generated("docs/rules.md", &out.stdout, "cli");
}

#[test]
fn version_is_printed() {
    let out = run(&["--version"], None);
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out),
        format!("jianggao {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_example_draft_and_its_config_load_cleanly() {
    let out = run(&["check", "examples/anquan-shengchan.txt"], None);
    // The example config is valid: no configuration problem on stderr.
    assert_eq!(stderr(&out), "");
    assert_eq!(code(&out), 1);
    // Its title block has the two XX placeholders (subtitle line 2, date line 3).
    let text = stdout(&out);
    for header in [
        "examples/anquan-shengchan.txt:2:10: 错误[placeholder] ",
        "examples/anquan-shengchan.txt:3:2: 错误[placeholder] ",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(header)),
            "{header}\n{text}"
        );
    }
}

#[test]
fn color_is_off_in_pipes_and_on_when_asked() {
    let plain = run(&["check", &fixture("bom_crlf.txt")], None);
    assert!(!stdout(&plain).contains('\x1b'));
    let colored = run(
        &["check", "--color", "always", &fixture("bom_crlf.txt")],
        None,
    );
    assert!(
        stdout(&colored).lines().any(|l| l.starts_with(
            "tests/fixtures/cli/bom_crlf.txt:3:4: \x1b[1;31m错误\x1b[0m[placeholder] "
        )),
        "{:?}",
        stdout(&colored)
    );
}

#[test]
fn fix_punctuation_width_makes_a_pasted_text_full_width() {
    let dir = tempfile::tempdir().unwrap();
    let original = "在全县防汛会议上的讲话\n同志们：\n今年汛期来得早,各地要提前准备,做到人员、物资、预案三到位。\n\
                    一是加强值守:各乡镇(街道)要落实24小时值班;二是排查隐患,时间10:30。\n";
    std::fs::write(dir.path().join("draft.txt"), original).unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--fix", "punctuation-width", "draft.txt"],
        None,
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.txt")).unwrap(),
        "在全县防汛会议上的讲话\n同志们：\n今年汛期来得早，各地要提前准备，做到人员、物资、预案三到位。\n\
         一是加强值守：各乡镇（街道）要落实24小时值班；二是排查隐患，时间10:30。\n"
    );
    assert!(
        stdout(&out).contains("draft.txt: 已将 7 处改为全角标点"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fix_residue_deletes_only_residue_writes_atomically_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let original = "在全县防汛会议上的讲话\n同志们：\n今年汛期来得早，各地要提前做好准备。\n- 2 -\n共3页，当前第1页123\n一是加强值守。\n";
    std::fs::write(dir.path().join("draft.txt"), original).unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--fix", "residue", "draft.txt"],
        None,
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.txt")).unwrap(),
        "在全县防汛会议上的讲话\n同志们：\n今年汛期来得早，各地要提前做好准备。\n一是加强值守。\n"
    );
    assert!(
        stdout(&out).contains("draft.txt: 已删除 2 处网页残留"),
        "{}",
        stdout(&out)
    );
    // Only the draft itself is left in the directory (no temp file behind).
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
    // Re-checking finds no residue.
    let again = run_in(
        dir.path(),
        &["check", "--format", "json", "draft.txt"],
        None,
    );
    let codes: Vec<String> = json(&again)["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(!codes.contains(&"residue".to_owned()), "{codes:?}");
}

/// Many drafts are checked at once on every core (issue 15): what comes out is byte for byte
/// what checking them one after another gives, in the order they were named, messages about
/// unreadable files and config problems included.
#[test]
fn many_drafts_are_reported_in_input_order_exactly_as_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let sentences = [
        "各乡镇要把防汛责任落实到人，XX乡要在月底前完成排查。",
        "进一步强化值守，进一步完善预案，进一步压实责任。",
        "一是摸清底数，三是加强督查。",
        "全县新建应急避难场所十二处，群众满意度明显提升。",
        "- 2 -",
    ];
    let mut names = Vec::new();
    for i in 0..24 {
        // Lengths differ a lot, so drafts finish out of order on a pool.
        let body: String = (0..(i * 7 % 23 + 1))
            .map(|k| sentences[(i + k) % sentences.len()])
            .collect::<Vec<_>>()
            .join("\n");
        let name = format!("draft{i:02}.txt");
        std::fs::write(
            root.join(&name),
            format!("在全县防汛工作会议上的讲话\n同志们：\n{body}\n"),
        )
        .unwrap();
        names.push(name);
    }
    // Trouble in the middle: a missing file, one in neither encoding, a broken config.
    std::fs::write(root.join("utf16.txt"), b"\xFF\xFE\x0C\x54\xD7\x5F").unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/jianggao.toml"), "enable = \"yes\"\n").unwrap();
    std::fs::write(root.join("sub/draft.txt"), "请XX发言。\n").unwrap();
    names.insert(5, "missing.txt".to_owned());
    names.insert(9, "utf16.txt".to_owned());
    names.insert(14, "sub/draft.txt".to_owned());

    for format in ["human", "json", "csv"] {
        let args = |files: &[String]| {
            let mut args = vec!["check".to_owned(), "--format".to_owned(), format.to_owned()];
            args.extend(files.iter().cloned());
            args
        };
        let run_args = |args: Vec<String>| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run_in(root, &args, None)
        };
        let all = run_args(args(&names));
        let singles: Vec<_> = names
            .iter()
            .map(|name| run_args(args(std::slice::from_ref(name))))
            .collect();
        let single_stderr: String = singles.iter().map(stderr).collect();
        assert_eq!(stderr(&all), single_stderr, "{format}");
        assert!(stderr(&all).contains("missing.txt"), "{}", stderr(&all));
        assert_eq!(code(&all), 2, "{format}");
        match format {
            "human" => {
                let json_args: Vec<&str> = ["check", "--format", "json"]
                    .into_iter()
                    .chain(names.iter().map(String::as_str))
                    .collect();
                let findings: usize = json(&run_in(root, &json_args, None))["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["diagnostics"].as_array().unwrap().len())
                    .sum();
                let mut expected: String = singles.iter().map(stdout).collect();
                expected.push_str(&format!("共检查 25 个文件，发现 {findings} 处问题\n"));
                assert_eq!(stdout(&all), expected);
            }
            "json" => {
                let files: Vec<Value> = singles
                    .iter()
                    .filter(|out| !out.stdout.is_empty())
                    .flat_map(|out| json(out)["files"].as_array().unwrap().clone())
                    .collect();
                assert_eq!(files.len(), 25);
                assert_eq!(json(&all)["files"], Value::Array(files));
            }
            _ => {
                // One header, then each draft's rows in order.
                let bom_and_header = |out: &std::process::Output| {
                    let text = stdout(out);
                    let (head, rows) = text.split_once('\n').unwrap();
                    (head.to_owned(), rows.to_owned())
                };
                let (head, _) = bom_and_header(&all);
                let rows: String = singles
                    .iter()
                    .filter(|out| !out.stdout.is_empty())
                    .map(|out| bom_and_header(out).1)
                    .collect();
                assert_eq!(stdout(&all), format!("{head}\n{rows}"));
            }
        }
    }
}
