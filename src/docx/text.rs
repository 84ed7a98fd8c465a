//! Reading WordprocessingML parts (the document, headers, footers, notes) into paragraphs of
//! plain text, and putting them together into a [`Document`].

use std::collections::HashSet;

use super::numbering::{Counters, Numbering, ParagraphNumbering, Styles};
use super::package::Package;
use super::xml::{attr, is_on, Node, Walker};
use super::{Document, DocxError, Paragraph, Part};

/// What kind of part is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    Body,
    /// A header or footer: Word's page-number fields there are not text.
    HeaderFooter,
    /// `footnotes.xml` or `endnotes.xml`: paragraphs belong to the note they are in.
    Notes,
}

/// A paragraph as read from a part.
#[derive(Debug, Default)]
struct RawParagraph {
    text: String,
    in_table: bool,
    /// The `w:id` of the note it belongs to (notes parts only).
    note: Option<String>,
}

/// Everything read from one part.
#[derive(Debug, Default)]
struct PartText {
    /// Local name of the root element (`document`, `hdr`, `footnotes`…).
    root: String,
    paragraphs: Vec<RawParagraph>,
    /// Note ids in the order the text refers to them.
    footnote_refs: Vec<String>,
    endnote_refs: Vec<String>,
    /// Relationship ids of the headers and footers the sections use, in order.
    header_footer_refs: Vec<String>,
}

/// A field being read (`w:fldChar` begin … separate … end).
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    /// Past `separate`: the runs are the field's result, which the reader sees.
    in_result: bool,
    /// The result is not text of the draft: a page number in a header or footer, or a table
    /// of contents (which repeats the headings).
    hidden: bool,
}

/// Elements whose content is never text the reader reads as part of the draft.
const NOT_TEXT: &[&str] = &[
    // Old properties of tracked formatting changes.
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "numberingChange",
    // Drawings, text boxes, embedded objects, equations.
    "drawing",
    "pict",
    "object",
    "oMath",
    "oMathPara",
    // Phonetic guides (拼音指南) above the characters, and their settings.
    "rt",
    "rubyPr",
    // Content-control settings and form-field data.
    "sdtPr",
    "sdtEndPr",
    "ffData",
    "fldData",
];

/// A paragraph being read: its text so far, its numbering properties, and whether its mark is
/// deleted (a tracked deletion that joins it to the next paragraph).
struct Pending {
    raw: RawParagraph,
    numbers: ParagraphNumbering,
    mark_deleted: bool,
}

/// The state of reading one part.
struct PartReader<'n> {
    numbering: &'n Numbering,
    styles: &'n Styles,
    counters: Counters,
    out: PartText,
    paragraph: Option<Pending>,
    /// Text of paragraphs whose mark was deleted, waiting for the paragraph they joined.
    carry: String,
    run_hidden: bool,
    fields: Vec<Field>,
    /// The note being read (notes parts).
    note: Option<String>,
}

impl PartReader<'_> {
    /// Whether the run being read is shown: not hidden, and not inside a field's code or a
    /// page-number field's result.
    fn visible(&self) -> bool {
        !self.run_hidden && self.fields.iter().all(|f| f.in_result && !f.hidden)
    }

    /// Adds shown text to the paragraph being read.
    fn push(&mut self, text: &str) {
        if !self.visible() {
            return;
        }
        if let Some(pending) = &mut self.paragraph {
            pending.raw.text.push_str(text);
        }
    }

    fn start_paragraph(&mut self, in_table: bool) {
        // A paragraph never holds another outside the text boxes that are skipped.
        self.finish_paragraph();
        self.paragraph = Some(Pending {
            raw: RawParagraph {
                text: String::new(),
                in_table,
                note: self.note.clone(),
            },
            numbers: ParagraphNumbering::default(),
            mark_deleted: false,
        });
    }

    /// Ends the paragraph being read: draws its list label, or keeps its text for the next
    /// paragraph when its mark was deleted (in Word the two are then one paragraph, numbered
    /// as the one whose mark remains).
    fn finish_paragraph(&mut self) {
        let Some(Pending {
            mut raw,
            numbers,
            mark_deleted,
        }) = self.paragraph.take()
        else {
            return;
        };
        if mark_deleted {
            self.carry.push_str(&raw.text);
            return;
        }
        let label = self
            .numbering
            .label(self.styles, &mut self.counters, &numbers)
            .unwrap_or_default();
        raw.text = format!("{label}{}{}", std::mem::take(&mut self.carry), raw.text);
        self.out.paragraphs.push(raw);
    }

    fn finish(mut self) -> PartText {
        self.finish_paragraph();
        if !self.carry.is_empty() {
            self.out.paragraphs.push(RawParagraph {
                text: std::mem::take(&mut self.carry),
                in_table: false,
                note: self.note.take(),
            });
        }
        self.out
    }

    fn numbers(&mut self) -> Option<&mut ParagraphNumbering> {
        self.paragraph.as_mut().map(|p| &mut p.numbers)
    }
}

/// Reads one WordprocessingML part.
fn read_part(
    xml: &str,
    name: &str,
    story: Story,
    numbering: &Numbering,
    styles: &Styles,
) -> Result<PartText, DocxError> {
    let mut walker = Walker::new(xml, name);
    let mut reader = PartReader {
        numbering,
        styles,
        counters: Counters::default(),
        out: PartText::default(),
        paragraph: None,
        carry: String::new(),
        run_hidden: false,
        fields: Vec::new(),
        note: None,
    };
    while let Some(node) = walker.next()? {
        let element = match node {
            Node::Text(text) => {
                match walker.current() {
                    // A line break inside `w:t` is not one in Word: it shows a space.
                    Some("t") => {
                        reader.push(&text.replace(['\r', '\n', '\u{2028}', '\u{2029}'], " "))
                    }
                    Some("instrText") => {
                        if let Some(field) = reader.fields.last_mut().filter(|f| !f.in_result) {
                            field.instruction.push_str(&text);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Node::Element(element) => element,
        };
        if reader.out.root.is_empty() && element.is_start {
            reader.out.root.clone_from(&element.name);
        }
        if !element.is_start && !element.is_empty {
            match element.name.as_str() {
                "p" => reader.finish_paragraph(),
                "r" => reader.run_hidden = false,
                "footnote" | "endnote" => reader.note = None,
                _ => {}
            }
            continue;
        }
        let name = element.name.as_str();
        if NOT_TEXT.contains(&name) {
            walker.skip(&element)?;
            continue;
        }
        let in_run = walker.parent_is(&element, "r");
        match name {
            "p" => {
                reader.start_paragraph(walker.inside("tbl"));
                if element.is_empty {
                    reader.finish_paragraph();
                }
            }
            "del" | "moveFrom" => {
                if walker.ends_with(&element, &["p", "pPr", "rPr"]) {
                    if let Some(pending) = &mut reader.paragraph {
                        pending.mark_deleted = true;
                    }
                } else if !walker.inside("rPr") {
                    // Deleted or moved-away text: not in the document once changes are accepted.
                    walker.skip(&element)?;
                }
            }
            "pStyle" if walker.ends_with(&element, &["p", "pPr"]) => {
                if let Some(numbers) = reader.numbers() {
                    numbers.style = attr(&element, "val");
                }
            }
            "numId" if walker.ends_with(&element, &["p", "pPr", "numPr"]) => {
                if let Some(numbers) = reader.numbers() {
                    numbers.num_id = attr(&element, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "ilvl" if walker.ends_with(&element, &["p", "pPr", "numPr"]) => {
                if let Some(numbers) = reader.numbers() {
                    numbers.level = attr(&element, "val")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .map(|l| l.min(8) as u8);
                }
            }
            "vanish" if walker.ends_with(&element, &["r", "rPr"]) => {
                reader.run_hidden = attr(&element, "val").as_deref().is_none_or(is_on);
            }
            "tab" | "ptab" if in_run => reader.push("\t"),
            // A line break inside a paragraph (Shift+Enter) or a page break is whitespace: each
            // paragraph stays one line, so line numbers are paragraph numbers.
            "br" | "cr" if in_run => reader.push(" "),
            "noBreakHyphen" if in_run => reader.push("-"),
            "fldChar" => match attr(&element, "fldCharType").as_deref() {
                Some("begin") => reader.fields.push(Field::default()),
                Some("separate") => {
                    if let Some(field) = reader.fields.last_mut() {
                        field.in_result = true;
                        field.hidden = hides_result(story, &field.instruction);
                    }
                }
                Some("end") => {
                    reader.fields.pop();
                }
                _ => {}
            },
            "fldSimple" => {
                let instruction = attr(&element, "instr").unwrap_or_default();
                if hides_result(story, &instruction) {
                    walker.skip(&element)?;
                }
            }
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = attr(&element, "id").filter(|_| reader.visible()) {
                    let refs = if name == "footnoteReference" {
                        &mut reader.out.footnote_refs
                    } else {
                        &mut reader.out.endnote_refs
                    };
                    refs.push(id);
                }
            }
            "headerReference" | "footerReference" => {
                reader.out.header_footer_refs.extend(attr(&element, "id"));
            }
            "footnote" | "endnote" if story == Story::Notes && element.is_start => {
                // Separators and continuation notices are lines Word draws, not notes.
                if attr(&element, "type").is_some_and(|t| t != "normal") {
                    walker.skip(&element)?;
                } else {
                    reader.note = attr(&element, "id");
                }
            }
            _ => {}
        }
    }
    Ok(reader.finish())
}

/// Whether a field's result is left out: a page number or page count (`PAGE`, `NUMPAGES`,
/// `SECTIONPAGES`) in a header or footer, or a table of contents (`TOC`) anywhere.
fn hides_result(story: Story, instruction: &str) -> bool {
    let keyword = instruction
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    match keyword.as_str() {
        "PAGE" | "NUMPAGES" | "SECTIONPAGES" => story == Story::HeaderFooter,
        "TOC" => true,
        _ => false,
    }
}

/// Reads a whole package into a [`Document`].
pub(super) fn extract(bytes: &[u8]) -> Result<Document, DocxError> {
    let mut package = Package::open(bytes)?;
    let main = package.main_part()?;
    let Some(xml) = package.read(&main)? else {
        return Err(DocxError::NotWord);
    };
    let relationships = package.relationships(&main)?;
    let target = |kind: &str| {
        relationships
            .iter()
            .find(|r| r.kind == kind)
            .map(|r| r.target.clone())
    };
    // The part a relationship of the main part names, when the package has it.
    let mut read_target = |kind: &str| -> Result<Option<(String, String)>, DocxError> {
        let Some(name) = target(kind) else {
            return Ok(None);
        };
        Ok(package.read(&name)?.map(|xml| (name, xml)))
    };
    let styles = match read_target("styles")? {
        Some((_, xml)) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let numbering = match read_target("numbering")? {
        Some((_, xml)) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let footnotes = read_target("footnotes")?;
    let endnotes = read_target("endnotes")?;

    let body = read_part(&xml, &main, Story::Body, &numbering, &styles)?;
    if body.root != "document" {
        return Err(DocxError::NotWord);
    }

    let mut document = Document {
        text: String::new(),
        body_len: 0,
        paragraphs: Vec::new(),
    };
    // Paragraphs without text are left out, so that the n-th line of the body is its n-th
    // paragraph (the numbers a finding's message may cite are then right for the writer).
    for raw in body.paragraphs.iter().filter(|p| !is_blank(&p.text)) {
        let part = if raw.in_table {
            Part::Table
        } else {
            Part::Body
        };
        add_line(&mut document, &raw.text, part);
    }
    document.body_len = document.text.len();

    // Headers and footers, each part once, in the order the sections name them.
    let mut notes: Vec<(Part, String)> = Vec::new();
    let mut seen = HashSet::new();
    for id in &body.header_footer_refs {
        let Some(rel) = relationships.iter().find(|r| &r.id == id) else {
            continue;
        };
        let part = match rel.kind.as_str() {
            "header" => Part::Header,
            "footer" => Part::Footer,
            _ => continue,
        };
        if !seen.insert(rel.target.clone()) {
            continue;
        }
        if let Some(xml) = package.read(&rel.target)? {
            let read = read_part(&xml, &rel.target, Story::HeaderFooter, &numbering, &styles)?;
            notes.extend(read.paragraphs.into_iter().map(|p| (part, p.text)));
        }
    }
    // Footnotes and endnotes, numbered in the order the text refers to them.
    for (endnotes, part, refs) in [
        (false, footnotes, &body.footnote_refs),
        (true, endnotes, &body.endnote_refs),
    ] {
        let Some((name, xml)) = part.filter(|_| !refs.is_empty()) else {
            continue;
        };
        let read = read_part(&xml, &name, Story::Notes, &numbering, &styles)?;
        let mut order: Vec<&String> = Vec::new();
        for id in refs {
            if !order.contains(&id) {
                order.push(id);
            }
        }
        for (n, id) in order.into_iter().enumerate() {
            let part = if endnotes {
                Part::Endnote(n + 1)
            } else {
                Part::Footnote(n + 1)
            };
            for p in read
                .paragraphs
                .iter()
                .filter(|p| p.note.as_ref() == Some(id))
            {
                notes.push((part, p.text.clone()));
            }
        }
    }
    let notes: Vec<(Part, String)> = notes.into_iter().filter(|(_, t)| !is_blank(t)).collect();
    if !notes.is_empty() {
        document.text.push('\n');
        for (part, text) in notes {
            add_line(&mut document, &text, part);
        }
    }
    Ok(document)
}

/// Appends a paragraph as one line.
fn add_line(document: &mut Document, text: &str, part: Part) {
    let start = document.text.len();
    document.text.push_str(text);
    let end = document.text.len();
    document.text.push('\n');
    document.paragraphs.push(Paragraph {
        number: document.paragraphs.len() + 1,
        part,
        range: start..end,
    });
}

fn is_blank(text: &str) -> bool {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .is_empty()
}
