//! The checks. Each file in this folder implements [`Check`] for one rule (or a small family of
//! rules that share one analysis), and [`CHECKS`] lists them all: the pipeline, the CLI, the
//! server and the rule documentation read this one list, so a rule cannot be half-registered.

use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use crate::config::{parse_options, Config, ConfigProblem};
use crate::draft::Draft;
use crate::finding::{Finding, Severity};
use crate::segment::{self, Segmentation};

mod anatomy;
pub mod announced_count;
mod chinese;
mod doubled_char;
mod empty_section;
mod fixed_terms;
mod length;
mod missing_section;
mod number_style;
mod numbering;
mod numbering_level;
mod numbering_punctuation;
mod numbering_style;
mod placeholder;
mod punctuation_doubled;
mod punctuation_pair;
pub mod punctuation_width;
pub mod repeated_phrase;
pub mod repeated_sentence;
mod residue;
mod salutation_format;
mod skeleton;
pub mod stock_phrase;
mod typo;

/// Static description of a rule: what the registry, config and docs know about it.
pub struct Rule {
    /// Stable kebab-case code, e.g. `placeholder`. Never renamed once released.
    pub code: &'static str,
    pub default_severity: Severity,
    /// One line in Chinese: what the rule catches.
    pub summary: &'static str,
    /// Longer Markdown documentation in Chinese: why it matters, an example, the fix, options.
    pub docs: &'static str,
    /// How a count of this rule's findings reads in a summary, after "共 N "
    /// (e.g. "处占位符未填写" → "共 27 处占位符未填写"); shown by `check` and the outline.
    pub tally: Option<&'static str>,
    /// When set, editors offer one action that applies the first fix of every finding of this
    /// rule at once (e.g. "删除全部网页残留"), and `jianggao check --fix <code>` applies the same.
    pub fix_all_title: Option<&'static str>,
    /// Checks the rule's options (everything in `[rules.<code>]` but `severity`).
    pub validate_options: fn(&str, &Map<String, Value>) -> Vec<ConfigProblem>,
}

/// What a check sees: the parsed draft and the configuration.
pub struct Context<'a> {
    pub draft: &'a Draft<'a>,
    pub config: &'a Config,
    /// Each paragraph's segmentation, looked up once per analysis and shared by the checks.
    segmentations: Vec<OnceLock<Arc<Segmentation>>>,
}

impl<'a> Context<'a> {
    pub fn new(draft: &'a Draft<'a>, config: &'a Config) -> Context<'a> {
        Context {
            draft,
            config,
            segmentations: (0..draft.paragraphs.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// Cuts every paragraph into words ahead of the checks, on two threads where much of a
    /// large draft is not cut yet (see [`segment::cut_ahead`]).
    pub fn cut_ahead(&self) {
        let all: Vec<Arc<Segmentation>> = (0..self.draft.paragraphs.len())
            .map(|index| self.segmentation(index))
            .collect();
        segment::cut_ahead(&all);
    }

    /// The segmentation of paragraph `index` (from [`segment::segment`], asked once per
    /// analysis). A cancelled analysis stops here, as in `segment`.
    pub fn segmentation(&self, index: usize) -> Arc<Segmentation> {
        let (Some(paragraph), Some(slot)) = (
            self.draft.paragraphs.get(index),
            self.segmentations.get(index),
        ) else {
            return segment::segment("");
        };
        crate::cancel::check();
        Arc::clone(slot.get_or_init(|| segment::segment(&paragraph.prose.text)))
    }
}

/// One check: reads the draft, pushes findings. Checks are stateless and run in parallel-safe
/// isolation; a panic in one is caught by the pipeline and does not lose the others' findings.
pub trait Check: Send + Sync {
    /// The rules this check reports. Findings must use one of these codes.
    fn rules(&self) -> &'static [Rule];
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Every check, in the order their findings are reported.
pub static CHECKS: &[&dyn Check] = &[
    &placeholder::Placeholder,
    &length::Length,
    &residue::ResidueCheck,
    &anatomy::Anatomy,
    &salutation_format::SalutationFormat,
    &empty_section::EmptySection,
    &missing_section::MissingSection,
    &numbering::Numbering,
    &numbering_style::NumberingStyle,
    &numbering_punctuation::NumberingPunctuation,
    &numbering_level::NumberingLevel,
    &announced_count::AnnouncedCount,
    &stock_phrase::StockPhraseRepeat,
    &repeated_phrase::RepeatedPhrase,
    &repeated_sentence::RepeatedSentence,
    &typo::Typo,
    &doubled_char::DoubledChar,
    &punctuation_pair::PunctuationPair,
    &punctuation_doubled::PunctuationDoubled,
    &punctuation_width::PunctuationWidth,
    &number_style::NumberStyle,
];

/// Where a rule's documentation lives (`codeDescription.href` in diagnostics), given where
/// the project publishes the rule reference (`docs-url` in the config): `{base}#{code}`, the
/// anchor of the rule's section in `docs/rules.md`.
pub fn docs_url(base: &str, code: &str) -> String {
    format!("{}#{code}", base.trim_end_matches('#'))
}

/// The rules whose finding flags a word (a phrase, a placeholder, a misspelt word): the
/// flagged text is what `[words] allow` and the quick fix `不再提示“…”` name. Other rules flag
/// places (a numbering gap, a missing closing), which only `[[ignore]]` can silence.
pub const WORD_RULES: &[&str] = &[
    "placeholder",
    "stock-phrase-repeat",
    "repeated-phrase",
    "typo",
    "doubled-char",
];

/// Whether `rule`'s findings flag a word (see [`WORD_RULES`]).
pub fn is_word_rule(rule: &str) -> bool {
    WORD_RULES.contains(&rule)
}

/// The name of a severity in config files and JSON.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Hint => "hint",
    }
}

/// One rule's page of the reference (Markdown, Chinese): heading, summary, default severity,
/// fix-all, how to silence it, then its documentation (why, example, fix, options). The
/// section of `docs/rules.md`, `jianggao rules CODE`, and the editor's hover.
pub fn rule_page(rule: &Rule) -> String {
    let mut out = format!("## {}\n\n{}\n\n", rule.code, rule.summary);
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
    out.push_str(&format!(
        "- 不再提示：{}关闭整条规则用 `[rules.{}] severity = \"off\"`（见 README “不再提示某处问题”）\n",
        if is_word_rule(rule.code) {
            "标出的是词语，可写进 `[words] allow`；某一处可用 `[[ignore]]`；"
        } else {
            "某一处可用 `[[ignore]]`；"
        },
        rule.code
    ));
    let docs = rule.docs.trim();
    if docs.is_empty() {
        out.push_str("\n（暂无详细说明。）\n");
    } else {
        out.push_str(&format!("\n{docs}\n"));
    }
    out
}

/// Every rule of every check.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    CHECKS.iter().flat_map(|check| check.rules().iter())
}

/// Looks a rule up by its code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    rules().find(|rule| rule.code == code)
}

/// `validate_options` for rules without options: any key is unknown.
pub fn no_options(code: &str, options: &Map<String, Value>) -> Vec<ConfigProblem> {
    options
        .keys()
        .map(|key| ConfigProblem {
            key: format!("rules.{code}.{key}"),
            message: format!("规则 “{code}” 没有选项 “{key}”，已忽略"),
        })
        .collect()
}

/// `validate_options` for rules whose options deserialize into `T`.
pub fn typed_options<T: serde::de::DeserializeOwned + Default>(
    code: &str,
    options: &Map<String, Value>,
) -> Vec<ConfigProblem> {
    parse_options::<T>(code, options).1
}

#[cfg(test)]
#[allow(dead_code)] // each helper is used by some rules' tests, not all
pub(crate) mod test_support {
    //! The two helpers every rule's tests use, as harper does: "this text gives these findings"
    //! and "this text, after applying the fix, becomes that text".

    use crate::analysis::analyze_with;
    use crate::config::Config;
    use crate::draft::DocKind;
    use crate::finding::Finding;

    /// Findings of one rule on a plain-text draft, with default config.
    pub fn findings(rule: &str, text: &str) -> Vec<Finding> {
        findings_in(rule, text, DocKind::Plain, &Config::default())
    }

    pub fn findings_in(rule: &str, text: &str, kind: DocKind, config: &Config) -> Vec<Finding> {
        analyze_with(text, kind, config)
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// The message of each finding of `rule`.
    pub fn messages_of(rule: &str, text: &str) -> Vec<String> {
        findings(rule, text)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    /// The source text each finding of `rule` covers.
    pub fn flagged<'t>(rule: &str, text: &'t str) -> Vec<&'t str> {
        findings(rule, text)
            .iter()
            .map(|f| &text[f.range.clone()])
            .collect()
    }

    /// Every finding of the rules whose code starts with `prefix` (e.g. `numbering-`), as
    /// (rule, flagged text), in document order.
    pub fn flagged_family(prefix: &str, text: &str) -> Vec<(&'static str, String)> {
        crate::analysis::analyze(text, DocKind::Plain)
            .findings
            .into_iter()
            .filter(|f| f.rule.starts_with(prefix))
            .map(|f| (f.rule, text[f.range.clone()].to_owned()))
            .collect()
    }

    /// A finding's related places as (source text, note), for asserting them exactly.
    pub fn related<'t>(text: &'t str, finding: &'t Finding) -> Vec<(&'t str, &'t str)> {
        finding
            .related
            .iter()
            .map(|r| (&text[r.range.clone()], &*r.message))
            .collect()
    }

    /// Applies the first fix of the `index`-th finding of `rule` and returns the new text.
    pub fn fixed(rule: &str, text: &str, index: usize) -> String {
        let found = findings(rule, text);
        let finding = found
            .get(index)
            .unwrap_or_else(|| panic!("no finding #{index} of {rule}: {found:?}"));
        let fix = finding
            .fixes
            .first()
            .unwrap_or_else(|| panic!("finding has no fix: {finding:?}"));
        fix.apply(text)
    }
}
