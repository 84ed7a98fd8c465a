//! Addresses: the salutation a speech opens with (`同志们：`, `尊敬的各位领导、各位来宾：`),
//! in every shape real drafts give it — run into a title or a first sentence, followed by a
//! greeting on the same line (`同学们：大家晚上好！`), closed by a comma (`尊敬的各位镇长，
//! 大家好！`), a half-width colon or a stray mark (`同志们：。`), with a stray space inside.
//!
//! [`address_at`] reads one address at a byte offset of a text; the layout layer uses it to
//! split fused lines, the anatomy to find the salutation, `salutation-format` to report its
//! shape. Ranges are byte ranges into the text given.

use std::ops::Range;

use super::is_padding;
use super::lexicon::LEXICON;

/// What ends an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `：`
    Colon,
    /// `:`
    HalfColon,
    /// `，` or `,` where a colon belongs.
    Comma,
    /// Nothing: the address ends the text.
    None,
}

/// What follows an address on the same line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    /// Nothing but padding.
    End,
    /// A greeting (`大家晚上好！`), with its closing punctuation.
    Greeting(Range<usize>),
    /// Text of the speech (`今天召开…`), from this offset.
    Text(usize),
}

/// One address as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The address words without the mark: `尊敬的各位领导、同志们`.
    pub words: Range<usize>,
    pub mark: Mark,
    /// The mark's bytes (empty at `words.end` for [`Mark::None`]).
    pub mark_range: Range<usize>,
    /// A stray mark right after the colon (`同志们：。`).
    pub stray: Option<Range<usize>>,
    /// Spaces between the groups (`各位领导、 同志们`).
    pub inner_spaces: bool,
    /// Where the address (mark and stray mark included) ends.
    pub end: usize,
    pub after: After,
}

/// Prefixes of an address group that do not count towards its length.
const PREFIXES: &[&str] = &["尊敬的", "尊重的", "敬爱的", "亲爱的", "親愛的"];

/// Characters that end a group inside an address.
fn is_group_break(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '：' | ':') || is_padding(c)
}

/// An address group: short, holding an addressee word (`各位来宾`, `尊敬的各位主礼教授`,
/// `亲爱的老师们`, a placeholder `尊敬的XXXX`).
/// With `listed`, the group follows a `、` inside an address (`全体参赛选手、志愿者`) and
/// needs no addressee word of its own.
fn is_group(group: &str, listed: bool) -> bool {
    let mut rest = group;
    while let Some(p) = PREFIXES.iter().find(|p| rest.starts_with(**p)) {
        rest = &rest[p.len()..];
    }
    let chars = rest.chars().count();
    let prefixed = rest.len() != group.len();
    if chars > 8 || group.contains(['。', '！', '？', '!', '?', '；', ';', '（', '(']) {
        return false;
    }
    if chars == 0 {
        return false;
    }
    listed
        || prefixed
        || LEXICON
            .addressees
            .iter()
            .any(|w| group.contains(w.as_str()))
}

/// The address that starts at byte `start` of `text` (which must begin with an address
/// lead, `尊敬的` `各位` `同志们` …), or `None`.
pub fn address_at(text: &str, start: usize) -> Option<Address> {
    let rest = text.get(start..)?;
    let first = rest.chars().next()?;
    (LEXICON.lead_firsts.binary_search(&first).is_ok()
        && LEXICON.leads.iter().any(|l| rest.starts_with(l.as_str())))
    .then_some(())?;
    let mut at = start;
    let mut words_end = start;
    let mut inner_spaces = false;
    let mut groups = 0;
    let mut listed = false;
    loop {
        // One group.
        let group_end = text[at..]
            .char_indices()
            .find(|&(_, c)| is_group_break(c))
            .map_or(text.len(), |(i, _)| at + i);
        let mut group = &text[at..group_end];
        // `…亲爱的同学们以及在座的家长朋友们：`: a conjunction between two groups.
        let mut joined_at = None;
        for conjunction in ["以及", "及", "和"] {
            if let Some(k) = group.find(conjunction).filter(|&k| k > 0) {
                if is_group(&group[..k], listed) && is_group(&group[k + conjunction.len()..], true)
                {
                    joined_at = Some(at + k + conjunction.len());
                    group = &group[..k];
                    break;
                }
            }
        }
        if let Some(next) = joined_at {
            groups += 1;
            words_end = next;
            at = next;
            listed = true;
            continue;
        }
        if groups >= 8 || !is_group(group, listed) {
            // A comma followed by something that is not an address: the address ended at
            // the comma (run into the text after it).
            if groups > 0 {
                return finish(text, start, words_end, inner_spaces);
            }
            return None;
        }
        groups += 1;
        words_end = group_end;
        // What separates it from the next group.
        let mut next = group_end;
        let mut spaces = false;
        while let Some(c) = text[next..].chars().next() {
            if is_padding(c) && c != '\n' && c != '\r' {
                spaces = true;
                next += c.len_utf8();
            } else {
                break;
            }
        }
        let Some(c) = text[next..].chars().next() else {
            return finish(text, start, words_end, inner_spaces);
        };
        match c {
            '、' => {
                at = skip_spaces(text, next + c.len_utf8(), &mut inner_spaces);
                listed = true;
                continue;
            }
            '，' | ',' => {
                let after = skip_spaces(text, next + c.len_utf8(), &mut false);
                let group_after = text[after..]
                    .char_indices()
                    .find(|&(_, c)| is_group_break(c))
                    .map_or(&text[after..], |(i, _)| &text[after..after + i]);
                if LEXICON.greeting_at(&text[after..]).is_some() || !is_group(group_after, false) {
                    return finish(text, start, words_end, inner_spaces);
                }
                at = after;
            }
            '：' | ':' => return finish(text, start, words_end, inner_spaces),
            '\n' | '\r' => return finish(text, start, words_end, inner_spaces),
            _ if spaces => {
                // `各位领导 同志们：`: a space between groups.
                inner_spaces = true;
                at = next;
                listed = false;
                continue;
            }
            _ => return None,
        }
        if spaces {
            inner_spaces = true;
        }
        listed = false;
    }
}

fn skip_spaces(text: &str, mut at: usize, seen: &mut bool) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if is_padding(c) && c != '\n' && c != '\r' {
            *seen = true;
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// Reads the mark, a stray mark and what follows an address whose words end at `words_end`.
fn finish(text: &str, start: usize, words_end: usize, inner_spaces: bool) -> Option<Address> {
    let mark_start = skip_spaces(text, words_end, &mut false);
    let (mark, len) = match text[mark_start..].chars().next() {
        Some('：') => (Mark::Colon, '：'.len_utf8()),
        Some(':') => (Mark::HalfColon, 1),
        Some(c @ ('，' | ',')) => (Mark::Comma, c.len_utf8()),
        _ => (Mark::None, 0),
    };
    let mark_range = if len == 0 {
        words_end..words_end
    } else {
        mark_start..mark_start + len
    };
    let mut end = mark_range.end;
    let mut stray = None;
    if matches!(mark, Mark::Colon | Mark::HalfColon) {
        if let Some(c @ ('。' | '.' | '，' | ',')) = text[end..].chars().next() {
            stray = Some(end..end + c.len_utf8());
            end += c.len_utf8();
        }
    }
    let next = skip_spaces(text, end, &mut false);
    let after = match text[next..].chars().next() {
        None | Some('\n' | '\r') => After::End,
        Some(_) => match LEXICON.greeting_at(&text[next..]) {
            Some(greeting) => {
                let mut g_end = next + greeting.len();
                // `大家好！` / `大家好,` / `大家好。`
                if let Some(c @ ('！' | '!' | '。' | '，' | ',' | '.' | '～' | '~')) =
                    text[g_end..].chars().next()
                {
                    g_end += c.len_utf8();
                }
                After::Greeting(next..g_end)
            }
            None => After::Text(next),
        },
    };
    // Without a colon an address is only one when it closes the text or greets
    // (`尊敬的各位镇长，大家好！`); `同志们，今天…` is a sentence that starts with an address.
    let words = start..words_end;
    if words.is_empty() {
        return None;
    }
    Some(Address {
        words,
        mark,
        mark_range,
        stray,
        inner_spaces,
        end,
        after,
    })
}

impl Address {
    /// A salutation line's address: closed by a colon, or a comma before a greeting, or
    /// nothing (a short address alone on its line).
    pub fn is_salutation(&self, text: &str) -> bool {
        match self.mark {
            Mark::Colon | Mark::HalfColon => true,
            Mark::Comma => matches!(self.after, After::Greeting(_) | After::End),
            Mark::None => {
                let words = &text[self.words.clone()];
                self.after == After::End
                    && words.chars().count() <= 16
                    && !words.contains(['，', ','])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, Mark, After)> {
        address_at(text, 0).map(|a| (text[a.words.clone()].to_owned(), a.mark, a.after))
    }

    #[test]
    fn addresses_of_every_shape() {
        assert_eq!(
            read("同志们："),
            Some(("同志们".into(), Mark::Colon, After::End))
        );
        assert_eq!(
            read("尊敬的各位领导、各位来宾，女士们、先生们："),
            Some((
                "尊敬的各位领导、各位来宾，女士们、先生们".into(),
                Mark::Colon,
                After::End
            ))
        );
        let text = "亲爱的同学们:大家晚上好!今天";
        let a = address_at(text, 0).unwrap();
        assert_eq!(&text[a.words.clone()], "亲爱的同学们");
        assert_eq!(a.mark, Mark::HalfColon);
        let After::Greeting(g) = a.after else {
            panic!("{a:?}")
        };
        assert_eq!(&text[g], "大家晚上好!");
        let text = "尊敬的各位镇长,大家好!";
        let a = address_at(text, 0).unwrap();
        assert_eq!((a.mark, a.is_salutation(text)), (Mark::Comma, true));
        let text = "各位领导、 同志们: 大家好。";
        let a = address_at(text, 0).unwrap();
        assert!(a.inner_spaces);
        assert_eq!(&text[a.words.clone()], "各位领导、 同志们");
        let text = "同志们：。今天开会。";
        let a = address_at(text, 0).unwrap();
        assert_eq!(a.stray.map(|s| &text[s]), Some("。"));
        assert_eq!(a.after, After::Text("同志们：。".len()));
        let text = "各位委员: 县政协的会议明天开幕。";
        assert!(address_at(text, 0).unwrap().is_salutation(text));
        let text = "尊敬的各位老师、亲爱的同学们以及在座的家长朋友们:";
        assert_eq!(
            address_at(text, 0).map(|a| (a.words.len(), a.mark)),
            Some((text.len() - 1, Mark::HalfColon))
        );
    }

    #[test]
    fn sentences_that_start_like_an_address_are_not_salutations() {
        for text in [
            "同志们，今天我们开会。",
            "各位领导对此高度重视，多次作出批示。",
            "各位代表认真审议了报告。",
        ] {
            assert!(
                address_at(text, 0).is_none_or(|a| !a.is_salutation(text)),
                "{text}"
            );
        }
        for text in ["会议议程如下：", "今天召开各位代表参加的会议，主要任务是："]
        {
            assert_eq!(address_at(text, 0), None, "{text}");
        }
    }
}
