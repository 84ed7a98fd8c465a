//! Word documents (`.docx`, `.docm`, and `.wps` files that are really OOXML): the text a
//! reader sees, as plain text for the core, with a map from byte ranges to Word paragraphs.
//!
//! Pure: [`extract`] takes the file's bytes and returns a [`Document`]; nothing here reads
//! files. The core's analysis then runs unchanged on [`Document::body`] ([`analyze`]).
//!
//! What is read, in order: the paragraphs with text of the main document part (tables cell by
//! cell, each cell paragraph a paragraph), one line each — so line `n` of the body is its
//! paragraph `n` — with Word's list labels (`一、` `（一）`) drawn in front as Word draws them
//! (see `numbering.rs`); then, after a blank line, the headers, footers, footnotes and
//! endnotes. Runs are joined; tabs stay tabs, and line, page and column breaks inside a
//! paragraph become spaces. Tracked changes are read as accepted (`w:ins` read, `w:del` not);
//! comments, hidden text, field codes, drawings, phonetic guides and tables of contents (a
//! `TOC` field repeats the headings) are not text. Page numbers Word draws in headers and
//! footers (`PAGE`, `NUMPAGES` fields) are left out, so only page numbers typed into the text
//! are reported as residue.

use std::fmt;
use std::ops::Range;

use crate::analysis::{analyze_with, Analysis};
use crate::config::{Config, Level};
use crate::draft::DocKind;

mod numbering;
mod package;
mod text;
mod xml;

pub use package::MAX_PART_BYTES;

/// Rules that look at headers, footers and notes: they are not part of the speech, so only
/// what is wrong in any text (an unfilled placeholder, pasted web residue) is reported there.
pub const NOTE_RULES: &[&str] = &["placeholder", "residue"];

/// The text of a Word document and where each paragraph is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Body paragraphs one per line, then (after a blank line) headers, footers and notes.
    /// Paragraphs without text (empty, or only spaces) are left out.
    pub text: String,
    /// `text[..body_len]` is the body: what the speech is.
    pub body_len: usize,
    /// The paragraphs, in order: the `n`-th line of the body is `paragraphs[n - 1]`.
    pub paragraphs: Vec<Paragraph>,
}

/// One Word paragraph with text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based: body paragraphs first (what `第 12 段` counts), then headers, footers and notes.
    pub number: usize,
    pub part: Part,
    /// The paragraph's bytes in [`Document::text`], list label included, without line end.
    pub range: Range<usize>,
}

/// Where in the document a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Body,
    /// A paragraph in a table cell (in the body).
    Table,
    Header,
    Footer,
    /// A footnote, numbered in the order the text refers to it.
    Footnote(usize),
    Endnote(usize),
}

impl Part {
    /// A stable English code for JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Part::Body => "body",
            Part::Table => "table",
            Part::Header => "header",
            Part::Footer => "footer",
            Part::Footnote(_) => "footnote",
            Part::Endnote(_) => "endnote",
        }
    }

    /// In the body (the speech itself), as opposed to headers, footers and notes.
    pub fn is_body(self) -> bool {
        matches!(self, Part::Body | Part::Table)
    }
}

impl Paragraph {
    /// Where the paragraph is, as a Chinese reader is told: `第 12 段`, `第 3 段（表格）`,
    /// `页眉`, `脚注 2`.
    pub fn place(&self) -> String {
        match self.part {
            Part::Body => format!("第 {} 段", self.number),
            Part::Table => format!("第 {} 段（表格）", self.number),
            Part::Header => "页眉".to_owned(),
            Part::Footer => "页脚".to_owned(),
            Part::Footnote(n) => format!("脚注 {n}"),
            Part::Endnote(n) => format!("尾注 {n}"),
        }
    }
}

impl Document {
    /// The body: the speech, without headers, footers and notes.
    pub fn body(&self) -> &str {
        &self.text[..self.body_len]
    }

    /// The paragraph a byte offset belongs to: the last one starting at or before it, among
    /// the body's paragraphs for an offset in the body (a finding at the very end of the body
    /// belongs to its last paragraph), else among the notes'.
    pub fn paragraph_at(&self, offset: usize) -> Option<&Paragraph> {
        let split = self.paragraphs.partition_point(|p| p.part.is_body());
        let (region, rest) = self.paragraphs.split_at(split);
        let region = if offset <= self.body_len {
            region
        } else {
            rest
        };
        let index = region.partition_point(|p| p.range.start <= offset);
        region.get(index.saturating_sub(1))
    }
}

/// Why bytes are not a Word document we can read. Messages complete a sentence that starts
/// with the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// An OLE compound file with a `WordDocument` stream: Word 97–2003 (or legacy WPS).
    LegacyBinary,
    /// An encrypted package (an OLE file with `EncryptedPackage`) or encrypted zip entries.
    Encrypted,
    /// Rich Text Format, often saved under a `.doc` name.
    Rtf,
    /// An OpenDocument package (`.odt`).
    OpenDocument,
    /// A valid package or OLE file that holds no Word document (a spreadsheet, a deck…).
    NotWord,
    /// Not a zip archive, or a damaged one.
    NotAPackage,
    /// A part is not well-formed XML; the detail is for developers.
    Malformed(String),
    /// A part unpacks to more than the cap (a zip bomb, or something that is no draft).
    TooLarge { part: String, limit: u64 },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const RESAVE: &str = "请在 Word 或 WPS 中打开并另存为 .docx 后再检查";
        match self {
            DocxError::LegacyBinary => {
                f.write_str("是旧版 Word 文档（.doc），请另存为 .docx 后再检查")
            }
            DocxError::Encrypted => {
                f.write_str("设有打开密码（已加密），无法读取；请在 Word 中取消密码后再检查")
            }
            DocxError::Rtf => write!(f, "是 RTF 格式的文档，{RESAVE}"),
            DocxError::OpenDocument => {
                f.write_str("是 OpenDocument 文档（.odt），请另存为 .docx 后再检查")
            }
            DocxError::NotWord => f.write_str("不是 Word 文档（其中没有 Word 正文），无法检查"),
            DocxError::NotAPackage => {
                write!(f, "不是有效的 Word 文档（文件已损坏或不完整），{RESAVE}")
            }
            DocxError::Malformed(detail) => {
                let part = detail.split(':').next().unwrap_or("");
                write!(f, "不是有效的 Word 文档（其中的 {part} 已损坏），{RESAVE}")
            }
            DocxError::TooLarge { part, limit } => write!(
                f,
                "中的 {part} 解压后超过 {} MB，可能是恶意构造的压缩文件，已拒绝读取",
                limit / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// True when bytes look like a Word document, or a file often mistaken for one (legacy
/// `.doc`, encrypted), whatever the file is called.
pub fn sniff(bytes: &[u8]) -> bool {
    package::sniff(bytes)
}

/// Reads a Word document from its bytes.
pub fn extract(bytes: &[u8]) -> Result<Document, DocxError> {
    text::extract(bytes)
}

/// Analyses a Word document: the body as a draft, exactly as the same text in a `.txt` file
/// would be; headers, footers and notes for [`NOTE_RULES`] only. Findings in the notes are
/// shifted to their place in [`Document::text`].
pub fn analyze(document: &Document, config: &Config) -> Analysis {
    let mut analysis = analyze_with(document.body(), DocKind::Plain, config);
    let notes_start = document.body_len + 1;
    if notes_start < document.text.len() {
        let notes = analyze_with(
            &document.text[notes_start..],
            DocKind::Plain,
            &notes_config(config),
        );
        for mut finding in notes.findings {
            let shift = |r: &mut Range<usize>| *r = r.start + notes_start..r.end + notes_start;
            shift(&mut finding.range);
            for related in &mut finding.related {
                shift(&mut related.range);
            }
            for fix in &mut finding.fixes {
                for edit in &mut fix.edits {
                    shift(&mut edit.range);
                }
            }
            analysis.findings.push(finding);
        }
        analysis.failures.extend(notes.failures);
    }
    analysis
}

/// The user's config with every rule but [`NOTE_RULES`] off.
fn notes_config(config: &Config) -> Config {
    let mut config = config.clone();
    for rule in crate::checks::rules() {
        if !NOTE_RULES.contains(&rule.code) {
            config.rules.entry(rule.code.to_owned()).or_default().level = Some(Level::Off);
        }
    }
    config
}
