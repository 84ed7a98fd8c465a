//! `salutation-format`: a salutation without its colon, with a half-width `:`, run into the
//! first sentence (`同志们，今天……`), or placed after text that should follow it.

use super::anatomy::inline_salutation;
use super::skeleton::{is_speech_like, line_end, line_start, subject};
use super::{no_options, Check, Context, Rule};
use crate::draft::{is_padding, Draft, Speech};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct SalutationFormat;

static RULES: &[Rule] = &[Rule {
    code: "salutation-format",
    default_severity: Severity::Warning,
    summary: "称呼格式不规范或位置不对",
    docs: "## 说明\n\n称呼应单独成行、放在开头之前，并以全角冒号结束：`同志们：`。以下情况报告：\n\n\
- 没有冒号（`同志们`）或用了半角冒号（`同志们:`）；\n\
- 称呼与第一句连写（`同志们，今天我们……`）；\n\
- 称呼前面已经有正文（称呼放在了开头之后）。\n\n\
## 为什么\n\n讲稿要交给领导照着念，称呼单独成行、标点规范，念起来才有停顿，印发时也合乎公文格式。\n\n\
## 示例\n\n```text\n同志们:\n```\n\n## 修改后\n\n```text\n同志们：\n```\n\n\
快速修复会补上或改正冒号、把称呼另起一行，或把称呼移到开头之前。\n\n## 选项\n\n无。\n",
    tally: None,
    fix_all_title: None,
    validate_options: no_options,
}];

impl Check for SalutationFormat {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        for speech in draft.speeches.iter().filter(|s| is_speech_like(s)) {
            match speech.salutation {
                Some(index) => {
                    punctuation(draft, index, out);
                    placement(draft, speech, index, out);
                }
                None => run_in(draft, speech, out),
            }
        }
    }
}

/// `同志们` / `同志们:` → `同志们：`.
fn punctuation(draft: &Draft<'_>, index: usize, out: &mut Vec<Finding>) {
    let paragraph = &draft.paragraphs[index];
    let prose = paragraph.prose.text.trim_end_matches(is_padding);
    let whole = paragraph.prose.source_range(0..prose.len());
    let (message, edit) = if let Some(body) = prose.strip_suffix(':') {
        let colon = paragraph.prose.source_range(body.len()..prose.len());
        ("称呼后应使用全角冒号“：”", Edit::replace(colon, "："))
    } else if prose.ends_with('：') {
        return;
    } else {
        ("称呼后缺少冒号“：”", Edit::insert(whole.end, "："))
    };
    out.push(
        Finding::new("salutation-format", whole, message)
            .with_fix(Fix::new("改为全角冒号", vec![edit])),
    );
}

/// Text between the title and the salutation: the salutation should come first.
fn placement(draft: &Draft<'_>, speech: &Speech, index: usize, out: &mut Vec<Finding>) {
    let Some(first) = speech.preamble.clone().next() else {
        return;
    };
    let salutation = &draft.paragraphs[index];
    let eol = super::skeleton::line_ending(draft.text);
    // Move the salutation's line in front of the first preamble paragraph.
    let line = line_start(draft, index)..line_end(draft, index);
    let delete_end = super::skeleton::after_line_break(draft.text, line.end);
    let moved = format!("{}{eol}", &draft.text[line.clone()]);
    out.push(
        Finding::new(
            "salutation-format",
            salutation.range.clone(),
            format!(
                "{}的称呼应放在开头之前：称呼前面已经有正文，听众会先听到内容、后听到称呼",
                subject(draft, speech)
            ),
        )
        .with_fix(Fix::new(
            "把称呼移到开头之前",
            vec![
                Edit::insert(line_start(draft, first), moved),
                Edit::delete(line.start..delete_end),
            ],
        )),
    );
}

/// `同志们，今天……`: the salutation is run into the first sentence.
fn run_in(draft: &Draft<'_>, speech: &Speech, out: &mut Vec<Finding>) {
    let first = speech.title.end.max(speech.paragraphs.start);
    let Some(paragraph) = draft
        .paragraphs
        .get(first)
        .filter(|_| first < speech.paragraphs.end)
    else {
        return;
    };
    let Some(address) = inline_salutation(&paragraph.prose.text) else {
        return;
    };
    let comma = address.end
        - paragraph.prose.text[..address.end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
    let range = paragraph.prose.source_range(address.clone());
    let comma_range = paragraph.prose.source_range(comma..address.end);
    let eol = super::skeleton::line_ending(draft.text);
    // Keep the paragraph's own indentation on the new line.
    let indent = &draft.text[line_start(draft, first)..paragraph.range.start];
    out.push(
        Finding::new(
            "salutation-format",
            range,
            "称呼应单独成行，并以全角冒号结束（如“同志们：”）",
        )
        .with_fix(Fix::new(
            "把称呼单独成行",
            vec![Edit::replace(comma_range, format!("：{eol}{indent}"))],
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, fixed, flagged};

    const BODY: &str = "今天召开这次会议，主要是部署防汛工作。\n一、认清形势\n汛期将至，形势严峻。\n同志们，让我们全力以赴打赢防汛这场硬仗！\n";

    #[test]
    fn a_proper_salutation_is_not_reported() {
        let text = format!("在防汛工作会议上的讲话\n同志们：\n{BODY}");
        assert_eq!(flagged("salutation-format", &text), Vec::<&str>::new());
    }

    #[test]
    fn half_width_colon_is_replaced() {
        let text = format!("在防汛工作会议上的讲话\n同志们:\n{BODY}");
        assert_eq!(flagged("salutation-format", &text), ["同志们:"]);
        assert_eq!(
            findings("salutation-format", &text)[0].message,
            "称呼后应使用全角冒号“：”"
        );
        assert_eq!(
            fixed("salutation-format", &text, 0),
            format!("在防汛工作会议上的讲话\n同志们：\n{BODY}")
        );
    }

    #[test]
    fn missing_colon_is_added() {
        let text = format!("在防汛工作会议上的讲话\n各位领导、同志们\n{BODY}");
        assert_eq!(flagged("salutation-format", &text), ["各位领导、同志们"]);
        assert_eq!(
            fixed("salutation-format", &text, 0),
            format!("在防汛工作会议上的讲话\n各位领导、同志们：\n{BODY}")
        );
    }

    #[test]
    fn salutation_run_into_the_first_sentence_is_split_onto_its_own_line() {
        let text = format!("在防汛工作会议上的讲话\n　　同志们，{BODY}");
        assert_eq!(flagged("salutation-format", &text), ["同志们，"]);
        let after = fixed("salutation-format", &text, 0);
        assert_eq!(
            after,
            format!("在防汛工作会议上的讲话\n　　同志们：\n　　{BODY}")
        );
        assert_eq!(flagged("salutation-format", &after), Vec::<&str>::new());
    }

    #[test]
    fn salutation_after_the_opening_is_moved_before_it() {
        let text = format!("在防汛工作会议上的讲话\n今年汛期来得早。\n同志们：\n{BODY}");
        assert_eq!(flagged("salutation-format", &text), ["同志们："]);
        let after = fixed("salutation-format", &text, 0);
        assert_eq!(
            after,
            format!("在防汛工作会议上的讲话\n同志们：\n今年汛期来得早。\n{BODY}")
        );
        assert_eq!(flagged("salutation-format", &after), Vec::<&str>::new());
    }

    #[test]
    fn moving_the_salutation_deletes_its_own_line_ending_in_mixed_line_ends() {
        // Found by a property test: the draft's usual ending is CRLF, this line's is LF.
        let text = format!("在防汛工作会议上的讲话\r\n今年汛期来得早。\r\n同志们：\n{BODY}");
        let after = fixed("salutation-format", &text, 0);
        assert_eq!(
            after,
            format!("在防汛工作会议上的讲话\r\n同志们：\r\n今年汛期来得早。\r\n{BODY}")
        );
    }
}
