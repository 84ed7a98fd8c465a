//! `repeated-phrase`: the same run of words (at least four words and eight characters)
//! repeated close together — in one paragraph or in neighbouring ones. Found from the word
//! sequence of the segmentation (word n-grams), so phrases in no list are caught too.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use super::repeated_sentence::{self, RepeatedSentenceOptions};
use super::{Check, Context, Rule};
use crate::draft::Draft;
use crate::finding::{Finding, Severity};
use crate::segment::{self, Segmentation, TokenKind};

pub struct RepeatedPhrase;

pub const CODE: &str = "repeated-phrase";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Info,
    summary: "同一词组在相邻处重复出现",
    docs: DOCS,
    tally: Some("处词组重复"),
    fix_all_title: None,
    validate_options: super::typed_options::<RepeatedPhraseOptions>,
}];

const DOCS: &str = "\
### 说明
同一个多词词组（按分词结果至少 4 个词、8 个字）在同一段或相邻段落中重复出现。提示标在后一处，并关联到前一处。

### 为什么
相隔很近的重复听起来啰嗦，多半是改稿时拼接留下的痕迹，或是不在任何套话词表里的新套话。

### 示例
> 要不断提高服务群众的能力水平……各科室也要不断提高服务群众的能力水平。

### 修改后
> 要不断提高服务群众的能力水平……各科室也要对标要求，把服务做实做细。

引号、书名号内的固定提法（如 `“三个代表”重要思想`）和称呼“同志们”不计入；整句重复由 `repeated-sentence` 提示，单个套话由 `stock-phrase-repeat` 提示，本规则不重复提示。

### 选项
```toml
[rules.repeated-phrase]
min-words = 4   # 词组至少几个词
min-chars = 8   # 词组至少几个字
window = 1      # 向前查看几个段落（0 表示只看本段）
```
";

/// `[rules.repeated-phrase]` options.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepeatedPhraseOptions {
    pub min_words: usize,
    pub min_chars: usize,
    /// How many paragraphs back an earlier occurrence may be.
    pub window: usize,
}

impl Default for RepeatedPhraseOptions {
    fn default() -> Self {
        RepeatedPhraseOptions {
            min_words: 4,
            min_chars: 8,
            window: 1,
        }
    }
}

impl Check for RepeatedPhrase {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let options: RepeatedPhraseOptions = cx.config.rule_options(CODE);
        let sentence_options: RepeatedSentenceOptions =
            cx.config.rule_options(repeated_sentence::CODE);
        // Text that repeated-sentence reports as a copy is not reported again phrase by phrase.
        let copies: Vec<Range<usize>> = repeated_sentence::blocks(cx.draft, &sentence_options)
            .into_iter()
            .map(|b| b.later)
            .collect();
        for run in runs(cx.draft, &options) {
            if copies
                .iter()
                .any(|c| c.start < run.later.end && run.later.start < c.end)
            {
                continue;
            }
            let message = if run.same_paragraph {
                format!("“{}”在本段重复出现，建议删减或换用其他表达", run.text)
            } else {
                format!("“{}”与前文相邻段落重复，建议删减或换用其他表达", run.text)
            };
            out.push(
                Finding::new(CODE, run.later.clone(), message)
                    .with_related(run.earlier.clone(), format!("前文的“{}”", run.text)),
            );
        }
    }
}

/// A repeated run of words: the later occurrence and the earlier one (source byte ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub later: Range<usize>,
    pub earlier: Range<usize>,
    pub same_paragraph: bool,
}

/// A word as the n-gram matcher sees it.
struct Word {
    /// Byte range in the paragraph's prose.
    range: Range<usize>,
    hash: u64,
    /// Words in different clauses never form one n-gram: punctuation, quotations and the
    /// salutation separate clauses.
    clause: usize,
}

/// The words of a paragraph, with clause numbers (continuing from `clause`).
fn words(text: &str, segmentation: &Segmentation, clause: &mut usize) -> Vec<Word> {
    let mut out = Vec::with_capacity(segmentation.tokens.len());
    for token in &segmentation.tokens {
        let word = text.get(token.range.clone()).unwrap_or("");
        if token.kind != TokenKind::Word || token.quoted || word == "同志们" {
            *clause += 1;
            continue;
        }
        out.push(Word {
            range: token.range.clone(),
            hash: token.hash,
            clause: *clause,
        });
    }
    *clause += 1;
    out
}

/// Hash of the n-gram of `n` words starting at `i`, when they lie in one clause.
fn ngram(words: &[Word], i: usize, n: usize) -> Option<u64> {
    let last = words.get(i + n - 1)?;
    if words[i].clause != last.clause {
        return None;
    }
    let mut hash: u64 = 0x9e37_79b9_7f4a_7c15;
    for word in &words[i..i + n] {
        hash = (hash ^ word.hash).wrapping_mul(0x0100_0000_01b3).rotate_left(17);
    }
    Some(hash)
}

fn is_stock_phrase(text: &str) -> bool {
    static PHRASES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        segment::lexicon()
            .iter()
            .map(|e| e.phrase.as_str())
            .collect()
    });
    PHRASES.contains(text)
}

/// Every repeated run in the draft, in document order of the later occurrence.
pub fn runs(draft: &Draft<'_>, options: &RepeatedPhraseOptions) -> Vec<Run> {
    let n = options.min_words.max(1);
    let mut out = Vec::new();
    let mut clause = 0;
    // n-gram hash → (paragraph, word index) of earlier occurrences inside the window.
    let mut seen: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    let mut inserted: Vec<Vec<u64>> = Vec::with_capacity(draft.paragraphs.len());
    let mut all_words: Vec<Vec<Word>> = Vec::with_capacity(draft.paragraphs.len());
    for (p, paragraph) in draft.paragraphs.iter().enumerate() {
        let text = paragraph.prose.text.as_str();
        let segmentation = segment::segment(text);
        let words = words(text, &segmentation, &mut clause);
        // For each n-gram start, the earlier occurrence it repeats.
        let mut hits: Vec<Option<(usize, usize)>> = vec![None; words.len()];
        let mut mine = Vec::new();
        for i in 0..words.len() {
            let Some(hash) = ngram(&words, i, n) else {
                continue;
            };
            if let Some(candidates) = seen.get(&hash) {
                let usable = |&&(cp, ci): &&(usize, usize)| cp != p || ci + n <= i;
                // Prefer the candidate that continues the previous hit, so a run maps to one
                // contiguous earlier run.
                let follow = i
                    .checked_sub(1)
                    .and_then(|j| hits[j])
                    .map(|(cp, ci)| (cp, ci + 1))
                    .filter(|next| candidates.contains(next) && usable(&next));
                hits[i] = follow.or_else(|| candidates.iter().find(usable).copied());
            }
            seen.entry(hash).or_default().push((p, i));
            mine.push(hash);
        }
        collect_runs(draft, p, &words, &hits, n, options, &all_words, &mut out);
        inserted.push(mine);
        all_words.push(words);
        // Paragraphs leaving the window no longer match.
        if let Some(old) = p.checked_sub(options.window) {
            for hash in std::mem::take(&mut inserted[old]) {
                if let Some(list) = seen.get_mut(&hash) {
                    list.retain(|&(cp, _)| cp != old);
                    if list.is_empty() {
                        seen.remove(&hash);
                    }
                }
            }
            all_words[old] = Vec::new();
        }
    }
    out
}

/// Merges consecutive n-gram hits of paragraph `p` into runs and keeps the long ones.
#[allow(clippy::too_many_arguments)]
fn collect_runs(
    draft: &Draft<'_>,
    p: usize,
    words: &[Word],
    hits: &[Option<(usize, usize)>],
    n: usize,
    options: &RepeatedPhraseOptions,
    earlier_words: &[Vec<Word>],
    out: &mut Vec<Run>,
) {
    let prose = &draft.paragraphs[p].prose;
    let mut i = 0;
    while i < hits.len() {
        let Some((cp, ci)) = hits[i] else {
            i += 1;
            continue;
        };
        let mut last = i;
        while hits
            .get(last + 1)
            .copied()
            .flatten()
            .is_some_and(|(q, j)| q == cp && j == ci + (last + 1 - i))
        {
            last += 1;
        }
        let end_word = last + n - 1;
        let range = words[i].range.start..words[end_word].range.end;
        let text = &prose.text[range.clone()];
        let chars = text.chars().filter(|c| c.is_alphanumeric()).count();
        let earlier = if cp == p {
            Some(prose.source_range(words[ci].range.start..words[ci + end_word - i].range.end))
        } else {
            earlier_words.get(cp).and_then(|ws| {
                let first = ws.get(ci)?;
                let last = ws.get(ci + end_word - i)?;
                Some(
                    draft.paragraphs[cp]
                        .prose
                        .source_range(first.range.start..last.range.end),
                )
            })
        };
        if let Some(earlier) = earlier {
            if chars >= options.min_chars && !is_stock_phrase(text) {
                out.push(Run {
                    text: text.to_owned(),
                    later: prose.source_range(range),
                    earlier,
                    same_paragraph: cp == p,
                });
            }
        }
        i = last + 1;
    }
}

/// The most repeated multi-word phrases of the draft with their counts, for `jianggao stats`:
/// runs of three words or more (six characters or more) occurring at least twice anywhere,
/// without the shorter phrases that only ever occur inside a longer listed one.
pub fn top_phrases(draft: &Draft<'_>, limit: usize) -> Vec<(String, usize)> {
    const MIN_WORDS: usize = 3;
    const MAX_WORDS: usize = 8;
    let mut counts: HashMap<u64, (usize, String)> = HashMap::new();
    let mut clause = 0;
    for paragraph in &draft.paragraphs {
        let text = paragraph.prose.text.as_str();
        let segmentation = segment::segment(text);
        let words = words(text, &segmentation, &mut clause);
        for n in MIN_WORDS..=MAX_WORDS {
            for i in 0..words.len() {
                let Some(hash) = ngram(&words, i, n) else {
                    continue;
                };
                let phrase = &text[words[i].range.start..words[i + n - 1].range.end];
                if phrase.chars().count() < 6 {
                    continue;
                }
                counts
                    .entry(hash ^ n as u64)
                    .or_insert_with(|| (0, phrase.to_owned()))
                    .0 += 1;
            }
        }
    }
    let mut repeated: Vec<(String, usize)> = counts
        .into_values()
        .filter(|(count, _)| *count >= 2)
        .map(|(count, phrase)| (phrase, count))
        .collect();
    repeated.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| b.0.len().cmp(&a.0.len()))
            .then_with(|| a.0.cmp(&b.0))
    });
    let mut out: Vec<(String, usize)> = Vec::new();
    for (phrase, count) in repeated {
        // A phrase that never occurs outside a longer listed phrase adds nothing.
        if out
            .iter()
            .any(|(longer, c)| *c == count && longer.contains(phrase.as_str()))
        {
            continue;
        }
        out.push((phrase, count));
        if out.len() >= limit {
            break;
        }
    }
    out
}
