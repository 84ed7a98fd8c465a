//! The outline of a draft: the tree shown in the editor's outline view, as folding ranges and
//! by `jianggao outline`. Owned data with byte ranges, so it outlives the parsed draft.

use std::ops::Range;

/// What part of a speech a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// One speech of a compilation (or the whole draft when it holds one speech).
    Speech,
    Title,
    Salutation,
    Opening,
    /// A numbered or headed body section.
    Section,
    /// An inline enumeration item (`一是…`), a leaf under its section.
    Item,
    Closing,
}

/// One node of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineNode {
    pub kind: NodeKind,
    /// Heading text without its ordinal (`思想认识要到位`), or a label such as `称呼`.
    pub name: String,
    /// The ordinal as written (`（二）`, `一是`), if any.
    pub ordinal: Option<String>,
    /// The whole node, heading through its last paragraph.
    pub range: Range<usize>,
    /// The heading (or first line) only; inside `range`.
    pub selection_range: Range<usize>,
    /// Spoken characters in the node (no punctuation, no residue), for the time estimate.
    pub spoken_chars: usize,
    pub children: Vec<OutlineNode>,
}

/// The outline of a whole draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub nodes: Vec<OutlineNode>,
    /// Spoken characters in the whole draft.
    pub spoken_chars: usize,
    /// Characters per minute the times are estimated with.
    pub chars_per_minute: u32,
}

impl Outline {
    /// Estimated speaking time in whole minutes (at least 1 for any spoken text).
    pub fn minutes(&self, spoken_chars: usize) -> u32 {
        if spoken_chars == 0 || self.chars_per_minute == 0 {
            return 0;
        }
        (spoken_chars as u32).div_ceil(self.chars_per_minute)
    }
}
