//! `repeated-sentence`: a sentence or paragraph that occurs twice, exactly or after
//! normalising punctuation, width and whitespace — typically a passage or a whole speech pasted
//! twice. The later copy is reported once per duplicated block, pointing at the first copy.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::{fixed_terms, Check, Context, Rule};
use crate::draft::Draft;
use crate::finding::{Finding, Severity};
use crate::memo::HashKeyed;
use crate::segment;

pub struct RepeatedSentence;

pub const CODE: &str = "repeated-sentence";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Warning,
    summary: "句子或段落与前文重复",
    docs: DOCS,
    tally: Some("处文字与前文重复"),
    fix_all_title: None,
    validate_options: super::typed_options::<RepeatedSentenceOptions>,
}];

const DOCS: &str = "\
### 说明
同一个句子或段落在稿中出现了两次（完全相同，或只有标点、空格、全角半角的差别）。连续重复的多句、多段合并为一处提示，标在后一处，并关联到前文首次出现的位置。

### 为什么
从模板网站或旧稿拼接讲话稿时，常把一段话甚至整篇讲话粘贴两次；念稿时重复一遍，是明显的事故。

### 示例
> 一年来，全局上下围绕中心、服务大局，较好地完成了各项任务。……（数段之后）一年来，全局上下围绕中心，服务大局，较好地完成了各项任务。

### 修改后
删去后一处，或改写为新的内容。

只查念出来的句子。不计入的有：很短的句子（如“同志们：”“谢谢大家！”）；代码和样式（如网页里的 `font-size: 10pt;`）；断行或截断留下的半句（不以句号、问号、叹号、分号结尾，又不是独占一行）；主持词每项都要说一遍的程序用语（“同意的请举手……弃权的请举手，（稍后观察）没有。”）；尚未填写的名单（“XX同志、XX同志、XX同志”，填好后人名各不相同）。标题粘贴了两遍、三遍，照样提示。

### 选项
```toml
[rules.repeated-sentence]
min-chars = 8   # 句子去掉标点后至少多少字才检查
```
";

/// `[rules.repeated-sentence]` options.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepeatedSentenceOptions {
    /// Sentences with fewer characters (punctuation and quotations not counted) are ignored.
    pub min_chars: usize,
}

impl Default for RepeatedSentenceOptions {
    fn default() -> Self {
        RepeatedSentenceOptions { min_chars: 8 }
    }
}

/// Unmatched sentences tolerated inside a duplicated block, on either side: a pasted copy is
/// often touched up in a sentence or two and is still one block.
const GAP: usize = 2;

impl Check for RepeatedSentence {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let options: RepeatedSentenceOptions = cx.config.rule_options(CODE);
        for block in blocks(cx, &options).iter() {
            let earlier_line = line_number(cx.draft, block.earlier.start);
            let earlier_last = line_number(cx.draft, block.earlier.end.saturating_sub(1));
            let message = if block.sentences == 1 {
                format!("此句与第 {earlier_line} 行的句子重复")
            } else {
                format!(
                    "这段文字（{} 句）与第 {earlier_line} 行起的内容重复，疑为重复粘贴",
                    block.sentences
                )
            };
            let lines = if earlier_last > earlier_line {
                format!("第 {earlier_line}–{earlier_last} 行")
            } else {
                format!("第 {earlier_line} 行")
            };
            out.push(
                Finding::new(CODE, block.later.clone(), message)
                    .with_related(block.earlier.clone(), format!("首次出现（{lines}）"))
                    .with_note(format!(
                        "重复 {} 句，首次出现在{lines}。删去其中一处，或改写为新的内容。",
                        block.sentences
                    )),
            );
        }
    }
}

/// A duplicated block: the later copy and the first copy, as source byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub later: Range<usize>,
    pub earlier: Range<usize>,
    /// Sentences in the later copy.
    pub sentences: usize,
}

/// One sentence of the draft, in document order.
struct Sentence {
    /// Its paragraph, and its byte range in the paragraph's prose (mapped to the source only
    /// for the sentences of a block).
    paragraph: usize,
    prose: Range<usize>,
    /// Hash of the normalised text (letters, digits, Chinese characters; width folded).
    hash: u64,
    /// Long enough to count.
    long: bool,
}

/// 1-based line number of a source byte offset.
fn line_number(draft: &Draft<'_>, offset: usize) -> usize {
    draft.lines.partition_point(|l| l.range.end < offset) + 1
}

/// Every duplicated block in the draft, in document order of the later copy.
///
/// Three rules ask for the blocks of the same draft in one analysis; the last answer is kept,
/// keyed by each paragraph's cached text (the same `Arc` means the same text; holding them
/// keeps the allocations from being reused) and where its pieces lie in the source. It is
/// kept per thread: `check` analyses drafts on every core at once, and one shared answer
/// would be the other draft's as often as not.
pub fn blocks(cx: &Context<'_>, options: &RepeatedSentenceOptions) -> Arc<Vec<Block>> {
    let draft = cx.draft;
    type Key = (usize, Vec<(Arc<segment::Segmentation>, Vec<Range<usize>>)>);
    thread_local! {
        static LAST: RefCell<Option<(Key, Arc<Vec<Block>>)>> = const { RefCell::new(None) };
    }
    let key: Key = (
        options.min_chars,
        draft
            .paragraphs
            .iter()
            .enumerate()
            .map(|(index, p)| {
                let pieces = p.prose.source_ranges().collect();
                (cx.segmentation(index), pieces)
            })
            .collect(),
    );
    let same = |a: &Key, b: &Key| {
        a.0 == b.0
            && a.1.len() == b.1.len()
            && a.1
                .iter()
                .zip(&b.1)
                .all(|(x, y)| Arc::ptr_eq(&x.0, &y.0) && x.1 == y.1)
    };
    let kept = LAST.with_borrow(|last| {
        last.as_ref()
            .filter(|(k, _)| same(k, &key))
            .map(|(_, found)| Arc::clone(found))
    });
    if let Some(found) = kept {
        return found;
    }
    let found = Arc::new(find_blocks(cx, options));
    LAST.set(Some((key, Arc::clone(&found))));
    found
}

fn find_blocks(cx: &Context<'_>, options: &RepeatedSentenceOptions) -> Vec<Block> {
    let draft = cx.draft;
    let mut sentences: Vec<Sentence> = Vec::new();
    // Per paragraph: its sentences (indices) and its own normalised hash, when long.
    let mut paragraphs: Vec<(Range<usize>, Option<u64>)> = Vec::new();
    for index in 0..draft.paragraphs.len() {
        let first = sentences.len();
        let segmentation = cx.segmentation(index);
        let memo = segmentation.derived(|s| ParagraphSentences::of(s, options.min_chars));
        let read = if memo.min_chars == options.min_chars {
            memo
        } else {
            Arc::new(ParagraphSentences::of(&segmentation, options.min_chars))
        };
        for (range, hash, long) in &read.sentences {
            sentences.push(Sentence {
                paragraph: index,
                prose: range.clone(),
                hash: *hash,
                long: *long,
            });
        }
        paragraphs.push((first..sentences.len(), read.hash));
    }
    let mut long_before = Vec::with_capacity(sentences.len() + 1);
    long_before.push(0usize);
    for s in &sentences {
        long_before.push(long_before.last().copied().unwrap_or(0) + usize::from(s.long));
    }
    let long_between = |from: usize, to: usize| {
        if to > from {
            long_before[to] - long_before[from]
        } else {
            0
        }
    };

    // The sentences seen of each hash, as a chain: the map holds the latest, `before` each
    // one's previous occurrence (the candidates are listed, first one first, only on a hit).
    let mut latest: HashKeyed<usize> =
        HashKeyed::with_capacity_and_hasher(sentences.len(), Default::default());
    let mut before: Vec<Option<usize>> = vec![None; sentences.len()];
    let mut candidates = Vec::new();
    let mut seen_paragraph: HashKeyed<usize> = HashKeyed::default();
    let mut builder = Builder::default();
    for (index, (range, hash)) in paragraphs.iter().enumerate() {
        let earlier_paragraph: Option<Range<usize>> = hash
            .and_then(|h| seen_paragraph.get(&h))
            .map(|&q| paragraphs[q].0.clone())
            .filter(|earlier| !earlier.is_empty() && !range.is_empty());
        let whole = earlier_paragraph.is_some();
        if let Some(earlier) = earlier_paragraph {
            builder.matched(range.clone(), earlier, &long_between);
        }
        for s in range.clone().filter(|&s| sentences[s].long) {
            if !whole {
                match latest.get(&sentences[s].hash) {
                    Some(&last) => {
                        candidates.clear();
                        candidates.extend(std::iter::successors(Some(last), |&c| before[c]));
                        candidates.reverse();
                        let earlier = builder.choose(&candidates, &long_between);
                        builder.matched(s..s + 1, earlier..earlier + 1, &long_between);
                    }
                    None => builder.missed(),
                }
            }
            // Registered as we go, so a sentence repeated within its own paragraph counts.
            before[s] = latest.insert(sentences[s].hash, s);
        }
        if let Some(hash) = hash {
            seen_paragraph.entry(*hash).or_insert(index);
        }
    }
    builder.finish();
    builder
        .blocks
        .into_iter()
        .map(|b| {
            let source = |s: usize| {
                let sentence = &sentences[s];
                let prose = &draft.paragraphs[sentence.paragraph].prose;
                prose.source_range(sentence.prose.clone())
            };
            Block {
                later: source(b.later.start).start..source(b.later.end - 1).end,
                earlier: source(b.earlier.start).start..source(b.earlier.end - 1).end,
                sentences: b.later.len(),
            }
        })
        .collect()
}

/// Whether a sentence (or paragraph) is spoken prose whose repetition would be heard: mostly
/// Chinese (not a line of CSS such as `font-size: 10pt;`), no procedure formula of a 主持词
/// (a vote is called the same way for every item), long enough once placeholder marks are
/// left out (`请XX同志讲话` names a different person each time), and not a list of names still
/// to be filled in.
/// One paragraph's sentences as [`find_blocks`] reads them — prose range, normalised hash,
/// long enough to count — and the paragraph's own hash when it is long: a function of the
/// paragraph's text (and `min_chars`), memoised with its segmentation.
struct ParagraphSentences {
    min_chars: usize,
    sentences: Vec<(Range<usize>, u64, bool)>,
    hash: Option<u64>,
}

impl ParagraphSentences {
    fn of(segmentation: &segment::Segmentation, min_chars: usize) -> ParagraphSentences {
        let text = segmentation.text();
        let split = segmentation.sentences();
        let only = split.list.len() == 1;
        // The sentences cover the paragraph but for the padding between them, which counts
        // for nothing: the paragraph's counts are theirs added up, not a second pass.
        let mut whole = ProseCounts::default();
        // A sentence is part of the paragraph: one without a procedure formula has none.
        let formula = fixed_terms::has_formula(text);
        let sentences = split
            .list
            .iter()
            .map(|sentence| {
                let piece = text.get(sentence.range.clone()).unwrap_or("");
                let counts = ProseCounts::of(piece);
                whole.add(&counts);
                let long = sentence.len >= min_chars
                    && counts.is_spoken_prose(piece, min_chars, formula)
                    && (only || ends_sentence(piece));
                (sentence.range.clone(), sentence.hash, long)
            })
            .collect();
        let hash = (split.len >= min_chars && whole.is_spoken_prose(text, min_chars, formula))
            .then_some(split.hash);
        ParagraphSentences {
            min_chars,
            sentences,
            hash,
        }
    }
}

impl crate::memo::HeapSize for ParagraphSentences {
    fn heap_size(&self) -> usize {
        self.sentences.heap_size()
    }
}

/// The characters of a text that tell whether it is spoken prose.
#[derive(Debug, Default, PartialEq)]
struct ProseCounts {
    spoken: usize,
    chinese: usize,
    /// It holds a placeholder mark (`X`, `*`, `某`).
    marked: bool,
}

impl ProseCounts {
    fn of(text: &str) -> ProseCounts {
        let mut counts = ProseCounts::default();
        for c in text.chars() {
            if is_placeholder_mark(c) {
                counts.marked = true;
            } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                counts.spoken += 1;
                counts.chinese += 1;
            } else if segment::is_spoken(c) {
                counts.spoken += 1;
            }
        }
        counts
    }

    fn add(&mut self, other: &ProseCounts) {
        self.spoken += other.spoken;
        self.chinese += other.chinese;
        self.marked |= other.marked;
    }

    /// Spoken prose (`text` is what was counted): enough spoken characters, mostly Chinese,
    /// no procedure formula (only searched for where `formula_around`: the paragraph it is
    /// part of holds one), not a list of names still to be filled in.
    fn is_spoken_prose(&self, text: &str, min_chars: usize, formula_around: bool) -> bool {
        self.spoken >= min_chars
            && 2 * self.chinese >= self.spoken
            && !(formula_around && fixed_terms::has_formula(text))
            && !(self.marked && is_list_of_names(text))
    }
}

/// Titles that follow a name in a list of people (`XX同志、XX同志`).
const PERSON_TITLES: &[&str] = &["同志", "先生", "女士", "老师", "同学"];

/// A list of people still to be filled in (`获奖的是XX同志、XX同志、XX同志`): every item but
/// the first is a placeholder, with or without a title. Two such lists read alike but will
/// name different people; a list of real names is compared like any other sentence.
fn is_list_of_names(text: &str) -> bool {
    let items: Vec<&str> = text.split(['、', '，', ',']).collect();
    let is_placeholder_name = |item: &str| {
        let item = item.trim_end_matches(|c: char| !segment::is_spoken(c));
        let bare = PERSON_TITLES
            .iter()
            .find_map(|t| item.strip_suffix(t))
            .unwrap_or(item);
        !bare.is_empty() && bare.chars().all(is_placeholder_mark)
    };
    items.len() >= 3 && items[1..].iter().all(|item| is_placeholder_name(item))
}

/// Characters that stand for a name or number still to be filled in (`XX`, `××`, `**`, `某`).
fn is_placeholder_mark(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×' | '*' | '＊' | '某')
}

/// A sentence that ends with a terminator. A piece of a paragraph that does not is a fragment
/// left by a broken line or a cut-off page, not a sentence someone said twice.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| crate::draft::is_padding(c) || "”’」』）)】》\"'".contains(c))
        .ends_with(['。', '！', '？', '!', '?', '；', ';', '…'])
}

/// Sentence-index ranges of a block in progress.
#[derive(Debug, Clone)]
struct Pending {
    later: Range<usize>,
    earlier: Range<usize>,
    misses: usize,
}

#[derive(Default)]
struct Builder {
    open: Option<Pending>,
    blocks: Vec<Pending>,
}

impl Builder {
    /// Whether `earlier` continues the open block's first copy.
    fn continues(
        &self,
        earlier: &Range<usize>,
        long_between: &dyn Fn(usize, usize) -> usize,
    ) -> bool {
        self.open.as_ref().is_some_and(|b| {
            b.misses <= GAP
                && earlier.start >= b.earlier.end
                && earlier.end <= b.later.start
                && long_between(b.earlier.end, earlier.start) <= GAP
        })
    }

    /// The earlier copy to point at: one that continues the open block, else the first.
    fn choose(&self, candidates: &[usize], long_between: &dyn Fn(usize, usize) -> usize) -> usize {
        candidates
            .iter()
            .copied()
            .find(|&c| self.continues(&(c..c + 1), long_between))
            .or_else(|| candidates.first().copied())
            .unwrap_or(0)
    }

    fn matched(
        &mut self,
        later: Range<usize>,
        earlier: Range<usize>,
        long_between: &dyn Fn(usize, usize) -> usize,
    ) {
        if self.continues(&earlier, long_between) {
            if let Some(b) = self.open.as_mut() {
                b.later.end = later.end;
                b.earlier.end = earlier.end;
                b.misses = 0;
                return;
            }
        }
        self.finish();
        self.open = Some(Pending {
            later,
            earlier,
            misses: 0,
        });
    }

    fn missed(&mut self) {
        if let Some(b) = self.open.as_mut() {
            b.misses += 1;
            if b.misses > GAP {
                self.finish();
            }
        }
    }

    fn finish(&mut self) {
        if let Some(b) = self.open.take() {
            self.blocks.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{findings, flagged};

    const RULE: &str = "repeated-sentence";

    #[test]
    fn a_paragraphs_counts_are_its_sentences_added_up() {
        // Padding of every kind between the sentences, a placeholder mark in the last one.
        let text = "  今年完成了三项改革。 \u{3000}明年要抓好Ａ类项目！\t由XX同志负责；  ";
        let segmentation = crate::segment::segment(text);
        let split = segmentation.sentences();
        assert_eq!(split.list.len(), 3);
        let mut sum = super::ProseCounts::default();
        for sentence in &split.list {
            sum.add(&super::ProseCounts::of(&text[sentence.range.clone()]));
        }
        let whole = super::ProseCounts::of(text);
        assert_eq!(sum, whole);
        assert_eq!((whole.spoken, whole.chinese, whole.marked), (23, 22, true));
    }

    #[test]
    fn a_repeated_sentence_points_at_the_first() {
        let text = "同志们：\n今年全区粮食生产再获丰收，农民收入稳步增长。各项改革有序推开。\n明年的任务依然很重。今年全区粮食生产再获丰收，农民收入稳步增长。\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let later = text.rfind("今年全区").unwrap();
        let earlier = text.find("今年全区").unwrap();
        let sentence = "今年全区粮食生产再获丰收，农民收入稳步增长。";
        assert_eq!(found[0].range, later..later + sentence.len());
        assert_eq!(found[0].message, "此句与第 2 行的句子重复");
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(found[0].related[0].range, earlier..earlier + sentence.len());
        assert_eq!(&*found[0].related[0].message, "首次出现（第 2 行）");
    }

    #[test]
    fn a_near_duplicate_paragraph_is_one_finding() {
        // Same words; commas, a full stop, spacing and digit width differ.
        let first = "全镇今年新修村道12公里，改造危房30户。群众反映强烈的饮水问题得到解决。";
        let second = "全镇今年新修村道１２公里, 改造危房30户；群众反映强烈的饮水问题得到解决！";
        let text = format!("{first}\n\n中间另有一段不同的话，讲的是明年的打算。\n\n{second}\n");
        let found = findings(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].range.clone()], second);
        assert_eq!(&text[found[0].related[0].range.clone()], first);
        assert_eq!(
            found[0].message,
            "这段文字（2 句）与第 1 行起的内容重复，疑为重复粘贴"
        );
    }

    #[test]
    fn punctuation_that_splits_sentences_differently_still_matches_the_paragraph() {
        let first = "今年要办好十件实事。让群众得到更多实惠。";
        let second = "今年要办好十件实事，让群众得到更多实惠。";
        let text = format!("{first}\n{second}\n");
        assert_eq!(flagged(RULE, &text), [second]);
    }

    #[test]
    fn a_pasted_passage_is_one_block_even_with_an_edited_sentence() {
        let passage = [
            "第一，抓好春耕备耕工作，确保种子化肥及时到位。",
            "第二，抓好防汛准备工作，汛前完成水库除险加固。",
            "第三，抓好森林防火工作，重点时段严防死守。",
            "第四，抓好安全生产工作，坚决遏制重大事故发生。",
        ];
        let mut text = String::from("同志们：\n");
        for p in passage {
            text.push_str(p);
            text.push('\n');
        }
        text.push_str("谢谢大家！\n同志们：\n");
        for (i, p) in passage.iter().enumerate() {
            if i == 2 {
                text.push_str("第三，抓好秸秆禁烧工作，各乡镇要落实网格责任。\n");
            } else {
                text.push_str(p);
                text.push('\n');
            }
        }
        let found = findings(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let second_copy = text.rfind("第一，").unwrap();
        assert_eq!(found[0].range.start, second_copy);
        assert_eq!(found[0].range.end, text.len() - 1);
        let first_copy = text.find("第一，").unwrap();
        let first_end = text.find("谢谢大家").unwrap() - 1;
        assert_eq!(found[0].related[0].range, first_copy..first_end);
        assert_eq!(&*found[0].related[0].message, "首次出现（第 2–5 行）");
    }

    #[test]
    fn short_sentences_and_salutations_are_ignored() {
        let text = "同志们：\n谢谢大家！\n同志们：\n好。\n谢谢大家！\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_repeated_quoted_slogan_is_not_a_repeated_sentence() {
        // Each sentence repeats the slogan, but what is said around it differs; and a
        // sentence that is nothing but the quotation is too short to count.
        let text = "大力弘扬“宁可苦干、不可苦熬”的精神。\n“宁可苦干、不可苦熬”！\n我们要把“宁可苦干、不可苦熬”的精神落到实处。\n“宁可苦干、不可苦熬”！\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn code_pasted_with_the_text_is_not_a_sentence() {
        let text = "p.western { font-family: serif; font-size: 10pt; } p.cjk { font-family: 宋体; font-size: 10pt; }\n同志们：\n今天开会研究安全生产。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_vote_called_for_every_item_is_not_a_repeated_sentence() {
        let text = "一、审议通过大会秘书长名单。同意的请举手，（稍后观察）手放下。不同意的请举手，（稍后观察）有或没有。弃权的请举手，（稍后观察）有或没有。一致通过。\n二、审议通过会议议程。同意的请举手，（稍后观察）手放下。不同意的请举手，（稍后观察）有或没有。弃权的请举手，（稍后观察）有或没有。一致通过。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn lists_of_names_still_to_be_filled_in_are_not_repeats() {
        let text =
            "获得一等奖的是XX同志、XX同志、XX同志。\n获得一等奖的是XX同志、XX同志、XX同志。\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
        // A list of real names pasted twice is a repeat like any other sentence.
        let text = "出席今天大会的有王建国同志、李红梅同志、赵志强同志。\n出席今天大会的有王建国同志、李红梅同志、赵志强同志。\n";
        assert_eq!(flagged(RULE, text).len(), 1);
    }

    #[test]
    fn a_fragment_left_by_a_broken_line_is_not_a_sentence() {
        let text = "全镇今年新修村道十二公里。群众反映强烈的饮水问题得到解决，下一步要\n中间另有一段话，讲的是明年的打算。\n今天我再强调一下。群众反映强烈的饮水问题得到解决，下一步要\n";
        assert_eq!(flagged(RULE, text), Vec::<&str>::new());
    }

    #[test]
    fn a_title_pasted_twice_or_three_times_is_a_repeat() {
        let text = "全县春季植树造林动员会讲话稿\n全县春季植树造林动员会讲话稿\n全县春季植树造林动员会讲话稿\n同志们：\n今天召开动员会，部署春季植树造林工作。\n";
        let found = findings(RULE, text);
        let lines: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (&text[f.range.clone()], f.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                ("全县春季植树造林动员会讲话稿", "此句与第 1 行的句子重复"),
                ("全县春季植树造林动员会讲话稿", "此句与第 1 行的句子重复"),
            ]
        );
        assert_eq!(found[0].range.start, text.find("\n").unwrap() + 1);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_findings_on_char_boundaries(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "进一步", "切实", "加强", "“", "”", "《", "》", "。", "，", "\n", "\r\n",
                    "　", " ", "同志们", "𠮷", "a", "1", "！", "工作", "要", "；", "…",
                ]),
                0..120,
            )
        ) {
            let text: String = parts.concat();
            let doubled = format!("{text}\n{text}\n");
            for text in [&text, &doubled] {
                let analysis = crate::analysis::analyze(text, crate::draft::DocKind::Plain);
                proptest::prop_assert!(analysis.failures.is_empty(), "{:?}", analysis.failures);
                for finding in &analysis.findings {
                    let ranges = std::iter::once(&finding.range)
                        .chain(finding.related.iter().map(|r| &r.range));
                    for range in ranges {
                        proptest::prop_assert!(range.start <= range.end && range.end <= text.len());
                        proptest::prop_assert!(text.is_char_boundary(range.start));
                        proptest::prop_assert!(text.is_char_boundary(range.end));
                    }
                }
            }
        }
    }
}
