//! Byte offsets ↔ line/character positions in a negotiated encoding.
//!
//! The core speaks byte offsets; LSP clients speak (line, character) where a character is a
//! UTF-16 code unit by default, or a byte / code point when negotiated. Lines end at `\n`,
//! `\r\n` or `\r`, as the protocol says (ropey is built with `cr_lines` and without
//! `unicode_lines` for exactly this). Out-of-range positions are clamped, never a panic.

use ropey::Rope;

/// What a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

/// A zero-based line and character, counted in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// The position of byte `offset` (clamped to the text, rounded down to a char boundary, and
/// from between a CR and its LF down to the CR).
pub fn offset_to_position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let mut char_idx = rope.byte_to_char(offset.min(rope.len_bytes()));
    // Between the CR and LF of a CRLF is no position at all: round down to the CR.
    if char_idx > 0
        && char_idx < rope.len_chars()
        && rope.char(char_idx) == '\n'
        && rope.char(char_idx - 1) == '\r'
    {
        char_idx -= 1;
    }
    let line = rope.char_to_line(char_idx);
    let line_start_char = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start_char),
        Encoding::Utf32 => char_idx - line_start_char,
    };
    Position {
        line: line as u32,
        character: character as u32,
    }
}

/// A text whose byte offsets turn into positions: the server's rope, or a [`LineIndex`] of
/// a text that is not edited (the command line's).
pub trait Positions {
    /// The position of byte `offset`, as [`offset_to_position`] gives it.
    fn position(&self, offset: usize, encoding: Encoding) -> Position;
}

impl Positions for Rope {
    fn position(&self, offset: usize, encoding: Encoding) -> Position {
        offset_to_position(self, offset, encoding)
    }
}

/// Where the lines of a text start, for turning its byte offsets into positions without
/// building a rope: the line by a binary search, the character by counting from the line's
/// start. The command line converts every finding of a file once, for which a rope's walks
/// cost more than the analysis did.
pub struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset of each line's start; the first is 0.
    starts: Vec<usize>,
    /// For each block of [`BLOCK`] bytes, and for the text's end, the chars and the
    /// four-byte chars in the text before it: a position in a long line counts from the block
    /// it falls in, not from the line's start (in a long paragraph with many findings that
    /// count was the largest single cost of a batch check).
    blocks: Vec<(u32, u32)>,
    /// The same counts before each line's start.
    line_counts: Vec<(u32, u32)>,
}

/// Chars and four-byte chars in `bytes` before `offset` (at most its length), from the
/// counts before each block.
fn counts_before(bytes: &[u8], blocks: &[(u32, u32)], offset: usize) -> (u32, u32) {
    let block = offset / BLOCK;
    let (chars, astral) = blocks[block];
    let (more, more_astral) = count_chars(&bytes[block * BLOCK..offset]);
    (chars + more, astral + more_astral)
}

/// The bytes of a [`LineIndex`] block.
const BLOCK: usize = 64;

/// Chars and four-byte chars that start in `bytes`, counted on bytes (which vectorises): a
/// char starts at every byte but a continuation byte, and takes two UTF-16 units where it
/// starts with a four-byte lead.
fn count_chars(bytes: &[u8]) -> (u32, u32) {
    let (mut chars, mut astral) = (0u32, 0u32);
    for &b in bytes {
        chars += u32::from(b & 0xC0 != 0x80);
        astral += u32::from(b >= 0xF0);
    }
    (chars, astral)
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A CR followed by its LF ends the line at the LF.
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
        }
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut before = (0, 0);
        for block in bytes.chunks(BLOCK) {
            blocks.push(before);
            let (chars, astral) = count_chars(block);
            before = (before.0 + chars, before.1 + astral);
        }
        blocks.push(before);
        let line_counts = starts
            .iter()
            .map(|&at| counts_before(bytes, &blocks, at))
            .collect();
        LineIndex {
            text,
            starts,
            blocks,
            line_counts,
        }
    }

    /// Lines in the text: one more than its line breaks, as a rope counts them.
    pub fn len_lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset where `line` starts (the text's end past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// The text of `line` with its line ending.
    pub fn line(&self, line: usize) -> &'a str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        &self.text[start..end]
    }
}

impl Positions for LineIndex<'_> {
    fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // Between the CR and LF of a CRLF is no position at all: round down to the CR.
        if offset > 0 && text[offset..].starts_with('\n') && text[..offset].ends_with('\r') {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            _ => {
                // From the line's start, or from the block the offset falls in where that is
                // nearer; never more than a block's bytes counted.
                let (chars, astral) = if offset - start <= BLOCK {
                    count_chars(&text.as_bytes()[start..offset])
                } else {
                    let (chars, astral) = counts_before(text.as_bytes(), &self.blocks, offset);
                    let (line_chars, line_astral) = self.line_counts[line];
                    (chars - line_chars, astral - line_astral)
                };
                match encoding {
                    Encoding::Utf16 => (chars + astral) as usize,
                    _ => chars as usize,
                }
            }
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }
}

/// The byte offset of `position`. A line past the end clamps to the end of the text; a
/// character past the end of its line clamps to the end of the line (before its line ending);
/// a character inside a UTF-16 surrogate pair or a UTF-8 sequence rounds down to its char.
pub fn position_to_offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start_char = rope.line_to_char(line);
    let line_chars = content_chars(rope, line);
    let wanted = position.character as usize;
    let chars_in = match encoding {
        Encoding::Utf32 => wanted.min(line_chars),
        Encoding::Utf16 => {
            let base = rope.char_to_utf16_cu(line_start_char);
            let end = rope.char_to_utf16_cu(line_start_char + line_chars);
            let cu = (base + wanted).min(end);
            rope.utf16_cu_to_char(cu) - line_start_char
        }
        Encoding::Utf8 => {
            let base = rope.line_to_byte(line);
            let end = rope.char_to_byte(line_start_char + line_chars);
            let byte = (base + wanted).min(end);
            rope.byte_to_char(byte) - line_start_char
        }
    };
    rope.char_to_byte(line_start_char + chars_in)
}

/// Number of chars on `line` without its line ending.
fn content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        n -= 1;
    }
    if n > 0 && slice.char(n - 1) == '\r' {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A line index puts every byte offset (in range or past the end, on a boundary or
        /// inside a character, on a CR or between a CR and its LF) where the rope does.
        #[test]
        fn a_line_index_places_offsets_as_the_rope_does(
            // Long enough for lines across several blocks of the index.
            text in "([a中𠮷 ，]{0,120}(\r\n|\r|\n)?){0,6}",
            offsets in proptest::collection::vec(0usize..1300, 1..40),
        ) {
            let rope = Rope::from_str(&text);
            let index = LineIndex::new(&text);
            prop_assert_eq!(index.len_lines(), rope.len_lines());
            for line in 0..rope.len_lines() {
                prop_assert_eq!(index.line_start(line), rope.line_to_byte(line));
                prop_assert_eq!(index.line(line), rope.line(line).to_string());
            }
            for offset in offsets {
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    prop_assert_eq!(
                        index.position(offset, encoding),
                        rope.position(offset, encoding),
                        "{:?} at {} in {:?}", encoding, offset, text
                    );
                }
            }
        }
    }

    #[test]
    fn a_line_index_counts_lines_as_the_protocol_does() {
        let text = "一\r\n二\r三\n𠮷四";
        let index = LineIndex::new(text);
        assert_eq!(index.len_lines(), 4);
        assert_eq!(index.line(1), "二\r");
        let four = text.find('四').unwrap();
        assert_eq!(
            index.position(four, Encoding::Utf16),
            Position {
                line: 3,
                character: 2
            }
        );
        // The LF of a CRLF is the CR's position.
        assert_eq!(
            index.position("一\r".len(), Encoding::Utf8),
            Position {
                line: 0,
                character: 3
            }
        );
    }

    #[test]
    fn astral_character_counts_two_in_utf16() {
        let rope = Rope::from_str("𠮷XX省长\r\n第二行");
        let offset = "𠮷".len();
        assert_eq!(
            offset_to_position(&rope, offset, Encoding::Utf16),
            Position {
                line: 0,
                character: 2
            }
        );
        assert_eq!(
            offset_to_position(&rope, offset, Encoding::Utf8),
            Position {
                line: 0,
                character: 4
            }
        );
        assert_eq!(
            offset_to_position(&rope, offset, Encoding::Utf32),
            Position {
                line: 0,
                character: 1
            }
        );
        // Inside the surrogate pair: rounds down to the start of 𠮷.
        assert_eq!(
            position_to_offset(
                &rope,
                Position {
                    line: 0,
                    character: 1
                },
                Encoding::Utf16
            ),
            0
        );
        // Past the end of the line: clamps before the CRLF.
        let end_of_line = "𠮷XX省长".len();
        assert_eq!(
            position_to_offset(
                &rope,
                Position {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            end_of_line
        );
        // Past the last line: the end of the text.
        assert_eq!(
            position_to_offset(
                &rope,
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            rope.len_bytes()
        );
    }

    /// The naive model: the position of byte `offset` (a char boundary, not inside a CRLF).
    fn model_position(text: &str, offset: usize, encoding: Encoding) -> Position {
        let before = &text[..offset];
        let mut line = 0;
        let mut line_start = 0;
        let bytes = before.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let is_break = b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
            if is_break {
                line += 1;
                line_start = i + 1;
            }
        }
        let character = match encoding {
            Encoding::Utf8 => offset - line_start,
            Encoding::Utf16 => text[line_start..offset].encode_utf16().count(),
            Encoding::Utf32 => text[line_start..offset].chars().count(),
        };
        Position {
            line,
            character: character as u32,
        }
    }

    #[test]
    fn offset_inside_crlf_or_char_rounds_down() {
        let rope = Rope::from_str("讲\r\n稿");
        let cr = "讲".len();
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(
                offset_to_position(&rope, cr + 1, encoding),
                offset_to_position(&rope, cr, encoding)
            );
            assert_eq!(
                offset_to_position(&rope, 1, encoding),
                Position::default(),
                "inside 讲"
            );
            assert_eq!(
                offset_to_position(&rope, 999, encoding),
                Position {
                    line: 1,
                    character: if encoding == Encoding::Utf8 { 3 } else { 1 }
                }
            );
        }
    }

    #[test]
    fn empty_text_and_trailing_break() {
        let empty = Rope::new();
        let p = Position {
            line: 3,
            character: 3,
        };
        assert_eq!(position_to_offset(&empty, p, Encoding::Utf16), 0);
        assert_eq!(
            offset_to_position(&empty, 5, Encoding::Utf16),
            Position::default()
        );
        let rope = Rope::from_str("甲\r");
        assert_eq!(
            offset_to_position(&rope, rope.len_bytes(), Encoding::Utf16),
            Position {
                line: 1,
                character: 0
            }
        );
    }

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "Z", "讲", "稿。", "𠮷", "😀", "\r\n", "\r", "\n", "　", "XX",
            ]),
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// At every char boundary (except between CR and LF, which no position names) the
        /// position matches the naive model and converts back to the same byte.
        #[test]
        fn round_trips_at_every_char_boundary(text in text()) {
            let rope = Rope::from_str(&text);
            let offsets = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .filter(|&i| !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n')));
            for offset in offsets {
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    let position = offset_to_position(&rope, offset, encoding);
                    proptest::prop_assert_eq!(position, model_position(&text, offset, encoding));
                    proptest::prop_assert_eq!(position_to_offset(&rope, position, encoding), offset);
                }
            }
        }
    }
}
