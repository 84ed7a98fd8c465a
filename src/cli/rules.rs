//! `jianggao rules`: the rule registry as a table, JSON, or the Markdown of `docs/rules.md`.

use std::process::ExitCode;

use clap::{Args as ClapArgs, ValueEnum};
use serde_json::json;

use crate::checks::{self, Rule};
use crate::finding::Severity;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// 只显示这条规则的说明（为什么、示例、怎样改、选项）
    #[arg(value_name = "RULE")]
    code: Option<String>,

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
    if let Some(code) = &args.code {
        let Some(rule) = checks::rule(code) else {
            eprintln!("没有规则 “{code}”（运行 jianggao rules 查看全部规则）");
            return ExitCode::from(2);
        };
        let out = match args.format {
            Format::Json => format!("{}\n", rule_json(rule)),
            Format::Text | Format::Markdown => checks::rule_page(rule),
        };
        print!("{out}");
        return ExitCode::SUCCESS;
    }
    let out = match args.format {
        Format::Text => text(),
        Format::Json => json(),
        Format::Markdown => markdown(),
    };
    print!("{out}");
    ExitCode::SUCCESS
}

fn severity_name(severity: Severity) -> &'static str {
    checks::severity_name(severity)
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
        "共 {} 条规则；某条规则的说明：jianggao rules <规则代码>\n",
        rules.len()
    ));
    out
}

fn json() -> String {
    let rules: Vec<serde_json::Value> = checks::rules().map(rule_json).collect();
    format!("{}\n", json!({ "version": 1, "rules": rules }))
}

fn rule_json(rule: &Rule) -> serde_json::Value {
    json!({
        "code": rule.code,
        "defaultSeverity": severity_name(rule.default_severity),
        "summary": rule.summary,
        "tally": rule.tally,
        "fixAllTitle": rule.fix_all_title,
        "wordBased": checks::is_word_rule(rule.code),
    })
}

/// The rule reference, `docs/rules.md`: one `## <code>` section per rule, so that
/// `checks::docs_url(base, code)` (`…/docs/rules.md#<code>`) lands on it.
pub fn markdown() -> String {
    let mut out = String::from(
        "# 规则一览 / Rules\n\n\
         <!-- 本文件由 `jianggao rules --format markdown` 生成，请勿手工修改；\
         更新方法：`UPDATE_DOCS=1 cargo test`。 -->\n\n\
         在 `jianggao.toml` 中可调整每条规则的级别（`[rules.<代码>] severity = \"error\" | \"warning\" | \"info\" | \"hint\" | \"off\"`）。\n\n\
         不再提示某处问题有三种办法（详见 README “不再提示某处问题”）：编辑器里的快速修复\
         （`在本稿中忽略此处`、`不再提示“某词”`、`关闭规则 代码（本项目）`）；`jianggao.toml` 中的\
         `[words] allow = [\"某某公司\"]`（所有按词语报告的规则：`placeholder`、`stock-phrase-repeat`、\
         `repeated-phrase`、`typo`、`doubled-char`）、`[[ignore]]` 条目（`file`、`rule`、`text`、\
         可选的 `context`，按文字和上下文匹配，不按行号）和 `severity = \"off\"`；Markdown 讲稿中的\
         `<!-- jianggao-disable-next-line 代码 -->`、`<!-- jianggao-disable 代码 -->` … \
         `<!-- jianggao-enable -->`。`jianggao check --show-ignored` 列出被忽略的问题及原因。\n\n\
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
        out.push('\n');
        out.push_str(&checks::rule_page(rule));
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
