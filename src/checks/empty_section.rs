//! `empty-section`: a heading with nothing under it.

use super::skeleton::{line_end, paragraph_break};
use super::{no_options, Check, Context, Rule};
use crate::draft::is_padding;
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct EmptySection;

static RULES: &[Rule] = &[Rule {
    code: "empty-section",
    default_severity: Severity::Warning,
    summary: "小标题下没有内容",
    docs: "## 说明\n\n一个小标题（`一、` `（一）` `1.`、Markdown 标题或单独成行的小标题）之后紧接着下一个同级或上级标题、\
结尾或全文结束，中间没有任何正文。\
本身就是一句完整的话的序号段落（`1.抓好项目建设。`）是一个要点，不算空标题。\n\n## 为什么\n\n从模板拼接讲稿时，常常只留下了标题、忘了填内容；念出来听众只听到一个空标题。\n\n\
## 示例\n\n```text\n（一）加强组织领导\n（二）强化督促检查\n……\n```\n\n## 修改后\n\n\
```text\n（一）加强组织领导\n各单位主要负责同志要亲自抓……\n（二）强化督促检查\n```\n\n\
快速修复会在标题下插入 `【待补：本部分内容】`。\n\n## 选项\n\n无。\n",
    tally: None,
    fix_all_title: None,
    validate_options: no_options,
}];

impl Check for EmptySection {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        for section in &draft.sections {
            if !draft.section_is_empty(section) {
                continue;
            }
            let Some(heading) = draft.paragraphs.get(section.heading) else {
                continue;
            };
            let Some(speech) = draft.speech_of(section.heading) else {
                continue;
            };
            let written = heading.prose.text.trim_matches(is_padding);
            let insert = format!("{}【待补：本部分内容】", paragraph_break(draft, speech));
            out.push(
                Finding::new(
                    "empty-section",
                    heading.range.clone(),
                    format!(
                        "“{written}”下面没有内容：标题之后应有展开的正文，否则听众只听到一个空标题"
                    ),
                )
                .with_fix(Fix::new(
                    "在标题下插入待补内容",
                    vec![Edit::insert(line_end(draft, section.heading), insert)],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, fixed, flagged};

    const HEAD: &str = "在全区安全生产会议上的讲话\n同志们：\n今天主要讲两个问题。\n";
    const TAIL: &str = "同志们，让我们齐心协力，守住安全底线！\n";

    #[test]
    fn a_heading_followed_by_a_sibling_is_empty() {
        let text = format!("{HEAD}一、提高认识\n（一）加强组织领导\n（二）强化督促检查\n各单位要定期检查。\n二、落实责任\n责任要落实到人。\n{TAIL}");
        assert_eq!(flagged("empty-section", &text), ["（一）加强组织领导"]);
        assert_eq!(
            findings("empty-section", &text)[0].message,
            "“（一）加强组织领导”下面没有内容：标题之后应有展开的正文，否则听众只听到一个空标题"
        );
        let after = fixed("empty-section", &text, 0);
        assert!(after.contains("（一）加强组织领导\n【待补：本部分内容】\n（二）"));
        assert_eq!(flagged("empty-section", &after), Vec::<&str>::new());
    }

    #[test]
    fn a_heading_with_subsections_or_inline_body_is_not_empty() {
        let text = format!("{HEAD}一、提高认识\n（一）加强组织领导。各单位一把手要亲自抓。\n（二）强化督促检查\n各单位要定期检查。\n{TAIL}");
        assert_eq!(flagged("empty-section", &text), Vec::<&str>::new());
    }

    #[test]
    fn a_last_heading_before_the_closing_is_empty() {
        let text = format!("{HEAD}一、提高认识\n认识要到位。\n二、落实责任\n{TAIL}");
        assert_eq!(flagged("empty-section", &text), ["二、落实责任"]);
    }

    #[test]
    fn leading_ordinal_statements_are_not_empty_sections() {
        let text =
            format!("{HEAD}首先，要提高认识。\n其次，要落实责任。\n最后，要加强督查。\n{TAIL}");
        assert_eq!(flagged("empty-section", &text), Vec::<&str>::new());
    }

    #[test]
    fn markdown_heading_without_text_is_empty() {
        let text = "# 在全区安全生产会议上的讲话\n\n同志们：\n\n今天主要讲两个问题。\n\n## 一、提高认识\n\n## 二、落实责任\n\n责任要落实到人。\n\n同志们，让我们守住安全底线！\n";
        let found = crate::checks::test_support::findings_in(
            "empty-section",
            text,
            crate::DocKind::Markdown,
            &crate::Config::default(),
        );
        let texts: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(texts, ["一、提高认识"]);
    }
}
