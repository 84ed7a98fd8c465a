//! Silencing findings the writer has judged to be false alarms. The one place that decides:
//! the pipeline calls [`apply`] after the checks ran, and every adapter (the editor's
//! diagnostics, `check`, `check --show-ignored`, the stale entries shown on `jianggao.toml`)
//! reads its result.
//!
//! Three ways, from the widest to the narrowest:
//! - `[words] allow` in `jianggao.toml`: a word no word-based rule flags;
//! - `[[ignore]]` entries: one finding in one draft, matched by its text and a few characters
//!   of context on each side, not by its line, so it survives edits elsewhere;
//! - in Markdown, `<!-- jianggao-disable-next-line -->` and `<!-- jianggao-disable -->` …
//!   `<!-- jianggao-enable -->` comments.

use std::ops::Range;

use crate::checks::is_word_rule;
use crate::config::{Config, IgnoreEntry};
use crate::draft::markdown::{directives, Directive, DirectiveAction};
use crate::draft::DocKind;
use crate::finding::Finding;

/// How many characters of context an `[[ignore]]` entry written by the quick fix keeps on
/// each side of the flagged text: enough to tell two occurrences in one paragraph apart, few
/// enough that an edit a sentence away does not break the match.
pub const CONTEXT_CHARS: usize = 4;

/// Flagged text longer than this is remembered by its beginning only, so an entry for a
/// finding covering a whole paragraph survives edits further inside it.
pub const TEXT_CHARS: usize = 16;

/// A finding that is not reported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Silenced {
    pub finding: Finding,
    pub reason: Reason,
}

/// What silenced a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// `[words] allow` holds this word.
    Word(String),
    /// The `[[ignore]]` entry with this number (1-based, in file order).
    Entry(usize),
    /// A Markdown comment on this line (1-based).
    Comment { line: usize, text: String },
}

impl Reason {
    /// What a writer reads in `check --show-ignored`.
    pub fn describe(&self) -> String {
        match self {
            Reason::Word(word) => format!("[words] allow 中的 “{word}”"),
            Reason::Entry(number) => format!("第 {number} 条 [[ignore]]"),
            Reason::Comment { line, text } => format!("第 {line} 行的注释 {text}"),
        }
    }
}

/// Moves the silenced findings of `findings` out, in document order, each with its reason.
pub fn apply(
    text: &str,
    kind: DocKind,
    config: &Config,
    findings: &mut Vec<Finding>,
) -> Vec<Silenced> {
    let entries: Vec<&IgnoreEntry> = match &config.draft_file {
        Some(file) => config.ignore.iter().filter(|e| &e.file == file).collect(),
        None => Vec::new(),
    };
    let comments = match kind {
        // A second Markdown parse only for a draft that has such a comment at all.
        DocKind::Markdown if text.contains("jianggao-") => directives(text),
        _ => Vec::new(),
    };
    if config.words_allow.is_empty() && entries.is_empty() && comments.is_empty() {
        return Vec::new();
    }
    let mut silenced = Vec::new();
    findings.retain(|finding| {
        let reason = allowed_word(text, &config.words_allow, finding)
            .map(|word| Reason::Word(word.to_owned()))
            .or_else(|| {
                entries
                    .iter()
                    .find(|entry| matches(text, entry, finding))
                    .map(|entry| Reason::Entry(entry.number))
            })
            .or_else(|| disabling_comment(text, &comments, finding));
        match reason {
            Some(reason) => {
                silenced.push(Silenced {
                    finding: finding.clone(),
                    reason,
                });
                false
            }
            None => true,
        }
    });
    silenced
}

/// The allowed word that covers the finding's flagged text where it stands (`某某公司`
/// covers a `某某` flagged inside it), for a word-based finding.
fn allowed_word<'w>(text: &str, allow: &'w [String], finding: &Finding) -> Option<&'w str> {
    if !is_word_rule(finding.rule) || finding.range.is_empty() {
        return None;
    }
    let Range { start, end } = finding.range.clone();
    allow.iter().map(String::as_str).find(|word| {
        let from = floor_boundary(text, start.saturating_sub(word.len()));
        let to = ceil_boundary(text, (end + word.len()).min(text.len()));
        text[from..to]
            .match_indices(*word)
            .map(|(at, _)| from + at)
            .any(|at| at <= start && end <= at + word.len())
    })
}

/// Whether `entry` names `finding`: same rule, the flagged text starts with the entry's text,
/// and the context around it is the same.
pub fn matches(text: &str, entry: &IgnoreEntry, finding: &Finding) -> bool {
    let Range { start, end } = finding.range.clone();
    entry.rule == finding.rule
        && text
            .get(start..end)
            .is_some_and(|flagged| flagged.starts_with(&entry.text))
        && text[..start].ends_with(&entry.before)
        && text[start + entry.text.len()..].starts_with(&entry.after)
}

/// The `[[ignore]]` entry the quick fix `在本稿中忽略此处` writes for `finding`: its text
/// (the beginning, when long) and the context on each side within its line.
pub fn entry_for(text: &str, finding: &Finding, file: &str) -> IgnoreEntry {
    let Range { start, end } = finding.range.clone();
    let flagged = &text[start..end];
    let text_end = flagged
        .char_indices()
        .nth(TEXT_CHARS)
        .map_or(end, |(at, _)| start + at);
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let before_start = text[line_start..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(line_start, |(at, _)| line_start + at);
    let rest = &text[text_end..];
    let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let after_end = rest[..line_end]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(line_end, |(at, _)| at);
    IgnoreEntry {
        number: 0,
        file: file.to_owned(),
        rule: finding.rule.to_owned(),
        text: text[start..text_end].to_owned(),
        before: text[before_start..start].to_owned(),
        after: rest[..after_end].to_owned(),
    }
}

/// The comment that disables `finding` where it starts, if any.
fn disabling_comment(text: &str, comments: &[Directive], finding: &Finding) -> Option<Reason> {
    let at = finding.range.start;
    let names = |d: &Directive| d.rules.is_empty() || d.rules.iter().any(|r| r == finding.rule);
    let mut disabled: Option<&Directive> = None;
    for comment in comments.iter().take_while(|c| c.range.end <= at) {
        match comment.action {
            DirectiveAction::DisableNextLine
                if names(comment) && next_line(text, comment.range.end).contains(&at) =>
            {
                return Some(reason_of(text, comment));
            }
            DirectiveAction::Disable if names(comment) => disabled = Some(comment),
            DirectiveAction::Enable if disabled.is_some() && names(comment) => disabled = None,
            _ => {}
        }
    }
    disabled.map(|comment| reason_of(text, comment))
}

fn reason_of(text: &str, comment: &Directive) -> Reason {
    Reason::Comment {
        line: text[..comment.range.start].matches('\n').count() + 1,
        text: text[comment.range.clone()].to_owned(),
    }
}

/// The first non-blank line after the line holding `offset`.
fn next_line(text: &str, offset: usize) -> Range<usize> {
    let mut start = text[offset..]
        .find('\n')
        .map_or(text.len(), |at| offset + at + 1);
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
        if !text[start..end].trim().is_empty() {
            return start..end;
        }
        start = end + 1;
    }
    text.len()..text.len()
}

/// The `[[ignore]]` entries for this draft that silenced nothing in `silenced` although
/// their rule is on: the text they named is gone (fixed or rewritten).
pub fn stale_entries<'c>(config: &'c Config, silenced: &[Silenced]) -> Vec<&'c IgnoreEntry> {
    let Some(file) = &config.draft_file else {
        return Vec::new();
    };
    config
        .ignore
        .iter()
        .filter(|entry| &entry.file == file)
        .filter(|entry| {
            crate::checks::rule(&entry.rule).is_some_and(|rule| config.severity(rule).is_some())
        })
        .filter(|entry| {
            !silenced
                .iter()
                .any(|s| s.reason == Reason::Entry(entry.number))
        })
        .collect()
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze_with, Analysis};
    use std::path::Path;

    const FILE: &str = "秋粮/讲话.txt";

    fn config(toml: &str) -> Config {
        let (mut config, problems) = Config::from_toml(toml);
        assert!(problems.is_empty(), "{problems:?}");
        config.root = Some("/项目".into());
        config.for_draft(Some(Path::new("/项目/秋粮/讲话.txt")))
    }

    fn flagged(text: &str, analysis: &Analysis, rule: &str) -> Vec<String> {
        analysis
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| text[f.range.clone()].to_owned())
            .collect()
    }

    fn silenced(text: &str, analysis: &Analysis) -> Vec<(String, String, Reason)> {
        analysis
            .silenced
            .iter()
            .map(|s| {
                let flagged = text[s.finding.range.clone()].to_owned();
                (s.finding.rule.to_owned(), flagged, s.reason.clone())
            })
            .collect()
    }

    /// The toml the quick fix `在本稿中忽略此处` writes for the first finding of `rule`.
    fn ignore_first(text: &str, rule: &str) -> String {
        let analysis = analyze_with(text, DocKind::Plain, &Config::default());
        let finding = analysis.findings.iter().find(|f| f.rule == rule).unwrap();
        let entry = entry_for(text, finding, FILE);
        crate::config_edit::apply("", &crate::config_edit::ConfigEdit::Ignore(entry)).unwrap()
    }

    const DRAFT: &str = "同志们：\n今天召开全县秋粮收购工作会议。一是稳住收购价格，三是做好仓储调度，确保颗粒归仓。\n";

    #[test]
    fn an_ignore_entry_is_its_text_and_context() {
        let toml = ignore_first(DRAFT, "numbering-gap");
        assert_eq!(
            toml,
            "[[ignore]]\nfile = \"秋粮/讲话.txt\"\nrule = \"numbering-gap\"\ntext = \"三是\"\ncontext = \"购价格，三是做好仓储\"\n"
        );
        let analysis = analyze_with(DRAFT, DocKind::Plain, &config(&toml));
        assert_eq!(
            flagged(DRAFT, &analysis, "numbering-gap"),
            Vec::<String>::new()
        );
        assert_eq!(
            silenced(DRAFT, &analysis),
            [("numbering-gap".into(), "三是".into(), Reason::Entry(1))]
        );
        assert!(stale_entries(&config(&toml), &analysis.silenced).is_empty());
        // Another draft is not silenced by it.
        let (mut other, _) = Config::from_toml(&toml);
        other.root = Some("/项目".into());
        let other = other.for_draft(Some(Path::new("/项目/别的.txt")));
        let analysis = analyze_with(DRAFT, DocKind::Plain, &other);
        assert_eq!(flagged(DRAFT, &analysis, "numbering-gap"), ["三是"]);
    }

    #[test]
    fn an_ignore_entry_survives_edits_above_and_elsewhere_in_the_paragraph() {
        let config = config(&ignore_first(DRAFT, "numbering-gap"));
        // A line added above, and the paragraph's opening rewritten.
        let edited = DRAFT
            .replace("同志们：\n", "（根据录音整理）\n同志们：\n\n")
            .replace("今天召开全县", "上午召开全县")
            .replace("确保颗粒归仓", "确保应收尽收");
        let analysis = analyze_with(&edited, DocKind::Plain, &config);
        assert_eq!(
            flagged(&edited, &analysis, "numbering-gap"),
            Vec::<String>::new()
        );
        assert_eq!(silenced(&edited, &analysis).len(), 1);
        // Rewritten right next to it, the place is no longer the one the writer judged: the
        // finding is back and the entry is stale.
        let near = DRAFT.replace("三是做好仓储", "三是抓好仓储");
        let analysis = analyze_with(&near, DocKind::Plain, &config);
        assert_eq!(flagged(&near, &analysis, "numbering-gap"), ["三是"]);
        let stale: Vec<usize> = stale_entries(&config, &analysis.silenced)
            .iter()
            .map(|e| e.number)
            .collect();
        assert_eq!(stale, [1]);
    }

    #[test]
    fn a_long_finding_is_remembered_by_its_beginning() {
        let text = "今天XX到会。";
        let finding = Finding::new("missing-closing", 0..text.len(), "缺少结尾");
        let entry = entry_for(text, &finding, FILE);
        assert_eq!(
            (entry.text.as_str(), entry.before.as_str()),
            ("今天XX到会。", "")
        );
        let long = "各乡镇要在月底前完成秋粮收购的全部入库工作并上报进度。";
        let finding = Finding::new("missing-closing", 0..long.len(), "缺少结尾");
        let entry = entry_for(long, &finding, FILE);
        assert_eq!(entry.text, "各乡镇要在月底前完成秋粮收购的全");
        assert_eq!(entry.after, "部入库工");
        // Changed after its beginning, the finding still matches.
        let edited = long.replace("并上报进度", "并及时上报");
        let moved = Finding::new("missing-closing", 0..edited.len(), "缺少结尾");
        assert!(matches(&edited, &entry, &moved));
    }

    #[test]
    fn allowed_words_silence_every_word_based_rule_and_only_those() {
        let text = "同志们：\n下面请某某公司介绍经验，再请XX同志讲话。一是抓统筹，三是抓落实。\n";
        let analysis = analyze_with(text, DocKind::Plain, &Config::default());
        let before = flagged(text, &analysis, "placeholder");
        assert_eq!(before.len(), 2, "{before:?}");
        // `三是` is not a word finding: allowing it changes nothing.
        let config = config("[words]\nallow = [\"某某公司\", \"三是\"]\n");
        let analysis = analyze_with(text, DocKind::Plain, &config);
        assert_eq!(flagged(text, &analysis, "placeholder"), [before[1].clone()]);
        assert_eq!(flagged(text, &analysis, "numbering-gap"), ["三是"]);
        assert_eq!(
            silenced(text, &analysis),
            [(
                "placeholder".into(),
                before[0].clone(),
                Reason::Word("某某公司".into())
            )]
        );
    }

    #[test]
    fn an_allowed_stock_phrase_is_not_counted_against_the_paragraph() {
        let text = "我们要进一步提高认识，进一步压实责任，进一步强化措施，进一步加强督查，进一步严肃问责。\n";
        let analysis = analyze_with(text, DocKind::Plain, &Config::default());
        assert!(!flagged(text, &analysis, "stock-phrase-repeat").is_empty());
        let analysis = analyze_with(
            text,
            DocKind::Plain,
            &config("[words]\nallow = [\"进一步\"]\n"),
        );
        assert_eq!(
            flagged(text, &analysis, "stock-phrase-repeat"),
            Vec::<String>::new()
        );
        assert!(analysis
            .silenced
            .iter()
            .all(|s| s.reason == Reason::Word("进一步".into())));
    }

    #[test]
    fn markdown_comments_disable_the_next_line_or_a_region() {
        let text = "<!-- jianggao-disable-next-line placeholder -->\n\n今天XX同志到会。\n\n明天XX局长到会。\n\n<!-- jianggao-disable numbering-gap, placeholder -->\n\n后天XX处长到会。\n\n<!-- jianggao-enable -->\n\n周五XX科长到会。\n\n```\n<!-- jianggao-disable -->\n```\n\n周六XX主任到会。\n";
        let analysis = analyze_with(text, DocKind::Markdown, &Config::default());
        assert_eq!(
            flagged(text, &analysis, "placeholder"),
            ["XX局长", "XX科长", "XX主任"]
        );
        assert_eq!(
            silenced(text, &analysis),
            [
                (
                    "placeholder".into(),
                    "XX同志".into(),
                    Reason::Comment {
                        line: 1,
                        text: "<!-- jianggao-disable-next-line placeholder -->".into()
                    }
                ),
                (
                    "placeholder".into(),
                    "XX处长".into(),
                    Reason::Comment {
                        line: 7,
                        text: "<!-- jianggao-disable numbering-gap, placeholder -->".into()
                    }
                ),
            ]
        );
        // A comment naming another rule silences nothing here; plain text has no comments.
        let other = "<!-- jianggao-disable-next-line typo -->\n今天XX同志到会。\n";
        let analysis = analyze_with(other, DocKind::Markdown, &Config::default());
        assert_eq!(flagged(other, &analysis, "placeholder"), ["XX同志"]);
        let plain = text.replace("```", "");
        let analysis = analyze_with(&plain, DocKind::Plain, &Config::default());
        assert!(analysis.silenced.is_empty());
    }

    #[test]
    fn bad_ignore_entries_are_reported_and_skipped() {
        let (config, problems) = Config::from_toml(
            "[[ignore]]\nfile = \"a.txt\"\nrule = \"placeholder\"\ntext = \"XX\"\ncontext = \"今天YY到会\"\n\n[[ignore]]\nfile = \"a.txt\"\nrule = \"no-such\"\ntext = \"XX\"\n\n[[ignore]]\nfile = \"a.txt\"\nrule = \"placeholder\"\ntext = \"XX\"\n",
        );
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "第 1 条 [[ignore]] 的 context 应包含 text，已忽略",
                "第 2 条 [[ignore]] 的规则 “no-such” 不存在，已忽略"
            ]
        );
        assert_eq!(config.ignore.len(), 1);
        assert_eq!(config.ignore[0].number, 3);
        let (config, problems) =
            Config::from_toml("docs-url = \"rules.md\"\n[words]\nallow = [1]\n");
        assert_eq!(config.docs_url, None);
        assert_eq!(problems.len(), 2);
    }
}
