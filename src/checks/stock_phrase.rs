//! `stock-phrase-repeat`: a stock phrase (套话) from the lexicon used too often — more than twice
//! in one paragraph, or more often than its share in the whole speech.
//!
//! Phrases are matched on word boundaries from the jieba segmentation, so `进一步` inside
//! `更进一步` is not counted, and quotations (`“”`, `《》`, …) are skipped.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::{Check, Context, Rule};
use crate::config::Config;
use crate::draft::Draft;
use crate::finding::{Finding, Severity};
use crate::segment::{self, Segmentation};

pub struct StockPhraseRepeat;

pub const CODE: &str = "stock-phrase-repeat";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Warning,
    summary: "套话在一段或全文中重复使用",
    docs: DOCS,
    tally: Some("处套话重复"),
    fix_all_title: None,
    validate_options: super::typed_options::<StockPhraseOptions>,
}];

const DOCS: &str = "\
### 说明
同一个套话（如“进一步”“切实”“紧紧围绕”“新局面”）在一个自然段里出现超过两次，或在全文中出现得过于频繁（默认每千字超过 4 次）。每段第一次出现的不提示，其后各处提示，并关联到其他出现位置；悬停可看到该词在本段、本节和全文的出现次数。

### 为什么
讲话稿是念给人听的。同一个套话反复出现，听起来空洞、敷衍，削弱讲话的分量。

### 示例
> 要进一步统一思想，进一步明确任务，进一步压实责任，进一步改进作风。

### 修改后
> 要统一思想、明确任务，压实责任，切实改进作风。

引号和书名号内的固定提法（如 `“两学一做”`、`《通知》`）不计入；词语按分词结果计数，长词中的片段（如“更进一步”中的“进一步”）不计入。

### 选项
```toml
[rules.stock-phrase-repeat]
extra = [\"再上台阶\"]      # 追加的套话
ignore = [\"深入\"]         # 不检查的套话
max-per-paragraph = 2      # 每段允许出现的次数，超过即提示
max-per-thousand = 4.0     # 全文每千字允许出现的次数，超过部分提示
```
";

/// `[rules.stock-phrase-repeat]` options.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct StockPhraseOptions {
    /// Phrases counted in addition to the built-in lexicon.
    pub extra: Vec<String>,
    /// Built-in phrases not to count.
    pub ignore: Vec<String>,
    /// Occurrences allowed in one paragraph; the ones after the first are flagged beyond it.
    pub max_per_paragraph: usize,
    /// Occurrences allowed per 1,000 spoken characters of the speech (at least 1,000 counted).
    pub max_per_thousand: f64,
}

impl Default for StockPhraseOptions {
    fn default() -> Self {
        StockPhraseOptions {
            extra: Vec::new(),
            ignore: Vec::new(),
            max_per_paragraph: 2,
            max_per_thousand: 4.0,
        }
    }
}

impl Check for StockPhraseRepeat {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let options: StockPhraseOptions = cx.config.rule_options(CODE);
        let matcher = matcher(&options);
        let mut occurrences = find_all(cx.draft, &matcher);
        // A pasted second copy is reported once by repeated-sentence; its stock phrases
        // would only repeat the findings of the first copy.
        let sentence_options = cx.config.rule_options(super::repeated_sentence::CODE);
        let copies: Vec<Range<usize>> =
            super::repeated_sentence::blocks(cx.draft, &sentence_options)
                .iter()
                .filter(|block| block.sentences > 1)
                .map(|block| block.later.clone())
                .collect();
        occurrences.retain(|o| {
            !copies
                .iter()
                .any(|c| c.start <= o.range.start && o.range.end <= c.end)
        });
        report(cx.draft, &matcher, &options, &occurrences, out);
    }
}

/// One matched stock phrase.
#[derive(Debug, Clone)]
struct Occurrence {
    paragraph: usize,
    /// Byte range into the source text.
    range: Range<usize>,
    /// Index into [`Matcher::phrases`].
    phrase: usize,
}

/// The phrases counted under some options, compiled into one automaton.
struct Matcher {
    phrases: Vec<(String, String)>,
    automaton: Option<AhoCorasick>,
    /// The built-in lexicon unchanged: its matches are cached with each paragraph.
    is_default: bool,
}

impl Matcher {
    fn new(options: &StockPhraseOptions) -> Matcher {
        let mut phrases: Vec<(String, String)> = segment::lexicon()
            .iter()
            .filter(|e| !options.ignore.contains(&e.phrase))
            .map(|e| (e.phrase.clone(), e.category.clone()))
            .collect();
        for extra in &options.extra {
            let extra = extra.trim();
            if !extra.is_empty() && !phrases.iter().any(|(p, _)| p == extra) {
                phrases.push((extra.to_owned(), "自定义".to_owned()));
            }
        }
        // Overlapping matches are all reported; word boundaries and a longest-first pass
        // then choose among them, so user phrases that overlap built-in ones still work.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(phrases.iter().map(|(p, _)| p.as_str()))
            .ok();
        Matcher {
            phrases,
            automaton,
            is_default: options.extra.is_empty() && options.ignore.is_empty(),
        }
    }

    /// Stock phrases in one paragraph's prose: `(prose range, phrase index)` in order.
    fn find(&self, text: &str, segmentation: &Segmentation) -> Vec<(Range<usize>, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // Segment even when nothing matches, so a warm-up analysis loads the dictionary.
        let tokens = segmentation.tokens();
        let mut found: Vec<(Range<usize>, usize)> = automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let first = segmentation.token_starting_at(m.start())?;
                let last = segmentation.token_ending_at(m.end())?;
                let quoted = tokens.get(first..=last)?.iter().any(|t| t.quoted);
                (!quoted).then(|| (m.range(), m.pattern().as_usize()))
            })
            .collect();
        found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut taken: Vec<(Range<usize>, usize)> = Vec::with_capacity(found.len());
        for (range, phrase) in found {
            if taken.last().is_some_and(|(t, _)| t.end > range.start) {
                continue;
            }
            taken.push((range, phrase));
        }
        taken
    }
}

/// The matcher for these options; the default one and the last custom one are kept.
fn matcher(options: &StockPhraseOptions) -> Arc<Matcher> {
    static DEFAULT: LazyLock<Arc<Matcher>> =
        LazyLock::new(|| Arc::new(Matcher::new(&StockPhraseOptions::default())));
    type Custom = Option<((Vec<String>, Vec<String>), Arc<Matcher>)>;
    static CUSTOM: Mutex<Custom> = Mutex::new(None);
    if options.extra.is_empty() && options.ignore.is_empty() {
        return Arc::clone(&DEFAULT);
    }
    let key = (options.extra.clone(), options.ignore.clone());
    if let Ok(mut custom) = CUSTOM.lock() {
        if let Some((k, m)) = custom.as_ref() {
            if *k == key {
                return Arc::clone(m);
            }
        }
        let built = Arc::new(Matcher::new(options));
        *custom = Some((key, Arc::clone(&built)));
        return built;
    }
    Arc::new(Matcher::new(options))
}

fn find_all(draft: &Draft<'_>, matcher: &Matcher) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (index, paragraph) in draft.paragraphs.iter().enumerate() {
        let prose = &paragraph.prose;
        let segmentation = segment::segment(&prose.text);
        let fresh;
        let found = if matcher.is_default {
            segmentation
                .lexicon_matches
                .get_or_init(|| matcher.find(&prose.text, &segmentation))
        } else {
            fresh = matcher.find(&prose.text, &segmentation);
            &fresh
        };
        for (range, phrase) in found {
            out.push(Occurrence {
                paragraph: index,
                range: prose.source_range(range.clone()),
                phrase: *phrase,
            });
        }
    }
    out
}

/// The paragraphs of the innermost section holding paragraph `index`, if it is in one.
fn section_of(draft: &Draft<'_>, index: usize) -> Option<Range<usize>> {
    draft
        .section_of(index)
        .and_then(|s| draft.sections.get(s))
        .map(|s| s.paragraphs.clone())
}

/// The paragraphs of the speech holding paragraph `index`: a compilation holds several
/// speeches, each judged on its own length. Text outside every speech counts as one whole.
fn speech_of(draft: &Draft<'_>, index: usize) -> Range<usize> {
    draft
        .speech_of(index)
        .map_or(0..draft.paragraphs.len(), |s| s.paragraphs.clone())
}

/// Characters read aloud in the paragraphs `range` (letters, digits and Chinese characters).
fn spoken_chars(draft: &Draft<'_>, range: Range<usize>) -> usize {
    draft.paragraphs[range]
        .iter()
        .map(|p| segment::segment(&p.prose.text).spoken_chars())
        .sum()
}

fn report(
    draft: &Draft<'_>,
    matcher: &Matcher,
    options: &StockPhraseOptions,
    occurrences: &[Occurrence],
    out: &mut Vec<Finding>,
) {
    let mut by_phrase: Vec<Vec<usize>> = vec![Vec::new(); matcher.phrases.len()];
    for (index, occurrence) in occurrences.iter().enumerate() {
        by_phrase[occurrence.phrase].push(index);
    }
    let mut flagged = vec![false; occurrences.len()];
    let mut speech_chars: HashMap<(usize, usize), usize> = HashMap::new();
    for (phrase, list) in by_phrase.iter().enumerate() {
        if list.len() < 2 {
            continue;
        }
        let (text, category) = &matcher.phrases[phrase];
        // One note per paragraph: a phrase pasted hundreds of times must not cost n² scans.
        let mut notes: HashMap<usize, String> = HashMap::new();
        let mut note = |paragraph: usize| {
            notes
                .entry(paragraph)
                .or_insert_with(|| hover_note(draft, text, category, occurrences, list, paragraph))
                .clone()
        };

        // Within a paragraph: the first occurrence is the anchor, the later ones are flagged.
        for group in list.chunk_by(|&a, &b| occurrences[a].paragraph == occurrences[b].paragraph) {
            if group.len() <= options.max_per_paragraph {
                continue;
            }
            for &this in &group[1..] {
                let mut finding = Finding::new(
                    CODE,
                    occurrences[this].range.clone(),
                    format!(
                        "“{text}”在本段出现 {} 次，建议删减或换用其他表达",
                        group.len()
                    ),
                )
                .with_note(note(occurrences[this].paragraph));
                for k in related_positions(group, this) {
                    finding = finding.with_related(
                        occurrences[group[k]].range.clone(),
                        format!("本段第 {} 处“{text}”", k + 1),
                    );
                }
                flagged[this] = true;
                out.push(finding);
            }
        }

        // Across the speech: occurrences beyond the allowed density are flagged.
        for speech in list.chunk_by(|&a, &b| {
            speech_of(draft, occurrences[a].paragraph) == speech_of(draft, occurrences[b].paragraph)
        }) {
            // Under 1,000 characters count as 1,000, so few occurrences never exceed the limit.
            if speech.len() as f64 <= options.max_per_thousand {
                continue;
            }
            let span = speech_of(draft, occurrences[speech[0]].paragraph);
            let chars = *speech_chars
                .entry((span.start, span.end))
                .or_insert_with(|| spoken_chars(draft, span.clone()));
            let allowed = options.max_per_thousand * chars.max(1000) as f64 / 1000.0;
            if speech.len() as f64 <= allowed {
                continue;
            }
            let density = speech.len() as f64 * 1000.0 / chars.max(1) as f64;
            let keep = allowed.floor().max(0.0) as usize;
            for &this in speech.iter().skip(keep) {
                if flagged[this] {
                    continue;
                }
                let mut finding = Finding::new(
                    CODE,
                    occurrences[this].range.clone(),
                    format!(
                        "“{text}”在全文出现 {} 次（每千字约 {density:.1} 次），建议删减或换用其他表达",
                        speech.len()
                    ),
                )
                .with_note(note(occurrences[this].paragraph));
                for k in related_positions(speech, this) {
                    finding = finding.with_related(
                        occurrences[speech[k]].range.clone(),
                        format!("第 {} 处“{text}”", k + 1),
                    );
                }
                flagged[this] = true;
                out.push(finding);
            }
        }
    }
}

/// At most this many related places per finding: enough to find the other uses, and a phrase
/// pasted hundreds of times does not send hundreds of thousands of locations to the editor.
const MAX_RELATED: usize = 8;

/// Positions in `group` of the other occurrences a finding on `this` points at: the first one
/// (the anchor) and then the nearest ones, in document order.
fn related_positions(group: &[usize], this: usize) -> Vec<usize> {
    let Some(at) = group.iter().position(|&o| o == this) else {
        return Vec::new();
    };
    let mut others: Vec<usize> = (0..group.len()).filter(|&k| k != at).collect();
    if others.len() > MAX_RELATED {
        others.sort_by_key(|&k| (k != 0, k.abs_diff(at)));
        others.truncate(MAX_RELATED);
        others.sort_unstable();
    }
    others
}

/// Hover text: how often the phrase occurs in the paragraph, the section and the draft.
fn hover_note(
    draft: &Draft<'_>,
    text: &str,
    category: &str,
    occurrences: &[Occurrence],
    list: &[usize],
    paragraph: usize,
) -> String {
    let count_in = |range: Range<usize>| {
        list.iter()
            .filter(|&&i| range.contains(&occurrences[i].paragraph))
            .count()
    };
    let mut note = format!(
        "**“{text}”**（{category}）出现次数：\n\n- 本段：{} 次\n",
        count_in(paragraph..paragraph + 1)
    );
    if let Some(section) = section_of(draft, paragraph) {
        note.push_str(&format!("- 本节：{} 次\n", count_in(section)));
    }
    note.push_str(&format!("- 全文：{} 次\n", list.len()));
    note
}

/// How often each lexicon phrase occurs in the draft, most frequent first (for `stats`).
pub fn lexicon_counts(draft: &Draft<'_>, config: &Config) -> Vec<(String, String, usize)> {
    let options: StockPhraseOptions = config.rule_options(CODE);
    let matcher = matcher(&options);
    let mut counts = vec![0usize; matcher.phrases.len()];
    for occurrence in find_all(draft, &matcher) {
        counts[occurrence.phrase] += 1;
    }
    let mut out: Vec<(String, String, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .map(|(i, n)| {
            (
                matcher.phrases[i].0.clone(),
                matcher.phrases[i].1.clone(),
                n,
            )
        })
        .collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, findings_in, flagged};
    use crate::config::Config;
    use crate::draft::DocKind;

    const RULE: &str = "stock-phrase-repeat";

    #[test]
    fn four_times_in_a_paragraph_flags_the_three_later_ones() {
        let text = "今年我们要进一步统一思想，进一步明确目标，进一步压实责任，进一步改进作风。\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 3, "{found:#?}");
        let first = text.find("进一步").unwrap();
        for finding in &found {
            assert_eq!(&text[finding.range.clone()], "进一步");
            assert_ne!(finding.range.start, first, "the first one is the anchor");
            assert_eq!(
                finding.message,
                "“进一步”在本段出现 4 次，建议删减或换用其他表达"
            );
            assert_eq!(finding.related.len(), 3);
            assert!(finding
                .related
                .iter()
                .all(|r| &text[r.range.clone()] == "进一步" && r.range != finding.range));
            assert_eq!(
                finding.note.as_deref(),
                Some("**“进一步”**（程度副词）出现次数：\n\n- 本段：4 次\n- 全文：4 次\n")
            );
        }
        assert_eq!(found[0].related[0].range.start, first);
        assert_eq!(found[0].related[0].message, "本段第 1 处“进一步”");
    }

    #[test]
    fn the_same_text_over_four_paragraphs_is_not_flagged() {
        let text = "今年我们要进一步统一思想。\n\n进一步明确目标。\n\n各单位要进一步压实责任。\n\n机关要进一步改进作风。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_phrase_inside_a_longer_word_is_not_counted() {
        // 更进一步 and 不切实际 are words of their own; only the free-standing 进一步 counts.
        let text =
            "希望大家百尺竿头更进一步，进一步查找不足，杜绝不切实际的做法，切实把工作做好。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn quoted_slogans_are_not_counted() {
        let text =
            "深入开展“进一步解放思想”大讨论，认真学习《关于进一步加强机关作风建设的意见》。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn twice_in_a_paragraph_is_allowed_three_times_flags_the_later_two() {
        let text = "各部门要切实履行职责，切实把各项措施落到实处。\n";
        assert_eq!(findings(RULE, text), []);
        let text = "各部门要切实履行职责，切实把各项措施落到实处，切实防止走过场。\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].range.start, text.rfind("切实").unwrap());
        assert_eq!(
            found[0].message,
            "“切实”在本段出现 3 次，建议删减或换用其他表达"
        );
    }

    #[test]
    fn a_dense_phrase_across_the_speech_flags_the_excess() {
        // Five paragraphs, one 扎实 each, in well under 1,000 characters: the limit is 4.
        let text = "一要扎实开展调研。\n\n二要扎实推动整改。\n\n三要扎实做好服务。\n\n四要扎实抓好宣传。\n\n五要扎实加强保障。\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].range.start, text.rfind("扎实").unwrap());
        assert!(
            found[0]
                .message
                .starts_with("“扎实”在全文出现 5 次（每千字约"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].related.len(), 4);
    }

    #[test]
    fn options_extend_prune_and_set_thresholds() {
        let text = "我们要坚决扛起责任，坚决守牢底线，坚决不留死角，把工作抓紧抓牢，把作风抓紧抓牢，把纪律抓紧抓牢。\n";
        assert_eq!(flagged(RULE, text), ["坚决", "坚决"]);

        let (config, problems) = Config::from_toml(
            "[rules.stock-phrase-repeat]\nextra = [\"抓紧抓牢\"]\nignore = [\"坚决\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let found = findings_in(RULE, text, DocKind::Plain, &config);
        let texts: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(texts, ["抓紧抓牢", "抓紧抓牢"]);

        let (config, _) = Config::from_toml("[rules.stock-phrase-repeat]\nmax-per-paragraph = 3\n");
        assert!(findings_in(RULE, text, DocKind::Plain, &config).is_empty());
    }

    #[test]
    fn a_pasted_copy_is_left_to_repeated_sentence() {
        let paragraph = "要切实加强领导，切实落实责任，切实转变作风。各单位要进一步统一思想，进一步明确目标，进一步压实任务。";
        let text = format!("{paragraph}\n中间一段讲的是别的事情，内容完全不同。\n{paragraph}\n");
        let found = findings(RULE, &text);
        let copy = text.rfind("要切实").unwrap();
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found.iter().all(|f| f.range.start < copy));
        assert_eq!(flagged("repeated-sentence", &text), [paragraph]);
    }

    #[test]
    fn a_phrase_pasted_many_times_points_at_the_anchor_and_its_neighbours_only() {
        let line = "要切实抓好落实。";
        let text = format!("{}\n", line.repeat(30));
        let found: Vec<_> = findings(RULE, &text)
            .into_iter()
            .filter(|f| &text[f.range.clone()] == "切实")
            .collect();
        assert_eq!(found.len(), 29);
        let last = &found[28];
        assert_eq!(last.related.len(), 8);
        // The anchor first, then the seven occurrences just before the last one.
        let positions: Vec<usize> = last
            .related
            .iter()
            .map(|r| r.range.start / line.len())
            .collect();
        assert_eq!(positions, [0, 22, 23, 24, 25, 26, 27, 28]);
    }

    #[test]
    fn a_bad_option_is_reported_in_chinese() {
        let (_, problems) = Config::from_toml(
            "[rules.stock-phrase-repeat]\nmax-per-paragraph = \"two\"\ncolour = 1\n",
        );
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "rules.stock-phrase-repeat.colour",
                "rules.stock-phrase-repeat.max-per-paragraph"
            ]
        );
    }
}
