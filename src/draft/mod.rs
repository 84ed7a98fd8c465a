//! The draft model: a speech draft parsed into lines, logical paragraphs and an outline, with
//! byte ranges into the source. Every check reads this model; nothing here knows about LSP.
//!
//! How to read it (built once in [`Draft::parse`], in this order):
//! - [`Draft::paragraphs`]: logical paragraphs (a sentence broken over lines is one paragraph).
//!   Each has its [`Prose`] (search it, map back with [`Prose::source_range`]), its leading
//!   [`Paragraph::ordinal`] (`一、` `（一）` `1.` `第一，` `首先，` `——`; see [`ordinal`]), its
//!   inline [`Paragraph::items`] (`一是` `二要` `一方面` …) and its [`Paragraph::role`].
//! - [`Draft::speeches`]: per speech, paragraph index ranges of title, preamble, salutation,
//!   opening, body and closing; an empty range sits where a missing part belongs.
//! - [`Draft::sections`]: body sections of all speeches, flat in document order, with `rank`,
//!   `depth` and `parent`; [`Draft::section_name`], [`Draft::section_is_empty`].
//! - [`Draft::outline`]: the same as a tree with speaking-time estimates, for the outline view.
//! - [`Draft::sequences`]: the numbering lists (ordinals that belong together: heading levels
//!   per parent, `第一，` per section, `一是…` across paragraphs, `——` runs); see [`sequence`].

use std::ops::Range;

pub mod address;
pub mod kind;
pub mod layout;
pub mod lexicon;
pub mod markdown;
pub mod ordinal;
pub mod outline;
pub mod prose;
pub mod residue;
pub mod sequence;
pub mod speech;

pub use ordinal::{Heading, Ordinal, Scheme};
pub use outline::{NodeKind, Outline, OutlineNode};
pub use prose::Prose;
pub use residue::{Residue, ResidueKind};
pub use sequence::{Member, Sequence, SequenceKind};
pub use speech::{Role, Section, SectionMarker, Speech};

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
    /// The speeches of the draft, in order (one unless the draft is a compilation).
    pub speeches: Vec<Speech>,
    /// Every body section of every speech, in document order (parents before children).
    pub sections: Vec<Section>,
    /// The outline tree built from speeches, sections and items, with speaking times.
    pub outline: Outline,
    /// Numbering sequences (lists of ordinals that belong together), in document order.
    pub sequences: Vec<Sequence>,
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
    /// A row of a Markdown table: its cells are text, but never a heading or a sentence
    /// continued from another line.
    pub table_row: bool,
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
    /// A row of a Markdown table (never a heading).
    pub table_row: bool,
    /// The ordinal the paragraph starts with — a heading marker (`一、` `（一）` …), a leading
    /// ordinal (`第一，` `首先，`) or a dash (`——`) — with its heading text; prose ranges.
    pub ordinal: Option<Heading>,
    /// Inline enumeration markers in the paragraph (`一是` `二要` `一方面` …), prose ranges.
    /// Unusual verbs (`一抓`) are kept when confirmed in this or a neighbouring paragraph.
    pub items: Vec<Ordinal>,
    /// Counted phrases inside one sentence (`一看…二看…三看…`): numbered, not outline items.
    pub local_items: Vec<Ordinal>,
    /// What the paragraph is in its speech (title, salutation, heading, closing, …).
    pub role: Role,
    /// Other readable text precedes the paragraph on its first physical line (the layout
    /// split a fused line there: `…的讲话同志们：`).
    pub fused_before: bool,
    /// Other readable text follows the paragraph on its last physical line.
    pub fused_after: bool,
    /// A host's part of a script for several hosts (`男：…`, the label left out of the prose).
    pub host: bool,
    /// Spoken characters of the prose (see [`spoken_chars`]).
    pub spoken: usize,
}

impl Paragraph {
    /// Spoken characters: letters, CJK characters and digits of the prose (no punctuation;
    /// residue is not in the prose).
    pub fn spoken_chars(&self) -> usize {
        self.spoken
    }
}

/// What a paragraph's prose alone determines, memoised by the text: a re-analysis after an
/// edit recomputes it only for the paragraphs the edit changed.
struct ProseFacts {
    ordinal: Option<Heading>,
    candidates: Vec<Ordinal>,
    spoken: usize,
}

impl crate::memo::HeapSize for ProseFacts {
    fn heap_size(&self) -> usize {
        self.candidates.heap_size()
    }
}

static PROSE_FACTS: std::sync::LazyLock<crate::memo::Memo<ProseFacts>> =
    std::sync::LazyLock::new(|| crate::memo::Memo::new(1 << 20));

fn prose_facts(text: &str) -> std::sync::Arc<ProseFacts> {
    PROSE_FACTS.get_or_insert_with(text, |_| ProseFacts {
        ordinal: ordinal::paragraph_ordinal(text),
        candidates: ordinal::inline_candidates(text),
        spoken: spoken_chars(text),
    })
}

/// Empties the draft layer's memo tables (see [`crate::memo`]).
pub fn clear_memos() {
    PROSE_FACTS.clear();
    layout::clear_memo();
    residue::clear_memo();
}

/// Characters read aloud in `text`: letters (CJK included) and digits, not punctuation.
pub fn spoken_chars(text: &str) -> usize {
    // Byte-wise: lead bytes E4–E9 start U+4000–U+9FFF, the CJK ideographs that make up nearly
    // all of a draft; everything else is decoded and classified.
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            count += usize::from(b.is_ascii_alphanumeric());
            i += 1;
        } else if (0xE4..=0xE9).contains(&b) {
            count += 1;
            i += 3;
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            count += usize::from(is_spoken(c));
            i += c.len_utf8();
        }
    }
    count
}

/// A letter or digit. CJK ideographs and CJK punctuation are decided by range first: the
/// Unicode tables behind `char::is_alphanumeric` cost more than the whole rest of the model.
fn is_spoken(c: char) -> bool {
    match c {
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3005}' | '\u{3007}' => true,
        '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ff0f}' | '\u{2000}'..='\u{206f}' => false,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        _ => c.is_alphanumeric(),
    }
}

/// Punctuation that ends a sentence or a clause a line may legitimately end with.
pub const SENTENCE_END: &[char] = &[
    '。', '！', '？', '!', '?', '；', ';', '：', ':', '”', '’', '」', '』', '…', '）', ')', '】',
    '》',
];

impl<'t> Draft<'t> {
    pub fn parse(text: &'t str, kind: DocKind, config: &Config) -> Draft<'t> {
        let mut residue = residue::detect(text);
        let mut lines = match kind {
            DocKind::Plain => plain_lines(text),
            DocKind::Markdown => markdown::lines(text),
        };
        if kind == DocKind::Markdown {
            residue::retain_readable(&mut residue, &lines);
        }
        for line in &mut lines {
            subtract_residue(text, &mut line.pieces, &residue);
        }
        let logical = layout::logical_lines(text, &lines);
        let mut paragraphs = join_paragraphs(text, &logical, &residue);
        find_ordinals(&mut paragraphs);
        let cut_off = paragraphs.last().is_some_and(|last| {
            speech::is_cut_off(&last.prose.text, text.get(last.range.end..).unwrap_or(""))
        });
        let (mut speeches, sections) = speech::analyse(&mut paragraphs, cut_off);
        let declared = config
            .draft
            .kind
            .clone()
            .or_else(|| kind::front_matter_kind(text));
        label_speeches(text, &paragraphs, &residue, &mut speeches);
        for s in &mut speeches {
            s.kind = kind::infer(&paragraphs, s, declared.as_deref());
        }
        let chars_per_minute = config.draft.chars_per_minute;
        let sequences = sequence::build(&paragraphs, &speeches, &sections);
        let outline = outline::build(
            &paragraphs,
            &speeches,
            &sections,
            &sequences,
            chars_per_minute,
        );
        Draft {
            text,
            kind,
            lines,
            paragraphs,
            residue,
            chars_per_minute,
            speeches,
            sections,
            outline,
            sequences,
        }
    }

    /// The speech that contains paragraph `index` (none for compilation headers outside).
    pub fn speech_of(&self, index: usize) -> Option<&Speech> {
        self.speeches
            .iter()
            .find(|s| s.paragraphs.contains(&index))
            .filter(|_| {
                self.paragraphs
                    .get(index)
                    .is_some_and(|p| p.role != Role::Outside)
            })
    }

    /// The innermost section that contains paragraph `index`, as an index into `sections`.
    pub fn section_of(&self, index: usize) -> Option<usize> {
        self.sections
            .iter()
            .rposition(|s| s.paragraphs.contains(&index))
    }

    /// The title of a speech: its first title line, else the name on its separator
    /// (`政府办公室交流发言` in `政府办公室交流发言篇一`), else `None`.
    pub fn speech_title<'a>(&'a self, speech: &'a Speech) -> Option<&'a str> {
        let line = speech
            .title
            .clone()
            .find(|&i| self.paragraphs[i].role == Role::Title)
            .map(|i| self.paragraphs[i].prose.text.trim_matches(is_padding));
        line.or_else(|| {
            let (i, marker) = speech.separator.as_ref()?;
            let name = self
                .paragraphs
                .get(*i)?
                .prose
                .text
                .get(marker.name.clone())?;
            (!name.is_empty()).then_some(name)
        })
        .or(speech.label.as_deref())
    }

    /// True when a section has no text under its heading: no paragraph after the heading and
    /// the heading is a bare phrase (`（二）明确任务` followed by `（三）…`). A heading that is
    /// a whole sentence (`1.抓好项目建设。`) or clause (`①配齐人员；`) is a point in itself,
    /// not an empty section.
    pub fn section_is_empty(&self, section: &Section) -> bool {
        section.paragraphs.len() <= 1
            && self.paragraphs.get(section.heading).is_none_or(|p| {
                p.ordinal.as_ref().is_none_or(|h| {
                    let text = p.prose.text.get(h.text.clone()).unwrap_or("");
                    let rest = p.prose.text.get(h.text.end..).unwrap_or("");
                    // A long "heading" is a heading run into its paragraph (`（一）深刻认识
                    // 意义党的十九大以来，…`), not a bare phrase.
                    rest.trim_matches(is_padding).is_empty()
                        && !text.ends_with(['；', ';'])
                        && text.chars().count() <= 50
                })
            })
    }

    /// The heading text of a section without its ordinal (`思想认识要到位`).
    pub fn section_name(&self, section: &Section) -> &str {
        self.paragraphs
            .get(section.heading)
            .and_then(|p| p.prose.text.get(section.name.clone()))
            .unwrap_or("")
    }

    /// The source range of a paragraph's prose range.
    pub fn source_range(&self, paragraph: usize, prose: Range<usize>) -> Range<usize> {
        self.paragraphs
            .get(paragraph)
            .map_or(0..0, |p| p.prose.source_range(prose))
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
    // memchr's vectorised search: every analysis splits the whole text at least twice.
    let last = (!text.is_empty() && !text.ends_with('\n')).then_some(text.len());
    let ends = memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|at| at + 1)
        .chain(last);
    let mut start = 0;
    ends.map(move |end| {
        let begin = start;
        start = end;
        let raw = &text[begin..end];
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        begin..begin + content.len()
    })
}

/// Whitespace used for indentation and padding in drafts, including the full-width space.
pub fn is_padding(c: char) -> bool {
    // Above U+3000 only the ideographic space (and a stray BOM) are padding; checking that
    // first keeps the Unicode table lookup off the hot path for Chinese text.
    if c >= '\u{3000}' {
        c == '\u{3000}' || c == '\u{feff}'
    } else {
        c.is_whitespace()
    }
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
                table_row: false,
            }
        })
        .collect()
}

/// Removes residue spans from a line's pieces, splitting pieces where needed.
fn subtract_residue(text: &str, pieces: &mut Vec<Range<usize>>, residue: &[Residue]) {
    if residue.is_empty() || pieces.is_empty() {
        return;
    }
    // Padding next to a removed span (`学 - 4 -`) is not prose either.
    let trim_end =
        |r: Range<usize>| r.start..r.start + text[r.clone()].trim_end_matches(is_padding).len();
    let trim_start =
        |r: Range<usize>| r.end - text[r.clone()].trim_start_matches(is_padding).len()..r.end;
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces.drain(..) {
        let mut rest = piece;
        for r in residue {
            if r.range.end <= rest.start || r.range.start >= rest.end {
                continue;
            }
            if r.range.start > rest.start {
                out.push(trim_end(rest.start..r.range.start));
            }
            rest = trim_start(r.range.end.min(rest.end)..rest.end);
        }
        out.push(rest);
    }
    out.retain(|r| !r.is_empty());
    *pieces = out;
}

/// Gives a speech without a separator the name on the compilation label the residue layer
/// took from right above it (`…讲话致辞(1)` on a page cut off after its first piece).
fn label_speeches(
    text: &str,
    paragraphs: &[Paragraph],
    residue: &[Residue],
    speeches: &mut [Speech],
) {
    for speech in speeches.iter_mut().filter(|s| s.separator.is_none()) {
        let Some(first) = paragraphs.get(speech.paragraphs.start) else {
            continue;
        };
        let floor = speech
            .paragraphs
            .start
            .checked_sub(1)
            .map_or(0, |p| paragraphs[p].range.end);
        speech.label = residue
            .iter()
            .rev()
            .filter(|r| r.kind == ResidueKind::CompilationLabel)
            .filter(|r| floor <= r.range.start && r.range.end <= first.range.start)
            .find_map(|r| label_name(text.get(r.range.clone())?).map(str::to_owned));
    }
}

/// The name on a compilation label, without its number: `作开幕式领导讲话致辞` in
/// `作开幕式领导讲话致辞(1)`, `在…上的讲话` in `第一篇：在…上的讲话`; `None` for a bare number
/// (`第1篇`, `02`, `篇一`).
fn label_name(label: &str) -> Option<&str> {
    let numeral = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十〇零".contains(c)
    };
    let marker =
        |c: char| numeral(c) || "()（）【】[]〔〕篇第、.．:：".contains(c) || is_padding(c);
    let mut name = label.trim_matches(is_padding).trim_end_matches(marker);
    if name.starts_with(|c: char| c == '第' || c == '篇' || !c.is_alphanumeric() || numeral(c)) {
        name = name.trim_start_matches(marker);
    }
    (name.chars().filter(|&c| layout::is_cjk(c)).count() >= 4).then_some(name)
}

/// Groups logical lines into paragraphs. A line joins the previous paragraph when that
/// paragraph stops mid-sentence ([`is_broken_line`]) and the line does not start a new unit
/// (a heading, an ordinal, a salutation, a speech separator), or when the two make one
/// address broken over two lines (`各位领导、各位` / `来宾：`). A line the layout split off
/// the middle of a physical line never joins: the split was a boundary. Blank and
/// residue-only lines in between do not prevent the join: converted documents put blank
/// lines inside sentences.
fn join_paragraphs(
    text: &str,
    lines: &[layout::LogicalLine],
    residue: &[Residue],
) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    for line in lines {
        let (Some(first), Some(last)) = (line.pieces.first(), line.pieces.last()) else {
            continue;
        };
        // A page number that the residue scan found inside a sentence (`学 - 4 -` / `习别人`)
        // joins the halves even when the first half is too short to look broken.
        let page_break_between = |end: usize| {
            residue
                .iter()
                .any(|r| r.joins && end <= r.range.start && r.range.end <= first.start)
        };
        let head = line_text(text, line);
        let continues = !line.fused_before
            && !line.host
            && line.heading_level.is_none()
            && !line.table_row
            && paragraphs.last().is_some_and(|p| {
                p.heading_level.is_none()
                    && !p.table_row
                    && (!starts_unit(&head)
                        && (is_broken_line(&p.prose.text) || page_break_between(p.range.end))
                        || address_continues(&p.prose.text, &head))
            });
        match paragraphs.last_mut() {
            Some(paragraph) if continues => {
                for piece in &line.pieces {
                    paragraph.prose.push(text, piece.clone());
                }
                paragraph.range.end = last.end;
                paragraph.lines.end = line.line + 1;
                paragraph.fused_after = line.fused_after;
            }
            _ => {
                let mut prose = Prose::default();
                for piece in &line.pieces {
                    prose.push(text, piece.clone());
                }
                paragraphs.push(Paragraph {
                    range: first.start..last.end,
                    lines: line.line..line.line + 1,
                    prose,
                    heading_level: line.heading_level,
                    table_row: line.table_row,
                    ordinal: None,
                    items: Vec::new(),
                    local_items: Vec::new(),
                    role: Role::default(),
                    fused_before: line.fused_before,
                    fused_after: line.fused_after,
                    host: line.host,
                    spoken: 0,
                });
            }
        }
    }
    paragraphs
}

/// The readable text of a logical line (its pieces joined).
fn line_text(text: &str, line: &layout::LogicalLine) -> String {
    line.pieces.iter().map(|p| &text[p.clone()]).collect()
}

/// `各位领导、各位` followed by `来宾、各位选手，同志们：`: an address broken over two lines.
/// The first part starts like an address and stops without a sentence mark, and the two
/// together read as one salutation.
fn address_continues(previous: &str, line: &str) -> bool {
    let previous = previous.trim_matches(is_padding);
    if previous.chars().count() > 40
        || previous.ends_with(['：', ':', '。', '！', '？', '!', '?', '；', ';'])
        || address::address_at(previous, 0).is_none()
    {
        return false;
    }
    let joined = format!("{previous}{}", line.trim_matches(is_padding));
    speech::is_salutation(&joined)
}

/// A line that never continues the previous paragraph: it starts with an ordinal, an inline
/// marker, or is a salutation or a speech separator.
fn starts_unit(line: &str) -> bool {
    ordinal::paragraph_ordinal(line).is_some()
        || ordinal::inline_start(line).is_some()
        || ordinal::speech_separator(line).is_some()
        || ordinal::starts_with_speech_number(line)
        || speech::is_salutation(line)
}

/// A paragraph that stops in the middle of a sentence: no closing punctuation, and not a
/// heading. Headings are short lines without clause punctuation (`年度工作简要回顾`, a title)
/// or numbered lines whose text is a phrase (`一、总体要求`); a numbered line that is long or
/// ends in a dangling word (`…工作的`) was cut by a line break.
fn is_broken_line(prose: &str) -> bool {
    let text = prose.trim_matches(is_padding);
    let Some(last) = text.chars().last() else {
        return false;
    };
    if SENTENCE_END.contains(&last) || ordinal::speech_separator(text).is_some() {
        return false;
    }
    if speech::DANGLING.contains(&last) {
        return true;
    }
    if let Some(heading) = ordinal::heading(text) {
        let phrase = &text[heading.text.clone()];
        return text[heading.text.end..].contains('。') || phrase.chars().count() > 40;
    }
    if is_colon_title(text) {
        return false;
    }
    text.chars().count() > 40 || text.contains(['，', ',', '；', ';', '：', ':', '。', '！', '？'])
}

/// A title or heading made of two phrases around one colon (`专题党课：从党史中汲取智慧和
/// 力量`, `2023年度述职报告：担当作为 争创一流`): no other clause mark, a short head, a tail
/// that is a phrase, at most 60 characters. It ends its line; it was not cut there.
fn is_colon_title(text: &str) -> bool {
    let Some((head, tail)) = text.split_once(['：', ':']) else {
        return false;
    };
    let head_chars = head.chars().count();
    let tail_chars = tail.chars().count();
    (2..=20).contains(&head_chars)
        && tail_chars >= 4
        && head_chars + tail_chars < 60
        && !tail.contains([
            '：', ':', '，', ',', '；', ';', '。', '！', '？', '!', '?', '、',
        ])
        && !head.contains(['，', ',', '；', ';', '。', '、'])
        && !tail.ends_with(speech::DANGLING)
        && address::address_at(head, 0).is_none()
        && !lexicon::LEXICON
            .reporting
            .iter()
            .any(|w| head.ends_with(w.as_str()))
}

/// Finds each paragraph's leading ordinal and inline markers. Markers with an unusual verb
/// (`一抓`) count when the same verb is numbered again in the paragraph or a neighbour.
fn find_ordinals(paragraphs: &mut [Paragraph]) {
    let facts: Vec<_> = paragraphs
        .iter()
        .map(|p| prose_facts(&p.prose.text))
        .collect();
    for (p, facts) in paragraphs.iter_mut().zip(&facts) {
        p.ordinal = facts.ordinal.clone();
        p.spoken = facts.spoken;
    }
    let candidates: Vec<&[Ordinal]> = facts.iter().map(|f| f.candidates.as_slice()).collect();
    let unusual = |o: &Ordinal| matches!(o.scheme, Scheme::Inline(v) if v != '是' && v != '要');
    for (i, p) in paragraphs.iter_mut().enumerate() {
        let own = &candidates[i];
        let near = |o: &Ordinal| {
            let confirms = |other: &Ordinal| other.scheme == o.scheme && other.value != o.value;
            own.iter().any(confirms)
                || i.checked_sub(1)
                    .and_then(|j| candidates.get(j))
                    .is_some_and(|c| c.iter().any(confirms))
                || candidates
                    .get(i + 1)
                    .is_some_and(|c| c.iter().any(confirms))
        };
        let kept: Vec<Ordinal> = own
            .iter()
            .filter(|o| !unusual(o) || near(o))
            .cloned()
            .collect();
        // An unusual verb numbered only inside one sentence (`一看…二看…三看…`) is a counted
        // phrase, not a list of the speech's points.
        let in_neighbours = |o: &Ordinal| {
            let same = |other: &Ordinal| other.scheme == o.scheme;
            i.checked_sub(1)
                .and_then(|j| candidates.get(j))
                .is_some_and(|c| c.iter().any(same))
                || candidates.get(i + 1).is_some_and(|c| c.iter().any(same))
        };
        let prose = &p.prose.text;
        let local = |o: &Ordinal| {
            if !unusual(o) || in_neighbours(o) {
                return false;
            }
            let same: Vec<&Ordinal> = kept.iter().filter(|x| x.scheme == o.scheme).collect();
            let (Some(first), Some(last)) = (same.first(), same.last()) else {
                return false;
            };
            same.len() >= 2
                && !prose[first.written.end..last.written.start]
                    .contains(['。', '！', '？', '!', '?', '；', ';'])
        };
        let (local_items, items): (Vec<Ordinal>, Vec<Ordinal>) =
            kept.iter().cloned().partition(|o| local(o));
        p.items = items;
        p.local_items = local_items;
    }
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
    fn a_numbered_clause_ending_in_a_semicolon_is_not_an_empty_section() {
        let draft = parse("同志们：\n今天开会。\n一、队伍\n①配齐人员；\n②加强培训；\n二、明确任务\n三、纪律\n要严守纪律。\n");
        let empty: Vec<&str> = draft
            .sections
            .iter()
            .filter(|s| draft.section_is_empty(s))
            .map(|s| draft.section_name(s))
            .collect();
        assert_eq!(empty, ["明确任务"]);
    }

    #[test]
    fn short_unpunctuated_line_stays_a_heading() {
        let draft = parse("全年工作简要回顾\n这一年，我们做了三件事。");
        assert_eq!(draft.paragraphs.len(), 2);
    }
}

#[cfg(test)]
mod joining_tests {
    use super::*;

    fn texts(text: &str, kind: DocKind) -> Vec<String> {
        Draft::parse(text, kind, &Config::default())
            .paragraphs
            .iter()
            .map(|p| p.prose.text.clone())
            .collect()
    }

    #[test]
    fn numbered_and_marked_lines_never_continue_a_paragraph() {
        let text = "我们要认真总结经验，查找不足，进一步明确今后一个时期的\n一、总体要求\n二是加强领导，压实各级责任，确保各项任务\n三是强化考核。";
        assert_eq!(
            texts(text, DocKind::Plain),
            [
                "我们要认真总结经验，查找不足，进一步明确今后一个时期的",
                "一、总体要求",
                "二是加强领导，压实各级责任，确保各项任务",
                "三是强化考核。"
            ]
        );
    }

    #[test]
    fn a_numbered_heading_cut_after_a_dangling_word_is_joined() {
        let text =
            "一、认清形势，进一步增强做好新时期工作的\n\n责任感和紧迫感\n\n第一，要提高站位。";
        assert_eq!(
            texts(text, DocKind::Plain),
            [
                "一、认清形势，进一步增强做好新时期工作的责任感和紧迫感",
                "第一，要提高站位。"
            ]
        );
    }

    #[test]
    fn the_name_on_a_lone_compilation_label_titles_the_speech() {
        assert_eq!(
            label_name("在防汛会上的讲话稿(1)"),
            Some("在防汛会上的讲话稿")
        );
        assert_eq!(
            label_name("第一篇：在防汛会上的讲话"),
            Some("在防汛会上的讲话")
        );
        assert_eq!(label_name("【开业致辞范文一】"), Some("开业致辞范文"));
        assert_eq!(label_name("第1篇"), None);
        assert_eq!(label_name("02"), None);
        assert_eq!(label_name("篇一"), None);
        let config = Config::default();
        let text = "防汛工作会议讲话稿(精选3篇)\n\n在防汛会上的讲话稿(1)\n\n同志们：\n今年汛期来得早，大家要提高警惕。\n";
        let draft = Draft::parse(text, DocKind::Plain, &config);
        assert_eq!(
            draft.speech_title(&draft.speeches[0]),
            Some("在防汛会上的讲话稿")
        );
        let text =
            "防汛工作会议讲话稿(精选3篇)\n\n第1篇\n\n同志们：\n今年汛期来得早，大家要提高警惕。\n";
        let draft = Draft::parse(text, DocKind::Plain, &config);
        assert_eq!(draft.speech_title(&draft.speeches[0]), None);
    }

    #[test]
    fn a_colon_title_is_not_a_broken_line() {
        assert!(!is_broken_line("专题党课：从红色家书中汲取奋进力量"));
        assert!(!is_broken_line("述职报告：担当作为 争创一流"));
        assert!(is_broken_line("会议强调：各级各部门要把防汛工作"));
        assert!(is_broken_line("我们要做到：坚持标准，推进"));
    }

    #[test]
    fn title_lines_salutations_and_separators_stay_apart() {
        let text = "在全市安全生产工作会议上的发言材料范文\n同志们：\n过去一年，我们做了大量工作，取得了明显成效，但是仍然存在\n年度工作会议讲话篇二\n今天开会。";
        assert_eq!(
            texts(text, DocKind::Plain),
            [
                // The template site's `范文` suffix is residue, not prose.
                "在全市安全生产工作会议上的发言材料",
                "同志们：",
                "过去一年，我们做了大量工作，取得了明显成效，但是仍然存在",
                "年度工作会议讲话篇二",
                "今天开会。"
            ]
        );
        // A title line is not continued by the body text after it.
        let text = "在全市安全生产工作会议上的发言材料范文\n过去一年，我们做了大量工作。";
        assert_eq!(texts(text, DocKind::Plain).len(), 2);
    }

    #[test]
    fn a_page_break_inside_a_short_sentence_joins_its_halves() {
        let text = "新形势下，大家要虚心学 - 4 -\n习别人的长处。\n二是要勤于思考。\n";
        assert_eq!(
            texts(text, DocKind::Plain),
            ["新形势下，大家要虚心学习别人的长处。", "二是要勤于思考。"]
        );
    }

    #[test]
    fn a_residue_only_line_between_halves_does_not_stop_the_join() {
        let text =
            "干部职工的理论素养不断得到提高，认真组织机关全体干部\n- 2 -\n职工集中学习有关文件。";
        let mut lines = plain_lines(text);
        let page = text.find("- 2 -").unwrap();
        let residue = [Residue {
            kind: ResidueKind::PageNumber,
            range: page..page + "- 2 -".len(),
            delete: page..page + "- 2 -\n".len(),
            joins: true,
        }];
        for line in &mut lines {
            subtract_residue(text, &mut line.pieces, &residue);
        }
        let logical = layout::logical_lines(text, &lines);
        let paragraphs = join_paragraphs(text, &logical, &residue);
        assert_eq!(paragraphs.len(), 1);
        assert_eq!(
            paragraphs[0].prose.text,
            "干部职工的理论素养不断得到提高，认真组织机关全体干部职工集中学习有关文件。"
        );
        assert_eq!(paragraphs[0].lines, 0..3);
        // The joined words map back across the break and the residue line.
        let at = paragraphs[0].prose.text.find("干部职工集中").unwrap();
        let range = paragraphs[0].prose.source_range(at..at + "干部职工".len());
        assert_eq!(&text[range], "干部\n- 2 -\n职工");
        assert_eq!(spoken_chars(&paragraphs[0].prose.text), 35);
    }

    #[test]
    fn crlf_blank_lines_and_indentation_in_a_broken_sentence() {
        let text =
            "　　会议要求，各级各部门要切实增强责任感，认真抓好\r\n\r\n　　各项工作的落实。\r\n";
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        assert_eq!(draft.paragraphs.len(), 1);
        let p = &draft.paragraphs[0];
        assert_eq!(
            p.prose.text,
            "会议要求，各级各部门要切实增强责任感，认真抓好各项工作的落实。"
        );
        assert_eq!(
            &text[p.range.clone()],
            "会议要求，各级各部门要切实增强责任感，认真抓好\r\n\r\n　　各项工作的落实。"
        );
    }

    #[test]
    fn markdown_headings_never_join_and_broken_lines_do() {
        let text = "## 一、总体要求\n\n会议要求，各级各部门要切实增强责任感，认真抓好\n各项工作的落实。\n\n```\n代码\n```\n";
        assert_eq!(
            texts(text, DocKind::Markdown),
            [
                "一、总体要求",
                "会议要求，各级各部门要切实增强责任感，认真抓好各项工作的落实。"
            ]
        );
    }

    #[test]
    fn unusual_inline_verbs_are_confirmed_across_paragraphs() {
        let draft = Draft::parse(
            "一抓班子建设。\n二抓队伍建设。\n一看就明白。",
            DocKind::Plain,
            &Config::default(),
        );
        let counts: Vec<usize> = draft.paragraphs.iter().map(|p| p.items.len()).collect();
        assert_eq!(counts, [1, 1, 0]);
    }
}

#[cfg(test)]
mod robustness_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any mix of ordinals, punctuation, line breaks and astral characters parses, and the
        /// outline's ranges stay inside the text on character boundaries.
        #[test]
        fn parsing_never_panics(text in "[一二三十第篇章部分是要方面另（）()1２.．、，。：:！？同志们谢让我\\n\\r 　—#`*①😀a-]{0,80}") {
            for kind in [DocKind::Plain, DocKind::Markdown] {
                let draft = Draft::parse(&text, kind, &Config::default());
                fn check(text: &str, node: &OutlineNode) {
                    assert!(text.get(node.range.clone()).is_some(), "{node:?}");
                    assert!(text.get(node.selection_range.clone()).is_some(), "{node:?}");
                    for child in &node.children {
                        check(text, child);
                    }
                }
                for node in &draft.outline.nodes {
                    check(&text, node);
                }
            }
        }
    }
}
