//! `jianggao rules`: the rule registry as a table, JSON, or the Markdown of `docs/rules.md`.

use std::process::ExitCode;

use clap::{Args as ClapArgs, ValueEnum};
use serde_json::json;

use crate::checks::{self, Rule};
use crate::finding::Severity;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// 输出格式：text（表格）、json，或 markdown（即 docs/rules.md 的内容）
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Markdown,
}

pub fn run(args: Args) -> ExitCode {
    let out = match args.format {
        Format::Text => text(),
        Format::Json => json(),
        Format::Markdown => markdown(),
    };
    print!("{out}");
    ExitCode::SUCCESS
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Hint => "hint",
    }
}

fn text() -> String {
    let rules: Vec<&Rule> = checks::rules().collect();
    let width = rules.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in &rules {
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            rule.code,
            severity_name(rule.default_severity),
            rule.summary
        ));
    }
    out.push_str(&format!(
        "共 {} 条规则；详见 {}\n",
        rules.len(),
        checks::DOCS_BASE_URL
    ));
    out
}

fn json() -> String {
    let rules: Vec<serde_json::Value> = checks::rules()
        .map(|rule| {
            json!({
                "code": rule.code,
                "defaultSeverity": severity_name(rule.default_severity),
                "summary": rule.summary,
                "tally": rule.tally,
                "fixAllTitle": rule.fix_all_title,
                "docsUrl": checks::docs_url(rule.code),
            })
        })
        .collect();
    format!("{}\n", json!({ "version": 1, "rules": rules }))
}

/// The rule reference, `docs/rules.md`: one `## <code>` section per rule, so that
/// `checks::docs_url(code)` (`…/docs/rules.md#<code>`) lands on it.
pub fn markdown() -> String {
    let mut out = String::from(
        "# 规则一览 / Rules\n\n\
         <!-- 本文件由 `jianggao rules --format markdown` 生成，请勿手工修改；\
         更新方法：`UPDATE_DOCS=1 cargo test`。 -->\n\n\
         在 `jianggao.toml` 中可调整每条规则的级别（`[rules.<代码>] severity = \"error\" | \"warning\" | \"info\" | \"hint\" | \"off\"`）。\n\n\
         | 代码 | 默认级别 | 说明 |\n|---|---|---|\n",
    );
    for rule in checks::rules() {
        out.push_str(&format!(
            "| [`{code}`](#{code}) | {} | {} |\n",
            severity_name(rule.default_severity),
            rule.summary,
            code = rule.code
        ));
    }
    for rule in checks::rules() {
        out.push_str(&format!("\n## {}\n\n{}\n\n", rule.code, rule.summary));
        out.push_str(&format!(
            "- 默认级别：`{}`（{}）\n",
            severity_name(rule.default_severity),
            rule.default_severity.label_zh()
        ));
        if let Some(title) = rule.fix_all_title {
            out.push_str(&format!(
                "- 一键修复：{title}（编辑器中的代码操作，或 `jianggao check --fix {}`）\n",
                rule.code
            ));
        }
        let docs = rule.docs.trim();
        if docs.is_empty() {
            out.push_str("\n（暂无详细说明。）\n");
        } else {
            out.push_str(&format!("\n{docs}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_has_one_section_per_rule() {
        let md = markdown();
        for rule in checks::rules() {
            let heading = format!("\n## {}\n", rule.code);
            assert_eq!(md.matches(&heading).count(), 1, "{}", rule.code);
        }
    }

    #[test]
    fn json_lists_every_rule() {
        let value: serde_json::Value = serde_json::from_str(&json()).unwrap();
        let codes: Vec<&str> = value["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = checks::rules().map(|r| r.code).collect();
        assert_eq!(codes, expected);
    }
}
