//! The server's copy of each open document, and the one pure function that applies an
//! incremental change to it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use ropey::Rope;
use tower_lsp::lsp_types::{Range, TextDocumentContentChangeEvent, Url};

use crate::draft::DocKind;
use crate::position::Encoding;

use super::convert;

/// What an open document is to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocRole {
    /// A speech draft, checked by the core.
    Draft(DocKind),
    /// A `jianggao.toml`: validated, and its problems shown on it.
    ConfigFile,
}

impl DocRole {
    /// Markdown for `languageId: "markdown"` or a `.md` path; config for `jianggao.toml`.
    pub fn of(uri: &Url, language_id: &str) -> DocRole {
        let path = uri.path();
        let file_name = path.rsplit('/').next().unwrap_or("");
        if file_name == crate::config::CONFIG_FILE_NAME {
            DocRole::ConfigFile
        } else if language_id.eq_ignore_ascii_case("markdown") {
            DocRole::Draft(DocKind::Markdown)
        } else {
            DocRole::Draft(DocKind::from_path(path))
        }
    }
}

/// An open document: its text and the version the client gave it.
#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub role: DocRole,
    /// Bumped on every change to the text or to what it is checked against (config), so a
    /// pending analysis can tell it is stale.
    pub generation: u64,
    /// `generation`, shared with the analyses under way so they stop when it moves on (see
    /// [`crate::cancel`]); kept across a re-open of the same document.
    latest: Arc<AtomicU64>,
}

impl Document {
    /// A document just opened; `previous` is what the store held under its URI.
    pub fn open(rope: Rope, version: i32, role: DocRole, previous: Option<&Document>) -> Document {
        let (generation, latest) = match previous {
            Some(old) => (old.generation + 1, old.latest.clone()),
            None => (0, Arc::new(AtomicU64::new(0))),
        };
        latest.store(generation, Ordering::Relaxed);
        Document {
            rope,
            version,
            role,
            generation,
            latest,
        }
    }

    /// Marks the document as changed: analyses of the old generation are stale.
    pub fn bump(&mut self) {
        self.generation += 1;
        self.latest.store(self.generation, Ordering::Relaxed);
    }

    /// Cancels the analyses under way (the document was closed).
    pub fn cancel_all(&self) {
        self.latest.store(u64::MAX, Ordering::Relaxed);
    }

    /// The token of an analysis of the current generation.
    pub fn token(&self) -> crate::cancel::Token {
        crate::cancel::Token::new(self.latest.clone(), self.generation)
    }
}

/// Why a change was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    /// `start` after `end`.
    InvertedRange(Range),
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::InvertedRange(r) => write!(
                f,
                "inverted range {}:{}-{}:{} ignored",
                r.start.line, r.start.character, r.end.line, r.end.character
            ),
        }
    }
}

/// Applies one content change: a full replacement when it has no range, else the replacement
/// of `range` (read in `encoding`, clamped as the protocol says). O(log n) in the rope's size
/// plus the size of the inserted text.
pub fn apply_change(
    rope: &mut Rope,
    change: &TextDocumentContentChangeEvent,
    encoding: Encoding,
) -> Result<(), ChangeError> {
    let Some(range) = change.range else {
        *rope = Rope::from_str(&change.text);
        return Ok(());
    };
    if (range.start.line, range.start.character) > (range.end.line, range.end.character) {
        return Err(ChangeError::InvertedRange(range));
    }
    let start = rope.byte_to_char(convert::offset(rope, range.start, encoding));
    let end = rope.byte_to_char(convert::offset(rope, range.end, encoding));
    // Clamping keeps the order, but never trust it with a panic.
    let (start, end) = (start.min(end), start.max(end));
    rope.remove(start..end);
    rope.insert(start, &change.text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tower_lsp::lsp_types::Position;

    /// The naive model: lines split on CRLF, CR or LF; a position's character counts code
    /// units of `encoding`; clamped as the protocol says. Obviously right, and slow.
    fn model_offset(text: &str, pos: Position, encoding: Encoding) -> usize {
        let mut line_start = 0;
        let mut line = 0;
        let bytes = text.as_bytes();
        while line < pos.line {
            let Some(rel) = text[line_start..].find(['\r', '\n']) else {
                return text.len();
            };
            let brk = line_start + rel;
            line_start = if bytes[brk] == b'\r' && bytes.get(brk + 1) == Some(&b'\n') {
                brk + 2
            } else {
                brk + 1
            };
            line += 1;
        }
        let content_end = text[line_start..]
            .find(['\r', '\n'])
            .map_or(text.len(), |rel| line_start + rel);
        let mut units = 0;
        for (i, c) in text[line_start..content_end].char_indices() {
            let width = match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf32 => 1,
            };
            if units + width > pos.character as usize {
                return line_start + i;
            }
            units += width;
        }
        content_end
    }

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    /// Issue 14, items 6 and 8: a re-opened document goes on counting generations, and the
    /// analyses of an old generation see that they are stale.
    #[test]
    fn generations_count_on_across_a_reopen_and_cancel_old_analyses() {
        let role = DocRole::Draft(DocKind::Plain);
        let mut doc = Document::open(Rope::from_str("甲"), 9, role, None);
        let first = doc.token();
        assert!(!first.is_cancelled());
        doc.bump();
        assert!(first.is_cancelled());
        let second = doc.token();
        let reopened = Document::open(Rope::from_str("乙"), 1, role, Some(&doc));
        assert_eq!(reopened.generation, 2);
        assert!(second.is_cancelled());
        assert!(!reopened.token().is_cancelled());
        reopened.cancel_all();
        assert!(reopened.token().is_cancelled());
    }

    #[test]
    fn replaces_across_astral_and_crlf() {
        let mut rope = Rope::from_str("𠮷XX省长\r\n第二行");
        // UTF-16: 𠮷 is two units, so XX is 2..4.
        apply_change(&mut rope, &change((0, 2), (0, 4), "张"), Encoding::Utf16).unwrap();
        assert_eq!(rope.to_string(), "𠮷张省长\r\n第二行");
        // UTF-8: delete the CRLF from the end of line 0 to the start of line 1.
        let end_of_line0 = "𠮷张省长".len() as u32;
        apply_change(
            &mut rope,
            &change((0, end_of_line0), (1, 0), ""),
            Encoding::Utf8,
        )
        .unwrap();
        assert_eq!(rope.to_string(), "𠮷张省长第二行");
        // UTF-32: past the end clamps to the end of the (only) line.
        apply_change(&mut rope, &change((0, 99), (7, 0), "。"), Encoding::Utf32).unwrap();
        assert_eq!(rope.to_string(), "𠮷张省长第二行。");
    }

    #[test]
    fn inverted_range_is_refused_and_text_kept() {
        let mut rope = Rope::from_str("一二三");
        let err = apply_change(&mut rope, &change((0, 2), (0, 1), "x"), Encoding::Utf16);
        assert!(matches!(err, Err(ChangeError::InvertedRange(_))));
        assert_eq!(rope.to_string(), "一二三");
    }

    #[test]
    fn full_replacement_without_range() {
        let mut rope = Rope::from_str("旧");
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "新\r\n".into(),
        };
        apply_change(&mut rope, &full, Encoding::Utf8).unwrap();
        assert_eq!(rope.to_string(), "新\r\n");
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "XX",
            "讲",
            "稿。",
            "𠮷",
            "😀",
            "\r\n",
            "\r",
            "\n",
            " ",
            "同志们：",
        ])
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
    }

    fn encoding() -> impl Strategy<Value = Encoding> {
        prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any sequence of (possibly out-of-range, possibly mid-character) edits gives the same
        /// text in the rope as in the naive String model.
        #[test]
        fn edits_match_string_model(
            initial in text(),
            encoding in encoding(),
            edits in prop::collection::vec(
                ((0u32..8, 0u32..14), (0u32..8, 0u32..14), text()), 1..20),
        ) {
            let mut rope = Rope::from_str(&initial);
            let mut model = initial.clone();
            for ((l1, c1), (l2, c2), insert) in edits {
                let (a, b) = (Position::new(l1, c1), Position::new(l2, c2));
                let (a, b) = if (l1, c1) <= (l2, c2) { (a, b) } else { (b, a) };
                let ev = change((a.line, a.character), (b.line, b.character), &insert);
                apply_change(&mut rope, &ev, encoding).unwrap();
                let start = model_offset(&model, a, encoding);
                let end = model_offset(&model, b, encoding).max(start);
                model.replace_range(start..end, &insert);
                prop_assert_eq!(rope.to_string(), model.clone());
            }
        }
    }
}
