//! Layout: the logical lines of a draft. Real drafts arrive with their paragraphs fused: a
//! template page puts the title, the salutation and the first sentence on one line
//! (`…工作会议上的讲话同志们：今天…`), a PDF copy turns paragraph breaks into spaces
//! (`…开幕了。 现在，请工作人员清点人数。`), section headings run into their first paragraph
//! (`…意见。一、提高认识。（一）…`, `一、认清形势 今年以来…`), or a whole speech is one line.
//!
//! This layer splits each physical line (its readable pieces, residue already taken out)
//! into logical lines where such a boundary is certain, and drops single spaces a copy left
//! inside words (`各位领导、 同志们`, `2.6 万人`). It never changes the source: a logical line
//! is a list of source ranges, and [`LogicalLine::fused`] says that it shares its physical
//! line with other text. Paragraphs are then built from logical lines (see `join_paragraphs`).

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::address::{address_at, After};
use super::lexicon::LEXICON;
use super::ordinal::{self, Scheme};
use super::{is_padding, Line, Prose};
use crate::memo::{HeapSize, Memo};

/// A line as the speech reads it: a physical line, or a part of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicalLine {
    /// Index of the physical line in [`super::Draft::lines`].
    pub line: usize,
    /// Readable source ranges, in order.
    pub pieces: Vec<Range<usize>>,
    /// Markdown heading level of the physical line.
    pub heading_level: Option<u8>,
    /// A row of a Markdown table.
    pub table_row: bool,
    /// Readable text of the same physical line comes before this logical line.
    pub fused_before: bool,
    /// Readable text of the same physical line comes after this logical line.
    pub fused_after: bool,
    /// The line is a host's part of a script (`男：…`); the label is not in `pieces`.
    pub host: bool,
}

/// Splits every physical line into its logical lines.
pub fn logical_lines(text: &str, lines: &[Line]) -> Vec<LogicalLine> {
    let mut out = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        if line.pieces.is_empty() {
            continue;
        }
        let mut pieces = line.pieces.clone();
        let host = strip_host_label(text, &mut pieces);
        let whole = LogicalLine {
            line: index,
            pieces: pieces.clone(),
            heading_level: line.heading_level,
            table_row: line.table_row,
            fused_before: false,
            fused_after: false,
            host,
        };
        if line.heading_level.is_some() || line.table_row {
            out.push(whole);
            continue;
        }
        // Most lines are one piece: plan on the source itself, without a copy.
        let (plan, breaks, drops) = if let [piece] = pieces.as_slice() {
            let plan = planned(&text[piece.clone()]);
            let shift = |o: usize| piece.start + o;
            let breaks: Vec<usize> = plan.breaks.iter().map(|&b| shift(b)).collect();
            let drops: Vec<Range<usize>> = plan
                .drops
                .iter()
                .map(|d| shift(d.start)..shift(d.end))
                .collect();
            (plan, breaks, drops)
        } else {
            let mut prose = Prose::default();
            for piece in &pieces {
                prose.push(text, piece.clone());
            }
            let plan = planned(&prose.text);
            let breaks: Vec<usize> = plan
                .breaks
                .iter()
                .map(|&b| prose.source_offset(b))
                .collect();
            let drops: Vec<Range<usize>> = plan
                .drops
                .iter()
                .map(|d| prose.source_range(d.clone()))
                .collect();
            (plan, breaks, drops)
        };
        if plan.breaks.is_empty() && plan.drops.is_empty() {
            out.push(whole);
            continue;
        }
        let parts = cut(text, &pieces, &breaks, &drops);
        let n = parts.len();
        for (k, pieces) in parts.into_iter().enumerate() {
            out.push(LogicalLine {
                line: index,
                pieces,
                heading_level: None,
                table_row: false,
                fused_before: k > 0,
                fused_after: k + 1 < n,
                host,
            });
        }
    }
    out
}

/// Takes a host's label (`男：`) off the front of a line's pieces; true when there was one.
fn strip_host_label(text: &str, pieces: &mut Vec<Range<usize>>) -> bool {
    let Some(first) = pieces.first().cloned() else {
        return false;
    };
    let Some(len) = LEXICON.host_label(&text[first.clone()]) else {
        return false;
    };
    let rest = super::trimmed(text, first.start + len..first.end);
    if rest.is_empty() {
        pieces.remove(0);
    } else {
        pieces[0] = rest;
    }
    true
}

/// Plans by line text: a line's plan depends on its text alone, and a re-analysis after an
/// edit re-plans only the lines the edit changed.
static PLANS: LazyLock<Memo<Plan>> = LazyLock::new(|| Memo::new(1 << 20));

fn planned(t: &str) -> Arc<Plan> {
    PLANS.get_or_insert_with(t, |_| plan(t))
}

/// Empties the memo of plans.
pub(super) fn clear_memo() {
    PLANS.clear();
}

impl HeapSize for Plan {
    fn heap_size(&self) -> usize {
        self.breaks.heap_size() + self.drops.heap_size()
    }
}

/// Where a line's prose is split and which bytes of it are dropped.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    /// Prose offsets where a new logical line starts, ascending.
    breaks: Vec<usize>,
    /// Prose ranges of spaces inside words, ascending.
    drops: Vec<Range<usize>>,
}

/// A sentence end (or a colon) followed by a character that may start a heading marker:
/// where pass 2 of [`plan`] looks.
static HEADING_AFTER_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("[。！？!?；;：:][一二三四五六七八九十（(第0-9]").expect("valid pattern")
});

/// A run of spaces ([`is_space`]: padding other than line ends).
static SPACE_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\s\x{feff}&&[^\r\n]]+").expect("valid pattern"));

/// Sentence ends after which a run of spaces is a paragraph break.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' | '”' | '」'
    )
}

fn is_space(c: char) -> bool {
    is_padding(c) && c != '\n' && c != '\r'
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3007}')
}

/// A CJK character or CJK punctuation: what a space between two of is not a word separator.
fn is_cjk_like(c: char) -> bool {
    is_cjk(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '‘' | '’' | '…' | '—')
}

fn char_before(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

fn char_at(s: &str, at: usize) -> Option<char> {
    s[at..].chars().next()
}

/// Heading schemes that may start a logical line in the middle of a physical one.
fn splits_before(scheme: Scheme) -> bool {
    matches!(
        scheme,
        Scheme::Part
            | Scheme::Chinese
            | Scheme::ParenChinese
            | Scheme::Arabic
            | Scheme::ParenArabic
    )
}

fn plan(t: &str) -> Plan {
    let mut breaks: Vec<usize> = Vec::new();
    let mut drops: Vec<Range<usize>> = Vec::new();
    let start = t.len() - t.trim_start_matches(is_padding).len();

    // 1. A title fused with the address after it, and an address fused with what follows.
    address_breaks(t, start, &mut breaks);

    // 2. A heading marker right after a sentence end (`…意见。一、…`, `…时代意义。（一）…`).
    //    Found by one compiled search, not by decoding every character: this runs on every
    //    line of every analysis.
    for m in HEADING_AFTER_END.find_iter(&t[start..]) {
        let end_mark = start + m.start();
        let Some(before) = char_at(t, end_mark) else {
            continue;
        };
        let i = end_mark + before.len_utf8();
        let Some(h) = ordinal::heading(&t[i..]) else {
            // `…三个方面工作：一要塑造一种形象，就是…形象 人是…`: a first item that is a
            // heading of its own, ended by a space before its text.
            if matches!(before, '：' | ':') && ordinal::inline_start(&t[i..]).is_some() {
                if let Some(gap_end) = phrase_end_gap(t, i) {
                    breaks.push(i);
                    breaks.push(gap_end);
                }
            }
            continue;
        };
        if h.ordinal.written.start != 0 || !splits_before(h.ordinal.scheme) {
            continue;
        }
        // After a colon or semicolon only a Chinese heading marker (`…意见：一、…`), or a
        // first item whose next item comes after a sentence end (`…两点:1、…。…。2、…`);
        // `：1、…；2、…` is a list inside the sentence.
        if matches!(before, '：' | ':' | '；' | ';')
            && !matches!(h.ordinal.scheme, Scheme::Chinese | Scheme::Part)
            && !(h.ordinal.value == 1 && next_item_after_sentence(t, i, &h.ordinal))
        {
            continue;
        }
        breaks.push(i);
    }

    // 3. Runs of spaces: a paragraph break after a sentence end or before a heading marker,
    //    a heading's end when a phrase-like heading is followed by its text, else a space a
    //    copy left inside a word.
    for m in SPACE_RUN.find_iter(&t[start..]) {
        let gap = start + m.start()..start + m.end();
        let (Some(before), Some(after)) = (char_before(t, gap.start), char_at(t, gap.end)) else {
            continue;
        };
        let marker = ordinal::heading(&t[gap.end..])
            .filter(|h| h.ordinal.written.start == 0 && splits_before(h.ordinal.scheme));
        let paragraph_break =
            ends_sentence(before) || marker.is_some() && !matches!(before, '、' | '，' | ',');
        let heading_end = !matches!(before, '、' | '，' | ',' | '：' | ':')
            && heading_run_in(t, &breaks, start, gap.start)
            && (is_cjk(after) || after.is_ascii_digit());
        if paragraph_break || heading_end {
            breaks.push(gap.end);
        } else if gap.len() == t[gap.clone()].chars().next().map_or(0, char::len_utf8)
            && (is_cjk_like(before) || before.is_ascii_digit())
            && is_cjk_like(after)
            // Between two marks (`， ，`) the space is the evidence of a doubled mark.
            && (is_cjk(before) || is_cjk(after) || before.is_ascii_digit())
        {
            drops.push(gap);
        }
    }

    breaks.sort_unstable();
    breaks.dedup();
    breaks.retain(|&b| b > start && b < t.len());
    drops.retain(|d| !breaks.iter().any(|&b| d.start <= b && b <= d.end));
    Plan { breaks, drops }
}

/// True when the logical line that runs up to `at` (from the last break) is a heading that
/// reads as a phrase: it starts with a heading marker or an inline first item (`一要…`), and
/// its text so far is short and has no sentence end — so a space after it ends the heading
/// (`一、认清形势，增强责任感 今年以来…`).
fn heading_run_in(t: &str, breaks: &[usize], start: usize, at: usize) -> bool {
    let from = breaks
        .iter()
        .copied()
        .filter(|&b| b < at)
        .max()
        .unwrap_or(start);
    let segment = &t[from..at];
    // The marker must have a phrase after it: `（一） 认真履行职责` is a marker and its text.
    let phrase = |after: usize| segment[after..].trim_matches(is_padding).chars().count() >= 2;
    let marked = ordinal::heading(segment)
        .is_some_and(|h| h.ordinal.written.start == 0 && phrase(h.text.start))
        || ordinal::inline_start(segment).is_some_and(|o| phrase(o.written.end));
    marked
        && segment.chars().count() <= 40
        && !segment.contains(['。', '！', '？', '!', '?', '；', ';'])
}

/// True when the item after `first` (a marker at `at` of `t`, same scheme, next value)
/// comes later on the line right after a sentence end: the list runs over sentences, so its
/// items are paragraphs.
fn next_item_after_sentence(t: &str, at: usize, first: &super::Ordinal) -> bool {
    let from = at + first.written.end;
    t[from..].char_indices().any(|(k, c)| {
        let i = from + k;
        matches!(c, '0'..='9' | '０'..='９' | '（' | '(')
            && char_before(t, i).is_some_and(|b| matches!(b, '。' | '！' | '？' | '!' | '?'))
            && ordinal::heading(&t[i..]).is_some_and(|h| {
                h.ordinal.written.start == 0
                    && h.ordinal.scheme == first.scheme
                    && h.ordinal.value == first.value + 1
            })
    })
}

/// The end of the first run of spaces within 40 characters after `from`, when no sentence
/// ends before it and text follows it: where a heading phrase gives way to its paragraph.
fn phrase_end_gap(t: &str, from: usize) -> Option<usize> {
    for (i, c) in t[from..].char_indices().take(41) {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';') {
            return None;
        }
        if is_space(c) {
            let mut end = from + i + c.len_utf8();
            while let Some(c) = char_at(t, end).filter(|&c| is_space(c)) {
                end += c.len_utf8();
            }
            return char_at(t, end).filter(|&c| is_cjk(c)).map(|_| end);
        }
    }
    None
}

/// Breaks around addresses: after a title that an address follows on the same line, and
/// after an address (and after its greeting) when text follows it.
fn address_breaks(t: &str, start: usize, breaks: &mut Vec<usize>) {
    let mut candidates = vec![start];
    // After a genre word or a closing bracket near the start: `…的讲话同志们：`,
    // `…演讲稿 各位领导、同志们：`, `（二○一八年十二月二十九日）同志们：`.
    let head_end = t.char_indices().nth(90).map_or(t.len(), |(i, _)| i);
    for m in LEXICON.genre_matcher.find_iter(&t[start..head_end]) {
        candidates.push(start + m.end());
    }
    for (i, c) in t[start..head_end].char_indices() {
        if matches!(c, '）' | ')' | '》') {
            candidates.push(start + i + c.len_utf8());
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    for at in candidates {
        let p = at + (t[at..].len() - t[at..].trim_start_matches(is_space).len());
        // Only a title before it: no sentence punctuation.
        if p > start
            && t[start..p].contains(['。', '；', ';', '！', '!', '？', '?', '，', ',', '：', ':'])
        {
            continue;
        }
        let Some(address) = address_at(t, p) else {
            continue;
        };
        if !address.is_salutation(t) {
            continue;
        }
        if p > start {
            breaks.push(p);
        }
        match address.after {
            After::End => {}
            After::Text(next) => breaks.push(next),
            After::Greeting(g) => {
                breaks.push(g.start);
                let next =
                    g.end + (t[g.end..].len() - t[g.end..].trim_start_matches(is_space).len());
                if next < t.len() {
                    breaks.push(next);
                }
            }
        }
        break;
    }
}

/// The pieces of a line cut at `breaks` (source offsets) with `drops` taken out, each part
/// trimmed of padding; empty parts are left out.
fn cut(
    text: &str,
    pieces: &[Range<usize>],
    breaks: &[usize],
    drops: &[Range<usize>],
) -> Vec<Vec<Range<usize>>> {
    let mut parts: Vec<Vec<Range<usize>>> = vec![Vec::new()];
    let mut next_break = 0;
    for piece in pieces {
        // Split the piece at drops first.
        let mut spans = vec![piece.clone()];
        for d in drops
            .iter()
            .filter(|d| d.start < piece.end && piece.start < d.end)
        {
            let mut out = Vec::new();
            for s in spans {
                if d.end <= s.start || d.start >= s.end {
                    out.push(s);
                    continue;
                }
                if s.start < d.start {
                    out.push(s.start..d.start);
                }
                if d.end < s.end {
                    out.push(d.end..s.end);
                }
            }
            spans = out;
        }
        for span in spans {
            let mut rest = span;
            while next_break < breaks.len() && breaks[next_break] <= rest.start {
                if parts.last().is_some_and(|p| !p.is_empty()) {
                    parts.push(Vec::new());
                }
                next_break += 1;
            }
            while next_break < breaks.len() && breaks[next_break] < rest.end {
                let b = breaks[next_break];
                if b > rest.start {
                    parts.last_mut().expect("one part").push(rest.start..b);
                }
                parts.push(Vec::new());
                rest = b..rest.end;
                next_break += 1;
            }
            parts.last_mut().expect("one part").push(rest);
        }
    }
    parts
        .into_iter()
        .map(|part| {
            let mut part: Vec<Range<usize>> = part
                .into_iter()
                .map(|r| super::trimmed(text, r))
                .filter(|r| !r.is_empty())
                .collect();
            part.dedup();
            part
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::draft::{DocKind, Draft};

    fn paragraphs(text: &str) -> Vec<String> {
        Draft::parse(text, DocKind::Plain, &Config::default())
            .paragraphs
            .iter()
            .map(|p| p.prose.text.clone())
            .collect()
    }

    #[test]
    fn a_title_an_address_and_the_first_sentence_on_one_line() {
        assert_eq!(
            paragraphs("在全县秋收工作会议上的讲话同志们：今天召开这次会议。\n"),
            [
                "在全县秋收工作会议上的讲话",
                "同志们：",
                "今天召开这次会议。"
            ]
        );
        assert_eq!(
            paragraphs("在全县秋收工作会议上的讲话 同志们: 今天召开这次会议。\n"),
            [
                "在全县秋收工作会议上的讲话",
                "同志们:",
                "今天召开这次会议。"
            ]
        );
        assert_eq!(
            paragraphs("（二〇二三年九月五日）同志们：现在开会。\n"),
            ["（二〇二三年九月五日）", "同志们：", "现在开会。"]
        );
        assert_eq!(
            paragraphs("科室主任竞聘演讲稿尊敬的各位领导,亲爱的同事们,大家好!我叫李明。\n"),
            [
                "科室主任竞聘演讲稿",
                "尊敬的各位领导,亲爱的同事们,",
                "大家好!",
                "我叫李明。"
            ]
        );
    }

    #[test]
    fn an_address_and_its_greeting_are_split() {
        assert_eq!(
            paragraphs("亲爱的同学们：大家晚上好！\n今晚的联欢会开始了。\n"),
            ["亲爱的同学们：", "大家晚上好！", "今晚的联欢会开始了。"]
        );
        // An address run into a sentence with a comma stays one paragraph.
        assert_eq!(
            paragraphs("同志们，今天我们开会。\n"),
            ["同志们，今天我们开会。"]
        );
    }

    #[test]
    fn spaces_a_pdf_copy_left_are_paragraph_breaks_or_nothing() {
        assert_eq!(
            paragraphs("会议明天开幕。 现在请工作人员清点人数。 本次会议应到委员九十人。\n"),
            [
                "会议明天开幕。",
                "现在请工作人员清点人数。",
                "本次会议应到委员九十人。"
            ]
        );
        assert_eq!(
            paragraphs("全镇总人口4.4万人，镇区人口2.6 万人，学 校三所。\n"),
            ["全镇总人口4.4万人，镇区人口2.6万人，学校三所。"]
        );
        // Between Latin words a space is a space.
        assert_eq!(paragraphs("使用 Word 软件。\n"), ["使用 Word 软件。"]);
    }

    #[test]
    fn headings_run_into_the_text_around_them() {
        assert_eq!(
            paragraphs("下面我讲两点意见。一、提高认识。（一）认清形势今年以来形势复杂。\n"),
            [
                "下面我讲两点意见。",
                "一、提高认识。",
                "（一）认清形势今年以来形势复杂。"
            ]
        );
        assert_eq!(
            paragraphs("主要做了两件事: 一、修路 三年来修了十条路。 二、建桥 建了两座桥。\n"),
            [
                "主要做了两件事:",
                "一、修路",
                "三年来修了十条路。",
                "二、建桥",
                "建了两座桥。"
            ]
        );
        // `：1、…；2、…` inside a sentence is a list, not headings.
        assert_eq!(
            paragraphs("议程有两项：1、听取报告；2、审议名单。\n"),
            ["议程有两项：1、听取报告；2、审议名单。"]
        );
        // …but a list whose items are sentences is split at each item.
        assert_eq!(
            paragraphs("理由有两点:1、热爱岗位。我干了十年。2、熟悉业务。我很熟练。\n"),
            [
                "理由有两点:",
                "1、热爱岗位。我干了十年。",
                "2、熟悉业务。我很熟练。"
            ]
        );
        // `一、二季度` is not a heading marker.
        assert_eq!(
            paragraphs("经济平稳运行。一、二季度增长较快。\n"),
            ["经济平稳运行。一、二季度增长较快。"]
        );
    }

    #[test]
    fn fused_lines_keep_their_source_ranges() {
        let text = "在全县秋收工作会议上的讲话同志们：今天开会。\n";
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        let got: Vec<&str> = draft
            .paragraphs
            .iter()
            .map(|p| &text[p.range.clone()])
            .collect();
        assert_eq!(
            got,
            ["在全县秋收工作会议上的讲话", "同志们：", "今天开会。"]
        );
        assert!(draft.paragraphs.iter().all(|p| p.lines == (0..1)));
    }
}
