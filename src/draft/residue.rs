//! Residue from template sites and document conversion: page numbers, pagination, site
//! notices. The model treats residue as non-text; the `residue` check reports it.

use std::ops::Range;

/// What a residue span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidueKind {
    PageNumber,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Residue {
    pub kind: ResidueKind,
    /// Source bytes to delete.
    pub range: Range<usize>,
}

/// Finds residue in the whole text, sorted by position and non-overlapping.
pub fn detect(_text: &str) -> Vec<Residue> {
    Vec::new()
}
