//! `placeholder`: unfilled template placeholders (`XX省长`, `20xx年`, `**市`, `【待补】`, …).

use super::{Check, Context, Rule};
use crate::finding::{Finding, Severity};

pub struct Placeholder;

static RULES: &[Rule] = &[Rule {
    code: "placeholder",
    default_severity: Severity::Error,
    summary: "未填写的占位符",
    docs: "",
    tally: Some("处占位符未填写"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

impl Check for Placeholder {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Stand-in until the real rule lands: flags `XX` runs in prose.
        for paragraph in &cx.draft.paragraphs {
            let prose = &paragraph.prose;
            for (start, _) in prose.text.match_indices("XX") {
                let range = prose.source_range(start..start + 2);
                out.push(Finding::new("placeholder", range, "未填写的占位符 “XX”"));
            }
        }
    }
}
