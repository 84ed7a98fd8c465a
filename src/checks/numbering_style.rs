//! `numbering-style`: one sequence written in mixed forms (`一要…四是要`, `(一)` next to
//! `（二）`, `首先…其次…第三`). Reported once per sequence, on the first odd one out.

use super::numbering::written;
use super::{Check, Context, Rule};
use crate::draft::Ordinal;
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct NumberingStyle;

static RULES: &[Rule] = &[Rule {
    code: "numbering-style",
    default_severity: Severity::Warning,
    summary: "同一组序号写法不统一",
    docs: "## 说明\n\n同一组序号混用了不同写法：\
“一要……二要……三要……四是要”，全角括号“（二）”和半角括号“(一)”混用，“1.”和“1、”混用，\
“首先……其次……第三”。每组只报告一次，指出与多数写法不同的序号，以多数写法为准。\n\n\
## 为什么\n\n同一层次的序号写法不同，说明材料是拼接的，印发时也显得不严谨。\n\n\
## 示例\n\n`(一)……（二）……(三)……` 在“（二）”处报告：`序号写法不统一：按本组多数写法应为“(二)”，此处为“（二）”`。\n\n\
## 修改后\n\n快速修复把与多数不同的序号改成多数写法（`四是要` → `四要`，`(二)` → `（二）`），只改动序号本身。\n\n\
## 选项\n\n无。\n",
    tally: Some("组序号写法不统一"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

impl Check for NumberingStyle {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        for sequence in &draft.sequences {
            let outliers = sequence.style_outliers(&draft.paragraphs);
            let Some(first) = outliers.first() else {
                continue;
            };
            let range = |k: usize| {
                let m = &sequence.members[k];
                draft.source_range(m.paragraph, m.ordinal.written.clone())
            };
            let found = written(draft, &sequence.members[first.member]);
            let mut message = format!(
                "序号写法不统一：按本组多数写法应为“{}”，此处为“{found}”",
                first.expected
            );
            if outliers.len() > 1 {
                message.push_str(&format!("；本组另有 {} 处写法不同", outliers.len() - 1));
            }
            let mut finding = Finding::new("numbering-style", range(first.member), message);
            // Point at a member in the majority form: the next one, else the one before.
            let is_model = |k: &usize| {
                !outliers.iter().any(|o| o.member == *k)
                    && sequence.members[*k].ordinal.value != Ordinal::LAST
            };
            let model = (first.member + 1..sequence.members.len())
                .find(is_model)
                .or_else(|| (0..first.member).rev().find(is_model));
            if let Some(k) = model {
                let w = written(draft, &sequence.members[k]);
                finding = finding.with_related(range(k), format!("本组多数写法，如“{w}”"));
            }
            for other in &outliers[1..] {
                let w = written(draft, &sequence.members[other.member]);
                finding = finding.with_related(
                    range(other.member),
                    format!("“{w}”应为“{}”", other.expected),
                );
            }
            let edits = outliers
                .iter()
                .map(|o| Edit::replace(range(o.member), o.expected.clone()))
                .collect();
            out.push(finding.with_fix(Fix::new("统一为本组多数写法", edits)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, fixed, flagged_family, related};

    fn numbering(text: &str) -> Vec<(&'static str, String)> {
        flagged_family("numbering-", text)
    }

    #[test]
    fn inline_verbs_mixed_once_per_sequence() {
        let text = "同志们：\n重点做好四件事：一要稳增长。二要保民生。三要防风险。四是要促改革。\n";
        let found = findings("numbering-style", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "四是要");
        assert_eq!(
            found[0].message,
            "序号写法不统一：按本组多数写法应为“四要”，此处为“四是要”"
        );
        let new = fixed("numbering-style", text, 0);
        assert_eq!(
            new,
            "同志们：\n重点做好四件事：一要稳增长。二要保民生。三要防风险。四要促改革。\n"
        );
        assert_eq!(numbering(&new), []);
        // `一要` among `是要`: keeps its `要`.
        let text = "同志们：\n一要抓学习，二是要抓作风，三是要抓落实。\n";
        let found = findings("numbering-style", text);
        assert_eq!(
            found[0].message,
            "序号写法不统一：按本组多数写法应为“一是要”，此处为“一要”"
        );
        assert_eq!(
            fixed("numbering-style", text, 0),
            "同志们：\n一是要抓学习，二是要抓作风，三是要抓落实。\n"
        );
        // `是` and `是要` are one style: the `要` belongs to the sentence.
        let text = "同志们：\n一是要抓学习，二是抓作风，三是抓落实。\n";
        assert_eq!(numbering(text), []);
    }

    #[test]
    fn bracket_widths_mixed_with_related_places() {
        let text = "同志们：\n一、统一思想\n（一）提高认识\n(二)明确任务\n（三）压实责任\n(四)狠抓落实\n（五）强化考核\n";
        let found = findings("numbering-style", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "(二)");
        assert_eq!(
            found[0].message,
            "序号写法不统一：按本组多数写法应为“（二）”，此处为“(二)”；本组另有 1 处写法不同"
        );
        let related = related(text, &found[0]);
        assert_eq!(
            related,
            [
                ("（三）", "本组多数写法，如“（三）”"),
                ("(四)", "“(四)”应为“（四）”")
            ]
        );
        let new = fixed("numbering-style", text, 0);
        assert_eq!(
            new,
            "同志们：\n一、统一思想\n（一）提高认识\n（二）明确任务\n（三）压实责任\n（四）狠抓落实\n（五）强化考核\n"
        );
        assert_eq!(numbering(&new), []);
    }

    #[test]
    fn words_and_numbers_mixed() {
        let text = "同志们：\n首先，要统一思想。\n其次，要明确任务。\n第三，要压实责任。\n";
        let found = findings("numbering-style", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "第三");
        assert_eq!(
            found[0].message,
            "序号写法不统一：按本组多数写法应为“再次”，此处为“第三”"
        );
        let new = fixed("numbering-style", text, 0);
        assert_eq!(
            new,
            "同志们：\n首先，要统一思想。\n其次，要明确任务。\n再次，要压实责任。\n"
        );
        assert_eq!(numbering(&new), []);
        // `最后` ends either kind of list.
        let text = "同志们：\n第一，要统一思想。\n第二，要明确任务。\n最后，要压实责任。\n";
        assert_eq!(numbering(text), []);
    }

    #[test]
    fn arabic_delimiters_mixed() {
        let text = "同志们：\n（一）统一思想\n1.提高认识\n2、明确任务\n3.压实责任\n";
        assert_eq!(numbering(text), [("numbering-style", "2、".to_owned())]);
        assert_eq!(
            fixed("numbering-style", text, 0),
            "同志们：\n（一）统一思想\n1.提高认识\n2.明确任务\n3.压实责任\n"
        );
    }
}
