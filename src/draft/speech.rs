//! The anatomy of a speech: which paragraphs are the title, the salutation, the opening, the
//! body sections and the closing, for each speech of a draft (a compilation holds several).
//!
//! Everything here is computed once per parse from the paragraphs' prose and their leading
//! ordinals; the numbering and section checks read [`super::Draft::speeches`],
//! [`super::Draft::sections`] and [`super::Paragraph::role`] instead of re-reading text.
//! All `Range<usize>` of paragraphs here are indices into [`super::Draft::paragraphs`];
//! an empty range sits where the missing part belongs.

use std::ops::Range;

use super::address::{address_at, After};
use super::lexicon::{Lexicon, LEXICON};
use super::ordinal::{self, Scheme, SpeechMarker};
use super::{is_padding, Paragraph};

/// What a paragraph is in the anatomy of its speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    /// Not part of any speech: compilation headers and site text before the first speech.
    Outside,
    /// The line separating the speeches of a compilation (`…篇一`, `第二篇：…`).
    Separator,
    /// A line of the title block: title, subtitle `——在…上的讲话`, speaker, date.
    Title,
    /// Text between the title and a later salutation (the salutation is misplaced).
    Preamble,
    /// `同志们：`, `各位领导、同志们：`, `尊敬的…：`.
    Salutation,
    /// Between the salutation (or title) and the first body section.
    Opening,
    /// The heading paragraph of a body section.
    Heading,
    /// Any other paragraph of the body.
    #[default]
    Body,
    /// The final paragraphs that address the audience and call to action.
    Closing,
}

/// One speech of the draft (the whole draft when it is not a compilation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speech {
    /// The separator paragraph (`…篇一`) and what it says, when the draft is a compilation.
    pub separator: Option<(usize, SpeechMarker)>,
    /// Every paragraph of the speech, separator included.
    pub paragraphs: Range<usize>,
    /// The title block, separator included (empty when the speech has no title lines).
    pub title: Range<usize>,
    /// Paragraphs between the title and a salutation that comes after them (usually empty).
    pub preamble: Range<usize>,
    pub salutation: Option<usize>,
    /// Paragraphs between the salutation (or title) and the first body section.
    pub opening: Range<usize>,
    /// From the first section heading to the paragraph before the closing; empty (at the
    /// closing) when the speech has no sections.
    pub body: Range<usize>,
    /// Indices into [`super::Draft::sections`] of this speech's sections, all depths.
    pub sections: Range<usize>,
    /// The closing paragraphs; empty at the end of the speech when there is none.
    pub closing: Range<usize>,
    /// What kind of speech it is, when declared or recognised (see [`super::kind`]).
    pub kind: Option<super::kind::Kind>,
    /// The draft ends inside this speech and was cut off there: its last sentence stops
    /// mid-way, trails off in `……`, or a site's truncation notice follows it (`试读结束…`).
    /// Nothing can be said about the parts it lacks.
    pub truncated: bool,
    /// The name on a compilation label above the speech that the residue layer removed (a
    /// page cut off after its first piece: `…讲话致辞(1)`): a title, once the writer drops
    /// the number.
    pub label: Option<String>,
}

/// How a section heading is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionMarker {
    /// A numbering scheme (`一、`, `（一）`, `1.`, `第一，`, `首先，` …); the heading
    /// paragraph's [`super::Paragraph::ordinal`] holds the ordinal.
    Ordinal(Scheme),
    /// A Markdown heading of this level without an ordinal.
    Markdown(u8),
    /// A short unnumbered heading line such as `年度工作简要回顾`.
    Unnumbered,
}

/// One body section: its heading paragraph and everything under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index of the heading paragraph.
    pub heading: usize,
    /// Heading paragraph through the section's last paragraph (subsections included).
    pub paragraphs: Range<usize>,
    pub marker: SectionMarker,
    /// Nesting rank used to build the tree: lower ranks contain higher ones. Markdown levels
    /// are 1–6, then `第一部分` 7, `一、` 10, unnumbered lines 15, `（一）` 20, `1.` 30,
    /// `（1）` 40, `①` 50, `第一，`/`首先，` 60.
    pub rank: u8,
    /// 0 for a top-level section of its speech.
    pub depth: usize,
    /// Index into [`super::Draft::sections`] of the enclosing section.
    pub parent: Option<usize>,
    /// The heading text without its ordinal, as a range in the heading paragraph's prose
    /// (`擦亮了三个窗口` in `（一）擦亮了三个窗口。一是…`).
    pub name: Range<usize>,
}

/// The rank a leading ordinal gives its section (see [`Section::rank`]).
pub fn scheme_rank(scheme: Scheme) -> Option<u8> {
    Some(match scheme {
        Scheme::Part => 7,
        Scheme::Chinese => 10,
        Scheme::ParenChinese => 20,
        Scheme::Arabic => 30,
        Scheme::ParenArabic => 40,
        Scheme::Circled => 50,
        Scheme::Leading | Scheme::Sequence => 60,
        _ => return None,
    })
}

const UNNUMBERED_RANK: u8 = 15;

fn trimmed(s: &str) -> &str {
    s.trim_matches(is_padding)
}

/// A salutation line: an address alone (`同志们：`, `尊敬的各位来宾，女士们、先生们：`,
/// `尊敬的各位镇长，` before a greeting line, a short `同志们` without its colon, which the
/// `salutation-format` rule reports). See [`super::address`].
pub fn is_salutation(prose: &str) -> bool {
    let t = trimmed(prose);
    address_at(t, 0).is_some_and(|a| a.after == After::End && a.is_salutation(t))
}

/// A paragraph that belongs to a closing: it addresses the audience (`同志们，…`), thanks
/// them, or calls them to act (`让我们…`, `…作出新的更大的贡献！`).
pub fn is_closing_like(prose: &str) -> bool {
    let t = trimmed(prose);
    if t.is_empty() {
        return false;
    }
    // An address followed by a comma or exclamation mark within the first few words.
    let head: String = t.chars().take(16).collect();
    if LEXICON.addressees.iter().any(|w| t.starts_with(w.as_str())) {
        if let Some(i) = head.find(['，', ',', '！', '!', '：', ':']) {
            if !head[i..].starts_with(['：', ':']) {
                return true;
            }
        }
    }
    let chars = t.chars().count();
    if t.contains("谢谢") && chars <= 20 {
        return true;
    }
    if t.starts_with("祝") || t.starts_with("预祝") || t.contains("让我们") {
        return true;
    }
    // `以上汇报，不妥之处，请批评指正。`, `以上意见，请大家认真贯彻落实。`: how reports,
    // exchange speeches and leaders' instructions end.
    if t.contains("批评指正") || t.starts_with("以上") && t.contains('请') {
        return true;
    }
    // `希望大家共同努力，……`: an appeal to the audience.
    if Lexicon::any_in(&LEXICON.appeals, t) {
        return true;
    }
    if t.starts_with("最后") && Lexicon::any_in(&LEXICON.farewell, t) {
        return true;
    }
    t.ends_with(['！', '!']) && Lexicon::any_in(&LEXICON.call, t)
}

/// A line of the title block: short, not a sentence, not numbered (a `——` subtitle is fine).
fn is_title_like(paragraph: &Paragraph) -> bool {
    if let Some(h) = &paragraph.ordinal {
        if h.ordinal.scheme != Scheme::Dash {
            return false;
        }
    }
    match paragraph.heading_level {
        Some(1) => return true,
        Some(_) => return false,
        None => {}
    }
    let t = trimmed(&paragraph.prose.text);
    !t.is_empty()
        && t.chars().count() <= 60
        && !t.contains(['。', '；', ';'])
        && !t.ends_with(['！', '？', '!', '?', '，', ',', '：', ':'])
}

/// Characters that cannot end a heading: a line ending in one was cut mid-phrase.
pub const DANGLING: &[char] = &[
    '的', '和', '与', '及', '、', '，', ',', '在', '对', '把', '为', '了', '将', '从', '向', '以',
    '于', '是', '并', '而', '或',
];

/// A short unnumbered heading line: at most 25 characters, no clause punctuation, not cut off.
pub fn is_unnumbered_heading(prose: &str) -> bool {
    let t = trimmed(prose);
    let chars = t.chars().count();
    (1..=25).contains(&chars)
        && !t.contains([
            '，', ',', '。', '；', ';', '：', ':', '！', '!', '？', '?', '…',
        ])
        && !t.ends_with(DANGLING)
        && ordinal::paragraph_ordinal(t).is_none()
        && ordinal::inline_start(t).is_none()
        && !is_salutation(t)
}

/// Splits the paragraphs into speeches, finds each speech's parts and sections, and sets
/// every paragraph's role. `paragraphs` must already carry their leading ordinals. `cut_off`:
/// the draft was cut off inside its last speech ([`is_cut_off`]); that speech has no closing
/// (its end is missing) and is marked [`Speech::truncated`].
pub fn analyse(paragraphs: &mut [Paragraph], cut_off: bool) -> (Vec<Speech>, Vec<Section>) {
    let separators: Vec<(usize, SpeechMarker)> = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| ordinal::speech_separator(&p.prose.text).map(|m| (i, m)))
        .collect();
    let mut spans: Vec<(Separator, Range<usize>)> = Vec::new();
    if separators.is_empty() {
        if !paragraphs.is_empty() {
            spans.push((None, 0..paragraphs.len()));
        }
    } else {
        for p in &mut paragraphs[..separators[0].0] {
            p.role = Role::Outside;
        }
        for (k, (index, marker)) in separators.iter().enumerate() {
            let end = separators.get(k + 1).map_or(paragraphs.len(), |s| s.0);
            spans.push((Some((*index, marker.clone())), *index..end));
        }
    }
    let mut speeches = Vec::with_capacity(spans.len());
    let mut sections = Vec::new();
    let last = spans.len().saturating_sub(1);
    for (k, (separator, span)) in spans.into_iter().enumerate() {
        let cut_off = cut_off && k == last;
        speeches.push(analyse_speech(
            paragraphs,
            separator,
            span,
            cut_off,
            &mut sections,
        ));
    }
    (speeches, sections)
}

/// A speech's separator paragraph and what it says.
type Separator = Option<(usize, SpeechMarker)>;

fn analyse_speech(
    paragraphs: &mut [Paragraph],
    separator: Separator,
    span: Range<usize>,
    cut_off: bool,
    sections: &mut Vec<Section>,
) -> Speech {
    let start = span.start + usize::from(separator.is_some());
    let end = span.end;

    // Title block: a few short title-like lines at the top.
    let mut t = start;
    while t < end
        && t - start < 6
        && !is_salutation(&paragraphs[t].prose.text)
        && is_title_like(&paragraphs[t])
    {
        t += 1;
    }
    let title = span.start..t;

    // Salutation: among the first paragraphs after the title, before any numbered heading.
    let mut salutation = None;
    for (i, p) in paragraphs.iter().enumerate().take(end.min(t + 3)).skip(t) {
        if p.ordinal
            .as_ref()
            .is_some_and(|h| h.ordinal.scheme.is_heading())
        {
            break;
        }
        if is_salutation(&p.prose.text) {
            salutation = Some(i);
            break;
        }
    }
    let (preamble, opening_start) = match salutation {
        Some(s) => (t..s, s + 1),
        None => (t..t, t),
    };

    // Closing: the trailing run of closing-like paragraphs. A speech that was cut off has
    // lost its end: its last paragraphs are not its closing, whatever they say.
    let mut closing_start = end;
    while !cut_off && closing_start > opening_start {
        let p = &paragraphs[closing_start - 1];
        let numbered = p.heading_level.is_some()
            || p.ordinal.as_ref().is_some_and(|h| {
                h.ordinal.scheme.is_heading() || h.ordinal.scheme == Scheme::Leading
            });
        if numbered || !is_closing_like(&p.prose.text) {
            break;
        }
        closing_start -= 1;
    }
    let closing = closing_start..end;

    // Section headings in the body region.
    let region = opening_start..closing_start;
    let mut heads: Vec<(usize, u8, SectionMarker)> = Vec::new();
    let mut leading_group: Vec<usize> = Vec::new();
    let flush = |group: &mut Vec<usize>, heads: &mut Vec<(usize, u8, SectionMarker)>| {
        // `第一，`/`首先，` make sections only as a group of two or more siblings.
        if group.len() >= 2 {
            for &i in group.iter() {
                heads.push((i, 60, SectionMarker::Ordinal(Scheme::Leading)));
            }
        }
        group.clear();
    };
    for i in region.clone() {
        let p = &paragraphs[i];
        let scheme = p.ordinal.as_ref().map(|h| h.ordinal.scheme);
        let head = if let Some(level) = p.heading_level {
            Some(match scheme {
                Some(s) if s.is_heading() => (level, SectionMarker::Ordinal(s)),
                _ => (level, SectionMarker::Markdown(level)),
            })
        } else if let Some(s) = scheme.filter(|s| s.is_heading()) {
            scheme_rank(s).map(|rank| (rank, SectionMarker::Ordinal(s)))
        } else if matches!(scheme, Some(Scheme::Leading | Scheme::Sequence)) {
            leading_group.push(i);
            continue;
        } else if i + 1 < region.end
            && i > start
            && !p.table_row
            && is_unnumbered_heading(&p.prose.text)
            && !is_unnumbered_heading(&paragraphs[i + 1].prose.text)
        {
            Some((UNNUMBERED_RANK, SectionMarker::Unnumbered))
        } else {
            None
        };
        if let Some((rank, marker)) = head {
            if rank < 60 {
                flush(&mut leading_group, &mut heads);
            }
            heads.push((i, rank, marker));
        }
    }
    flush(&mut leading_group, &mut heads);
    heads.sort_by_key(|h| h.0);
    // Leading ordinals fix their marker to the real scheme (`首先` is Sequence).
    for h in &mut heads {
        if let SectionMarker::Ordinal(Scheme::Leading) = h.2 {
            if let Some(o) = &paragraphs[h.0].ordinal {
                h.2 = SectionMarker::Ordinal(o.ordinal.scheme);
            }
        }
    }

    let body_start = heads.first().map_or(closing_start, |h| h.0);
    let opening = opening_start..body_start;
    let body = body_start..closing_start;

    // Nest by rank with a stack of open sections.
    let first_section = sections.len();
    let mut stack: Vec<usize> = Vec::new();
    for (k, &(i, rank, marker)) in heads.iter().enumerate() {
        while stack.last().is_some_and(|&s| sections[s].rank >= rank) {
            stack.pop();
        }
        let parent = stack.last().copied();
        // The section runs to the next heading of the same or a higher rank.
        let until = heads[k + 1..]
            .iter()
            .find(|h| h.1 <= rank)
            .map_or(closing_start, |h| h.0);
        let p = &paragraphs[i];
        let name = match (&p.ordinal, marker) {
            (Some(h), SectionMarker::Ordinal(_)) => h.text.clone(),
            _ => {
                let text = &p.prose.text;
                let s = text.len() - text.trim_start_matches(is_padding).len();
                let e = text.trim_end_matches(is_padding).len();
                s..e.max(s)
            }
        };
        sections.push(Section {
            heading: i,
            paragraphs: i..until,
            marker,
            rank,
            depth: stack.len(),
            parent,
            name,
        });
        stack.push(sections.len() - 1);
    }

    // Roles.
    if let Some((s, _)) = &separator {
        paragraphs[*s].role = Role::Separator;
    }
    for p in &mut paragraphs[start..title.end] {
        p.role = Role::Title;
    }
    for p in &mut paragraphs[preamble.clone()] {
        p.role = Role::Preamble;
    }
    if let Some(s) = salutation {
        paragraphs[s].role = Role::Salutation;
    }
    for p in &mut paragraphs[opening.clone()] {
        p.role = Role::Opening;
    }
    for p in &mut paragraphs[body.clone()] {
        p.role = Role::Body;
    }
    for h in &heads {
        paragraphs[h.0].role = Role::Heading;
    }
    for p in &mut paragraphs[closing.clone()] {
        p.role = Role::Closing;
    }

    Speech {
        separator,
        paragraphs: span,
        title,
        preamble,
        salutation,
        opening,
        body,
        sections: first_section..sections.len(),
        closing,
        kind: None,
        truncated: cut_off,
        label: None,
    }
}

/// True when a draft whose last readable paragraph is `last` (prose) and whose text after it
/// is `rest` (residue only) was cut off: the paragraph stops mid-sentence or trails off in
/// an ellipsis, or the residue after it is a site's truncation notice.
pub fn is_cut_off(last: &str, rest: &str) -> bool {
    let last = trimmed(last);
    let Some(end) = last.chars().next_back() else {
        return false;
    };
    // A short line without clause marks (a signature, a date, `谢谢大家`) is not a sentence
    // that stopped.
    let sentence = last.chars().count() > 15 && last.contains(['，', ',', '、', '；', ';']);
    let stops_mid_sentence = sentence && !super::SENTENCE_END.contains(&end) || end == '…';
    let trails_off = last.ends_with("...") || last.ends_with("。。。");
    stops_mid_sentence || trails_off || Lexicon::any_in(&LEXICON.truncation, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salutations() {
        for s in [
            "同志们：",
            "各位领导、同志们：",
            "尊敬的各位来宾：",
            "同志们:",
            "同志们",
            "　　各位代表：",
        ] {
            assert!(is_salutation(s), "{s}");
        }
        for s in [
            "同志们，让我们携手前进！",
            "会议议程如下：",
            "今天召开各位代表参加的会议，主要任务是：",
            "各位领导对此高度重视，多次作出批示",
        ] {
            assert!(!is_salutation(s), "{s}");
        }
    }

    #[test]
    fn a_ceremony_salutation_may_group_addressees_with_commas() {
        assert!(is_salutation("尊敬的各位嘉宾，女士们、先生们，朋友们："));
        assert!(is_salutation("各位来宾，全体参赛选手、志愿者，同志们："));
        // Without the colon, or with a group that is not an addressee, it is a sentence.
        assert!(!is_salutation("尊敬的各位嘉宾，女士们、先生们"));
        assert!(!is_salutation("各位嘉宾，今天的议程是："));
    }

    #[test]
    fn closing_paragraphs() {
        for s in [
            "同志们，任务光荣而艰巨，让我们携起手来，共创美好未来！",
            "谢谢大家！",
            "最后，祝大家新春愉快、阖家幸福！",
            "让我们以更加饱满的热情投入工作。",
            "全体同志要坚定信心，为全面完成今年任务作出新的更大的贡献！",
            "各位领导，我们有信心把工作做得更好。",
            "希望大家共同努力，把机关建设成温暖的家。",
            "以上发言如有不妥，敬请大家批评指正。",
            "以上几点要求，请各单位认真抓好落实。",
            "预祝运动会取得圆满成功！",
        ] {
            assert!(is_closing_like(s), "{s}");
        }
        for s in [
            "最后，我再强调一下安全生产工作。",
            "同志们：",
            "今年的任务很重。",
            "要把这项工作抓紧抓好！",
            "以上三项指标均超额完成。",
        ] {
            assert!(!is_closing_like(s), "{s}");
        }
    }

    #[test]
    fn unnumbered_headings() {
        assert!(is_unnumbered_heading("全年工作简要回顾"));
        assert!(is_unnumbered_heading("20xx年主要工作安排"));
        for s in [
            "长期以来，我市",
            "进一步增强做好工作的",
            "一、总体要求",
            "一是抓学习",
            "同志们",
            "会议议程如下：",
            "这是一个很长的没有标点符号的句子但它超过了二十五个字所以不算标题的",
        ] {
            assert!(!is_unnumbered_heading(s), "{s}");
        }
    }
}
