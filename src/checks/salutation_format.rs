//! `salutation-format`: a salutation without its colon, with a half-width `:`, run into the
//! first sentence (`同志们，今天……`), or placed after text that should follow it.

use super::anatomy::inline_salutation;
use super::skeleton::{is_speech_like, line_end, line_ending, line_start, subject};
use super::{no_options, Check, Context, Rule};
use crate::draft::address::{address_at, Mark};
use crate::draft::{is_padding, Draft, Speech};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct SalutationFormat;

static RULES: &[Rule] = &[Rule {
    code: "salutation-format",
    default_severity: Severity::Warning,
    summary: "称呼格式不规范或位置不对",
    docs: "## 说明\n\n称呼应单独成行、放在开头之前，并以全角冒号结束：`同志们：`。以下情况报告：\n\n\
- 没有冒号（`同志们`）、用了半角冒号（`同志们:`）或逗号（`尊敬的各位来宾，大家好！`），冒号后多了标点（`同志们：。`）；\n\
- 称呼与标题、问候语或正文写在同一行（`……会议上的讲话同志们：今天……`、`同学们：大家晚上好！`），\
或被断成两行（`各位领导、各位` / `来宾：`），或中间夹着空格（`各位领导、 同志们：`）；\n\
- 称呼与第一句连写（`同志们，今天我们……`）；\n\
- 称呼前面已经有正文（称呼放在了开头之后）。\n\n\
一处称呼的几个问题合成一条提示，一次修复。\n\n\
## 为什么\n\n讲稿要交给领导照着念，称呼单独成行、标点规范，念起来才有停顿，印发时也合乎公文格式。\
从网页或 PDF 复制来的讲稿常常把标题、称呼和第一句挤在一行，念稿人很容易一口气念下去。\n\n\
## 示例\n\n```text\n在全县春耕工作会议上的讲话同志们:今天召开这次会议……\n```\n\n## 修改后\n\n\
```text\n在全县春耕工作会议上的讲话\n同志们：\n今天召开这次会议……\n```\n\n\
快速修复会改正冒号、删去多余的标点和空格、把称呼单独成行，或把称呼移到开头之前。\n\n## 选项\n\n无。\n",
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
                    shape(draft, index, out);
                    placement(draft, speech, index, out);
                }
                None => run_in(draft, speech, out),
            }
        }
    }
}

/// The salutation's own shape: its mark (`同志们:`, `同志们`, `尊敬的各位镇长，`), a stray
/// mark after it (`同志们：。`), spaces inside it, a line break inside it (`各位领导、各位` /
/// `来宾：`), and text sharing its line (a title before it, a greeting or the first sentence
/// after it). One finding names every problem, and its fix rewrites the salutation as it
/// should stand: alone on its line, ended by a full-width colon.
fn shape(draft: &Draft<'_>, index: usize, out: &mut Vec<Finding>) {
    let paragraph = &draft.paragraphs[index];
    // Hosts of a script address the audience in turns (`男：尊敬的各位来宾，` `女：亲爱的
    // 朋友们，`): the comma is their style.
    if paragraph.host {
        return;
    }
    let prose = &paragraph.prose;
    let start = prose.text.len() - prose.text.trim_start_matches(is_padding).len();
    let Some(address) = address_at(&prose.text, start) else {
        return;
    };
    let eol = line_ending(draft.text);
    let mut problems: Vec<&str> = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();

    // Text before it on the same line: a line break before the address.
    let words = prose.source_range(address.words.clone());
    if paragraph.fused_before {
        problems.push("称呼应单独成行，不要与标题写在同一行");
        let gap_start = skip_back_spaces(draft.text, words.start);
        edits.push(Edit::replace(gap_start..words.start, eol));
    }
    // A line break inside it (the paragraph spans two lines).
    let breaks = line_breaks_inside(draft, paragraph, words.clone());
    if !breaks.is_empty() {
        problems.push("称呼被断成了两行，应写在一行");
        edits.extend(breaks.into_iter().map(Edit::delete));
    }
    // Spaces between its words.
    let spaces = spaces_inside(draft.text, words.clone());
    if !spaces.is_empty() {
        problems.push("称呼中间有多余的空格");
        edits.extend(spaces.into_iter().map(Edit::delete));
    }
    // Its mark.
    let mark = prose.source_range(address.mark_range.clone());
    match address.mark {
        Mark::Colon => {}
        Mark::HalfColon => {
            problems.push("称呼后应使用全角冒号“：”");
            edits.push(Edit::replace(mark, "："));
        }
        Mark::Comma => {
            problems.push("称呼后应使用冒号“：”，不用逗号");
            edits.push(Edit::replace(mark, "："));
        }
        Mark::None => {
            problems.push("称呼后缺少冒号“：”");
            edits.push(Edit::insert(words.end, "："));
        }
    }
    if let Some(stray) = &address.stray {
        problems.push("冒号后多了一个标点");
        edits.push(Edit::delete(prose.source_range(stray.clone())));
    }
    // Text after it on the same line: the greeting or the first sentence goes on the next.
    if paragraph.fused_after {
        problems.push("称呼后的问候语或正文应另起一行");
        let end = prose.source_range(0..address.end).end;
        let next = skip_forward_spaces(draft.text, end);
        let indent = indentation(draft, index);
        edits.push(Edit::replace(end..next, format!("{eol}{indent}")));
    }
    if problems.is_empty() {
        return;
    }
    let message = match problems.as_slice() {
        [one] => (*one).to_owned(),
        many => format!("称呼格式不规范：{}", many.join("；")),
    };
    let range = paragraph.range.start..paragraph.range.end;
    out.push(
        Finding::new("salutation-format", range, message).with_fix(Fix::new("规范称呼格式", edits)),
    );
}

/// The start of the run of spaces (not line breaks) that ends at `at`.
fn skip_back_spaces(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[..at].chars().next_back() {
        if is_padding(c) && c != '\n' && c != '\r' {
            at -= c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// The end of the run of spaces (not line breaks) that starts at `at`.
fn skip_forward_spaces(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if is_padding(c) && c != '\n' && c != '\r' {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// The bytes between the lines of a salutation broken over lines (line ending, blank lines
/// and indentation), each a range to delete.
fn line_breaks_inside(
    draft: &Draft<'_>,
    paragraph: &crate::draft::Paragraph,
    words: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    if paragraph.lines.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for line in paragraph.lines.start + 1..paragraph.lines.end {
        let Some(l) = draft.lines.get(line) else {
            continue;
        };
        let Some(first) = l.pieces.first() else {
            continue;
        };
        let previous_end = draft.lines[..line]
            .iter()
            .rev()
            .find_map(|l| l.pieces.last())
            .map_or(l.range.start, |p| p.end);
        if words.start < first.start && previous_end < words.end {
            out.push(previous_end..first.start);
        }
    }
    out
}

/// Runs of spaces between two words of the address (not at its ends, not line breaks).
fn spaces_inside(text: &str, words: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let slice = &text[words.clone()];
    let mut run: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        let at = words.start + i;
        if is_padding(c) && c != '\n' && c != '\r' {
            run.get_or_insert(at);
        } else {
            if let Some(s) = run.take() {
                if c != '\n' && c != '\r' && !text[..s].ends_with(['\n', '\r']) {
                    out.push(s..at);
                }
            }
            if c == '\n' || c == '\r' {
                run = None;
            }
        }
    }
    out
}

/// The paragraph's own indentation (what precedes its text on its first line).
fn indentation<'t>(draft: &Draft<'t>, index: usize) -> &'t str {
    let paragraph = &draft.paragraphs[index];
    let line = line_start(draft, index);
    let text = draft.text.get(line..paragraph.range.start).unwrap_or("");
    if text.chars().all(is_padding) {
        text
    } else {
        ""
    }
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

    #[test]
    fn a_title_an_address_and_the_first_sentence_on_one_line_are_put_on_three() {
        let text = "在防汛工作会议上的讲话同志们:今天召开这次会议，主要是部署防汛工作。\n一、认清形势\n汛期将至，形势严峻。\n同志们，让我们全力以赴打赢防汛这场硬仗！\n";
        assert_eq!(flagged("salutation-format", text), ["同志们:"]);
        assert_eq!(
            findings("salutation-format", text)[0].message,
            "称呼格式不规范：称呼应单独成行，不要与标题写在同一行；称呼后应使用全角冒号“：”；称呼后的问候语或正文应另起一行"
        );
        let after = fixed("salutation-format", text, 0);
        assert!(
            after.starts_with("在防汛工作会议上的讲话\n同志们：\n今天召开这次会议"),
            "{after}"
        );
        assert_eq!(flagged("salutation-format", &after), Vec::<&str>::new());
    }

    #[test]
    fn a_greeting_after_the_address_goes_on_the_next_line() {
        let text = format!("在迎新晚会上的致辞\n亲爱的同学们：大家晚上好！\n{BODY}");
        assert_eq!(flagged("salutation-format", &text), ["亲爱的同学们："]);
        assert_eq!(
            findings("salutation-format", &text)[0].message,
            "称呼后的问候语或正文应另起一行"
        );
        let after = fixed("salutation-format", &text, 0);
        assert_eq!(
            after,
            format!("在迎新晚会上的致辞\n亲爱的同学们：\n大家晚上好！\n{BODY}")
        );
        assert_eq!(flagged("salutation-format", &after), Vec::<&str>::new());
    }

    #[test]
    fn a_comma_before_the_greeting_becomes_a_colon() {
        let text = format!("在村镇干部交流会上的发言\n尊敬的各位镇长，大家好！\n{BODY}");
        assert_eq!(flagged("salutation-format", &text), ["尊敬的各位镇长，"]);
        let after = fixed("salutation-format", &text, 0);
        assert_eq!(
            after,
            format!("在村镇干部交流会上的发言\n尊敬的各位镇长：\n大家好！\n{BODY}")
        );
    }

    #[test]
    fn an_address_broken_over_two_lines_is_joined() {
        let text = format!("在防汛工作会议上的讲话\n各位领导、各位\n来宾：\n{BODY}");
        assert_eq!(
            flagged("salutation-format", &text),
            ["各位领导、各位\n来宾："]
        );
        assert_eq!(
            findings("salutation-format", &text)[0].message,
            "称呼被断成了两行，应写在一行"
        );
        let after = fixed("salutation-format", &text, 0);
        assert_eq!(
            after,
            format!("在防汛工作会议上的讲话\n各位领导、各位来宾：\n{BODY}")
        );
        assert_eq!(flagged("salutation-format", &after), Vec::<&str>::new());
    }

    #[test]
    fn a_stray_mark_and_stray_spaces_are_removed() {
        let text = format!("在防汛工作会议上的讲话\n同志们：。\n{BODY}");
        assert_eq!(
            findings("salutation-format", &text)[0].message,
            "冒号后多了一个标点"
        );
        assert_eq!(
            fixed("salutation-format", &text, 0),
            format!("在防汛工作会议上的讲话\n同志们：\n{BODY}")
        );
        let text = format!("在防汛工作会议上的讲话\n各位领导、 同志们：\n{BODY}");
        assert_eq!(
            findings("salutation-format", &text)[0].message,
            "称呼中间有多余的空格"
        );
        assert_eq!(
            fixed("salutation-format", &text, 0),
            format!("在防汛工作会议上的讲话\n各位领导、同志们：\n{BODY}")
        );
    }
}
