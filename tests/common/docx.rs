//! Word documents built in tests from our own sentences: minimal but complete OOXML packages
//! (content types, relationships, document, and the optional numbering, styles, headers,
//! footers and footnotes), written with the zip crate and escaped with quick-xml.
//!
//! From a test: `#[path = "common/docx.rs"] mod docx;`.
#![allow(dead_code)] // each test file uses a different part of it

use std::io::Write;

use quick_xml::escape::escape;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A run of text.
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

/// A paragraph of plain text.
pub fn p(text: &str) -> String {
    format!("<w:p>{}</w:p>", run(text))
}

/// A paragraph of runs or other inline markup given as XML.
pub fn p_xml(inline: &str) -> String {
    format!("<w:p>{inline}</w:p>")
}

/// A paragraph numbered by Word: list `num_id` at `level`.
pub fn numbered(num_id: u32, level: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// A paragraph in paragraph style `style`.
pub fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// A table of rows of cells, each cell one paragraph.
pub fn table(rows: &[&[&str]]) -> String {
    let mut xml = String::from("<w:tbl><w:tblPr/>");
    for row in rows {
        xml.push_str("<w:tr>");
        for cell in *row {
            xml.push_str(&format!("<w:tc><w:tcPr/>{}</w:tc>", p(cell)));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// A level of a list definition.
pub fn level(ilvl: u8, format: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{}"/><w:suff w:val="nothing"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>"#,
        escape(text)
    )
}

/// A `numbering.xml` with one abstract definition per entry of `lists` (its levels' XML),
/// instance `k + 1` using abstract definition `k`, plus `extra` `w:num` elements.
pub fn numbering(lists: &[&[String]], extra: &str) -> String {
    let mut xml = format!(r#"<w:numbering xmlns:w="{W}">"#);
    for (k, levels) in lists.iter().enumerate() {
        xml.push_str(&format!(r#"<w:abstractNum w:abstractNumId="{k}">"#));
        for level in *levels {
            xml.push_str(level);
        }
        xml.push_str("</w:abstractNum>");
    }
    for k in 0..lists.len() {
        xml.push_str(&format!(
            r#"<w:num w:numId="{}"><w:abstractNumId w:val="{k}"/></w:num>"#,
            k + 1
        ));
    }
    xml.push_str(extra);
    xml.push_str("</w:numbering>");
    xml
}

/// A Word package under construction.
#[derive(Default, Clone)]
pub struct Docx {
    body: String,
    numbering: Option<String>,
    styles: Option<String>,
    headers: Vec<String>,
    footers: Vec<String>,
    footnotes: Vec<String>,
}

impl Docx {
    /// A document whose body is `paragraphs` (XML of `w:p` and `w:tbl` elements).
    pub fn new(paragraphs: &[String]) -> Docx {
        Docx {
            body: paragraphs.concat(),
            ..Docx::default()
        }
    }

    /// A document of plain paragraphs, one per line of `text`.
    pub fn from_lines(text: &str) -> Docx {
        Docx::new(&text.lines().map(p).collect::<Vec<_>>())
    }

    pub fn numbering(mut self, xml: String) -> Docx {
        self.numbering = Some(xml);
        self
    }

    pub fn styles(mut self, xml: String) -> Docx {
        self.styles = Some(xml);
        self
    }

    /// A default header of these paragraphs.
    pub fn header(mut self, paragraphs: &[String]) -> Docx {
        self.headers.push(paragraphs.concat());
        self
    }

    pub fn footer(mut self, paragraphs: &[String]) -> Docx {
        self.footers.push(paragraphs.concat());
        self
    }

    /// A footnote (ids from 1, in order); refer to it with [`footnote_ref`].
    pub fn footnote(mut self, paragraphs: &[String]) -> Docx {
        self.footnotes.push(paragraphs.concat());
        self
    }

    /// The `.docx` file.
    pub fn build(&self) -> Vec<u8> {
        let mut rels = Vec::new();
        let mut parts: Vec<(String, String)> = Vec::new();
        let mut overrides = vec![(
            "/word/document.xml".to_owned(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                .to_owned(),
        )];
        let mut add = |kind: &str, name: String, xml: String, content_type: &str| {
            let id = format!("rId{}", rels.len() + 1);
            rels.push((id.clone(), kind.to_owned(), name.clone()));
            overrides.push((
                format!("/word/{name}"),
                format!("application/vnd.openxmlformats-officedocument.wordprocessingml.{content_type}+xml"),
            ));
            parts.push((format!("word/{name}"), xml));
            id
        };
        if let Some(xml) = &self.styles {
            add("styles", "styles.xml".into(), xml.clone(), "styles");
        }
        if let Some(xml) = &self.numbering {
            add(
                "numbering",
                "numbering.xml".into(),
                xml.clone(),
                "numbering",
            );
        }
        if !self.footnotes.is_empty() {
            let mut xml = format!(
                r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
            );
            for (k, note) in self.footnotes.iter().enumerate() {
                xml.push_str(&format!(
                    r#"<w:footnote w:id="{}">{note}</w:footnote>"#,
                    k + 1
                ));
            }
            xml.push_str("</w:footnotes>");
            add("footnotes", "footnotes.xml".into(), xml, "footnotes");
        }
        let mut references = String::new();
        for (k, header) in self.headers.iter().enumerate() {
            let xml = format!(r#"<w:hdr xmlns:w="{W}" xmlns:r="{R}">{header}</w:hdr>"#);
            let id = add("header", format!("header{}.xml", k + 1), xml, "header");
            references.push_str(&format!(
                r#"<w:headerReference w:type="default" r:id="{id}"/>"#
            ));
        }
        for (k, footer) in self.footers.iter().enumerate() {
            let xml = format!(r#"<w:ftr xmlns:w="{W}" xmlns:r="{R}">{footer}</w:ftr>"#);
            let id = add("footer", format!("footer{}.xml", k + 1), xml, "footer");
            references.push_str(&format!(
                r#"<w:footerReference w:type="default" r:id="{id}"/>"#
            ));
        }
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{}<w:sectPr>{references}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
            self.body
        );
        parts.push(("word/document.xml".into(), document));

        let mut content_types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#,
        );
        for (name, content_type) in &overrides {
            content_types.push_str(&format!(
                r#"<Override PartName="{name}" ContentType="{content_type}"/>"#
            ));
        }
        content_types.push_str("</Types>");
        let root_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#
        );
        let mut document_rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        for (id, kind, target) in &rels {
            document_rels.push_str(&format!(
                r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"/>"#
            ));
        }
        document_rels.push_str("</Relationships>");

        let mut files = vec![
            ("[Content_Types].xml".to_owned(), content_types),
            ("_rels/.rels".to_owned(), root_rels),
            ("word/_rels/document.xml.rels".to_owned(), document_rels),
        ];
        files.extend(parts);
        zip_files(&files)
    }
}

/// A reference to footnote `id` (1-based) in the text.
pub fn footnote_ref(id: usize) -> String {
    format!(
        r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
    )
}

/// A footer paragraph with a PAGE field drawn as `- n -`.
pub fn page_number_paragraph(shown: u32) -> String {
    format!(
        r#"<w:p>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE   \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}</w:p>"#,
        run("- "),
        run(&shown.to_string()),
        run(" -")
    )
}

/// An OLE compound file (legacy Office, or an encrypted package) holding a stream `name`: only
/// its signature and directory entry name, which is what tells such files apart.
pub fn ole_file(stream: &str) -> Vec<u8> {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(512, 0);
    bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    bytes
}

/// A Word document of a text draft: its headings `一、` `二、` `三、` become Word's list
/// numbering, its blank lines empty paragraphs.
pub fn from_text_with_word_headings(text: &str) -> Docx {
    let paragraphs: Vec<String> = text
        .lines()
        .map(|line| match line.split_once('、') {
            Some((number, heading)) if ["一", "二", "三"].contains(&number) => {
                numbered(1, 0, heading)
            }
            _ if line.is_empty() => "<w:p/>".to_owned(),
            _ => p(line),
        })
        .collect();
    let lists = numbering(&[&[level(0, "chineseCounting", "%1、")]], "");
    Docx::new(&paragraphs).numbering(lists)
}

/// A `w:num` for list 1's definition whose level 0 starts at `start` (Word's 设置编号值 or
/// 重新开始于一): instance 2.
pub fn restarted_list(start: u32) -> String {
    format!(
        r#"<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>"#
    )
}

/// A zip archive of text files, deflated.
pub fn zip_files(files: &[(String, String)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}
