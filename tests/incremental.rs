//! The memo tables change how long an analysis takes, never what it finds: a warm analysis,
//! an analysis after an edit and an analysis from cold (every table emptied) agree exactly,
//! outline included.

#[path = "common/corpus.rs"]
mod corpus;

use jianggao::{analyze_with, Analysis, Config, DocKind};

const SAMPLE: &str = include_str!("../examples/anquan-shengchan.txt");

/// What an analysis says, as comparable data.
fn summary(analysis: &Analysis) -> (Vec<String>, String) {
    let findings = analysis
        .findings
        .iter()
        .map(|f| format!("{} {:?} {:?} {}", f.rule, f.range, f.severity, f.message))
        .collect();
    (findings, format!("{:?}", analysis.outline))
}

fn cold(text: &str) -> (Vec<String>, String) {
    jianggao::memo::clear_all();
    summary(&analyze_with(text, DocKind::Plain, &Config::default()))
}

fn warm(text: &str) -> (Vec<String>, String) {
    summary(&analyze_with(text, DocKind::Plain, &Config::default()))
}

/// `text` with `insert` typed before the first occurrence of `before`.
fn typed(text: &str, before: &str, insert: &str) -> String {
    let at = text.find(before).expect("the anchor is in the text");
    format!("{}{insert}{}", &text[..at], &text[at..])
}

#[test]
fn warm_and_cold_analyses_agree_and_an_edit_is_seen() {
    let first = cold(SAMPLE);
    assert!(!first.0.is_empty());
    assert_eq!(warm(SAMPLE), first);
    assert_eq!(warm(SAMPLE), first);

    // Typing `进一步` into the opening: a new text for that paragraph (its length and stock
    // phrases change), seen by the warm analysis exactly as by a cold one.
    let edited = typed(SAMPLE, "下面，我讲三点意见。", "进一步");
    let after_edit = warm(&edited);
    assert_ne!(after_edit, first);
    assert_eq!(cold(&edited), after_edit);
    // And typing it away again gives back the first answer, from the warm tables.
    assert_eq!(warm(SAMPLE), first);
}

#[test]
fn a_heading_typed_into_a_line_changes_its_logical_lines() {
    // The memoised plan of a line is keyed by its text: a new text is planned afresh.
    let text = "同志们：\n今天开会。\n一、认清形势 形势很好。\n";
    let before = warm(text);
    let edited = text.replace("认清形势 形势很好", "认清形势。二、明确任务 任务很重");
    let after = warm(&edited);
    assert_eq!(cold(&edited), after);
    assert_ne!(before.1, after.1);
    assert!(after.1.contains("明确任务"), "{}", after.1);
}

#[test]
fn the_largest_corpus_draft_reads_the_same_warm_and_cold() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let first = cold(&text);
    assert_eq!(warm(&text), first);
    let middle = text.len() / 2;
    let middle = (middle..text.len())
        .find(|&i| text.is_char_boundary(i) && !text[i..].starts_with(['\n', '\r']))
        .expect("a character boundary");
    let edited = format!("{}各位{}", &text[..middle], &text[middle..]);
    let after = warm(&edited);
    assert_eq!(cold(&edited), after);
}
