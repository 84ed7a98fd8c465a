//! `punctuation-pair`: quotation marks, title marks and brackets that do not pair up within a
//! paragraph: `“` without `”`, a stray `》`, `（…】`.
//!
//! A quotation may run over several paragraphs in the open-quote convention only: each
//! paragraph opens with `“` and the last one closes it. A draft that stops mid-sentence (cut
//! off, or still being typed) is not blamed for what its last paragraph has not closed yet.

use std::ops::Range;

use super::chinese::{merge_sorted, source_exact, unfinished_last_paragraph};
use super::{Check, Context, Rule};
use crate::draft::is_padding;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::segment::Segmentation;

pub struct PunctuationPair;

const CODE: &str = "punctuation-pair";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Warning,
    summary: "引号、书名号、括号不成对",
    docs: DOCS,
    tally: Some("处标点不成对"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

const DOCS: &str = r#"## 说明

找出一个自然段里不成对的引号 `“”` `‘’`、书名号 `《》` `〈〉` 和括号 `（）` `【】` `〔〕`：只有前一半（`他强调：“要抓落实。`）、只有后一半（`学习》精神`）、前后不是一对（`（见附件】`）。配错的一对会把另一半作为相关位置标出。半角括号 `()` 也算括号（全角半角混用由 `punctuation-width` 管）。

不报告的情况：

- 跨段的引文按规范写法——每段开头都用前引号，只在最后一段末尾用后引号——不算不成对；
- 讲稿最后一段没写完（末尾没有句末标点）时，这一段里还没闭合的引号、括号不报告：稿子可能被截断，或者正在输入；
- 段首的序号 `(一)` `1）`，段中的列举 `1）…2）…`，英文里的撇号 `don’t`。

## 为什么

引号、书名号不成对，读者分不清引文、文件名到哪里结束；念稿的人也会在这里卡住。

## 示例

```text
会议传达了《关于加强基层治理的意见，强调“要把责任落实到人。
```

## 修改后

```text
会议传达了《关于加强基层治理的意见》，强调“要把责任落实到人”。
```

## 选项

无（可用 `severity` 调整级别或关闭）。
"#;

/// The marks that pair, with the name a message uses. Half-width round brackets pair with
/// either width.
const PAIRS: &[(char, char, &str)] = &[
    ('“', '”', "引号"),
    ('‘', '’', "单引号"),
    ('「', '」', "引号"),
    ('『', '』', "引号"),
    ('《', '》', "书名号"),
    ('〈', '〉', "书名号"),
    ('（', '）', "括号"),
    ('(', ')', "括号"),
    ('【', '】', "括号"),
    ('〔', '〕', "括号"),
];

/// The kind of a mark: index into [`PAIRS`] (half-width brackets share the full-width kind),
/// and whether it opens.
fn kind_of(c: char) -> Option<(usize, bool)> {
    let index = PAIRS.iter().position(|&(o, cl, _)| o == c || cl == c)?;
    let opens = PAIRS[index].0 == c;
    let kind = if index == 7 { 6 } else { index };
    Some((kind, opens))
}

/// The pairing mark starting at byte `at`, read from its UTF-8 bytes (most bytes the search
/// stops at begin other punctuation: `，。、——`).
fn mark_at(bytes: &[u8], at: usize) -> Option<char> {
    Some(match bytes.get(at..)? {
        [b'(', ..] => '(',
        [b')', ..] => ')',
        [0xE2, 0x80, 0x98..=0x99 | 0x9C..=0x9D, ..]
        | [0xE3, 0x80, 0x88..=0x8F | 0x90..=0x91 | 0x94..=0x95, ..]
        | [0xEF, 0xBC, 0x88..=0x89, ..] => std::str::from_utf8(&bytes[at..at + 3])
            .ok()?
            .chars()
            .next()?,
        _ => return None,
    })
}

fn is_bracket(kind: usize) -> bool {
    matches!(PAIRS[kind].2, "括号")
}

/// A mark found in a paragraph: its prose range, the character and its kind.
#[derive(Clone)]
struct Mark {
    range: Range<usize>,
    c: char,
    kind: usize,
}

/// What is wrong with the marks of one paragraph.
#[derive(Clone)]
enum Problem {
    Unclosed(Mark),
    Stray(Mark),
    Mismatch {
        open: Mark,
        close: Mark,
    },
    /// A quote mark typed the wrong way round (`“百日整治“活动`, `”百日整治”活动`): `wrong`
    /// should be `right`, and `other` is the mark it pairs with.
    Reversed {
        wrong: Mark,
        right: char,
        other: Mark,
    },
}

/// The problems of one paragraph with the heading marker it skipped, memoised with the
/// paragraph's segmentation.
struct Pairing {
    skip: Range<usize>,
    problems: Vec<Problem>,
}

impl crate::memo::HeapSize for Pairing {
    fn heap_size(&self) -> usize {
        self.problems.heap_size()
    }
}

/// The problems of a paragraph's marks, outside the `skip` range (its heading marker).
fn problems_of(segmentation: &Segmentation, skip: Range<usize>) -> Vec<Problem> {
    let text = segmentation.text();
    let memo = segmentation.derived(|s| Pairing {
        skip: skip.clone(),
        problems: pair_up(s.text(), skip.clone()),
    });
    if memo.skip == skip {
        memo.problems.clone()
    } else {
        pair_up(text, skip)
    }
}

impl Check for PunctuationPair {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        let unfinished = unfinished_last_paragraph(draft);
        let mut found: Vec<Finding> = Vec::new();
        // The finding of a quote left open at the end of the previous paragraph, to link with
        // a stray closing quote in this one.
        let mut open_quote: Option<(usize, Range<usize>)> = None;
        for (index, paragraph) in draft.paragraphs.iter().enumerate() {
            let skip = paragraph
                .ordinal
                .as_ref()
                .map_or(0..0, |h| h.ordinal.written.clone());
            let problems = problems_of(&cx.segmentation(index), skip);
            let previous_open = open_quote.take();
            let next_opens_quote = draft
                .paragraphs
                .get(index + 1)
                .is_some_and(|p| p.prose.text.trim_start_matches(is_padding).starts_with('“'));
            for problem in problems {
                let source = |r: &Range<usize>| draft.source_range(index, r.clone());
                match problem {
                    Problem::Unclosed(mark) => {
                        // The open-quote convention, and a draft that stops mid-sentence.
                        let convention = next_opens_quote && mark.c == '“';
                        if convention || unfinished == Some(index) {
                            continue;
                        }
                        let (_, close, name) = PAIRS[mark.kind];
                        let close = if mark.c == '(' { ')' } else { close };
                        let range = source(&mark.range);
                        if mark.c == '“' {
                            open_quote = Some((found.len(), range.clone()));
                        }
                        found.push(Finding::new(
                            CODE,
                            range,
                            format!("{name}不成对：{} 后面没有对应的 {close}", mark.c),
                        ));
                    }
                    Problem::Stray(mark) => {
                        let (open, _, name) = PAIRS[mark.kind];
                        let open = if mark.c == ')' { '(' } else { open };
                        let range = source(&mark.range);
                        let mut finding = Finding::new(
                            CODE,
                            range.clone(),
                            format!("{name}不成对：{} 前面没有对应的 {open}", mark.c),
                        );
                        if let (Some((at, quote)), '”') = (&previous_open, mark.c) {
                            finding = finding.with_related(quote.clone(), "上一段未闭合的 “");
                            let earlier = &mut found[*at];
                            earlier.related.push(crate::finding::Related {
                                range,
                                message: "下一段的 ” 可能与之配对".into(),
                            });
                        }
                        found.push(finding);
                    }
                    Problem::Reversed {
                        wrong,
                        right,
                        other,
                    } => {
                        let name = PAIRS[wrong.kind].2;
                        let side = if right == PAIRS[wrong.kind].0 {
                            "前"
                        } else {
                            "后"
                        };
                        let range = source(&wrong.range);
                        let mut finding = Finding::new(
                            CODE,
                            range,
                            format!(
                                "{name}方向有误：这里的 {} 应为{side}{name} {right}",
                                wrong.c
                            ),
                        )
                        .with_related(source(&other.range), format!("与之配对的 {}", other.c));
                        if let Some(exact) = source_exact(draft, index, wrong.range.clone()) {
                            finding = finding.with_fix(Fix::new(
                                format!("改为 {right}"),
                                vec![Edit::replace(exact, right.to_string())],
                            ));
                        }
                        found.push(finding);
                    }
                    Problem::Mismatch { open, close } => {
                        let name = PAIRS[open.kind].2;
                        found.push(
                            Finding::new(
                                CODE,
                                source(&close.range),
                                format!("{name}不配对：{} 与前面的 {} 不是一对", close.c, open.c),
                            )
                            .with_related(source(&open.range), format!("与之不配对的 {}", open.c)),
                        );
                    }
                }
            }
        }
        out.extend(found);
    }
}

/// Pairs the marks of one paragraph's prose (outside `skip`, the heading ordinal) and returns
/// what does not pair, in text order.
fn pair_up(text: &str, skip: Range<usize>) -> Vec<Problem> {
    let mut stack: Vec<Mark> = Vec::new();
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    // The marks start with E2 (`“”‘’`), E3 (`《》【】〔〕「」`) or EF (`（）`) in UTF-8, or are
    // ASCII brackets: memchr finds those bytes without walking every character.
    let bytes = text.as_bytes();
    let positions = merge_sorted(
        memchr::memchr3_iter(0xE2, 0xE3, 0xEF, bytes),
        memchr::memchr2_iter(b'(', b')', bytes),
    );
    for at in positions {
        if skip.contains(&at) {
            continue;
        }
        let Some(c) = mark_at(bytes, at) else {
            continue;
        };
        let Some((kind, opens)) = kind_of(c) else {
            continue;
        };
        let mark = Mark {
            range: at..at + c.len_utf8(),
            c,
            kind,
        };
        if opens {
            stack.push(mark);
            continue;
        }
        let depth = stack.iter().rposition(|m| m.kind == kind);
        if c == '’' && is_apostrophe(text, at) || depth.is_none() && is_list_marker(text, at, c) {
            continue;
        }
        if let Some(depth) = depth {
            // Marks opened inside the pair and never closed.
            for inner in stack.drain(depth + 1..) {
                problems.push((inner.range.start, Problem::Unclosed(inner)));
            }
            stack.pop();
        } else if stack
            .last()
            .is_some_and(|top| is_bracket(top.kind) && is_bracket(kind))
        {
            let open = stack.pop().expect("checked above");
            problems.push((open.range.start, Problem::Mismatch { open, close: mark }));
        } else {
            problems.push((at, Problem::Stray(mark)));
        }
    }
    for mark in stack {
        problems.push((mark.range.start, Problem::Unclosed(mark)));
    }
    problems.sort_by_key(|(at, _)| *at);
    reversed_quotes(text, problems.into_iter().map(|(_, p)| p).collect())
}

/// Two unclosed opening quotes of a kind (`“百日整治“活动`) are most likely a pair whose
/// second mark was typed the wrong way round, and so are two stray closing quotes — when no
/// sentence ends between them. Across a sentence end (`我们“有欢喜，也有伤感。…我们“有欣慰`)
/// each quote lost its own closing mark: two unclosed quotes.
fn reversed_quotes(text: &str, problems: Vec<Problem>) -> Vec<Problem> {
    let is_quote = |m: &Mark| matches!(PAIRS[m.kind].2, "引号" | "单引号");
    let one_sentence = |a: &Mark, b: &Mark| {
        text.get(a.range.end..b.range.start)
            .is_some_and(|between| !between.contains(['。', '！', '？', '!', '?']))
    };
    let mut out: Vec<Problem> = Vec::new();
    for problem in problems {
        let merged = match (out.last(), &problem) {
            (Some(Problem::Unclosed(first)), Problem::Unclosed(second))
                if first.kind == second.kind && is_quote(second) && one_sentence(first, second) =>
            {
                Some(Problem::Reversed {
                    wrong: second.clone(),
                    right: PAIRS[second.kind].1,
                    other: first.clone(),
                })
            }
            (Some(Problem::Stray(first)), Problem::Stray(second))
                if first.kind == second.kind && is_quote(first) && one_sentence(first, second) =>
            {
                Some(Problem::Reversed {
                    wrong: first.clone(),
                    right: PAIRS[first.kind].0,
                    other: second.clone(),
                })
            }
            _ => None,
        };
        match merged {
            Some(reversed) => {
                out.pop();
                out.push(reversed);
            }
            None => out.push(problem),
        }
    }
    out
}

/// `’` between Latin letters is an apostrophe (`don’t`), not a closing quote.
fn is_apostrophe(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + '’'.len_utf8()..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphabetic())
        && after.is_some_and(|c| c.is_ascii_alphabetic())
}

/// A closing bracket after a short number or letter at the start of a clause is a list marker
/// (`1）` `a)` `二）`), not half of a pair.
fn is_list_marker(text: &str, at: usize, c: char) -> bool {
    if !matches!(c, '）' | ')') {
        return false;
    }
    let head = &text[..at];
    let number: String = head
        .chars()
        .rev()
        .take_while(|&c| {
            c.is_ascii_alphanumeric() || c.is_numeric() || "一二三四五六七八九十".contains(c)
        })
        .collect();
    let count = number.chars().count();
    if count == 0 || count > 2 {
        return false;
    }
    let rest = &head[..head.len() - number.len()];
    rest.chars()
        .next_back()
        .is_none_or(|b| is_padding(b) || "，。；：、,;:！？!?".contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, fixed, flagged, related};

    fn messages(text: &str) -> Vec<String> {
        crate::checks::test_support::messages_of(CODE, text)
    }

    #[test]
    fn an_unclosed_title_mark_and_quote_are_found() {
        let text = "会议传达了《关于加强基层治理的意见，强调“要把责任落实到人。\n下面讲三点。\n";
        assert_eq!(flagged(CODE, text), ["《", "“"]);
        assert_eq!(
            messages(text),
            [
                "书名号不成对：《 后面没有对应的 》",
                "引号不成对：“ 后面没有对应的 ”"
            ]
        );
    }

    #[test]
    fn a_stray_closing_mark_is_found() {
        let text = "认真学习关于基层治理的意见》精神，做好工作）。\n下面讲三点。\n";
        assert_eq!(flagged(CODE, text), ["》", "）"]);
        assert_eq!(messages(text)[0], "书名号不成对：》 前面没有对应的 《");
    }

    #[test]
    fn a_mismatched_bracket_points_at_its_other_end() {
        let text = "具体安排（见附件】另行通知。\n下面讲三点。\n";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "】");
        assert_eq!(found[0].message, "括号不配对：】 与前面的 （ 不是一对");
        assert_eq!(related(text, &found[0]), [("（", "与之不配对的 （")]);
    }

    #[test]
    fn nested_and_balanced_marks_are_quiet() {
        let text = "他说：“学习《党章》，要领会‘两个维护’（见《通知》第3条）。”\n\
                    请看【附件1】和〔2024〕3号文件(摘要)。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_quotation_over_paragraphs_in_the_open_quote_convention_is_quiet() {
        let text =
            "他在信中写道：\n“第一段是回顾。\n“第二段是展望。\n“第三段是希望。”\n下面讲三点。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_quotation_over_paragraphs_without_the_convention_links_both_ends() {
        let text = "他在信中写道：“第一段是回顾。\n第二段是展望。”\n下面讲三点。\n";
        let found = findings(CODE, text);
        let shown: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(shown, ["“", "”"]);
        assert_eq!(related(text, &found[0]), [("”", "下一段的 ” 可能与之配对")]);
        assert_eq!(related(text, &found[1]), [("“", "上一段未闭合的 “")]);
    }

    #[test]
    fn an_unfinished_last_paragraph_is_not_blamed() {
        let text = "同志们：\n他强调：“要把责任落实到";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
        // Once the paragraph ends, the open quote is reported.
        let text = "同志们：\n他强调：“要把责任落实到人。\n";
        assert_eq!(flagged(CODE, text), ["“"]);
    }

    #[test]
    fn two_open_quotes_sentences_apart_are_two_unclosed_quotes() {
        let text = "我们“有收获，也有不足。另一方面，我们“有信心，也有压力。\n";
        assert_eq!(
            messages(text),
            [
                "引号不成对：“ 后面没有对应的 ”",
                "引号不成对：“ 后面没有对应的 ”"
            ]
        );
    }

    #[test]
    fn a_quote_typed_the_wrong_way_round_is_one_finding_with_a_fix() {
        let text = "以开展“百日整治“活动为抓手。\n做好”安全生产”工作。\n";
        let found = findings(CODE, text);
        let shown: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(shown, ["“", "”"]);
        assert_eq!(found[0].range.start, text.find("“活动").unwrap());
        assert_eq!(found[0].message, "引号方向有误：这里的 “ 应为后引号 ”");
        assert_eq!(related(text, &found[0]), [("“", "与之配对的 “")]);
        assert_eq!(found[1].message, "引号方向有误：这里的 ” 应为前引号 “");
        assert_eq!(
            fixed(CODE, text, 0),
            "以开展“百日整治”活动为抓手。\n做好”安全生产”工作。\n"
        );
    }

    #[test]
    fn a_bracket_closing_after_a_time_still_pairs() {
        let text = "请联系客服(工作时间:9:00-18:30)。\n下面讲三点。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn list_markers_ordinals_and_apostrophes_are_quiet() {
        let text = "(一)主要任务有：1）加强学习；2）改进作风；a)其他。\n\
                    二）抓好落实，做到don’t worry。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }
}
