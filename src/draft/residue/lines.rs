//! Residue found by reading lines rather than by one pattern: lines sent by a trigger word to
//! their family's validator (paywalls, disclaimers, adverts, banners, editorial notes,
//! breadcrumbs), and blocks of lines (a site-generated table of contents, a document site's
//! chunk numbers, the lone piece label of a cut-off compilation).

use std::ops::Range;
use std::sync::LazyLock;

use super::patterns::{Patterns, Trigger};
use super::{Residue, ResidueKind};
use crate::draft::{is_padding, ordinal, SENTENCE_END};
use crate::memo::Memo;

/// One line of the text: its range without the line ending, and its content without padding.
pub(super) struct TextLine {
    pub range: Range<usize>,
    pub content: Range<usize>,
}

/// What a validator found on a line.
pub(super) enum Found {
    /// The line's whole content.
    Line(ResidueKind),
    /// A span of the line.
    Span(ResidueKind, Range<usize>),
}

/// Longest line (in characters) each family takes as a whole.
const PAYWALL_CHARS: usize = 100;
const DISCLAIMER_CHARS: usize = 200;
const CHATBOT_CHARS: usize = 150;
const ADVERT_CHARS: usize = 60;
const BANNER_CHARS: usize = 300;
const BREADCRUMB_CHARS: usize = 160;
/// Longest lead-in before a site's note that still counts as the note's own paragraph.
const BLURB_LEAD_CHARS: usize = 300;

/// What a line's own text tells the scan, before any neighbour is read: which trigger
/// families its words call, and which patterns match it at all. A pattern that matches is then
/// run again for its captures and validated against the text around the line (which may say
/// no); a line with nothing here is skipped. No trigger word and no pattern can match a line
/// break (the tests prove it of the patterns), so all of this depends on the line's text
/// alone: it is memoised by that text, and a re-analysis searches only the lines an edit
/// changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LineFacts {
    /// The triggers whose words occur in the line (as bits of [`Trigger::bit`]).
    pub triggers: u16,
    /// Some whole-line pattern matches the line, or what follows a bookmark at its start.
    pub whole: bool,
    /// [`Patterns::line_starts`] matches.
    pub starts: bool,
    /// [`Patterns::code`] matches.
    pub code: bool,
    /// [`Patterns::spans`] matches somewhere in the line.
    pub spans: bool,
}

impl crate::memo::HeapSize for LineFacts {
    fn heap_size(&self) -> usize {
        0
    }
}

/// The [`LineFacts`] of each line.
pub(super) fn line_facts(text: &str, lines: &[TextLine], patterns: &Patterns) -> Vec<LineFacts> {
    lines
        .iter()
        .map(|line| {
            let haystack = &text[line.range.clone()];
            if haystack.is_empty() {
                return LineFacts::default();
            }
            let content = &text[line.content.clone()];
            *FACTS.get_or_insert_with(haystack, |_| facts_of(haystack, content, patterns))
        })
        .collect()
}

static FACTS: LazyLock<Memo<LineFacts>> = LazyLock::new(|| Memo::new(1 << 20));

fn facts_of(haystack: &str, content: &str, patterns: &Patterns) -> LineFacts {
    // A line of padding only is not read, but the span patterns are searched on it too.
    let spans = patterns.spans.is_match(haystack);
    if content.is_empty() {
        return LineFacts {
            spans,
            ..LineFacts::default()
        };
    }
    let rest = patterns.after_bookmark(haystack);
    let whole = patterns
        .line_candidates(haystack, content, rest)
        .any(|regex| {
            rest.is_some_and(|at| regex.is_match(&haystack[at..])) || regex.is_match(haystack)
        });
    LineFacts {
        triggers: line_mask(haystack, patterns),
        whole,
        starts: content.starts_with(super::patterns::LINE_START_CHARS)
            && patterns.line_starts.is_match(haystack),
        code: memchr::memchr2(b'{', b';', content.as_bytes()).is_some()
            && patterns.code.is_match(haystack),
        spans,
    }
}

/// Empties the memo of line facts.
pub(in crate::draft) fn clear_memo() {
    FACTS.clear();
}

fn line_mask(line: &str, patterns: &Patterns) -> u16 {
    let mut mask = 0;
    for (automaton, of) in patterns.triggers.iter().chain([&patterns.literal_triggers]) {
        for m in automaton.find_iter(line) {
            mask |= of[m.pattern().as_usize()].bit();
        }
    }
    if memchr::memchr(b'>', line.as_bytes()).is_some() {
        mask |= Trigger::Crumb.bit();
    }
    mask
}

/// Runs the validators of the families a line's triggers call, in priority order.
pub(super) fn by_trigger(
    text: &str,
    line: &TextLine,
    mask: u16,
    patterns: &Patterns,
) -> Option<Found> {
    let content = &text[line.content.clone()];
    let chars = content.chars().count();
    let has = |t: Trigger| mask & t.bit() != 0;
    let whole = |kind| Some(Found::Line(kind));
    if has(Trigger::Banner) && chars <= BANNER_CHARS && content.contains('《') {
        return whole(ResidueKind::DocumentBanner);
    }
    if has(Trigger::Disclaimer) && chars <= DISCLAIMER_CHARS {
        return whole(ResidueKind::Disclaimer);
    }
    if chars <= PAYWALL_CHARS
        && (has(Trigger::Paywall)
            || has(Trigger::CountedPaywall) && is_counted_paywall(content, patterns))
    {
        return whole(ResidueKind::Paywall);
    }
    // A chatbot speaks to the one who asked it (`您`); a speech rarely does.
    if has(Trigger::Chatbot) && chars <= CHATBOT_CHARS && content.contains('您') {
        return whole(ResidueKind::ChatbotNote);
    }
    if (has(Trigger::Pointer) || has(Trigger::Advert))
        && chars <= ADVERT_CHARS
        && (has(Trigger::Pointer) || has_account(content, patterns))
    {
        return whole(ResidueKind::Advert);
    }
    if has(Trigger::Crumb) && chars <= BREADCRUMB_CHARS && is_breadcrumb(content, patterns) {
        return whole(ResidueKind::Breadcrumb);
    }
    if has(Trigger::Note) {
        return editorial_note(text, line, patterns);
    }
    None
}

/// An account id of an advert (`mbgs777`, `wx_12345`): letters in it, so a phone number
/// (`有事请联系老师，电话12345678`) is not one.
fn has_account(content: &str, patterns: &Patterns) -> bool {
    patterns
        .account
        .find_iter(content)
        .any(|m| m.as_str().bytes().any(|b| b.is_ascii_alphabetic()))
}

/// `……(未完，全文共6606字，当前仅显示2320字…`, `剩余3页未读`: a count of the hidden text in
/// a notice's brackets or with a paywall word (`这份报告全文共8000字` is a sentence).
fn is_counted_paywall(content: &str, patterns: &Patterns) -> bool {
    const CUES: &[&str] = &[
        "未完",
        "未读",
        "继续阅读",
        "会员",
        "VIP",
        "vip",
        "下载",
        "登录",
        "提示信息",
        "当前",
    ];
    patterns.counted_paywall.is_match(content)
        && (content.starts_with(['…', '.', '(', '（', '[', '【'])
            || CUES.iter().any(|w| content.contains(w)))
}

/// `首页 > 讲话 > …`, `东方文库 > 致辞稿 > …`, `热点 > 其他文案 >`: short segments joined by
/// `>`, starting at a home page or a site's name, or trailing off in a separator.
fn is_breadcrumb(content: &str, patterns: &Patterns) -> bool {
    let mut body = content;
    let mut located = false;
    for label in &patterns.locations {
        if let Some(rest) = body.strip_prefix(label.as_str()) {
            let rest = rest.trim_start_matches(is_padding);
            if let Some(rest) = rest.strip_prefix([':', '：']) {
                body = rest;
                located = true;
                break;
            }
        }
    }
    let segments: Vec<&str> = body
        .split(['>', '»', '›', '＞'])
        .map(|s| s.trim_matches(is_padding))
        .collect();
    let Some((last, inner)) = segments.split_last() else {
        return false;
    };
    if inner.is_empty() || last.chars().count() > 100 {
        return false;
    }
    let clause =
        |s: &str| s.contains(['，', '。', '；', '！', '？', ',', ';', '!', '?', '：', ':']);
    if inner
        .iter()
        .any(|s| s.is_empty() || s.chars().count() > 20 || clause(s))
    {
        return false;
    }
    let first = inner[0];
    let known_start = located
        || patterns.breadcrumb_starts.iter().any(|w| w == first)
        || patterns.site_name.is_match(first);
    let short = |s: &&str| s.chars().count() <= 12;
    known_start || last.is_empty() || (inner.len() >= 3 && inner.iter().all(short) && short(last))
}

/// A site's editorial note (`下面是小编为大家整理的…，供大家参考。`). When it closes a short
/// paragraph that is not the speech (no address, no exclamation), the whole line is the site's
/// blurb; otherwise only the note's sentence is residue.
fn editorial_note(text: &str, line: &TextLine, patterns: &Patterns) -> Option<Found> {
    let content = &text[line.content.clone()];
    let mut start = 0;
    for sentence in content.split_inclusive(['。', '！', '？', '!', '?']) {
        let at = start;
        start += sentence.len();
        let is_note = patterns.note_self.is_match(sentence)
            || patterns.note_offer.is_match(sentence)
                && patterns.note_marker.is_match(sentence)
                && patterns.note_closer.is_match(sentence);
        if !is_note {
            continue;
        }
        // The note starts at the clause where the site speaks (`今天小编收集整理了…`).
        let mut clause_at = 0;
        let own = |clause: &str| {
            patterns.note_offer.is_match(clause)
                || patterns.note_self.is_match(clause)
                || clause.contains("小编")
                || clause.contains("本站")
        };
        for clause in sentence.split_inclusive(|c: char| "，,；;".contains(c) || is_padding(c)) {
            if own(clause) {
                break;
            }
            clause_at += clause.len();
        }
        if clause_at == sentence.len() {
            clause_at = 0;
        }
        let lead = clause_at + sentence[clause_at..].len()
            - sentence[clause_at..].trim_start_matches(is_padding).len();
        let note = line.content.start + at + lead..line.content.start + start;
        let kind = if sentence.contains("小编") || sentence.contains("本站") {
            ResidueKind::EditorNote
        } else {
            ResidueKind::Blurb
        };
        let ends_line = text[note.end..line.content.end].chars().all(is_padding);
        let before = &text[line.content.start..note.start];
        return Some(if ends_line && is_blurb_lead(before) {
            Found::Line(kind)
        } else {
            Found::Span(kind, note)
        });
    }
    None
}

/// Text before a site's note that belongs to the same blurb: short sentences or clauses that
/// are not the speech itself, and not a title (which ends in no punctuation).
fn is_blurb_lead(lead: &str) -> bool {
    let lead = lead.trim_end_matches(is_padding);
    let sentences = lead.is_empty() || lead.ends_with(['。', '？', '?', '…', '，', ',']);
    sentences && lead.chars().count() <= BLURB_LEAD_CHARS && !reads_as_speech(lead)
}

/// Text that addresses an audience (`同志们`, `各位`) or exclaims: the speech, not a blurb.
fn reads_as_speech(text: &str) -> bool {
    const SPEECH: &[&str] = &[
        "同志们",
        "各位",
        "尊敬的",
        "朋友们",
        "大家好",
        "老师们",
        "同学们",
        "谢谢",
    ];
    text.contains(['！', '!']) || SPEECH.iter().any(|w| text.contains(w))
}

/// The lines before a blurb line that its paragraph started on: a hard-broken first half
/// (`…它协助领导决策，` / blank / `执行领导决定…供大家参考。`).
pub(super) fn blurb_start(text: &str, lines: &[TextLine], covered: &[bool], at: usize) -> usize {
    let mut first = at;
    let mut lead_chars = 0;
    let mut i = at;
    while i > 0 {
        i -= 1;
        let content = &text[lines[i].content.clone()];
        if content.is_empty() {
            continue;
        }
        let ends_clause = content.ends_with(['，', ',', '、', '；', ';']);
        lead_chars += content.chars().count();
        if covered[i] || !ends_clause || reads_as_speech(content) || lead_chars > BLURB_LEAD_CHARS {
            break;
        }
        first = i;
    }
    first
}

/// A site's table of contents: `目录/提纲：……`, the section titles, and a closing `……`. Returns
/// the lines it covers (the header alone when no closing line follows).
pub(super) fn table_of_contents(
    text: &str,
    lines: &[TextLine],
    header: usize,
    patterns: &Patterns,
) -> Option<Range<usize>> {
    const MAX_LINES: usize = 40;
    let content = &text[lines[header].content.clone()];
    if !content.starts_with(['目', '提', '大', '文', '本'])
        || !patterns.contents_header.is_match(content)
    {
        return None;
    }
    let is_dots =
        |s: &str| !s.is_empty() && s.chars().all(|c| matches!(c, '…' | '.' | '。' | '·' | '⋯'));
    for (i, line) in lines.iter().enumerate().skip(header + 1).take(MAX_LINES) {
        let content = &text[line.content.clone()];
        if is_dots(content) {
            return Some(header..i + 1);
        }
        if content.chars().count() > 100 {
            break;
        }
    }
    Some(header..header + 1)
}

/// A document site's chunk numbers: consecutive lines `1、…`, `2、…`, `3、…` where each line
/// but the last is long and stops mid-sentence, so the next number cuts a sentence (or a
/// word) in two. Returns the marker of each line (range of `N、`) with its line index.
pub(super) fn chunk_markers(text: &str, lines: &[TextLine]) -> Vec<(usize, Range<usize>)> {
    const MIN_CHARS: usize = 150;
    let marker = |i: usize| -> Option<(u32, Range<usize>)> {
        let content = &text[lines[i].content.clone()];
        let digits = content.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 || !content[digits..].starts_with('、') {
            return None;
        }
        let value = content[..digits].parse().ok()?;
        let start = lines[i].content.start;
        Some((value, start..start + digits + '、'.len_utf8()))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((1, first)) = marker(i) else {
            i += 1;
            continue;
        };
        let mut run = vec![(i, first)];
        let mut j = i;
        loop {
            // The previous line of the run must be a cut-off chunk for the run to go on.
            let content = &text[lines[j].content.clone()];
            let cut = content.chars().count() >= MIN_CHARS
                && content
                    .chars()
                    .next_back()
                    .is_some_and(|c| !SENTENCE_END.contains(&c));
            let mut next = j + 1;
            while next < lines.len() && lines[next].content.is_empty() {
                next += 1;
            }
            let expected = run.len() as u32 + 1;
            match (cut && next < lines.len()).then(|| marker(next)).flatten() {
                Some((value, range)) if value == expected => {
                    run.push((next, range));
                    j = next;
                }
                _ => break,
            }
        }
        i = j + 1;
        if run.len() >= 2 {
            out.extend(run);
        }
    }
    out
}

/// The label of a compilation's only visible piece (`第1篇`, `…讲话 篇1`): a page cut off after
/// its first piece, where the label names no speech of its own. Where two or more labels split
/// a compilation, or the label carries the speech's title (`第一篇：在…上的讲话`), it stays a
/// speech separator of the model and is not reported.
pub(super) fn lone_piece_label(text: &str, lines: &[TextLine], candidates: &[usize]) -> bool {
    let [only] = candidates else {
        return false;
    };
    let content = &text[lines[*only].content.clone()];
    ordinal::speech_separator(content).is_some_and(|marker| {
        let titled = marker.written.start == 0 && !marker.name.is_empty();
        marker.value == 1 && !titled
    })
}

/// True when a line next to `line` is a field of a meeting's agenda (`地点：…`), so a
/// `时间：` line there is the agenda's, not the page's.
pub(super) fn near_agenda(text: &str, line: Range<usize>, patterns: &Patterns) -> bool {
    let before = text[..line.start].trim_end_matches(is_padding);
    let previous = before.rsplit('\n').next().unwrap_or("");
    let after = text[line.end..].trim_start_matches(is_padding);
    let next = after.split('\n').next().unwrap_or("");
    let own = &text[line];
    [previous, next, own]
        .iter()
        .any(|l| patterns.agenda_field.is_match(l) || own.contains("地点"))
}

/// A residue over `range` with its delete not yet set.
pub(super) fn residue(kind: ResidueKind, range: Range<usize>) -> Residue {
    Residue {
        kind,
        delete: range.clone(),
        range,
        joins: false,
    }
}
