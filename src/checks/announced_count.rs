//! `announced-count`: the text announces a number of points (`我讲三点意见`, `以下三个方面`,
//! `“五种能力”：`, `十个“要”。`) and the list right after it has a different length.
//! Only announcements followed at once by a list are checked; `几点` has no number to check.

use std::collections::HashMap;
use std::ops::Range;

use super::numbering::written;
use super::{Check, Context, Rule};
use crate::draft::ordinal::chinese_numeral;
use crate::draft::{is_padding, Role, SequenceKind};
use crate::finding::{Finding, Severity};

pub struct AnnouncedCount;

static RULES: &[Rule] = &[Rule {
    code: "announced-count",
    default_severity: Severity::Warning,
    summary: "宣布的条数与实际列出的条数不符",
    docs: "## 说明\n\n前文宣布了条数，紧接着列出的条目数却不同：`下面，我讲三点意见。` 后面只有“一、”“二、”两部分；\
`重点抓好以下三个方面工作：` 后面列了四条；`要增强“四性”。一是……三是……`。\
条目可以是各级标题、“第一，”“首先，”、“一是……”列举或“——”开头的段落。\
只检查紧跟着列举的宣布；“几点意见”这类不定数目不检查。\n\n\
## 为什么\n\n删改时漏掉或添加了一条，开头的“三点”却没改，听众会一直等那一点。\n\n\
## 示例\n\n`做到“三个围绕”：一是围绕发展，二是围绕民生。` 报告：`条数不符：前文说“三个围绕”，应有 3 项，后面只列出 2 项`。\n\n\
## 修改后\n\n补齐条目，或把宣布的数字改成实际条数。\n\n\
## 选项\n\n无。\n",
    tally: Some("处宣布的条数与实际不符"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

/// Measure words after a number that announce a list (longest first).
const MEASURES: &[&str] = &["个方面", "方面", "点", "项", "件", "条", "种", "大", "个"];

/// Chinese numeral characters.
const NUMERALS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两',
];

/// Characters after which a numeral is part of a larger word or number.
const NOT_BEFORE: &str = "第一二三四五六七八九十百千万两零〇几";

/// How far (in characters) the announcing sentence may run on after the number phrase.
const SENTENCE_TAIL: usize = 12;

/// An announced count in a paragraph's prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub count: u32,
    /// The announcing phrase (`三点意见`, `“五种能力”`, `十个“要”`), prose range.
    pub phrase: Range<usize>,
    /// Where a list announced by it would start: right after the announcing sentence.
    pub list_at: usize,
    /// The sentence says it is announcing: it ends with a colon, names `点`, or has a word
    /// such as `讲` or `以下` before the number. Needed before the next paragraph's sections
    /// count as the list (`…做到“三个必须”。` ending an opening is not an outline).
    pub declared: bool,
}

/// Words before the number that say a list of points follows.
const CUES: &[&str] = &[
    "讲",
    "谈",
    "提",
    "说",
    "汇报",
    "报告",
    "以下",
    "下面",
    "如下",
    "重点抓好",
];

/// Finds announcements in `prose`: a Chinese number of at least two, quoted (`“四性”`) or
/// followed by a measure word, in a sentence that ends shortly after it.
pub fn announcements(prose: &str) -> Vec<Announcement> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in prose.char_indices() {
        let before = previous;
        previous = Some(c);
        // Most characters are not numerals: decide that before anything else.
        if !matches!(
            c,
            '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        ) {
            continue;
        }
        if before.is_some_and(|b| NOT_BEFORE.contains(b) || b.is_ascii_digit()) {
            continue;
        }
        let Some((count, len)) = chinese_numeral(&prose[i..], true) else {
            continue;
        };
        if count < 2 {
            continue;
        }
        let after = i + len;
        let rest = &prose[after..];
        let quoted = matches!(before, Some('“' | '"'));
        let phrase_end = if quoted {
            // `“五种能力”`, `“十大”`: the whole quotation — but not a name with more numbers
            // in it (`“十四五”`, `“两学一做”`, `“三严三实”`), which counts nothing.
            close_quote(prose, after).filter(|&end| !prose[after..end].contains(NUMERALS))
        } else if let Some(r) = rest.strip_prefix('个').filter(|r| r.starts_with('“')) {
            // `十个“要”`
            close_quote(prose, prose.len() - r.len() + '“'.len_utf8())
        } else if let Some(m) = MEASURES.iter().find(|m| rest.starts_with(**m)) {
            // `三点意见`, `三个方面工作`: the measure word and a short noun after it.
            let mut end = after + m.len();
            for (k, ch) in prose[end..].chars().enumerate() {
                // `两个方面的意见` reads `两个方面`, not `两个方面的意`.
                if k >= 2 || !is_cjk(ch) || k == 0 && ch == '的' {
                    break;
                }
                end += ch.len_utf8();
            }
            Some(end)
        } else {
            None
        };
        let Some(phrase_end) = phrase_end else {
            continue;
        };
        let start = match before {
            Some(quote) if quoted => i - quote.len_utf8(),
            _ => i,
        };
        let Some(list_at) = sentence_end(prose, phrase_end) else {
            continue;
        };
        let sentence_start = prose[..start]
            .rfind(['。', '！', '？', '；', '!', '?', ';'])
            .map_or(0, |k| {
                k + prose[k..].chars().next().map_or(0, char::len_utf8)
            });
        let lead = prose.get(sentence_start..start).unwrap_or("");
        let colon = prose[..list_at]
            .trim_end_matches(is_padding)
            .ends_with(['：', ':']);
        let declared = colon
            || prose[i..phrase_end].contains('点')
            || CUES.iter().any(|cue| lead.contains(cue));
        out.push(Announcement {
            count,
            phrase: start..phrase_end,
            list_at,
            declared,
        });
    }
    out
}

/// The end of the quotation that is open at `from` (after `”`), if it closes within a few
/// characters.
fn close_quote(prose: &str, from: usize) -> Option<usize> {
    let rest = prose.get(from..)?;
    let (k, _) = rest
        .char_indices()
        .take(10)
        .find(|(_, c)| matches!(c, '”' | '"'))?;
    let close = rest[k..].chars().next()?;
    Some(from + k + close.len_utf8())
}

/// Where the sentence that contains `from` ends (after its `：。；！？`), if within
/// [`SENTENCE_TAIL`] characters, padding skipped.
fn sentence_end(prose: &str, from: usize) -> Option<usize> {
    let rest = prose.get(from..)?;
    let (k, c) = rest
        .char_indices()
        .take(SENTENCE_TAIL + 1)
        .find(|(_, c)| matches!(c, '：' | ':' | '。' | '；' | ';' | '！' | '？' | '!' | '?'))?;
    let mut at = from + k + c.len_utf8();
    at += prose[at..].len() - prose[at..].trim_start_matches(is_padding).len();
    Some(at)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}')
}

impl Check for AnnouncedCount {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        for a in announced_lists(cx) {
            let members = &draft.sequences[a.sequence].members;
            let found = members.len();
            let count = a.announcement.count as usize;
            if found == count {
                continue;
            }
            let (Some(first), Some(last)) = (members.first(), members.last()) else {
                continue;
            };
            let prose = &draft.paragraphs[a.paragraph].prose.text;
            let phrase = prose.get(a.announcement.phrase.clone()).unwrap_or("");
            // `“五种能力”` reads as “五种能力” inside the message's own quotes.
            let phrase = phrase
                .strip_prefix(['“', '"'])
                .and_then(|s| s.strip_suffix(['”', '"']))
                .unwrap_or(phrase);
            let verb = if found < count {
                "只列出"
            } else {
                "却列出"
            };
            out.push(
                Finding::new(
                    "announced-count",
                    draft.source_range(a.paragraph, a.announcement.phrase.clone()),
                    format!("条数不符：前文说“{phrase}”，应有 {count} 项，后面{verb} {found} 项"),
                )
                .with_related(
                    draft.source_range(first.paragraph, first.ordinal.written.clone()),
                    format!("列举从“{}”开始", written(draft, first)),
                )
                .with_related(
                    draft.source_range(last.paragraph, last.ordinal.written.clone()),
                    format!("列举到“{}”为止，共 {found} 项", written(draft, last)),
                ),
            );
        }
    }
}

/// An announcement followed at once by a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncedList {
    /// The paragraph of the announcing phrase.
    pub paragraph: usize,
    pub announcement: Announcement,
    /// Index into [`crate::draft::Draft::sequences`] of the list that follows.
    pub sequence: usize,
}

/// Every announcement of the draft that a list follows directly: in the same paragraph
/// right after the announcing sentence, or at the start of the next paragraph.
pub fn announced_lists(cx: &Context<'_>) -> Vec<AnnouncedList> {
    let draft = cx.draft;
    // The sequence each ordinal starts, by (paragraph, prose start of the marker).
    let mut starts: HashMap<(usize, usize), usize> = HashMap::new();
    for (k, s) in draft.sequences.iter().enumerate() {
        if s.kind == SequenceKind::Aspect {
            continue;
        }
        if let Some(m) = s.members.first() {
            starts.insert((m.paragraph, m.ordinal.written.start), k);
        }
    }
    let mut out = Vec::new();
    for (i, p) in draft.paragraphs.iter().enumerate() {
        if matches!(p.role, Role::Title | Role::Outside | Role::Separator) {
            continue;
        }
        // Memoised with the paragraph: a re-analysis re-reads only the paragraphs it changed.
        let found = cx.segmentation(i).derived(|s| announcements(s.text()));
        for announcement in found.iter().cloned() {
            let list = if announcement.list_at < p.prose.text.len() {
                starts.get(&(i, announcement.list_at))
            } else {
                // The list starts the next paragraph.
                draft.paragraphs.get(i + 1).and_then(|next| {
                    let text = &next.prose.text;
                    let at = text.len() - text.trim_start_matches(is_padding).len();
                    starts.get(&(i + 1, at))
                })
            };
            // Sections count as the list only after a declared announcement.
            let list = list.filter(|&&k| {
                announcement.declared || draft.sequences[k].kind != SequenceKind::Heading
            });
            if let Some(&sequence) = list {
                out.push(AnnouncedList {
                    paragraph: i,
                    announcement,
                    sequence,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::announcements;
    use crate::analysis::analyze;
    use crate::checks::test_support::{findings, flagged, related};
    use crate::draft::DocKind;

    fn phrases(prose: &str) -> Vec<(&str, u32)> {
        announcements(prose)
            .into_iter()
            .map(|a| (&prose[a.phrase], a.count))
            .collect()
    }

    #[test]
    fn announcing_phrases() {
        assert_eq!(
            phrases("下面，我讲三点意见，供大家参考。"),
            [("三点意见", 3)]
        );
        assert_eq!(phrases("重点抓好以下两个方面工作："), [("两个方面工作", 2)]);
        assert_eq!(phrases("从三个层面找准坐标："), [("三个层面", 3)]);
        assert_eq!(phrases("要提高以下“五种本领”："), [("“五种本领”", 5)]);
        assert_eq!(phrases("工作应把握六个“要”。"), [("六个“要”", 6)]);
        assert_eq!(phrases("实现“十大”目标："), [("“十大”", 10)]);
        assert_eq!(phrases("表现为“四个不够重视”："), [("“四个不够重视”", 4)]);
        assert_eq!(phrases("我讲两个方面的意见。"), [("两个方面", 2)]);
        for prose in [
            "我讲几点意见。",
            "这是第三点。",
            "全年完成二十三项任务，比上年增长百分之十，超额完成了市里下达的目标任务。",
            "一个主题：",
            "编制“十四五”规划：",
            "开展“两学一做”：",
            "践行“三严三实”。",
        ] {
            assert_eq!(phrases(prose), [], "{prose}");
        }
    }

    #[test]
    fn a_count_that_does_not_match_the_sections() {
        let text = "同志们：\n今天开会，下面我讲三点意见。\n一、统一思想\n要统一思想。\n二、狠抓落实\n要狠抓落实。\n";
        let found = findings("announced-count", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "三点意见");
        assert_eq!(
            found[0].message,
            "条数不符：前文说“三点意见”，应有 3 项，后面只列出 2 项"
        );
        let related = related(text, &found[0]);
        assert_eq!(
            related,
            [
                ("一、", "列举从“一、”开始"),
                ("二、", "列举到“二、”为止，共 2 项")
            ]
        );
        let text = text.replace("三点", "两点");
        assert_eq!(findings("announced-count", &text), []);
    }

    #[test]
    fn inline_lists_across_paragraphs_and_in_the_same_sentence() {
        let text =
            "同志们：\n要提高以下“四种本领”：\n一是学习本领。\n二是调研本领。\n三是协调本领。\n";
        assert_eq!(flagged("announced-count", text), ["“四种本领”"]);
        assert_eq!(
            findings("announced-count", text)[0].message,
            "条数不符：前文说“四种本领”，应有 4 项，后面只列出 3 项"
        );
        let text = "同志们：\n工作要增强“两性”。一是针对性，二是实效性，三是前瞻性。\n";
        assert_eq!(
            findings("announced-count", text)[0].message,
            "条数不符：前文说“两性”，应有 2 项，后面却列出 3 项"
        );
        let text = "同志们：\n做到“三个围绕”：一是围绕发展，二是围绕民生，三是围绕稳定。\n";
        assert_eq!(findings("announced-count", text), []);
    }

    #[test]
    fn dash_lists_and_leading_ordinals() {
        let text = "同志们：\n完成“三大”目标：\n——经济稳定增长。\n——民生持续改善。\n要抓好落实。\n";
        assert_eq!(flagged("announced-count", text), ["“三大”"]);
        let text = "同志们：\n机关建设要抓好两件事。\n第一，抓制度。\n第二，抓作风。\n";
        assert_eq!(findings("announced-count", text), []);
    }

    #[test]
    fn sections_after_an_undeclared_count_are_not_its_list() {
        let text = "同志们：\n今年我们要做到“三个必须”。\n一、统一思想\n二、狠抓落实\n";
        assert_eq!(findings("announced-count", text), []);
        let text = "同志们：\n今年重点做好“三个必须”：\n一、统一思想\n二、狠抓落实\n";
        assert_eq!(flagged("announced-count", text), ["“三个必须”"]);
        let text = "同志们：\n下面，就做好今年的工作讲三个问题。\n一、统一思想\n二、狠抓落实\n";
        assert_eq!(flagged("announced-count", text), ["三个问题"]);
    }

    #[test]
    fn sections_after_a_count_of_key_tasks_are_its_list() {
        let text = "同志们：\n一、明年工作安排\n明年要重点抓好三项工作。\n（一）抓项目。\n（二）抓民生。\n";
        assert_eq!(flagged("announced-count", text), ["三项工作"]);
        let text = text.replace("三项", "两项");
        assert_eq!(findings("announced-count", &text), []);
    }

    #[test]
    fn counts_without_a_list_right_after_are_not_checked() {
        let text = "同志们：\n我们开展了两项活动：就是要抓学习、抓作风。一是抓学习。\n我讲几点意见。\n一、统一思想\n";
        let all: Vec<_> = analyze(text, DocKind::Plain)
            .findings
            .into_iter()
            .filter(|f| f.rule == "announced-count")
            .collect();
        assert_eq!(all, []);
    }
}
