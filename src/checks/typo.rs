//! `typo`: words and idioms written with a wrong character (`再接再励` → `再接再厉`), from the
//! curated list in `data/typos.toml` and the `[typos]` table of `jianggao.toml`.
//!
//! A wrong form is reported only where it starts and ends on word boundaries of the jieba
//! segmentation, so it is never cut out of a longer correct word or across two words. The
//! list is looked up at the start of each word, through the hashes of the words (the
//! segmentation is cached per paragraph and shared with the repetition checks).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::chinese::source_exact;
use super::{Check, Context, Rule};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::segment::{self, Segmentation, TokenKind};

pub struct Typo;

const CODE: &str = "typo";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Warning,
    summary: "错别字（成语、固定词语写错字）",
    docs: DOCS,
    tally: Some("处错别字"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

const DOCS: &str = r#"## 说明

找出成语和固定词语里的错别字，如 `再接再励`（再接再厉）、`按步就班`（按部就班）、`迫不急待`（迫不及待）、`一愁莫展`（一筹莫展）、`走头无路`（走投无路）、`布署`（部署）、`震憾`（震撼），每处给出正确写法，快速修复一键替换。

内置的错字表（`data/typos.toml`，近六百条）只收在任何语境下都错的写法：`权利/权力`、`的/地/得`、`截止/截至` 这类要看上下文的不收，异形词的非推荐词形（`惟一`、`磨练`）和词典里“也作”的写法（`死心踏地`）也不算错。错误写法按分词的词边界匹配，所以不会从正确的长词中间截出来：`宣布署名` 里没有 “布署”，`叫做为人民服务` 里也不会找 “做为”。

## 为什么

讲稿里的错别字念出来未必听得出，印出来、投到屏幕上就是硬伤；成语用错字尤其显得不严谨。

## 示例

```text
希望同志们再接再励，按步就班地把各项工作布署到位。
```

## 修改后

```text
希望同志们再接再厉，按部就班地把各项工作部署到位。
```

## 选项

本单位常错的词（如领导姓名、单位名称）写在 `jianggao.toml` 的 `[typos]` 表里，格式与内置表相同，同样按词边界匹配；值为空字符串时停用内置表中的那一条：

```toml
[typos]
"李明华" = "李铭华"
"国务院办工厅" = "国务院办公厅"
"按装" = ""          # 停用内置条目
```

级别用 `[rules.typo] severity = "…"` 调整。
"#;

/// The built-in list: wrong form → correct form.
static BUILTIN: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| parse_list(include_str!("../../data/typos.toml")));

static BUILTIN_MATCHER: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(BUILTIN.clone()));

/// Every `"wrong" = "right"` pair of every table of the file, in file order.
fn parse_list(text: &str) -> Vec<(String, String)> {
    // The file is compiled in and checked by a unit test; a broken file yields an empty list
    // rather than a panic at run time.
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (_, group) in table {
        let Some(group) = group.as_table() else {
            continue;
        };
        for (wrong, right) in group {
            if let Some(right) = right.as_str() {
                out.push((wrong.clone(), right.to_owned()));
            }
        }
    }
    out
}

/// A list of wrong forms, found where they start and end on word boundaries.
struct Matcher {
    entries: Vec<(String, String)>,
    /// Entry indices by their first character.
    by_first: HashMap<char, Vec<usize>>,
    /// The hashes of every prefix of every wrong form, as a bit set. A wrong form starts at a
    /// word, so that word is one of its prefixes: the word's precomputed hash rejects nearly
    /// every word of a draft with one bit test.
    prefixes: Vec<u64>,
    /// The first two characters of every wrong form (their UTF-8 bytes, hashed), as a bit set:
    /// it rejects the common one-character words (`不`, `一`) that begin some wrong form.
    bigrams: Vec<u64>,
}

/// Bits in [`Matcher::prefixes`] and [`Matcher::bigrams`].
const SET_BITS: usize = 1 << 16;

fn prefix_bit(hash: u64) -> usize {
    (hash >> 48) as usize % SET_BITS
}

fn bigram_bit(text: &str) -> Option<usize> {
    let mut ends = text.char_indices().map(|(i, c)| i + c.len_utf8()).skip(1);
    let end = ends.next()?;
    Some(prefix_bit(segment::fnv1a(&text.as_bytes()[..end])))
}

fn has(set: &[u64], bit: usize) -> bool {
    set[bit / 64] >> (bit % 64) & 1 == 1
}

impl Matcher {
    fn new(entries: Vec<(String, String)>) -> Matcher {
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        let mut prefixes = vec![0u64; SET_BITS / 64];
        let mut bigrams = vec![0u64; SET_BITS / 64];
        for (index, (wrong, _)) in entries.iter().enumerate() {
            let (Some(first), Some(bit)) = (wrong.chars().next(), bigram_bit(wrong)) else {
                continue;
            };
            by_first.entry(first).or_default().push(index);
            bigrams[bit / 64] |= 1 << (bit % 64);
            for (at, c) in wrong.char_indices() {
                let bit = prefix_bit(segment::fnv1a(&wrong.as_bytes()[..at + c.len_utf8()]));
                prefixes[bit / 64] |= 1 << (bit % 64);
            }
        }
        Matcher {
            entries,
            by_first,
            prefixes,
            bigrams,
        }
    }

    /// Every wrong form that starts and ends on word boundaries of `segmentation` (the
    /// segmentation of `text`), as (prose range, entry index).
    fn find(&self, text: &str, segmentation: &Segmentation) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        for token in segmentation.tokens() {
            if token.kind != TokenKind::Word || !has(&self.prefixes, prefix_bit(token.hash)) {
                continue;
            }
            let start = token.range.start;
            let rest = text.get(start..).unwrap_or("");
            if !bigram_bit(rest).is_some_and(|bit| has(&self.bigrams, bit)) {
                continue;
            }
            let Some(c) = rest.chars().next() else {
                continue;
            };
            for &entry in self.by_first.get(&c).into_iter().flatten() {
                let wrong = self.entries[entry].0.as_str();
                let end = start + wrong.len();
                if rest.starts_with(wrong) && segmentation.token_ending_at(end).is_some() {
                    out.push((start..end, entry));
                }
            }
        }
        out
    }
}

/// The built-in list's matches in one paragraph, memoised with its segmentation.
struct BuiltinTypos(Vec<(Range<usize>, usize)>);

impl crate::memo::HeapSize for BuiltinTypos {
    fn heap_size(&self) -> usize {
        self.0.heap_size()
    }
}

impl Check for Typo {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let own = &cx.config.typos;
        let own_matcher = (!own.is_empty()).then(|| {
            Matcher::new(
                own.iter()
                    .filter(|(wrong, right)| !wrong.is_empty() && !right.is_empty())
                    .map(|(w, r)| (w.clone(), r.clone()))
                    .collect(),
            )
        });
        for (index, paragraph) in cx.draft.paragraphs.iter().enumerate() {
            let text = &paragraph.prose.text;
            let segmentation = cx.segmentation(index);
            let mut candidates: Vec<(Range<usize>, &str, &str)> = Vec::new();
            let builtin = segmentation.derived(|s| BuiltinTypos(BUILTIN_MATCHER.find(s.text(), s)));
            for (range, entry) in builtin.0.iter().cloned() {
                let (wrong, right) = &BUILTIN_MATCHER.entries[entry];
                // The project's own list overrides (or, with "", disables) a built-in entry.
                let right = own.get(wrong).map_or(right.as_str(), String::as_str);
                if !right.is_empty() {
                    candidates.push((range, wrong, right));
                }
            }
            if let Some(matcher) = &own_matcher {
                for (range, entry) in matcher.find(text, &segmentation) {
                    let (wrong, right) = &matcher.entries[entry];
                    if !BUILTIN_INDEX.contains_key(wrong.as_str()) {
                        candidates.push((range, wrong, right));
                    }
                }
            }
            // Longest first among those starting together; then no overlaps.
            candidates.sort_by_key(|(r, _, _)| (r.start, std::cmp::Reverse(r.end)));
            let mut taken_until = 0;
            for (range, wrong, right) in candidates {
                if range.start < taken_until {
                    continue;
                }
                taken_until = range.end;
                let mut finding = Finding::new(
                    CODE,
                    cx.draft.source_range(index, range.clone()),
                    format!("错别字：“{wrong}”应为“{right}”"),
                );
                // A wrong form broken over two lines is reported but not rewritten: the fix
                // would join the lines.
                if let Some(exact) = source_exact(cx.draft, index, range) {
                    finding = finding.with_fix(Fix::new(
                        format!("改为“{right}”"),
                        vec![Edit::replace(exact, right)],
                    ));
                }
                out.push(finding);
            }
        }
    }
}

/// The built-in wrong forms, for telling the project's own entries from overrides.
static BUILTIN_INDEX: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    BUILTIN
        .iter()
        .map(|(w, r)| (w.as_str(), r.as_str()))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, findings_in, fixed, flagged};
    use crate::config::Config;
    use crate::draft::DocKind;

    #[test]
    fn the_list_parses_and_holds_several_hundred_entries() {
        toml::from_str::<toml::Table>(include_str!("../../data/typos.toml"))
            .expect("data/typos.toml parses");
        let list = &*BUILTIN;
        assert!(list.len() >= 500, "only {} entries", list.len());
        let text = include_str!("../../data/typos.toml");
        let lines = text.lines().filter(|l| l.starts_with('"')).count();
        assert_eq!(lines, list.len(), "every entry line parses");
    }

    #[test]
    fn every_entry_is_a_real_correction() {
        let mut seen = std::collections::HashSet::new();
        for (wrong, right) in &*BUILTIN {
            assert!(seen.insert(wrong), "twice: {wrong}");
            assert_ne!(wrong, right);
            assert_eq!(wrong.chars().count(), right.chars().count(), "{wrong}");
            assert!(wrong.chars().count() >= 2, "{wrong}");
            assert!(wrong.chars().all(super::super::chinese::is_han), "{wrong}");
        }
        // No wrong form hides inside another entry or inside a correct form.
        for (wrong, _) in &*BUILTIN {
            for (other, right) in &*BUILTIN {
                assert!(
                    other == wrong || !other.contains(wrong.as_str()),
                    "{wrong} in {other}"
                );
                assert!(!right.contains(wrong.as_str()), "{wrong} in {right}");
            }
        }
    }

    #[test]
    fn the_correct_forms_are_quiet() {
        let text: String = BUILTIN
            .iter()
            .map(|(_, right)| format!("我们要{right}。\n"))
            .collect();
        assert_eq!(flagged(CODE, &text), Vec::<&str>::new());
    }

    #[test]
    fn every_wrong_form_is_found_between_punctuation() {
        for (wrong, right) in &*BUILTIN {
            let text = format!("大家说，{wrong}，对吗？\n");
            let found = findings(CODE, &text);
            assert_eq!(found.len(), 1, "{wrong}");
            assert_eq!(found[0].message, format!("错别字：“{wrong}”应为“{right}”"));
        }
    }

    #[test]
    fn idioms_in_a_sentence_are_found_and_fixed() {
        let text = "希望同志们再接再励，按步就班地把各项工作布署到位，切不可迫不急待。\n";
        assert_eq!(
            flagged(CODE, text),
            ["再接再励", "按步就班", "布署", "迫不急待"]
        );
        assert_eq!(
            fixed(CODE, text, 0),
            "希望同志们再接再厉，按步就班地把各项工作布署到位，切不可迫不急待。\n"
        );
        assert_eq!(findings(CODE, text)[2].fixes[0].title, "改为“部署”");
    }

    #[test]
    fn a_wrong_form_inside_correct_words_is_not_cut_out() {
        // `布署` in 宣布|署名 and `辨论` in 分辨|论据 each span two correct words.
        let text = "他宣布署名的规则，要分辨论据的真伪，不能混为一谈。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn own_entries_extend_and_disable_the_list() {
        let (config, problems) =
            Config::from_toml("[typos]\n\"李明华\" = \"李铭华\"\n\"布署\" = \"\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        let text = "请李明华同志讲话，会后布署工作。\n";
        let found = findings_in(CODE, text, DocKind::Plain, &config);
        let shown: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(shown, ["李明华"]);
        assert_eq!(found[0].message, "错别字：“李明华”应为“李铭华”");
    }

    #[test]
    fn an_own_entry_can_change_a_built_in_correction() {
        let (config, _) = Config::from_toml("[typos]\n\"布署\" = \"布置\"\n");
        let found = findings_in(CODE, "要抓紧布署。\n", DocKind::Plain, &config);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "错别字：“布署”应为“布置”");
    }

    #[test]
    fn a_wrong_form_broken_over_lines_is_reported_without_a_fix() {
        let text = "同志们：\n希望大家在新的一年里，继续发扬成绩，再接\n再励，做好各项工作。\n";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "再接\n再励");
        assert!(found[0].fixes.is_empty());
    }
}
