//! `jianggao outline FILE [--format json]`: the speech's skeleton with line numbers and
//! estimated speaking times. Only converts the core's [`Outline`] to text or JSON.

use std::process::ExitCode;

use serde_json::{json, Value};

use crate::analysis::{analyze_with, Analysis};
use crate::config::Config;
use crate::draft::{DocKind, NodeKind, OutlineNode};

/// Arguments of `jianggao outline`.
#[derive(clap::Args)]
pub struct Args {
    /// 讲稿文件（“-” 表示标准输入）
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
    let text = match super::read::read_draft(&args.file) {
        Ok(decoded) => decoded.text,
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
    let analysis = analyze_with(&text, DocKind::from_path(&args.file), &config);
    let lines = LineIndex::new(&text);
    let out = match args.format {
        Format::Text => render_text(&analysis, &lines),
        Format::Json => {
            let value = render_json(&analysis, &lines);
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
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
pub fn render_text(analysis: &Analysis, lines: &LineIndex) -> String {
    let outline = &analysis.outline;
    let mut out = String::new();
    for node in &outline.nodes {
        text_node(analysis, node, lines, 0, &mut out);
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
    lines: &LineIndex,
    depth: usize,
    out: &mut String,
) {
    let outline = &analysis.outline;
    let (first, last) = lines.lines(&node.range);
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
    let place = if first == last {
        format!("第 {first} 行")
    } else {
        format!("第 {first}–{last} 行")
    };
    out.push_str(&format!(
        "{}{label}  {place}  {}",
        "  ".repeat(depth),
        outline.speaking_time(node.spoken_chars)
    ));
    // Each speech says what is left to fill in (`共 3 处占位符未填写`).
    if node.kind == NodeKind::Speech {
        let tallies = analysis.tallies_in(node.range.clone());
        if !tallies.is_empty() {
            out.push_str(&format!("  共 {}", tallies.join("，")));
        }
    }
    out.push('\n');
    for child in &node.children {
        text_node(analysis, child, lines, depth + 1, out);
    }
}

/// The same tree as JSON.
pub fn render_json(analysis: &Analysis, lines: &LineIndex) -> Value {
    let outline = &analysis.outline;
    json!({
        "spoken_chars": outline.spoken_chars,
        "minutes": outline.minutes(outline.spoken_chars),
        "chars_per_minute": outline.chars_per_minute,
        "tallies": analysis.tallies_in(0..usize::MAX),
        "nodes": outline.nodes.iter().map(|n| json_node(analysis, n, lines)).collect::<Vec<_>>(),
    })
}

fn json_node(analysis: &Analysis, node: &OutlineNode, lines: &LineIndex) -> Value {
    let outline = &analysis.outline;
    let (first, last) = lines.lines(&node.range);
    let (sel_first, sel_last) = lines.lines(&node.selection_range);
    json!({
        "kind": kind_code(node.kind),
        "name": node.name,
        "ordinal": node.ordinal,
        "lines": { "start": first, "end": last },
        "selection_lines": { "start": sel_first, "end": sel_last },
        "range": { "start": node.range.start, "end": node.range.end },
        "selection_range": { "start": node.selection_range.start, "end": node.selection_range.end },
        "spoken_chars": node.spoken_chars,
        "minutes": outline.minutes(node.spoken_chars),
        "tallies": if node.kind == NodeKind::Speech { analysis.tallies_in(node.range.clone()) } else { Vec::new() },
        "children": node.children.iter().map(|c| json_node(analysis, c, lines)).collect::<Vec<_>>(),
    })
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
        let out = render_text(&analysis, &LineIndex::new(text));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "年度工作会议讲话  第 1–6 行  不足 1 分钟  共 1 处占位符未填写"
        );
        assert!(
            lines[lines.len() - 1].ends_with("；共 1 处占位符未填写"),
            "{out}"
        );
        let json = render_json(&analysis, &LineIndex::new(text));
        assert_eq!(json["nodes"][0]["tallies"], json!(["1 处占位符未填写"]));
    }

    #[test]
    fn text_and_json_trees() {
        let text = "年度工作会议讲话\n同志们：\n今天开会。\n一、统一思想\n一是抓学习，二是抓作风。\n同志们，让我们共同努力！\n";
        let analysis = analyze_with(text, DocKind::Plain, &config());
        let lines = LineIndex::new(text);
        assert_eq!(
            render_text(&analysis, &lines),
            "年度工作会议讲话  第 1–6 行  不足 1 分钟\n\
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
