//! Word documents and the 勘误表 on the command line: `check`, `outline` and `stats` on `.docx`
//! files built here from our own text; `check --format csv|markdown`.

use std::path::Path;

use serde_json::{json as value, Value};

#[path = "common/cli.rs"]
mod cli;
#[path = "common/docx.rs"]
mod docx;

use cli::{
    assert_generated, assert_output, code, fill_placeholders, json, placeholders, run_in, stderr,
    stdout, ROOT,
};
use docx::p;

/// The CLI fixture draft, whose only problems are two `XX`.
fn fixture_text() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/cli/placeholder.txt")).unwrap()
}

/// The same draft made in Word: the headings `一、` are Word's list numbering, the blank
/// lines empty paragraphs.
fn fixture_docx() -> Vec<u8> {
    docx::from_text_with_word_headings(&fixture_text()).build()
}

/// A directory holding the fixture as `讲稿.docx` and as `讲稿.txt`.
fn drafts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("讲稿.docx"), fixture_docx()).unwrap();
    std::fs::write(dir.path().join("讲稿.txt"), fixture_text()).unwrap();
    dir
}

#[test]
fn human_output_names_the_paragraph_and_quotes_its_line() {
    let dir = drafts();
    let found = placeholders(&fixture_text());
    assert_eq!(found.len(), 2, "{found:?}");
    let out = run_in(dir.path(), &["check", "讲稿.docx"], None);
    let expected = fill_placeholders(
        "\
讲稿.docx 第 5 段: 错误[placeholder] {m0}
  |
5 | 　　今年汛期XX降雨可能偏多，各村要早作准备，不能心存侥幸。
  |             {k0}

讲稿.docx 第 9 段: 错误[placeholder] {m1}
  |
9 | 　　𠮷田村的XX等干部要分片包干，汛期实行二十四小时值班。
  |             {k1}

讲稿.docx: 共 2 处占位符未填写（错误 2 处）
",
        &found,
    );
    assert_output(&out, &expected, "", 1);
}

#[test]
fn json_gives_the_same_diagnostics_as_the_text_and_the_paragraph() {
    let dir = drafts();
    let out = run_in(
        dir.path(),
        &["check", "--format", "json", "讲稿.docx", "讲稿.txt"],
        None,
    );
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    let word = doc["files"][0]["diagnostics"].as_array().unwrap().clone();
    let text = doc["files"][1]["diagnostics"].as_array().unwrap().clone();
    assert_eq!(word.len(), 2);
    for (w, t) in word.iter().zip(&text) {
        // Text files carry no paragraph; a Word document's diagnostics are the text's, over
        // the extracted text (where empty paragraphs are no lines).
        assert_eq!(t.get("paragraph"), None);
        let mut without = w.clone();
        let object = without.as_object_mut().unwrap();
        object.remove("paragraph");
        object.remove("part");
        object.remove("range");
        let mut text_without = t.clone();
        text_without.as_object_mut().unwrap().remove("range");
        assert_eq!(without, text_without);
    }
    // Line n of the extracted body is paragraph n + 1 (lines are 0-based here).
    let places: Vec<(Value, Value, Value)> = word
        .iter()
        .map(|d| {
            (
                d["paragraph"].clone(),
                d["part"].clone(),
                d["range"]["start"].clone(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (
                value!(5),
                value!("body"),
                value!({"line": 4, "character": 6})
            ),
            (
                value!(9),
                value!("body"),
                value!({"line": 8, "character": 7})
            ),
        ]
    );
}

#[test]
fn fix_is_refused_on_a_word_document_which_is_still_reported_and_never_written() {
    let dir = drafts();
    let before = std::fs::read(dir.path().join("讲稿.docx")).unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--fix", "residue", "讲稿.docx"],
        None,
    );
    assert_eq!(
        stderr(&out),
        "错误：“讲稿.docx” 是 Word 文档，--fix 不改写 Word 文档（下面只报告问题），请在 Word 中修改\n"
    );
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).ends_with("讲稿.docx: 共 2 处占位符未填写（错误 2 处）\n"),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read(dir.path().join("讲稿.docx")).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "no temporary file is left");
}

#[test]
fn legacy_encrypted_and_broken_files_are_named_and_the_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("旧稿.doc"), docx::ole_file("WordDocument")).unwrap();
    std::fs::write(dir.path().join("旧稿.wps"), docx::ole_file("WordDocument")).unwrap();
    std::fs::write(
        dir.path().join("加密.docx"),
        docx::ole_file("EncryptedPackage"),
    )
    .unwrap();
    let mut cut = fixture_docx();
    cut.truncate(cut.len() / 2);
    std::fs::write(dir.path().join("损坏.docx"), cut).unwrap();
    std::fs::write(dir.path().join("新稿.docx"), fixture_docx()).unwrap();

    let out = run_in(dir.path(), &["check", "--format", "json", "."], None);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "错误：“./加密.docx” 设有打开密码（已加密），无法读取；请在 Word 中取消密码后再检查\n\
         错误：“./损坏.docx” 不是有效的 Word 文档（文件已损坏或不完整），请在 Word 或 WPS 中打开并另存为 .docx 后再检查\n\
         错误：“./旧稿.doc” 是旧版 Word 文档（.doc），请另存为 .docx 后再检查\n\
         错误：“./旧稿.wps” 是旧版 WPS 文字文档（.wps），请另存为 .docx 后再检查\n"
    );
    let doc = json(&out);
    assert_eq!(doc["files"].as_array().unwrap().len(), 1);
    assert_eq!(doc["files"][0]["path"], "./新稿.docx");
    assert_eq!(doc["files"][0]["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn csv_errata_has_one_row_per_finding_with_place_context_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("讲稿.docx"), fixture_docx()).unwrap();
    std::fs::write(
        dir.path().join("补充.txt"),
        "在全县防汛会议上的讲话\n同志们：\n今年汛期来得早，各地要提前做好准备。\n- 2 -\n同志们，让我们共同努力！\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--format", "csv", "讲稿.docx", "补充.txt"],
        None,
    );
    assert_eq!(code(&out), 1);
    assert_eq!(stderr(&out), "");
    let found = placeholders(&fixture_text());
    let residue = jianggao::analyze(
        "在全县防汛会议上的讲话\n同志们：\n今年汛期来得早，各地要提前做好准备。\n- 2 -\n同志们，让我们共同努力！\n",
        jianggao::DocKind::Plain,
    );
    let rules: Vec<&str> = residue.findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        ["missing-body", "residue"],
        "the text file's findings"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "\u{feff}文件,位置,规则,级别,原文,说明,建议修改\r\n\
             讲稿.docx,第 5 段,placeholder,错误,今年汛期【XX】降雨可能偏多，各村要…,{m0},\r\n\
             讲稿.docx,第 9 段,placeholder,错误,𠮷田村的【XX】等干部要分片包干，汛…,{m1},\r\n\
             补充.txt,第 3 行,missing-body,{l2},【今年汛期来得早，各地要提前做好准备。】,{m2},\r\n\
             补充.txt,第 4 行,residue,{l3},【- 2 -】,{m3},{f3}\r\n",
            m0 = found[0].1,
            m1 = found[1].1,
            m2 = residue.findings[0].message,
            m3 = residue.findings[1].message,
            l2 = residue.findings[0].severity.label_zh(),
            l3 = residue.findings[1].severity.label_zh(),
            // One deletion whose title says it: the title alone.
            f3 = residue.findings[1].fixes[0].title,
        )
    );
}

#[test]
fn markdown_errata_is_a_table_with_the_same_rows() {
    let dir = drafts();
    let out = run_in(
        dir.path(),
        &["check", "--format", "markdown", "讲稿.docx"],
        None,
    );
    assert_eq!(code(&out), 1);
    let found = placeholders(&fixture_text());
    assert_eq!(
        stdout(&out),
        format!(
            "| 文件 | 位置 | 规则 | 级别 | 原文 | 说明 | 建议修改 |\n\
             |---|---|---|---|---|---|---|\n\
             | 讲稿.docx | 第 5 段 | placeholder | 错误 | 今年汛期【XX】降雨可能偏多，各村要… | {m0} |  |\n\
             | 讲稿.docx | 第 9 段 | placeholder | 错误 | 𠮷田村的【XX】等干部要分片包干，汛… | {m1} |  |\n",
            m0 = found[0].1,
            m1 = found[1].1,
        )
    );
}

#[test]
fn outline_and_stats_read_word_documents() {
    let dir = drafts();
    let out = run_in(dir.path(), &["outline", "讲稿.docx"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let outline = stdout(&out);
    let lines: Vec<&str> = outline.lines().collect();
    assert!(
        lines[0].starts_with("在全镇防汛工作会议上的讲话  第 1–10 段  "),
        "{outline}"
    );
    let sections: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("  一、") || l.starts_with("  二、") || l.starts_with("  三、"))
        .map(|l| l.split("  ").nth(2).unwrap())
        .collect();
    assert_eq!(
        sections,
        ["第 4–5 段", "第 6–7 段", "第 8–9 段"],
        "{outline}"
    );

    let out = run_in(
        dir.path(),
        &["outline", "--format", "json", "讲稿.docx"],
        None,
    );
    let tree = json(&out);
    let first = &tree["nodes"][0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "section")
        .unwrap()
        .clone();
    assert_eq!(first["ordinal"], "一、");
    assert_eq!(first["paragraphs"], value!({"start": 4, "end": 5}));
    assert_eq!(first["lines"], value!({"start": 4, "end": 5}));

    // The body's statistics are the text's.
    let word = run_in(dir.path(), &["stats", "讲稿.docx"], None);
    let text = run_in(dir.path(), &["stats", "讲稿.txt"], None);
    assert_eq!(code(&word), 0);
    assert_eq!(stdout(&word), stdout(&text));
}

/// `examples/anquan-shengchan.docx`: the example draft as a Word document — its headings are
/// Word's list numbering, its blank lines empty paragraphs — with a page-number footer and a
/// header its writer forgot to fill in. Regenerate with `UPDATE_DOCS=1 cargo test --test
/// cli_word`.
fn example_docx() -> Vec<u8> {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("examples/anquan-shengchan.txt")).unwrap();
    docx::from_text_with_word_headings(&text)
        .header(&[p("XX县安全生产委员会办公室")])
        .footer(&[docx::page_number_paragraph(1)])
        .build()
}

#[test]
fn the_example_word_document_is_up_to_date() {
    assert_generated(
        "examples/anquan-shengchan.docx",
        &example_docx(),
        "cli_word",
    );
}

#[test]
fn the_example_word_document_has_the_example_drafts_findings_and_its_header_one() {
    let root = Path::new(ROOT);
    let out = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "examples/anquan-shengchan.docx",
            "examples/anquan-shengchan.txt",
        ],
        None,
    );
    let doc = json(&out);
    let summary = |file: usize| -> Vec<(String, String, Option<u64>)> {
        doc["files"][file]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                    d["paragraph"].as_u64(),
                )
            })
            .collect()
    };
    let word = summary(0);
    let text = summary(1);
    // The header's placeholder comes last, in 页眉; the rest are the text's findings, but
    // the repeated paragraph is cited by its paragraph (18), not by its line in the text (33).
    let (header, body) = word.split_last().unwrap();
    assert_eq!(header.0, "placeholder");
    assert!(header.1.contains("XX县"), "{header:?}");
    let body: Vec<(String, String)> = body
        .iter()
        .map(|(c, m, _)| (c.clone(), m.clone()))
        .collect();
    let text: Vec<(String, String)> = text
        .iter()
        .map(|(c, m, _)| (c.clone(), m.replace("第 33 行", "第 18 行")))
        .collect();
    assert_eq!(body, text);
    assert!(text.iter().any(|(_, m)| m.contains("第 18 行")), "{text:?}");
    let parts: Vec<&str> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["part"].as_str().unwrap())
        .collect();
    assert_eq!(parts.last(), Some(&"header"));
    assert!(parts[..parts.len() - 1].iter().all(|p| *p == "body"));
}
