//! What a check reports: plain data with byte ranges into the draft's text.
//! Nothing here knows about LSP or the terminal; the adapters convert at the edge.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    /// The word a Chinese reader sees in `jianggao check` output.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
            Severity::Hint => "建议",
        }
    }
}

/// One problem found in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable kebab-case rule code, e.g. `placeholder`.
    pub rule: &'static str,
    /// Filled in by the pipeline from the rule's default and the user's config.
    pub severity: Severity,
    /// What is wrong, in Chinese.
    pub message: String,
    /// Byte range into the draft's text.
    pub range: Range<usize>,
    /// Other places the finding points at (the first copy of a repeated sentence, …).
    pub related: Vec<Related>,
    /// Ways to repair it; the first is the preferred one.
    pub fixes: Vec<Fix>,
    /// More detail shown on hover (Markdown, Chinese), e.g. how often the phrase occurs.
    pub note: Option<String>,
}

impl Finding {
    /// A finding with the rule's default severity; the pipeline overrides it from config.
    pub fn new(rule: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Warning,
            message: message.into(),
            range,
            related: Vec::new(),
            fixes: Vec::new(),
            note: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn with_related(mut self, range: Range<usize>, message: impl Into<Arc<str>>) -> Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }
}

/// A place a finding refers to, with a short note. The note may be shared: a phrase said ten
/// times in a paragraph gives nine findings, each pointing at the others with the same notes
/// (`本段第 3 处“进一步”`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: Arc<str>,
}

/// A repair: a titled set of non-overlapping byte-range replacements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Shown in the editor's quick-fix menu, in Chinese.
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            edits,
        }
    }

    /// Applies the edits to `text`. Edits must not overlap; they may come in any order.
    pub fn apply(&self, text: &str) -> String {
        apply_edits(text, &self.edits)
    }
}

/// Replace `range` (bytes) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Self {
        Edit::replace(range, "")
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(at..at, text)
    }
}

/// Applies non-overlapping edits to `text`, back to front so earlier offsets stay valid.
/// Overlapping edits (a bug in a check) are skipped rather than corrupting the text.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        let Range { start, end } = edit.range;
        if start < cursor || end > text.len() || start > end {
            continue;
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.replacement);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_any_order() {
        let text = "一是甲。三是乙。";
        let edits = vec![Edit::replace(12..15, "二"), Edit::insert(0, "【")];
        assert_eq!(apply_edits(text, &edits), "【一是甲。二是乙。");
    }

    #[test]
    fn overlapping_edit_is_skipped() {
        let edits = vec![Edit::replace(0..3, "x"), Edit::replace(1..2, "y")];
        assert_eq!(apply_edits("abc", &edits), "x");
    }
}
