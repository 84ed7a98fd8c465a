//! The draft model: a speech draft parsed into lines, logical paragraphs and an outline, with
//! byte ranges into the source. Every check reads this model; nothing here knows about LSP.

use std::ops::Range;

pub mod markdown;
pub mod ordinal;
pub mod outline;
pub mod prose;
pub mod residue;

pub use outline::{NodeKind, Outline, OutlineNode};
pub use prose::Prose;
pub use residue::{Residue, ResidueKind};

use crate::config::Config;

/// How to read the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocKind {
    #[default]
    Plain,
    Markdown,
}

impl DocKind {
    /// Markdown for `.md`/`.markdown` files, plain text otherwise.
    pub fn from_path(path: &str) -> DocKind {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            DocKind::Markdown
        } else {
            DocKind::Plain
        }
    }
}

/// A parsed draft.
#[derive(Debug)]
pub struct Draft<'t> {
    pub text: &'t str,
    pub kind: DocKind,
    /// Physical lines, in order.
    pub lines: Vec<Line>,
    /// Logical paragraphs, in order (hard breaks inside a sentence joined).
    pub paragraphs: Vec<Paragraph>,
    /// Template-site and conversion residue; not part of any paragraph's prose.
    pub residue: Vec<Residue>,
    /// Characters per minute used for speaking-time estimates.
    pub chars_per_minute: u32,
}

/// One physical line of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's bytes without its line ending.
    pub range: Range<usize>,
    /// The readable pieces of the line (no indentation, markup, code or residue).
    pub pieces: Vec<Range<usize>>,
    /// Markdown heading level (1–6) when the line is an ATX or setext heading.
    pub heading_level: Option<u8>,
}

impl Line {
    /// True when nothing on the line is read aloud.
    pub fn is_blank(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// A logical paragraph: one line, or several joined where a sentence was broken by a hard
/// line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// From the first readable byte of the first line to the last readable byte of the last.
    pub range: Range<usize>,
    /// Indices into [`Draft::lines`].
    pub lines: Range<usize>,
    /// The spoken text and its map back to the source.
    pub prose: Prose,
    /// Markdown heading level, when the paragraph is a heading.
    pub heading_level: Option<u8>,
}

/// Punctuation that ends a sentence or a clause a line may legitimately end with.
pub const SENTENCE_END: &[char] = &[
    '。', '！', '？', '!', '?', '；', ';', '：', ':', '”', '’', '」', '』', '…', '）', ')', '】',
    '》',
];

impl<'t> Draft<'t> {
    pub fn parse(text: &'t str, kind: DocKind, config: &Config) -> Draft<'t> {
        let residue = residue::detect(text);
        let mut lines = match kind {
            DocKind::Plain => plain_lines(text),
            DocKind::Markdown => markdown::lines(text),
        };
        for line in &mut lines {
            subtract_residue(&mut line.pieces, &residue);
        }
        let paragraphs = join_paragraphs(text, &lines);
        Draft {
            text,
            kind,
            lines,
            paragraphs,
            residue,
            chars_per_minute: config.draft.chars_per_minute,
        }
    }

    /// The paragraph that contains byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<&Paragraph> {
        let index = self.paragraphs.partition_point(|p| p.range.end < offset);
        self.paragraphs
            .get(index)
            .filter(|p| p.range.start <= offset && offset <= p.range.end)
    }
}

/// Splits text into lines (LF or CRLF), each without its ending.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let begin = start;
        start += raw.len();
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        begin..begin + content.len()
    })
}

/// Whitespace used for indentation and padding in drafts, including the full-width space.
pub fn is_padding(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}'
}

/// The line without leading and trailing padding.
pub fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start_matches(is_padding).len());
    let end = range.start + slice.trim_end_matches(is_padding).len();
    start..end.max(start)
}

fn plain_lines(text: &str) -> Vec<Line> {
    line_ranges(text)
        .map(|range| {
            let content = trimmed(text, range.clone());
            Line {
                range,
                pieces: if content.is_empty() {
                    vec![]
                } else {
                    vec![content]
                },
                heading_level: None,
            }
        })
        .collect()
}

/// Removes residue spans from a line's pieces, splitting pieces where needed.
fn subtract_residue(pieces: &mut Vec<Range<usize>>, residue: &[Residue]) {
    if residue.is_empty() || pieces.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces.drain(..) {
        let mut rest = piece;
        for r in residue {
            if r.range.end <= rest.start || r.range.start >= rest.end {
                continue;
            }
            if r.range.start > rest.start {
                out.push(rest.start..r.range.start);
            }
            rest = r.range.end.min(rest.end)..rest.end;
        }
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    *pieces = out;
}

/// Groups lines into logical paragraphs. A line joins the previous paragraph when that
/// paragraph stops mid-sentence (no closing punctuation) and reads as a broken line rather
/// than a heading.
fn join_paragraphs(text: &str, lines: &[Line]) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut open = false; // whether the last paragraph may take a continuation line
    for (index, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let continues = open
            && line.heading_level.is_none()
            && paragraphs
                .last()
                .is_some_and(|p| is_broken_line(&p.prose.text) && p.heading_level.is_none());
        if continues {
            let paragraph = paragraphs.last_mut().expect("checked above");
            for piece in &line.pieces {
                paragraph.prose.push(text, piece.clone());
            }
            paragraph.range.end = line.pieces.last().map_or(paragraph.range.end, |p| p.end);
            paragraph.lines.end = index + 1;
        } else {
            let mut prose = Prose::default();
            for piece in &line.pieces {
                prose.push(text, piece.clone());
            }
            paragraphs.push(Paragraph {
                range: line.pieces[0].start..line.pieces.last().expect("non-blank").end,
                lines: index..index + 1,
                prose,
                heading_level: line.heading_level,
            });
        }
        open = true;
    }
    paragraphs
}

/// A line that stops in the middle of a sentence: long enough to be body text and without
/// closing punctuation. Short lines without punctuation are headings, not broken lines.
fn is_broken_line(prose: &str) -> bool {
    let Some(last) = prose.trim_end_matches(is_padding).chars().last() else {
        return false;
    };
    !SENTENCE_END.contains(&last) && prose.chars().count() > 30
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Draft<'_> {
        Draft::parse(text, DocKind::Plain, &Config::default())
    }

    #[test]
    fn lines_handle_crlf_and_fullwidth_indent() {
        let text = "　　同志们：\r\n\r\n　　今天开会。\r\n";
        let draft = parse(text);
        let texts: Vec<&str> = draft
            .paragraphs
            .iter()
            .map(|p| p.prose.text.as_str())
            .collect();
        assert_eq!(texts, ["同志们：", "今天开会。"]);
        assert_eq!(&text[draft.paragraphs[1].range.clone()], "今天开会。");
    }

    #[test]
    fn a_sentence_broken_by_a_hard_line_break_is_one_paragraph() {
        let text = "一是狠抓学习，干部职工的理论素养不断得到提高，认真组织机关全体干部\n\n职工集中学习有关文件。\n二是搞好服务。";
        let draft = parse(text);
        let texts: Vec<&str> = draft
            .paragraphs
            .iter()
            .map(|p| p.prose.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "一是狠抓学习，干部职工的理论素养不断得到提高，认真组织机关全体干部职工集中学习有关文件。",
                "二是搞好服务。"
            ]
        );
    }

    #[test]
    fn short_unpunctuated_line_stays_a_heading() {
        let draft = parse("全年工作简要回顾\n这一年，我们做了三件事。");
        assert_eq!(draft.paragraphs.len(), 2);
    }
}
