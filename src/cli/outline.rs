//! `jianggao outline FILE [--format json]`: the speech's skeleton with line numbers (paragraph
//! numbers in a Word document) and estimated speaking times. Only converts the core's
//! [`Outline`](crate::draft::Outline) to text or JSON.

use std::process::ExitCode;

use serde_json::{json, Value};

use super::read::Loaded;
use crate::analysis::{analyze_with, Analysis};
use crate::config::Config;
use crate::docx::{self, Document};
use crate::draft::{DocKind, NodeKind, OutlineNode};

/// Arguments of `jianggao outline`.
#[derive(clap::Args)]
pub struct Args {
    /// 讲稿文件：.txt、.md 或 Word 文档（“-” 表示标准输入）
    pub file: String,
    /// 输出格式
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs the subcommand: prints the outline to stdout.
pub fn run(args: &Args) -> ExitCode {
    let loaded = match super::read::read_input(&args.file) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(super::EXIT_TROUBLE);
        }
    };
    let config = match super::read::config_near(&super::read::draft_dir(&args.file)) {
        Ok((_, config)) => config,
        Err(message) => {
            eprintln!("错误：{message}，已使用默认设置");
            Config::default()
        }
    };
    let (analysis, places) = match &loaded {
        Loaded::Text(decoded) => (
            analyze_with(&decoded.text, DocKind::from_path(&args.file), &config),
            Places::lines(&decoded.text),
        ),
        Loaded::Word(document) => (docx::analyze(document, &config), Places::word(document)),
    };
    let out = match args.format {
        Format::Text => render_text(&analysis, &places),
        Format::Json => {
            let value = render_json(&analysis, &places);
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// How places are named: lines of the text, and paragraphs when it came from a Word document.
pub struct Places<'d> {
    lines: LineIndex,
    document: Option<&'d Document>,
}

impl<'d> Places<'d> {
    pub fn lines(text: &str) -> Places<'d> {
        Places {
            lines: LineIndex::new(text),
            document: None,
        }
    }

    pub fn word(document: &'d Document) -> Places<'d> {
        Places {
            lines: LineIndex::new(&document.text),
            document: Some(document),
        }
    }

    /// First and last 1-based paragraph numbers of a byte range, in a Word document.
    fn paragraphs(&self, range: &std::ops::Range<usize>) -> Option<(usize, usize)> {
        let document = self.document?;
        let first = document.paragraph_at(range.start)?.number;
        let last = document
            .paragraph_at(range.end.saturating_sub(1).max(range.start))?
            .number;
        Some((first, last.max(first)))
    }

    /// `第 4–5 行`, or `第 4–5 段` in a Word document.
    fn describe(&self, range: &std::ops::Range<usize>) -> String {
        let ((first, last), unit) = match self.paragraphs(range) {
            Some(span) => (span, "段"),
            None => (self.lines.lines(range), "行"),
        };
        if first == last {
            format!("第 {first} {unit}")
        } else {
            format!("第 {first}–{last} {unit}")
        }
    }
}

/// 1-based line numbers of byte offsets.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// First and last 1-based lines of a byte range.
    pub fn lines(&self, range: &std::ops::Range<usize>) -> (usize, usize) {
        let first = self.line(range.start);
        let last = self.line(range.end.saturating_sub(1).max(range.start));
        (first, last)
    }
}

fn kind_label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Speech => "讲稿",
        NodeKind::Title => "标题",
        NodeKind::Salutation => "称呼",
        NodeKind::Opening => "开头",
        NodeKind::Section => "部分",
        NodeKind::Item => "要点",
        NodeKind::Closing => "结尾",
    }
}

fn kind_code(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Speech => "speech",
        NodeKind::Title => "title",
        NodeKind::Salutation => "salutation",
        NodeKind::Opening => "opening",
        NodeKind::Section => "section",
        NodeKind::Item => "item",
        NodeKind::Closing => "closing",
    }
}

/// The indented tree, one node a line: label, line numbers, estimated time; then the total.
pub fn render_text(analysis: &Analysis, places: &Places<'_>) -> String {
    let outline = &analysis.outline;
    let mut out = String::new();
    for node in &outline.nodes {
        text_node(analysis, node, places, 0, &mut out);
    }
    out.push_str(&format!(
        "共 {} 字，{}（按每分钟 {} 字计）",
        outline.spoken_chars,
        outline.speaking_time(outline.spoken_chars),
        outline.chars_per_minute
    ));
    let tallies = analysis.tallies_in(0..usize::MAX);
    if !tallies.is_empty() {
        out.push_str(&format!("；共 {}", tallies.join("，")));
    }
    out.push('\n');
    out
}

fn text_node(
    analysis: &Analysis,
    node: &OutlineNode,
    places: &Places<'_>,
    depth: usize,
    out: &mut String,
) {
    let outline = &analysis.outline;
    let label = match node.kind {
        NodeKind::Section | NodeKind::Item => {
            format!("{}{}", node.ordinal.as_deref().unwrap_or(""), node.name)
        }
        NodeKind::Speech => match &node.ordinal {
            Some(o) => format!("【{o}】{}", node.name),
            None => node.name.clone(),
        },
        NodeKind::Opening | NodeKind::Closing => kind_label(node.kind).to_owned(),
        _ => format!("{}：{}", kind_label(node.kind), node.name),
    };
    let place = places.describe(&node.range);
    out.push_str(&format!(
        "{}{label}  {place}  {}",
        "  ".repeat(depth),
        outline.speaking_time(node.spoken_chars)
    ));
    // Each speech says its kind and what is left to fill in (`共 3 处占位符未填写`).
    if let Some(kind) = &node.speech_kind {
        out.push_str(&format!("  类型：{}", kind.describe()));
    }
    if node.kind == NodeKind::Speech {
        let tallies = analysis.tallies_in(node.range.clone());
        if !tallies.is_empty() {
            out.push_str(&format!("  共 {}", tallies.join("，")));
        }
    }
    out.push('\n');
    for child in &node.children {
        text_node(analysis, child, places, depth + 1, out);
    }
}

/// The same tree as JSON; nodes of a Word document also give their `paragraphs`.
pub fn render_json(analysis: &Analysis, places: &Places<'_>) -> Value {
    let outline = &analysis.outline;
    json!({
        "spoken_chars": outline.spoken_chars,
        "minutes": outline.minutes(outline.spoken_chars),
        "chars_per_minute": outline.chars_per_minute,
        "tallies": analysis.tallies_in(0..usize::MAX),
        "nodes": outline.nodes.iter().map(|n| json_node(analysis, n, places)).collect::<Vec<_>>(),
    })
}

fn json_node(analysis: &Analysis, node: &OutlineNode, places: &Places<'_>) -> Value {
    let outline = &analysis.outline;
    let (first, last) = places.lines.lines(&node.range);
    let (sel_first, sel_last) = places.lines.lines(&node.selection_range);
    let mut value = json!({
        "kind": kind_code(node.kind),
        "name": node.name,
        "ordinal": node.ordinal,
        "lines": { "start": first, "end": last },
        "selection_lines": { "start": sel_first, "end": sel_last },
        "range": { "start": node.range.start, "end": node.range.end },
        "selection_range": { "start": node.selection_range.start, "end": node.selection_range.end },
        "spoken_chars": node.spoken_chars,
        "minutes": outline.minutes(node.spoken_chars),
        "speech_kind": node.speech_kind.as_ref().map(|k| json!({ "name": k.name, "source": k.source_code() })),
        "tallies": if node.kind == NodeKind::Speech { analysis.tallies_in(node.range.clone()) } else { Vec::new() },
        "children": node.children.iter().map(|c| json_node(analysis, c, places)).collect::<Vec<_>>(),
    });
    if let Some((first, last)) = places.paragraphs(&node.range) {
        value["paragraphs"] = json!({ "start": first, "end": last });
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Default settings but `missing-section`, which short samples always trigger.
    fn config() -> Config {
        let (config, problems) = Config::from_toml("[rules.missing-section]\nseverity = \"off\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        config
    }

    #[test]
    fn speeches_and_the_total_say_how_many_placeholders_are_left() {
        let text = "年度工作会议讲话\n同志们：\n请XX同志介绍情况。\n一、统一思想\n一是抓学习，二是抓作风。\n同志们，让我们共同努力！\n";
        let analysis = analyze_with(text, DocKind::Plain, &config());
        let out = render_text(&analysis, &Places::lines(text));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "年度工作会议讲话  第 1–6 行  不足 1 分钟  类型：工作会议（据标题推断）  共 1 处占位符未填写"
        );
        assert!(
            lines[lines.len() - 1].ends_with("；共 1 处占位符未填写"),
            "{out}"
        );
        let json = render_json(&analysis, &Places::lines(text));
        assert_eq!(json["nodes"][0]["tallies"], json!(["1 处占位符未填写"]));
    }

    #[test]
    fn text_and_json_trees() {
        let text = "年度工作会议讲话\n同志们：\n今天开会。\n一、统一思想\n一是抓学习，二是抓作风。\n同志们，让我们共同努力！\n";
        let analysis = analyze_with(text, DocKind::Plain, &config());
        let lines = Places::lines(text);
        assert_eq!(
            render_text(&analysis, &lines),
            "年度工作会议讲话  第 1–6 行  不足 1 分钟  类型：工作会议（据标题推断）\n\
             \x20 标题：年度工作会议讲话  第 1 行  不足 1 分钟\n\
             \x20 称呼：同志们：  第 2 行  不足 1 分钟\n\
             \x20 开头  第 3 行  不足 1 分钟\n\
             \x20 一、统一思想  第 4–5 行  不足 1 分钟\n\
             \x20   一是抓学习  第 5 行  不足 1 分钟\n\
             \x20   二是抓作风  第 5 行  不足 1 分钟\n\
             \x20 结尾  第 6 行  不足 1 分钟\n\
             共 40 字，不足 1 分钟（按每分钟 220 字计）\n"
        );
        let json = render_json(&analysis, &lines);
        let section = &json["nodes"][0]["children"][3];
        assert_eq!(section["kind"], "section");
        assert_eq!(section["name"], "统一思想");
        assert_eq!(section["ordinal"], "一、");
        assert_eq!(section["lines"], json!({"start": 4, "end": 5}));
        assert_eq!(section["children"][1]["name"], "抓作风");
        assert_eq!(section["children"][1]["ordinal"], "二是");
    }
}
