//! The section rules on the real drafts of `../shared/corpus/`: every speech that lacks a
//! salutation or a closing is reported, by line, and the clean control draft gives nothing.

#[path = "common/corpus.rs"]
mod corpus;

use jianggao::{analyze, DocKind};

const SECTION_RULES: &[&str] = &[
    "missing-title",
    "missing-salutation",
    "missing-opening",
    "missing-body",
    "missing-closing",
    "salutation-format",
    "empty-section",
    "missing-section",
];

/// (rule, 1-based line) of every section finding in a corpus file, or None without a corpus.
fn section_findings(prefix: &str) -> Option<Vec<(&'static str, usize)>> {
    let text = corpus::read(prefix)?;
    let analysis = analyze(&text, DocKind::Plain);
    let found: Vec<(&'static str, usize)> = analysis
        .findings
        .iter()
        .filter(|f| SECTION_RULES.contains(&f.rule))
        .map(|f| (f.rule, corpus::line_of(&text, f.range.start)))
        .collect();
    for f in analysis
        .findings
        .iter()
        .filter(|f| SECTION_RULES.contains(&f.rule))
    {
        eprintln!(
            "{}:{} {}",
            f.rule,
            corpus::line_of(&text, f.range.start),
            f.message
        );
    }
    Some(found)
}

#[test]
fn clean_speech_002_has_no_section_finding() {
    if let Some(found) = section_findings("002_") {
        assert_eq!(found, []);
    }
}

/// 001 holds five speeches (篇一 … 篇五). Read by hand:
/// - 篇一: title (its separator line), `同志们：`, opening, two sections, closing `谢谢大家！`.
/// - 篇二: a site blurb (residue) sits before `同志们:`, which has a half-width colon; it ends
///   with `…新局面！` (the `共3页…` pagination after it is residue).
/// - 篇三: cut off in the middle of section (三): no closing.
/// - 篇四: 篇一 again behind the same kind of blurb (residue), then the first half of 篇二 pasted after
///   its closing, so the speech ends in the middle of a section: no closing.
/// - 篇五: opens straight with `今天我们在这里召开…`: no salutation; ends `同志们，…`.
#[test]
fn compilation_001_speeches_missing_parts() {
    let Some(found) = section_findings("001_") else {
        return;
    };
    assert_eq!(
        found,
        [
            ("salutation-format", 81),   // 篇二 `同志们:`
            ("missing-closing", 289),    // 篇三 cut off
            ("missing-closing", 403),    // 篇四 ends inside the pasted half of 篇二
            ("missing-salutation", 409), // 篇五
        ]
    );
}

/// 004 holds five speeches (第一篇 … 第五篇). Read by hand:
/// - 第一篇: title, `同志们：`, four sections, closing `同志们，…献礼。`.
/// - 第二篇: title, then straight into `本次全市…会议`: no salutation; closing `同志们，…贡献！`.
/// - 第三篇: the same start as 第二篇 (no salutation), cut off after `不`: no closing.
/// - 第四篇: `文章标题：…` (residue), no salutation; ends `希望大家共同努力，…` (a closing).
/// - 第五篇: an exchange speech that opens without any salutation; ends `各位领导，…`.
#[test]
fn compilation_004_speeches_missing_parts() {
    let Some(found) = section_findings("004_") else {
        return;
    };
    assert_eq!(
        found,
        [
            ("missing-salutation", 41),  // 第二篇
            ("missing-salutation", 73),  // 第三篇
            ("missing-closing", 83),     // 第三篇 cut off
            ("missing-salutation", 86),  // 第四篇
            ("missing-salutation", 100), // 第五篇
        ]
    );
}

#[test]
fn title_inference_picks_the_summary_kind() {
    // Not in the corpus: a title of the `…年度…总结表彰会…` shape, in our own words.
    let text = "在全县二〇二五年度农业农村工作总结表彰会上的讲话\n同志们：\n今天召开总结表彰会。\n一、回顾全年成绩\n粮食生产再获丰收。\n二、部署明年任务\n明年要抓好春耕。\n同志们，让我们再接再厉！\n";
    let analysis = analyze(text, DocKind::Plain);
    let messages: Vec<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.rule == "missing-section")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["讲稿缺少“问题不足”部分：总结表彰类讲话一般包括回顾成绩、问题不足、部署安排，听众需要知道还存在哪些问题和差距"]
    );
}
