//! The parts every speech needs: `missing-title`, `missing-salutation`, `missing-opening`,
//! `missing-body`, `missing-closing`. One check, because all five read the same anatomy
//! (from the draft model) and share the "is this a speech at all" gate.

use super::skeleton::{head, is_speech_like, line_end, line_start, paragraph_break, subject, tail};
use super::{no_options, Check, Context, Rule};
use crate::draft::{is_padding, kind, speech, Draft, Speech};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct Anatomy;

static RULES: &[Rule] = &[
    Rule {
        code: "missing-title",
        default_severity: Severity::Warning,
        summary: "讲稿缺少标题",
        docs: "## 说明\n\n讲稿第一行应是标题，写明在什么会议上的讲话（可另起一行写副标题、讲话人和日期）。\
合集中的每篇讲稿分别检查。\n\n## 为什么\n\n没有标题的讲稿难以审核、印发和存档，会务人员也无从核对。\n\n\
## 示例\n\n```text\n同志们：\n今天召开全市安全生产工作会议……\n```\n\n## 修改后\n\n\
```text\n在全市安全生产工作会议上的讲话\n同志们：\n今天召开全市安全生产工作会议……\n```\n\n\
快速修复会在开头插入 `【待补：讲话标题】`。\n\n## 选项\n\n无。\n",
        tally: None,
        fix_all_title: None,
        validate_options: no_options,
    },
    Rule {
        code: "missing-salutation",
        default_severity: Severity::Warning,
        summary: "讲稿缺少称呼（如“同志们：”）",
        docs: "## 说明\n\n标题之后、开头之前应有单独成行的称呼，如 `同志们：`、`各位领导、同志们：`。\n\n\
## 为什么\n\n称呼是讲话的第一句，让听众知道讲话开始、讲给谁听。交流发言也应先称呼 `各位领导：`。\n\n\
## 示例\n\n```text\n在年度总结会上的讲话\n今天我们召开年度总结会……\n```\n\n## 修改后\n\n\
```text\n在年度总结会上的讲话\n同志们：\n今天我们召开年度总结会……\n```\n\n\
快速修复会插入 `同志们：`。开头一句已经是 `同志们，……` 的不报本规则，而由 `salutation-format` 提示单独成行。\n\n\
## 选项\n\n无。\n",
        tally: None,
        fix_all_title: None,
        validate_options: no_options,
    },
    Rule {
        code: "missing-opening",
        default_severity: Severity::Info,
        summary: "称呼之后直接进入正文，缺少开头",
        docs: "## 说明\n\n称呼之后、第一个小标题之前应有开头段落，交代会议的背景、目的和讲话的主要内容。\n\n\
## 为什么\n\n听众需要先知道为什么开这个会、要听什么，才能跟上后面的层次。\n\n\
## 示例\n\n```text\n同志们：\n一、充分肯定成绩\n……\n```\n\n## 修改后\n\n\
```text\n同志们：\n今天召开这次会议，主要任务是总结去年工作、部署今年任务。下面，我讲三点意见。\n一、充分肯定成绩\n```\n\n\
快速修复会插入 `【待补：开场白，交代会议背景和目的】`。\n\n## 选项\n\n无。\n",
        tally: None,
        fix_all_title: None,
        validate_options: no_options,
    },
    Rule {
        code: "missing-body",
        default_severity: Severity::Info,
        summary: "讲稿没有分层次的正文（序号或小标题）",
        docs: "## 说明\n\n讲稿正文应按 `一、`→`（一）`→`1.`→`（1）` 或小标题分出层次。整篇没有任何序号或小标题时报告。\n\n\
## 为什么\n\n听讲不同于阅读，听众无法回头翻看；层次分明的讲话才容易听懂、记住。标题为致辞、贺词、欢迎词、答谢词、祝酒词、主持词的讲稿通常不分层次，不报告。\n\n\
## 示例\n\n一篇只有五段连续文字、没有任何序号的讲话稿。\n\n## 修改后\n\n\
按内容分成 `一、……` `二、……` `三、……` 几个部分。\n\n## 选项\n\n无。\n",
        tally: None,
        fix_all_title: None,
        validate_options: no_options,
    },
    Rule {
        code: "missing-closing",
        default_severity: Severity::Warning,
        summary: "讲稿缺少面向听众的结尾",
        docs: "## 说明\n\n讲稿最后应有面向听众的结尾：号召（`同志们，让我们……！`、`……作出新的更大的贡献！`）或致谢（`谢谢大家！`）。\
合集中被截断、没有结尾的讲稿也会报告。\n\n## 为什么\n\n没有结尾的讲话戛然而止，听众不知道已经讲完，也听不到讲话人的要求。\n\n\
## 示例\n\n```text\n……三是加强督查，确保各项任务落到实处。\n```\n\n## 修改后\n\n\
```text\n……三是加强督查，确保各项任务落到实处。\n同志们，让我们振奋精神、真抓实干，奋力完成全年目标任务！\n```\n\n\
快速修复会插入 `同志们，【待补：号召语】！`。\n\n## 选项\n\n无。\n",
        tally: None,
        fix_all_title: None,
        validate_options: no_options,
    },
];

impl Check for Anatomy {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        for speech in &draft.speeches {
            if !is_speech_like(speech) {
                continue;
            }
            let who = subject(draft, speech);
            missing_title(draft, speech, &who, out);
            missing_salutation(draft, speech, &who, out);
            missing_opening(draft, speech, &who, out);
            missing_body(draft, speech, &who, out);
            missing_closing(draft, speech, &who, out);
        }
    }
}

fn missing_title(draft: &Draft<'_>, speech: &Speech, who: &str, out: &mut Vec<Finding>) {
    if draft.speech_title(speech).is_some() || speech.paragraphs.is_empty() {
        return;
    }
    let first = speech.paragraphs.start;
    let insert = format!("【待补：讲话标题】{}", paragraph_break(draft, speech));
    out.push(
        Finding::new(
            "missing-title",
            top_of_speech(draft, first),
            format!("{who}缺少标题：应写明在什么会议上的讲话，便于审核、印发和存档"),
        )
        .with_fix(Fix::new(
            "插入标题",
            vec![Edit::insert(line_start(draft, first), insert)],
        )),
    );
}

/// Where a title is missing: the first sentence of the speech's first paragraph, reaching
/// back over the site residue above it (a page's navigation, a table of contents) to the top
/// of the speech — the title belongs above all of it once the residue is deleted.
fn top_of_speech(draft: &Draft<'_>, first: usize) -> std::ops::Range<usize> {
    let range = head(draft, first);
    let floor = first
        .checked_sub(1)
        .and_then(|p| draft.paragraphs.get(p))
        .map_or(0, |p| p.range.end);
    let above = draft
        .residue
        .iter()
        .find(|r| floor <= r.range.start && r.range.start < range.start);
    match above {
        Some(r) => line_start_at(draft, r.range.start)..range.end,
        None => range,
    }
}

/// The start of the physical line that holds byte `offset`.
fn line_start_at(draft: &Draft<'_>, offset: usize) -> usize {
    let index = draft.lines.partition_point(|l| l.range.end < offset);
    draft
        .lines
        .get(index)
        .map_or(offset, |l| l.range.start.min(offset))
}

fn missing_salutation(draft: &Draft<'_>, speech: &Speech, who: &str, out: &mut Vec<Finding>) {
    if speech.salutation.is_some() {
        return;
    }
    let first = speech.title.end.max(speech.paragraphs.start);
    if first >= speech.paragraphs.end {
        return;
    }
    // `同志们，今天……`: the salutation is there, run into the first sentence
    // (`salutation-format` reports that).
    if inline_salutation(&draft.paragraphs[first].prose.text).is_some() {
        return;
    }
    let insert = format!("同志们：{}", paragraph_break(draft, speech));
    out.push(
        Finding::new(
            "missing-salutation",
            head(draft, first),
            format!(
                "{who}缺少称呼：开讲前应先称呼听众（如“同志们：”），让听众知道讲话开始、讲给谁听"
            ),
        )
        .with_fix(Fix::new(
            "插入称呼“同志们：”",
            vec![Edit::insert(line_start(draft, first), insert)],
        )),
    );
}

fn missing_opening(draft: &Draft<'_>, speech: &Speech, who: &str, out: &mut Vec<Finding>) {
    // Text before a misplaced salutation is an opening in the wrong place, not a missing one.
    if !speech.opening.is_empty() || !speech.preamble.is_empty() || speech.body.is_empty() {
        return;
    }
    if speech.salutation.is_none() && speech.title.is_empty() {
        return;
    }
    let first_heading = speech.body.start;
    let insert = format!(
        "【待补：开场白，交代会议背景和目的】{}",
        paragraph_break(draft, speech)
    );
    out.push(
        Finding::new(
            "missing-opening",
            head(draft, first_heading),
            format!("{who}缺少开头：称呼之后应先交代会议的背景和目的，听众才知道为什么开这个会、要听什么"),
        )
        .with_fix(Fix::new(
            "插入开头",
            vec![Edit::insert(line_start(draft, first_heading), insert)],
        )),
    );
}

fn missing_body(draft: &Draft<'_>, speech: &Speech, who: &str, out: &mut Vec<Finding>) {
    if !speech.sections.is_empty() || speech.truncated {
        return;
    }
    // Ceremonial and short kinds (致辞, 主持词, 国旗下讲话 …) are spoken without numbered parts.
    if speech
        .kind
        .as_ref()
        .and_then(|k| kind::built_in(&k.name))
        .is_some_and(|k| !k.sections)
    {
        return;
    }
    // Only a speech that has something to structure: an opening of real text.
    let Some(first) = speech.opening.clone().next() else {
        return;
    };
    // Paragraphs that lead with `一是…`, `第一，`, `——` are the speech's layers too.
    let layered = speech.opening.clone().any(|i| {
        let p = &draft.paragraphs[i];
        p.ordinal.is_some() || p.items.first().is_some_and(|o| leads(&p.prose.text, o))
    });
    if layered {
        return;
    }
    out.push(Finding::new(
        "missing-body",
        head(draft, first),
        format!(
            "{who}没有分层次的正文：没有“一、”“（一）”之类的序号或小标题，听众难以把握讲话的层次"
        ),
    ));
}

/// True when the inline marker `o` starts its paragraph.
fn leads(prose: &str, o: &crate::draft::Ordinal) -> bool {
    prose[..o.written.start].chars().all(is_padding)
}

fn missing_closing(draft: &Draft<'_>, speech: &Speech, who: &str, out: &mut Vec<Finding>) {
    // A draft cut off inside its last speech has not lost its closing: it has lost its end.
    if !speech.closing.is_empty() || speech.truncated {
        return;
    }
    let content_start = speech
        .salutation
        .map_or(speech.title.end, |s| s + 1)
        .max(speech.paragraphs.start);
    if content_start >= speech.paragraphs.end {
        return;
    }
    let last = speech.paragraphs.end - 1;
    let insert = format!(
        "{}同志们，【待补：号召语】！",
        paragraph_break(draft, speech)
    );
    out.push(
        Finding::new(
            "missing-closing",
            tail(draft, last),
            format!("{who}缺少结尾：最后应面向听众作出号召或致谢（如“同志们，让我们……！”），否则讲话戛然而止"),
        )
        .with_fix(Fix::new(
            "插入结尾",
            vec![Edit::insert(line_end(draft, last), insert)],
        )),
    );
}

/// `同志们，……` at the start of a paragraph: the prose range of the address and its comma.
pub fn inline_salutation(prose: &str) -> Option<std::ops::Range<usize>> {
    let start = prose.len() - prose.trim_start_matches(is_padding).len();
    let rest = &prose[start..];
    let comma = rest.find(['，', ','])?;
    let address = &rest[..comma];
    let chars = address.chars().count();
    if chars == 0 || chars > 12 || !speech::is_salutation(address) {
        return None;
    }
    let comma_len = rest[comma..].chars().next().map_or(0, char::len_utf8);
    Some(start..start + comma + comma_len)
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, fixed};

    fn rules(text: &str) -> Vec<(&'static str, String)> {
        crate::analyze(text, crate::DocKind::Plain)
            .findings
            .into_iter()
            .filter(|f| f.rule.starts_with("missing-") && f.rule != "missing-section")
            .map(|f| (f.rule, text[f.range].to_owned()))
            .collect()
    }

    const COMPLETE: &str = "在全县秋季防火工作会议上的讲话\n同志们：\n今天召开这次会议，主要是部署秋冬季森林防火工作。\n一、认清形势\n今年秋季降水偏少，火险等级偏高。\n二、压实责任\n各乡镇要把责任落实到山头地块。\n同志们，让我们守住山林、守护家园！\n";

    #[test]
    fn a_complete_speech_has_no_anatomy_finding() {
        assert_eq!(rules(COMPLETE), []);
    }

    #[test]
    fn a_note_without_any_part_of_a_speech_is_not_checked() {
        assert_eq!(
            rules("明天上午九点开会，请准时参加。\n会议室在三楼。\n"),
            []
        );
    }

    #[test]
    fn missing_title_is_reported_and_fixed() {
        let text = "同志们：\n今天召开这次会议，主要是部署秋冬季森林防火工作。\n一、认清形势\n今年秋季降水偏少。\n同志们，让我们守住山林！\n";
        assert_eq!(rules(text), [("missing-title", "同志们：".to_owned())]);
        let found = findings("missing-title", text);
        assert_eq!(
            found[0].message,
            "讲稿缺少标题：应写明在什么会议上的讲话，便于审核、印发和存档"
        );
        let after = fixed("missing-title", text, 0);
        assert_eq!(after, format!("【待补：讲话标题】\n{text}"));
        assert_eq!(rules(&after), []);
    }

    #[test]
    fn missing_salutation_is_reported_and_fixed() {
        let text = COMPLETE.replace("同志们：\n", "");
        assert_eq!(
            rules(&text),
            [(
                "missing-salutation",
                "今天召开这次会议，主要是部署秋冬季森林防火工作。".to_owned()
            )]
        );
        let after = fixed("missing-salutation", &text, 0);
        assert_eq!(after, COMPLETE);
    }

    #[test]
    fn an_address_run_into_the_first_sentence_is_not_a_missing_salutation() {
        let text = COMPLETE.replace("同志们：\n今天", "同志们，今天");
        assert_eq!(rules(&text), []);
    }

    #[test]
    fn missing_opening_is_reported_and_fixed() {
        let text = COMPLETE.replace("今天召开这次会议，主要是部署秋冬季森林防火工作。\n", "");
        assert_eq!(
            rules(&text),
            [("missing-opening", "一、认清形势".to_owned())]
        );
        let after = fixed("missing-opening", &text, 0);
        assert!(after.contains("同志们：\n【待补：开场白，交代会议背景和目的】\n一、认清形势"));
        assert_eq!(rules(&after), []);
    }

    #[test]
    fn missing_body_is_reported_without_a_fix() {
        let text = "在志愿者表彰会上的讲话\n同志们：\n这一年，大家走街串巷，为群众办了许多实事。\n希望大家再接再厉。\n同志们，让我们把志愿精神传下去！\n";
        assert_eq!(
            rules(text),
            [(
                "missing-body",
                "这一年，大家走街串巷，为群众办了许多实事。".to_owned()
            )]
        );
        assert!(findings("missing-body", text)[0].fixes.is_empty());
    }

    #[test]
    fn a_ceremonial_greeting_needs_no_numbered_parts() {
        let text = "在新校区启用仪式上的致辞\n各位来宾：\n今天，新校区正式启用了。\n感谢各方的支持。\n谢谢大家！\n";
        assert_eq!(rules(text), []);
        let speech = text.replace("致辞", "讲话");
        assert_eq!(
            rules(&speech),
            [("missing-body", "今天，新校区正式启用了。".to_owned())]
        );
    }

    #[test]
    fn missing_closing_is_reported_on_the_last_sentence_and_fixed() {
        let text = COMPLETE.replace("同志们，让我们守住山林、守护家园！\n", "");
        assert_eq!(
            rules(&text),
            [(
                "missing-closing",
                "各乡镇要把责任落实到山头地块。".to_owned()
            )]
        );
        let after = fixed("missing-closing", &text, 0);
        assert_eq!(
            after,
            text.replace("山头地块。", "山头地块。\n同志们，【待补：号召语】！")
        );
        assert_eq!(rules(&after), []);
        // The inserted marker is then reported by the placeholder rule.
        assert_eq!(findings("placeholder", &after).len(), 1);
    }

    #[test]
    fn inserts_follow_crlf_and_blank_line_layout() {
        let text = "在全县秋季防火工作会议上的讲话\r\n\r\n同志们：\r\n\r\n今天召开这次会议，主要是部署防火工作。\r\n\r\n一、认清形势\r\n\r\n今年降水偏少。\r\n";
        let after = fixed("missing-closing", text, 0);
        assert_eq!(
            after,
            text.replace(
                "今年降水偏少。",
                "今年降水偏少。\r\n\r\n同志们，【待补：号召语】！"
            )
        );
    }

    #[test]
    fn each_speech_of_a_compilation_is_named() {
        let text = "讲话稿两篇\n会议讲话篇一\n同志们：\n今天开会，部署工作。\n一、认清形势\n形势严峻。\n同志们，让我们行动起来！\n会议讲话篇二\n同志们：\n今天开会，总结工作。\n一、回顾成绩\n成绩显著。\n";
        let found = findings("missing-closing", text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("篇二缺少结尾："),
            "{}",
            found[0].message
        );
    }
}
