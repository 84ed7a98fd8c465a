//! Numbering sequences: the ordinals that belong together. Every numbering rule and the
//! announced-count rule read [`super::Draft::sequences`], built here once per parse, so they
//! agree on what a list is.
//!
//! - heading markers (`一、` `（一）` `1.` …) form one sequence per parent section and rank
//!   (`（一）` and `(一)` are one rank, so width mixes are one sequence);
//! - paragraph-leading ordinals (`第一，` `首先，`) form one sequence per enclosing section;
//! - inline enumerations (`一是…二是…`) continue across paragraphs of one section until a new
//!   `一是` starts another list;
//! - dash lines (`——…`) form one sequence per run of consecutive paragraphs.

use std::collections::HashMap;
use std::ops::Range;

use super::ordinal::{Ordinal, Scheme};
use super::speech::{Role, Section, SectionMarker, Speech};
use super::Paragraph;

/// What kind of numbering a sequence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SequenceKind {
    /// Section heading markers of one rank under one parent.
    Heading,
    /// Paragraph-leading `第一，` / `首先，` ordinals.
    Leading,
    /// Inline enumerations `一是…二是…`, `一要…`, `一抓…`.
    Inline,
    /// `一方面…另一方面…`.
    Aspect,
    /// Consecutive `——` lines.
    Dash,
}

/// One ordinal of a sequence: the paragraph it is in and the ordinal (prose ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub paragraph: usize,
    pub ordinal: Ordinal,
}

/// Ordinals that belong together, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    pub kind: SequenceKind,
    /// The members' common [`Scheme::family`].
    pub family: Scheme,
    pub members: Vec<Member>,
    /// The section the list is in (for headings: their parent section), if any.
    pub section: Option<usize>,
    /// For a run of headings of a higher level written where a lower level's items belong
    /// (`一、` `二、` between `（一）` and `（二）`): the paragraph of the lower-level heading
    /// the run is nested under. The run is its own sequence, and the lower level's sequence
    /// continues across it.
    pub misplaced_under: Option<usize>,
    /// For a list nested in an item of another list (`一是要…` under `一要…`, `首先是…` under
    /// `其次，`): that list's index in [`super::Draft::sequences`] and the item's index in
    /// its members.
    pub parent: Option<(usize, usize)>,
    /// A counted phrase inside one sentence (`一看…二看…三看…`): numbered, but not an item of
    /// the speech's outline and not continued by any other list.
    pub local: bool,
}

/// Where a list lives: a section, or a part of a speech outside every section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Container {
    Section(usize),
    Part(usize, Role),
}

/// Builds every sequence of the draft in one pass over sections and paragraphs.
pub fn build(paragraphs: &[Paragraph], speeches: &[Speech], sections: &[Section]) -> Vec<Sequence> {
    let n = paragraphs.len();
    // Innermost section of each paragraph; sections come parents first.
    let mut innermost: Vec<Option<usize>> = vec![None; n];
    let mut headed: Vec<Option<usize>> = vec![None; n];
    for (s, section) in sections.iter().enumerate() {
        for slot in innermost
            .get_mut(section.paragraphs.clone())
            .into_iter()
            .flatten()
        {
            *slot = Some(s);
        }
        if let Some(slot) = headed.get_mut(section.heading) {
            *slot = Some(s);
        }
    }
    let mut speech_of: Vec<usize> = vec![0; n];
    for (k, speech) in speeches.iter().enumerate() {
        for slot in speech_of
            .get_mut(speech.paragraphs.clone())
            .into_iter()
            .flatten()
        {
            *slot = k;
        }
    }
    let container = |i: usize, section: Option<usize>| match section {
        Some(s) => Container::Section(s),
        None => Container::Part(speech_of[i], paragraphs[i].role),
    };

    let mut out: Vec<Sequence> = Vec::new();

    // Headings: one sequence per (speech, parent, rank).
    let mut open: HashMap<(usize, Option<usize>, u8), usize> = HashMap::new();
    // The sequence that last took a heading of each (speech, rank).
    let mut latest: HashMap<(usize, u8), usize> = HashMap::new();
    for section in sections {
        let SectionMarker::Ordinal(scheme) = section.marker else {
            continue;
        };
        let (Some(rank), Some(heading)) = (
            scheme.rank(),
            paragraphs
                .get(section.heading)
                .and_then(|p| p.ordinal.as_ref()),
        ) else {
            continue;
        };
        let member = Member {
            paragraph: section.heading,
            ordinal: heading.ordinal.clone(),
        };
        let speech = speech_of[section.heading];
        let key = (speech, section.parent, rank);
        // A short unnumbered line taken for a heading (`坚持稳中求进`) must not cut a list:
        // `（二）` under it continues the `（一）` before it.
        let under_unnumbered = section
            .parent
            .and_then(|p| sections.get(p))
            .is_some_and(|p| p.marker == SectionMarker::Unnumbered);
        let continued = latest.get(&(speech, rank)).copied().filter(|&k: &usize| {
            under_unnumbered
                && !open.contains_key(&key)
                && out[k]
                    .members
                    .last()
                    .is_some_and(|m| m.ordinal.value + 1 == member.ordinal.value)
        });
        match open.get(&key).copied().or(continued) {
            Some(k) => {
                out[k].members.push(member);
                open.insert(key, k);
                latest.insert((speech, rank), k);
            }
            None => {
                latest.insert((speech, rank), out.len());
                open.insert(key, out.len());
                out.push(Sequence {
                    kind: SequenceKind::Heading,
                    family: scheme.family(),
                    members: vec![member],
                    section: section.parent,
                    misplaced_under: None,
                    parent: None,
                    local: false,
                });
            }
        }
    }

    untangle_misplaced_runs(&mut out, &headed);

    // Leading ordinals, inline enumerations and dashes, in one pass over paragraphs.
    let mut open: HashMap<(Container, Scheme), usize> = HashMap::new();
    let mut nests: HashMap<(Container, SequenceKind), Vec<usize>> = HashMap::new();
    let mut last_dash: Option<(usize, usize)> = None; // (paragraph, sequence)
    for (i, p) in paragraphs.iter().enumerate() {
        if matches!(p.role, Role::Title | Role::Outside | Role::Separator) {
            continue;
        }
        if let Some(h) = &p.ordinal {
            let scheme = h.ordinal.scheme;
            match scheme {
                Scheme::Leading | Scheme::Sequence => {
                    // A leading ordinal that heads a section lives in that section's parent.
                    let section = match headed[i] {
                        Some(s) => sections[s].parent,
                        None => innermost[i],
                    };
                    let member = Member {
                        paragraph: i,
                        ordinal: h.ordinal.clone(),
                    };
                    let stack = nests
                        .entry((container(i, section), SequenceKind::Leading))
                        .or_default();
                    nest(
                        &mut out,
                        stack,
                        paragraphs,
                        SequenceKind::Leading,
                        section,
                        member,
                    );
                }
                Scheme::Dash => {
                    let member = Member {
                        paragraph: i,
                        ordinal: h.ordinal.clone(),
                    };
                    match last_dash {
                        Some((j, k)) if j + 1 == i && out[k].section == innermost[i] => {
                            out[k].members.push(member);
                            last_dash = Some((i, k));
                        }
                        _ => {
                            last_dash = Some((i, out.len()));
                            out.push(Sequence::new(
                                SequenceKind::Dash,
                                Scheme::Dash,
                                member,
                                innermost[i],
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        for item in &p.items {
            let member = Member {
                paragraph: i,
                ordinal: item.clone(),
            };
            if item.scheme == Scheme::Aspect {
                let key = (container(i, innermost[i]), Scheme::Aspect);
                push(
                    &mut out,
                    &mut open,
                    key,
                    SequenceKind::Aspect,
                    innermost[i],
                    member,
                );
            } else {
                let stack = nests
                    .entry((container(i, innermost[i]), SequenceKind::Inline))
                    .or_default();
                nest(
                    &mut out,
                    stack,
                    paragraphs,
                    SequenceKind::Inline,
                    innermost[i],
                    member,
                );
            }
        }
        // Counted phrases inside one sentence: a list of their own per verb.
        let mut local: Vec<Sequence> = Vec::new();
        for item in &p.local_items {
            let member = Member {
                paragraph: i,
                ordinal: item.clone(),
            };
            match local.iter_mut().find(|s| s.family == item.scheme) {
                Some(s) => s.members.push(member),
                None => {
                    let mut s =
                        Sequence::new(SequenceKind::Inline, item.scheme, member, innermost[i]);
                    s.local = true;
                    local.push(s);
                }
            }
        }
        out.extend(local);
    }
    // In document order; nested lists keep pointing at their parents.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&k| {
        out[k]
            .members
            .first()
            .map(|m| (m.paragraph, m.ordinal.written.start))
    });
    let mut new_index = vec![0; out.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Sequence>> = out.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&old| {
            let mut s = slots[old].take().expect("each sequence once");
            s.parent = s.parent.map(|(p, m)| (new_index[p], m));
            s
        })
        .collect()
}

impl Sequence {
    fn new(kind: SequenceKind, family: Scheme, member: Member, section: Option<usize>) -> Self {
        Sequence {
            kind,
            family,
            members: vec![member],
            section,
            misplaced_under: None,
            parent: None,
            local: false,
        }
    }
}

/// How a member is written without its number (`要`, `是要`, `是`, `第|`, `首先`), and whether
/// it starts its paragraph.
fn shape(paragraphs: &[Paragraph], member: &Member) -> (String, bool) {
    let prose = prose_of(paragraphs, member);
    let (before, after) = member.ordinal.form(prose);
    // Pieces pushed, not `format!`ted: every member of every list is shaped on each analysis.
    let mut form = String::with_capacity(before.len() + after.len() + 6);
    match member.ordinal.scheme {
        // `首先` `其次` `最后` are one style; `首先是` `其次是` another.
        Scheme::Sequence => form.push_str("首先"),
        _ => {
            form.push_str(before);
            form.push('|');
        }
    }
    form.push_str(after);
    let leads = prose[..member.ordinal.written.start.min(prose.len())]
        .chars()
        .all(super::is_padding);
    (form, leads)
}

/// Places a leading or inline ordinal into the lists open in its container. Real speeches
/// nest these lists: `一要塑造一种形象` holds `一是要…二是要…三是要…`, then `二要…` goes on
/// with the outer list. `stack` holds the open lists, outermost first.
///
/// - A member goes on with the innermost open list it continues (next number, same style;
///   a member that leads its paragraph prefers a list of paragraph-leading members), else
///   with any open list it continues by number (`首先，其次，第三，` is one list in two styles).
/// - A first member (`一`) opens a list nested in the open list's last item when that item
///   leads its paragraph and this one is written differently or sits inside the paragraph,
///   or when both are in one paragraph in different styles; otherwise it starts a list beside
///   the open one.
/// - Anything else (a gap, a repeat) goes on with the innermost list of its style, else the
///   innermost list: the numbering rules then report it.
fn nest(
    out: &mut Vec<Sequence>,
    stack: &mut Vec<usize>,
    paragraphs: &[Paragraph],
    kind: SequenceKind,
    section: Option<usize>,
    member: Member,
) {
    let family = member.ordinal.scheme.family();
    let value = member.ordinal.value;
    let (form, leads) = shape(paragraphs, &member);
    let last_of = |k: usize| out[k].members.last().expect("lists are never empty");
    let continues = |k: usize| {
        let last = last_of(k).ordinal.value;
        last != Ordinal::LAST && (value == Ordinal::LAST || value == last + 1)
    };
    let attach = |out: &mut Vec<Sequence>, stack: &mut Vec<usize>, at: usize, member: Member| {
        out[stack[at]].members.push(member);
        stack.truncate(at + 1);
    };
    let same_family: Vec<usize> = (0..stack.len())
        .rev()
        .filter(|&at| out[stack[at]].family == family)
        .collect();
    // 1. Continues an open list.
    let same_style: Vec<usize> = same_family
        .iter()
        .copied()
        .filter(|&at| continues(stack[at]) && shape(paragraphs, last_of(stack[at])).0 == form)
        .collect();
    let by_lead = same_style
        .iter()
        .copied()
        .find(|&at| shape(paragraphs, last_of(stack[at])).1 == leads);
    if let Some(at) = by_lead.or(same_style.first().copied()) {
        attach(out, stack, at, member);
        return;
    }
    if let Some(&at) = same_family.iter().find(|&&at| continues(stack[at])) {
        attach(out, stack, at, member);
        return;
    }
    // 2. A first member: nested, or beside the innermost list.
    if value == 1 {
        let mut parent = None;
        if let Some(&at) = same_family.first() {
            let list = stack[at];
            let last = last_of(list);
            let (last_form, last_leads) = shape(paragraphs, last);
            let nested = last_leads && (!leads || last_form != form)
                || last.paragraph == member.paragraph && last_form != form;
            if nested {
                parent = Some((list, out[list].members.len() - 1));
                stack.truncate(at + 1);
            } else {
                parent = out[list].parent;
                stack.truncate(at);
            }
        }
        let mut list = Sequence::new(kind, family, member, section);
        list.parent = parent;
        stack.push(out.len());
        out.push(list);
        return;
    }
    // 3. A gap or a repeat: with the innermost list of its style, else the innermost list.
    let styled = same_family
        .iter()
        .copied()
        .find(|&at| shape(paragraphs, last_of(stack[at])).0 == form);
    match styled.or(same_family.first().copied()) {
        Some(at) => attach(out, stack, at, member),
        None => {
            stack.push(out.len());
            out.push(Sequence::new(kind, family, member, section));
        }
    }
}

/// Finds runs of headings restarted at one between two items of a lower level
/// (`一、总体要求 （一）… 一、… 二、… （二）… 二、…`): the writer used the higher level's
/// markers for items of `（一）`. Rank-based nesting splits such a draft into a duplicate
/// `一、` and a `（二）` that starts at two; here the run becomes its own sequence, marked
/// [`Sequence::misplaced_under`], and the lower level's two halves are joined again.
fn untangle_misplaced_runs(out: &mut Vec<Sequence>, headed: &[Option<usize>]) {
    let section_of = |m: &Member| headed.get(m.paragraph).copied().flatten();
    let mut k = 0;
    while k < out.len() {
        let mut j = 1;
        while j < out[k].members.len() {
            let members = &out[k].members;
            if members[j].ordinal.value != 1 {
                j += 1;
                continue;
            }
            // The run: values 1, 2, 3… from j.
            let mut end = j + 1;
            while end < members.len() && members[end].ordinal.value == (end - j + 1) as u32 {
                end += 1;
            }
            let (Some(before), Some(last)) =
                (section_of(&members[j - 1]), section_of(&members[end - 1]))
            else {
                j += 1;
                continue;
            };
            // The lower level's sequence under the member before the run, and its
            // continuation under the run's last member.
            let lower = out.iter().position(|s| {
                s.kind == SequenceKind::Heading
                    && s.section == Some(before)
                    && s.misplaced_under.is_none()
            });
            let resumed = out.iter().position(|s| {
                s.kind == SequenceKind::Heading
                    && s.section == Some(last)
                    && s.misplaced_under.is_none()
            });
            let (Some(lower), Some(resumed)) = (lower, resumed) else {
                j += 1;
                continue;
            };
            let continues = match (out[lower].members.last(), out[resumed].members.first()) {
                (Some(a), Some(b)) => {
                    a.ordinal.scheme.rank() == b.ordinal.scheme.rank()
                        && b.ordinal.value == a.ordinal.value + 1
                }
                _ => false,
            };
            if !continues || lower == k || resumed == k {
                j += 1;
                continue;
            }
            let under = out[lower].members.last().map(|m| m.paragraph);
            let run: Vec<Member> = out[k].members.drain(j..end).collect();
            let tail = std::mem::take(&mut out[resumed].members);
            out[lower].members.extend(tail);
            let family = out[k].family;
            let section = under.and_then(|p| headed.get(p).copied().flatten());
            out.push(Sequence {
                kind: SequenceKind::Heading,
                family,
                members: run,
                section,
                misplaced_under: under,
                parent: None,
                local: false,
            });
        }
        k += 1;
    }
    out.retain(|s| !s.members.is_empty());
}

/// Adds a member to the open list of its container and family, or starts a new list when it
/// is a first item (`一是`, `首先`) or nothing is open.
fn push(
    out: &mut Vec<Sequence>,
    open: &mut HashMap<(Container, Scheme), usize>,
    key: (Container, Scheme),
    kind: SequenceKind,
    section: Option<usize>,
    member: Member,
) {
    let starts = member.ordinal.value == 1;
    match open.get(&key) {
        Some(&k) if !starts => out[k].members.push(member),
        _ => {
            open.insert(key, out.len());
            out.push(Sequence::new(kind, key.1, member, section));
        }
    }
}

impl Sequence {
    /// True for the kinds whose numbers are checked (not `一方面` and not dashes).
    pub fn is_numbered(&self) -> bool {
        !matches!(self.kind, SequenceKind::Aspect | SequenceKind::Dash)
    }
}

/// A member written differently from most of its sequence, and how it should read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlier {
    /// Index into [`Sequence::members`].
    pub member: usize,
    /// The marker in the majority's form with the member's own number (`（二）`, `四要`).
    pub expected: String,
}

impl Sequence {
    /// The members whose form differs from the majority of the sequence (ties go to the form
    /// used first). `一、` vs `一.` is left to the punctuation rule; `最后` never votes.
    pub fn style_outliers(&self, paragraphs: &[Paragraph]) -> Vec<Outlier> {
        let keys: Vec<Option<String>> = self
            .members
            .iter()
            .map(|m| style_key(prose_of(paragraphs, m), &m.ordinal))
            .collect();
        // (key, count, first member) in order of first use.
        let mut tally: Vec<(&str, usize, usize)> = Vec::new();
        for (k, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            match tally.iter_mut().find(|t| t.0 == key) {
                Some(t) => t.1 += 1,
                None => tally.push((key, 1, k)),
            }
        }
        if tally.len() < 2 {
            return Vec::new();
        }
        let best = tally.iter().map(|t| t.1).max().unwrap_or(0);
        let Some(&(majority, _, model)) = tally.iter().find(|t| t.1 == best) else {
            return Vec::new();
        };
        let model = &self.members[model];
        let model_prose = prose_of(paragraphs, model);
        keys.iter()
            .enumerate()
            .filter(|(_, key)| key.as_deref().is_some_and(|k| k != majority))
            .filter_map(|(k, _)| {
                let m = &self.members[k];
                let prose = prose_of(paragraphs, m);
                restyled(prose, &m.ordinal, model_prose, &model.ordinal, majority).map(|expected| {
                    Outlier {
                        member: k,
                        expected,
                    }
                })
            })
            .collect()
    }
}

fn prose_of<'p>(paragraphs: &'p [Paragraph], member: &Member) -> &'p str {
    paragraphs
        .get(member.paragraph)
        .map_or("", |p| p.prose.text.as_str())
}

/// What two members of one sequence must share to be in the same style; `None` when the
/// member does not vote.
fn style_key(prose: &str, ordinal: &Ordinal) -> Option<String> {
    let (before, after) = ordinal.form(prose);
    match ordinal.scheme {
        Scheme::Chinese | Scheme::Aspect | Scheme::Dash => None,
        Scheme::Sequence if ordinal.value == Ordinal::LAST => None,
        Scheme::Sequence => Some("首先".to_owned()),
        Scheme::Inline(_) if after == "是要" || after == "是" => Some("是".to_owned()),
        _ => Some(format!("{before}|{after}")),
    }
}

/// `ordinal` rewritten in the style `key` of the model member.
fn restyled(
    prose: &str,
    ordinal: &Ordinal,
    model_prose: &str,
    model: &Ordinal,
    key: &str,
) -> Option<String> {
    let numeral = prose.get(ordinal.numeral.clone())?;
    let (_, own_after) = ordinal.form(prose);
    let (before, after) = model.form(model_prose);
    match (ordinal.scheme, model.scheme) {
        (_, Scheme::Sequence) => sequence_word(ordinal.value).map(str::to_owned),
        (Scheme::Sequence, _) => Some(format!("{before}{}{after}", chinese(ordinal.value)?)),
        // `一要` among `二是要…`: keep the `要`; `一是` among `二是要…`: `一是`.
        (Scheme::Inline(_), Scheme::Inline(_)) if key == "是" && own_after == "要" => {
            Some(format!("{numeral}是要"))
        }
        (Scheme::Inline(_), Scheme::Inline(_)) if key == "是" => Some(format!("{numeral}是")),
        _ => Some(format!("{before}{numeral}{after}")),
    }
}

/// The written marker of `member` with its number changed to `value`, in the member's own
/// numeral system and form (`三是` → `二是`, `(3)` → `(2)`, `第三` → `第二`, `其次` for 2).
/// `None` when the form cannot express the value (`再次` beyond 3, `⑳` beyond 20).
pub fn renumbered(prose: &str, ordinal: &Ordinal, value: u32) -> Option<String> {
    let (before, after) = ordinal.form(prose);
    let numeral = numeral_like(prose, ordinal, value)?;
    let mut written = String::with_capacity(before.len() + numeral.len() + after.len());
    for piece in [before, &numeral, after] {
        written.push_str(piece);
    }
    Some(written)
}

/// The numeral alone for `value`, written like `ordinal`'s numeral.
pub fn numeral_like(prose: &str, ordinal: &Ordinal, value: u32) -> Option<String> {
    if value == Ordinal::LAST {
        return prose.get(ordinal.numeral.clone()).map(str::to_owned);
    }
    let numeral = prose.get(ordinal.numeral.clone())?;
    if ordinal.scheme == Scheme::Sequence {
        return sequence_word(value).map(str::to_owned);
    }
    let first = numeral.chars().next()?;
    Some(match first {
        '0'..='9' => value.to_string(),
        '０'..='９' => value
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        '\u{2460}'..='\u{2473}' if (1..=20).contains(&value) => {
            char::from_u32(0x2460 + value - 1)?.to_string()
        }
        '\u{2474}'..='\u{2487}' if (1..=20).contains(&value) => {
            char::from_u32(0x2474 + value - 1)?.to_string()
        }
        '\u{2460}'..='\u{2487}' => return None,
        _ => chinese(value)?,
    })
}

/// `首先` `其次` `再次` for 1–3.
pub fn sequence_word(value: u32) -> Option<&'static str> {
    match value {
        1 => Some("首先"),
        2 => Some("其次"),
        3 => Some("再次"),
        Ordinal::LAST => Some("最后"),
        _ => None,
    }
}

/// A Chinese numeral for 1–99 (`一`, `十`, `十二`, `二十`, `九十九`).
pub fn chinese(value: u32) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = ((value / 10) as usize, (value % 10) as usize);
    match (tens, ones) {
        (0, 0) => None,
        (0, o) => Some(DIGITS[o].to_owned()),
        (1, o) => Some(format!("十{}", DIGITS[o])),
        (t, o) if t < 10 => Some(format!("{}十{}", DIGITS[t], DIGITS[o])),
        _ => None,
    }
}

/// The source range of a prose range of paragraph `paragraph`.
pub fn source(paragraphs: &[Paragraph], paragraph: usize, prose: Range<usize>) -> Range<usize> {
    paragraphs
        .get(paragraph)
        .map_or(0..0, |p| p.prose.source_range(prose))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::draft::{DocKind, Draft};

    /// Each sequence as its written markers.
    fn lists(text: &str) -> Vec<(SequenceKind, Vec<String>)> {
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        draft
            .sequences
            .iter()
            .map(|s| {
                let written = s
                    .members
                    .iter()
                    .map(|m| {
                        draft.paragraphs[m.paragraph].prose.text[m.ordinal.written.clone()]
                            .to_owned()
                    })
                    .collect();
                (s.kind, written)
            })
            .collect()
    }

    #[test]
    fn headings_group_by_parent_and_rank_and_widths_are_one_rank() {
        let text = "同志们：\n今天开会。\n一、统一思想\n（一）提高认识\n(二)明确任务\n二、狠抓落实\n（一）压实责任\n";
        assert_eq!(
            lists(text),
            [
                (SequenceKind::Heading, vec!["一、".into(), "二、".into()]),
                (SequenceKind::Heading, vec!["（一）".into(), "(二)".into()]),
                (SequenceKind::Heading, vec!["（一）".into()]),
            ]
        );
    }

    #[test]
    fn a_higher_level_run_between_two_lower_items_is_its_own_sequence() {
        let text = "同志们：\n一、总体要求\n（一）指导思想\n一、坚持党的领导\n二、坚持人民至上\n（二）主要目标\n二、重点任务\n";
        assert_eq!(
            lists(text),
            [
                (SequenceKind::Heading, vec!["一、".into(), "二、".into()]),
                (
                    SequenceKind::Heading,
                    vec!["（一）".into(), "（二）".into()]
                ),
                (SequenceKind::Heading, vec!["一、".into(), "二、".into()]),
            ]
        );
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        assert_eq!(draft.sequences[2].misplaced_under, Some(2));
        assert_eq!(draft.sequences[0].misplaced_under, None);
    }

    #[test]
    fn inline_lists_continue_across_paragraphs_and_restart_at_one() {
        let text = "同志们：\n一、统一思想\n重点做好三件事：一是抓学习，二是抓作风。\n三是抓落实。\n一要稳增长，二要保民生。\n二、狠抓落实\n三是另起一节。\n";
        assert_eq!(
            lists(text),
            [
                (SequenceKind::Heading, vec!["一、".into(), "二、".into()]),
                (
                    SequenceKind::Inline,
                    vec!["一是".into(), "二是".into(), "三是".into()]
                ),
                (SequenceKind::Inline, vec!["一要".into(), "二要".into()]),
                (SequenceKind::Inline, vec!["三是".into()]),
            ]
        );
    }

    #[test]
    fn a_heading_line_owns_the_list_in_its_body() {
        let text = "同志们：\n（一）擦亮了三个窗口。一是擦亮了政务窗口，二是擦亮了服务窗口。\n三是擦亮了信息窗口。\n（二）打通了两条渠道。一是线上，二是线下。\n";
        assert_eq!(
            lists(text),
            [
                (
                    SequenceKind::Heading,
                    vec!["（一）".into(), "（二）".into()]
                ),
                (
                    SequenceKind::Inline,
                    vec!["一是".into(), "二是".into(), "三是".into()]
                ),
                (SequenceKind::Inline, vec!["一是".into(), "二是".into()]),
            ]
        );
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        assert_eq!(draft.sequences[1].section, Some(0));
        assert_eq!(draft.sequences[2].section, Some(1));
    }

    #[test]
    fn markdown_headings_and_parts() {
        let text = "# 讲话\n\n同志们：\n\n## 第一部分 形势\n\n### 一、成绩\n\n### 二、问题\n\n## 第二部分 任务\n\n### 一、目标\n";
        let draft = Draft::parse(text, DocKind::Markdown, &Config::default());
        let shapes: Vec<(Option<usize>, Vec<u32>)> = draft
            .sequences
            .iter()
            .map(|s| {
                (
                    s.section,
                    s.members.iter().map(|m| m.ordinal.value).collect(),
                )
            })
            .collect();
        assert_eq!(
            shapes,
            [
                (None, vec![1, 2]),
                (Some(0), vec![1, 2]),
                (Some(3), vec![1])
            ]
        );
    }

    #[test]
    fn a_short_line_taken_for_a_heading_does_not_cut_a_list() {
        let text = "同志们：\n一、统一思想\n（一）提高认识\n要提高认识。\n坚持稳中求进\n要稳中求进。\n（二）明确任务\n要明确任务。\n";
        assert_eq!(
            lists(text),
            [
                (SequenceKind::Heading, vec!["一、".into()]),
                (
                    SequenceKind::Heading,
                    vec!["（一）".into(), "（二）".into()]
                ),
            ]
        );
        // Under real unnumbered headings, lists start again from one.
        let text = "同志们：\n全年工作回顾\n（一）提高认识\n要提高认识。\n今年工作安排\n（一）明确任务\n要明确任务。\n";
        assert_eq!(
            lists(text),
            [
                (SequenceKind::Heading, vec!["（一）".into()]),
                (SequenceKind::Heading, vec!["（一）".into()]),
            ]
        );
    }

    #[test]
    fn leading_ordinals_and_dash_runs() {
        let text = "同志们：\n一、统一思想\n首先，要提高站位。\n其次，要明确任务。\n第三，要压实责任。\n——确保安全。\n——确保稳定。\n要抓好落实。\n——另一组。\n";
        assert_eq!(
            lists(text),
            [
                (SequenceKind::Heading, vec!["一、".into()]),
                (
                    SequenceKind::Leading,
                    vec!["首先".into(), "其次".into(), "第三".into()]
                ),
                (SequenceKind::Dash, vec!["——".into(), "——".into()]),
                (SequenceKind::Dash, vec!["——".into()]),
            ]
        );
    }

    #[test]
    fn numerals_in_every_system() {
        let cases = [
            ("三是", 2, "二是"),
            ("（3）", 12, "（12）"),
            ("３．", 2, "２．"),
            ("③", 2, "②"),
            ("⑶", 1, "⑴"),
            ("第三，", 2, "第二"),
            ("十一、", 20, "二十、"),
        ];
        for (prose, value, expected) in cases {
            let ordinal = super::super::ordinal::paragraph_ordinal(prose)
                .map(|h| h.ordinal)
                .or_else(|| super::super::ordinal::inline(prose).into_iter().next())
                .unwrap_or_else(|| panic!("{prose}"));
            assert_eq!(
                renumbered(prose, &ordinal, value).as_deref(),
                Some(expected)
            );
        }
        let prose = "再次，";
        let o = super::super::ordinal::leading(prose).unwrap().ordinal;
        assert_eq!(renumbered(prose, &o, 2).as_deref(), Some("其次"));
        assert_eq!(renumbered(prose, &o, 4), None);
        assert_eq!(chinese(0), None);
        assert_eq!(chinese(100), None);
    }

    /// Each list as its written markers, with the marker of the item it is nested in.
    fn nested(text: &str) -> Vec<(Vec<String>, Option<String>)> {
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        let marker = |m: &Member| {
            draft.paragraphs[m.paragraph].prose.text[m.ordinal.written.clone()].to_owned()
        };
        draft
            .sequences
            .iter()
            .map(|s| {
                let parent = s
                    .parent
                    .map(|(list, item)| marker(&draft.sequences[list].members[item]));
                (s.members.iter().map(marker).collect(), parent)
            })
            .collect()
    }

    fn markers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_list_restarted_in_another_style_inside_an_item_is_nested_in_it() {
        let text = "同志们：\n要抓好三件事。\n一要稳就业，这是头等大事。\n一是要扩岗位，二是要强培训，三是要兜底线。\n二要保民生。\n一是办好学校，二是建好医院。\n三要防风险。\n";
        assert_eq!(
            nested(text),
            [
                (markers(&["一要", "二要", "三要"]), None),
                (
                    markers(&["一是要", "二是要", "三是要"]),
                    Some("一要".into())
                ),
                (markers(&["一是", "二是"]), Some("二要".into())),
            ]
        );
    }

    #[test]
    fn a_flat_list_in_two_styles_stays_one_list() {
        // `一要…四是要` in one list is a style mix for numbering-style, not a nested list.
        let text = "同志们：\n重点做好四件事：一要稳增长。二要保民生。三要防风险。四是要促改革。\n";
        assert_eq!(
            nested(text),
            [(markers(&["一要", "二要", "三要", "四是要"]), None)]
        );
    }

    #[test]
    fn a_list_restarted_in_the_same_style_is_a_new_list_beside_it() {
        let text =
            "同志们：\n一、统一思想\n一是学文件。\n二是谈体会。\n一是定目标。\n二是抓落实。\n";
        assert_eq!(
            nested(text),
            [
                (markers(&["一、"]), None),
                (markers(&["一是", "二是"]), None),
                (markers(&["一是", "二是"]), None),
            ]
        );
        // An inline list inside a paragraph-leading item is nested, even in the same style.
        let text = "同志们：\n一是加强领导。要做到两点：一是挂帅，二是出征。\n二是强化考核。\n";
        assert_eq!(
            nested(text),
            [
                (markers(&["一是", "二是"]), None),
                (markers(&["一是", "二是"]), Some("一是".into())),
            ]
        );
    }

    #[test]
    fn counted_phrases_in_one_sentence_are_local_lists() {
        let text = "同志们：\n检查时要做到：一看台账，二看现场，三看效果，一项也不能少。\n一是加强领导。\n二是压实责任。\n";
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        let shapes: Vec<(usize, bool)> = draft
            .sequences
            .iter()
            .map(|s| (s.members.len(), s.local))
            .collect();
        assert_eq!(shapes, [(3, true), (2, false)]);
        // Idioms are never list members.
        let text = "同志们：\n三思而后行，一言一行都要谨慎。\n一级抓一级，层层抓落实。\n一手抓发展，一手抓安全。\n一来时间紧，二来任务重。\n三令五申，仍有人违规。\n一而再、再而三地强调。\n";
        assert_eq!(nested(text), []);
    }
}
