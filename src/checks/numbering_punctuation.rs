//! `numbering-punctuation`: punctuation the standards do not allow after a heading ordinal:
//! `（一）、` `(1)、` `①、` (nothing follows a bracketed or circled number), `一.` `一．`
//! (the Chinese level takes `、`), and `1、` where the draft otherwise writes `1.`.

use super::numbering::written;
use super::{Check, Context, Rule};
use crate::draft::{Scheme, SequenceKind};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct NumberingPunctuation;

static RULES: &[Rule] = &[Rule {
    code: "numbering-punctuation",
    default_severity: Severity::Warning,
    summary: "序号后的标点不规范",
    docs: "## 说明\n\n按《党政机关公文格式》（GB/T 9704-2012）7.3.3 和标点符号用法，\
结构层次序号依次为“一、”“（一）”“1.”“（1）”：\n\n\
- 带括号或带圈的序号后面不再加标点，`（一）、` `(1)、` `①、` 中的“、”多余；\n\
- 汉字序号后用顿号，`一.` `一．` 应为 `一、`；\n\
- 阿拉伯数字序号后用下脚点，本文其他地方都用 `1.` 时，`1、` 应为 `1.`。\n\n\
## 为什么\n\n序号标点是公文格式审核最常挑出的问题之一。\n\n\
## 示例\n\n`（一）、提高认识` 报告：`序号“（一）”后不应再加“、”`。\n\n\
## 修改后\n\n`（一）提高认识`。快速修复只删除或替换序号后的标点。\n\n\
## 选项\n\n无。\n",
    tally: Some("处序号标点不规范"),
    fix_all_title: Some("修正全部序号标点"),
    validate_options: super::no_options,
}];

impl Check for NumberingPunctuation {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        let headings = || {
            draft
                .sequences
                .iter()
                .filter(|s| s.kind == SequenceKind::Heading)
        };
        // How the draft writes Arabic heading numbers: `1.`/`1．` or `1、`.
        let (mut dots, mut commas) = (0usize, 0usize);
        for m in headings().flat_map(|s| &s.members) {
            if m.ordinal.scheme == Scheme::Arabic {
                if written(draft, m).ends_with('、') {
                    commas += 1;
                } else {
                    dots += 1;
                }
            }
        }
        for sequence in headings() {
            let outliers = sequence.style_outliers(&draft.paragraphs);
            for (k, m) in sequence.members.iter().enumerate() {
                let w = written(draft, m);
                let o = &m.ordinal;
                let bracketed = matches!(
                    o.scheme,
                    Scheme::ParenChinese | Scheme::ParenArabic | Scheme::Circled
                );
                let delimiter = o.numeral.end..o.written.end;
                let (message, edit) = if let (true, Some(p)) = (bracketed, &o.punct) {
                    let punct = draft.paragraphs[m.paragraph]
                        .prose
                        .text
                        .get(p.clone())
                        .unwrap_or("");
                    (
                        format!("序号“{w}”后不应再加“{punct}”"),
                        Edit::delete(draft.source_range(m.paragraph, p.clone())),
                    )
                } else if o.scheme == Scheme::Chinese && (w.ends_with('.') || w.ends_with('．')) {
                    let numeral = w.trim_end_matches(['.', '．']);
                    (
                        format!("序号“{w}”应写作“{numeral}、”"),
                        Edit::replace(draft.source_range(m.paragraph, delimiter), "、"),
                    )
                } else if o.scheme == Scheme::Arabic
                    && w.ends_with('、')
                    && dots > commas
                    && !outliers.iter().any(|x| x.member == k)
                {
                    let numeral = w.trim_end_matches('、');
                    (
                        format!("序号“{w}”应写作“{numeral}.”，与本文其他数字序号一致"),
                        Edit::replace(draft.source_range(m.paragraph, delimiter), "."),
                    )
                } else {
                    continue;
                };
                let range = draft.source_range(m.paragraph, o.written.clone());
                let range = match &o.punct {
                    Some(p) if bracketed => {
                        range.start..draft.source_range(m.paragraph, p.clone()).end
                    }
                    _ => range,
                };
                out.push(
                    Finding::new("numbering-punctuation", range, message)
                        .with_fix(Fix::new("修正序号标点", vec![edit])),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, fixed, flagged, flagged_family};

    fn numbering(text: &str) -> Vec<(&'static str, String)> {
        flagged_family("numbering-", text)
    }

    #[test]
    fn nothing_after_a_bracketed_number() {
        let text = "同志们：\n一、统一思想\n（一）、提高认识\n（二）明确任务\n";
        assert_eq!(
            numbering(text),
            [("numbering-punctuation", "（一）、".to_owned())]
        );
        let found = findings("numbering-punctuation", text);
        assert_eq!(found[0].message, "序号“（一）”后不应再加“、”");
        let edits = &found[0].fixes[0].edits;
        assert_eq!(edits.len(), 1);
        assert_eq!(&text[edits[0].range.clone()], "、");
        assert_eq!(edits[0].replacement, "");
        let new = fixed("numbering-punctuation", text, 0);
        assert_eq!(
            new,
            "同志们：\n一、统一思想\n（一）提高认识\n（二）明确任务\n"
        );
        assert_eq!(numbering(&new), []);
        let text = "同志们：\n（一）提高认识\n(1)、建台账\n(2)定期通报\n";
        assert_eq!(flagged("numbering-punctuation", text), ["(1)、"]);
    }

    #[test]
    fn chinese_numbers_take_a_dunhao() {
        let text = "同志们：\n一.统一思想\n要统一思想。\n二．明确任务\n要明确任务。\n";
        let found = findings("numbering-punctuation", text);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["序号“一.”应写作“一、”", "序号“二．”应写作“二、”"]
        );
        let new = fixed("numbering-punctuation", text, 1);
        assert_eq!(
            new,
            "同志们：\n一.统一思想\n要统一思想。\n二、明确任务\n要明确任务。\n"
        );
        let new = fixed("numbering-punctuation", &new, 0);
        assert_eq!(numbering(&new), []);
        // `一、` next to `二．`: one finding, on the odd one, from this rule only.
        let text =
            "同志们：\n一、统一思想\n要统一思想。\n二．明确任务\n要明确任务。\n三、狠抓落实\n";
        assert_eq!(
            numbering(text),
            [("numbering-punctuation", "二．".to_owned())]
        );
    }

    #[test]
    fn arabic_dunhao_only_where_the_draft_uses_dots() {
        let text = "同志们：\n（一）提高认识\n1.建台账\n2.定期通报\n（二）明确任务\n1、细化分工\n2、压实责任\n（三）强化考核\n1.定期考核\n";
        assert_eq!(flagged("numbering-punctuation", text), ["1、", "2、"]);
        assert_eq!(
            findings("numbering-punctuation", text)[0].message,
            "序号“1、”应写作“1.”，与本文其他数字序号一致"
        );
        assert_eq!(
            fixed("numbering-punctuation", text, 1),
            "同志们：\n（一）提高认识\n1.建台账\n2.定期通报\n（二）明确任务\n1、细化分工\n2.压实责任\n（三）强化考核\n1.定期考核\n"
        );
        // A draft that writes `1、` throughout is left alone.
        let text = "同志们：\n（一）提高认识\n1、建台账\n2、定期通报\n";
        assert_eq!(numbering(text), []);
    }
}
