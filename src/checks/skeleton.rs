//! Where a speech's parts sit in the source, and how to insert a missing one in the draft's
//! own layout (line ending, blank lines between paragraphs). Shared by the section rules.

use std::ops::Range;

use crate::draft::{Draft, Speech};

/// The draft's line ending: CRLF when it uses one, else LF.
pub fn line_ending(text: &str) -> &'static str {
    // memmem: the whole draft is searched when it has no CRLF, on every analysis.
    if memchr::memmem::find(text.as_bytes(), b"\r\n").is_some() {
        "\r\n"
    } else {
        "\n"
    }
}

/// The offset after the line break that starts at `line_end` (`\r\n`, `\n` or `\r`), or
/// `line_end` itself at the end of the text.
pub fn after_line_break(text: &str, line_end: usize) -> usize {
    let rest = text.get(line_end..).unwrap_or("");
    let len = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with(['\n', '\r']) {
        1
    } else {
        0
    };
    line_end + len
}

/// What separates two paragraphs of this speech: one line ending, or two when the draft
/// leaves a blank line between paragraphs.
pub fn paragraph_break(draft: &Draft<'_>, speech: &Speech) -> String {
    let eol = line_ending(draft.text);
    let indices = speech.paragraphs.clone();
    let blank_separated = indices
        .clone()
        .zip(indices.skip(1))
        .filter_map(|(a, b)| {
            let (a, b) = (draft.paragraphs.get(a)?, draft.paragraphs.get(b)?);
            let last_line = a.lines.end.checked_sub(1)?;
            Some(b.lines.start > last_line + 1)
        })
        .take(8)
        .fold((0, 0), |(yes, all), blank| {
            (yes + usize::from(blank), all + 1)
        });
    if blank_separated.1 > 0 && blank_separated.0 * 2 > blank_separated.1 {
        eol.repeat(2)
    } else {
        eol.to_owned()
    }
}

/// Byte offset where paragraph `index`'s first line starts (before any indentation).
pub fn line_start(draft: &Draft<'_>, index: usize) -> usize {
    draft
        .paragraphs
        .get(index)
        .and_then(|p| draft.lines.get(p.lines.start))
        .map_or(0, |line| line.range.start)
}

/// Byte offset where paragraph `index`'s last line ends (before its line ending).
pub fn line_end(draft: &Draft<'_>, index: usize) -> usize {
    draft
        .paragraphs
        .get(index)
        .and_then(|p| draft.lines.get(p.lines.end.checked_sub(1)?))
        .map_or(draft.text.len(), |line| line.range.end)
}

/// The first sentence of paragraph `index` as a source range (up to and including the first
/// `。！？；：`, at most about 30 characters): where a finding about the paragraph points.
pub fn head(draft: &Draft<'_>, index: usize) -> Range<usize> {
    let Some(paragraph) = draft.paragraphs.get(index) else {
        return 0..0;
    };
    let prose = &paragraph.prose.text;
    let mut end = prose.len();
    for (count, (at, c)) in prose.char_indices().enumerate() {
        if count >= 30 {
            end = at;
            break;
        }
        if matches!(c, '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':') {
            end = at + c.len_utf8();
            break;
        }
    }
    paragraph.prose.source_range(0..end)
}

/// The last sentence of paragraph `index` as a source range (at most about 30 characters):
/// where a finding about what should follow the paragraph points.
pub fn tail(draft: &Draft<'_>, index: usize) -> Range<usize> {
    let Some(paragraph) = draft.paragraphs.get(index) else {
        return 0..0;
    };
    let prose = paragraph
        .prose
        .text
        .trim_end_matches(crate::draft::is_padding);
    let body = prose.trim_end_matches(['。', '！', '？', '!', '?', '；', ';', '…', '”']);
    let mut start = 0;
    for (count, (at, c)) in body.char_indices().rev().enumerate() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';') {
            start = at + c.len_utf8();
            break;
        }
        if count >= 30 {
            start = at;
            break;
        }
    }
    paragraph.prose.source_range(start..prose.len())
}

/// How a speech is named in messages when the draft holds several (`第三篇`, `篇二`).
pub fn speech_label(draft: &Draft<'_>, speech: &Speech) -> Option<String> {
    if draft.speeches.len() < 2 {
        return None;
    }
    let (index, marker) = speech.separator.as_ref()?;
    let prose = &draft.paragraphs.get(*index)?.prose.text;
    let written = prose.get(marker.written.clone())?;
    Some(
        written
            .trim_matches(['（', '）', '(', ')', '【', '】'])
            .to_owned(),
    )
}

/// The subject of a message about a speech: "讲稿", or "第三篇" in a compilation.
pub fn subject(draft: &Draft<'_>, speech: &Speech) -> String {
    speech_label(draft, speech).unwrap_or_else(|| "讲稿".to_owned())
}

/// A speech worth checking for its anatomy: a part of a compilation, a text whose kind is
/// known (its title says `…党课`), or a text that already has at least one part of a speech
/// (a salutation, sections or a closing). A bare note or a
/// single paragraph is not held to a speech's anatomy.
pub fn is_speech_like(speech: &Speech) -> bool {
    speech.separator.is_some()
        || speech.kind.is_some()
        || speech.salutation.is_some()
        || !speech.sections.is_empty()
        || !speech.closing.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::draft::DocKind;

    #[test]
    fn paragraph_break_follows_the_draft() {
        let config = Config::default();
        let dense = Draft::parse("标题\n同志们：\n今天开会。\n", DocKind::Plain, &config);
        assert_eq!(paragraph_break(&dense, &dense.speeches[0]), "\n");
        let airy = Draft::parse(
            "标题\r\n\r\n同志们：\r\n\r\n今天开会。\r\n",
            DocKind::Plain,
            &config,
        );
        assert_eq!(paragraph_break(&airy, &airy.speeches[0]), "\r\n\r\n");
    }

    #[test]
    fn head_and_tail_are_the_first_and_last_sentences() {
        let text = "　　今天我们开会。主要任务是部署工作。";
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        assert_eq!(&text[head(&draft, 0)], "今天我们开会。");
        assert_eq!(&text[tail(&draft, 0)], "主要任务是部署工作。");
    }
}
