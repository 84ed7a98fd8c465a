//! The pipeline: parse the draft, run every enabled check, settle severities.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::checks::{Context, CHECKS};
use crate::config::Config;
use crate::draft::{DocKind, Draft};
use crate::finding::{Finding, Severity};

/// Everything the core knows about one version of a draft.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Findings in document order.
    pub findings: Vec<Finding>,
    /// Checks that panicked; their findings are missing, the others' are complete.
    pub failures: Vec<CheckFailure>,
    /// The draft's outline (speeches, sections, items) with speaking-time estimates.
    pub outline: crate::draft::Outline,
    /// Findings the writer silenced (`[words] allow`, `[[ignore]]`, Markdown comments),
    /// with the reason; not in `findings`.
    pub silenced: Vec<crate::silence::Silenced>,
    /// The configured `docs-url`, which diagnostics link each rule's section of.
    pub docs_url: Option<String>,
    /// Rules whose checks were deferred because the segmenter's dictionary was still loading
    /// (only under [`crate::segment::without_waiting`]); empty when the analysis is complete.
    pub deferred: Vec<&'static str>,
}

impl Analysis {
    /// The tallies of the findings inside `range` (by where they start), worded as in the
    /// CLI's summary: `["3 处占位符未填写", "1 处讲稿缺少标题（missing-title）"]`. The outline
    /// shows these per speech, so a writer sees what is left to do before the speech is read.
    pub fn tallies_in(&self, range: std::ops::Range<usize>) -> Vec<String> {
        let inside: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| range.contains(&f.range.start))
            .collect();
        tallies(&inside)
    }
}

/// How many findings each rule has, in registry order: `3 处占位符未填写` for a rule with a
/// tally phrase, `1 处{summary}（code）` for one without. The one tally of the CLI's summary,
/// the outline and the editor's outline view.
pub fn tallies(findings: &[&Finding]) -> Vec<String> {
    crate::checks::rules()
        .filter_map(|rule| {
            let n = findings.iter().filter(|f| f.rule == rule.code).count();
            match rule.tally {
                _ if n == 0 => None,
                Some(tally) => Some(format!("{n} {tally}")),
                None => Some(format!("{n} 处{}（{}）", rule.summary, rule.code)),
            }
        })
        .collect()
}

/// A check that panicked: which rules it owns and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFailure {
    pub rules: Vec<&'static str>,
    pub message: String,
}

static LARGE_BATCH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells the core that this process is about to analyse a large batch of drafts (megabytes):
/// what costs more to build and less to use then pays for itself, so the whole dictionary
/// starts loading on a thread of its own and the stock-phrase lexicon is compiled into a DFA.
/// A single draft, or the server, never waits for either. No result depends on it.
pub fn expect_large_batch() {
    LARGE_BATCH.store(true, std::sync::atomic::Ordering::Relaxed);
    crate::segment::load_whole_dictionary_meanwhile();
}

/// Whether [`expect_large_batch`] was called.
pub fn large_batch() -> bool {
    LARGE_BATCH.load(std::sync::atomic::Ordering::Relaxed)
}

/// Loads everything the checks load lazily (word lists, the segmenter's dictionary), so the
/// first real analysis does not pay for it.
pub fn warm_up() {
    crate::draft::residue::compile_patterns();
    analyze(WARM_UP_DRAFT, DocKind::Plain);
}

/// Loads what the checks that do not segment load lazily (word lists, regexes), without
/// waiting for the dictionary, which loads on its own thread ([`crate::segment::start_loading`]).
/// The server calls this off the protocol path.
pub fn warm_up_without_dictionary() {
    crate::segment::without_waiting(|| analyze(WARM_UP_DRAFT, DocKind::Plain));
}

const WARM_UP_DRAFT: &str = "同志们：\n今天开会。\n";

/// Analyses `text` with default settings.
pub fn analyze(text: &str, kind: DocKind) -> Analysis {
    analyze_with(text, kind, &Config::default())
}

/// Analyses `text` read as `kind` under `config`.
pub fn analyze_with(text: &str, kind: DocKind, config: &Config) -> Analysis {
    let mut draft = Draft::parse(text, kind, config);
    let mut analysis = run_checks(&draft, config);
    analysis.silenced = crate::silence::apply(text, kind, config, &mut analysis.findings);
    analysis.docs_url = config.docs_url.clone();
    // The draft is dropped here: its outline moves into the analysis instead of being copied.
    analysis.outline = std::mem::take(&mut draft.outline);
    analysis
}

/// Analyses `text` unless `token` is cancelled first (the draft changed meanwhile): then
/// `None`, as soon as the next check starts or a check segments its next paragraph.
pub fn analyze_cancellable(
    text: &str,
    kind: DocKind,
    config: &Config,
    token: crate::cancel::Token,
) -> Option<Analysis> {
    crate::cancel::run(token, || analyze_with(text, kind, config)).ok()
}

/// Runs every enabled check on a parsed draft; a panicking check is recorded, not propagated.
fn run_checks(draft: &Draft<'_>, config: &Config) -> Analysis {
    let cx = Context::new(draft, config);
    cx.cut_ahead();
    let mut analysis = Analysis::default();
    for check in CHECKS {
        let rules = check.rules();
        if rules.iter().all(|rule| config.severity(rule).is_none()) {
            continue;
        }
        crate::cancel::check();
        let mut found = Vec::new();
        match catch_unwind(AssertUnwindSafe(|| check.check(&cx, &mut found))) {
            Ok(()) => {
                for mut finding in found {
                    let Some(rule) = rules.iter().find(|r| r.code == finding.rule) else {
                        debug_assert!(false, "{} reported unknown rule", finding.rule);
                        continue;
                    };
                    if let Some(severity) = config.severity(rule) {
                        // A check may mark a finding as a mere hint (`numbering-level`'s
                        // skipped rank); that stays a hint whatever the rule's severity.
                        if finding.severity != Severity::Hint {
                            finding.severity = severity;
                        }
                        analysis.findings.push(finding);
                    }
                }
            }
            Err(payload) if crate::cancel::is_cancellation(payload.as_ref()) => {
                std::panic::resume_unwind(payload)
            }
            Err(payload) if crate::segment::is_pending(payload.as_ref()) => {
                analysis.deferred.extend(rules.iter().map(|r| r.code));
            }
            Err(payload) => analysis.failures.push(CheckFailure {
                rules: rules.iter().map(|r| r.code).collect(),
                message: panic_message(payload.as_ref()),
            }),
        }
    }
    analysis.findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    analysis
}

pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

/// The edits that apply the first fix of every finding of `rule`, skipping fixes that would
/// overlap an earlier one. The server's fix-all action and `check --fix` both use this.
pub fn fix_all(findings: &[Finding], rule: &str) -> Vec<crate::finding::Edit> {
    let mut edits: Vec<crate::finding::Edit> = Vec::new();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for finding in findings.iter().filter(|f| f.rule == rule) {
        let Some(fix) = finding.fixes.first() else {
            continue;
        };
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.range.start < t.end && t.start < e.range.end
                    || (e.range.is_empty() && t.contains(&e.range.start))
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.range.clone()));
        edits.extend(fix.edits.iter().cloned());
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;
    use std::sync::Arc;

    const DRAFT: &str = "同志们：\n今天XX主任到会。一是抓落实，三是抓督查。\n";

    /// Issue 14, item 8: an analysis of a draft that changed meanwhile is dropped.
    #[test]
    fn a_cancelled_analysis_gives_nothing_and_a_wanted_one_everything() {
        let latest = Arc::new(AtomicU64::new(5));
        let config = Config::default();
        let wanted = crate::cancel::Token::new(latest.clone(), 5);
        let analysis = analyze_cancellable(DRAFT, DocKind::Plain, &config, wanted).unwrap();
        let plain = analyze(DRAFT, DocKind::Plain);
        let rules = |a: &Analysis| a.findings.iter().map(|f| f.rule).collect::<Vec<_>>();
        assert_eq!(rules(&analysis), rules(&plain));
        assert!(!plain.findings.is_empty());

        let stale = crate::cancel::Token::new(latest, 4);
        assert!(analyze_cancellable(DRAFT, DocKind::Plain, &config, stale).is_none());
    }

    /// Cancelled inside a check (where it segments a paragraph), the analysis ends: the
    /// cancellation is not mistaken for a panicking check and recorded as a failure.
    #[test]
    fn cancelling_inside_a_check_is_no_failure() {
        // Only stock-phrase-repeat runs: the first check is the one before it, the second the
        // one in its segmentation of the first paragraph.
        let off: serde_json::Map<String, serde_json::Value> = crate::checks::rules()
            .filter(|rule| rule.code != "stock-phrase-repeat")
            .map(|rule| (rule.code.to_owned(), "off".into()))
            .collect();
        let (config, problems) = Config::from_json(&serde_json::json!({ "rules": off }));
        assert!(problems.is_empty(), "{problems:?}");
        let token = crate::cancel::Token::cancelled_at_check(2);
        assert!(analyze_cancellable(DRAFT, DocKind::Plain, &config, token).is_none());
        // With checks to spare the analysis is complete, without failures.
        let token = crate::cancel::Token::cancelled_at_check(1_000);
        let analysis = analyze_cancellable(DRAFT, DocKind::Plain, &config, token).unwrap();
        assert!(analysis.failures.is_empty());
    }
}
