//! Human output of `jianggao check`: one header line per finding in the familiar
//! `path:line:col:` form (1-based, columns in characters) — `path 第 12 段:` for a Word
//! document, whose lines the writer never sees numbered — the source line with the span
//! marked, and a summary line per file.

use annotate_snippets::{Level, Renderer, Snippet};

use crate::docx::Document;
use crate::finding::{Finding, Severity};
use crate::position::{Encoding, LineIndex, Positions};

/// Findings spanning more lines than this are shown by their first line only.
const MAX_SNIPPET_LINES: usize = 4;

/// Lines wider than this (in terminal columns) are cut to a window around the span.
const MAX_LINE_WIDTH: usize = 100;

/// Characters of context kept on each side of the span in a cut line.
const CONTEXT_CHARS: usize = 20;

/// Characters of a long span shown before the cut.
const MAX_SPAN_CHARS: usize = 40;

/// ASCII, because the width of "…" is ambiguous in CJK terminals.
const ELLIPSIS: &str = "...";

/// The part of one source line shown in a snippet.
struct Window {
    /// Source byte where the line starts.
    begin: usize,
    /// Snippet byte where the shown part starts (after any leading ellipsis).
    at: usize,
    /// Shown bytes of the line content: `lo..hi`.
    lo: usize,
    hi: usize,
}

/// Renders findings for a terminal or a pipe.
pub struct Printer {
    renderer: Renderer,
    color: bool,
}

impl Printer {
    pub fn new(color: bool) -> Self {
        Printer {
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            }
            // We cut long lines ourselves (see `window`); never let the renderer trim.
            .term_width(usize::MAX / 4),
            color,
        }
    }

    /// One finding: header line, then the marked source, ending with a newline.
    pub fn finding(
        &self,
        path: &str,
        text: &str,
        lines: &LineIndex<'_>,
        finding: &Finding,
    ) -> String {
        let start = lines.position(finding.range.start, Encoding::Utf32);
        let mut out = self.header(
            &format!("{path}:{}:{}:", start.line + 1, start.character + 1),
            finding,
        );
        out.push_str(&self.snippet(text, lines, finding, None));
        out
    }

    /// One finding in a Word document: the header names the paragraph (`第 12 段`), and the
    /// quoted line is numbered with it.
    pub fn word_finding(
        &self,
        path: &str,
        document: &Document,
        lines: &LineIndex<'_>,
        finding: &Finding,
    ) -> String {
        let place = document
            .paragraph_at(finding.range.start)
            .map_or_else(String::new, |p| format!(" {}", p.place()));
        let mut out = self.header(&format!("{path}{place}:"), finding);
        out.push_str(&self.snippet(&document.text, lines, finding, Some(document)));
        out
    }

    fn header(&self, location: &str, finding: &Finding) -> String {
        let label = finding.severity.label_zh();
        let label = if self.color {
            format!("{}{label}\x1b[0m", ansi(finding.severity))
        } else {
            label.to_owned()
        };
        format!("{location} {label}[{}] {}\n", finding.rule, finding.message)
    }

    /// The source lines of a finding with its span marked, via annotate-snippets. In a Word
    /// document only the first line is shown, numbered with its paragraph.
    fn snippet(
        &self,
        text: &str,
        lines: &LineIndex<'_>,
        finding: &Finding,
        document: Option<&Document>,
    ) -> String {
        let range = finding.range.start.min(text.len())..finding.range.end.min(text.len());
        let first = lines.position(range.start, Encoding::Utf8).line as usize;
        let mut last = lines.position(range.end, Encoding::Utf8).line as usize;
        // A range ending right after a line break ends on the line before.
        if last > first && lines.position(range.end, Encoding::Utf8).character == 0 {
            last -= 1;
        }
        let clipped = last + 1 - first > MAX_SNIPPET_LINES || (document.is_some() && last > first);
        if clipped {
            last = first;
        }
        let paragraph = document.and_then(|d| d.paragraph_at(range.start));
        let gutter = paragraph.map_or(first + 1, |p| p.number);

        // Build the snippet from line contents without their endings (annotate-snippets
        // misplaces marks after tabs, so tabs become spaces: same byte length, same offsets).
        // Long lines (paragraphs are often one line of hundreds of characters) are cut to a
        // window around the span here, because annotate-snippets' own trimming miscounts
        // wide characters.
        let mut source = String::new();
        let mut windows: Vec<Window> = Vec::new();
        for line in first..=last {
            let begin = lines.line_start(line);
            let content = line_content(lines, line);
            if line > first {
                source.push('\n');
            }
            let local = |offset: usize| offset.saturating_sub(begin).min(content.len());
            let (lo, hi) = window(&content, local(range.start), local(range.end));
            let prefix = if lo > 0 { ELLIPSIS } else { "" };
            let suffix = if hi < content.len() { ELLIPSIS } else { "" };
            windows.push(Window {
                begin,
                at: source.len() + prefix.len(),
                lo,
                hi,
            });
            source.push_str(prefix);
            source.push_str(&content[lo..hi].replace('\t', " "));
            source.push_str(suffix);
        }
        let map = |offset: usize| -> usize {
            let index = windows
                .partition_point(|w| w.begin <= offset)
                .saturating_sub(1);
            let w = &windows[index];
            let local = offset.saturating_sub(w.begin).clamp(w.lo, w.hi);
            w.at + (local - w.lo)
        };
        let start = floor_char_boundary(&source, map(range.start));
        let span = start..floor_char_boundary(&source, map(range.end)).max(start);

        let level = match finding.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Info,
            Severity::Hint => Level::Help,
        };
        let message = level.title("").snippet(
            Snippet::source(&source)
                .line_start(gutter)
                .annotation(level.span(span)),
        );
        let rendered = self.renderer.render(message).to_string();
        // Drop annotate-snippets' own English header line and the empty gutter line closing
        // the block; our header is the `path:line:col:` line.
        let mut shown: Vec<&str> = rendered.lines().skip(1).collect();
        while shown.last().is_some_and(|l| {
            strip_ansi(l)
                .trim_end()
                .trim_start()
                .trim_end_matches('|')
                .is_empty()
        }) {
            shown.pop();
        }
        let mut out = String::new();
        for line in shown {
            out.push_str(line);
            out.push('\n');
        }
        if clipped {
            match document {
                Some(document) => {
                    let end = document.paragraph_at(range.end.saturating_sub(1).max(range.start));
                    if let Some(end) = end.filter(|e| Some(e.number) != paragraph.map(|p| p.number))
                    {
                        out.push_str(&format!("   = 此处一直延续到{}\n", end.place()));
                    }
                }
                None => {
                    let end_line = lines.position(range.end, Encoding::Utf8).line + 1;
                    out.push_str(&format!("   = 此处一直延续到第 {end_line} 行\n"));
                }
            }
        }
        out
    }
}

fn ansi(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
        Severity::Hint => "\x1b[1;32m",
    }
}

fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Columns a character takes in a terminal: ASCII one, everything else (CJK) two. Rough for
/// rare scripts, which only affects where a long line is cut.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The byte window `lo..hi` of `line` to show for a span `start..end` (line-local bytes, on
/// char boundaries): the whole line when it is short, else the span with some context.
fn window(line: &str, start: usize, end: usize) -> (usize, usize) {
    if width(line) <= MAX_LINE_WIDTH {
        return (0, line.len());
    }
    let start = floor_char_boundary(line, start);
    let end = floor_char_boundary(line, end).max(start);
    let lo = line[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let span_end = line[start..end]
        .char_indices()
        .nth(MAX_SPAN_CHARS)
        .map_or(end, |(i, _)| start + i);
    let hi = line[span_end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(line.len(), |(i, _)| span_end + i);
    (lo, hi)
}

fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    index = index.min(s.len());
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The text of `line` without its line ending.
fn line_content(lines: &LineIndex<'_>, line: usize) -> String {
    let mut content = lines.line(line).to_owned();
    while content.ends_with(['\n', '\r']) {
        content.pop();
    }
    content
}

/// The per-file summary: `path: 共 3 处占位符未填写，2 处重复套话（错误 3 处，警告 2 处）`.
/// Rules are listed in registry order; a rule's `tally` phrase is used where it has one.
pub fn summary(path: &str, findings: &[Finding]) -> String {
    if findings.is_empty() {
        return format!("{path}: 未发现问题");
    }
    let all: Vec<&Finding> = findings.iter().collect();
    let parts = crate::analysis::tallies(&all);
    let severities: Vec<String> = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ]
    .into_iter()
    .filter_map(|s| {
        let n = findings.iter().filter(|f| f.severity == s).count();
        (n > 0).then(|| format!("{} {n} 处", s.label_zh()))
    })
    .collect();
    format!(
        "{path}: 共 {}（{}）",
        parts.join("，"),
        severities.join("，")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, flagged: &str, severity: Severity) -> Finding {
        let start = text.find(flagged).unwrap();
        let mut f = Finding::new(
            "placeholder",
            start..start + flagged.len(),
            "未填写的占位符",
        );
        f.severity = severity;
        f
    }

    #[test]
    fn header_counts_lines_and_characters_from_one() {
        let text = "标题\r\n\t　　今天XX省长到会。\r\n";
        let lines = LineIndex::new(text);
        let out = Printer::new(false).finding(
            "a.txt",
            text,
            &lines,
            &finding(text, "XX省长", Severity::Error),
        );
        // The tab renders as one space, so the marks sit under XX省长 (6 columns wide).
        assert_eq!(
            out,
            "a.txt:2:6: 错误[placeholder] 未填写的占位符\n  |\n2 |  　　今天XX省长到会。\n  |          ^^^^^^\n"
        );
    }

    #[test]
    fn warnings_are_marked_with_dashes_and_long_spans_are_clipped() {
        let text = "一\n二XX\n三\n四\n五\n六\n";
        let lines = LineIndex::new(text);
        let start = text.find("XX").unwrap();
        let mut f = Finding::new("placeholder", start..text.len() - 1, "重复");
        f.severity = Severity::Warning;
        let out = Printer::new(false).finding("b.md", text, &lines, &f);
        assert_eq!(
            out,
            "b.md:2:2: 警告[placeholder] 重复\n  |\n2 | 二XX\n  |   --\n   = 此处一直延续到第 6 行\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let before = "甲".repeat(60);
        let after = "乙".repeat(60);
        let text = format!("{before}XX{after}\n");
        let lines = LineIndex::new(&text);
        let start = before.len();
        let f = Finding::new("placeholder", start..start + 2, "x");
        let out = Printer::new(false).finding("e.txt", &text, &lines, &f);
        let context = "甲".repeat(20);
        let tail = "乙".repeat(20);
        assert_eq!(
            out,
            format!(
                "e.txt:1:61: 警告[placeholder] x\n  |\n1 | ...{context}XX{tail}...\n  | {}--\n",
                " ".repeat(3 + 40)
            )
        );
    }

    #[test]
    fn a_span_over_two_long_lines_is_cut_on_both() {
        let line = "丙".repeat(80);
        let text = format!("{line}\n{line}\n");
        let lines = LineIndex::new(&text);
        let f = Finding::new("placeholder", 30..line.len() + 1 + 30, "x");
        let out = Printer::new(false).finding("f.txt", &text, &lines, &f);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "f.txt:1:11: 警告[placeholder] x");
        // 10 characters before the span (all of them), 40 of the span, 20 of context.
        assert_eq!(lines[2], format!("1 |   {}...", "丙".repeat(70)));
        // The span's last 10 characters on line 2, then 20 of context.
        assert_eq!(lines[4], format!("2 | | {}...", "丙".repeat(30)));
    }

    #[test]
    fn range_inside_a_character_does_not_panic() {
        let text = "同志们：XX";
        let lines = LineIndex::new(text);
        let f = Finding::new("placeholder", 1..5, "x");
        let out = Printer::new(false).finding("d.txt", text, &lines, &f);
        assert!(out.starts_with("d.txt:1:1: "), "{out}");
    }

    #[test]
    fn empty_range_at_end_of_text_does_not_panic() {
        let text = "同志们：";
        let lines = LineIndex::new(text);
        let f = Finding::new("placeholder", text.len()..text.len() + 5, "缺少结尾");
        let out = Printer::new(true).finding("c.txt", text, &lines, &f);
        assert!(out.starts_with("c.txt:1:5: "), "{out}");
    }

    #[test]
    fn summary_uses_tally_and_counts_severities() {
        let text = "XX XX";
        let findings = vec![
            finding(text, "XX", Severity::Error),
            finding(text, "XX", Severity::Warning),
        ];
        assert_eq!(
            summary("a.txt", &findings),
            "a.txt: 共 2 处占位符未填写（错误 1 处，警告 1 处）"
        );
        assert_eq!(summary("a.txt", &[]), "a.txt: 未发现问题");
    }
}
