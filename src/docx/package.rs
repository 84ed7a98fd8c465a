//! The OOXML package: a zip archive of XML parts tied together by relationship files. This
//! module tells a Word package from the files people mistake for one (a legacy `.doc`, an
//! encrypted document, RTF, OpenDocument), and reads parts under a size cap so that a small
//! file cannot unpack into gigabytes.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::xml::{attr, Walker};
use super::DocxError;

/// Largest uncompressed part read (a 500-page document.xml is about 20 MB).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Largest total of uncompressed parts read from one package.
const MAX_TOTAL_BYTES: u64 = 192 * 1024 * 1024;

/// The signature of an OLE compound file: legacy `.doc`/`.wps`, and encrypted OOXML.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The signature of a zip archive's first local header.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Relationship types, by their last path segment (transitional and strict share it).
pub const OFFICE_DOCUMENT: &str = "officeDocument";

/// True when `bytes` look like a Word package or a file mistaken for one, whatever its name.
pub fn sniff(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// A relationship of a part: its type (last segment) and target part name.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

pub struct Package<'b> {
    archive: ZipArchive<Cursor<&'b [u8]>>,
    /// Lower-cased part name → name in the archive (part names are case-insensitive).
    names: HashMap<String, String>,
    read_so_far: u64,
}

impl<'b> Package<'b> {
    pub fn open(bytes: &'b [u8]) -> Result<Package<'b>, DocxError> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(if contains_utf16(bytes, "EncryptedPackage") {
                DocxError::Encrypted
            } else if contains_utf16(bytes, "WordDocument") {
                DocxError::LegacyBinary
            } else {
                DocxError::NotWord
            });
        }
        if bytes.starts_with(b"{\\rtf") {
            return Err(DocxError::Rtf);
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotAPackage)?;
        let names = archive
            .file_names()
            .map(|n| (n.trim_start_matches('/').to_ascii_lowercase(), n.to_owned()))
            .collect();
        let mut package = Package {
            archive,
            names,
            read_so_far: 0,
        };
        if let Some(mimetype) = package.read("mimetype")? {
            if mimetype.starts_with("application/vnd.oasis.opendocument") {
                return Err(DocxError::OpenDocument);
            }
        }
        Ok(package)
    }

    /// The part `name` as text, or `None` when the package has no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let Some(actual) = self.names.get(&name.to_ascii_lowercase()).cloned() else {
            return Ok(None);
        };
        let mut file = match self.archive.by_name(&actual) {
            Ok(file) => file,
            Err(ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)) => {
                return Err(DocxError::Encrypted)
            }
            Err(_) => return Err(DocxError::NotAPackage),
        };
        let too_large = || DocxError::TooLarge {
            part: name.to_owned(),
            limit: MAX_PART_BYTES,
        };
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.read_so_far));
        if file.size() > budget {
            return Err(too_large());
        }
        // The declared size may lie: never read past the budget whatever the header says.
        let mut bytes = Vec::with_capacity(file.size() as usize);
        file.by_ref()
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| DocxError::NotAPackage)?;
        if bytes.len() as u64 > budget {
            return Err(too_large());
        }
        self.read_so_far += bytes.len() as u64;
        decode_xml(&bytes)
            .map(Some)
            .ok_or_else(|| DocxError::Malformed(format!("{name}: not UTF-8 or UTF-16")))
    }

    /// The relationships of `part` (from `<dir>/_rels/<name>.rels`), targets resolved to
    /// part names. External targets (hyperlinks) are left out.
    pub fn relationships(&mut self, part: &str) -> Result<Vec<Relationship>, DocxError> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(xml) = self.read(&rels_name)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut walker = Walker::new(&xml, "relationships");
        while let Some(element) = walker.next_element()? {
            if element.name != "Relationship" || !(element.is_start || element.is_empty) {
                continue;
            }
            if attr(&element, "TargetMode").as_deref() == Some("External") {
                continue;
            }
            let (Some(kind), Some(target)) = (attr(&element, "Type"), attr(&element, "Target"))
            else {
                continue;
            };
            out.push(Relationship {
                id: attr(&element, "Id").unwrap_or_default(),
                kind: kind.rsplit('/').next().unwrap_or_default().to_owned(),
                target: resolve(dir, &target),
            });
        }
        Ok(out)
    }

    /// The main document part: the package's `officeDocument` relationship, else the usual
    /// `word/document.xml`.
    pub fn main_part(&mut self) -> Result<String, DocxError> {
        let main = self
            .relationships("")?
            .into_iter()
            .find(|r| r.kind == OFFICE_DOCUMENT)
            .map(|r| r.target);
        Ok(main.unwrap_or_else(|| "word/document.xml".to_owned()))
    }
}

/// A relationship target relative to the source part's directory, as a part name.
fn resolve(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// XML bytes as text: UTF-8 (BOM stripped) or UTF-16 with a BOM.
fn decode_xml(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok();
    }
    for (bom, encoding) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE),
        (b"\xFE\xFF", encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, errors) = encoding.decode(bytes);
            return (!errors).then(|| text.trim_start_matches('\u{feff}').to_owned());
        }
    }
    String::from_utf8(bytes.to_vec()).ok()
}

/// Whether `haystack` contains `needle` in UTF-16LE (the names of OLE streams).
fn contains_utf16(haystack: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    haystack.windows(pattern.len()).any(|w| w == pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_directory() {
        assert_eq!(resolve("word", "numbering.xml"), "word/numbering.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/footer1.xml"), "word/footer1.xml");
    }

    #[test]
    fn xml_in_utf16_is_read() {
        let text = "<a>讲稿</a>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_xml(&bytes).as_deref(), Some(text));
        assert_eq!(decode_xml(b"\xEF\xBB\xBF<a/>").as_deref(), Some("<a/>"));
        assert_eq!(decode_xml(b"\xFF<a/>"), None);
    }
}
