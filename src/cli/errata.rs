//! The 勘误表 of `jianggao check --format csv|markdown`: one row per finding — file, place,
//! rule, level, the flagged text in a little context, the message and the suggested fix —
//! for people who do not use an editor. The same findings as the JSON output, in the same
//! order.

use crate::finding::{Edit, Finding, Fix};

/// Characters of context shown on each side of the flagged text.
const CONTEXT_CHARS: usize = 10;

/// Characters of flagged text shown before it is cut.
const MAX_FLAGGED_CHARS: usize = 30;

/// Characters of an edit's old or new text shown in the suggested fix.
const MAX_EDIT_CHARS: usize = 20;

/// Edits described in the suggested fix before "等 N 处".
const MAX_EDITS_SHOWN: usize = 3;

const HEADER: [&str; 7] = ["文件", "位置", "规则", "级别", "原文", "说明", "建议修改"];

/// One finding as a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub file: String,
    /// `第 12 段` in a Word document, `第 9 行` in a text file.
    pub place: String,
    pub rule: &'static str,
    pub level: &'static str,
    /// The line with the flagged text in 【】 and a little context around it.
    pub excerpt: String,
    pub message: String,
    /// The preferred fix and its edits; empty when the rule has none.
    pub fix: String,
}

impl Row {
    pub fn new(file: &str, place: String, text: &str, finding: &Finding) -> Row {
        Row {
            file: file.to_owned(),
            place,
            rule: finding.rule,
            level: finding.severity.label_zh(),
            excerpt: excerpt(text, finding.range.clone()),
            message: finding.message.replace('\n', " "),
            fix: finding
                .fixes
                .first()
                .map(|fix| describe_fix(text, fix))
                .unwrap_or_default(),
        }
    }

    fn cells(&self) -> [&str; 7] {
        [
            &self.file,
            &self.place,
            self.rule,
            self.level,
            &self.excerpt,
            &self.message,
            &self.fix,
        ]
    }
}

/// The table as CSV: UTF-8 with a BOM (so Excel and WPS take it for UTF-8), a header row,
/// CRLF line ends.
pub fn csv(rows: &[Row]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(HEADER);
        for row in rows {
            let _ = writer.write_record(row.cells());
        }
        let _ = writer.flush();
    }
    out
}

/// The table in Markdown (a GitHub-style table), text escaped so that `**市` stays text.
pub fn markdown(rows: &[Row]) -> String {
    let mut out = format!("| {} |\n", HEADER.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(HEADER.len())));
    for row in rows {
        let cells: Vec<String> = row.cells().iter().map(|c| escape_markdown(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

fn escape_markdown(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The flagged text of `range` in 【】 with up to ten characters of its line on each side
/// (〖〗 when the flagged text itself has 【】). A long span is cut after thirty characters.
pub fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    let start = floor_char_boundary(text, range.start);
    let end = floor_char_boundary(text, range.end).max(start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let flagged_end = end.min(line_end);

    let before = text[line_start..start].trim_start_matches(is_padding);
    let before_chars = before.chars().count();
    let before: String = before
        .chars()
        .skip(before_chars.saturating_sub(CONTEXT_CHARS))
        .collect();
    let before_cut = before_chars > CONTEXT_CHARS;

    let flagged = &text[start..flagged_end];
    let flagged_chars = flagged.chars().count();
    let mut shown: String = flagged.chars().take(MAX_FLAGGED_CHARS).collect();
    let flagged_cut = flagged_chars > MAX_FLAGGED_CHARS || end > line_end;
    if flagged_cut {
        shown.push('…');
    }

    let after = if flagged_cut {
        ""
    } else {
        text[flagged_end..line_end].trim_end_matches(is_padding)
    };
    let after_cut = after.chars().count() > CONTEXT_CHARS;
    let after: String = after.chars().take(CONTEXT_CHARS).collect();

    let (open, close) = if flagged.contains(['【', '】']) {
        ('〖', '〗')
    } else {
        ('【', '】')
    };
    let mut out = String::new();
    if before_cut {
        out.push('…');
    }
    out.push_str(&before);
    out.push(open);
    out.push_str(&shown);
    out.push(close);
    out.push_str(&after);
    if after_cut {
        out.push('…');
    }
    out.replace('\t', " ")
}

/// A fix as a reader applies it by hand: its title, then what each edit does
/// (`删除“- 2 -”`, `“三是”改为“二是”`, `插入“同志们：”`).
pub fn describe_fix(text: &str, fix: &Fix) -> String {
    let mut out = fix.title.clone();
    // "删除页码" with its one deletion says it all.
    let obvious = fix.edits.len() == 1
        && fix.edits[0].replacement.is_empty()
        && fix.title.starts_with("删除");
    if fix.edits.is_empty() || obvious {
        return out;
    }
    let parts: Vec<String> = fix
        .edits
        .iter()
        .take(MAX_EDITS_SHOWN)
        .map(|edit| describe_edit(text, edit))
        .collect();
    out.push('：');
    out.push_str(&parts.join("；"));
    if fix.edits.len() > MAX_EDITS_SHOWN {
        out.push_str(&format!("等 {} 处", fix.edits.len()));
    }
    out
}

fn describe_edit(text: &str, edit: &Edit) -> String {
    let old = text
        .get(edit.range.clone())
        .unwrap_or("")
        .trim_matches(|c| c == '\n' || c == '\r');
    match (old.is_empty(), edit.replacement.is_empty()) {
        (true, _) => format!("插入“{}”", clip(&edit.replacement)),
        (false, true) => format!("删除“{}”", clip(old)),
        (false, false) => format!("“{}”改为“{}”", clip(old), clip(&edit.replacement)),
    }
}

/// At most [`MAX_EDIT_CHARS`] characters on one line.
fn clip(s: &str) -> String {
    let s = s.trim_matches(|c| c == '\n' || c == '\r');
    let mut out: String = s
        .chars()
        .take(MAX_EDIT_CHARS)
        .map(|c| if c == '\n' { '↵' } else { c })
        .filter(|&c| c != '\r')
        .collect();
    if s.chars().count() > MAX_EDIT_CHARS {
        out.push('…');
    }
    out
}

fn is_padding(c: char) -> bool {
    crate::draft::is_padding(c)
}

fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    index = index.min(s.len());
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn at(text: &str, flagged: &str) -> std::ops::Range<usize> {
        let start = text.find(flagged).unwrap();
        start..start + flagged.len()
    }

    #[test]
    fn excerpt_marks_the_flagged_text_with_ten_characters_around_it() {
        let text = "标题\n　　今年汛期XX降雨可能偏多，各村要早作准备，不能心存侥幸。\n";
        assert_eq!(
            excerpt(text, at(text, "XX")),
            "今年汛期【XX】降雨可能偏多，各村要…"
        );
        let text = "一二三四五六七八九十甲乙【待补】\n";
        assert_eq!(
            excerpt(text, at(text, "【待补】")),
            "…三四五六七八九十甲乙〖【待补】〗"
        );
        // An empty range marks where something is missing.
        assert_eq!(excerpt("同志们：", 12..12), "同志们：【】");
        // A span over several lines is cut at the end of its first.
        let text = "第一句话。\n第二句话。\n";
        assert_eq!(excerpt(text, 0..text.len()), "【第一句话。…】");
    }

    #[test]
    fn fixes_are_described_edit_by_edit() {
        let text = "一是抓学习，三是抓落实。\n- 2 -\n";
        let fix = Fix::new("修正序号", vec![Edit::replace(at(text, "三是"), "二是")]);
        assert_eq!(describe_fix(text, &fix), "修正序号：“三是”改为“二是”");
        let fix = Fix::new("删除页码", vec![Edit::delete(at(text, "- 2 -\n"))]);
        assert_eq!(describe_fix(text, &fix), "删除页码");
        let fix = Fix::new(
            "补上称呼",
            vec![
                Edit::insert(0, "同志们：\n"),
                Edit::delete(at(text, "- 2 -\n")),
            ],
        );
        assert_eq!(
            describe_fix(text, &fix),
            "补上称呼：插入“同志们：”；删除“- 2 -”"
        );
        let edits = (0..5).map(|i| Edit::insert(i * 3, "、")).collect();
        assert_eq!(
            describe_fix(text, &Fix::new("加顿号", edits)),
            "加顿号：插入“、”；插入“、”；插入“、”等 5 处"
        );
    }

    #[test]
    fn csv_has_a_bom_a_header_and_quotes_where_needed() {
        let text = "请XX同志, 发言。\n";
        let mut finding = Finding::new("placeholder", at(text, "XX"), "未填写的占位符 “XX”");
        finding.severity = Severity::Error;
        let rows = vec![Row::new("a.txt", "第 1 行".into(), text, &finding)];
        let out = String::from_utf8(csv(&rows)).unwrap();
        assert_eq!(
            out,
            "\u{feff}文件,位置,规则,级别,原文,说明,建议修改\r\n\
             a.txt,第 1 行,placeholder,错误,\"请【XX】同志, 发言。\",未填写的占位符 “XX”,\r\n"
        );
        assert_eq!(
            markdown(&rows),
            "| 文件 | 位置 | 规则 | 级别 | 原文 | 说明 | 建议修改 |\n\
             |---|---|---|---|---|---|---|\n\
             | a.txt | 第 1 行 | placeholder | 错误 | 请【XX】同志, 发言。 | 未填写的占位符 “XX” |  |\n"
        );
        assert_eq!(escape_markdown("**市|a_b"), "\\*\\*市\\|a\\_b");
    }
}
