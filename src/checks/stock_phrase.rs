//! `stock-phrase-repeat`: a stock phrase (套话) from the lexicon used too often — more than twice
//! in one paragraph, or more often than its share in the whole speech.
//!
//! Phrases are matched on word boundaries from the jieba segmentation, so `进一步` inside
//! `更进一步` is not counted, and quotations (`“”`, `《》`, …) are skipped.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::{fixed_terms, Check, Context, Rule};
use crate::config::Config;
use crate::draft::Draft;
use crate::finding::{Finding, Related, Severity};
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
同一个套话（如“进一步”“切实”“紧紧围绕”“新局面”）在一个自然段里出现超过两次，或在全文中出现得过于频繁（默认每千字超过 4 次），或刚说过又紧接着再说一遍：同一句里相隔不到 50 字（三个字以上的套话），或下一句里连同后面的词一起重复（“旨在进一步增强……。希望各单位进一步增强……”）。每段第一次出现的不提示，其后各处提示，并关联到其他出现位置；悬停可看到该词在本段、本节和全文的出现次数。

### 为什么
讲话稿是念给人听的。同一个套话反复出现，听起来空洞、敷衍，削弱讲话的分量。

### 示例
> 要进一步统一思想，进一步明确任务，进一步压实责任，进一步改进作风。

### 修改后
> 要统一思想、明确任务，压实责任，切实改进作风。

### 不计入的情况
- 引号和书名号内的文字（如 `“两学一做”`、`《通知》`）；长词中的片段（如“更进一步”中的“进一步”），词语按分词结果计数。
- 固定提法中的词：“全面从严治党”“全面深化改革”“全面建成小康社会”“全面推进乡村振兴”“高质量发展”中的“全面”“高质量”是提法的一部分；“进一步全面深化改革”只计“进一步”。提法清单及出处见 `data/fixed_terms.toml`。
- 会议名称中的词：标题为“在全县深化改革推进会上的讲话”时，“深化改革”是会议的主题，在这篇讲话中不计；标题为“在全市高标准建设美丽乡村推进会上的讲话”时，只有“高标准建设”不计，其他“高标准”照常计数。
- 排比：同一个套话领起一句话中相邻的几个分句，而且后面的说法也相同（“任何时候我们都会……，任何时候都会……，任何时候都会……”），算一处修辞；只是套话相同、后面各说各的（“进一步统一思想，进一步明确任务……”）仍是堆砌套话。
- 紧挨着的两处若处在并列位置（相邻分句以同样方式开头、用“、”“和”连接、分号前后两半），或是名词套语、致谢语（“对……表示衷心的感谢！对……表示衷心的感谢！”），不按“相隔太近”提示。
- 整篇讲话粘成一行（超过 1000 字的一段，多为复制时丢了分段）：按相邻的几句话（约 400 字）分开计数，而不是把几千字当作一段。

### 选项
```toml
[rules.stock-phrase-repeat]
extra = [\"再上台阶\"]      # 追加的套话
ignore = [\"深入\"]         # 不检查的套话
max-per-paragraph = 2      # 每段允许出现的次数，超过即提示
max-per-thousand = 4.0     # 全文每千字允许出现的次数，超过部分提示
min-distance = 50          # 同一句里相隔不超过多少字即提示；连同后面的词重复时放宽到两倍；0 表示不查
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
    /// Two occurrences in the same or the next sentence with at most this many spoken
    /// characters between them are flagged (0: not checked).
    pub min_distance: usize,
}

impl Default for StockPhraseOptions {
    fn default() -> Self {
        StockPhraseOptions {
            extra: Vec::new(),
            ignore: Vec::new(),
            max_per_paragraph: 2,
            max_per_thousand: 4.0,
            min_distance: 50,
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
        let (mut occurrences, segmentations) = find_all(cx, &matcher);
        // A pasted second copy is reported once by repeated-sentence; its stock phrases
        // would only repeat the findings of the first copy.
        let sentence_options = cx.config.rule_options(super::repeated_sentence::CODE);
        let copies: Vec<Range<usize>> = super::repeated_sentence::blocks(cx, &sentence_options)
            .iter()
            .filter(|block| block.sentences > 1)
            .map(|block| block.later.clone())
            .collect();
        occurrences.retain(|o| {
            !copies
                .iter()
                .any(|c| c.start <= o.range.start && o.range.end <= c.end)
        });
        drop_meeting_name(cx.draft, &matcher, &mut occurrences);
        let places = place(cx.draft, &segmentations, &mut occurrences);
        drop_parallel_figures(cx.draft, &segmentations, &mut occurrences, &places);
        report(
            cx.draft,
            &segmentations,
            &matcher,
            &options,
            &occurrences,
            &places,
            out,
        );
    }
}

/// One matched stock phrase.
#[derive(Debug, Clone)]
struct Occurrence {
    paragraph: usize,
    /// Byte range into the source text.
    range: Range<usize>,
    /// Byte range into the paragraph's prose.
    prose: Range<usize>,
    /// Index into [`Matcher::phrases`].
    phrase: usize,
    /// Where it falls in its paragraph: an index into the places [`place`] computes, only
    /// where some phrase recurs in the paragraph (0: not placed).
    place: usize,
}

/// Where an occurrence is heard in its paragraph.
#[derive(Debug, Clone, Default)]
struct Place {
    /// Index of its sentence in the paragraph.
    sentence: usize,
    /// The stretch of a long paragraph it is counted in (0 in a paragraph of normal length).
    window: usize,
    /// Its paragraph is long and counted in stretches.
    stretched: bool,
    /// Its last token, and the first token of its clause (clauses end at punctuation and
    /// spaces).
    last: usize,
    clause_start: usize,
    /// Words before it in its clause: at most one, and it opens the clause (`任何时候都会…`,
    /// `我们任何时候都会…`).
    words_before: usize,
    /// A coordinating conjunction (`和` `与` `及`) lies between it and the start of its clause.
    after_conjunction: bool,
    /// The first words after it in its clause (hashes): the frame a 排比 repeats.
    frame: [Option<u64>; 3],
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
        Matcher::with_dfa(options, crate::analysis::large_batch())
    }

    /// The matcher, its automaton a DFA or not: a DFA's step is one table lookup, which pays
    /// in a large batch (the search is overlapping, and Chinese text gives a prefilter little
    /// to skip), but building it for the lexicon costs 10 ms, which a cold check of one draft
    /// and a newly opened document would wait for. Both find the same.
    fn with_dfa(options: &StockPhraseOptions, dfa: bool) -> Matcher {
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
            .kind(dfa.then_some(AhoCorasickKind::DFA))
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
        // A stock phrase inside a fixed official term (the 全面 of 全面从严治党) is part of
        // the term, not a word the writer chose.
        if !found.is_empty() {
            let terms = fixed_terms::terms_in(text);
            if !terms.is_empty() {
                found.retain(|(r, _)| !terms.iter().any(|t| t.start <= r.start && r.end <= t.end));
            }
        }
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

impl Matcher {
    /// The phrase's category is said again nearby by nature (`said-again-nearby = true` in
    /// `data/stock_phrases.toml`): nouns name the topic, thanks go to each addressee.
    fn said_again_nearby(&self, phrase: usize) -> bool {
        static CATEGORIES: LazyLock<Vec<String>> = LazyLock::new(|| {
            toml::from_str::<toml::Table>(include_str!("../../data/stock_phrases.toml"))
                .map(|table| {
                    table
                        .into_iter()
                        .filter(|(_, v)| {
                            v.get("said-again-nearby").and_then(toml::Value::as_bool) == Some(true)
                        })
                        .map(|(k, _)| k)
                        .collect()
                })
                .unwrap_or_default()
        });
        self.phrases
            .get(phrase)
            .is_some_and(|(_, category)| CATEGORIES.contains(category))
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

/// Every occurrence in the draft, and each paragraph's segmentation.
fn find_all(cx: &Context<'_>, matcher: &Matcher) -> (Vec<Occurrence>, Vec<Arc<Segmentation>>) {
    let draft = cx.draft;
    let mut out = Vec::new();
    let mut segmentations = Vec::with_capacity(draft.paragraphs.len());
    for (index, paragraph) in draft.paragraphs.iter().enumerate() {
        let prose = &paragraph.prose;
        let segmentation = cx.segmentation(index);
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
                prose: range.clone(),
                phrase: *phrase,
                place: 0,
            });
        }
        segmentations.push(segmentation);
    }
    (out, segmentations)
}

/// Words after a stock phrase in a meeting's name that belong to the meeting, not to its
/// topic (`深化改革推进会`: the topic is 深化改革 itself).
const MEETING_WORDS: &[&str] = &[
    "工作",
    "会议",
    "工作会议",
    "大会",
    "例会",
    "推进会",
    "动员会",
    "座谈会",
    "培训会",
    "会",
    "推进",
    "动员",
    "部署",
    "暨",
];

/// A stock phrase in the name of the meeting (`全市高质量发展推进大会`, from the title) is the
/// meeting's topic, which its speech says as often as it needs: in that speech the phrase is not
/// counted where the same word follows it as in the name (`高质量发展`), nor anywhere when it
/// is the whole topic (`深化改革推进会`).
fn drop_meeting_name(draft: &Draft<'_>, matcher: &Matcher, occurrences: &mut Vec<Occurrence>) {
    let topics: Vec<Vec<(usize, String)>> = draft
        .speeches
        .iter()
        .map(|speech| {
            let Some(name) = draft
                .speech_title(speech)
                .and_then(fixed_terms::meeting_name)
            else {
                return Vec::new();
            };
            let segmentation = segment::segment(name);
            let tokens = segmentation.tokens();
            matcher
                .find(name, &segmentation)
                .into_iter()
                .map(|(range, phrase)| {
                    let next = segmentation
                        .token_starting_at(range.end)
                        .and_then(|t| tokens.get(t))
                        .and_then(|t| name.get(t.range.clone()))
                        .filter(|word| !MEETING_WORDS.contains(word))
                        .unwrap_or("");
                    (phrase, next.to_owned())
                })
                .collect()
        })
        .collect();
    if topics.iter().all(Vec::is_empty) {
        return;
    }
    occurrences.retain(|o| {
        let Some(speech) = draft
            .speeches
            .iter()
            .position(|s| s.paragraphs.contains(&o.paragraph))
        else {
            return true;
        };
        let text = &draft.paragraphs[o.paragraph].prose.text;
        let after = text.get(o.prose.end..).unwrap_or("");
        !topics[speech]
            .iter()
            .any(|(phrase, next)| *phrase == o.phrase && after.starts_with(next.as_str()))
    });
}

/// A paragraph longer than this many spoken characters (four minutes or more) is not heard as
/// one paragraph: it is mostly a whole speech whose paragraph breaks were lost in the copy.
const LONG_PARAGRAPH: usize = 1000;

/// A long paragraph is counted in stretches of a few sentences, about this many spoken
/// characters each (the length of a real paragraph).
const STRETCH: usize = 400;

/// Punctuation that ends a clause.
const CLAUSE_BREAKS: &[char] = &[
    '，', ',', '；', ';', '。', '！', '!', '？', '?', '：', ':', '…', '—',
];

/// What joins two parallel phrases inside one clause (`人口不断增长和城镇化不断加快`,
/// `不断前进、不断超越`).
const CONJUNCTIONS: &[&str] = &[
    "和", "与", "及", "以及", "并", "并且", "或", "同", "跟", "、",
];

/// The tokens' hashes of [`CONJUNCTIONS`], compared on every token of a paragraph.
static CONJUNCTION_HASHES: LazyLock<Vec<u64>> = LazyLock::new(|| {
    CONJUNCTIONS
        .iter()
        .map(|c| segment::fnv1a(c.as_bytes()))
        .collect()
});

/// Places the occurrences of every paragraph where some phrase occurs twice or more, and
/// sets their [`Occurrence::place`]. The first place stands for "not placed".
fn place(
    draft: &Draft<'_>,
    segmentations: &[Arc<Segmentation>],
    occurrences: &mut [Occurrence],
) -> Vec<Place> {
    let mut places = vec![Place::unknown()];
    for group in occurrences.chunk_by_mut(|a, b| a.paragraph == b.paragraph) {
        if !recurs(group) {
            continue;
        }
        let paragraph = group[0].paragraph;
        place_in(
            &draft.paragraphs[paragraph].prose.text,
            &segmentations[paragraph],
            group,
            &mut places,
        );
    }
    places
}

/// Some phrase occurs more than once among these occurrences.
fn recurs(group: &[Occurrence]) -> bool {
    if group.len() <= 16 {
        return group
            .iter()
            .enumerate()
            .any(|(i, o)| group[..i].iter().any(|p| p.phrase == o.phrase));
    }
    let mut phrases: Vec<usize> = group.iter().map(|o| o.phrase).collect();
    phrases.sort_unstable();
    phrases.windows(2).any(|w| w[0] == w[1])
}

fn place_in(
    text: &str,
    segmentation: &segment::Segmentation,
    group: &mut [Occurrence],
    places: &mut Vec<Place>,
) {
    // A long paragraph is cut into stretches of whole sentences; a sentence longer than a
    // stretch (no punctuation survived the copy) is cut by length. Per sentence: its start in
    // the prose, spoken characters before it, its first stretch.
    let sentences = &segmentation.sentences().list;
    let total = segmentation.spoken_chars();
    let stretches = if total > LONG_PARAGRAPH {
        total.div_ceil(STRETCH)
    } else {
        1
    };
    let target = total.div_ceil(stretches).max(1);
    let spoken = |range: Range<usize>| text.get(range).map_or(0, crate::draft::spoken_chars);
    let mut starts: Vec<(usize, usize, usize)> = Vec::with_capacity(sentences.len());
    let (mut at, mut window, mut in_window) = (0, 0, 0);
    for sentence in sentences {
        if stretches == 1 {
            starts.push((sentence.range.start, 0, 0));
            continue;
        }
        let len = spoken(sentence.range.clone());
        if in_window > 0 && in_window + len > target {
            window += 1;
            in_window = 0;
        }
        starts.push((sentence.range.start, at, window));
        at += len;
        if len > target {
            window += len / target;
            in_window = len % target;
        } else {
            in_window += len;
        }
    }
    let paragraph = Spoken {
        text,
        tokens: segmentation.tokens(),
    };
    let tokens = paragraph.tokens;
    let conjunctions = &*CONJUNCTION_HASHES;
    for o in group.iter_mut() {
        let s = starts
            .partition_point(|&(start, _, _)| start <= o.prose.start)
            .saturating_sub(1);
        let (sentence_start, _, sentence_window) = starts.get(s).copied().unwrap_or((0, 0, 0));
        let window = if stretches > 1 {
            sentence_window + spoken(sentence_start..o.prose.start) / target
        } else {
            0
        };
        let first = segmentation.token_starting_at(o.prose.start);
        let last = segmentation.token_ending_at(o.prose.end);
        let (Some(first), Some(last)) = (first, last) else {
            o.place = 0;
            continue;
        };
        // Back to the start of its clause, counting the words before it.
        let (mut clause_start, mut words_before, mut after_conjunction) = (first, 0, false);
        while clause_start > 0 && !paragraph.breaks(&tokens[clause_start - 1]) {
            let token = &tokens[clause_start - 1];
            words_before += usize::from(token.kind == segment::TokenKind::Word);
            after_conjunction |= conjunctions.contains(&token.hash);
            clause_start -= 1;
        }
        let mut frame = [None; 3];
        let following = tokens
            .get(last + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|t| !paragraph.breaks(t))
            .filter(|t| t.kind == segment::TokenKind::Word);
        for (slot, token) in frame.iter_mut().zip(following) {
            *slot = Some(token.hash);
        }
        o.place = places.len();
        places.push(Place {
            sentence: s,
            window,
            stretched: stretches > 1,
            last,
            clause_start,
            words_before,
            after_conjunction,
            frame,
        });
    }
}

/// A paragraph's prose and tokens, to relate two occurrences in it.
struct Spoken<'a> {
    text: &'a str,
    tokens: &'a [segment::Token],
}

impl Spoken<'_> {
    /// Clause punctuation or space ends a clause; quotation marks and brackets do not.
    fn breaks(&self, token: &segment::Token) -> bool {
        match token.kind {
            segment::TokenKind::Space => true,
            segment::TokenKind::Punct => self
                .text
                .get(token.range.clone())
                .is_some_and(|p| p.chars().any(|c| CLAUSE_BREAKS.contains(&c))),
            segment::TokenKind::Word => false,
        }
    }

    /// Two occurrences in parallel positions: after as many words at the start of clauses one
    /// or two apart (`设施进一步完善，风貌焕然一新，管理也进一步规范`), or joined by a
    /// conjunction in one clause (`不断前进、不断超越`).
    fn parallel(&self, a: &Place, b: &Place) -> bool {
        let apart = self.clauses_between(a, b);
        let heads = b.words_before <= 2 && b.words_before == a.words_before;
        (heads && (1..=2).contains(&apart)) || (apart == 0 && b.after_conjunction)
    }

    /// How many clauses on from `a`'s clause `b`'s is (0: the same clause); `b` comes later.
    fn clauses_between(&self, a: &Place, b: &Place) -> usize {
        if b.clause_start <= a.clause_start {
            return 0;
        }
        let span = self.tokens.get(a.last..=b.clause_start).unwrap_or(&[]);
        span.windows(2)
            .filter(|w| self.breaks(&w[0]) && !self.breaks(&w[1]))
            .count()
    }
}

impl Place {
    /// The place of an occurrence not placed: it opens no clause and parallels nothing.
    fn unknown() -> Place {
        Place {
            words_before: usize::MAX,
            ..Place::default()
        }
    }

    fn opens_clause(&self) -> bool {
        self.words_before <= 1
    }
}

/// 排比: the same stock phrase opening consecutive clauses of a sentence that go on alike
/// (`任何时候我们都会牢记…，任何时候都会听从…，任何时候都会…`) is a figure of speech, counted
/// once. A phrase that merely opens clauses with different words after it (`进一步统一思想，
/// 进一步明确目标，进一步压实责任`) is the stacking of stock phrases the rule is for, and stays
/// counted.
fn drop_parallel_figures(
    draft: &Draft<'_>,
    segmentations: &[Arc<Segmentation>],
    occurrences: &mut Vec<Occurrence>,
    places: &[Place],
) {
    let mut drop = vec![false; occurrences.len()];
    for (paragraph_start, group) in chunks_by_paragraph(occurrences) {
        if !recurs(group) {
            continue;
        }
        let paragraph = spoken(draft, segmentations, group[0].paragraph);
        // Positions in the paragraph, by phrase and then in order.
        let mut by_phrase: Vec<usize> = (0..group.len()).collect();
        by_phrase.sort_by_key(|&k| (group[k].phrase, k));
        for members in by_phrase.chunk_by(|&a, &b| group[a].phrase == group[b].phrase) {
            for figure in members.chunk_by(|&a, &b| {
                let (a, b) = (&places[group[a].place], &places[group[b].place]);
                a.opens_clause()
                    && b.opens_clause()
                    && b.sentence == a.sentence
                    && paragraph.clauses_between(a, b) == 1
            }) {
                if figure.len() < 2 {
                    continue;
                }
                let frame = |k: usize| &places[group[k].place].frame;
                let shared = frame(figure[0])
                    .iter()
                    .flatten()
                    .any(|word| figure[1..].iter().all(|&k| frame(k).contains(&Some(*word))));
                if shared {
                    for &k in &figure[1..] {
                        drop[paragraph_start + k] = true;
                    }
                }
            }
        }
    }
    let mut keep = drop.into_iter().map(|d| !d);
    occurrences.retain(|_| keep.next().unwrap_or(true));
}

/// Paragraph `index` as [`Spoken`].
fn spoken<'a>(
    draft: &'a Draft<'_>,
    segmentations: &'a [Arc<Segmentation>],
    index: usize,
) -> Spoken<'a> {
    Spoken {
        text: &draft.paragraphs[index].prose.text,
        tokens: segmentations[index].tokens(),
    }
}

/// The occurrences of each paragraph, with the index of the first.
fn chunks_by_paragraph(occurrences: &[Occurrence]) -> Vec<(usize, &[Occurrence])> {
    let mut out = Vec::new();
    let mut start = 0;
    for group in occurrences.chunk_by(|a, b| a.paragraph == b.paragraph) {
        out.push((start, group));
        start += group.len();
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
    segmentations: &[Arc<Segmentation>],
    matcher: &Matcher,
    options: &StockPhraseOptions,
    occurrences: &[Occurrence],
    places: &[Place],
    out: &mut Vec<Finding>,
) {
    let place = |o: &Occurrence| &places[o.place];
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

        // Within a paragraph, or a stretch of a long one: the first occurrence is the anchor,
        // the later ones are flagged.
        for group in list.chunk_by(|&a, &b| {
            let (a, b) = (&occurrences[a], &occurrences[b]);
            a.paragraph == b.paragraph && place(a).window == place(b).window
        }) {
            if group.len() <= options.max_per_paragraph {
                continue;
            }
            let paragraph = occurrences[group[0]].paragraph;
            let (span, within) = if place(&occurrences[group[0]]).stretched {
                ("本段相邻的几句话中", "这几句话中")
            } else {
                ("本段", "本段")
            };
            let labels = place_labels(within, text, group.len());
            let message = format!(
                "“{text}”在{span}出现 {} 次，建议删减或换用其他表达",
                group.len()
            );
            for &this in &group[1..] {
                let mut finding =
                    Finding::new(CODE, occurrences[this].range.clone(), message.clone())
                        .with_note(note(paragraph));
                finding.related = related(occurrences, group, this, &labels);
                flagged[this] = true;
                out.push(finding);
            }
        }

        // Close together: the phrase said again a few words on, in the same sentence — or the
        // same words again (`进一步增强…。…进一步增强`) in the next — is heard at once, unless
        // the two stand in parallel or the phrase is a formula said to each addressee.
        if options.min_distance > 0 && !matcher.said_again_nearby(phrase) {
            let long_phrase = text.chars().count() >= 3;
            for pair in list.windows(2) {
                let (a, b) = (&occurrences[pair[0]], &occurrences[pair[1]]);
                let (pa, pb) = (place(a), place(b));
                if flagged[pair[1]] || a.paragraph != b.paragraph {
                    continue;
                }
                // A word of one or two syllables said twice in a sentence is hardly heard; the
                // same words twice, or a longer phrase, are.
                let same_words = pa.frame[0].is_some() && pa.frame[0] == pb.frame[0];
                let (sentences, max_gap) = if same_words {
                    (1, 2 * options.min_distance)
                } else if long_phrase {
                    (0, options.min_distance)
                } else {
                    continue;
                };
                if pb.sentence > pa.sentence + sentences {
                    continue;
                }
                let paragraph = spoken(draft, segmentations, a.paragraph);
                let between = paragraph.text.get(a.prose.end..b.prose.start).unwrap_or("");
                let gap = crate::draft::spoken_chars(between);
                // Halves of a sentence split by a semicolon are parallel by construction
                // (`对上要…及时了解…；对下要…及时了解…`).
                if gap > max_gap || between.contains(['；', ';']) || paragraph.parallel(pa, pb) {
                    continue;
                }
                flagged[pair[1]] = true;
                out.push(
                    Finding::new(
                        CODE,
                        b.range.clone(),
                        format!(
                            "“{text}”与前一处只隔 {gap} 个字又出现，听来重复，建议删减或换用其他表达"
                        ),
                    )
                    .with_note(note(b.paragraph))
                    .with_related(a.range.clone(), format!("前一处“{text}”")),
                );
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
            let labels = place_labels("", text, speech.len());
            let message = format!(
                "“{text}”在全文出现 {} 次（每千字约 {density:.1} 次），建议删减或换用其他表达",
                speech.len()
            );
            for &this in speech.iter().skip(keep) {
                if flagged[this] {
                    continue;
                }
                let mut finding =
                    Finding::new(CODE, occurrences[this].range.clone(), message.clone())
                        .with_note(note(occurrences[this].paragraph));
                finding.related = related(occurrences, speech, this, &labels);
                flagged[this] = true;
                out.push(finding);
            }
        }
    }
}

/// The notes of `count` occurrences of `text` as related places (`本段第 3 处“进一步”`), made
/// once and shared by every finding that points at them.
fn place_labels(within: &str, text: &str, count: usize) -> Vec<Arc<str>> {
    let mut number = itoa::Buffer::new();
    (1..=count)
        .map(|k| {
            // Pieces pushed one by one: `format!` costs more than the rest of the finding.
            let mut label = String::with_capacity(within.len() + text.len() + 20);
            label.push_str(within);
            label.push_str("第 ");
            label.push_str(number.format(k));
            label.push_str(" 处“");
            label.push_str(text);
            label.push('”');
            label.into()
        })
        .collect()
}

/// The related places of the finding on `this`, one of `group`'s occurrences (whose notes are
/// `labels`): the anchor and the nearest others.
fn related(
    occurrences: &[Occurrence],
    group: &[usize],
    this: usize,
    labels: &[Arc<str>],
) -> Vec<Related> {
    related_positions(group, this)
        .into_iter()
        .map(|k| Related {
            range: occurrences[group[k]].range.clone(),
            message: Arc::clone(&labels[k]),
        })
        .collect()
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
    if group.len() <= MAX_RELATED + 1 {
        return (0..group.len()).filter(|&k| k != at).collect();
    }
    // The anchor, then outwards from `at`, the earlier of two equally near ones first.
    let mut others: Vec<usize> = Vec::with_capacity(MAX_RELATED);
    if at != 0 {
        others.push(0);
    }
    for distance in 1..group.len() {
        let before = at.checked_sub(distance).filter(|&k| k != 0);
        let after = Some(at + distance).filter(|&k| k < group.len());
        for k in [before, after].into_iter().flatten() {
            if others.len() < MAX_RELATED {
                others.push(k);
            }
        }
        if others.len() == MAX_RELATED {
            break;
        }
    }
    others.sort_unstable();
    others
}

/// Hover text: how often the phrase occurs in the paragraph, the section and the draft.
/// `list` is in document order (occurrences are found paragraph by paragraph).
fn hover_note(
    draft: &Draft<'_>,
    text: &str,
    category: &str,
    occurrences: &[Occurrence],
    list: &[usize],
    paragraph: usize,
) -> String {
    // Counted by halving: a phrase said hundreds of times has a note for each paragraph.
    let count_in = |range: Range<usize>| {
        let before = |end: usize| list.partition_point(|&i| occurrences[i].paragraph < end);
        before(range.end) - before(range.start)
    };
    let mut number = itoa::Buffer::new();
    // The fixed words come to 81 bytes, the three counts to at most 30.
    let mut note = String::with_capacity(text.len() + category.len() + 112);
    for piece in ["**“", text, "”**（", category, "）出现次数：\n\n- 本段："] {
        note.push_str(piece);
    }
    note.push_str(number.format(count_in(paragraph..paragraph + 1)));
    note.push_str(" 次\n");
    if let Some(section) = section_of(draft, paragraph) {
        note.push_str("- 本节：");
        note.push_str(number.format(count_in(section)));
        note.push_str(" 次\n");
    }
    note.push_str("- 全文：");
    note.push_str(number.format(list.len()));
    note.push_str(" 次\n");
    note
}

/// How often each lexicon phrase occurs in the draft, most frequent first (for `stats`).
pub fn lexicon_counts(draft: &Draft<'_>, config: &Config) -> Vec<(String, String, usize)> {
    let options: StockPhraseOptions = config.rule_options(CODE);
    let matcher = matcher(&options);
    let mut counts = vec![0usize; matcher.phrases.len()];
    for occurrence in find_all(&Context::new(draft, config), &matcher).0 {
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

    /// The DFA a large batch compiles finds what the default automaton finds, overlapping
    /// user phrases and quotations included.
    #[test]
    fn the_dfa_of_a_large_batch_finds_what_the_default_automaton_finds() {
        let texts = [
            "我们要进一步加强领导，进一步压实责任，切实抓好落实，确保取得实效。",
            "他说“要进一步加强”，我们要高度重视、高度重视、再高度重视。",
            "全面从严治党永远在路上，要始终坚持以人民为中心的发展思想。",
        ];
        for options in [
            super::StockPhraseOptions::default(),
            super::StockPhraseOptions {
                extra: vec!["加强领导".to_owned(), "压实".to_owned()],
                ignore: vec!["切实".to_owned()],
                ..super::StockPhraseOptions::default()
            },
        ] {
            let nfa = super::Matcher::with_dfa(&options, false);
            let dfa = super::Matcher::with_dfa(&options, true);
            for text in texts {
                let segmentation = crate::segment::segment(text);
                let found = nfa.find(text, &segmentation);
                assert!(!found.is_empty(), "{text}");
                assert_eq!(dfa.find(text, &segmentation), found, "{text}");
            }
        }
    }

    /// 1-based line of a byte offset.
    fn line_of(text: &str, offset: usize) -> usize {
        text[..offset].matches('\n').count() + 1
    }

    /// The anchor and the nearest others, the earlier of two equally near ones first: as
    /// sorting every other occurrence by that order and keeping the first eight would, for
    /// every size of group and every place in it.
    #[test]
    fn related_positions_are_the_anchor_and_the_nearest_others() {
        for len in 1..40 {
            let group: Vec<usize> = (100..100 + len).collect();
            for at in 0..len {
                let mut expected: Vec<usize> = (0..len).filter(|&k| k != at).collect();
                expected.sort_by_key(|&k| (k != 0, k.abs_diff(at)));
                expected.truncate(super::MAX_RELATED);
                expected.sort_unstable();
                assert_eq!(
                    super::related_positions(&group, group[at]),
                    expected,
                    "{len} {at}"
                );
            }
        }
        assert_eq!(super::related_positions(&[3, 5], 4), Vec::<usize>::new());
        assert_eq!(
            super::related_positions(&(0..20).collect::<Vec<_>>(), 10),
            [0, 6, 7, 8, 9, 11, 12, 13]
        );
    }

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
        assert_eq!(&*found[0].related[0].message, "本段第 1 处“进一步”");
    }

    /// The hover note counts the phrase in the finding's paragraph, its section and the
    /// whole draft.
    #[test]
    fn the_hover_note_counts_paragraph_section_and_draft() {
        let text = "在全县水利工作会议上的讲话\n同志们：\n一、关于去年的工作\n去年我们进一步完善制度，进一步加强管理，进一步提升服务，进一步压实责任。\n今年还要进一步抓好落实。\n二、关于今年的任务\n要进一步强化督查，进一步严肃问责，进一步改进作风。\n谢谢大家！\n";
        let found = findings(RULE, text);
        let notes: Vec<(usize, &str)> = found
            .iter()
            .map(|f| {
                (
                    text[..f.range.start].lines().count(),
                    f.note.as_deref().unwrap(),
                )
            })
            .collect();
        let note = |paragraph: usize, section: usize| {
            format!("**“进一步”**（程度副词）出现次数：\n\n- 本段：{paragraph} 次\n- 本节：{section} 次\n- 全文：8 次\n")
        };
        let (first, second) = (note(4, 5), note(3, 3));
        assert_eq!(
            notes,
            vec![
                (4, first.as_str()),
                (4, first.as_str()),
                (4, first.as_str()),
                (5, note(1, 5).as_str()),
                (7, second.as_str()),
                (7, second.as_str()),
                (7, second.as_str()),
            ]
        );
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
    fn a_stock_word_inside_a_fixed_official_term_is_not_counted() {
        // Five 全面, every one inside a fixed term (提法).
        let text = "我们要坚持全面从严治党，推动全面深化改革落地见效，巩固全面建成小康社会的成果，全面推进乡村振兴，为全面建设社会主义现代化国家开好局。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
        // The same paragraph with 全面 as the writer's own adverb five times.
        let text = "我们要全面加强党的建设，全面落实改革任务，全面巩固脱贫成果，全面推进农村工作，全面做好民生保障。\n";
        assert_eq!(flagged(RULE, text), ["全面", "全面", "全面", "全面"]);
    }

    #[test]
    fn an_adverb_before_a_fixed_term_is_still_counted() {
        // 进一步全面深化改革: the 进一步 counts, the 全面 of the term does not.
        let text = "今年要进一步全面深化改革，进一步优化营商环境，进一步改善群众生活。\n";
        let found = findings(RULE, text);
        let texts: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(texts, ["进一步", "进一步"]);
        assert_eq!(
            found[0].message,
            "“进一步”在本段出现 3 次，建议删减或换用其他表达"
        );
    }

    #[test]
    fn a_stock_word_of_the_meetings_own_name_is_not_counted() {
        let body = "同志们：\n今年是高标准建设美丽乡村的头一年，全市要把高标准建设当作主线，各部门都要为高标准建设出力。\n各镇要高标准谋划项目，高标准落实资金，高标准组织验收。\n谢谢大家！\n";
        // Without a title, both paragraphs say 高标准 three times.
        let found = findings(RULE, body);
        let lines: Vec<usize> = found.iter().map(|f| line_of(body, f.range.start)).collect();
        assert_eq!(lines, [2, 2, 3, 3]);
        // At a meeting on 高标准建设美丽乡村, 高标准建设 is its topic; the other 高标准 stay.
        let text = format!("在全市高标准建设美丽乡村推进会上的讲话\n{body}");
        let found = findings(RULE, &text);
        let lines: Vec<usize> = found
            .iter()
            .map(|f| line_of(&text, f.range.start))
            .collect();
        assert_eq!(lines, [4, 4]);
    }

    #[test]
    fn a_meeting_named_after_a_stock_phrase_does_not_count_it_anywhere() {
        let text = "在全县深化改革推进会上的讲话\n同志们：\n深化改革是今年的头等大事，深化改革要抓住重点领域，深化改革还要尊重基层首创。\n谢谢大家！\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    /// One line of `n` short sentences without stock phrases, each different.
    fn filler(from: usize, n: usize) -> String {
        (from..from + n)
            .map(|i| format!("全县第{i}个村今年新修水渠{i}公里。"))
            .collect()
    }

    #[test]
    fn a_whole_speech_on_one_line_is_counted_in_stretches_of_a_few_sentences() {
        // Over 1,000 spoken characters on one line: three 进一步 far apart are not heard
        // as one paragraph's repetition …
        let far = format!(
            "要进一步统一思想。{}要进一步明确目标。{}要进一步压实责任。{}\n",
            filler(1, 25),
            filler(30, 25),
            filler(60, 25)
        );
        assert!(crate::draft::spoken_chars(&far) > 1000);
        assert_eq!(flagged(RULE, &far), Vec::<&str>::new());
        // … but three in a few sentences are.
        let near = format!(
            "{}要进一步统一思想。全县今年新修水渠。要进一步明确目标。要进一步压实责任。{}\n",
            filler(1, 40),
            filler(60, 25)
        );
        let found = findings(RULE, &near);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            found[0].message,
            "“进一步”在本段相邻的几句话中出现 3 次，建议删减或换用其他表达"
        );
        assert_eq!(&*found[0].related[0].message, "这几句话中第 1 处“进一步”");
    }

    #[test]
    fn parallel_clauses_that_go_on_alike_are_a_figure_not_a_repeat() {
        // 排比 of a 表态: 任何时候 opens three clauses, each going on with 都会.
        let text = "今天我也表个态：任何时候我们都会牢记职责，任何时候都会服从大局，任何时候都会冲在一线。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
        // Stacked adverbs with nothing else in common are the repetition the rule is for.
        let text = "各乡镇要进一步提高站位，进一步压实责任，进一步完善机制，进一步加大力度，推动整治工作进一步往深里走。\n";
        assert_eq!(
            flagged(RULE, text),
            ["进一步", "进一步", "进一步", "进一步"]
        );
    }

    #[test]
    fn the_same_words_again_in_the_next_sentence_are_flagged() {
        let text = "举办这次比赛，旨在进一步增强机关干部的主人翁意识，激励大家把热爱家乡的情感化为干好工作的行动。希望各单位进一步增强责任意识和担当意识。\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].range.start, text.rfind("进一步").unwrap());
        assert_eq!(
            found[0].message,
            "“进一步”与前一处只隔 38 个字又出现，听来重复，建议删减或换用其他表达"
        );
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(
            found[0].related[0].range.start,
            text.find("进一步").unwrap()
        );
        assert_eq!(&*found[0].related[0].message, "前一处“进一步”");
    }

    #[test]
    fn a_phrase_twice_in_one_sentence_is_flagged() {
        let text = "几年来，我们进一步加大了道路和管网的建设力度，全面实施老街改造，城镇功能进一步增强。\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].range.start, text.rfind("进一步").unwrap());
        assert_eq!(
            found[0].message,
            "“进一步”与前一处只隔 25 个字又出现，听来重复，建议删减或换用其他表达"
        );
        // In the next sentence, with other words after it, it is not.
        let text = "几年来，我们进一步加大了道路和管网的建设力度。城镇功能进一步增强。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
        // Nor when the option is 0.
        let (config, _) = Config::from_toml("[rules.stock-phrase-repeat]\nmin-distance = 0\n");
        let text = "我们进一步加大了建设力度，城镇功能进一步增强。\n";
        assert!(findings_in(RULE, text, DocKind::Plain, &config).is_empty());
        assert_eq!(flagged(RULE, text), ["进一步"]);
    }

    #[test]
    fn close_repeats_in_parallel_or_of_short_words_are_not_flagged() {
        let texts = [
            // 、 joins two phrases that open alike.
            "你们是公司多年来不断前进、不断超越的内在动力。\n",
            // Clauses side by side, each with its subject first.
            "学校设施进一步完善，校园面貌焕然一新，管理也进一步规范。\n",
            // Two halves of a semicolon.
            "对上要主动汇报，坚定不移地执行决策；对下要靠前服务，坚定不移地维护大局。\n",
            // A word of two syllables twice in a sentence is hardly heard.
            "他们及时上报了数据，我们也及时作了处理。\n",
            // Thanks go to each addressee.
            "对各位领导表示衷心的感谢！对各位嘉宾表示衷心的感谢！\n",
            // A noun is the topic.
            "干部要具备综合素质，抓综合素质培养是今年的重点。\n",
        ];
        for text in texts {
            assert_eq!(flagged(RULE, text), Vec::<&str>::new(), "{text}");
        }
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
