//! The repetition rules on the real drafts of the shared corpus: the pasted-twice speeches are
//! reported as one block each, pointing at the first copy, and the clean control draft gets
//! only the few repeats a careful reader finds in it.

#[path = "common/corpus.rs"]
mod corpus;

use jianggao::{analyze, DocKind, Finding};

/// First and last line a range covers.
fn lines(text: &str, range: &std::ops::Range<usize>) -> (usize, usize) {
    (
        corpus::line_of(text, range.start),
        corpus::line_of(text, range.end.saturating_sub(1)),
    )
}

fn of_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// `(later lines, earlier lines)` of each repeated-sentence finding.
fn repeated_blocks(text: &str, findings: &[Finding]) -> Vec<((usize, usize), (usize, usize))> {
    of_rule(findings, "repeated-sentence")
        .into_iter()
        .map(|f| {
            assert_eq!(f.related.len(), 1, "{f:?}");
            (lines(text, &f.range), lines(text, &f.related[0].range))
        })
        .collect()
}

#[test]
fn speech_one_pasted_again_as_speech_four_is_one_block() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let analysis = analyze(&text, DocKind::Plain);
    // 篇四 is 篇一 again (lines 297–357 repeat 11–71, from the opening to the closing), and after
    // a second salutation it carries on with the report of 篇二 (363–403 repeat 83–127). The
    // site's separator and blurb between the two in the first copy (75–79) are residue, so the
    // paste is one block. (The blurb before 篇四, 293, repeats the one before 篇二: residue too.)
    assert_eq!(
        repeated_blocks(&text, &analysis.findings),
        [((297, 403), (11, 127))]
    );
    let first = of_rule(&analysis.findings, "repeated-sentence")[0];
    assert!(
        first
            .message
            .ends_with("与第 11 行起的内容重复，疑为重复粘贴"),
        "{}",
        first.message
    );
}

#[test]
fn overlapping_speeches_two_and_three_are_one_block() {
    let Some(text) = corpus::read("004_") else {
        return;
    };
    let analysis = analyze(&text, DocKind::Plain);
    // 第三篇 (lines 73–83) repeats the start of 第二篇 (41–55) and stops mid-sentence.
    assert_eq!(
        repeated_blocks(&text, &analysis.findings),
        [((73, 83), (41, 55))]
    );
}

#[test]
fn the_clean_speech_has_one_close_stock_phrase_and_one_repeated_phrase() {
    let Some(text) = corpus::read("002_") else {
        return;
    };
    let analysis = analyze(&text, DocKind::Plain);
    // Counted by hand: no stock phrase occurs more than twice in one paragraph (the opening
    // paragraph, line 3, says 进一步 and 切实 twice each; line 5 says 决策部署, 准确把握 and
    // 更好地 twice each), and no phrase is dense across the speech. One pair is heard at once:
    // line 5 ends `使部门的职能作用更好地发挥，更好地服务于领导决策` (two characters apart). The
    // two 切实 of line 3 open clauses side by side (`切实增强…，始终紧紧围绕…，切实提高…`), a
    // parallel, not an echo.
    let stock: Vec<(&str, usize)> = of_rule(&analysis.findings, "stock-phrase-repeat")
        .into_iter()
        .map(|f| {
            (
                &text[f.range.clone()],
                corpus::line_of(&text, f.range.start),
            )
        })
        .collect();
    assert_eq!(stock, [("更好地", 5)]);
    // The 调查研究 item restates its own heading in the next sentence.
    let phrases: Vec<(&str, usize)> = of_rule(&analysis.findings, "repeated-phrase")
        .into_iter()
        .map(|f| {
            (
                &text[f.range.clone()],
                corpus::line_of(&text, f.range.start),
            )
        })
        .collect();
    assert_eq!(phrases, [("提高调查研究能力", 9)]);
    assert_eq!(repeated_blocks(&text, &analysis.findings), []);
}
