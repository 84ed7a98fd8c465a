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
    /// The result is a page number in a header or footer.
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

/// Reads one WordprocessingML part.
fn read_part(
    xml: &str,
    name: &str,
    story: Story,
    numbering: &Numbering,
    styles: &Styles,
) -> Result<PartText, DocxError> {
    let mut out = PartText::default();
    let mut counters = Counters::default();
    let mut walker = Walker::new(xml, name);
    // The paragraph being read, with its numbering properties and whether its mark is
    // deleted (a tracked deletion that joins it to the next paragraph).
    let mut paragraph: Option<(RawParagraph, ParagraphNumbering, bool)> = None;
    // Text of paragraphs whose mark was deleted, waiting for the paragraph they joined.
    let mut carry = String::new();
    let mut run_hidden = false;
    let mut fields: Vec<Field> = Vec::new();
    let mut note: Option<String> = None;

    let visible = |run_hidden: bool, fields: &[Field]| {
        !run_hidden && fields.iter().all(|f| f.in_result && !f.hidden)
    };

    while let Some(node) = walker.next()? {
        let element = match node {
            Node::Text(text) => {
                match walker.current() {
                    Some("t") if visible(run_hidden, &fields) => {
                        if let Some((p, _, _)) = &mut paragraph {
                            // A line break inside `w:t` is not one in Word: it shows a space.
                            p.text.extend(text.chars().map(|c| match c {
                                '\r' | '\n' | '\u{2028}' | '\u{2029}' => ' ',
                                c => c,
                            }));
                        }
                    }
                    Some("instrText") => {
                        if let Some(field) = fields.last_mut().filter(|f| !f.in_result) {
                            field.instruction.push_str(&text);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Node::Element(element) => element,
        };
        if out.root.is_empty() && element.is_start {
            out.root.clone_from(&element.name);
        }
        let is_end = !element.is_start && !element.is_empty;
        if is_end {
            match element.name.as_str() {
                "p" => finish(
                    &mut paragraph,
                    &mut carry,
                    &mut out,
                    numbering,
                    styles,
                    &mut counters,
                ),
                "r" => run_hidden = false,
                "footnote" | "endnote" => note = None,
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
                // A paragraph never holds another outside the text boxes skipped above.
                finish(
                    &mut paragraph,
                    &mut carry,
                    &mut out,
                    numbering,
                    styles,
                    &mut counters,
                );
                let raw = RawParagraph {
                    text: String::new(),
                    in_table: walker.inside("tbl"),
                    note: note.clone(),
                };
                paragraph = Some((raw, ParagraphNumbering::default(), false));
                if element.is_empty {
                    finish(
                        &mut paragraph,
                        &mut carry,
                        &mut out,
                        numbering,
                        styles,
                        &mut counters,
                    );
                }
            }
            "del" | "moveFrom" => {
                if walker.ends_with(&element, &["p", "pPr", "rPr"]) {
                    if let Some((_, _, deleted)) = &mut paragraph {
                        *deleted = true;
                    }
                } else if !walker.inside("rPr") {
                    // Deleted or moved-away text: not in the document once changes are accepted.
                    walker.skip(&element)?;
                }
            }
            "pStyle" if walker.ends_with(&element, &["p", "pPr"]) => {
                if let Some((_, numbers, _)) = &mut paragraph {
                    numbers.style = attr(&element, "val");
                }
            }
            "numId" if walker.ends_with(&element, &["p", "pPr", "numPr"]) => {
                if let Some((_, numbers, _)) = &mut paragraph {
                    numbers.num_id = attr(&element, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "ilvl" if walker.ends_with(&element, &["p", "pPr", "numPr"]) => {
                if let Some((_, numbers, _)) = &mut paragraph {
                    numbers.level = attr(&element, "val")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .map(|l| l.min(8) as u8);
                }
            }
            "vanish" if walker.ends_with(&element, &["r", "rPr"]) => {
                run_hidden = attr(&element, "val").as_deref().map_or(true, is_on);
            }
            "tab" | "ptab" if in_run => push(&mut paragraph, &fields, run_hidden, '\t'),
            // A line break inside a paragraph (Shift+Enter) or a page break is whitespace: each
            // paragraph stays one line, so line numbers are paragraph numbers.
            "br" | "cr" if in_run => push(&mut paragraph, &fields, run_hidden, ' '),
            "noBreakHyphen" if in_run => push(&mut paragraph, &fields, run_hidden, '-'),
            "fldChar" => match attr(&element, "fldCharType").as_deref() {
                Some("begin") => fields.push(Field::default()),
                Some("separate") => {
                    if let Some(field) = fields.last_mut() {
                        field.in_result = true;
                        field.hidden =
                            story == Story::HeaderFooter && is_page_number(&field.instruction);
                    }
                }
                Some("end") => {
                    fields.pop();
                }
                _ => {}
            },
            "fldSimple" => {
                let instruction = attr(&element, "instr").unwrap_or_default();
                if story == Story::HeaderFooter && is_page_number(&instruction) {
                    walker.skip(&element)?;
                }
            }
            "footnoteReference" => out
                .footnote_refs
                .extend(attr(&element, "id").filter(|_| visible(run_hidden, &fields))),
            "endnoteReference" => out
                .endnote_refs
                .extend(attr(&element, "id").filter(|_| visible(run_hidden, &fields))),
            "headerReference" | "footerReference" => {
                out.header_footer_refs.extend(attr(&element, "id"));
            }
            "footnote" | "endnote" if story == Story::Notes && element.is_start => {
                // Separators and continuation notices are lines Word draws, not notes.
                if attr(&element, "type").is_some_and(|t| t != "normal") {
                    walker.skip(&element)?;
                } else {
                    note = attr(&element, "id");
                }
            }
            _ => {}
        }
    }
    finish(
        &mut paragraph,
        &mut carry,
        &mut out,
        numbering,
        styles,
        &mut counters,
    );
    if !carry.is_empty() {
        out.paragraphs.push(RawParagraph {
            text: carry,
            in_table: false,
            note,
        });
    }
    Ok(out)
}

/// Adds a character produced by an element (`w:tab`, `w:br`) when its run is shown.
fn push(
    paragraph: &mut Option<(RawParagraph, ParagraphNumbering, bool)>,
    fields: &[Field],
    run_hidden: bool,
    c: char,
) {
    if run_hidden || !fields.iter().all(|f| f.in_result && !f.hidden) {
        return;
    }
    if let Some((p, _, _)) = paragraph {
        p.text.push(c);
    }
}

/// Ends the paragraph being read: draws its list label, or keeps its text for the next
/// paragraph when its mark was deleted (in Word the two are then one paragraph, numbered as
/// the one whose mark remains).
fn finish(
    paragraph: &mut Option<(RawParagraph, ParagraphNumbering, bool)>,
    carry: &mut String,
    out: &mut PartText,
    numbering: &Numbering,
    styles: &Styles,
    counters: &mut Counters,
) {
    let Some((mut raw, numbers, mark_deleted)) = paragraph.take() else {
        return;
    };
    if mark_deleted {
        carry.push_str(&raw.text);
        return;
    }
    let label = numbering
        .label(styles, counters, &numbers)
        .unwrap_or_default();
    raw.text = format!("{label}{}{}", std::mem::take(carry), raw.text);
    out.paragraphs.push(raw);
}

/// A field whose result is a page number or page count (`PAGE`, `NUMPAGES`, `SECTIONPAGES`).
fn is_page_number(instruction: &str) -> bool {
    let keyword = instruction
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(keyword.as_str(), "PAGE" | "NUMPAGES" | "SECTIONPAGES")
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
    let styles = match target("styles") {
        Some(part) => match package.read(&part)? {
            Some(xml) => Styles::parse(&xml)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let numbering = match target("numbering") {
        Some(part) => match package.read(&part)? {
            Some(xml) => Numbering::parse(&xml)?,
            None => Numbering::default(),
        },
        None => Numbering::default(),
    };

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
    for (kind, refs) in [
        ("footnotes", &body.footnote_refs),
        ("endnotes", &body.endnote_refs),
    ] {
        if refs.is_empty() {
            continue;
        }
        let Some(xml) = target(kind)
            .map(|t| package.read(&t))
            .transpose()?
            .flatten()
        else {
            continue;
        };
        let read = read_part(&xml, kind, Story::Notes, &numbering, &styles)?;
        let mut order: Vec<&String> = Vec::new();
        for id in refs {
            if !order.contains(&id) {
                order.push(id);
            }
        }
        for (n, id) in order.into_iter().enumerate() {
            let part = if kind == "footnotes" {
                Part::Footnote(n + 1)
            } else {
                Part::Endnote(n + 1)
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
