//! A small layer over quick-xml for reading the parts of a Word package: elements by local
//! name (Word always writes `w:`, other producers may use other prefixes or strict OOXML's
//! namespaces), the chain of open ancestors, text with entities resolved, and skipping a
//! subtree. `mc:AlternateContent` is read through its `mc:Fallback`, which every consumer
//! understands.

use std::borrow::Cow;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::DocxError;

/// A start, empty or end tag; its ancestors are asked of the walker.
pub struct Element<'x> {
    /// Local name, without prefix (`p`, `numPr`, `t`).
    pub name: String,
    pub is_start: bool,
    pub is_empty: bool,
    start: Option<BytesStart<'x>>,
}

/// What the walker yields.
pub enum Node<'x> {
    Element(Element<'x>),
    /// Character data of the innermost open element.
    Text(Cow<'x, str>),
}

pub struct Walker<'x> {
    reader: Reader<&'x [u8]>,
    /// Local names of the open elements, outermost first.
    stack: Vec<String>,
    part: &'x str,
}

impl<'x> Walker<'x> {
    pub fn new(xml: &'x str, part: &'x str) -> Walker<'x> {
        let mut reader = Reader::from_str(xml);
        // Word's markup is well formed; a mismatched end tag means a broken part.
        reader.config_mut().check_end_names = true;
        Walker {
            reader,
            stack: Vec::new(),
            part,
        }
    }

    fn error(&self, err: impl std::fmt::Display) -> DocxError {
        DocxError::Malformed(format!("{}: {err}", self.part))
    }

    /// The next element (start, empty or end), skipping text.
    pub fn next_element(&mut self) -> Result<Option<Element<'x>>, DocxError> {
        loop {
            match self.next()? {
                None => return Ok(None),
                Some(Node::Element(e)) => return Ok(Some(e)),
                Some(Node::Text(_)) => {}
            }
        }
    }

    /// The next element or text. An end tag is an element with neither `is_start` nor
    /// `is_empty`; after it, the element is no longer among the ancestors.
    pub fn next(&mut self) -> Result<Option<Node<'x>>, DocxError> {
        loop {
            let event = self.reader.read_event().map_err(|e| self.error(e))?;
            let (start, is_start) = match event {
                Event::Start(start) => (start, true),
                Event::Empty(start) => (start, false),
                Event::End(end) => {
                    let name = String::from_utf8_lossy(end.local_name().as_ref()).into_owned();
                    if is_transparent(&name) {
                        continue;
                    }
                    self.stack.pop();
                    return Ok(Some(Node::Element(Element {
                        name,
                        is_start: false,
                        is_empty: false,
                        start: None,
                    })));
                }
                Event::Text(text) => {
                    let text = text.xml10_content().map_err(|e| self.error(e))?;
                    return Ok(Some(Node::Text(text)));
                }
                Event::CData(data) => {
                    let text = data.xml10_content().map_err(|e| self.error(e))?;
                    return Ok(Some(Node::Text(text)));
                }
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = reference.decode().map_err(|e| self.error(e))?;
                            resolve_predefined_entity(&name).unwrap_or("").to_owned()
                        }
                        Err(e) => return Err(self.error(e)),
                    };
                    return Ok(Some(Node::Text(Cow::Owned(resolved))));
                }
                Event::Eof => return Ok(None),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            };
            let name = local_name(&start);
            // Alternatives Word understands and others may not: read the fallback.
            if name == "Choice" {
                if is_start {
                    self.reader
                        .read_to_end(start.name())
                        .map_err(|e| self.error(e))?;
                }
                continue;
            }
            if is_transparent(&name) {
                continue;
            }
            if is_start {
                self.stack.push(name.clone());
            }
            return Ok(Some(Node::Element(Element {
                name,
                is_start,
                is_empty: !is_start,
                start: Some(start),
            })));
        }
    }

    /// Skips the rest of the element just started (its content and end tag).
    pub fn skip(&mut self, element: &Element<'x>) -> Result<(), DocxError> {
        if let Some(start) = element.start.as_ref().filter(|_| element.is_start) {
            self.reader
                .read_to_end(start.name())
                .map_err(|e| self.error(e))?;
            self.stack.pop();
        }
        Ok(())
    }

    /// The open ancestors of the element last returned, outermost first (an element just
    /// started is not its own ancestor).
    pub fn ancestors(&self, element: &Element<'_>) -> &[String] {
        if element.is_start {
            &self.stack[..self.stack.len().saturating_sub(1)]
        } else {
            &self.stack
        }
    }

    /// The innermost open element (for text: the element the text is in).
    pub fn current(&self) -> Option<&str> {
        self.stack.last().map(String::as_str)
    }

    /// True when the element's parent is `name`.
    pub fn parent_is(&self, element: &Element<'_>, name: &str) -> bool {
        self.ancestors(element).last().is_some_and(|n| n == name)
    }

    /// True when the element's ancestors end with `names`.
    pub fn ends_with(&self, element: &Element<'_>, names: &[&str]) -> bool {
        let ancestors = self.ancestors(element);
        ancestors.len() >= names.len()
            && ancestors[ancestors.len() - names.len()..]
                .iter()
                .zip(names)
                .all(|(a, b)| a == b)
    }

    /// True when some open element is `name`.
    pub fn inside(&self, name: &str) -> bool {
        self.stack.iter().any(|n| n == name)
    }
}

/// The wrappers of `mc:AlternateContent`, read through as if absent.
fn is_transparent(name: &str) -> bool {
    matches!(name, "AlternateContent" | "Fallback")
}

fn local_name(start: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).into_owned()
}

/// The value of the attribute with local name `name` (`w:val` → `val`), entities resolved.
pub fn attr(element: &Element<'_>, name: &str) -> Option<String> {
    let start = element.start.as_ref()?;
    start.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name.as_bytes())
            .then(|| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(Cow::into_owned)
    })
}

pub fn attr_u32(element: &Element<'_>, name: &str) -> Option<u32> {
    attr(element, name)?.trim().parse().ok()
}

/// An on/off value (`w:val="true"`, `"1"`, `"on"`); an absent value means on.
pub fn is_on(value: &str) -> bool {
    !matches!(value, "false" | "0" | "off" | "none")
}
