//! What the proofreading rules (`typo`, `doubled-char`, `punctuation-*`, `number-style`)
//! share: character classes, the units a draft is judged in, and when a habit is pervasive.

use std::ops::Range;

use crate::draft::Draft;

/// A Chinese character (CJK ideograph, extensions included, and the numeral `〇`).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}'
        | '〇')
}

/// Offsets of the bytes `EF BC` in `bytes`: where a character of U+FF00–U+FF3F starts in
/// UTF-8 (full-width punctuation and digits). The searcher is built once; building one per
/// paragraph cost more than the search.
pub fn full_width_leads(bytes: &[u8]) -> memchr::memmem::FindIter<'_, 'static> {
    static LEAD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(&[0xEF, 0xBC]));
    LEAD.find_iter(bytes)
}

/// Full-width punctuation of Chinese text: the CJK punctuation block, full-width forms that
/// are not letters or digits, curly quotes, the ellipsis and the dash.
pub fn is_chinese_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// An ASCII space or tab (what a web page puts after a half-width comma).
pub fn is_ascii_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The paragraph ranges a draft is judged in: each speech of a compilation on its own (one
/// pasted from a web page does not make the others "web-like"), or the whole draft. Headers
/// outside any speech belong to the next one.
pub fn speech_units(draft: &Draft<'_>) -> Vec<Range<usize>> {
    let total = draft.paragraphs.len();
    let mut units: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for speech in &draft.speeches {
        let end = speech.paragraphs.end.min(total);
        if end > start {
            units.push(start..end);
            start = end;
        }
    }
    if start < total {
        match units.last_mut() {
            Some(last) => last.end = total,
            None => units.push(start..total),
        }
    }
    units
}

/// The source range of a prose range when the source reads exactly the same (no line break,
/// markup or residue inside): what a fix may rewrite without touching anything else.
pub fn source_exact(
    draft: &Draft<'_>,
    paragraph: usize,
    prose: Range<usize>,
) -> Option<Range<usize>> {
    let p = draft.paragraphs.get(paragraph)?;
    let source = p.prose.source_range(prose.clone());
    (draft.text.get(source.clone())? == p.prose.text.get(prose)?).then_some(source)
}

/// Merges two increasing sequences of offsets (what two memchr searches yield) into one.
pub fn merge_sorted(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x <= y => a.next(),
        (Some(_), Some(_)) => b.next(),
        (Some(_), None) => a.next(),
        (None, _) => b.next(),
    })
}

/// Fewest occurrences of a habit (half-width marks, full-width digits) that count as the way
/// the text is written rather than slips.
pub const PERVASIVE_MIN: usize = 5;

/// True when `odd` occurrences of a habit among `usual` occurrences of the standard form are
/// the way a text is written (pasted from a web page, typed with the wrong input mode) rather
/// than slips: at least [`PERVASIVE_MIN`] of them, and at least a fifth of all. Such a text
/// gets one finding with a fix for all of them instead of a red line at every comma.
pub fn pervasive(odd: usize, usual: usize) -> bool {
    odd >= PERVASIVE_MIN && odd * 5 >= odd + usual
}

/// The last paragraph of a draft that stops mid-sentence (cut off, or still being typed):
/// something it opens may be closed by text that is not there yet.
pub fn unfinished_last_paragraph(draft: &Draft<'_>) -> Option<usize> {
    let last = draft.paragraphs.len().checked_sub(1)?;
    let text = draft.paragraphs[last]
        .prose
        .text
        .trim_end_matches(crate::draft::is_padding);
    let ends = matches!(
        text.chars().last(),
        Some(
            '。' | '！'
                | '？'
                | '!'
                | '?'
                | '…'
                | '”'
                | '’'
                | '）'
                | ')'
                | '》'
                | '】'
                | '：'
                | ':'
                | '；'
                | ';'
        )
    );
    (!ends).then_some(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pervasive_needs_five_and_a_fifth() {
        assert!(!pervasive(4, 0));
        assert!(pervasive(5, 0));
        assert!(pervasive(5, 20));
        assert!(!pervasive(5, 21));
        assert!(!pervasive(30, 200));
    }

    #[test]
    fn merge_sorted_interleaves() {
        let merged: Vec<usize> =
            merge_sorted([1, 4, 9].into_iter(), [0, 4, 5, 10].into_iter()).collect();
        assert_eq!(merged, [0, 1, 4, 4, 5, 9, 10]);
    }

    #[test]
    fn character_classes() {
        assert!(is_han('讲') && is_han('〇') && !is_han('，') && !is_han('a'));
        assert!(is_chinese_punct('，') && is_chinese_punct('“') && is_chinese_punct('）'));
        assert!(!is_chinese_punct(',') && !is_chinese_punct('２') && !is_chinese_punct('讲'));
    }
}
