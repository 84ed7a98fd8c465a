//! Ordinal recognition: every way a speech draft numbers its parts.
//!
//! All functions are pure and work on one paragraph's prose text ([`super::Prose::text`]);
//! every range they return is a byte range **within that prose text** (map it to the source
//! with [`super::Prose::source_range`]).
//!
//! - [`heading`]: a heading marker at the start of a paragraph (`一、` `（一）` `1.` `（1）` `①`
//!   `第一部分` `第一章`), with the heading text up to the first `。` and the body after it;
//! - [`leading`]: a paragraph-leading ordinal (`第一，` `第一、` `第一条` `首先，` … `最后，`);
//! - [`inline`]: enumeration markers inside a paragraph (`一是…二是…`, `一要…`, `一抓…二抓…`,
//!   `一方面…另一方面…`);
//! - [`dash`]: a dash list line starting with `——`;
//! - [`paragraph_ordinal`]: whichever of heading / leading / dash starts the paragraph;
//! - [`speech_separator`]: the line between the speeches of a compilation (`…篇一`, `第二篇：…`).
//!
//! The written form is kept exactly, so the numbering checks can compare styles
//! ([`Ordinal::form`]) and spot forbidden punctuation ([`Ordinal::punct`]).

use std::ops::Range;

/// A numbering scheme. Heading schemes have a GB/T 9704-2012 §7.3.3 rank ([`Scheme::rank`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `第一部分`, `第一章`: above the standard levels.
    Part,
    /// `一、` (also written `一.` / `一．`, which the standard does not allow).
    Chinese,
    /// `（一）` or `(一)`.
    ParenChinese,
    /// `1.`, `1．` or `1、`.
    Arabic,
    /// `（1）`, `(1)` or a single character `⑴`.
    ParenArabic,
    /// `①`.
    Circled,
    /// Paragraph-leading `第一，` / `第一、` / `第一条`.
    Leading,
    /// Paragraph-leading `首先，` `其次，` `再次，` `最后，` (values 1, 2, 3, [`Ordinal::LAST`]).
    Sequence,
    /// Inline enumeration `一是…二是…`; the field is the character right after the numeral
    /// (`是`, `要`, `抓`, …). `四是要` has verb `是` and form (``, `是要`) (see
    /// [`Ordinal::form`]); `是` and `要` markers share one [`Scheme::family`].
    Inline(char),
    /// `一方面…另一方面…` (values 1 and 2).
    Aspect,
    /// A dash list line `——…` (value 0: dashes carry no number).
    Dash,
}

/// Heading rank: lower is higher in the hierarchy. `Rank::of` gives the rank of a scheme.
pub type Rank = u8;

impl Scheme {
    /// The heading rank in GB/T 9704 order (`第一部分` 0, `一、` 1, `（一）` 2, `1.` 3,
    /// `（1）` 4, `①` 5); `None` for paragraph-leading, inline and dash schemes.
    pub fn rank(self) -> Option<Rank> {
        match self {
            Scheme::Part => Some(0),
            Scheme::Chinese => Some(1),
            Scheme::ParenChinese => Some(2),
            Scheme::Arabic => Some(3),
            Scheme::ParenArabic => Some(4),
            Scheme::Circled => Some(5),
            _ => None,
        }
    }

    /// Schemes whose ordinals may form one sequence (in mixed styles): `一是`/`一要`/`一是要`
    /// are one family (`Inline('是')`), `首先`/`其次`/`第三` another (`Leading`).
    pub fn family(self) -> Scheme {
        match self {
            Scheme::Inline('要') => Scheme::Inline('是'),
            Scheme::Sequence => Scheme::Leading,
            other => other,
        }
    }

    /// True for the schemes that make a heading line ([`heading`]).
    pub fn is_heading(self) -> bool {
        self.rank().is_some()
    }
}

/// One ordinal as written in a paragraph's prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ordinal {
    pub scheme: Scheme,
    /// The number: 1-based; [`Ordinal::LAST`] for `最后`; 0 for dashes.
    pub value: u32,
    /// The whole marker as written, brackets, delimiter and verb included: `（一）`, `一、`,
    /// `1.`, `①`, `第一`, `首先`, `一是`, `四是要`, `另一方面`, `——`.
    pub written: Range<usize>,
    /// The numeral alone inside `written` (`一`, `12`, `①`); equal to `written` for words
    /// such as `首先` and for dashes.
    pub numeral: Range<usize>,
    /// Punctuation written right after the marker: `、` in `（一）、`, `，` in `首先，`,
    /// `：` in `第一部分：`. The standard allows none after a bracketed ordinal.
    pub punct: Option<Range<usize>>,
}

impl Ordinal {
    /// The value of `最后` (and any "last" word): after every number.
    pub const LAST: u32 = u32::MAX;

    /// The written form without the numeral: (before, after). `（一）` → (`（`, `）`),
    /// `1.` → (``, `.`), `四是要` → (``, `是要`), `第一` → (`第`, ``). Two ordinals of one
    /// sequence are in the same style when their schemes and forms are equal.
    pub fn form<'p>(&self, prose: &'p str) -> (&'p str, &'p str) {
        let before = prose
            .get(self.written.start..self.numeral.start)
            .unwrap_or("");
        let after = prose.get(self.numeral.end..self.written.end).unwrap_or("");
        (before, after)
    }
}

/// A paragraph that starts with an ordinal: the ordinal, the heading text, the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub ordinal: Ordinal,
    /// The heading text after the marker and its punctuation, up to (not including) the first
    /// `。！？` — `擦亮了三个窗口` in `（一）擦亮了三个窗口。一是…`. May be empty.
    pub text: Range<usize>,
    /// Everything after that first sentence end (empty when the paragraph is the heading only).
    pub body: Range<usize>,
}

/// Punctuation after which an inline enumeration may start (not `、`: `三处、四处` is a list
/// of names).
const CLAUSE_BREAK: &[char] = &['。', '；', '：', '，', ',', ';', ':', '！', '？', '!', '?'];

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | '：' | '，' | ',' | ';' | ':' | '！' | '？' | '!' | '?'
    )
}

/// Punctuation that may follow a marker.
const MARKER_PUNCT: &[char] = &['、', '，', ',', '．', '.', '：', ':', '；'];

/// Sentence ends that close a heading's text.
const HEADING_END: &[char] = &['。', '！', '？', '!', '?'];

/// Words that look like ordinals but are not (`data/ordinals.toml`).
struct NotOrdinals {
    /// Characters that, after a numeral, make a word rather than an enumeration verb
    /// (`一些`, `一个`, `一直`…). Only used for verbs other than `是`/`要`.
    not_verbs: Vec<char>,
    /// Fixed expressions that begin like an inline item (`一言一行`, `三令五申`), as an
    /// automaton of anchored searches: asked at every clause that opens with a numeral.
    idioms: aho_corasick::AhoCorasick,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
struct NotOrdinalData {
    not_verbs: String,
    idioms: Vec<Idiom>,
}

#[derive(serde::Deserialize)]
struct Idiom {
    text: String,
    #[allow(dead_code)] // documentation for the reader of the data file
    why: String,
}

static NOT_ORDINALS: std::sync::LazyLock<NotOrdinals> = std::sync::LazyLock::new(|| {
    let data: NotOrdinalData = toml::from_str(include_str!("../../data/ordinals.toml"))
        .expect("data/ordinals.toml parses");
    let mut not_verbs: Vec<char> = data.not_verbs.chars().collect();
    not_verbs.sort_unstable();
    not_verbs.dedup();
    NotOrdinals {
        not_verbs,
        idioms: aho_corasick::AhoCorasick::builder()
            .start_kind(aho_corasick::StartKind::Anchored)
            // Built fastest; an anchored search reads a few characters at most.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(data.idioms.iter().map(|i| &i.text))
            .expect("the idioms build"),
    }
});

/// True when an idiom or fixed expression starts `text` (`一言一行`, `一级抓一级`).
pub fn starts_with_idiom(text: &str) -> bool {
    let anchored = aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes);
    NOT_ORDINALS.idioms.is_match(anchored)
}

/// `一方面` after these means "this/that aspect", not the first of two.
const ASPECT_NOT_AFTER: &str = "这那哪某每另单统唯任何同各第";

/// `是`/`要` followed by these make a word (`是否`, `要素`), not an enumeration verb.
const VERB_WORDS: &[&str] = &[
    "是否", "是非", "要素", "要点", "要件", "要务", "要害", "要冲", "要津", "要是", "要塞",
];

/// Parses a Chinese numeral 1–99 at the start of `s`: `一`…`九`, `十`, `十一`, `二十`,
/// `九十九`. With `counts`, `两` reads as 2 (`两项`). Returns the value and its byte length.
pub fn chinese_numeral(s: &str, counts: bool) -> Option<(u32, usize)> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '两' if counts => 2,
            _ => return None,
        })
    };
    let mut chars = s.chars();
    let first = chars.next()?;
    let second = chars.next();
    let third = chars.next();
    let len = |n: usize| s.chars().take(n).map(char::len_utf8).sum::<usize>();
    if first == '十' {
        return match second.and_then(digit) {
            Some(d) if second != Some('两') => Some((10 + d, len(2))),
            _ => Some((10, len(1))),
        };
    }
    let tens = digit(first)?;
    if second == Some('十') && first != '两' {
        return match third.and_then(digit) {
            Some(d) if third != Some('两') => Some((tens * 10 + d, len(3))),
            _ => Some((tens * 10, len(2))),
        };
    }
    Some((tens, len(1)))
}

/// Parses an Arabic number (ASCII or full-width digits, at most 3 digits) at the start of
/// `s`. Returns the value and its byte length.
pub fn arabic_numeral(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut len = 0;
    let mut digits = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        digits += 1;
        if digits > 3 {
            return None; // four digits or more: a year or an amount, not an ordinal
        }
        value = value * 10 + d;
        len += c.len_utf8();
    }
    (len > 0).then_some((value, len))
}

/// The value of a circled (`①`–`⑳`) or parenthesized (`⑴`–`⒇`) number character.
fn enclosed_numeral(c: char) -> Option<(Scheme, u32)> {
    match c {
        '\u{2460}'..='\u{2473}' => Some((Scheme::Circled, c as u32 - 0x2460 + 1)),
        '\u{2474}'..='\u{2487}' => Some((Scheme::ParenArabic, c as u32 - 0x2474 + 1)),
        _ => None,
    }
}

fn skip_padding(s: &str, at: usize) -> usize {
    let rest = &s[at..];
    at + (rest.len() - rest.trim_start_matches(super::is_padding).len())
}

/// Punctuation right after a marker ending at `at` (one character), if any.
fn punct_at(s: &str, at: usize) -> Option<Range<usize>> {
    let c = s[at..].chars().next()?;
    MARKER_PUNCT.contains(&c).then(|| at..at + c.len_utf8())
}

/// A heading marker (`一、` `（一）` `1.` `（1）` `①` `第一部分` `第一章`) at the start of
/// `prose` (after padding), with the heading text and body.
pub fn heading(prose: &str) -> Option<Heading> {
    let start = skip_padding(prose, 0);
    let ordinal = heading_marker(prose, start)?;
    Some(split_heading(prose, ordinal))
}

fn heading_marker(prose: &str, start: usize) -> Option<Ordinal> {
    let rest = &prose[start..];
    let first = rest.chars().next()?;
    // Bracketed: （一） (一) （1） (1), brackets of either width.
    if first == '（' || first == '(' {
        let inner = start + first.len_utf8();
        let (scheme, value, len) = if let Some((v, l)) = chinese_numeral(&prose[inner..], false) {
            (Scheme::ParenChinese, v, l)
        } else if let Some((v, l)) = arabic_numeral(&prose[inner..]) {
            (Scheme::ParenArabic, v, l)
        } else {
            return None;
        };
        let close = inner + len;
        let c = prose[close..].chars().next()?;
        if c != '）' && c != ')' || value == 0 {
            return None;
        }
        let end = close + c.len_utf8();
        return Some(Ordinal {
            scheme,
            value,
            written: start..end,
            numeral: inner..close,
            punct: punct_at(prose, end),
        });
    }
    if let Some((scheme, value)) = enclosed_numeral(first) {
        let end = start + first.len_utf8();
        return Some(Ordinal {
            scheme,
            value,
            written: start..end,
            numeral: start..end,
            punct: punct_at(prose, end),
        });
    }
    // 第一部分 / 第一章
    if first == '第' {
        let at = start + first.len_utf8();
        let (value, len) =
            chinese_numeral(&prose[at..], false).or_else(|| arabic_numeral(&prose[at..]))?;
        let after = at + len;
        let word = ["部分", "章"]
            .into_iter()
            .find(|w| prose[after..].starts_with(w))?;
        let end = after + word.len();
        return Some(Ordinal {
            scheme: Scheme::Part,
            value,
            written: start..end,
            numeral: at..after,
            punct: punct_at(prose, end),
        });
    }
    // 一、 一. 一．
    if let Some((value, len)) = chinese_numeral(rest, false) {
        let at = start + len;
        let c = prose[at..].chars().next()?;
        if !matches!(c, '、' | '.' | '．') {
            return None;
        }
        let end = at + c.len_utf8();
        if is_numeral_series(&prose[end..]) {
            return None;
        }
        return Some(Ordinal {
            scheme: Scheme::Chinese,
            value,
            written: start..end,
            numeral: start..at,
            punct: punct_at(prose, end),
        });
    }
    // 1. 1． 1、 (not a decimal such as 1.5 or a list of years)
    let (value, len) = arabic_numeral(rest)?;
    let at = start + len;
    let c = prose[at..].chars().next()?;
    if !matches!(c, '、' | '.' | '．') || value == 0 {
        return None;
    }
    let end = at + c.len_utf8();
    if prose[end..]
        .chars()
        .next()
        .is_some_and(|n| n.is_ascii_digit() || ('０'..='９').contains(&n))
    {
        return None;
    }
    Some(Ordinal {
        scheme: Scheme::Arabic,
        value,
        written: start..end,
        numeral: start..at,
        punct: punct_at(prose, end),
    })
}

/// Words after a second numeral that make `一、二季度` a series of numbers, not a heading.
const SERIES_WORDS: &[&str] = &[
    "季度", "线", "产", "类", "级", "档", "批", "、", "月", "年级", "期",
];

/// `二季度…` / `二线…` after `一、`: the numerals are a series (`一、二季度`, `一、二线城市`,
/// `二、三产业`, `三、四月份`, `五、六年级`, `一、二期工程`), so the line does not start with a heading marker.
fn is_numeral_series(after: &str) -> bool {
    chinese_numeral(after, false)
        .is_some_and(|(_, len)| SERIES_WORDS.iter().any(|w| after[len..].starts_with(w)))
}

/// Splits the prose after a leading ordinal into heading text and body.
fn split_heading(prose: &str, ordinal: Ordinal) -> Heading {
    let after = ordinal
        .punct
        .as_ref()
        .map_or(ordinal.written.end, |p| p.end);
    let text_start = skip_padding(prose, after);
    let text_end = prose[text_start..]
        .find(HEADING_END)
        .map_or(prose.len(), |i| text_start + i);
    let body_start = prose[text_end..]
        .chars()
        .next()
        .map_or(text_end, |c| text_end + c.len_utf8());
    let body_start = skip_padding(prose, body_start);
    let trimmed_end = text_start
        + prose[text_start..text_end]
            .trim_end_matches(super::is_padding)
            .len();
    Heading {
        ordinal,
        text: text_start..trimmed_end,
        body: body_start..prose.len(),
    }
}

/// A paragraph-leading ordinal: `第一，` `第一、` `第一：` `第一条` or `首先，` `其次，`
/// `再次，` `最后，`, with the sentence it opens as heading text.
pub fn leading(prose: &str) -> Option<Heading> {
    let start = skip_padding(prose, 0);
    let rest = &prose[start..];
    for (word, value) in [
        ("首先", 1),
        ("其次", 2),
        ("再次", 3),
        ("最后", Ordinal::LAST),
    ] {
        if let Some(after) = rest.strip_prefix(word) {
            let c = after.chars().next()?;
            // `首先，…` and `首先是经济发展。` (the word and `是` name the point).
            let end = match c {
                '，' | ',' | '、' | '：' | ':' => start + word.len(),
                '是' if !after.starts_with("是否") => start + word.len() + c.len_utf8(),
                _ => return None,
            };
            let ordinal = Ordinal {
                scheme: Scheme::Sequence,
                value,
                written: start..end,
                numeral: start..start + word.len(),
                punct: punct_at(prose, end),
            };
            return Some(split_heading(prose, ordinal));
        }
    }
    let after_di = rest.strip_prefix('第')?;
    let at = start + '第'.len_utf8();
    let (value, len) = chinese_numeral(after_di, false)?;
    let after = at + len;
    let c = prose[after..].chars().next()?;
    let (end, punct) = match c {
        '条' => (after + c.len_utf8(), punct_at(prose, after + c.len_utf8())),
        '，' | ',' | '、' | '：' | ':' => (after, punct_at(prose, after)),
        _ => return None,
    };
    let ordinal = Ordinal {
        scheme: Scheme::Leading,
        value,
        written: start..end,
        numeral: at..after,
        punct,
    };
    Some(split_heading(prose, ordinal))
}

/// A dash list line: the paragraph starts with `——` (a subtitle `——在…上的讲话` looks the
/// same; the outline tells them apart by position).
pub fn dash(prose: &str) -> Option<Ordinal> {
    let start = skip_padding(prose, 0);
    prose[start..].starts_with("——").then(|| {
        let end = start + "——".len();
        Ordinal {
            scheme: Scheme::Dash,
            value: 0,
            written: start..end,
            numeral: start..end,
            punct: None,
        }
    })
}

/// Whichever ordinal starts the paragraph: a heading marker, a leading ordinal or a dash.
pub fn paragraph_ordinal(prose: &str) -> Option<Heading> {
    heading(prose).or_else(|| leading(prose)).or_else(|| {
        let ordinal = dash(prose)?;
        Some(split_heading(prose, ordinal))
    })
}

/// Inline enumeration markers in a paragraph, in order: `一是` `二是` …, `一要` …,
/// `四是要`, `一方面` / `另一方面`, and markers with other verbs (`一抓…二抓…`) when the same
/// verb appears with another numeral in the paragraph. A marker starts the paragraph or
/// follows a clause break (`。；：，`), so `统一是`, `唯一是`, `第一是` are not markers;
/// neither are `一是一，二是二`, `一要素`, `一是否`.
pub fn inline(prose: &str) -> Vec<Ordinal> {
    let mut found = inline_candidates(prose);
    let keep: Vec<bool> = found
        .iter()
        .map(|o| match o.scheme {
            Scheme::Inline(v) if v != '是' && v != '要' => found
                .iter()
                .any(|other| other.scheme == o.scheme && other.value != o.value),
            _ => true,
        })
        .collect();
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(false));
    found
}

/// Every place that could start an inline enumeration item, including markers with an
/// unusual verb that are not confirmed inside this paragraph (`一抓…` whose `二抓…` is in the
/// next paragraph). Callers confirm those across paragraphs; [`inline`] confirms within one.
pub fn inline_candidates(prose: &str) -> Vec<Ordinal> {
    let mut out = Vec::new();
    let mut at_break = true; // paragraph start
    let mut previous = None;
    for (i, c) in prose.char_indices() {
        if at_break && !super::is_padding(c) {
            if let Some(ordinal) = inline_at(prose, i) {
                out.push(ordinal);
            }
        } else if c == '一'
            && prose[i..].starts_with("一方面")
            && previous.is_some_and(|p: char| !ASPECT_NOT_AFTER.contains(p))
        {
            // `我们一方面要…`: the word is unambiguous after a subject, unlike `这一方面`.
            if let Some(ordinal) = inline_at(prose, i) {
                out.push(ordinal);
            }
        }
        previous = Some(c);
        if is_clause_break(c) {
            at_break = true;
        } else if !super::is_padding(c) {
            at_break = false;
        }
    }
    out
}

/// An inline enumeration marker at the very start of the paragraph (`一是…`, `二要…`, `一方面`),
/// any verb; used to keep such a line from continuing the previous paragraph.
pub fn inline_start(prose: &str) -> Option<Ordinal> {
    inline_at(prose, skip_padding(prose, 0))
}

/// A line that separates the speeches of a compilation: `…篇一` / `…（篇二）` or
/// `第一篇：…` / `第二篇 …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechMarker {
    /// 1-based number of the speech.
    pub value: u32,
    /// `篇一`, `第一篇` as written.
    pub written: Range<usize>,
    /// The rest of the line naming the speech (may be empty): `政府办公室交流发言` in
    /// `政府办公室交流发言篇一`, the title after `第一篇：`.
    pub name: Range<usize>,
}

/// True when the line starts with `第N篇` (a separator, or a teaser of the next speech).
pub fn starts_with_speech_number(prose: &str) -> bool {
    let start = skip_padding(prose, 0);
    let Some(rest) = prose[start..].strip_prefix('第') else {
        return false;
    };
    chinese_numeral(rest, false)
        .or_else(|| arabic_numeral(rest))
        .is_some_and(|(_, len)| rest[len..].starts_with('篇') && !rest[len..].starts_with("篇章"))
}

/// Recognises a compilation separator line. Long lines (a teaser paragraph that starts with
/// `第一篇：` and trails off in `...`) are not separators.
pub fn speech_separator(prose: &str) -> Option<SpeechMarker> {
    let start = skip_padding(prose, 0);
    let end = start + prose[start..].trim_end_matches(super::is_padding).len();
    let line = &prose[start..end];
    if line.len() > 60 * 4
        || line.chars().count() > 60
        || line.ends_with("...")
        || line.ends_with('…')
    {
        return None;
    }
    if let Some(after_di) = line.strip_prefix('第') {
        let at = start + '第'.len_utf8();
        if let Some((value, len)) =
            chinese_numeral(after_di, false).or_else(|| arabic_numeral(after_di))
        {
            let pian = at + len;
            if prose[pian..end].starts_with('篇') {
                let written_end = pian + '篇'.len_utf8();
                let rest = &prose[written_end..end];
                let ok = rest.is_empty() || rest.starts_with(['：', ':', '、', ' ', '\u{3000}']);
                if ok && value > 0 {
                    let name_start = written_end
                        + (rest.len()
                            - rest
                                .trim_start_matches(|c: char| {
                                    super::is_padding(c) || matches!(c, '：' | ':' | '、')
                                })
                                .len());
                    return Some(SpeechMarker {
                        value,
                        written: start..written_end,
                        name: name_start..end,
                    });
                }
            }
        }
    }
    // …篇一, …篇二), …（篇三）
    if line.chars().count() > 40 || line.contains(['，', '。', ',']) {
        return None;
    }
    let core = line.trim_end_matches([')', '）']);
    let pian = core.rfind('篇')?;
    let number = &core[pian + '篇'.len_utf8()..];
    let (value, len) = chinese_numeral(number, false).or_else(|| arabic_numeral(number))?;
    if len != number.len() || value == 0 {
        return None;
    }
    let mut written_start = start + pian;
    let mut name_end = written_start;
    if core[..pian].ends_with(['(', '（']) {
        let open = core[..pian].chars().next_back().map_or(0, char::len_utf8);
        written_start -= open;
        name_end -= open;
    }
    Some(SpeechMarker {
        value,
        written: written_start..end,
        name: start..name_end,
    })
}

fn inline_at(prose: &str, start: usize) -> Option<Ordinal> {
    let rest = &prose[start..];
    for (word, value) in [("一方面", 1), ("另一方面", 2)] {
        if rest.starts_with(word) {
            let end = start + word.len();
            let numeral_start = start + if value == 2 { '另'.len_utf8() } else { 0 };
            return Some(Ordinal {
                scheme: Scheme::Aspect,
                value,
                written: start..end,
                numeral: numeral_start..numeral_start + '一'.len_utf8(),
                punct: punct_at(prose, end),
            });
        }
    }
    let (value, len) = chinese_numeral(rest, false)?;
    if starts_with_idiom(rest) {
        return None;
    }
    let numeral_end = start + len;
    let after = &prose[numeral_end..];
    let verb = after.chars().next()?;
    if !is_cjk(verb) || chinese_numeral(after, true).is_some() {
        return None;
    }
    let following = &after[verb.len_utf8()..];
    let (scheme, end) = match verb {
        '是' | '要' => {
            if VERB_WORDS.iter().any(|w| after.starts_with(w)) {
                return None;
            }
            // 一是一，二是二: an idiom, not a list.
            if let Some((v, l)) = chinese_numeral(following, false) {
                if v == value
                    && following[l..]
                        .chars()
                        .next()
                        .is_none_or(|c| CLAUSE_BREAK.contains(&c))
                {
                    return None;
                }
            }
            if verb == '是' && following.starts_with('要') && !following.starts_with("要素") {
                (
                    Scheme::Inline('是'),
                    numeral_end + verb.len_utf8() + '要'.len_utf8(),
                )
            } else {
                (Scheme::Inline(verb), numeral_end + verb.len_utf8())
            }
        }
        _ if NOT_ORDINALS.not_verbs.binary_search(&verb).is_ok() => return None,
        _ => (Scheme::Inline(verb), numeral_end + verb.len_utf8()),
    };
    Some(Ordinal {
        scheme,
        value,
        written: start..end,
        numeral: start..numeral_end,
        punct: punct_at(prose, end),
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<'p>(prose: &'p str, o: &Ordinal) -> &'p str {
        &prose[o.written.clone()]
    }

    #[test]
    fn numerals() {
        assert_eq!(chinese_numeral("一是", false), Some((1, 3)));
        assert_eq!(chinese_numeral("十、", false), Some((10, 3)));
        assert_eq!(chinese_numeral("十二", false), Some((12, 6)));
        assert_eq!(chinese_numeral("二十", false), Some((20, 6)));
        assert_eq!(chinese_numeral("九十九", false), Some((99, 9)));
        assert_eq!(chinese_numeral("两项", false), None);
        assert_eq!(chinese_numeral("两项", true), Some((2, 3)));
        assert_eq!(chinese_numeral("甲", false), None);
        assert_eq!(arabic_numeral("12．"), Some((12, 2)));
        assert_eq!(arabic_numeral("３、"), Some((3, 3)));
        assert_eq!(arabic_numeral("2024年"), None);
    }

    #[test]
    fn heading_markers_of_every_rank() {
        let cases = [
            ("一、统一思想", Scheme::Chinese, 1, "一、", "统一思想"),
            ("十二、加强领导", Scheme::Chinese, 12, "十二、", "加强领导"),
            (
                "（三）抓好落实",
                Scheme::ParenChinese,
                3,
                "（三）",
                "抓好落实",
            ),
            ("(二) 明确任务", Scheme::ParenChinese, 2, "(二)", "明确任务"),
            ("2.完善制度", Scheme::Arabic, 2, "2.", "完善制度"),
            ("3．强化考核", Scheme::Arabic, 3, "3．", "强化考核"),
            ("4、压实责任", Scheme::Arabic, 4, "4、", "压实责任"),
            ("（1）建立台账", Scheme::ParenArabic, 1, "（1）", "建立台账"),
            ("(2)定期通报", Scheme::ParenArabic, 2, "(2)", "定期通报"),
            ("③按月调度", Scheme::Circled, 3, "③", "按月调度"),
            ("⑵逐项销号", Scheme::ParenArabic, 2, "⑵", "逐项销号"),
            (
                "第二部分　工作安排",
                Scheme::Part,
                2,
                "第二部分",
                "工作安排",
            ),
            ("第一章 总则", Scheme::Part, 1, "第一章", "总则"),
            ("　　一、提高认识", Scheme::Chinese, 1, "一、", "提高认识"),
            (
                "二、三农工作要抓实",
                Scheme::Chinese,
                2,
                "二、",
                "三农工作要抓实",
            ),
        ];
        for (prose, scheme, value, marker, text) in cases {
            let h = heading(prose).unwrap_or_else(|| panic!("no heading in {prose}"));
            assert_eq!(h.ordinal.scheme, scheme, "{prose}");
            assert_eq!(h.ordinal.value, value, "{prose}");
            assert_eq!(written(prose, &h.ordinal), marker, "{prose}");
            assert_eq!(&prose[h.text.clone()], text, "{prose}");
        }
    }

    #[test]
    fn heading_ranks_follow_the_standard() {
        let ranks: Vec<_> = [
            Scheme::Part,
            Scheme::Chinese,
            Scheme::ParenChinese,
            Scheme::Arabic,
            Scheme::ParenArabic,
            Scheme::Circled,
        ]
        .iter()
        .map(|s| s.rank())
        .collect();
        assert_eq!(
            ranks,
            [Some(0), Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
        assert_eq!(Scheme::Inline('是').rank(), None);
    }

    #[test]
    fn punctuation_after_a_marker_and_odd_delimiters() {
        let prose = "（一）、加强学习";
        let h = heading(prose).unwrap();
        assert_eq!(&prose[h.ordinal.punct.clone().unwrap()], "、");
        assert_eq!(&prose[h.text.clone()], "加强学习");
        assert_eq!(h.ordinal.form(prose), ("（", "）"));

        let prose = "一.统一思想";
        let h = heading(prose).unwrap();
        assert_eq!(h.ordinal.scheme, Scheme::Chinese);
        assert_eq!(h.ordinal.form(prose), ("", "."));
        assert_eq!(h.ordinal.punct, None);

        let prose = "(一）混用括号";
        assert_eq!(heading(prose).unwrap().ordinal.form(prose), ("(", "）"));
    }

    #[test]
    fn heading_text_stops_at_the_first_full_stop() {
        let prose = "（二）打通了两条渠道。一是打通了线上渠道，二是打通了线下渠道。";
        let h = heading(prose).unwrap();
        assert_eq!(&prose[h.text.clone()], "打通了两条渠道");
        assert_eq!(
            &prose[h.body.clone()],
            "一是打通了线上渠道，二是打通了线下渠道。"
        );
        let prose = "三、下一步打算";
        let h = heading(prose).unwrap();
        assert!(h.body.is_empty());
    }

    #[test]
    fn not_headings() {
        for prose in [
            "1.5亿元的投入已经到位。",
            "2024年是关键一年。",
            "一年来，我们做了很多工作。",
            "一是加强学习。",
            "（注：以上数据为初步统计）",
            "第一要务是发展。",
            "十分重要的是落实。",
            "0.提示",
            "一、二季度经济运行总体平稳。",
            "一、二线城市房价回落。",
            "二、三产业协调发展。",
        ] {
            assert_eq!(heading(prose), None, "{prose}");
        }
    }

    #[test]
    fn paragraph_leading_ordinals() {
        let cases = [
            ("第一，要提高站位。", Scheme::Leading, 1, "第一", Some("，")),
            ("第三、要压实责任。", Scheme::Leading, 3, "第三", Some("、")),
            ("第二条 会议纪律", Scheme::Leading, 2, "第二条", None),
            ("首先，统一思想。", Scheme::Sequence, 1, "首先", Some("，")),
            ("其次，明确分工。", Scheme::Sequence, 2, "其次", Some("，")),
            ("再次，加强督查。", Scheme::Sequence, 3, "再次", Some("，")),
            (
                "最后，我再强调一点。",
                Scheme::Sequence,
                Ordinal::LAST,
                "最后",
                Some("，"),
            ),
        ];
        for (prose, scheme, value, marker, punct) in cases {
            let h = leading(prose).unwrap_or_else(|| panic!("no ordinal in {prose}"));
            assert_eq!(h.ordinal.scheme, scheme, "{prose}");
            assert_eq!(h.ordinal.value, value, "{prose}");
            assert_eq!(written(prose, &h.ordinal), marker, "{prose}");
            assert_eq!(h.ordinal.punct.map(|p| &prose[p]), punct, "{prose}");
        }
        let prose = "第一，要提高站位。这是前提。";
        assert_eq!(&prose[leading(prose).unwrap().text], "要提高站位");
        let prose = "其次是环境保护。";
        let h = leading(prose).unwrap();
        assert_eq!((h.ordinal.value, written(prose, &h.ordinal)), (2, "其次是"));
        assert_eq!(&prose[h.text], "环境保护");
        for prose in [
            "第一部分 总体情况",
            "首先要提高认识。",
            "最后一公里要打通。",
            "第一要务是发展。",
        ] {
            assert_eq!(leading(prose), None, "{prose}");
        }
        assert_eq!(
            paragraph_ordinal("第一部分 总体情况").map(|h| h.ordinal.scheme),
            Some(Scheme::Part)
        );
    }

    fn inline_written(prose: &str) -> Vec<(&str, u32)> {
        inline(prose)
            .iter()
            .map(|o| (&prose[o.written.clone()], o.value))
            .collect()
    }

    #[test]
    fn inline_enumerations() {
        assert_eq!(
            inline_written("一是抓学习，二是抓作风；三是抓落实。"),
            [("一是", 1), ("二是", 2), ("三是", 3)]
        );
        assert_eq!(
            inline_written("重点做好三件事：一要稳增长。二要保民生。三要防风险。四是要促改革。"),
            [("一要", 1), ("二要", 2), ("三要", 3), ("四是要", 4)]
        );
        let prose = "一要稳增长。四是要促改革。";
        let found = inline(prose);
        assert_eq!(found[0].scheme, Scheme::Inline('要'));
        assert_eq!(found[1].scheme, Scheme::Inline('是'));
        assert_eq!(found[0].scheme.family(), found[1].scheme.family());
        assert_eq!(found[1].form(prose), ("", "是要"));
        assert_eq!(
            inline_written("一抓班子，二抓队伍，三抓制度。"),
            [("一抓", 1), ("二抓", 2), ("三抓", 3)]
        );
        assert_eq!(
            inline_written("一思进取之心，二思为民之责。"),
            [("一思", 1), ("二思", 2)]
        );
        assert_eq!(
            inline_written("一方面要稳住基本盘；另一方面要开辟新赛道。"),
            [("一方面", 1), ("另一方面", 2)]
        );
        assert_eq!(
            inline_written("要求我们一方面要稳，另一方面要进。在这一方面，我们有经验。"),
            [("一方面", 1), ("另一方面", 2)]
        );
        assert_eq!(inline_written("撤销秘书二处、三处、四处。"), []);
        assert_eq!(
            inline_written("会议明确：十是强化保障，十一是严明纪律。"),
            [("十是", 10), ("十一是", 11)]
        );
    }

    #[test]
    fn false_inline_markers() {
        for prose in [
            "一是一，二是二，来不得半点虚假。",
            "思想统一是前提，目标唯一是关键。",
            "第一是要把方向。",
            "人才是第一要素，要点在于用好。",
            "一要素齐全才能开工。",
            "一是否定了旧做法。",
            "一个都不能少，一些问题要解决。",
            "一看就知道问题所在。",
            "一年来，我们一直在努力。",
        ] {
            assert_eq!(inline_written(prose), [], "{prose}");
        }
        // An unusual verb needs a second numeral with the same verb to count…
        assert_eq!(inline_written("一抓到底。"), []);
        // …but is offered as a candidate to confirm across paragraphs.
        assert_eq!(inline_candidates("一抓班子建设。").len(), 1);
    }

    #[test]
    fn dash_lines() {
        let prose = "——坚持稳中求进。";
        let o = dash(prose).unwrap();
        assert_eq!(o.scheme, Scheme::Dash);
        assert_eq!(written(prose, &o), "——");
        assert_eq!(dash("—单个破折号"), None);
        let h = paragraph_ordinal(prose).unwrap();
        assert_eq!(&prose[h.text], "坚持稳中求进");
    }

    #[test]
    fn speech_separators() {
        let prose = "年度工作会议讲话篇三";
        let m = speech_separator(prose).unwrap();
        assert_eq!(m.value, 3);
        assert_eq!(&prose[m.written.clone()], "篇三");
        assert_eq!(&prose[m.name.clone()], "年度工作会议讲话");
        let prose = "第二篇：在春训会上的讲话";
        let m = speech_separator(prose).unwrap();
        assert_eq!((m.value, &prose[m.written.clone()]), (2, "第二篇"));
        assert_eq!(&prose[m.name], "在春训会上的讲话");
        let prose = "交流发言（篇一）";
        let m = speech_separator(prose).unwrap();
        assert_eq!(&prose[m.written], "（篇一）");
        for prose in [
            "第一篇：在春训会上的讲话，会议要求大家...",
            "交流发言（精选5篇）",
            "这是一篇好文章",
            "第一篇章",
            "我们写了一篇",
        ] {
            assert_eq!(speech_separator(prose), None, "{prose}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for prose in [
            "",
            "（",
            "(一",
            "第",
            "第一",
            "一",
            "１",
            "①",
            "首先",
            "——",
            "\u{1F600}一是",
        ] {
            let _ = paragraph_ordinal(prose);
            let _ = inline(prose);
        }
    }

    #[test]
    fn months_grades_and_phases_in_a_series_are_not_headings() {
        for prose in [
            "三、四月份是植树的好时节。",
            "五、六年级的学生参加了活动。",
            "一、二期工程已经完工。",
        ] {
            assert_eq!(heading(prose), None, "{prose}");
        }
        assert!(heading("三、四个方面的问题要解决").is_some());
    }
}
