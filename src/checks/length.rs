//! `length`: a speech longer than the configured speaking time (`[rules.length] max-minutes`).

use serde::Deserialize;

use super::{Check, Context, Rule};
use crate::draft::Role;
use crate::finding::{Finding, Severity};

pub struct Length;

/// `[rules.length]` options.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LengthOptions {
    /// The longest a speech may take, in minutes; the rule is silent when unset.
    pub max_minutes: Option<u32>,
}

static RULES: &[Rule] = &[Rule {
    code: "length",
    default_severity: Severity::Info,
    summary: "讲稿篇幅超过设定的讲话时长",
    docs: "## 说明\n\n\
按讲稿的字数（不含标点和网页残留）和语速（默认每分钟 220 字，可用 `[draft] chars-per-minute` 调整）\
估算讲话时间；超过 `max-minutes` 设定的分钟数时，在讲稿标题处给出提示。合集中的每篇讲稿分别计算。\n\n\
## 为什么\n\n\
会议通知常要求“讲话控制在 15 分钟以内”。超时的讲话会挤占议程，听众的注意力也难以保持。\n\n\
## 示例\n\n\
```toml\n[rules.length]\nmax-minutes = 15\n```\n\n\
一篇约 4000 字的讲稿按每分钟 220 字计约需 19 分钟，报告：`讲稿约 19 分钟，超过设定的 15 分钟`。\n\n\
## 修改后\n\n\
压缩开头的背景交代和重复的表态，把讲稿控制在约 3300 字以内。\n\n\
## 选项\n\n\
- `max-minutes`（整数）：允许的最长讲话时间（分钟）。不设置时本规则不报告。\n",
    tally: Some("篇讲稿超过设定时长"),
    fix_all_title: None,
    validate_options: super::typed_options::<LengthOptions>,
}];

impl Check for Length {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let options: LengthOptions = cx.config.rule_options("length");
        let Some(max) = options.max_minutes else {
            return;
        };
        let draft = cx.draft;
        let outline = &draft.outline;
        let limit = u64::from(max) * u64::from(outline.chars_per_minute);
        for (speech, node) in draft.speeches.iter().zip(&outline.nodes) {
            if node.spoken_chars as u64 <= limit {
                continue;
            }
            // On the title line, else on the separator or the speech's first line.
            let at = speech
                .title
                .clone()
                .find(|&i| draft.paragraphs[i].role == Role::Title)
                .or(speech.title.clone().next())
                .unwrap_or(speech.paragraphs.start);
            let Some(paragraph) = draft.paragraphs.get(at) else {
                continue;
            };
            // One decimal: a speech just over the limit must not read "约 12 分钟，超过 12 分钟".
            let minutes = node.spoken_chars as f64 / f64::from(outline.chars_per_minute.max(1));
            out.push(Finding::new(
                "length",
                paragraph.range.clone(),
                format!("讲稿约 {minutes:.1} 分钟，超过设定的 {max} 分钟"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::findings_in;
    use crate::config::Config;
    use crate::draft::DocKind;
    use crate::finding::Severity;

    fn config(toml: &str) -> Config {
        let (config, problems) = Config::from_toml(toml);
        assert_eq!(problems, []);
        config
    }

    /// A speech of `n` sentences of 22 spoken characters each.
    fn speech(title: &str, n: usize) -> String {
        let mut text = format!("{title}\n同志们：\n");
        for _ in 0..n {
            text.push_str("我们要把各项工作抓紧抓实抓出成效真正落地见效。\n");
        }
        text
    }

    #[test]
    fn an_overlong_speech_is_reported_on_its_title() {
        // 120 × 22 = 2640 spoken characters (plus title and salutation) at 220/min: just over 12
        // minutes.
        let text = speech("年度工作会议讲话", 120);
        let cfg = config("[rules.length]\nmax-minutes = 12\n");
        let found = findings_in("length", &text, DocKind::Plain, &cfg);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "年度工作会议讲话");
        assert_eq!(found[0].message, "讲稿约 12.1 分钟，超过设定的 12 分钟");
        assert_eq!(found[0].severity, Severity::Info);
        let cfg = config("[rules.length]\nmax-minutes = 13\n");
        assert_eq!(findings_in("length", &text, DocKind::Plain, &cfg), []);
    }

    #[test]
    fn silent_without_max_minutes_and_rate_is_configurable() {
        let text = speech("年度工作会议讲话", 120);
        assert_eq!(
            findings_in("length", &text, DocKind::Plain, &Config::default()),
            []
        );
        let cfg = config("[draft]\nchars-per-minute = 300\n[rules.length]\nmax-minutes = 8\n");
        let found = findings_in("length", &text, DocKind::Plain, &cfg);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "讲稿约 8.8 分钟，超过设定的 8 分钟");
    }

    #[test]
    fn each_speech_of_a_compilation_counts_alone() {
        let text = format!(
            "{}{}",
            speech("工作会议讲话篇一", 60),
            speech("工作会议讲话篇二", 120)
        );
        let cfg = config("[rules.length]\nmax-minutes = 10\n");
        let found = findings_in("length", &text, DocKind::Plain, &cfg);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "工作会议讲话篇二");
    }

    #[test]
    fn unknown_option_is_a_problem() {
        let (_, problems) = Config::from_toml("[rules.length]\nmax-minute = 15\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].key, "rules.length.max-minute");
    }
}
