//! The spoken text of a paragraph, joined from its pieces in the source, with a map back.
//!
//! A paragraph's prose skips what is not read aloud: indentation, line breaks inside a
//! sentence, Markdown markup, code, HTML and site residue. Checks search the joined text and
//! report byte ranges in the source through [`Prose::source_range`].

use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    /// The joined text.
    pub text: String,
    /// Pieces in order: where each starts in `text` and which source bytes it came from.
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    prose_start: usize,
    source: Range<usize>,
}

impl Prose {
    /// Appends the source bytes `range` (whose text is `source[range]`) to the prose.
    pub fn push(&mut self, source: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            prose_start: self.text.len(),
            source: range.clone(),
        });
        self.text.push_str(&source[range]);
    }

    /// Appends text that stands for `range` but is not the same bytes (a Markdown escape
    /// `\*` read as `*`). Offsets inside it map to the start of `range`.
    pub fn push_substitute(&mut self, text: &str, range: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            prose_start: self.text.len(),
            source: range.start..range.start + text.len().min(range.len()),
        });
        self.text.push_str(text);
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Source byte offset of a prose byte offset. An offset at the end of a piece maps to the
    /// end of that piece's source (so ranges never swallow the gap after them).
    pub fn source_offset(&self, prose_offset: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|p| p.prose_start <= prose_offset)
            .saturating_sub(1);
        match self.pieces.get(index) {
            Some(piece) => {
                let within = prose_offset - piece.prose_start;
                (piece.source.start + within).min(piece.source.end)
            }
            None => 0,
        }
    }

    /// Source range of a prose range. The end is mapped as "end of the previous character",
    /// so a range that ends at a piece boundary ends where that piece ends in the source.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start);
        if range.is_empty() {
            return start..start;
        }
        let last = self.last_char_start(range.end);
        let end_piece = self.piece_of(last);
        let end = match end_piece {
            Some(piece) => {
                (piece.source.start + (range.end - piece.prose_start)).min(piece.source.end)
            }
            None => start,
        };
        start..end.max(start)
    }

    /// Source ranges of the pieces, in order; what a reader would see highlighted.
    pub fn source_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.pieces.iter().map(|p| p.source.clone())
    }

    /// Prose offset of a source offset, if that byte belongs to the prose.
    pub fn prose_offset(&self, source_offset: usize) -> Option<usize> {
        self.pieces
            .iter()
            .find(|p| p.source.contains(&source_offset))
            .map(|p| p.prose_start + (source_offset - p.source.start))
    }

    fn piece_of(&self, prose_offset: usize) -> Option<&Piece> {
        let index = self
            .pieces
            .partition_point(|p| p.prose_start <= prose_offset)
            .checked_sub(1)?;
        self.pieces.get(index)
    }

    fn last_char_start(&self, end: usize) -> usize {
        let mut i = end.saturating_sub(1);
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_across_a_joined_line_break() {
        let source = "认真组织干部\n职工集中学习";
        let mut prose = Prose::default();
        prose.push(source, 0..18);
        prose.push(source, 19..37);
        assert_eq!(prose.text, "认真组织干部职工集中学习");
        // "干部职工" spans the break: it maps to the source from 干 to 工.
        let start = prose.text.find("干部").unwrap();
        let range = prose.source_range(start..start + "干部职工".len());
        assert_eq!(&source[range], "干部\n职工");
        // A range ending at the end of the first piece does not swallow the newline.
        let range = prose.source_range(0..18);
        assert_eq!(&source[range], "认真组织干部");
        assert_eq!(prose.prose_offset(19), Some(18));
        assert_eq!(prose.prose_offset(18), None);
    }
}
