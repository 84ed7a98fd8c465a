//! `doubled-char`: a character typed twice across a word boundary (`总书记记`, `的的`,
//! `同志们们`), where the doubled form is not a word.
//!
//! Precision comes first, so a doubled character is reported only when the segmentation
//! leaves one copy stranded: a particle or pronoun standing alone twice (`的|的`), or a lone
//! character next to a word that ends or starts with it, when that character is neither a
//! particle nor an affix (`总书记|记`, `同志们|们`). Two whole words that meet on the same
//! character (`为了|了解`, `书记|记录`) are normal, and so are the reduplications of
//! `data/reduplications.toml` (`常常`, `天天`, `谢谢`), the AABB forms (`认认真真`) and runs
//! of three (`哈哈哈`).

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use super::chinese::is_han;
use super::{Check, Context, Rule};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::segment::{self, Segmentation};

pub struct DoubledChar;

const CODE: &str = "doubled-char";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Warning,
    summary: "多打了一个字（“总书记记”“的的”）",
    docs: DOCS,
    tally: Some("处字重复"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

const DOCS: &str = r#"## 说明

找出输入时多打了一次的字：`总书记记`、`的的`、`同志们们`、`我我们`。只在分词后多出来的那个字落单、和前后都连不成词时才报告，快速修复删除多出来的那一个。

不会误报：本来就是叠字的词（`常常`、`天天`、`谢谢`、`看看`、`一一`、`了了`），AABB 式（`认认真真`、`的的确确`），连续三个以上的同字（`哈哈哈`），两个完整的词首尾同字（`为了了解`、`书记记录`、`工作作风`、`会议议程`），以及虚词、后缀紧跟同字的词（`目的的`、`现在在座`、`立法法`、`某市市长`）。叠字表在 `data/reduplications.toml`。

## 为什么

讲稿要照着念。领导人职务多一个字（“总书记记”）念出来是严重的政治性差错；“的的”之类的重字也说明稿子没有校对过。

## 示例

```text
认真学习总书记记重要讲话精神，把工作的的重点放在落实上。
```

## 修改后

```text
认真学习总书记重要讲话精神，把工作的重点放在落实上。
```

## 选项

无（可用 `severity` 调整级别或关闭）。
"#;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DataFile {
    words: Vec<String>,
    particles: Vec<String>,
    affixes: Vec<String>,
}

/// The tables of `data/reduplications.toml`.
struct Tables {
    /// Doubled characters that are words (`常常`).
    words: HashSet<String>,
    /// Particles and pronouns: doubled alone they are a typo, next to a word that shares the
    /// character they are normal (`目的|的`).
    particles: HashSet<char>,
    /// Affixes: normal next to a word that shares the character (`立法|法`), and not judged
    /// when doubled alone (likely a word the segmenter does not know).
    affixes: HashSet<char>,
}

fn chars_of(list: &[String]) -> HashSet<char> {
    list.iter().filter_map(|j| j.chars().next()).collect()
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    // Compiled in and checked by a unit test; a broken file disables the rule.
    let data: DataFile =
        toml::from_str(include_str!("../../data/reduplications.toml")).unwrap_or_default();
    Tables {
        words: data.words.iter().cloned().collect(),
        particles: chars_of(&data.particles),
        affixes: chars_of(&data.affixes),
    }
});

/// Numerals double legitimately in numbers and dates (`二〇二二年`, `三三两两`).
fn is_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万亿两".contains(c)
}

impl Check for DoubledChar {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, paragraph) in cx.draft.paragraphs.iter().enumerate() {
            let text = &paragraph.prose.text;
            let spots = cx.segmentation(index).derived(stranded_pairs);
            for &(at, ref word) in &spots.0 {
                let Some(c) = text[at..].chars().next() else {
                    continue;
                };
                let second = at + c.len_utf8();
                let pair = cx.draft.source_range(index, at..second + c.len_utf8());
                let extra = cx.draft.source_range(index, second..second + c.len_utf8());
                out.push(
                    Finding::new(CODE, pair, format!("疑为多打了一个“{c}”：“{word}”")).with_fix(
                        Fix::new(format!("删除多出的“{c}”"), vec![Edit::delete(extra)]),
                    ),
                );
            }
        }
    }
}

/// The doubled characters of one paragraph that strand a character of a word: the offset of
/// the first copy and the word as written. Memoised with the paragraph's segmentation.
struct Stranded(Vec<(usize, String)>);

impl crate::memo::HeapSize for Stranded {
    fn heap_size(&self) -> usize {
        self.0.heap_size() + self.0.iter().map(|(_, w)| w.len()).sum::<usize>()
    }
}

fn stranded_pairs(segmentation: &segment::Segmentation) -> Stranded {
    let text = segmentation.text();
    let pairs = doubled_pairs(text);
    let mut out = Vec::new();
    for at in pairs {
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        let second = at + c.len_utf8();
        if let Some(word) = stranded(text, segmentation, at, second, c) {
            out.push((at, word.to_string()));
        }
    }
    Stranded(out)
}

/// Byte offsets of the first copy of every doubled Chinese character that is not a known
/// reduplication, an AABB form or part of a run of three.
fn doubled_pairs(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for at in repeated_three_bytes(text.as_bytes()) {
        // A common Chinese character (U+4E00–U+9FFF) starts with E4–E9 and is three bytes.
        if !text.is_char_boundary(at) || !(0xE4..=0xE9).contains(&text.as_bytes()[at]) {
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        if !is_han(c) || is_numeral(c) || TABLES.words.contains(&text[at..at + 6]) {
            continue;
        }
        let mut after = text[at + 6..].chars();
        let (next, next2) = (after.next(), after.next());
        let mut before = text[..at].chars().rev();
        let (previous, previous2) = (before.next(), before.next());
        let run = previous == Some(c) || next == Some(c);
        let pair = |a: Option<char>, b: Option<char>| a.is_some_and(|a| is_han(a) && Some(a) == b);
        if run || pair(next, next2) || pair(previous2, previous) {
            continue;
        }
        out.push(at);
    }
    out
}

/// Offsets `i` where `bytes[i..i + 3] == bytes[i + 3..i + 6]`: where a three-byte character
/// may be followed by itself. Eight bytes are compared with the eight three bytes further on
/// in one XOR; three zero bytes in a row of the result mark a candidate. Doubled characters
/// are rare, so almost every block is rejected by one test.
fn repeated_three_bytes(bytes: &[u8]) -> Vec<usize> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let load = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let mut out = Vec::new();
    let mut i = 0;
    // Each block of eight answers for the six starts whose three bytes lie inside it.
    while i + 11 <= bytes.len() {
        let x = load(i) ^ load(i + 3);
        // Bit 7 of each byte set exactly where that byte of `x` is zero.
        let zero = !(((x & LOW7) + LOW7) | x | LOW7);
        let mut three = zero & (zero >> 8) & (zero >> 16);
        while three != 0 {
            out.push(i + three.trailing_zeros() as usize / 8);
            three &= three - 1;
        }
        i += 6;
    }
    for j in i..bytes.len().saturating_sub(5) {
        if bytes[j..j + 3] == bytes[j + 3..j + 6] {
            out.push(j);
        }
    }
    out
}

/// When the copy at `first` or the one at `second` is stranded, the words around the pair as
/// the writer sees them (`总书记记`); `None` when the doubling is normal.
fn stranded(
    text: &str,
    segmentation: &Segmentation,
    first: usize,
    second: usize,
    c: char,
) -> Option<String> {
    let tokens = segmentation.tokens();
    // A pair inside one word is a word the segmenter knows.
    let left = &tokens[segmentation.token_ending_at(second)?];
    let right = &tokens[segmentation.token_starting_at(second)?];
    let single = |r: &std::ops::Range<usize>| r.len() == c.len_utf8();
    let (left_single, right_single) = (single(&left.range), single(&right.range));
    let particle = TABLES.particles.contains(&c);
    let doubled = match (left_single, right_single) {
        // `的|的`; a content character alone twice is more likely an unknown word (`電視臺臺長`).
        (true, true) => particle,
        (false, false) => false,
        // `总书记|记`, `发|发展`: the lone copy is extra unless it attaches to the word.
        _ => !particle && !TABLES.affixes.contains(&c),
    };
    if !doubled {
        return None;
    }
    debug_assert!(left.range.end == second && right.range.start == second && first < second);
    let start = if left_single { first } else { left.range.start };
    Some(text[start..right.range.end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, fixed, flagged};

    #[test]
    fn the_table_loads() {
        assert!(TABLES.words.len() > 300, "{}", TABLES.words.len());
        assert!(TABLES.words.contains("常常") && TABLES.words.contains("了了"));
        assert!(!TABLES.words.contains("的的") && !TABLES.words.contains("是是"));
        assert!(TABLES.particles.contains(&'的') && TABLES.affixes.contains(&'市'));
        assert!(TABLES.particles.is_disjoint(&TABLES.affixes));
        for word in &TABLES.words {
            let chars: Vec<char> = word.chars().collect();
            assert!(chars.len() == 2 && chars[0] == chars[1], "{word}");
        }
    }

    #[test]
    fn a_doubled_title_character_is_found_and_fixed() {
        let text = "我们要认真学习总书记记重要讲话精神。\n";
        assert_eq!(flagged(CODE, text), ["记记"]);
        let found = findings(CODE, text);
        assert_eq!(found[0].message, "疑为多打了一个“记”：“总书记记”");
        assert_eq!(fixed(CODE, text, 0), "我们要认真学习总书记重要讲话精神。\n");
    }

    #[test]
    fn doubled_particles_and_suffixes_are_found() {
        let text = "这是今年工作的的重点。同志们们，要加快发展展，做到勤勤奋敬业。\n";
        assert_eq!(flagged(CODE, text), ["的的", "们们", "展展", "勤勤"]);
    }

    #[test]
    fn legitimate_reduplications_are_quiet() {
        let text = "我们常常说，天天学习，谢谢大家。大家看看，研究研究再定。\
                    为了了解情况，他一一作了说明，这件事不了了之。\
                    要认认真真、的的确确把工作做好，哈哈哈一笑了之。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn two_words_meeting_on_one_character_are_quiet() {
        let text = "市委书记记录了会议议程，转变工作作风，这是他的的确是真心话。\
                    实现目的的手段很多，现在在座的同志都是骨干。\
                    根据《中华人民共和国立法法》，请平顶山市市长讲话，对对方负责。\n\
                    出席的有市電視臺臺長、交通局局長。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn repeated_three_bytes_finds_every_start() {
        // Every offset, near block edges and in the tail, against a plain comparison.
        for len in 6..40 {
            for at in 0..=len - 6 {
                let mut bytes: Vec<u8> = (0..len as u8).map(|b| b.wrapping_mul(37)).collect();
                let copy: Vec<u8> = bytes[at..at + 3].to_vec();
                bytes[at + 3..at + 6].copy_from_slice(&copy);
                let expected: Vec<usize> = (0..=len - 6)
                    .filter(|&j| bytes[j..j + 3] == bytes[j + 3..j + 6])
                    .collect();
                assert_eq!(repeated_three_bytes(&bytes), expected, "len {len} at {at}");
            }
        }
    }

    #[test]
    fn numerals_are_quiet() {
        let text = "二〇二二年，三三两两的人群，万万不可大意，一一对应。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }
}
