//! `punctuation-width`: half-width `, : ; ! ? ( )` in Chinese text, with a fix to the
//! full-width mark. Also the server's document formatting ([`formatting_edits`]).
//!
//! A text pasted from a web page often has half-width punctuation throughout; a red line at
//! every comma would bury everything else. So when half-width marks are pervasive in a speech
//! (see [`pervasive`]: at least five, and at least a fifth of these marks), the speech gets one
//! finding at the first of them with a fix for all; likewise a paragraph where they are
//! pervasive inside an otherwise full-width speech. Sporadic slips are reported one by one.

use std::ops::Range;

use super::chinese::{
    is_ascii_blank, is_chinese_punct, is_han, merge_sorted, pervasive, source_exact, speech_units,
};
use super::{Check, Context, Rule};
use crate::draft::{Draft, Paragraph};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct PunctuationWidth;

pub const CODE: &str = "punctuation-width";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Info,
    summary: "中文里用了半角标点（, : ; ! ? ( )）",
    docs: DOCS,
    tally: Some("处半角标点"),
    fix_all_title: Some("全部改为全角标点"),
    validate_options: super::no_options,
}];

const DOCS: &str = r#"## 说明

找出中文行文里的半角标点 `,` `:` `;` `!` `?` `(` `)`，快速修复改为全角的 `，` `：` `；` `！` `？` `（` `）`，并去掉半角标点两旁多余的空格。

只报告夹在中文里的半角标点：前面是汉字或中文标点（`同志们:`、`工作,`、`”,`），或者前面是数字、字母而后面是汉字（`增长12%,比上年`）。数字和外文里的不动：`3.5`、`10:30`、`3:2`、`Hello, world`、网址，Markdown 的代码本来就不检查。段首的序号（`(一)`、`1.`）由序号规则负责。括号成对改，里面有汉字才改（`县(区)` → `县（区）`，`(1)` 不动）。

**通篇半角时只报一次。**从网页、PDF 复制来的文字常常通篇是半角标点，每个逗号都标红只会淹没真正的问题。所以一篇讲话里半角标点占这几种标点的五分之一以上（且至少 5 处）时，只在第一处报告一次，说明共有多少处，修复一次全部改完；在全角为主的讲话里，某一段通篇半角的也只报一次；零星几处才逐处报告。

一次全部改完：编辑器里用“全部改为全角标点”，或者“格式化文档”（保存时自动格式化也可以）；命令行用 `jianggao check --fix punctuation-width 讲稿.txt`。规则关闭后格式化也不再改动标点。

## 为什么

GB/T 15834《标点符号用法》规定中文使用全角标点。半角标点在中文里挤在一起，印出来很不规范，一看就是从网上复制的。

## 示例

```text
同志们:
今天召开全县安全生产工作会议,主要任务是部署下半年工作。
```

## 修改后

```text
同志们：
今天召开全县安全生产工作会议，主要任务是部署下半年工作。
```

## 选项

无，默认级别为“提示”（可用 `severity` 调整或关闭）。
"#;

/// A half-width mark (or bracket pair) to make full-width.
struct Spot {
    /// The marks in the paragraph's prose (two for a bracket pair).
    marks: Vec<Range<usize>>,
    /// The source edits: each mark with the spaces beside it, replaced by the full-width mark.
    edits: Vec<Edit>,
    /// As written: `,` or `()`.
    shown: &'static str,
}

/// The spots of one paragraph.
struct ParagraphSpots {
    index: usize,
    spots: Vec<Spot>,
}

impl ParagraphSpots {
    fn marks(&self) -> usize {
        self.spots.iter().map(|s| s.marks.len()).sum()
    }
}

fn full_width_of(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

fn shown(c: char) -> &'static str {
    match c {
        ',' => ",",
        ':' => ":",
        ';' => ";",
        '!' => "!",
        '?' => "?",
        _ => "()",
    }
}

fn name(shown: &str) -> &'static str {
    match shown {
        "," => "逗号",
        ":" => "冒号",
        ";" => "分号",
        "!" => "叹号",
        "?" => "问号",
        _ => "括号",
    }
}

fn full_shown(shown: &str) -> &'static str {
    match shown {
        "," => "，",
        ":" => "：",
        ";" => "；",
        "!" => "！",
        "?" => "？",
        _ => "（）",
    }
}

impl Check for PunctuationWidth {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        let units = speech_units(draft);
        let whole = units.len() <= 1;
        let salutations: Vec<usize> = draft.speeches.iter().filter_map(|s| s.salutation).collect();
        for unit in units {
            let found: Vec<ParagraphSpots> = unit
                .clone()
                .map(|index| spots_of(draft, index, salutations.contains(&index)))
                .collect();
            let marks: usize = found.iter().map(ParagraphSpots::marks).sum();
            if marks == 0 {
                continue;
            }
            // Full-width marks are counted only as far as the decision needs: half-width
            // marks are pervasive while the full-width ones are at most four times as many.
            let text_of = |index: usize| draft.paragraphs[index].prose.text.as_bytes();
            let mut full = 0;
            for paragraph in &found {
                full += full_width_marks(text_of(paragraph.index), 4 * marks - full);
                if full > 4 * marks {
                    break;
                }
            }
            if pervasive(marks, full) {
                let scope = if whole { "全文" } else { "本篇" };
                out.push(summary(draft, scope, &found));
                continue;
            }
            for paragraph in &found {
                if paragraph.spots.is_empty() {
                    continue;
                }
                let own = paragraph.marks();
                if pervasive(own, full_width_marks(text_of(paragraph.index), 4 * own)) {
                    out.push(summary(draft, "本段", std::slice::from_ref(paragraph)));
                    continue;
                }
                for spot in &paragraph.spots {
                    out.push(single(draft, paragraph.index, spot));
                }
            }
        }
    }
}

/// The edits that format a draft's punctuation: every `punctuation-width` fix. The server's
/// document formatting applies them; nothing when the rule is off.
pub fn formatting_edits(findings: &[Finding]) -> Vec<Edit> {
    crate::analysis::fix_all(findings, CODE)
}

fn single(draft: &Draft<'_>, index: usize, spot: &Spot) -> Finding {
    let range = draft.source_range(index, spot.marks[0].clone());
    let full = full_shown(spot.shown);
    Finding::new(
        CODE,
        range,
        format!("半角{}“{}”应为全角“{full}”", name(spot.shown), spot.shown),
    )
    .with_fix(Fix::new(format!("改为“{full}”"), spot.edits.clone()))
}

fn summary(draft: &Draft<'_>, scope: &str, paragraphs: &[ParagraphSpots]) -> Finding {
    let first = paragraphs
        .iter()
        .find_map(|p| p.spots.first().map(|s| (p.index, s)))
        .expect("a summary has spots");
    let count: usize = paragraphs.iter().map(ParagraphSpots::marks).sum();
    let mut kinds: Vec<&str> = Vec::new();
    for spot in paragraphs.iter().flat_map(|p| &p.spots) {
        if !kinds.contains(&spot.shown) {
            kinds.push(spot.shown);
        }
    }
    let kinds: String = kinds.iter().map(|k| format!("“{k}”")).collect();
    let edits: Vec<Edit> = paragraphs
        .iter()
        .flat_map(|p| &p.spots)
        .flat_map(|s| s.edits.iter().cloned())
        .collect();
    Finding::new(
        CODE,
        draft.source_range(first.0, first.1.marks[0].clone()),
        format!("{scope}有 {count} 处半角标点（{kinds}），中文应使用全角标点"),
    )
    .with_note(
        "从网页、PDF 复制的文字常常通篇是半角标点，这里只在第一处提示。\
         可用“全部改为全角标点”或编辑器的“格式化文档”一次改完\
         （命令行：`jianggao check --fix punctuation-width`）。",
    )
    .with_fix(Fix::new(
        format!("将{scope} {count} 处半角标点改为全角"),
        edits,
    ))
}

/// The half-width marks of one paragraph that belong to Chinese text. The colon ending a
/// salutation (`同志们:`) is `salutation-format`'s.
fn spots_of(draft: &Draft<'_>, index: usize, salutation: bool) -> ParagraphSpots {
    let paragraph = &draft.paragraphs[index];
    let text = paragraph.prose.text.as_str();
    let bytes = text.as_bytes();
    // The marks are ASCII: find them with memchr instead of walking every character.
    let mut positions = merge_sorted(
        merge_sorted(
            memchr::memchr3_iter(b',', b':', b';', bytes),
            memchr::memchr3_iter(b'!', b'?', b'(', bytes),
        ),
        memchr::memchr_iter(b')', bytes),
    )
    .peekable();
    if positions.peek().is_none() {
        return ParagraphSpots {
            index,
            spots: Vec::new(),
        };
    }
    let mut skip = ordinal_ranges(paragraph);
    if salutation {
        let end = text.trim_end_matches(crate::draft::is_padding).len();
        if text[..end].ends_with(':') {
            skip.push(end - 1..end);
        }
    }
    let skipped = |at: usize| skip.iter().any(|r| r.contains(&at));
    let mut marks: Vec<(usize, char)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for at in positions {
        if skipped(at) {
            continue;
        }
        let c = char::from(bytes[at]);
        match c {
            '(' => open.push(at),
            ')' => {
                if let Some(start) = open.pop() {
                    if text[start + 1..at].chars().any(is_han) {
                        pairs.push((start, at));
                    }
                }
            }
            // `?` inside a title, not at its end, is a character lost in conversion
            // (`《走遍中国?走进枣庄》` had a middle dot), not a question mark.
            '?' if in_title_body(text, at) => {}
            ',' | ':' | ';' | '!' | '?' if in_chinese(text, at, c) => marks.push((at, c)),
            _ => {}
        }
    }
    // One spot per mark and per bracket pair, in text order.
    let mut items: Vec<(usize, Vec<usize>, char)> = marks
        .into_iter()
        .map(|(at, c)| (at, vec![at], c))
        .chain(pairs.into_iter().map(|(s, e)| (s, vec![s, e], '(')))
        .collect();
    items.sort_by_key(|(at, _, _)| *at);
    let mut all: Vec<usize> = items.iter().flat_map(|(_, m, _)| m.clone()).collect();
    all.sort_unstable();
    let spots = items
        .into_iter()
        .map(|(_, at, c)| Spot {
            marks: at.iter().map(|&a| a..a + 1).collect(),
            edits: at
                .iter()
                .filter_map(|&a| edit_for(draft, index, text, a, &all))
                .collect(),
            shown: shown(c),
        })
        .filter(|s| !s.edits.is_empty())
        .collect();
    ParagraphSpots { index, spots }
}

/// How many full-width `，：；！？（）` a paragraph has, the standard form the half-width marks
/// are weighed against; counting stops once there are more than `enough`.
fn full_width_marks(bytes: &[u8], enough: usize) -> usize {
    // U+FF01–U+FF1F are EF BC 81–9F in UTF-8.
    super::chinese::full_width_leads(bytes)
        .filter(|&at| {
            matches!(
                bytes.get(at + 2),
                Some(0x8C | 0x9A | 0x9B | 0x81 | 0x9F | 0x88 | 0x89)
            )
        })
        .take(enough + 1)
        .count()
}

/// A `, : ; ! ?` that belongs to Chinese text: after a Chinese character or mark, or after a
/// number or Latin word when a Chinese character follows (`12%,比上年`). `!` and `?` after a
/// Latin word stay (`Yahoo!`). Never between digits (`10:30`) or Latin words (`Hello, world`).
fn in_chinese(text: &str, at: usize, c: char) -> bool {
    let before = text[..at].chars().rev().find(|&c| !is_ascii_blank(c));
    let after = text[at + 1..].chars().find(|&c| !is_ascii_blank(c));
    match before {
        Some(b) if is_han(b) || is_chinese_punct(b) => true,
        Some(b) if b.is_ascii_alphanumeric() || b == '%' => {
            matches!(c, ',' | ';' | ':') && after.is_some_and(is_han)
        }
        _ => false,
    }
}

/// Inside `《…》`, and not right before the closing `》`.
fn in_title_body(text: &str, at: usize) -> bool {
    let open = text[..at].rfind('《');
    let close = text[..at].rfind('》');
    let inside = match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    };
    inside && !text[at + 1..].starts_with('》') && text[at + 1..].contains('》')
}

/// The heading ordinal's marker, and its punctuation when it is a numbering level
/// (`(一)`, `一,`): the numbering rules judge those.
fn ordinal_ranges(paragraph: &Paragraph) -> Vec<Range<usize>> {
    let Some(heading) = &paragraph.ordinal else {
        return Vec::new();
    };
    let ordinal = &heading.ordinal;
    let mut out = vec![ordinal.written.clone()];
    if let (Some(punct), Some(_)) = (&ordinal.punct, ordinal.scheme.rank()) {
        out.push(punct.clone());
    }
    out
}

/// The edit making the mark at prose offset `at` full-width, taking the ASCII spaces on either
/// side with it (up to the next mark, so edits never overlap).
fn edit_for(draft: &Draft<'_>, index: usize, text: &str, at: usize, all: &[usize]) -> Option<Edit> {
    let c = text[at..].chars().next()?;
    let full = full_width_of(c)?;
    let previous_mark = all.iter().rev().find(|&&m| m < at).map_or(0, |&m| m + 1);
    let next_mark = all.iter().find(|&&m| m > at).copied().unwrap_or(text.len());
    let mut start = at;
    while start > previous_mark && text[..start].ends_with(is_ascii_blank) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < next_mark && text[end..].starts_with(is_ascii_blank) {
        end += 1;
    }
    let range = source_exact(draft, index, start..end)
        .or_else(|| source_exact(draft, index, at..at + 1))?;
    Some(Edit::replace(range, full.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, fixed, flagged};

    #[test]
    fn sporadic_half_width_marks_are_reported_one_by_one() {
        let text = "同志们：\n今天召开全县工作会议，主要任务是部署下半年工作,请大家认真听会。\
                    会议分三项议程：一是通报情况；二是表彰先进；三是部署任务。\
                    大家有没有信心?我们一定能完成任务！\n";
        assert_eq!(flagged(CODE, text), [",", "?"]);
        let found = findings(CODE, text);
        assert_eq!(found[0].message, "半角逗号“,”应为全角“，”");
        assert_eq!(found[0].fixes[0].title, "改为“，”");
        assert!(fixed(CODE, text, 1).contains("有没有信心？我们"));
    }

    #[test]
    fn pervasive_half_width_marks_are_reported_once_with_a_fix_for_all() {
        let text = "同志们:\n今天召开全县工作会议, 主要任务是: 总结上半年工作,部署下半年工作。\
                    各县(区)要抓好落实;各部门要密切配合!\n";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range.start, text.find(", 主要").unwrap());
        assert_eq!(
            found[0].message,
            "全文有 7 处半角标点（“,”“:”“()”“;”“!”），中文应使用全角标点"
        );
        assert_eq!(found[0].fixes[0].title, "将全文 7 处半角标点改为全角");
        // The salutation's colon is left to `salutation-format`.
        assert_eq!(
            fixed(CODE, text, 0),
            "同志们:\n今天召开全县工作会议，主要任务是：总结上半年工作，部署下半年工作。\
             各县（区）要抓好落实；各部门要密切配合！\n"
        );
    }

    #[test]
    fn a_pasted_paragraph_in_a_full_width_speech_is_reported_once() {
        let full = "今天召开全县工作会议，主要任务是总结工作，部署任务，明确责任，抓好落实。\n";
        let pasted = "会上,各乡镇作了交流,讲得很好,很实在,大家要相互学习,取长补短。\n";
        let text = format!(
            "同志们：\n{}{}{}{pasted}{}{}{}",
            full, full, full, full, full, full
        );
        let found = findings(CODE, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "本段有 5 处半角标点（“,”），中文应使用全角标点"
        );
    }

    #[test]
    fn numbers_times_latin_and_code_are_left_alone() {
        let text = "会议于10:30开始，增长3.5个百分点，比分3:2，他说Hello, world，见(1)项。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
        let md = "运行 `a, b: c` 命令，结果见下。\n";
        let found = crate::checks::test_support::findings_in(
            CODE,
            md,
            crate::draft::DocKind::Markdown,
            &crate::config::Config::default(),
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_mark_after_a_number_before_chinese_is_converted() {
        let text = "收文3062件,比上年增加了12%;办理发文360件。\n";
        assert_eq!(flagged(CODE, text), [",", ";"]);
        assert_eq!(
            fixed(CODE, text, 1),
            "收文3062件,比上年增加了12%；办理发文360件。\n"
        );
    }

    #[test]
    fn a_question_mark_inside_a_title_is_a_lost_character_not_a_mark() {
        let text = "央视拍摄了《走遍中国?走进枣庄》，还有《谁是最可爱的人?》，大家看了吗?\n";
        assert_eq!(flagged(CODE, text), ["?", "?"]);
        assert_eq!(
            findings(CODE, text)[0].range.start,
            text.find("?》").unwrap()
        );
    }

    #[test]
    fn heading_ordinals_are_left_to_the_numbering_rules() {
        let text = "同志们：\n(一)认真履行职责，为决策服务。\n(二)切实发挥职能，推动落实。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn formatting_applies_every_fix() {
        let text = "同志们：\n今天开会,主要任务是: 部署工作(下半年)。\n";
        let analysis = crate::analysis::analyze(text, crate::draft::DocKind::Plain);
        let edits = formatting_edits(&analysis.findings);
        assert_eq!(
            crate::finding::apply_edits(text, &edits),
            "同志们：\n今天开会，主要任务是：部署工作（下半年）。\n"
        );
    }
}
