//! Markdown drafts: pulldown-cmark decides what is text. Headings are structure; code, HTML,
//! link targets and emphasis markers are not read aloud.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{line_ranges, trimmed, Line};

/// The lines of a Markdown text with their readable pieces.
pub fn lines(text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = line_ranges(text)
        .map(|range| Line {
            range,
            pieces: Vec::new(),
            heading_level: None,
            table_row: false,
        })
        .collect();
    let starts: Vec<usize> = lines.iter().map(|l| l.range.start).collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);

    let mut skip_depth = 0usize; // inside code blocks, images, metadata
    let mut heading: Option<(u8, usize)> = None;
    let mut in_table = false;
    // For each open list: whether it is ordered (`1.`), whose numbers are the draft's ordinals.
    let mut lists: Vec<bool> = Vec::new();
    for (event, range) in parser(text).into_offset_iter() {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock,
            ) => skip_depth += 1,
            Event::End(
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock,
            ) => skip_depth = skip_depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, range.start)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = heading.take() {
                    // A setext heading spans two lines; the text line carries the level.
                    let line = line_of(start);
                    lines[line].heading_level = Some(level);
                }
            }
            Event::Start(Tag::List(first)) => lists.push(first.is_some()),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            // `1. 提高认识` is numbered text: keep its number, which the parser takes as markup,
            // so the numbering rules and the outline see `1.提高认识` as in a plain draft.
            Event::Start(Tag::Item) if skip_depth == 0 && lists.last() == Some(&true) => {
                let line = &mut lines[line_of(range.start)];
                let marker = trimmed(text, range.start..line.range.end);
                let digits = text[marker.clone()]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(0);
                let marker = marker.start..marker.start + digits;
                if !marker.is_empty() && text[marker.end..].starts_with(['.', ')']) {
                    line.pieces.push(marker.start..marker.end + 1);
                }
            }
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::End(TagEnd::Table) => in_table = false,
            Event::Text(t) if skip_depth == 0 => {
                if in_table {
                    lines[line_of(range.start)].table_row = true;
                }
                add_text(text, &mut lines, &line_of, &t, range)
            }
            _ => {}
        }
    }
    lines
}

/// A `<!-- jianggao-… -->` comment that silences findings (see [`crate::silence`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The comment's byte range.
    pub range: Range<usize>,
    pub action: DirectiveAction,
    /// Rule codes named after the keyword; empty means every rule.
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveAction {
    /// `jianggao-disable-next-line`: the next non-blank line.
    DisableNextLine,
    /// `jianggao-disable`: from here to the matching `jianggao-enable` (or the end).
    Disable,
    Enable,
}

/// The `<!-- jianggao-disable… -->` and `<!-- jianggao-enable… -->` comments of a Markdown
/// text, in order. Only real HTML comments count (one in a code block is text of the code).
pub fn directives(text: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    for (event, range) in parser(text).into_offset_iter() {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        // The event's text is the source slice at `range` (an HTML block comes line by line).
        let Some(base) = text[range.clone()].find(&*html).map(|at| range.start + at) else {
            continue;
        };
        let mut from = 0;
        while let Some(open) = html[from..].find("<!--").map(|at| from + at) {
            let Some(close) = html[open..].find("-->").map(|at| open + at) else {
                break;
            };
            from = close + 3;
            if let Some((action, rules)) = parse_directive(&html[open + 4..close]) {
                found.push(Directive {
                    range: base + open..base + from,
                    action,
                    rules,
                });
            }
        }
    }
    found
}

fn parse_directive(body: &str) -> Option<(DirectiveAction, Vec<String>)> {
    let body = body.trim();
    let (action, rest) = [
        (
            "jianggao-disable-next-line",
            DirectiveAction::DisableNextLine,
        ),
        ("jianggao-disable", DirectiveAction::Disable),
        ("jianggao-enable", DirectiveAction::Enable),
    ]
    .into_iter()
    .find_map(|(keyword, action)| {
        let rest = body.strip_prefix(keyword)?;
        (rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == ','))
            .then_some((action, rest))
    })?;
    let rules = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '、')
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    Some((action, rules))
}

fn parser(text: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    Parser::new_ext(text, options)
}

/// Emphasis written with `*` that the parser reads in a Markdown text: the runs of stars that
/// open and close it, in document order (`***` … `***`, bold inside italic, is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarEmphasis {
    pub open: Range<usize>,
    pub close: Range<usize>,
}

/// Every `*` emphasis (italic or bold) of a Markdown text. The placeholder rule reads these:
/// `**市长讲话，**书记` is a pair the parser takes as bold.
pub fn star_emphasis(text: &str) -> Vec<StarEmphasis> {
    let run_around = |at: usize| {
        let start = text[..at].trim_end_matches('*').len();
        let end = at + (text[at..].len() - text[at..].trim_start_matches('*').len());
        start..end
    };
    let mut found: Vec<StarEmphasis> = Vec::new();
    for (event, range) in parser(text).into_offset_iter() {
        if !matches!(event, Event::Start(Tag::Emphasis | Tag::Strong))
            || !text[range.clone()].starts_with('*')
            || !text[range.clone()].ends_with('*')
        {
            continue;
        }
        let emphasis = StarEmphasis {
            open: run_around(range.start),
            close: run_around(range.end - 1),
        };
        if !found.contains(&emphasis) {
            found.push(emphasis);
        }
    }
    found
}

fn add_text(
    text: &str,
    lines: &mut [Line],
    line_of: &impl Fn(usize) -> usize,
    event_text: &str,
    range: Range<usize>,
) {
    let line = &mut lines[line_of(range.start)];
    let range = range.start..range.end.min(line.range.end);
    if &text[range.clone()] == event_text {
        let piece = if line.pieces.is_empty() {
            trimmed(text, range)
        } else {
            range
        };
        if !piece.is_empty() {
            line.pieces.push(piece);
        }
    } else if !event_text.trim().is_empty() {
        // An escape or entity: keep the source span (the readable form differs only slightly).
        line.pieces.push(range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readable(text: &str) -> Vec<String> {
        lines(text)
            .iter()
            .map(|l| {
                l.pieces
                    .iter()
                    .map(|p| &text[p.clone()])
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn markup_code_and_html_are_not_text() {
        let text = "## 一、总体要求\n\n要**高度重视**，见[通知](http://x.cn/a)。`code`\n\n```\nXX\n```\n<!-- 注释 -->\n";
        assert_eq!(
            readable(text),
            [
                "一、总体要求",
                "",
                "要高度重视，见通知。",
                "",
                "",
                "",
                "",
                ""
            ]
        );
        assert_eq!(lines(text)[0].heading_level, Some(2));
    }

    #[test]
    fn star_emphasis_is_found_with_its_runs() {
        let text = "要**高度重视**，向***区领导***书记汇报，*斜体*与`**代码**`。\n";
        let quoted: Vec<(&str, &str, &str)> = star_emphasis(text)
            .iter()
            .map(|e| {
                (
                    &text[e.open.clone()],
                    &text[e.open.end..e.close.start],
                    &text[e.close.clone()],
                )
            })
            .collect();
        assert_eq!(
            quoted,
            [
                ("**", "高度重视", "**"),
                ("***", "区领导", "***"),
                ("*", "斜体", "*")
            ]
        );
    }

    #[test]
    fn ordered_list_numbers_are_kept_as_text() {
        let text = "## 一、总体要求\n\n1. 提高认识。\n2. 落实责任。\n\n- 无序的一项\n";
        assert_eq!(
            readable(text),
            [
                "一、总体要求",
                "",
                "1.提高认识。",
                "2.落实责任。",
                "",
                "无序的一项"
            ]
        );
    }

    #[test]
    fn a_table_row_is_neither_a_heading_nor_a_broken_sentence() {
        let text = "同志们：\n\n今天部署工作。\n\n## 一、任务\n\n| 项目 | 目标 |\n| --- | --- |\n| 清淤，疏浚 | 一百公里 |\n| 护岸 | 十公里 |\n\n## 二、保障\n\n要落实责任。\n";
        let draft = crate::Draft::parse(text, crate::DocKind::Markdown, &crate::Config::default());
        let names: Vec<&str> = draft
            .sections
            .iter()
            .map(|s| draft.section_name(s))
            .collect();
        assert_eq!(names, ["任务", "保障"]);
        let rows: Vec<&str> = draft
            .paragraphs
            .iter()
            .filter(|p| p.table_row)
            .map(|p| p.prose.text.as_str())
            .collect();
        assert_eq!(rows, ["项目目标", "清淤，疏浚一百公里", "护岸十公里"]);
    }
}
