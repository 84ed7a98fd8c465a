//! Numbering rules on the real drafts in `../shared/corpus/`: every finding listed and checked
//! by hand, so a false alarm or a miss fails.

#[path = "common/corpus.rs"]
mod corpus;

use jianggao::checks::announced_count::announced_lists;
use jianggao::checks::Context;
use jianggao::{analyze, Config, DocKind, Draft, Finding};

fn is_numbering(f: &Finding) -> bool {
    f.rule.starts_with("numbering-") || f.rule == "announced-count"
}

/// (rule, 1-based line, flagged text) of every numbering finding.
fn numbering(text: &str) -> Vec<(&'static str, usize, String)> {
    analyze(text, DocKind::Plain)
        .findings
        .iter()
        .filter(|f| is_numbering(f))
        .map(|f| {
            (
                f.rule,
                corpus::line_of(text, f.range.start),
                text[f.range.clone()].to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_clean_speech_has_no_numbering_finding() {
    let Some(text) = corpus::read("002_") else {
        return;
    };
    assert_eq!(numbering(&text), []);
}

#[test]
fn every_numbering_finding_of_the_compilation() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let found = numbering(&text);
    let expected: Vec<(&str, usize, String)> = vec![
        // 篇三 (二) of `(一)…（二）…(三)`: the one full-width bracket among half-width ones.
        ("numbering-style", 253, "（二）".into()),
        // 篇三 `首先，…其次，…第三，`.
        ("numbering-style", 275, "第三".into()),
        // 篇三 (三) `一要不断提升理念。` with no `二要`: the cut-off template.
        ("numbering-single", 283, "一要".into()),
        // 篇四 `一、…二、…一、上半年工作的回顾`: a pasted part restarts the top level.
        ("numbering-duplicate", 365, "一、".into()),
        // 篇五 `一要…二是要…三是要`.
        ("numbering-style", 481, "一要".into()),
    ];
    assert_eq!(found, expected);
    let messages: Vec<String> = analyze(&text, DocKind::Plain)
        .findings
        .iter()
        .filter(|f| is_numbering(f))
        .map(|f| f.message.clone())
        .collect();
    // The width mix points at the majority form next to it: `(三) 怎样建设…`.
    let related: Vec<(usize, String)> = analyze(&text, DocKind::Plain)
        .findings
        .iter()
        .filter(|f| f.rule == "numbering-style")
        .flat_map(|f| f.related.iter())
        .map(|r| {
            (
                corpus::line_of(&text, r.range.start),
                text[r.range.clone()].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        related,
        [
            (281, "(三)".to_owned()),
            (265, "其次".to_owned()),
            (481, "二是要".to_owned())
        ]
    );
    assert_eq!(
        messages,
        [
            "序号写法不统一：按本组多数写法应为“(二)”，此处为“（二）”",
            "序号写法不统一：按本组多数写法应为“再次”，此处为“第三”",
            "列举不完整：有“一要”而没有“二要”",
            "序号重复：“二、”之后应为“三、”，此处又是“一、”",
            "序号写法不统一：按本组多数写法应为“一是要”，此处为“一要”",
        ]
    );
}

#[test]
fn every_numbering_finding_of_the_second_compilation() {
    let Some(text) = corpus::read("004_") else {
        return;
    };
    // 第三篇 announces three points and stops after `二、`: the speech was cut off.
    assert_eq!(
        numbering(&text),
        [("announced-count", 73, "三点意见".to_owned())]
    );
}

/// (line, phrase, announced, listed) of every announcement followed by a list.
fn announced(text: &str) -> Vec<(usize, String, u32, usize)> {
    let config = Config::default();
    let draft = Draft::parse(text, DocKind::Plain, &config);
    announced_lists(&Context::new(&draft, &config))
        .into_iter()
        .map(|a| {
            let p = &draft.paragraphs[a.paragraph];
            (
                corpus::line_of(text, p.range.start),
                p.prose.text[a.announcement.phrase.clone()].to_owned(),
                a.announcement.count,
                draft.sequences[a.sequence].members.len(),
            )
        })
        .collect()
}

#[test]
fn announced_counts_are_recognised_and_the_matching_ones_are_silent() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let expected: Vec<(usize, String, u32, usize)> = vec![
        (49, "三项工作".into(), 3, 3),
        (51, "四项内容".into(), 4, 4),
        (55, "五个亮点".into(), 5, 5),
        (183, "三点意见".into(), 3, 3),
        (249, "三个层面".into(), 3, 3),
        (335, "三项工作".into(), 3, 3),
        (337, "四项内容".into(), 4, 4),
        (341, "五个亮点".into(), 5, 5),
        (447, "“四性”".into(), 4, 4),
        (451, "十个“要”".into(), 10, 10),
    ];
    assert_eq!(announced(&text), expected);
    assert!(numbering(&text).iter().all(|f| f.0 != "announced-count"));

    let Some(text) = corpus::read("002_") else {
        return;
    };
    assert_eq!(
        announced(&text),
        [
            (3, "三点意见".to_owned(), 3, 3),
            (7, "“五种能力”".to_owned(), 5, 5)
        ]
    );

    let Some(text) = corpus::read("004_") else {
        return;
    };
    let expected: Vec<(usize, String, u32, usize)> = vec![
        (41, "三点意见".into(), 3, 3),
        (73, "三点意见".into(), 3, 2),
        (89, "四件事".into(), 4, 4),
        (102, "三个层面".into(), 3, 3),
        (106, "“三个必须”".into(), 3, 3),
    ];
    assert_eq!(announced(&text), expected);
}

#[test]
fn each_fix_removes_its_finding_and_adds_none() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let findings: Vec<Finding> = analyze(&text, DocKind::Plain)
        .findings
        .into_iter()
        .filter(is_numbering)
        .collect();
    let with_fix: Vec<&Finding> = findings.iter().filter(|f| !f.fixes.is_empty()).collect();
    // Every finding but the lone `一要` (nothing to renumber) offers a fix.
    assert_eq!(with_fix.len(), 4);
    for finding in with_fix {
        let fixed = finding.fixes[0].apply(&text);
        let after = numbering(&fixed);
        let before = numbering(&text);
        let gone: Vec<_> = before.iter().filter(|f| !after.contains(f)).collect();
        assert_eq!(after.len(), before.len() - 1, "{:?}", finding.message);
        assert_eq!(gone.len(), 1);
        assert_eq!(gone[0].0, finding.rule);
        assert_eq!(gone[0].1, corpus::line_of(&text, finding.range.start));
    }
}

#[test]
fn a_gap_fix_applied_leaves_no_numbering_finding() {
    // What the editor does with the quick fix: apply the edits, analyse again.
    let text = "同志们：\n一、统一思想\n（一）提高认识\n（三）明确任务\n要做到：一是抓学习，三是抓作风。\n";
    let findings = analyze(text, DocKind::Plain).findings;
    let gaps: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "numbering-gap")
        .collect();
    assert_eq!(gaps.len(), 2);
    let mut fixed = text.to_owned();
    for gap in gaps.iter().rev() {
        fixed = gap.fixes[0].apply(&fixed);
    }
    assert_eq!(
        fixed,
        "同志们：\n一、统一思想\n（一）提高认识\n（二）明确任务\n要做到：一是抓学习，二是抓作风。\n"
    );
    assert_eq!(numbering(&fixed), []);
}

mod never_panics {
    use jianggao::{analyze, DocKind};
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "一、",
        "二、",
        "十一、",
        "一.",
        "（一）",
        "(二)",
        "（三）、",
        "1.",
        "2、",
        "３．",
        "（1）",
        "(2)",
        "①",
        "⑵",
        "第一，",
        "第二、",
        "第三条",
        "首先，",
        "其次，",
        "再次，",
        "最后，",
        "一是",
        "二是要",
        "三要",
        "四抓",
        "一方面",
        "另一方面",
        "——",
        "“五种能力”：",
        "十个“要”。",
        "我讲三点意见。",
        "以下两个方面：",
        "同志们：",
        "## ",
        "\n",
        "\r\n",
        "。",
        "，",
        "　",
        "抓好落实",
        "🎉",
        "第一部分",
        "篇二",
        "x",
    ];

    proptest! {
        #[test]
        fn numbering_rules_never_panic_and_fixes_apply(
            picks in proptest::collection::vec(0..TOKENS.len(), 0..60),
            markdown in any::<bool>(),
        ) {
            let text: String = picks.iter().map(|&i| TOKENS[i]).collect();
            let kind = if markdown { DocKind::Markdown } else { DocKind::Plain };
            let analysis = analyze(&text, kind);
            prop_assert!(analysis.failures.is_empty(), "{:?}", analysis.failures);
            for finding in &analysis.findings {
                prop_assert!(text.is_char_boundary(finding.range.start));
                prop_assert!(text.is_char_boundary(finding.range.end));
                for fix in &finding.fixes {
                    for edit in &fix.edits {
                        prop_assert!(text.is_char_boundary(edit.range.start));
                        prop_assert!(text.is_char_boundary(edit.range.end));
                    }
                    let _ = fix.apply(&text);
                }
            }
        }
    }
}
