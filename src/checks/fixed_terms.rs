//! Words the genre must repeat (`data/fixed_terms.toml`): the fixed official terms (提法), the
//! last words of names, and the procedure formulas of a 主持词. The repetition rules read them
//! so that they never report what a speech has to say again.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::segment;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DataFile {
    term: Vec<Term>,
    names: Names,
    procedure: Procedure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    term: String,
    #[allow(dead_code)] // documentation for the reader of the data file, checked by a test
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Names {
    heads: Vec<String>,
    not_in_names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Procedure {
    formulas: Vec<String>,
}

struct Tables {
    terms: AhoCorasick,
    heads: Vec<String>,
    not_in_names: rustc_hash::FxHashSet<String>,
    formulas: AhoCorasick,
}

const DATA: &str = include_str!("../../data/fixed_terms.toml");

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let data: DataFile =
        toml::from_str(DATA).expect("data/fixed_terms.toml is valid (checked by a unit test)");
    let leftmost_longest = |patterns: Vec<String>| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Built fastest (a DFA is the default for so few words): a cold check of one
            // draft waits for it, and the prefilter does most of the searching either way.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(patterns)
            .expect("the fixed terms build (checked by a unit test)")
    };
    Tables {
        terms: leftmost_longest(data.term.into_iter().map(|t| t.term).collect()),
        heads: data.names.heads,
        not_in_names: data.names.not_in_names.into_iter().collect(),
        formulas: leftmost_longest(data.procedure.formulas),
    }
});

/// Byte ranges of the fixed official terms in `text`. Punctuation, quotation marks and spaces
/// inside a term are skipped (`统筹推进“五位一体”总体布局` is one term).
pub fn terms_in(text: &str) -> Vec<Range<usize>> {
    // The spoken characters only. Each byte is mapped back to its character in `text` only
    // once a term is found: a paragraph or a run of words without one skips the table.
    let mut spoken = String::with_capacity(text.len());
    // Copied a run of spoken characters at a time, not character by character.
    let mut run: Option<usize> = None;
    for (at, c) in text.char_indices() {
        match (segment::is_spoken(c), run) {
            (true, None) => run = Some(at),
            (false, Some(start)) => {
                spoken.push_str(&text[start..at]);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run {
        spoken.push_str(&text[start..]);
    }
    let found: Vec<Range<usize>> = TABLES.terms.find_iter(&spoken).map(|m| m.range()).collect();
    if found.is_empty() {
        return found;
    }
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(spoken.len());
    for (at, c) in text.char_indices() {
        if segment::is_spoken(c) {
            origin.extend(std::iter::repeat_n((at, at + c.len_utf8()), c.len_utf8()));
        }
    }
    found
        .into_iter()
        .filter_map(|m| {
            let start = origin.get(m.start)?.0;
            let end = origin.get(m.end.checked_sub(1)?)?.1;
            Some(start..end)
        })
        .collect()
}

/// True when the words (a run of a paragraph's segmentation) name something — an
/// organisation, a team, a meeting, a programme or a document (`第九批援藏工作队`,
/// `委员提案审查小组名单`): the last word is the head of a name and no particle, preposition
/// or modal verb makes the run a phrase.
pub fn is_name(words: &[&str]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let tables = &*TABLES;
    if words.iter().any(|w| tables.not_in_names.contains(*w)) {
        return false;
    }
    tables.heads.iter().any(|head| {
        let single = head.chars().nth(1).is_none();
        last.ends_with(head.as_str()) && (!single || last.len() > head.len())
    })
}

/// True when `text` holds a procedure formula of a 主持词 (`待毕`, `请举手`, `下面进行`).
pub fn has_formula(text: &str) -> bool {
    TABLES.formulas.is_match(text)
}

/// Words that end the name of a meeting in a title (`…工作会议`, `…推进会`, `…典礼`).
const MEETING_ENDS: &[&str] = &[
    "会议",
    "大会",
    "例会",
    "座谈会",
    "推进会",
    "动员会",
    "培训会",
    "报告会",
    "表彰会",
    "茶话会",
    "论坛",
    "典礼",
    "仪式",
    "开幕式",
    "闭幕式",
    "会",
];

/// The name of the meeting a title says the speech is given at: `全市安全生产委员会例会` in
/// `市长在全市安全生产委员会例会上的讲话`, `全区乡村振兴工作推进会` in
/// `2021年在全区乡村振兴工作推进会讲话稿`. `None` when the title names no meeting.
pub fn meeting_name(title: &str) -> Option<&str> {
    // The meeting is what follows the last `在` (`市长在…上的讲话`), else the whole title.
    let from = title.rfind('在').map_or(0, |at| at + '在'.len_utf8());
    let rest = &title[from..];
    // It ends where the title goes on to say what the speech is: `上的讲话`, `讲话稿`, `致辞`.
    let end = ["上的", "上讲话", "讲话", "致辞", "发言", "主持词"]
        .iter()
        .filter_map(|word| rest.find(word))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim_matches(|c: char| !segment::is_spoken(c));
    let name = name.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年');
    let ends_as_meeting = MEETING_ENDS.iter().any(|word| name.ends_with(word));
    (ends_as_meeting && name.chars().count() >= 4).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_is_valid_and_every_term_has_a_reason() {
        let data: DataFile = toml::from_str(DATA).expect("parses");
        let mut seen = std::collections::HashSet::new();
        for term in &data.term {
            assert!(term.term.chars().count() >= 2, "{}", term.term);
            assert!(
                !term.reason.trim().is_empty(),
                "{} has no reason",
                term.term
            );
            assert!(
                term.term.chars().all(segment::is_spoken),
                "{} holds punctuation: matching skips it, so write the term without",
                term.term
            );
            assert!(seen.insert(term.term.clone()), "twice: {}", term.term);
        }
        for word in data
            .names
            .heads
            .iter()
            .chain(&data.procedure.formulas)
            .chain(&data.names.not_in_names)
        {
            assert!(seen.insert(word.clone()), "twice: {word}");
        }
        assert!(data
            .procedure
            .formulas
            .iter()
            .all(|f| f.chars().count() >= 2));
        LazyLock::force(&TABLES);
    }

    #[test]
    fn terms_are_found_across_quotes_and_punctuation() {
        let text = "要统筹推进“五位一体”总体布局，推动全面从严治党向纵深发展。";
        let found: Vec<&str> = terms_in(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["统筹推进“五位一体”总体布局", "全面从严治党"]);
        let text = "进一步全面深化改革,全面加强监督。";
        let found: Vec<&str> = terms_in(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["全面深化改革"]);
    }

    #[test]
    fn names_end_with_their_head_and_hold_no_particle() {
        assert!(is_name(&["第九", "批", "援藏", "工作队"]));
        assert!(is_name(&["委员", "提案", "审查", "小组", "名单"]));
        assert!(is_name(&["县委"]));
        assert!(!is_name(&["队"]));
        assert!(!is_name(&["解决", "好", "群众", "的", "问题"]));
        assert!(!is_name(&["为", "全县", "安全生产", "工作会议"]));
    }

    #[test]
    fn formulas_are_found() {
        assert!(has_formula("同意的请举手，（稍后观察）手放下。"));
        assert!(has_formula("待毕下面进行会议第二项议程"));
        assert!(!has_formula("同意这个意见的同志请发言。"));
    }

    #[test]
    fn the_meeting_is_read_from_the_title() {
        let cases = [
            (
                "市长在全市安全生产委员会例会上的讲话",
                Some("全市安全生产委员会例会"),
            ),
            (
                "2021年在全区乡村振兴工作推进会讲话稿",
                Some("全区乡村振兴工作推进会"),
            ),
            (
                "在全县全面从严治党工作会议上的讲话",
                Some("全县全面从严治党工作会议"),
            ),
            ("政府工作规则培训会讲话稿", Some("政府工作规则培训会")),
            ("2022年中秋讲话致辞", None),
            ("专题党课：从党史中汲取智慧和力量", None),
        ];
        for (title, name) in cases {
            assert_eq!(meeting_name(title), name, "{title}");
        }
    }
}
