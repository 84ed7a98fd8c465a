//! `placeholder`: unfilled template placeholders (`XX省长`, `20xx年`, `**市`, `【待补】`, …).
//!
//! One combined regex finds candidates in each paragraph's prose in a single linear pass. Each
//! candidate is then vetted by its neighbours (so `Xbox`, `3x+1`, `3×4` and `二〇〇八年` drop
//! out) and named by the word next to it, from the tables in `data/placeholder.toml`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Rule};
use crate::draft::{is_padding, markdown, DocKind, Draft};
use crate::finding::{Finding, Severity};

pub struct Placeholder;

const CODE: &str = "placeholder";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Error,
    summary: "未填写的占位符",
    docs: DOCS,
    tally: Some("处占位符未填写"),
    fix_all_title: None,
    validate_options: super::typed_options::<PlaceholderOptions>,
}];

const DOCS: &str = r#"## 说明

找出讲稿里没有填写的占位符，并指出缺的是什么：职务/人名（`XX省长`、`**同志`）、地名/单位（`**市`、`XX市政府办公室`）、数字/数量（`***多篇`、`X个`、`**％`）、日期/年份（`20xx年`、`XX月20日`）、文号（`X政办发〔20XX〕41号`，整个文号只报一次），其余为内容。

能识别的写法：

- 星号：`**市长`、`第*名`、`来*考察`、`“六个**”`、`**、**、**等`；
- 字母 X（大小写、全角，可带数字）：`XX省长`、`林XX副省长`、`“XXXX”`、`20xx年`、`xx届`、`已解决20xx件`；
- 乘号：`××`、`×××同志`、`××××年`；
- 空白：`某某`、`○○`、`□□`、夹在字中间的单个 `□`、`＿＿＿`、`____`、空括号 `（  ）`；
- 提示语：`【待补】`、`【此处填写会议名称】`、`[待定]`、`（待补充）`、`TODO`、`TBD`；
- 删掉了数字的模板：`第次会议`、`于年月日`、`建党周年`。

标出的范围是占位符本身加上说明它缺什么的那个词：`XX省长` 标 “XX省长”，`**市政府` 标 “**市”，`来*考察` 标 “来*”，`第*名` 标 “第*名”；没有这样的词时只标占位符（`“XXXX”` 标 “XXXX”）。并列的占位符（`XX、XX市`）沿用最后一个的类别。连在一起的日期（`20XX年XX月XX日`）合成一处。删掉数字的模板标整个模板（“第次”“年月日”“建党周年”）。悬停可以看到全文相同占位符的个数，如 “本文共 6 处 “XX市””。

不会误报：`X光`、`X射线`、`X轴`、`X型`，含 x 的外文词和缩写（`Xbox`、`NOx`、`gdp`、网址），算式（`3x+1`、`4x100米`、`3×4`），年份里的 `〇`（`二〇〇八年`），含 “某” 的普通词（`某种`、`某些`），Markdown 的加粗、斜体、代码、链接地址和注释。Markdown 稿里成对的星号一般是加粗或斜体（`**同志们：**`、`请**王明**同志讲话`）；但一对星号的开头和结尾都紧挨着职务、人名或单位词时（`请**市长讲话，**书记作总结`），它们是两处占位符，照样报告。

## 为什么

讲稿大多从模板或旧稿改来，漏填的占位符一旦被念出来（“请 XX 省长讲话”“二十××年”），就是会场上最难堪的错误，所以默认级别为 “错误”。

## 示例

```text
请XX省长讲话。全市共有***多篇稿件，完成率达到**％，于年月日召开第次会议。
```

## 修改后

```text
请王明省长讲话。全市共有300多篇稿件，完成率达到95％，于2024年3月8日召开第二次会议。
```

## 选项

```toml
[rules.placeholder]
severity = "error"   # 默认
extra = ["待核实"]   # 本单位约定的其他占位标记，按字面查找，归为 “内容”
allow = ["X光机"]    # 这些词里的内容永不报告
```
"#;

/// `[rules.placeholder]` options in `jianggao.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholderOptions {
    /// More literal markers an office uses for "to be filled in" (flagged as 内容).
    pub extra: Vec<String>,
    /// Words whose text is never a placeholder (`X光机`).
    pub allow: Vec<String>,
}

/// What is missing where the placeholder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    Place,
    Number,
    Date,
    DocNumber,
    Content,
}

impl Kind {
    /// The Chinese name shown in the message.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "职务/人名",
            Kind::Place => "地名/单位",
            Kind::Number => "数字/数量",
            Kind::Date => "日期/年份",
            Kind::DocNumber => "文号",
            Kind::Content => "内容",
        }
    }
}

impl Check for Placeholder {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let options = cx.config.rule_options::<PlaceholderOptions>(CODE);
        let allow: Vec<&String> = options.allow.iter().filter(|w| !w.is_empty()).collect();
        let own_allow = if allow.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&allow)
                .ok()
        };
        let scanner = Scanner {
            tables: &TABLES,
            kind: cx.draft.kind,
            extra: &options.extra,
            own_allow: own_allow.as_ref(),
        };

        let mut found: Vec<(Range<usize>, String, Kind)> = Vec::new();
        // With no project words the scan is a function of the paragraph alone (and of the
        // kind of file): memoised with the paragraph, so a re-analysis re-scans only what the
        // edit changed.
        let project_words = !options.extra.is_empty() || own_allow.is_some();
        let is_markdown = cx.draft.kind == DocKind::Markdown;
        for (index, paragraph) in cx.draft.paragraphs.iter().enumerate() {
            let prose = &paragraph.prose;
            let spots = if project_words {
                scanner.scan(&prose.text)
            } else {
                let segmentation = cx.segmentation(index);
                if is_markdown {
                    segmentation
                        .derived(|s| BuiltinSpots::<true>(scanner.scan(s.text())))
                        .0
                        .clone()
                } else {
                    segmentation
                        .derived(|s| BuiltinSpots::<false>(scanner.scan(s.text())))
                        .0
                        .clone()
                }
            };
            for spot in spots {
                let quote = prose.text[spot.range.clone()].to_owned();
                found.push((prose.source_range(spot.range), quote, spot.kind));
            }
        }

        if cx.draft.kind == DocKind::Markdown {
            for (range, kind) in stars_taken_as_emphasis(cx.draft, &TABLES.after) {
                if found
                    .iter()
                    .all(|(r, _, _)| r.end <= range.start || range.end <= r.start)
                {
                    found.push((range.clone(), cx.draft.text[range].to_owned(), kind));
                }
            }
        }

        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (_, quote, _) in &found {
            *counts.entry(quote.as_str()).or_default() += 1;
        }
        for (range, quote, kind) in &found {
            let count = counts.get(quote.as_str()).copied().unwrap_or(1);
            out.push(
                Finding::new(
                    CODE,
                    range.clone(),
                    format!("未填写的占位符 “{quote}”（{}）", kind.label()),
                )
                .with_note(format!("本文共 {count} 处 “{quote}”")),
            );
        }
    }
}

/// A placeholder found in a paragraph's prose: the range reported and what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spot {
    range: Range<usize>,
    kind: Kind,
}

/// The spots the built-in tables find in one paragraph (of Markdown when `MARKDOWN`).
struct BuiltinSpots<const MARKDOWN: bool>(Vec<Spot>);

impl<const MARKDOWN: bool> crate::memo::HeapSize for BuiltinSpots<MARKDOWN> {
    fn heap_size(&self) -> usize {
        self.0.heap_size()
    }
}

/// A candidate on its way to becoming a [`Spot`].
#[derive(Debug, Clone)]
struct Candidate {
    /// The placeholder itself.
    core: Range<usize>,
    /// The placeholder plus the context word that gave its kind.
    range: Range<usize>,
    kind: Option<Kind>,
    /// Range and kind are final (prompts, document numbers, deleted numbers).
    settled: bool,
    /// A `20xx`-style run: a year unless a following word says otherwise.
    year_like: bool,
    /// Dropped unless a context word names it (a lone `×` could be a multiplication sign).
    needs_context: bool,
}

impl Candidate {
    fn open(core: Range<usize>) -> Self {
        Candidate {
            range: core.clone(),
            core,
            kind: None,
            settled: false,
            year_like: false,
            needs_context: false,
        }
    }

    fn settled(range: Range<usize>, kind: Kind) -> Self {
        Candidate {
            core: range.clone(),
            range,
            kind: Some(kind),
            settled: true,
            year_like: false,
            needs_context: false,
        }
    }
}

/// Which alternative of the candidate regex matched, read from the match's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    DocNumber,
    Prompt,
    EmptyBrackets,
    Latin,
    Times,
    Stars,
    Mou,
    Circles,
    Boxes,
    Underscores,
    Todo,
    Ordinal,
    YearMonthDay,
    Anniversary,
}

fn shape_of(matched: &str) -> Shape {
    let first = matched.chars().next().unwrap_or(' ');
    match first {
        '【' | '[' | '［' | '（' | '(' | '〔' => {
            let inner: String = matched.chars().skip(1).collect();
            let inner = inner.trim_end_matches(is_closing_bracket);
            if inner.chars().all(is_blank_space) {
                Shape::EmptyBrackets
            } else if matched.ends_with('号') {
                Shape::DocNumber
            } else {
                Shape::Prompt
            }
        }
        '×' => Shape::Times,
        '*' | '＊' => Shape::Stars,
        '某' => Shape::Mou,
        '○' | '◯' | '〇' => Shape::Circles,
        '□' => Shape::Boxes,
        '_' | '＿' => Shape::Underscores,
        'T' | 'F' => Shape::Todo,
        '第' => Shape::Ordinal,
        '年' => Shape::YearMonthDay,
        '周' => Shape::Anniversary,
        _ => Shape::Latin,
    }
}

/// The word tables and the candidate regex, built once from `data/placeholder.toml`.
struct Tables {
    after: WordTable,
    before: WordTable,
    prompt_kind: Vec<(String, Kind)>,
    allow: AhoCorasick,
    anniversary: Vec<String>,
    not_ordinal: Vec<char>,
    date_lead: Vec<char>,
    issuer_stop: Vec<char>,
    candidates: Regex,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DataFile {
    after: KindLists,
    before: KindLists,
    prompt_kind: KindLists,
    words: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindLists {
    person: Vec<String>,
    place: Vec<String>,
    number: Vec<String>,
    date: Vec<String>,
}

impl KindLists {
    /// Every word with its kind; dates and numbers first (they are the most specific prompts).
    fn entries(&self) -> Vec<(String, Kind)> {
        let lists = [
            (&self.date, Kind::Date),
            (&self.number, Kind::Number),
            (&self.person, Kind::Person),
            (&self.place, Kind::Place),
        ];
        lists
            .into_iter()
            .flat_map(|(words, kind)| words.iter().map(move |w| (w.clone(), kind)))
            .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Words {
    prompts: Vec<String>,
    allow: Vec<String>,
    anniversary: Vec<String>,
    not_ordinal: Vec<String>,
    date_lead: Vec<String>,
    issuer_stop: Vec<String>,
}

fn chars_of(words: &[String]) -> Vec<char> {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let data: DataFile = toml::from_str(include_str!("../../data/placeholder.toml"))
        .expect("data/placeholder.toml is valid (checked by a unit test)");
    let candidates = Regex::new(&candidate_pattern(&data.words.prompts))
        .expect("the placeholder pattern compiles (checked by a unit test)");
    let allow = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&data.words.allow)
        .expect("the allow list builds (checked by a unit test)");
    let mut anniversary = data.words.anniversary.clone();
    anniversary.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Tables {
        after: WordTable::new(data.after.entries()),
        before: WordTable::new(data.before.entries()),
        prompt_kind: data.prompt_kind.entries(),
        allow,
        anniversary,
        not_ordinal: chars_of(&data.words.not_ordinal),
        date_lead: chars_of(&data.words.date_lead),
        issuer_stop: chars_of(&data.words.issuer_stop),
        candidates,
    }
});

/// One alternation, so each paragraph is scanned once. Leftmost-first: document numbers and
/// prompts (which start at a bracket) are tried before the runs they may contain.
fn candidate_pattern(prompts: &[String]) -> String {
    let prompts: Vec<String> = prompts.iter().map(|p| regex::escape(p)).collect();
    let prompts = prompts.join("|");
    let open = r"[【\[［（(〔]";
    let close = r"[】\]］）)〕]";
    let inner = r"[^【】\[\]［］（）()〔〕\n]";
    let space = r"[ \t\x{3000}\x{A0}]";
    let code = r"[0-9０-９XxＸｘ×*＊]";
    [
        format!(
            "{open}{space}*{code}{{2,4}}{space}*{close}{space}*第?{space}*{code}{{1,6}}{space}*号"
        ),
        format!("{open}{inner}{{0,30}}(?:{prompts}){inner}{{0,30}}{close}"),
        format!("{open}{space}*{close}"),
        r"[0-9０-９]*[XxＸｘ]+".to_owned(),
        r"×+|[*＊]+|某某+|[○◯〇]{2,}|□+|[_＿]{2,}|TODO|TBD|FIXME".to_owned(),
        format!("第[次届期批轮]|年{space}*月{space}*日|周年"),
    ]
    .join("|")
}

/// Context words by their text, looked up longest first.
struct WordTable {
    words: HashMap<String, Kind>,
    max_chars: usize,
}

impl WordTable {
    fn new(entries: Vec<(String, Kind)>) -> Self {
        let max_chars = entries
            .iter()
            .map(|(w, _)| w.chars().count())
            .max()
            .unwrap_or(0);
        WordTable {
            words: entries.into_iter().collect(),
            max_chars,
        }
    }

    /// The longest listed word starting at byte `at`: its length in bytes and kind.
    fn following(&self, text: &str, at: usize) -> Option<(usize, Kind)> {
        let rest = text.get(at..)?;
        let ends: Vec<usize> = rest
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(self.max_chars)
            .collect();
        ends.iter()
            .rev()
            .find_map(|&len| self.words.get(&rest[..len]).map(|&kind| (len, kind)))
    }

    /// The longest listed word ending at byte `at`: its length in bytes and kind.
    fn preceding(&self, text: &str, at: usize) -> Option<(usize, Kind)> {
        let head = text.get(..at)?;
        let starts: Vec<usize> = head
            .char_indices()
            .rev()
            .map(|(i, _)| i)
            .take(self.max_chars)
            .collect();
        starts.iter().rev().find_map(|&start| {
            self.words
                .get(&head[start..])
                .map(|&kind| (at - start, kind))
        })
    }
}

/// Scans one paragraph's prose with the tables and the user's options.
struct Scanner<'a> {
    tables: &'a Tables,
    kind: DocKind,
    extra: &'a [String],
    own_allow: Option<&'a AhoCorasick>,
}

impl Scanner<'_> {
    fn scan(&self, text: &str) -> Vec<Spot> {
        let emphasis = if self.kind == DocKind::Markdown {
            unparsed_emphasis(text, &self.tables.after)
        } else {
            Vec::new()
        };
        let mut candidates: Vec<Candidate> = Vec::new();
        for m in self.tables.candidates.find_iter(text) {
            let range = m.range();
            match shape_of(m.as_str()) {
                Shape::DocNumber => {
                    let start = self.issuer_start(text, range.start);
                    if text[start..range.end].chars().any(is_code_placeholder) {
                        // The issuer's `X` was already taken as a run; the number absorbs it.
                        candidates.retain(|c| c.core.start < start);
                        candidates.push(Candidate::settled(start..range.end, Kind::DocNumber));
                    }
                }
                Shape::Prompt => {
                    let kind = self.prompt_kind(m.as_str());
                    candidates.push(Candidate::settled(range, kind));
                }
                Shape::EmptyBrackets | Shape::Mou => candidates.push(Candidate::open(range)),
                Shape::Latin => {
                    if let Some(year_like) = latin_placeholder(text, range.clone()) {
                        let mut candidate = Candidate::open(range);
                        candidate.year_like = year_like;
                        candidates.push(candidate);
                    }
                }
                Shape::Times => {
                    let single = m.as_str().chars().count() == 1;
                    if single && between_operands(text, range.clone()) {
                        continue;
                    }
                    let mut candidate = Candidate::open(range);
                    candidate.needs_context = single;
                    candidates.push(candidate);
                }
                Shape::Stars => {
                    if !emphasis.contains(&range.start) && stars_placeholder(text, range.clone()) {
                        candidates.push(Candidate::open(range));
                    }
                }
                Shape::Circles => {
                    let numeral = |c: Option<char>| c.is_some_and(is_chinese_numeral);
                    if !numeral(char_before(text, range.start))
                        && !numeral(char_after(text, range.end))
                    {
                        candidates.push(Candidate::open(range));
                    }
                }
                Shape::Boxes => {
                    let lone = m.as_str().chars().count() == 1;
                    let written = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_digit(c));
                    if !lone
                        || (written(char_before(text, range.start))
                            && written(char_after(text, range.end)))
                    {
                        candidates.push(Candidate::open(range));
                    }
                }
                Shape::Underscores => {
                    let code = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                    if !code(char_before(text, range.start)) && !code(char_after(text, range.end)) {
                        candidates.push(Candidate::open(range));
                    }
                }
                Shape::Todo => {
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                    if !word(char_before(text, range.start)) && !word(char_after(text, range.end)) {
                        candidates.push(Candidate::settled(range, Kind::Content));
                    }
                }
                Shape::Ordinal => {
                    let in_word = char_before(text, range.start)
                        .is_some_and(|c| self.tables.not_ordinal.contains(&c));
                    if !in_word {
                        candidates.push(Candidate::settled(range, Kind::Number));
                    }
                }
                Shape::YearMonthDay => {
                    let spaced = m.as_str().chars().any(is_blank_space);
                    let lead = text[..range.start].trim_end_matches(is_blank_space);
                    let cut = match lead.chars().next_back() {
                        None => true,
                        Some(c) => self.tables.date_lead.contains(&c),
                    };
                    if spaced || cut {
                        candidates.push(Candidate::settled(range, Kind::Date));
                    }
                }
                Shape::Anniversary => {
                    let head = &text[..range.start];
                    if let Some(event) = self.tables.anniversary.iter().find(|e| head.ends_with(*e))
                    {
                        let start = range.start - event.len();
                        candidates.push(Candidate::settled(start..range.end, Kind::Number));
                    }
                }
            }
        }
        for marker in self.extra.iter().filter(|m| !m.is_empty()) {
            for (at, _) in text.match_indices(marker.as_str()) {
                candidates.push(Candidate::settled(at..at + marker.len(), Kind::Content));
            }
        }

        if candidates.is_empty() {
            return Vec::new();
        }
        let allowed = self.allowed(text);
        candidates.retain(|c| {
            !allowed
                .iter()
                .any(|a| a.start <= c.core.start && c.core.end <= a.end)
        });
        candidates.sort_by_key(|c| (c.core.start, std::cmp::Reverse(c.core.end)));
        let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            if kept
                .last()
                .is_some_and(|k| candidate.core.start < k.core.end)
            {
                continue;
            }
            kept.push(candidate);
        }
        self.resolve(text, kept)
    }

    /// Gives every open candidate its kind and context word, then tidies up overlaps and dates.
    fn resolve(&self, text: &str, mut candidates: Vec<Candidate>) -> Vec<Spot> {
        let tables = self.tables;
        // The word after wins: `XX省长`, `***多篇`, `20xx件`.
        for c in candidates.iter_mut().filter(|c| !c.settled) {
            if let Some((len, kind)) = following_word(&tables.after, text, c.core.end) {
                c.kind = Some(kind);
                c.range.end = c.core.end + len;
            } else if c.year_like {
                c.kind = Some(Kind::Date);
            }
        }
        // Items of a list share the last item's kind: `XX、XX市`, `**、**、**等`.
        for i in (0..candidates.len().saturating_sub(1)).rev() {
            let next_kind = candidates[i + 1].kind;
            let (c, next) = (&candidates[i], &candidates[i + 1]);
            if c.settled || c.kind.is_some() || next.range.start < c.range.end {
                continue;
            }
            if is_list_separator(&text[c.range.end..next.range.start]) {
                candidates[i].kind = next_kind;
            }
        }
        // Then the word before: `第*名`, `来*考察`.
        for c in candidates.iter_mut().filter(|c| !c.settled) {
            if let Some((len, kind)) = tables.before.preceding(text, c.core.start) {
                let ordinal = &text[c.core.start - len..c.core.start] == "第";
                if c.kind.is_none() || ordinal {
                    c.kind = c.kind.or(Some(kind));
                    c.range.start = c.core.start - len;
                }
            }
        }

        let mut spots: Vec<Spot> = Vec::with_capacity(candidates.len());
        for mut c in candidates {
            if c.needs_context && c.kind.is_none() {
                continue;
            }
            let kind = c.kind.unwrap_or(Kind::Content);
            if let Some(last) = spots.last_mut() {
                // Two placeholders may claim the word between them; the first keeps it.
                if c.core.start < last.range.end {
                    continue;
                }
                c.range.start = c.range.start.max(last.range.end);
                // `20XX年XX月XX日` is one date.
                if kind == Kind::Date && last.kind == Kind::Date && last.range.end == c.range.start
                {
                    last.range.end = c.range.end;
                    continue;
                }
            }
            spots.push(Spot {
                range: c.range,
                kind,
            });
        }
        spots
    }

    /// Where a document number's issuer starts, reading back from its `〔`: over CJK
    /// characters and at most one placeholder run (the issuer's leading place, `X政办发`).
    fn issuer_start(&self, text: &str, bracket: usize) -> usize {
        let mut start = bracket;
        let mut seen_placeholder = false;
        for (count, (i, c)) in text[..bracket].char_indices().rev().enumerate() {
            if count >= 10 {
                break;
            }
            if is_code_placeholder(c) {
                seen_placeholder = true;
            } else if !is_han(c) || seen_placeholder || self.tables.issuer_stop.contains(&c) {
                break;
            }
            start = i;
        }
        start
    }

    fn prompt_kind(&self, prompt: &str) -> Kind {
        self.tables
            .prompt_kind
            .iter()
            .find(|(word, _)| prompt.contains(word.as_str()))
            .map_or(Kind::Content, |&(_, kind)| kind)
    }

    /// Ranges of allowed words (built-in and the user's), which nothing inside is flagged.
    fn allowed(&self, text: &str) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = self
            .tables
            .allow
            .find_overlapping_iter(text)
            .map(|m| m.range())
            .collect();
        if let Some(own) = self.own_allow {
            ranges.extend(own.find_overlapping_iter(text).map(|m| m.range()));
        }
        ranges
    }
}

/// The context word after a placeholder, letting `多`/`余`/`几` stand before a measure word
/// (`***多篇`, `**余人`).
fn following_word(table: &WordTable, text: &str, at: usize) -> Option<(usize, Kind)> {
    if let Some(found) = table.following(text, at) {
        return Some(found);
    }
    let approx = char_after(text, at).filter(|c| matches!(c, '多' | '余' | '几'))?;
    let skip = approx.len_utf8();
    match table.following(text, at + skip)? {
        (len, Kind::Number) => Some((skip + len, Kind::Number)),
        _ => None,
    }
}

/// Whether a run of Latin X's (with any digits before it) is a placeholder; `Some(true)` when
/// it reads as a year (`20xx`, `201x`).
fn latin_placeholder(text: &str, core: Range<usize>) -> Option<bool> {
    let run = &text[core.clone()];
    let digits = run.chars().take_while(|&c| is_digit(c)).count();
    let xs = run.chars().count() - digits;
    let before = char_before(text, core.start);
    let after = char_after(text, core.end);
    // Part of a word or an abbreviation: Xbox, feisuxs, NOx.
    if before.is_some_and(is_latin_letter) || after.is_some_and(is_latin_letter) {
        return None;
    }
    // Part of a web address or a mail address: the ASCII token has other letters in it.
    let token = ascii_token(text, core.clone());
    if text[token.clone()]
        .chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'x' && c != 'X')
    {
        return None;
    }
    if xs == 1 {
        // X1 (a model name), 4x100, 1920x1080.
        if after.is_some_and(is_digit) {
            return None;
        }
        // 3x, except a year with its last digit missing (201x年).
        if digits > 0 && !(digits == 3 && after == Some('年')) {
            return None;
        }
        // A formula: x+1, 2x=4.
        if text[token].chars().any(|c| "+-=/^<>*".contains(c)) {
            return None;
        }
        if between_operands(text, core.clone()) {
            return None;
        }
    }
    Some((1..=3).contains(&digits) && digits + xs == 4)
}

/// Whether a run of asterisks is a placeholder rather than a multiplication, a bullet or a
/// separator line.
fn stars_placeholder(text: &str, core: Range<usize>) -> bool {
    let single = text[core.clone()].chars().count() == 1;
    if single && between_operands(text, core.clone()) {
        return false;
    }
    // `*注：` marks a note, not a blank.
    if single && char_after(text, core.end) == Some('注') {
        return false;
    }
    if text
        .chars()
        .all(|c| matches!(c, '*' | '＊') || is_padding(c))
    {
        return false;
    }
    let bullet = text[..core.start].chars().all(is_padding)
        && char_after(text, core.end).is_some_and(is_padding);
    !bullet
}

/// Starts of `*` runs that a writer meant as Markdown emphasis but the parser left as text:
/// CommonMark does not close `**“重点”**工作` because the delimiter sits between punctuation
/// and a letter. A pair counts when its runs are equal, hug the content (an opening run is
/// not followed by closing punctuation, a closing run not preceded by opening punctuation),
/// the content has a letter, and punctuation on the inside explains the parser's miss. Runs
/// that both stand before a title or unit word (`**市长讲话，**书记`) are placeholders, not a
/// pair (see [`stars_taken_as_emphasis`]).
fn unparsed_emphasis(text: &str, after: &WordTable) -> Vec<usize> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, c) in text.char_indices() {
        if c != '*' {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.end == i => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    let mut pairs = Vec::new();
    let mut i = 0;
    while i + 1 < runs.len() {
        let (open, close) = (&runs[i], &runs[i + 1]);
        let inside_first = char_after(text, open.end);
        let inside_last = char_before(text, close.start);
        let content = &text[open.end..close.start];
        let hugs = inside_first.is_some_and(|c| !is_padding(c) && !is_closing_punct(c))
            && inside_last.is_some_and(|c| !is_padding(c) && !is_opening_punct(c));
        let missed = inside_first.is_some_and(is_punct) || inside_last.is_some_and(is_punct);
        if open.len() == close.len()
            && open.len() <= 3
            && hugs
            && missed
            && content.chars().any(|c| !is_punct(c) && !is_padding(c))
            && !(title_after(after, text, open.end).is_some()
                && title_after(after, text, close.end).is_some())
        {
            pairs.push(open.start);
            pairs.push(close.start);
            i += 2;
        } else {
            i += 1;
        }
    }
    pairs
}

/// `请**市长讲话，**书记作总结`: Markdown reads the stars of two placeholders as bold, so they
/// are not in the prose. An emphasis whose opening and closing runs both stand right before a
/// title or name word read aloud (`市长`, `书记`, `同志`, `局` …) is no emphasis a writer
/// meant: each run with its word is a placeholder. Bold a writer meant (`**同志们：**`,
/// `请**王明**同志讲话`) has text after at least one of its runs that is no such word.
fn stars_taken_as_emphasis(draft: &Draft<'_>, after: &WordTable) -> Vec<(Range<usize>, Kind)> {
    let text = draft.text;
    if !text.contains('*') {
        return Vec::new();
    }
    let read_aloud = |at: usize| {
        let i = draft.paragraphs.partition_point(|p| p.range.end <= at);
        draft
            .paragraphs
            .get(i)
            .is_some_and(|p| p.prose.prose_offset(at).is_some())
    };
    let placeholder = |run: &Range<usize>| {
        title_after(after, text, run.end)
            .filter(|_| read_aloud(run.end))
            .map(|(len, kind)| (run.start..run.end + len, kind))
    };
    let mut spots = Vec::new();
    for emphasis in markdown::star_emphasis(text) {
        if let (Some(open), Some(close)) =
            (placeholder(&emphasis.open), placeholder(&emphasis.close))
        {
            spots.push(open);
            spots.push(close);
        }
    }
    spots
}

/// The title or name word (`市长`, `同志`) or unit (`局`, `市委`) starting at byte `at`: its
/// length and kind.
fn title_after(after: &WordTable, text: &str, at: usize) -> Option<(usize, Kind)> {
    after
        .following(text, at)
        .filter(|&(_, kind)| matches!(kind, Kind::Person | Kind::Place))
}

/// A `×`, `x` or `*` between two numbers or letters (`3×4`, `3 x 4`): an operator.
fn between_operands(text: &str, core: Range<usize>) -> bool {
    let before = text[..core.start].trim_end_matches(is_blank_space);
    let after = text[core.end..].trim_start_matches(is_blank_space);
    let operand = |c: Option<char>| c.is_some_and(|c| is_digit(c) || c.is_ascii_alphabetic());
    operand(before.chars().next_back()) && operand(after.chars().next())
}

/// The run of non-space ASCII characters around `core`.
fn ascii_token(text: &str, core: Range<usize>) -> Range<usize> {
    let graphic = |c: char| c.is_ascii_graphic();
    let start = text[..core.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| graphic(c))
        .last()
        .map_or(core.start, |(i, _)| i);
    let end = core.end
        + text[core.end..]
            .char_indices()
            .take_while(|&(_, c)| graphic(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    start..end
}

fn is_list_separator(gap: &str) -> bool {
    matches!(gap, "、" | "和" | "及" | "与" | "或")
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Characters that stand for a letter or digit in a document number: `X政办发〔20XX〕`.
fn is_code_placeholder(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×' | '*' | '＊')
}

fn is_chinese_numeral(c: char) -> bool {
    "零〇○一二三四五六七八九十百千万亿两".contains(c)
}

fn is_blank_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

fn is_closing_bracket(c: char) -> bool {
    "】]］）)〕".contains(c)
}

fn is_opening_punct(c: char) -> bool {
    "“‘「『（【《〈([{".contains(c)
}

fn is_closing_punct(c: char) -> bool {
    "”’」』）】》〉)]},，。、；：！？!?;:.".contains(c)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, findings_in, flagged};
    use crate::config::Config;

    fn messages(text: &str) -> Vec<String> {
        crate::checks::test_support::messages_of(CODE, text)
    }

    /// What each finding quotes and the kind it names, in order.
    fn kinds(text: &str) -> Vec<(String, &'static str)> {
        let scanner = Scanner {
            tables: &TABLES,
            kind: DocKind::Plain,
            extra: &[],
            own_allow: None,
        };
        scanner
            .scan(text)
            .into_iter()
            .map(|s| (text[s.range].to_owned(), s.kind.label()))
            .collect()
    }

    /// Findings of the rule on a Markdown draft: (flagged source text, message).
    fn markdown(text: &str) -> Vec<(String, String)> {
        findings_in(CODE, text, DocKind::Markdown, &Config::default())
            .into_iter()
            .map(|f| (text[f.range].to_owned(), f.message))
            .collect()
    }

    fn with_config(toml: &str, text: &str) -> Vec<String> {
        let (config, problems) = Config::from_toml(toml);
        assert!(problems.is_empty(), "{problems:?}");
        findings_in(CODE, text, DocKind::Plain, &config)
            .into_iter()
            .map(|f| text[f.range].to_owned())
            .collect()
    }

    fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        list.iter().map(|&(t, k)| (t.to_owned(), k)).collect()
    }

    const PERSON: &str = "职务/人名";
    const PLACE: &str = "地名/单位";
    const NUMBER: &str = "数字/数量";
    const DATE: &str = "日期/年份";
    const DOC: &str = "文号";
    const CONTENT: &str = "内容";

    #[test]
    fn data_and_pattern_load() {
        assert_eq!(TABLES.after.words.get("副省长"), Some(&Kind::Person));
        assert_eq!(TABLES.after.words.get("市"), Some(&Kind::Place));
        assert_eq!(TABLES.before.words.get("第"), Some(&Kind::Number));
        assert!(TABLES.candidates.is_match("【待补】"));
        assert!(!TABLES.anniversary.is_empty());
    }

    #[test]
    fn the_message_quotes_the_placeholder_with_its_context_word() {
        let text = "下面请XX省长讲话。";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "XX省长");
        assert_eq!(found[0].message, "未填写的占位符 “XX省长”（职务/人名）");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].fixes.is_empty());
    }

    #[test]
    fn asterisk_runs() {
        let text = "请**市长致辞。今年共编发简报***多篇，排名全省第*名，欢迎各位来*考察。\
                    要做到“三个**”，抓好**、**、**等工作，增幅达**％。";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("**市长", PERSON),
                ("***多篇", NUMBER),
                ("第*名", NUMBER),
                ("来*", PLACE),
                ("**", CONTENT),
                ("**", CONTENT),
                ("**", CONTENT),
                ("**", CONTENT),
                ("**％", NUMBER),
            ])
        );
        assert_eq!(
            messages("请**同志发言，**市代表团入场。"),
            [
                "未填写的占位符 “**同志”（职务/人名）",
                "未填写的占位符 “**市”（地名/单位）"
            ]
        );
        // Full-width asterisks are the same placeholder.
        assert_eq!(flagged(CODE, "由＊＊县负责。"), ["＊＊县"]);
    }

    #[test]
    fn latin_x_runs() {
        let text = "XX省长和王XX副省长出席，按照“XXXX”的要求，新建X个站点，\
                    表彰XX名标兵，定于XX月20日启动，20xx年和20XX年，\
                    党的xx大、xx届三中全会，累计办结20xx件。";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("XX省长", PERSON),
                ("XX副省长", PERSON),
                ("XXXX", CONTENT),
                ("X个", NUMBER),
                ("XX名", NUMBER),
                ("XX月", DATE),
                ("20xx年", DATE),
                ("20XX年", DATE),
                ("xx大", NUMBER),
                ("xx届", NUMBER),
                ("20xx件", NUMBER),
            ])
        );
        // A year with only its last digit missing, and a year standing alone.
        assert_eq!(
            kinds("201x年底前完成，20XX至2025年。"),
            pairs(&[("201x年底", DATE), ("20XX", DATE)])
        );
        assert_eq!(flagged(CODE, "由ＸＸ市牵头。"), ["ＸＸ市"]);
    }

    #[test]
    fn a_document_number_is_reported_once() {
        let text = "根据X政办发〔20XX〕41号文件和国发〔20XX〕7号通知，按照XX政字〔2023〕XX号执行。";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("X政办发〔20XX〕41号", DOC),
                ("国发〔20XX〕7号", DOC),
                ("XX政字〔2023〕XX号", DOC),
            ])
        );
        assert_eq!(
            messages("见X政办发〔20XX〕41号。"),
            ["未填写的占位符 “X政办发〔20XX〕41号”（文号）"]
        );
        // A complete number is not a placeholder.
        assert!(flagged(CODE, "根据国办发〔2023〕15号文件执行。").is_empty());
    }

    #[test]
    fn a_whole_date_is_one_placeholder() {
        assert_eq!(
            kinds("会议定于20XX年XX月XX日召开，XX月20日报到。"),
            pairs(&[("20XX年XX月XX日", DATE), ("XX月", DATE)])
        );
    }

    #[test]
    fn full_width_and_typographic_crosses() {
        assert_eq!(
            kinds("由××牵头，×××同志主持，××××年以来，×市负责。"),
            pairs(&[
                ("××", CONTENT),
                ("×××同志", PERSON),
                ("××××年", DATE),
                ("×市", PLACE),
            ])
        );
    }

    #[test]
    fn chinese_blanks() {
        let text = "某某同志要求，由某某某负责，○○镇配合，□□公司承办，\
                    这批材料□失了，填报人＿＿＿，联系人____，请（  ）同志签字。";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("某某同志", PERSON),
                ("某某某", CONTENT),
                ("○○镇", PLACE),
                ("□□公司", PLACE),
                ("□", CONTENT),
                ("＿＿＿", CONTENT),
                ("____", CONTENT),
                ("（  ）同志", PERSON),
            ])
        );
        assert_eq!(flagged(CODE, "时间定在()。"), ["()"]);
    }

    #[test]
    fn bracketed_prompts() {
        let text = "【待补】各位好，欢迎出席【此处填写会议名称】，时间[待定]，\
                    议程（待补充），主讲人【请填写姓名】，TODO，TBD。";
        assert_eq!(
            kinds(text),
            pairs(&[
                ("【待补】", CONTENT),
                ("【此处填写会议名称】", CONTENT),
                ("[待定]", CONTENT),
                ("（待补充）", CONTENT),
                ("【请填写姓名】", PERSON),
                ("TODO", CONTENT),
                ("TBD", CONTENT),
            ])
        );
    }

    #[test]
    fn numbers_deleted_from_the_template() {
        assert_eq!(
            kinds("今天召开第次全体会议，会议于年月日在京举行，以优异成绩迎接建党周年。"),
            pairs(&[("第次", NUMBER), ("年月日", DATE), ("建党周年", NUMBER),])
        );
        // A blank date line at the end of a speech.
        assert_eq!(
            flagged(CODE, "二〇二四年工作会议\n\n    年  月  日\n"),
            ["年  月  日"]
        );
    }

    #[test]
    fn list_items_share_the_kind_of_the_last_item() {
        assert_eq!(
            kinds("XX、XX市和XX县要抓好落实。"),
            pairs(&[("XX", PLACE), ("XX市", PLACE), ("XX县", PLACE)])
        );
        // A comma does not make a list.
        assert_eq!(
            kinds("某某某，XX市要带头。"),
            pairs(&[("某某某", CONTENT), ("XX市", PLACE)])
        );
    }

    #[test]
    fn never_x_words_formulas_and_numerals() {
        for text in [
            "拍了X光片，做了X射线检查，看X轴坐标，属X型结构。",
            "他玩Xbox，来源于feisuxs网站，开通brt，gdp增长，cod减排，控制NOx排放。",
            "方程3x+1=7，参加4x100米接力，分辨率1920x1080，新车型X5上市。",
            "二〇〇八年奥运会，二○○八年的夏天，面积3×4米，长×宽计算，3 x 4等于12。",
            "访问www.xx.gov.cn或发邮件到xx@163.com。",
            "从某种意义上说，某些地方、某个单位、某市某县都存在问题。",
            "工作次第展开，出生年月日要填写清楚，建党一百周年，建国70周年。",
            "议程（略），全场（掌声），此事有待补充完善。",
            "3*4=12。",
        ] {
            assert_eq!(flagged(CODE, text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn never_bullets_or_separator_lines_of_asterisks() {
        assert!(flagged(
            CODE,
            "* 第一项工作\n\n******\n\n＊＊＊\n\n*注：数据截至六月底。"
        )
        .is_empty());
    }

    #[test]
    fn markdown_markup_is_not_a_placeholder() {
        assert!(markdown("要**高度重视**安全生产，*务必*落实。").is_empty());
        // CommonMark leaves these delimiters as text (punctuation inside, CJK outside).
        assert!(markdown("要坚持**“两个确立”**的要求。\n\n做到*“三严”*标准。").is_empty());
        assert!(markdown("运行`XX省长`命令。\n\n```\nXX市\n```\n\n见[通知](http://x.cn/XX市)。\n\n<!-- XX同志 -->\n").is_empty());
        assert_eq!(
            markdown("要**高度重视**XX市的问题。"),
            [(
                "XX市".to_owned(),
                "未填写的占位符 “XX市”（地名/单位）".to_owned()
            )]
        );
    }

    #[test]
    fn markdown_literal_asterisks_are_placeholders() {
        // Escaped asterisks are text. Where the range starts (at the first backslash or just
        // after it) is the prose map's business; it covers both asterisks and the title.
        let found = markdown(r"请\*\*市长讲话。");
        assert_eq!(found.len(), 1);
        assert!(
            [r"*\*市长", r"\*\*市长"].contains(&found[0].0.as_str()),
            "{found:?}"
        );
        assert_eq!(found[0].1, "未填写的占位符 “**市长”（职务/人名）");
        // A run with no partner is left as text by the parser.
        assert_eq!(
            markdown("请**市长讲话。"),
            [(
                "**市长".to_owned(),
                "未填写的占位符 “**市长”（职务/人名）".to_owned()
            )]
        );
    }

    #[test]
    fn markdown_stars_before_titles_are_placeholders_though_they_pair_as_bold() {
        // CommonMark pairs each two runs as bold (or bold italic): the stars vanish from the
        // prose, but every run stands right before a title or a unit.
        assert_eq!(
            markdown("请**市长讲话，**书记作总结，*局要抓落实，*县配合。\n\n向***区领导和***同志致谢，**局长讲话后**处长总结。\n"),
            [
                ("**市长", "未填写的占位符 “**市长”（职务/人名）"),
                ("**书记", "未填写的占位符 “**书记”（职务/人名）"),
                ("*局", "未填写的占位符 “*局”（地名/单位）"),
                ("*县", "未填写的占位符 “*县”（地名/单位）"),
                ("***区", "未填写的占位符 “***区”（地名/单位）"),
                ("***同志", "未填写的占位符 “***同志”（职务/人名）"),
                ("**局长", "未填写的占位符 “**局长”（职务/人名）"),
                ("**处长", "未填写的占位符 “**处长”（职务/人名）"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // The note counts them with the prose's placeholders.
        let notes: Vec<Option<String>> = findings_in(
            CODE,
            "**市长讲话，**市长总结，请**市长。",
            DocKind::Markdown,
            &Config::default(),
        )
        .into_iter()
        .map(|f| f.note)
        .collect();
        assert_eq!(notes, vec![Some("本文共 3 处 “**市长”".to_owned()); 3]);
    }

    #[test]
    fn markdown_bold_a_writer_meant_stays_bold() {
        // One run of each pair is followed by something else than a title or unit word.
        for text in [
            "**同志们：**\n\n今天开会。\n",
            "请**王明**同志讲话。",
            "**市委**要求各地抓好落实。",
            "要**高度重视**，*局面*来之不易。",
            // An image's description is not read aloud.
            "![**市长讲话，**书记作总结](a.png)\n\n今天开会。\n",
        ] {
            assert!(markdown(text).is_empty(), "{text}: {:?}", markdown(text));
        }
        // Plain text never has bold: there the stars are placeholders as always.
        assert_eq!(flagged(CODE, "**同志们：**"), ["**同志", "**"]);
    }

    #[test]
    fn a_placeholder_broken_across_a_hard_line_break() {
        let text = "会议听取了全市上半年经济运行情况的汇报，研究部署下半年重点工作，请XX\n省长作重要讲话。\n";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "XX\n省长");
        assert_eq!(found[0].message, "未填写的占位符 “XX省长”（职务/人名）");
    }

    #[test]
    fn the_note_counts_identical_placeholders() {
        let text = "XX市要抓落实。\nXX市要抓落实。\nXX县也要跟上。\n";
        let notes: Vec<Option<String>> = findings(CODE, text).into_iter().map(|f| f.note).collect();
        assert_eq!(
            notes,
            [
                Some("本文共 2 处 “XX市”".to_owned()),
                Some("本文共 2 处 “XX市”".to_owned()),
                Some("本文共 1 处 “XX县”".to_owned()),
            ]
        );
    }

    #[test]
    fn extra_markers_and_allowed_words() {
        let toml = "[rules.placeholder]\nextra = [\"待核实\"]\nallow = [\"X光机\", \"某某村\"]\n";
        assert_eq!(
            with_config(toml, "数据待核实，购置X光机两台，走访某某村和某某乡。"),
            ["待核实", "某某乡"]
        );
        let (config, _) = Config::from_toml(toml);
        let found = findings_in(CODE, "数据待核实。", DocKind::Plain, &config);
        assert_eq!(found[0].message, "未填写的占位符 “待核实”（内容）");
        // Without the options the same text gives the village, not the marker.
        assert_eq!(flagged(CODE, "数据待核实，走访某某村。"), ["某某村"]);
    }

    #[test]
    fn options_are_validated() {
        let (config, problems) =
            Config::from_toml("[rules.placeholder]\nextra = \"待核实\"\ncolour = 1\n");
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["rules.placeholder.colour", "rules.placeholder.extra"]
        );
        assert_eq!(
            config.rule_options::<PlaceholderOptions>(CODE),
            PlaceholderOptions::default()
        );
    }

    #[test]
    fn severity_can_be_lowered() {
        let (config, _) = Config::from_toml("[rules.placeholder]\nseverity = \"warning\"\n");
        let found = findings_in(CODE, "请XX同志发言。", DocKind::Plain, &config);
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn docs_have_every_section() {
        for heading in ["## 说明", "## 为什么", "## 示例", "## 修改后", "## 选项"] {
            assert!(DOCS.contains(heading), "{heading}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_sit_on_char_boundaries(
            text in "[XxＸ×*＊某○〇□_＿【】\\[\\]（）()〔〕号第次年月日周建党市长同志0-9a-z 、，。\n𠮷]{0,60}"
        ) {
            for kind in [DocKind::Plain, DocKind::Markdown] {
                for f in findings_in(CODE, &text, kind, &Config::default()) {
                    proptest::prop_assert!(f.range.start < f.range.end && f.range.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(f.range.start));
                    proptest::prop_assert!(text.is_char_boundary(f.range.end));
                }
            }
        }
    }
}
