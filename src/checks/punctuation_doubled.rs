//! `punctuation-doubled`: two clause or sentence marks in a row (`。。` `，，` `，。` `：。`
//! `、、`), and `。。。` written for an ellipsis. `……` and `——` are single marks.

use super::chinese::{is_han, merge_sorted, source_exact};
use super::{Check, Context, Rule};
use crate::draft::is_padding;
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct PunctuationDoubled;

const CODE: &str = "punctuation-doubled";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Warning,
    summary: "标点重复（“。。”“，。”“：。”）",
    docs: DOCS,
    tally: Some("处标点重复"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

const DOCS: &str = r#"## 说明

找出连在一起的两个点号：`。。`、`，，`、`，。`、`：。`、`、、`、`；。` 等（中间隔着空格或换行的也算），以及用 `。。。` 代替的省略号。快速修复只留下一个：句号、冒号优先于逗号、顿号，同样的标点留第一个；`。。。` 改为 `……`。

省略号 `……` 和破折号 `——` 本来就是两个字符，不算重复；`！！`、`？！` 这类表达语气的连用不报告。半角的 `,,` `,。` 也算（从网页复制的文字常见）。

## 为什么

重复的标点多是改稿时删改留下的（删了半句，逗号没删），印出来很扎眼；冒号后面多一个句号，读的人会以为话没说完。

## 示例

```text
今年的主要任务是：。一是稳增长，，二是保民生。。
```

## 修改后

```text
今年的主要任务是：一是稳增长，二是保民生。
```

## 选项

无（可用 `severity` 调整级别或关闭）。
"#;

/// The marks that must not stand next to each other, and how strongly each ends what came
/// before: when two meet, the stronger stays (`，。` → `。`, `：。` → `：`).
fn strength(c: char) -> Option<u8> {
    Some(match c {
        '、' => 1,
        '，' | ',' => 2,
        '；' | ';' => 3,
        '。' => 4,
        '：' | ':' => 5,
        _ => return None,
    })
}

impl Check for PunctuationDoubled {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, paragraph) in cx.draft.paragraphs.iter().enumerate() {
            let text = &paragraph.prose.text;
            // Punctuation after a heading ordinal (`3、、`, `（一）、`) is the numbering rules'.
            let marker = paragraph.ordinal.as_ref().map_or(0..0, |h| {
                let o = &h.ordinal;
                o.written.start..o.punct.as_ref().map_or(o.written.end, |p| p.end)
            });
            let memo = cx.segmentation(index).derived(|s| runs(s.text()));
            for run in memo.iter() {
                if marker.contains(&run.range.start) {
                    continue;
                }
                let shown: String = text[run.range.clone()]
                    .chars()
                    .filter(|c| strength(*c).is_some())
                    .collect();
                let source = cx.draft.source_range(index, run.range.clone());
                let ellipsis = shown.chars().count() >= 3 && shown.chars().all(|c| c == '。');
                let (message, keep) = if ellipsis {
                    (
                        format!("用“{shown}”代替省略号，应写作“……”"),
                        "……".to_owned(),
                    )
                } else {
                    (format!("标点重复：“{shown}”"), run.keep.to_string())
                };
                let mut finding = Finding::new(CODE, source, message);
                if let Some(exact) = source_exact(cx.draft, index, run.range.clone()) {
                    let title = if ellipsis {
                        "改为“……”".to_owned()
                    } else {
                        format!("只保留“{keep}”")
                    };
                    finding = finding.with_fix(Fix::new(title, vec![Edit::replace(exact, keep)]));
                }
                out.push(finding);
            }
        }
    }
}

/// Two or more marks in a row (spaces between them allowed) and the one to keep.
struct Run {
    range: std::ops::Range<usize>,
    keep: char,
}

/// The mark starting at byte `at`, read from its UTF-8 bytes.
fn mark_at(bytes: &[u8], at: usize) -> Option<char> {
    Some(match bytes.get(at..)? {
        [0xE3, 0x80, 0x82, ..] => '。',
        [0xE3, 0x80, 0x81, ..] => '、',
        [0xEF, 0xBC, 0x8C, ..] => '，',
        [0xEF, 0xBC, 0x9B, ..] => '；',
        [0xEF, 0xBC, 0x9A, ..] => '：',
        [b',', ..] => ',',
        [b';', ..] => ';',
        [b':', ..] => ':',
        _ => return None,
    })
}

fn runs(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    // The full-width marks start with E3 (`。、`) or EF (`，；：`): memchr finds those bytes and
    // the ASCII marks without walking every character. Only a mark followed by another one
    // (padding between allowed) starts a run.
    let candidates = merge_sorted(
        memchr::memchr3_iter(0xE3, 0xEF, b',', bytes),
        memchr::memchr2_iter(b';', b':', bytes),
    );
    let next_mark = |from: usize| {
        // Almost always a Chinese character follows: its lead byte E4–E9 ends the run.
        if bytes.get(from).is_none_or(|b| (0xE4..=0xE9).contains(b)) {
            return None;
        }
        let gap = text[from..].len() - text[from..].trim_start_matches(is_padding).len();
        mark_at(bytes, from + gap).map(|c| (from + gap, c))
    };
    let mut out = Vec::new();
    let mut covered = 0;
    for start in candidates {
        if start < covered {
            continue;
        }
        let Some(first) = mark_at(bytes, start) else {
            continue;
        };
        let mut end = start + first.len_utf8();
        let Some(mut next) = next_mark(end) else {
            continue;
        };
        let mut best = (strength(first).unwrap_or(0), first);
        let mut full_width = !first.is_ascii();
        loop {
            let (at, c) = next;
            let s = strength(c).unwrap_or(0);
            if s > best.0 {
                best = (s, c);
            }
            full_width |= !c.is_ascii();
            end = at + c.len_utf8();
            match next_mark(end) {
                Some(more) => next = more,
                None => break,
            }
        }
        covered = end;
        // Half-width runs count only in Chinese text (`,,` after a Chinese character).
        let before = text[..start].chars().rev().find(|&c| !is_padding(c));
        if full_width || before.is_some_and(is_han) {
            out.push(Run {
                range: start..end,
                keep: best.1,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, fixed, flagged};

    #[test]
    fn doubled_marks_are_found_and_the_stronger_kept() {
        let text = "今年的主要任务是：。一是稳增长，，二是保民生，。三是促改革、、四是抓落实。。\n";
        assert_eq!(
            flagged(CODE, text),
            ["：。", "，，", "，。", "、、", "。。"]
        );
        let found = findings(CODE, text);
        assert_eq!(found[0].message, "标点重复：“：。”");
        assert_eq!(found[0].fixes[0].title, "只保留“：”");
        assert_eq!(
            fixed(CODE, text, 2),
            "今年的主要任务是：。一是稳增长，，二是保民生。三是促改革、、四是抓落实。。\n"
        );
    }

    #[test]
    fn marks_apart_by_a_space_or_a_line_break_count() {
        let text = "一是稳增长， ，二是保民生，\n，三是促改革。\n";
        let found = findings(CODE, text);
        let shown: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(shown, ["， ，", "，\n，"]);
        assert_eq!(
            fixed(CODE, text, 0),
            "一是稳增长，二是保民生，\n，三是促改革。\n"
        );
        // Across the line break the fix would join the lines: reported, not rewritten.
        assert!(found[1].fixes.is_empty());
    }

    #[test]
    fn an_ellipsis_written_with_full_stops_is_found() {
        let text = "我们走过了许多路。。。今天又站在新的起点。\n";
        assert_eq!(
            findings(CODE, text)[0].message,
            "用“。。。”代替省略号，应写作“……”"
        );
        assert_eq!(
            fixed(CODE, text, 0),
            "我们走过了许多路……今天又站在新的起点。\n"
        );
    }

    #[test]
    fn ellipsis_dash_emphasis_and_times_are_quiet() {
        let text = "我们走过了许多路……今天——在新的起点上——出发！！真的吗？！\n\
                    会议10:30开始，比分3:2，网址见http://example.com/a,b。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn punctuation_after_a_heading_ordinal_is_left_to_the_numbering_rules() {
        let text = "同志们：\n一、、统一思想\n（一）、提高认识\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn half_width_doubles_in_chinese_text_are_found() {
        let text = "我们要加强学习,,改进作风,。\n";
        assert_eq!(flagged(CODE, text), [",,", ",。"]);
    }
}
