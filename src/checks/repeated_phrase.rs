//! `repeated-phrase`: the same run of words (at least four words and eight characters)
//! repeated close together — in one paragraph or in neighbouring ones. Found from the word
//! sequence of the segmentation (word n-grams), so phrases in no list are caught too.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

use serde::Deserialize;

use super::repeated_sentence::{self, RepeatedSentenceOptions};
use super::{fixed_terms, Check, Context, Rule};
use crate::draft::{Draft, Role};
use crate::finding::{Finding, Severity};
use crate::memo::HashKeyed;
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
同一个多词词组（按分词结果至少 4 个词、8 个字）在相隔不远处（同一段或相邻段落中，两处之间不超过 100 字）重复出现。提示标在后一处，并关联到前一处。排比句（相邻分句以同样的词开头）是修辞，不提示。

### 为什么
相隔很近的重复听起来啰嗦，多半是改稿时拼接留下的痕迹，或是不在任何套话词表里的新套话。

### 示例
> 要不断提高服务群众的能力水平……各科室也要不断提高服务群众的能力水平。

### 修改后
> 要不断提高服务群众的能力水平……各科室也要对标要求，把服务做实做细。

体裁要求重复的不计入：引号、书名号内的固定提法（如 `“三个代表”重要思想`）和称呼“同志们”；单位、工作队、会议、活动、文件和名单的名称（“第三批驻村工作队”“提案审查委员会名单”）；固定提法和政策名称，连同前面的一个动词（“实施乡村振兴战略”，清单见 `data/fixed_terms.toml`）；主持词的程序用语（“下面进行会议第二项议程”“大家欢迎，待毕下面请……”“审议通过……名单”“同意的请举手……弃权的请举手”）；标题中会议名称里的词。整句重复由 `repeated-sentence` 提示，单个套话由 `stock-phrase-repeat` 提示，本规则不重复提示。

### 选项
```toml
[rules.repeated-phrase]
min-words = 4   # 词组至少几个词
min-chars = 8   # 词组至少几个字
window = 1      # 向前查看几个段落（0 表示只看本段）
max-distance = 100  # 两处之间最多相隔多少字
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
    /// How many spoken characters may lie between the two occurrences: a phrase said again
    /// half a minute later is not heard as a repetition.
    pub max_distance: usize,
}

const DEFAULT_MIN_WORDS: usize = 4;

impl Default for RepeatedPhraseOptions {
    fn default() -> Self {
        RepeatedPhraseOptions {
            min_words: DEFAULT_MIN_WORDS,
            min_chars: 8,
            window: 1,
            max_distance: 100,
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
        let copies: Vec<Range<usize>> = repeated_sentence::blocks(cx, &sentence_options)
            .iter()
            .map(|b| b.later.clone())
            .collect();
        for run in runs(cx, &options) {
            if copies
                .iter()
                .any(|c| c.start < run.later.end && run.later.start < c.end)
            {
                continue;
            }
            let message = if run.same_paragraph {
                format!("“{}”在本段重复出现，建议删减或换用其他表达", run.text)
            } else {
                format!("“{}”与上文重复出现，建议删减或换用其他表达", run.text)
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

/// The words of one paragraph, with clause numbers from 0 (clauses are compared within a
/// paragraph only), and the hashes of its n-grams of the default length. Memoised with the
/// paragraph's segmentation.
struct ParagraphWords {
    words: Vec<Word>,
    /// [`ngram`] at each word for `n` = [`DEFAULT_MIN_WORDS`].
    ngrams: Vec<Option<u64>>,
}

impl ParagraphWords {
    /// [`ngram`] at each word: memoised for the default `n`, computed for another.
    fn ngrams(&self, n: usize) -> std::borrow::Cow<'_, [Option<u64>]> {
        if n == DEFAULT_MIN_WORDS {
            std::borrow::Cow::Borrowed(&self.ngrams)
        } else {
            std::borrow::Cow::Owned(ngrams(&self.words, n))
        }
    }
}

fn ngrams(words: &[Word], n: usize) -> Vec<Option<u64>> {
    (0..words.len()).map(|i| ngram(words, i, n)).collect()
}

impl crate::memo::HeapSize for ParagraphWords {
    fn heap_size(&self) -> usize {
        self.words.heap_size() + self.ngrams.heap_size()
    }
}

fn words(segmentation: &Segmentation) -> Arc<ParagraphWords> {
    segmentation.derived(|segmentation| {
        let text = segmentation.text();
        let tokens = segmentation.tokens();
        let mut out = Vec::with_capacity(tokens.len());
        let mut clause = 0;
        for token in tokens {
            let word = text.get(token.range.clone()).unwrap_or("");
            if token.kind != TokenKind::Word || token.quoted || word == "同志们" {
                clause += 1;
                continue;
            }
            out.push(Word {
                range: token.range.clone(),
                hash: token.hash,
                clause,
            });
        }
        ParagraphWords {
            ngrams: ngrams(&out, DEFAULT_MIN_WORDS),
            words: out,
        }
    })
}

/// Hash of the n-gram of `n` words starting at `i`, when they lie in one clause.
fn ngram(words: &[Word], i: usize, n: usize) -> Option<u64> {
    let last = words.get(i + n - 1)?;
    if words[i].clause != last.clause {
        return None;
    }
    let mut hash: u64 = 0x9e37_79b9_7f4a_7c15;
    for word in &words[i..i + n] {
        hash = (hash ^ word.hash)
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(17);
    }
    Some(hash)
}

/// A phrase found in this many paragraphs of the draft is a term of its topic (an office's
/// name, the meeting's title), not a careless repetition.
const TERM_PARAGRAPHS: u32 = 3;

/// Where an n-gram was last seen, and in how many paragraphs.
struct Seen {
    paragraph: usize,
    word: usize,
    paragraphs: u32,
}

/// Every repeated run in the draft, in document order of the later occurrence.
pub fn runs(cx: &Context<'_>, options: &RepeatedPhraseOptions) -> Vec<Run> {
    let draft = cx.draft;
    let n = options.min_words.max(1);
    let mut candidates: Vec<(Run, Vec<u64>)> = Vec::new();
    // Only the latest occurrence of each n-gram is kept: it is the closest, so when it is
    // outside the window every earlier one is too.
    let words_guess = draft.text.len() / 5;
    let mut seen: HashKeyed<Seen> =
        HashKeyed::with_capacity_and_hasher(words_guess, Default::default());
    let mut window: std::collections::VecDeque<Arc<ParagraphWords>> =
        std::collections::VecDeque::new();
    // For each n-gram start of a paragraph, the earlier occurrence it repeats.
    let mut hits: Vec<Option<(usize, usize)>> = Vec::new();
    for (p, paragraph) in draft.paragraphs.iter().enumerate() {
        // A title restates the compilation's separator line (`第五篇：…` / `…讲话`): that is
        // layout, not a phrase the speaker repeats.
        if matches!(
            paragraph.role,
            Role::Title | Role::Separator | Role::Outside
        ) {
            continue;
        }
        let segmentation = cx.segmentation(p);
        let memo = words(&segmentation);
        let words = memo.words.as_slice();
        hits.clear();
        hits.resize(words.len(), None);
        for (i, (hit, hash)) in hits.iter_mut().zip(memo.ngrams(n).iter()).enumerate() {
            let Some(hash) = *hash else {
                continue;
            };
            match seen.get_mut(&hash) {
                Some(entry) => {
                    let in_window = entry.paragraph + options.window >= p;
                    let apart = entry.paragraph != p || entry.word + n <= i;
                    if in_window && apart {
                        *hit = Some((entry.paragraph, entry.word));
                    }
                    if entry.paragraph != p {
                        entry.paragraphs += 1;
                    }
                    entry.paragraph = p;
                    entry.word = i;
                }
                None => {
                    seen.insert(
                        hash,
                        Seen {
                            paragraph: p,
                            word: i,
                            paragraphs: 1,
                        },
                    );
                }
            }
        }
        collect_runs(draft, p, words, &hits, n, options, &window, &mut candidates);
        window.push_back(Arc::clone(&memo));
        if window.len() > options.window {
            window.pop_front();
        }
    }
    candidates
        .into_iter()
        .filter(|(_, hashes)| {
            let rarest = hashes
                .iter()
                .map(|h| seen.get(h).map_or(0, |s| s.paragraphs))
                .min()
                .unwrap_or(0);
            rarest < TERM_PARAGRAPHS
        })
        .map(|(run, _)| run)
        .collect()
}

/// A run of nouns only (`政府系统办公室工作`, `各级政府办公部门`) names a thing; repeating it is
/// how a speech stays on topic. Stock phrases carry a verb or an adverb (lexicon phrases added
/// to the dictionary have no tag and count as such).
fn names_a_thing(text: &str) -> bool {
    // Tagging costs microseconds; the same runs come back on every keystroke.
    static MEMO: LazyLock<Mutex<HashMap<String, bool>>> = LazyLock::new(Mutex::default);
    if let Some(&known) = MEMO.lock().ok().as_ref().and_then(|m| m.get(text)) {
        return known;
    }
    let answer = !segment::tag(text)
        .iter()
        .any(|tag| matches!(tag.as_str(), "v" | "vd" | "vi" | "vg" | "d" | "ad" | ""));
    if let Ok(mut memo) = MEMO.lock() {
        if memo.len() >= 4096 {
            memo.clear();
        }
        memo.insert(text.to_owned(), answer);
    }
    answer
}

/// Repetition the genre requires: the name of an organisation, a team, a meeting, a programme
/// or a document (`第九批援藏工作队`, `委员提案审查小组名单`); a fixed official term, with at most
/// the verb that goes with it (`实施乡村振兴战略`); a procedure formula of a 主持词 (`待毕下面
/// 进行会议`, `审议通过大会秘书长`); words of the meeting's own name, from the title.
fn required(draft: &Draft<'_>, p: usize, range: &Range<usize>, words: &[Word]) -> bool {
    let prose = &draft.paragraphs[p].prose.text;
    let Some(text) = prose.get(range.clone()) else {
        return false;
    };
    let texts: Vec<&str> = words
        .iter()
        .filter_map(|w| prose.get(w.range.clone()))
        .collect();
    if fixed_terms::is_name(&texts) || fixed_terms::has_formula(text) {
        return true;
    }
    let spoken = |t: &str| t.chars().filter(|&c| segment::is_spoken(c)).count();
    let term = fixed_terms::terms_in(prose).into_iter().any(|t| {
        let inside = t.start.max(range.start)..t.end.min(range.end);
        !inside.is_empty() && spoken(text) - spoken(&prose[inside]) <= 2
    });
    term || draft
        .speech_of(p)
        .and_then(|speech| draft.speech_title(speech))
        .and_then(fixed_terms::meeting_name)
        .is_some_and(|name| name.contains(text))
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
    window: &std::collections::VecDeque<Arc<ParagraphWords>>,
    out: &mut Vec<(Run, Vec<u64>)>,
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
        let chars = text.chars().filter(|&c| segment::is_spoken(c)).count();
        let earlier = if cp == p {
            Some(prose.source_range(words[ci].range.start..words[ci + end_word - i].range.end))
        } else {
            // The window holds the paragraphs just before `p`, the last one being `p - 1`.
            let back = p - cp;
            let slot = window.len().checked_sub(back);
            slot.and_then(|k| window.get(k)).and_then(|ws| {
                let first = ws.words.get(ci)?;
                let last = ws.words.get(ci + end_word - i)?;
                Some(
                    draft.paragraphs[cp]
                        .prose
                        .source_range(first.range.start..last.range.end),
                )
            })
        };
        // 排比: a clause that opens with the words of the clause just before it (`让群众有更多
        // 获得感，让群众有更多幸福感`) is a figure of speech, not a slip.
        let opens_clause = i == 0 || words[i - 1].clause != words[i].clause;
        let parallel = cp == p && opens_clause && words[ci].clause + 1 == words[i].clause;
        let close = |earlier: &Range<usize>| {
            let between = draft
                .text
                .get(earlier.end..prose.source_offset(words[i].range.start));
            between.map_or(0, |b| b.chars().filter(|&c| segment::is_spoken(c)).count())
                <= options.max_distance
        };
        if let (Some(earlier), false) = (earlier, parallel) {
            if chars >= options.min_chars
                && close(&earlier)
                && !segment::is_lexicon_phrase(text)
                && !names_a_thing(text)
                && !required(draft, p, &range, &words[i..=end_word])
            {
                let hashes = (i..=last).filter_map(|k| ngram(words, k, n)).collect();
                let run = Run {
                    text: text.to_owned(),
                    later: prose.source_range(range),
                    earlier,
                    same_paragraph: cp == p,
                };
                out.push((run, hashes));
            }
        }
        i = last + 1;
    }
}

/// Particles and prepositions a listed phrase should not start or end with (`办公室工作的`).
const FUNCTION_WORDS: &[&str] = &[
    "的", "地", "得", "了", "着", "和", "与", "及", "或", "是", "在", "要", "对", "把", "将", "为",
    "也", "都", "就", "等", "之", "而", "并", "从", "向", "以", "于", "被",
];

/// The most repeated multi-word phrases of the draft with their counts, for `jianggao stats`:
/// runs of three words or more (six characters or more) occurring at least twice anywhere,
/// without the shorter phrases that only ever occur inside a longer listed one.
pub fn top_phrases(draft: &Draft<'_>, limit: usize) -> Vec<(String, usize)> {
    const MIN_WORDS: usize = 3;
    const MAX_WORDS: usize = 8;
    let mut counts: HashMap<u64, (usize, String)> = HashMap::new();
    for paragraph in &draft.paragraphs {
        let text = paragraph.prose.text.as_str();
        let segmentation = segment::segment(text);
        let memo = words(&segmentation);
        let words = memo.words.as_slice();
        for n in MIN_WORDS..=MAX_WORDS {
            for i in 0..words.len() {
                let Some(hash) = ngram(words, i, n) else {
                    continue;
                };
                let first = &text[words[i].range.clone()];
                let last = &text[words[i + n - 1].range.clone()];
                if FUNCTION_WORDS.contains(&first) || FUNCTION_WORDS.contains(&last) {
                    continue;
                }
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

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, findings_in, flagged};
    use crate::config::Config;
    use crate::draft::DocKind;

    const RULE: &str = "repeated-phrase";

    #[test]
    fn a_phrase_repeated_in_a_paragraph_is_reported_once_at_the_later_place() {
        let text = "各科室要围绕群众办事难的问题想办法，窗口单位更要围绕群众办事难的问题下功夫。\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let phrase = "围绕群众办事难的问题";
        let later = text.rfind(phrase).unwrap();
        assert_eq!(found[0].range, later..later + phrase.len());
        assert_eq!(
            found[0].message,
            "“围绕群众办事难的问题”在本段重复出现，建议删减或换用其他表达"
        );
        let earlier = text.find(phrase).unwrap();
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(found[0].related[0].range, earlier..earlier + phrase.len());
    }

    #[test]
    fn the_next_paragraph_counts_but_a_distant_one_does_not() {
        let near = "今年要着重解决好老旧小区加装电梯的问题。\n下半年还要继续解决好老旧小区加装电梯的问题。\n";
        let found = findings(RULE, near);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &near[found[0].range.clone()],
            "解决好老旧小区加装电梯的问题"
        );
        assert_eq!(
            found[0].message,
            "“解决好老旧小区加装电梯的问题”与上文重复出现，建议删减或换用其他表达"
        );
        assert_eq!(
            found[0].related[0].range.start,
            near.find("解决好").unwrap()
        );
        let far = "今年要着重解决好老旧小区加装电梯的问题。\n第二段讲别的事情。\n第三段也讲别的事情。\n下半年还要继续解决好老旧小区加装电梯的问题。\n";
        assert_eq!(flagged(RULE, far), Vec::<&str>::new());
        let (config, problems) = Config::from_toml("[rules.repeated-phrase]\nwindow = 3\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(findings_in(RULE, far, DocKind::Plain, &config).len(), 1);
    }

    #[test]
    fn a_quoted_slogan_repeated_is_not_flagged() {
        let text =
            "深入学习“绿水青山就是金山银山”的理念，把“绿水青山就是金山银山”的理念落到实处。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_repeated_sentence_is_left_to_repeated_sentence() {
        let text = "今年全区粮食生产再获丰收，农民收入稳步增长。\n今年全区粮食生产再获丰收，农民收入稳步增长。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
        assert_eq!(flagged("repeated-sentence", text).len(), 1);
    }

    #[test]
    fn short_runs_and_names_of_things_are_not_flagged() {
        // Three words only; and a noun phrase naming the office, which a speech repeats.
        let text = "抓好安全生产，抓好安全生产。\n起草由市政府办公室综合科牵头，报送由市政府办公室综合科汇总。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_title_restating_the_separator_line_is_not_repetition() {
        let text = "第二篇：二〇二五年在全县农业农村工作会议上的交流发言材料\n二〇二五年在全县农业农村工作会议上的交流发言材料\n过去一年，我们做了三件事。\n一、抓好备耕\n种子化肥要提前备足。\n各位领导，谢谢大家！\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn parallel_clauses_are_a_figure_of_speech_not_a_repetition() {
        let text = "要让困难群众有更多获得感，让困难群众有更多幸福感，让困难群众有更多安全感。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
        // The same words two clauses apart are still a repetition.
        let text = "要让困难群众有更多获得感，这是我们的责任，让困难群众有更多幸福感。\n";
        assert_eq!(flagged(RULE, text).len(), 1);
    }

    #[test]
    fn a_phrase_said_again_much_later_in_a_long_paragraph_is_not_close() {
        let filler = "这一段中间讲了很多别的具体情况和数字。".repeat(8);
        let text = format!("今年要着重解决好老旧小区加装电梯的问题。{filler}下半年还要继续解决好老旧小区加装电梯的问题。\n");
        assert_eq!(flagged(RULE, &text), Vec::<&str>::new());
        let (config, _) = Config::from_toml("[rules.repeated-phrase]\nmax-distance = 500\n");
        assert_eq!(findings_in(RULE, &text, DocKind::Plain, &config).len(), 1);
    }

    #[test]
    fn the_name_of_a_team_said_again_is_not_a_repetition() {
        let text = "我代表县第三批驻村工作队作交流发言。\n三年来，县第三批驻村工作队扎根基层，办了不少实事。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn the_procedure_formulas_of_a_host_script_are_not_repetitions() {
        let texts = [
            "下面进行会议第一项议程，请县长作工作报告，大家欢迎。待毕下面进行会议第二项议程，请副县长宣读表彰决定，大家欢迎。\n",
            // The same with every punctuation mark lost in the copy.
            "下面进行会议第一项议程请县长作工作报告大家欢迎待毕下面进行会议第二项议程请副县长作工作报告大家欢迎待毕下面请政协主席讲话\n",
            "同意的请举手，（稍后观察）手放下。不同意的请举手，（稍后观察）没有。弃权的请举手，（稍后观察）没有。\n",
        ];
        for text in texts {
            assert_eq!(flagged(RULE, text), Vec::<&str>::new(), "{text}");
            assert_eq!(
                flagged("repeated-sentence", text),
                Vec::<&str>::new(),
                "{text}"
            );
        }
    }

    #[test]
    fn agenda_items_announced_then_taken_up_by_name_are_not_repetitions() {
        let text = "本次预备会议有两项议程：一、审议通过大会秘书长名单；二、审议通过提案审查委员会名单。现在进行第一项，审议通过大会秘书长名单。请工作人员宣读提案审查委员会名单。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_policy_named_twice_is_not_a_repetition() {
        let text = "实施乡村振兴战略是新时代做好三农工作的总抓手，各乡镇要把实施乡村振兴战略摆在突出位置。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
        // What is said about the policy, when said twice, still is.
        let text = "要吃透乡村振兴战略的丰富内涵，更要吃透乡村振兴战略的丰富内涵背后的要求。\n";
        assert_eq!(flagged(RULE, text), ["吃透乡村振兴战略的丰富内涵"]);
    }

    #[test]
    fn words_of_the_meetings_own_name_are_not_a_repetition() {
        let body = "同志们：\n今天召开会议，专题部署秋冬季森林防火工作。\n各地要把秋冬季森林防火工作抓紧抓实。\n谢谢大家！\n";
        assert_eq!(flagged(RULE, body), ["秋冬季森林防火工作"]);
        let text = format!("在全县秋冬季森林防火工作会议上的讲话\n{body}");
        assert_eq!(flagged(RULE, &text), Vec::<&str>::new());
    }

    #[test]
    fn a_topic_term_used_throughout_is_not_flagged() {
        let text = "要认真做好防汛抗旱应急准备工作。\n各乡镇要认真做好防汛抗旱应急准备工作。\n水利部门要认真做好防汛抗旱应急准备工作。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }
}
