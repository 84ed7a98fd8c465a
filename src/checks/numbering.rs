//! `numbering-gap`, `numbering-duplicate`, `numbering-order`, `numbering-start`,
//! `numbering-single`: whether each numbering sequence counts one, two, three… They share one
//! walk over [`crate::draft::Draft::sequences`] and one fix: renumber the sequence from one.

use super::{Check, Context, Rule};
use crate::draft::sequence::{renumbered, Member, Sequence, SequenceKind};
use crate::draft::{Draft, Ordinal, Scheme};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct Numbering;

/// The end of the docs of the rules fixed by renumbering.
macro_rules! renumber_docs {
    ($text:expr) => {
        concat!(
            $text,
            "\n\n## 修改后\n\n快速修复“从一开始重新编号”只改动序号本身，一次修正整组序号的跳号、重号和顺序。\n\n## 选项\n\n无。\n"
        )
    };
}

static RULES: &[Rule] = &[
    Rule {
        code: "numbering-gap",
        default_severity: Severity::Warning,
        summary: "序号不连续（跳号）",
        docs: renumber_docs!("## 说明\n\n同一组序号中间漏掉了一个或几个号，例如“一是……三是……”、“（一）（二）（四）”。\
同一组序号指：同一上级标题下同一层级的标题序号；同一节里的“第一，”“首先，”等段首序号；\
同一节里相连段落中的“一是……二是……”等列举。\n\n\
## 为什么\n\n讲稿常由几份材料拼接而成，删掉一段后序号没有跟着改，听众会以为漏讲了一点。\n\n\
## 示例\n\n`一是抓学习，三是抓落实。` 报告：`序号不连续：“一是”之后应为“二是”，此处为“三是”`。"),
        tally: Some("处序号不连续"),
        fix_all_title: None,
        validate_options: super::no_options,
    },
    Rule {
        code: "numbering-duplicate",
        default_severity: Severity::Warning,
        summary: "序号重复",
        docs: renumber_docs!("## 说明\n\n同一组序号中同一个号出现了两次，例如“一、……二、……二、……”。\n\n\
## 为什么\n\n重复的序号多是复制粘贴留下的，会让听众和读者弄不清讲到了第几点。\n\n\
## 示例\n\n`（一）…（二）…（二）…` 报告：`序号重复：“（二）”之后应为“（三）”，此处又是“（二）”`。"),
        tally: Some("处序号重复"),
        fix_all_title: None,
        validate_options: super::no_options,
    },
    Rule {
        code: "numbering-order",
        default_severity: Severity::Warning,
        summary: "序号顺序颠倒",
        docs: renumber_docs!("## 说明\n\n同一组序号往回跳，例如“一是……三是……二是……”。\n\n\
## 为什么\n\n调整段落顺序后忘了改序号，讲稿的层次就乱了。\n\n\
## 示例\n\n`一是…三是…二是…` 在“二是”处报告：`序号顺序颠倒：“三是”之后应为“四是”，此处为“二是”`。"),
        tally: Some("处序号顺序颠倒"),
        fix_all_title: None,
        validate_options: super::no_options,
    },
    Rule {
        code: "numbering-start",
        default_severity: Severity::Warning,
        summary: "序号不是从一开始",
        docs: renumber_docs!("## 说明\n\n一组序号的第一个不是“一”，例如一节里直接从“二是”开始，或某个标题下第一个小标题是“（二）”。\n\n\
## 为什么\n\n多半是前面的内容被删掉了，或者从别的材料里摘了后半段。\n\n\
## 示例\n\n`二是抓作风，三是抓落实。` 报告：`序号应从“一是”开始，此处为“二是”`。"),
        tally: Some("组序号不是从一开始"),
        fix_all_title: None,
        validate_options: super::no_options,
    },
    Rule {
        code: "numbering-single",
        default_severity: Severity::Warning,
        summary: "列举只有“一是”没有“二是”",
        docs: "## 说明\n\n段落里出现了“一是”“一要”这样的列举开头，但本节里没有“二是”“二要”。\n\n\
## 为什么\n\n这通常是套用模板时删掉了后面几条，只剩下一个孤零零的“一是”。\n\n\
## 示例\n\n`一要不断提升理念。` 后面再没有“二要”，报告：`列举不完整：有“一要”而没有“二要”`。\n\n\
## 修改后\n\n补上后面几条，或删去“一要”改为普通叙述。\n\n## 选项\n\n无。\n",
        tally: Some("处列举只有一项"),
        fix_all_title: None,
        validate_options: super::no_options,
    },
];

impl Check for Numbering {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        for sequence in draft.sequences.iter().filter(|s| s.is_numbered()) {
            check_sequence(draft, sequence, out);
        }
    }
}

/// The marker of a member as written.
pub(crate) fn written<'d>(draft: &'d Draft<'_>, member: &Member) -> &'d str {
    draft
        .paragraphs
        .get(member.paragraph)
        .and_then(|p| p.prose.text.get(member.ordinal.written.clone()))
        .unwrap_or("")
}

/// The member's marker rewritten with `value` (falls back to the marker as written).
fn with_value(draft: &Draft<'_>, member: &Member, value: u32) -> String {
    draft
        .paragraphs
        .get(member.paragraph)
        .and_then(|p| renumbered(&p.prose.text, &member.ordinal, value))
        .unwrap_or_else(|| written(draft, member).to_owned())
}

fn check_sequence(draft: &Draft<'_>, sequence: &Sequence, out: &mut Vec<Finding>) {
    let members = &sequence.members;
    let Some(first) = members.first() else {
        return;
    };
    let fix = renumber_fix(draft, sequence);
    let with_fix = |finding: Finding| match &fix {
        Some(fix) => finding.with_fix(fix.clone()),
        None => finding,
    };
    let range = |m: &Member| draft.source_range(m.paragraph, m.ordinal.written.clone());

    // A lone `一是` / `一要`: a list cut off when a template was trimmed.
    if members.len() == 1 {
        let inline_is = matches!(first.ordinal.scheme, Scheme::Inline('是' | '要'));
        if sequence.kind == SequenceKind::Inline
            && inline_is
            && first.ordinal.value == 1
            && !written_loosely(
                draft,
                sequence,
                (first.paragraph, first.ordinal.written.end),
                (first.paragraph + 1, usize::MAX),
                2,
            )
        {
            let found = written(draft, first);
            out.push(Finding::new(
                "numbering-single",
                range(first),
                format!(
                    "列举不完整：有“{found}”而没有“{}”",
                    with_value(draft, first, 2)
                ),
            ));
        }
    }

    // Lists of one word or one inline item say too little to know where they start.
    let start_checked = sequence.kind == SequenceKind::Heading || members.len() >= 2;
    if start_checked
        && first.ordinal.value != 1
        && first.ordinal.value != Ordinal::LAST
        && !written_loosely(
            draft,
            sequence,
            (first.paragraph.saturating_sub(1), 0),
            (first.paragraph, first.ordinal.written.start),
            1,
        )
    {
        out.push(with_fix(Finding::new(
            "numbering-start",
            range(first),
            format!(
                "序号应从“{}”开始，此处为“{}”",
                with_value(draft, first, 1),
                written(draft, first)
            ),
        )));
    }

    let mut seen: Vec<u32> = vec![first.ordinal.value];
    for pair in members.windows(2) {
        let (prev, cur) = (&pair[0], &pair[1]);
        let (p, c) = (prev.ordinal.value, cur.ordinal.value);
        seen.push(c);
        if p == Ordinal::LAST || c == Ordinal::LAST {
            continue;
        }
        let expected = with_value(draft, cur, p + 1);
        let (prev_w, cur_w) = (written(draft, prev), written(draft, cur));
        let finding = if seen[..seen.len() - 1].contains(&c) {
            Finding::new(
                "numbering-duplicate",
                range(cur),
                format!("序号重复：“{prev_w}”之后应为“{expected}”，此处又是“{cur_w}”"),
            )
        } else if c < p {
            Finding::new(
                "numbering-order",
                range(cur),
                format!("序号顺序颠倒：“{prev_w}”之后应为“{expected}”，此处为“{cur_w}”"),
            )
        } else if c > p + 1
            && !written_loosely(
                draft,
                sequence,
                (prev.paragraph, prev.ordinal.written.end),
                (cur.paragraph, cur.ordinal.written.start),
                p + 1,
            )
        {
            Finding::new(
                "numbering-gap",
                range(cur),
                format!("序号不连续：“{prev_w}”之后应为“{expected}”，此处为“{cur_w}”"),
            )
        } else {
            continue;
        };
        out.push(with_fix(
            finding.with_related(range(prev), format!("上一个序号“{prev_w}”")),
        ));
    }
}

/// True when the number `value` of a spoken list is written between `from` and `to`
/// (paragraph, prose offset) in a place the recognizer does not take as a list marker:
/// `首先要…` without a comma, `我们一是要…` inside a clause. Such a list is not missing that
/// item, so no gap or start is reported. Headings are recognised reliably and never excused.
fn written_loosely(
    draft: &Draft<'_>,
    sequence: &Sequence,
    from: (usize, usize),
    to: (usize, usize),
    value: u32,
) -> bool {
    let Some(numeral) = crate::draft::sequence::chinese(value) else {
        return false;
    };
    let needles: Vec<String> = match sequence.kind {
        SequenceKind::Inline => match sequence.family {
            Scheme::Inline(verb) if verb != '是' => vec![format!("{numeral}{verb}")],
            _ => vec![format!("{numeral}是"), format!("{numeral}要")],
        },
        SequenceKind::Leading => {
            let mut words = vec![format!("第{numeral}")];
            words.extend(crate::draft::sequence::sequence_word(value).map(str::to_owned));
            words
        }
        _ => return false,
    };
    (from.0..=to.0).any(|i| {
        let Some(text) = draft.paragraphs.get(i).map(|p| p.prose.text.as_str()) else {
            return false;
        };
        let start = if i == from.0 { from.1 } else { 0 };
        let end = if i == to.0 {
            to.1.min(text.len())
        } else {
            text.len()
        };
        let Some(between) = text.get(start.min(end)..end) else {
            return false;
        };
        match sequence.kind {
            // Leading words count only at the start of a paragraph (`首先要…`).
            SequenceKind::Leading => {
                start == 0
                    && needles.iter().any(|n| {
                        between
                            .trim_start_matches(crate::draft::is_padding)
                            .starts_with(n.as_str())
                    })
            }
            _ => needles.iter().any(|n| between.contains(n.as_str())),
        }
    })
}

/// Renumbers the whole sequence 1, 2, 3, … (`最后` stays), editing only the numerals.
/// `None` when a member's form cannot express its new number.
fn renumber_fix(draft: &Draft<'_>, sequence: &Sequence) -> Option<Fix> {
    let mut edits = Vec::new();
    for (k, member) in sequence.members.iter().enumerate() {
        let value = member.ordinal.value;
        if value == Ordinal::LAST || value == k as u32 + 1 {
            continue;
        }
        let prose = &draft.paragraphs.get(member.paragraph)?.prose.text;
        let new = if member.ordinal.scheme == Scheme::Sequence {
            // `首先`/`其次`/`再次` are whole words: replace the word.
            crate::draft::sequence::sequence_word(k as u32 + 1)?.to_owned()
        } else {
            crate::draft::sequence::numeral_like(prose, &member.ordinal, k as u32 + 1)?
        };
        edits.push(Edit::replace(
            draft.source_range(member.paragraph, member.ordinal.numeral.clone()),
            new,
        ));
    }
    let first = sequence.members.first()?;
    Some(Fix::new(
        format!("从“{}”起重新编号", with_value(draft, first, 1)),
        edits,
    ))
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, fixed, flagged, flagged_family};
    use crate::draft::DocKind;

    /// Every numbering finding of the five rules, as (rule, flagged text).
    fn all(text: &str) -> Vec<(&'static str, String)> {
        flagged_family("numbering-", text)
    }

    fn clean_after_fix(rule: &str, text: &str) -> String {
        let new = fixed(rule, text, 0);
        assert_eq!(all(&new), [], "{new}");
        new
    }

    #[test]
    fn a_gap_in_an_inline_list() {
        let text = "同志们：\n我们要抓好三件事：一是抓学习，三是抓作风，四是抓落实。\n";
        let found = findings("numbering-gap", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "三是");
        assert_eq!(
            found[0].message,
            "序号不连续：“一是”之后应为“二是”，此处为“三是”"
        );
        assert_eq!(&text[found[0].related[0].range.clone()], "一是");
        assert_eq!(found[0].fixes[0].title, "从“一是”起重新编号");
        let edits: Vec<(&str, &str)> = found[0].fixes[0]
            .edits
            .iter()
            .map(|e| (&text[e.range.clone()], e.replacement.as_str()))
            .collect();
        assert_eq!(edits, [("三", "二"), ("四", "三")]);
        assert_eq!(all(text), [("numbering-gap", "三是".to_owned())]);
        assert_eq!(
            clean_after_fix("numbering-gap", text),
            "同志们：\n我们要抓好三件事：一是抓学习，二是抓作风，三是抓落实。\n"
        );
    }

    #[test]
    fn a_gap_between_headings_across_widths() {
        let text = "同志们：\n一、统一思想\n（一）提高认识\n（二）明确任务\n(四)压实责任\n";
        let found = findings("numbering-gap", text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "序号不连续：“（二）”之后应为“(三)”，此处为“(四)”"
        );
        assert_eq!(
            fixed("numbering-gap", text, 0),
            "同志们：\n一、统一思想\n（一）提高认识\n（二）明确任务\n(三)压实责任\n"
        );
    }

    #[test]
    fn duplicates_and_order_in_one_edit() {
        let text = "同志们：\n一、统一思想\n要统一思想。\n二、明确任务\n要明确任务。\n二、压实责任\n要压实责任。\n一、狠抓落实\n要狠抓落实。\n";
        assert_eq!(
            all(text),
            [
                ("numbering-duplicate", "二、".to_owned()),
                ("numbering-duplicate", "一、".to_owned())
            ]
        );
        let found = findings("numbering-duplicate", text);
        assert_eq!(
            found[0].message,
            "序号重复：“二、”之后应为“三、”，此处又是“二、”"
        );
        assert_eq!(
            found[1].message,
            "序号重复：“二、”之后应为“三、”，此处又是“一、”"
        );
        assert_eq!(
            clean_after_fix("numbering-duplicate", text),
            "同志们：\n一、统一思想\n要统一思想。\n二、明确任务\n要明确任务。\n三、压实责任\n要压实责任。\n四、狠抓落实\n要狠抓落实。\n"
        );
    }

    #[test]
    fn order_goes_backwards() {
        let text = "同志们：\n一是抓学习。\n三是抓作风。\n二是抓落实。\n";
        assert_eq!(
            all(text),
            [
                ("numbering-gap", "三是".to_owned()),
                ("numbering-order", "二是".to_owned())
            ]
        );
        let found = findings("numbering-order", text);
        assert_eq!(
            found[0].message,
            "序号顺序颠倒：“三是”之后应为“四是”，此处为“二是”"
        );
        assert_eq!(
            clean_after_fix("numbering-order", text),
            "同志们：\n一是抓学习。\n二是抓作风。\n三是抓落实。\n"
        );
    }

    #[test]
    fn a_list_that_does_not_start_at_one() {
        let text = "同志们：\n一、统一思想\n（二）提高认识\n（三）明确任务\n二、狠抓落实\n二是抓作风，三是抓落实。\n";
        assert_eq!(flagged("numbering-start", text), ["（二）", "二是"]);
        let found = findings("numbering-start", text);
        assert_eq!(found[0].message, "序号应从“（一）”开始，此处为“（二）”");
        assert_eq!(found[1].message, "序号应从“一是”开始，此处为“二是”");
        let new = fixed("numbering-start", text, 0);
        assert_eq!(
            new,
            "同志们：\n一、统一思想\n（一）提高认识\n（二）明确任务\n二、狠抓落实\n二是抓作风，三是抓落实。\n"
        );
        assert_eq!(all(&new), [("numbering-start", "二是".to_owned())]);
        assert_eq!(
            clean_after_fix("numbering-start", &new),
            "同志们：\n一、统一思想\n（一）提高认识\n（二）明确任务\n二、狠抓落实\n一是抓作风，二是抓落实。\n"
        );
        // Words: `其次` then `再次` renumber to `首先`, `其次`.
        let text = "同志们：\n其次，要明确任务。\n再次，要压实责任。\n";
        assert_eq!(
            findings("numbering-start", text)[0].message,
            "序号应从“首先”开始，此处为“其次”"
        );
        assert_eq!(
            clean_after_fix("numbering-start", text),
            "同志们：\n首先，要明确任务。\n其次，要压实责任。\n"
        );
    }

    #[test]
    fn items_written_without_marker_punctuation_are_not_missing() {
        // `首先要…` has no comma and is not a list marker, but the list does start there.
        let text = "同志们：\n首先要提高认识。\n其次，要明确任务。\n再次，要压实责任。\n";
        assert_eq!(all(text), []);
        let text = "同志们：\n第一，要提高认识。\n第二要明确任务。\n第三，要压实责任。\n";
        assert_eq!(all(text), []);
        let text = "同志们：\n第一，要提高认识。\n还要明确任务。\n第三，要压实责任。\n";
        assert_eq!(all(text), [("numbering-gap", "第三".to_owned())]);
        // `一是` inside a clause is not a marker, `二是` after a comma is.
        let text = "同志们：\n要求我们一是加强学习，二是改进作风，三是狠抓落实。\n";
        assert_eq!(all(text), []);
        // The excuse needs the missing number itself.
        let text = "同志们：\n要求我们加强学习，二是改进作风，三是狠抓落实。\n";
        assert_eq!(all(text), [("numbering-start", "二是".to_owned())]);
    }

    #[test]
    fn a_lone_first_item() {
        let text = "同志们：\n（一）加强学习\n一要不断提升理念。这是前提。\n第一，要学理论。\n第二，要学业务。\n";
        let found = findings("numbering-single", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "一要");
        assert_eq!(found[0].message, "列举不完整：有“一要”而没有“二要”");
        assert!(found[0].fixes.is_empty());
        // `二要` inside a clause is not a marker, but the list has its second item.
        let text = "同志们：\n一要加强学习，并且二要改进作风。\n";
        assert_eq!(all(text), []);
        // A single `一方面`, `最后，` or `第一，` is not a list to complain about.
        let text = "同志们：\n一方面要稳，同时也要进。\n第一，要学理论。\n最后，我再强调一点。\n";
        assert_eq!(all(text), []);
    }

    #[test]
    fn a_gap_in_a_markdown_ordered_list_is_found_and_fixed() {
        let text = "# 讲话\n\n同志们：\n\n## 一、抓好三件事\n\n1. 提高认识。\n2. 落实责任。\n4. 加强督查。\n";
        let config = crate::config::Config::default();
        let found = crate::checks::test_support::findings_in(
            "numbering-gap",
            text,
            DocKind::Markdown,
            &config,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].range.clone()], "4.");
        let after = found[0].fixes[0].apply(text);
        assert_eq!(after, text.replace("4. 加强督查", "3. 加强督查"));
    }

    #[test]
    fn sound_lists_are_silent() {
        let text = "同志们：\n一、统一思想\n重点做好三件事：一是抓学习，二是抓作风。\n三是抓落实。\n一要稳增长，二要保民生。\n（一）提高认识\n首先，要学习。\n其次，要思考。\n最后，要实践。\n（二）明确任务\n第一，要细化。第二，不算段首。\n第二，要量化。\n二、狠抓落实\n一抓班子，二抓队伍。\n";
        assert_eq!(all(text), []);
    }
}
