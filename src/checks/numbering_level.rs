//! `numbering-level`: heading levels out of the standard order `一、` → `（一）` → `1.` →
//! `（1）` → `①`. A higher level nested under a lower one (`一、` inside `（一）`) is a
//! warning; skipping a level (`1.` directly under `一、`) is only a hint and can be turned off
//! with `skipped-rank = false`.

use serde::Deserialize;

use super::numbering::written;
use super::{Check, Context, Rule};
use crate::draft::{Ordinal, Scheme, SectionMarker, SequenceKind};
use crate::finding::{Finding, Severity};

pub struct NumberingLevel;

/// `[rules.numbering-level]` options.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LevelOptions {
    /// Report a skipped level (`1.` directly under `一、`) as a hint.
    pub skipped_rank: bool,
}

impl Default for LevelOptions {
    fn default() -> Self {
        LevelOptions { skipped_rank: true }
    }
}

static RULES: &[Rule] = &[Rule {
    code: "numbering-level",
    default_severity: Severity::Warning,
    summary: "标题序号层级顺序不对",
    docs: "## 说明\n\n按《党政机关公文格式》（GB/T 9704-2012）7.3.3，结构层次序号依次为\
“一、”“（一）”“1.”“（1）”，其下可用“①”。上一级的序号出现在下一级标题之下\
（如 Markdown 中“（一）”标题下又出现“一、”标题）时报告警告；跳过一级（“一、”之下直接用“1.”）\
只给出建议。\n\n\
## 为什么\n\n层级乱了，读者就分不清哪些内容是并列的、哪些是从属的。\n\n\
## 示例\n\n`一、统一思想` 之下直接是 `1.提高认识`，建议：`序号跳级：“一、”之下应先用“（一）”一级，此处直接用了“1.”`。\n\n\
## 修改后\n\n把 `1.` 改为 `（一）`，或在中间补上“（一）”一级。\n\n\
## 选项\n\n- `skipped-rank`（布尔，默认 `true`）：是否提示跳级。\n",
    tally: Some("处序号层级不对"),
    fix_all_title: None,
    validate_options: super::typed_options::<LevelOptions>,
}];

/// What a heading of each standard rank looks like, for messages.
const EXAMPLES: [&str; 6] = ["第一部分", "一、", "（一）", "1.", "（1）", "①"];

impl Check for NumberingLevel {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let options: LevelOptions = cx.config.rule_options("numbering-level");
        let draft = cx.draft;
        for sequence in &draft.sequences {
            if sequence.kind != SequenceKind::Heading {
                continue;
            }
            let (Some(first), Some(parent)) = (sequence.members.first(), sequence.section) else {
                continue;
            };
            let Some(section) = draft.sections.get(parent) else {
                continue;
            };
            let SectionMarker::Ordinal(parent_scheme) = section.marker else {
                continue;
            };
            let (Some(parent_rank), Some(rank)) =
                (parent_scheme.rank(), first.ordinal.scheme.rank())
            else {
                continue;
            };
            let Some(parent_heading) = draft
                .paragraphs
                .get(section.heading)
                .and_then(|p| p.ordinal.as_ref())
            else {
                continue;
            };
            let parent_written = draft.paragraphs[section.heading]
                .prose
                .text
                .get(parent_heading.ordinal.written.clone())
                .unwrap_or("");
            let found = written(draft, first);
            let expected = EXAMPLES
                .get(usize::from(parent_rank) + 1)
                .copied()
                .unwrap_or("①");
            let range = draft.source_range(first.paragraph, first.ordinal.written.clone());
            if rank <= parent_rank {
                let level = if rank == parent_rank {
                    "同级"
                } else {
                    "上一级"
                };
                out.push(Finding::new(
                    "numbering-level",
                    range,
                    format!(
                        "序号层级颠倒：“{parent_written}”之下应使用“{expected}”一级，此处为{level}的“{found}”"
                    ),
                ));
            } else if rank > parent_rank + 1 && parent_rank >= 1 && options.skipped_rank {
                let mut finding = Finding::new(
                    "numbering-level",
                    range,
                    format!(
                        "序号跳级：“{parent_written}”之下应先用“{expected}”一级，此处直接用了“{found}”"
                    ),
                );
                finding.severity = Severity::Hint;
                out.push(finding);
            }
        }
        reused_words(draft, out);
    }
}

/// `首先，…其次，…` holding `首先是…其次是…`: the same ordinal words at two levels, so the
/// listener cannot tell which level a `其次` belongs to. One finding per outer list, at its
/// first nested reuse, pointing at the others.
fn reused_words(draft: &crate::draft::Draft<'_>, out: &mut Vec<Finding>) {
    let words = |s: &crate::draft::Sequence| {
        s.members
            .iter()
            .any(|m| m.ordinal.scheme == Scheme::Sequence && m.ordinal.value != Ordinal::LAST)
    };
    for (k, outer) in draft.sequences.iter().enumerate() {
        if outer.kind != SequenceKind::Leading || !words(outer) {
            continue;
        }
        let nested: Vec<&crate::draft::Sequence> = draft
            .sequences
            .iter()
            .filter(|s| s.parent.is_some_and(|(p, _)| p == k) && words(s))
            .collect();
        let Some(first) = nested.first().and_then(|s| s.members.first()) else {
            continue;
        };
        let found = written(draft, first);
        let outer_words: Vec<&str> = outer
            .members
            .iter()
            .filter(|m| m.ordinal.scheme == Scheme::Sequence)
            .map(|m| written(draft, m))
            .collect();
        let mut finding = Finding::new(
            "numbering-level",
            draft.source_range(first.paragraph, first.ordinal.written.clone()),
            format!(
                "序号层级不清：上一级已经用了“{}”，下一级又用“{found}”，听众分不清讲到了哪一层；下一级可改用“一是”“二是”",
                outer_words.join("”“")
            ),
        );
        if let Some((_, item)) = nested[0].parent {
            if let Some(m) = outer.members.get(item) {
                finding = finding.with_related(
                    draft.source_range(m.paragraph, m.ordinal.written.clone()),
                    format!("上一级的“{}”", written(draft, m)),
                );
            }
        }
        for s in &nested[1..] {
            if let Some(m) = s.members.first() {
                finding = finding.with_related(
                    draft.source_range(m.paragraph, m.ordinal.written.clone()),
                    format!("这里也在下一级用了“{}”", written(draft, m)),
                );
            }
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, findings_in};
    use crate::config::Config;
    use crate::draft::DocKind;
    use crate::finding::Severity;

    #[test]
    fn a_skipped_level_is_a_hint_that_can_be_turned_off() {
        let text = "同志们：\n一、统一思想\n1.提高认识\n2.明确任务\n二、狠抓落实\n（一）压实责任\n";
        let found = findings("numbering-level", text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "1.");
        assert_eq!(
            found[0].message,
            "序号跳级：“一、”之下应先用“（一）”一级，此处直接用了“1.”"
        );
        assert_eq!(found[0].severity, Severity::Hint);
        let (config, problems) =
            Config::from_toml("[rules.numbering-level]\nskipped-rank = false\n");
        assert_eq!(problems, []);
        assert_eq!(
            findings_in("numbering-level", text, DocKind::Plain, &config),
            []
        );
        let (_, problems) = Config::from_toml("[rules.numbering-level]\nskiped-rank = false\n");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn a_higher_level_inside_a_lower_one_in_markdown() {
        let text = "同志们：\n\n## （一）统一思想\n\n### 一、提高认识\n\n要提高认识。\n\n### 二、明确任务\n\n要明确任务。\n";
        let found = findings_in(
            "numbering-level",
            text,
            DocKind::Markdown,
            &Config::default(),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "一、");
        assert_eq!(
            found[0].message,
            "序号层级颠倒：“（一）”之下应使用“1.”一级，此处为上一级的“一、”"
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn a_higher_level_run_written_for_lower_items_in_plain_text() {
        let text = "同志们：\n一、总体要求\n（一）指导思想\n一、坚持党的领导\n二、坚持人民至上\n（二）主要目标\n二、重点任务\n";
        let all: Vec<(&str, &str)> = crate::analysis::analyze(text, DocKind::Plain)
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("numbering-"))
            .map(|f| (f.rule, &text[f.range.clone()]))
            .collect();
        assert_eq!(all, [("numbering-level", "一、")]);
        let found = findings("numbering-level", text);
        assert_eq!(found[0].range.start, text.find("一、坚持").unwrap());
        assert_eq!(
            found[0].message,
            "序号层级颠倒：“（一）”之下应使用“1.”一级，此处为上一级的“一、”"
        );
    }

    #[test]
    fn standard_levels_are_silent() {
        let text = "同志们：\n一、统一思想\n（一）提高认识\n1.建台账\n（1）按月报\n①按周报\n二、狠抓落实\n";
        assert_eq!(findings("numbering-level", text), []);
    }

    #[test]
    fn sequence_words_used_again_at_a_nested_level_are_one_finding() {
        let text = "同志们：\n首先，谈谈意义。\n其次，谈谈课题。\n首先是经济发展。\n其次是环境保护。\n最后是民生问题。\n第三，提几点建议。\n首先，定期座谈。\n其次，共享信息。\n";
        let found = findings("numbering-level", text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].range.clone()], "首先是");
        assert_eq!(
            found[0].message,
            "序号层级不清：上一级已经用了“首先”“其次”，下一级又用“首先是”，听众分不清讲到了哪一层；下一级可改用“一是”“二是”"
        );
        let related: Vec<&str> = found[0]
            .related
            .iter()
            .map(|r| &text[r.range.clone()])
            .collect();
        assert_eq!(related, ["其次", "首先"]);
        // Different words at the lower level are fine.
        let text = "同志们：\n首先，谈谈意义。\n其次，谈谈课题。\n一是经济发展。\n二是环境保护。\n";
        assert_eq!(findings("numbering-level", text), []);
    }
}
