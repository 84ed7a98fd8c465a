//! The compiled patterns of residue detection, built once from `data/residue.toml`: the
//! whole-line regex (tried only on lines a cheap test picks), the span regex (one search over
//! the text), the address regex (only around ASCII dots), and the trigger words whose presence
//! anywhere in a line sends it to a family's validator.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Deserialize;

use super::ResidueKind;

#[derive(Deserialize)]
struct Data {
    navigation: NavigationData,
    source: SourceData,
    metadata: MetadataData,
    paywall: PaywallData,
    advert: AdvertData,
    disclaimer: PhraseData,
    banner: PhraseData,
    blurb: BlurbData,
    notice: NoticeData,
    chatbot: PhraseData,
    tags: TagData,
    title: TitleData,
    url: UrlData,
}

#[derive(Deserialize)]
struct NavigationData {
    pagination: Vec<String>,
    site: Vec<String>,
    labelled: Vec<String>,
    breadcrumb_starts: Vec<String>,
    locations: Vec<String>,
    site_suffixes: Vec<String>,
    short_site_suffixes: Vec<String>,
}

#[derive(Deserialize)]
struct SourceData {
    fields: Vec<String>,
    alone: Vec<String>,
}

#[derive(Deserialize)]
struct MetadataData {
    dated: Vec<String>,
    counters: Vec<String>,
}

#[derive(Deserialize)]
struct PaywallData {
    phrases: Vec<String>,
    buttons: Vec<String>,
}

#[derive(Deserialize)]
struct AdvertData {
    contacts: Vec<String>,
}

#[derive(Deserialize)]
struct PhraseData {
    phrases: Vec<String>,
}

#[derive(Deserialize)]
struct BlurbData {
    labels: Vec<String>,
    preface: Vec<String>,
}

#[derive(Deserialize)]
struct NoticeData {
    boilerplate: Vec<String>,
}

#[derive(Deserialize)]
struct TagData {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct TitleData {
    genres: Vec<String>,
    pieces: Vec<String>,
    speech_pieces: Vec<String>,
}

#[derive(Deserialize)]
struct UrlData {
    tlds: Vec<String>,
}

/// Horizontal padding: spaces, tabs, the full-width space, no-break space, a stray BOM.
pub(super) const H: &str = r"[ \t\u{3000}\u{a0}\u{feff}]";
/// Any character of a line.
const L: &str = r"[^\r\n]";
/// A Word bookmark left by a converter.
const BOOKMARK: &str = r"\[bookmark:[ \t]*[^\]\r\n]{1,60}\]";
/// A date and time as a web page prints it (`2022-05-11 11:04:00`, `10-28`, `2023/1/20`,
/// `2023年1月20日 10:48`), never as a writer does (`2023年1月20日` alone).
const MACHINE_DATE: &str = r"(?:(?:(?:\d{4}-)?\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})(?:[ \t\u{3000}]*\d{1,2}:\d{2}(?::\d{2})?)?|\d{4}年\d{1,2}月\d{1,2}日[ \t\u{3000}]*\d{1,2}:\d{2}(?::\d{2})?)";

/// One pattern of the combined regexes, in priority order: where two match at one position,
/// the first listed wins.
pub(super) struct Alternative {
    pub group: &'static str,
    pub kind: ResidueKind,
    /// Anchored to a whole line (after an optional bookmark), or a span anywhere.
    pub whole_line: bool,
    /// A span searched line by line, only in lines that can hold it (a line start, pasted
    /// code): without a literal to start from, it would cost the span regex its prefilter.
    pub line_span: bool,
    /// The longest match, in characters, checked in code: a counted repetition in the pattern
    /// would multiply the automaton's states.
    pub max_chars: usize,
    /// For a whole-line pattern that may start with any character: the characters its line can
    /// end with (empty: any, for lines of at most `max_chars`). Such patterns are tried one by
    /// one, where the line's end allows: combined, their free starts make the automaton blow up.
    pub free_start: Option<&'static str>,
    pattern: String,
}

/// What a trigger word found in a line sends the line to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trigger {
    /// A paywall or truncation notice (`试读结束`).
    Paywall,
    /// The start of a numbered truncation notice (`全文共`, `此处隐藏`), checked by
    /// [`Patterns::counted_paywall`].
    CountedPaywall,
    Disclaimer,
    Chatbot,
    /// A contact word of an advert (`联系老师`).
    Advert,
    /// A pointing sign (`👉`) of an advert.
    Pointer,
    /// A document site's banner (`由会员分享`, `.docx》`).
    Banner,
    /// A word of a site's editorial note (`小编`, `本站`, `收集整理`).
    Note,
    /// A breadcrumb separator (`>`).
    Crumb,
}

impl Trigger {
    pub fn bit(self) -> u16 {
        1 << self as u16
    }
}

pub(super) struct Patterns {
    /// The whole-line alternatives with a known first character, as a set; tried only on
    /// lines that pass [`Patterns::may_be_whole_line`], since a scan of every line costs as much
    /// as the text. The set says which alternatives match; the first one's own regex then
    /// takes the captures (the combined automaton is too large to capture with).
    pub lines: Lazy<LineSet>,
    pub line_alternatives: Vec<(&'static Alternative, Lazy<Regex>)>,
    /// The whole-line alternatives that may start anywhere, one regex each with its
    /// alternative, in priority order after [`Patterns::lines`].
    pub free_lines: Vec<(&'static Alternative, Lazy<Regex>)>,
    /// Characters a whole-line residue can start with (after padding), sorted.
    first_chars: Vec<char>,
    /// The span alternatives but addresses and line spans, combined.
    pub spans: Lazy<Regex>,
    /// Spans at a line's start (`第1页共4页…`, `范文一：…`), for lines starting with one of
    /// [`LINE_START_CHARS`].
    pub line_starts: Lazy<Regex>,
    /// Pasted CSS, for lines holding `{` or `;`.
    pub code: Lazy<Regex>,
    /// Web addresses, searched only around ASCII dots: without a literal to start from, the
    /// address pattern alone would cost as much as all the others.
    pub addresses: Lazy<Regex>,
    pub alternatives: &'static [Alternative],
    /// Trigger words that start with a Chinese character, in small automata (each searches at
    /// memory speed with its SIMD prefilter, which a word starting with an ASCII byte or a
    /// large word count would disable), with the family each word calls.
    pub triggers: Vec<(AhoCorasick, Vec<Trigger>)>,
    /// The other trigger words (`VIP可见`, `👉`, `»`), in one automaton; `>` is looked for
    /// on its own (a one-byte search).
    pub literal_triggers: (AhoCorasick, Vec<Trigger>),
    /// `全文共6606字`, `此处隐藏11328个字`, `剩余3页未读`.
    pub counted_paywall: Lazy<Regex>,
    /// An account id in an advert (`mbgs777`).
    pub account: Lazy<Regex>,
    /// A sentence of a site's editorial note: the site offers (`为大家整理`), names its wares
    /// (`范文`, `小编`), and invites (`仅供参考`); or announces itself (`本文将就…进行探讨`).
    pub note_offer: Lazy<Regex>,
    pub note_marker: Lazy<Regex>,
    pub note_closer: Lazy<Regex>,
    pub note_self: Lazy<Regex>,
    /// A site's name (`…范文网`, `…文库`), for breadcrumbs.
    pub site_name: Lazy<Regex>,
    pub breadcrumb_starts: Vec<String>,
    pub locations: Vec<String>,
    /// The header of a site-generated table of contents (`目录/提纲：……`).
    pub contents_header: Lazy<Regex>,
    /// A field of a meeting's agenda (`地点：`), which makes a nearby `时间：` line real text.
    pub agenda_field: Lazy<Regex>,
    /// A bookmark at a line's start, with the padding before it.
    leading_bookmark: Lazy<Regex>,
}

pub(super) static PATTERNS: LazyLock<Patterns> = LazyLock::new(build);

/// What a line-start span begins with.
pub(super) const LINE_START_CHARS: &[char] = &['第', '共', '范', '例', '精', '参', '篇'];

impl Patterns {
    /// The keyed whole-line alternatives that match `line` (indices into
    /// [`Patterns::line_alternatives`], in order): from the combined DFA, or each regex alone
    /// on a line the DFA gives up on.
    pub fn keyed_matches(&self, line: &str) -> Vec<usize> {
        self.lines.matches(line).unwrap_or_else(|| {
            (0..self.line_alternatives.len())
                .filter(|&i| self.line_alternatives[i].1.is_match(line))
                .collect()
        })
    }

    /// Compiles every pattern now (the server does, off the protocol path, so that no
    /// analysis of a draft pays for one); the command line compiles only what a draft needs.
    ///
    /// The line set comes first: it is the costliest after the span regex, which the server's
    /// warm-up analysis compiles meanwhile on the other core, and every draft with a line that
    /// starts like residue needs it. Compiled last, a draft opened at once waited for it.
    pub fn compile_all(&self) {
        let _: &LineSet = &self.lines;
        let regexes = self
            .line_alternatives
            .iter()
            .chain(&self.free_lines)
            .map(|(_, regex)| regex)
            .chain([
                &self.spans,
                &self.line_starts,
                &self.code,
                &self.addresses,
                &self.counted_paywall,
                &self.account,
                &self.note_offer,
                &self.note_marker,
                &self.note_closer,
                &self.note_self,
                &self.site_name,
                &self.contents_header,
                &self.agenda_field,
                &self.leading_bookmark,
            ]);
        for regex in regexes {
            let _: &Regex = regex;
        }
    }

    /// Where the rest of a line starts after a bookmark at its start, if it has one. A
    /// whole-line pattern matches a line with a bookmark in front (`[bookmark: _Toc1]第2页`)
    /// if it matches the rest, and is tried on the rest first, as the optional bookmark in
    /// front of the pattern would be.
    pub fn after_bookmark(&self, line: &str) -> Option<usize> {
        if memchr::memchr(b'[', line.as_bytes()).is_none() || !line.contains("[bookmark:") {
            return None;
        }
        self.leading_bookmark.find(line).map(|m| m.end())
    }

    /// A cheap test: lines whose first character can start a keyed whole-line residue are
    /// tried on [`Patterns::lines`].
    pub fn may_be_whole_line(&self, content: &str) -> bool {
        content
            .chars()
            .next()
            .is_some_and(|c| self.first_chars.binary_search(&c).is_ok())
    }

    /// The whole-line regexes that may match a line, in priority order: the keyed ones the
    /// line set finds in the line or in `rest` (what follows a bookmark at its start, from
    /// [`Patterns::after_bookmark`]), then the free-start ones its end allows. `content` is
    /// the line without its padding.
    pub fn line_candidates<'p>(
        &'p self,
        haystack: &str,
        content: &'p str,
        rest: Option<usize>,
    ) -> impl Iterator<Item = &'p Lazy<Regex>> + 'p {
        let mut keyed = Vec::new();
        if self.may_be_whole_line(content) {
            keyed.extend(self.keyed_matches(haystack));
            if let Some(at) = rest {
                keyed.extend(self.keyed_matches(&haystack[at..]));
                keyed.sort_unstable();
                keyed.dedup();
            }
        }
        let keyed = keyed
            .into_iter()
            .map(|index| &self.line_alternatives[index].1);
        let free = self.free_candidates(content).map(|(_, regex)| regex);
        keyed.chain(free)
    }

    /// The free-start alternatives a line may match, by its last character and length.
    pub fn free_candidates<'p>(
        &'p self,
        content: &'p str,
    ) -> impl Iterator<Item = &'p (&'static Alternative, Lazy<Regex>)> + 'p {
        let last = content.chars().next_back();
        self.free_lines.iter().filter(move |(a, _)| {
            let ends = a.free_start.unwrap_or("");
            if ends.is_empty() {
                content.chars().nth(a.max_chars).is_none()
            } else {
                // A handful of characters: compared one by one, without a searcher's set-up.
                last.is_some_and(|c| ends.chars().any(|e| e == c))
            }
        })
    }
}

fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    // Longest first, so `上一篇文章` is preferred to `上一篇`.
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let parts: Vec<String> = sorted.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", parts.join("|"))
}

/// Room for the lazy DFA of the combined regexes: with the default the cache is cleared over
/// and over on the many alternatives, and each line costs microseconds instead of nanoseconds.
const DFA_BYTES: usize = 16 << 20;

/// A regex (or set) compiled on first use: most drafts need only a few of the patterns, and
/// compiling them all took a third of a cold `check`.
pub(super) struct Lazy<T> {
    patterns: Vec<String>,
    compiled: OnceLock<T>,
    compile: fn(&[String]) -> T,
}

impl<T> std::ops::Deref for Lazy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.compiled.get_or_init(|| (self.compile)(&self.patterns))
    }
}

fn compile(pattern: &str) -> Lazy<Regex> {
    Lazy {
        patterns: vec![pattern.to_owned()],
        compiled: OnceLock::new(),
        compile: |patterns| {
            regex::RegexBuilder::new(&patterns[0])
                .dfa_size_limit(DFA_BYTES)
                .build()
                .expect("residue pattern compiles")
        },
    }
}

fn compile_set(patterns: Vec<String>) -> Lazy<LineSet> {
    Lazy {
        patterns,
        compiled: OnceLock::new(),
        compile: LineSet::new,
    }
}

/// The keyed whole-line patterns as one forward lazy DFA that says which of them match a line
/// (no captures, no match positions: half the compile time of a `RegexSet`).
pub(super) struct LineSet {
    dfa: regex_automata::hybrid::dfa::DFA,
    caches: std::sync::Mutex<Vec<regex_automata::hybrid::dfa::Cache>>,
}

impl LineSet {
    fn new(patterns: &[String]) -> LineSet {
        use regex_automata::{hybrid::dfa::DFA, nfa::thompson, MatchKind};
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(DFA_BYTES)
                    .unicode_word_boundary(true),
            )
            .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many(patterns)
            .expect("line patterns compile");
        LineSet {
            dfa,
            caches: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The patterns that match `line`, in order; `None` if the DFA gave up on the line.
    fn matches(&self, line: &str) -> Option<Vec<usize>> {
        use regex_automata::{Anchored, Input, PatternSet};
        let mut cache = self
            .caches
            .lock()
            .ok()
            .and_then(|mut caches| caches.pop())
            .unwrap_or_else(|| self.dfa.create_cache());
        let mut set = PatternSet::new(self.dfa.pattern_len());
        let input = Input::new(line).anchored(Anchored::Yes);
        let found = self
            .dfa
            .try_which_overlapping_matches(&mut cache, &input, &mut set);
        if let Ok(mut caches) = self.caches.lock() {
            caches.push(cache);
        }
        found
            .ok()
            .map(|()| set.iter().map(|id| id.as_usize()).collect())
    }
}

fn build() -> Patterns {
    let data: Data = toml::from_str(include_str!("../../../data/residue.toml"))
        .expect("data/residue.toml parses");
    let nav = &data.navigation;
    let page_words = alternation(&nav.pagination);
    let site_words = alternation(&nav.site);
    let buttons = alternation(&data.paywall.buttons);
    let labelled = alternation(&nav.labelled);
    let locations = alternation(&nav.locations);
    let fields = alternation(&data.source.fields);
    let alone = alternation(&data.source.alone);
    let dated = alternation(&data.metadata.dated);
    let counters = alternation(&data.metadata.counters);
    let openings = alternation(&data.notice.boilerplate);
    let blurb_labels = alternation(&data.blurb.labels);
    let preface = alternation(&data.blurb.preface);
    let tags = alternation(&data.tags.words);
    let genres = alternation(&data.title.genres);
    let pieces = alternation(&data.title.pieces);
    let speech_pieces = alternation(&data.title.speech_pieces);
    let tlds = alternation(&data.url.tlds);
    let site = format!(
        r"(?:[\p{{Han}}A-Za-z0-9]*?{}|[\p{{Han}}A-Za-z0-9]{{1,4}}{})",
        alternation(&nav.site_suffixes),
        alternation(&nav.short_site_suffixes)
    );
    let date = MACHINE_DATE;
    let dash = "[-－–—]";
    let sep = r"[\d \t\u{3000}|｜/·•»>«<]";
    let bar = r"[|｜/·•]";
    let value = r"[^\r\n。，；！？]*?";
    let count = r"[\d一二三四五六七八九十百]{1,3}";
    let numeral = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})";
    let counter = format!(r"(?:{H}*[\[【(（]{H}*此文共{H}*\d+{H}*字{H}*[\]】)）])?");
    use ResidueKind::*;
    let whole = |group, kind, pattern: String| Alternative {
        group,
        kind,
        whole_line: true,
        line_span: false,
        max_chars: usize::MAX,
        free_start: None,
        pattern,
    };
    let span = |group, kind, pattern: String| Alternative {
        group,
        kind,
        whole_line: false,
        line_span: false,
        max_chars: usize::MAX,
        free_start: None,
        pattern,
    };
    let line_span = |group, kind, pattern: String| Alternative {
        group,
        kind,
        whole_line: false,
        line_span: true,
        max_chars: usize::MAX,
        free_start: None,
        pattern,
    };
    // A whole-line pattern whose match is at most `max_chars` long.
    let short = |group, kind, max_chars, pattern: String| Alternative {
        group,
        kind,
        whole_line: true,
        line_span: false,
        max_chars,
        free_start: None,
        pattern,
    };
    // A whole-line pattern that may start with any character and ends with one of `ends`.
    let free = |group, kind, max_chars, ends, pattern: String| Alternative {
        group,
        kind,
        whole_line: true,
        line_span: false,
        max_chars,
        free_start: Some(ends),
        pattern,
    };
    let alternatives = vec![
        // Pagination counters: 共3页，当前第1页123 / 共3页 第1页 下一页.
        whole(
            "pagination",
            Pagination,
            format!(
                r"共{H}*\d{{1,4}}{H}*页(?:{H}*[,，、]?{H}*(?:当前)?{H}*第{H}*\d{{1,4}}{H}*页)?(?:{sep}|{page_words})*"
            ),
        ),
        whole(
            "pagination_links",
            Pagination,
            format!(r"{sep}*{page_words}(?:{sep}|{page_words})*"),
        ),
        whole(
            "page_ratio",
            PageNumber,
            format!(r"\d{{1,4}}{H}*/{H}*\d{{1,4}}"),
        ),
        whole(
            "page_line",
            PageNumber,
            format!(
                r"(?:{dash}{H}*\d{{1,4}}{H}*{dash}|第{H}*\d{{1,4}}{H}*页(?:{H}*[,，/]?{H}*共{H}*\d{{1,4}}{H}*页)?|(?i:page){H}*\d{{1,4}}(?:{H}*(?i:of){H}*\d{{1,4}})?)"
            ),
        ),
        // `02` between the pieces of a compilation.
        whole("piece_number", CompilationLabel, "0[1-9]".to_owned()),
        whole(
            "metadata_dated",
            PageMetadata,
            format!(r"(?:{dated}{H}*[：:]{H}*)?{date}"),
        ),
        // A line of bare numbers: page numbers, a pager's digits.
        whole(
            "bare_numbers",
            PageNumber,
            format!(r"\d{{1,4}}(?:{H}+\d{{1,4}}){{0,11}}"),
        ),
        whole(
            "metadata_counter",
            PageMetadata,
            format!(r"{counters}{H}*[：:]{H}*\d{{1,9}}{H}*(?:次|人|字|页)?"),
        ),
        whole(
            "metadata_number",
            PageMetadata,
            format!(r"(?:文档)?编号{H}*[：:]{H}*[A-Za-z]{{0,4}}\d{{6,}}"),
        ),
        whole(
            "buttons",
            DownloadButton,
            format!(
                r"(?:{date}{H}*{bar}?{H}*)?(?:{site_words}{H}*{bar}?{H}*)*{buttons}(?:{H}*{bar}?{H}*(?:{buttons}|{site_words}))*"
            ),
        ),
        whole(
            "navigation",
            Navigation,
            format!(
                r"(?:{date}{H}*{bar}?{H}*)?{site_words}(?:{H}*{bar}?{H}*{site_words})*"
            ),
        ),
        short(
            "location",
            Breadcrumb,
            170,
            format!(r"{locations}{H}*[：:]{L}*"),
        ),
        // `上一篇 在…上的讲话`: the neighbouring page's title after a space.
        short(
            "previous_next",
            Navigation,
            90,
            format!(r"(?:上一篇|下一篇)(?:文章)?{H}+[^\r\n。！？!?]+"),
        ),
        short(
            "navigation_labelled",
            Navigation,
            100,
            format!(r"(?:{date}{H}*{bar}{H}*)?{labelled}{H}*[：:>»]{L}*"),
        ),
        // `收藏《在…会上的讲话》`: the site's button with the page's title, often cut off.
        short(
            "title_button",
            Navigation,
            90,
            format!(r"(?:收藏|下载)(?:本文|此文)?{H}*[：:]?{H}*《[^》\r\n]+(?:》{H}*(?:…+|\.{{3,}})?)?"),
        ),
        short(
            "byline",
            SourceNote,
            160,
            format!(
                r"{fields}{H}*[：:]{value}(?:{H}*(?:{fields}{H}*[：:]{value}|{site_words}))+"
            ),
        ),
        short(
            "byline_alone",
            SourceNote,
            40,
            format!(r"{alone}{H}*[：:][^\r\n。，；！？]+"),
        ),
        // `作者：佚名`: a site's byline even alone (`作者：张三` alone may be the writer's note).
        whole(
            "byline_anonymous",
            SourceNote,
            format!(r"作者{H}*[：:]{H}*(?:佚名|匿名|网络|网友|未知|不详)"),
        ),
        short(
            "article_title",
            ArticleTitle,
            90,
            format!(r"(?:文章标题|原文标题|本文标题){H}*[：:]{L}+"),
        ),
        whole(
            "blurb_label",
            Blurb,
            format!(
                r"(?:[【\[]{H}*{blurb_labels}{H}*[】\]]{H}*[：:]?|{blurb_labels}{H}*[：:]){L}*"
            ),
        ),
        whole(
            "preface",
            Blurb,
            format!(
                r"{preface}{H}*[：:]{L}*?(?:本站|小编|精心(?:整理|收集|挑选|准备)|为(?:你|您|大家)(?:精心)?(?:整理|收集|搜集|准备)){L}*"
            ),
        ),
        whole("boilerplate", Boilerplate, format!(r"{openings}{L}*")),
        // `| 某某2`: the uploader's name under the title of a document site.
        short(
            "uploader",
            Uploader,
            14,
            format!(r"[|｜]{H}*[^ \t\u{{3000}}|｜，。,.!！？?：:；;]+"),
        ),
        free(
            "site_name",
            SiteName,
            50,
            "",
            format!(
                r"(?:欢迎(?:来到|访问|光临|进入){H}*)?{site}(?:{H}*[-—|｜_·]?{H}*(?:提供|为您提供|为你提供|专注于?|致力于|欢迎您|是|专业|免费|海量|最新|优质)[^\r\n。]*)?{H}*[!！。]?"
            ),
        ),
        // `致辞 时间：2021-08-31 手机版`: the page's category before its byline.
        free(
            "byline_category",
            PageMetadata,
            60,
            "",
            format!(
                r"\p{{Han}}+{H}+{fields}{H}*[：:]{value}(?:{H}*(?:{fields}{H}*[：:]{value}|{site_words}))*"
            ),
        ),
        whole(
            "compilation_teaser",
            CompilationTeaser,
            format!(r"第{count}篇{H}*[：:]{L}{{4,}}?(?:\.{{3,}}|…+|。。。)"),
        ),
        // `…讲话稿例文【第一篇】`, `【…致辞一】`, `…致辞(1)`: a piece of a compilation.
        free(
            "piece_bracket",
            CompilationLabel,
            70,
            "】]",
            format!(r"[^\r\n。！？；>»›|｜]*?[【\[]{H}*第{H}*{count}{H}*篇{H}*[】\]]"),
        ),
        short(
            "piece_genre",
            CompilationLabel,
            44,
            format!(r"【[^】\r\n]*?{pieces}{H}*{numeral}】"),
        ),
        free(
            "piece_paren",
            CompilationLabel,
            66,
            ")）",
            format!(r"[^\r\n。！？；，,、>»›|｜]{{2}}[^\r\n。！？；，,、>»›|｜]*?{pieces}{H}*[(（]{H}*\d{{1,2}}{H}*[)）]"),
        ),
        free(
            "compilation_title",
            CompilationTitle,
            100,
            ")）】]文",
            format!(
                r"[^\r\n。！？；\[>»›|｜]{{2}}[^\r\n。！？；\[>»›|｜]*?(?:[(（【\[]{H}*(?:精选|通用|最新|优秀|热门|推荐|实用|经典|必备|范文)?{H}*(?:{count}|多){H}*篇(?:范文|合集|精选)?{H}*[)）】\]]|[(（【\[](?:合集|汇编|大全|精选合集|范文大全)[)）】\]])(?:范文)?{counter}"
            ),
        ),
        // `…致辞5篇 “…”` without brackets: only speech genres, and no clause before the count
        // (`完成调研报告5篇` is a sentence).
        free(
            "compilation_count",
            CompilationTitle,
            140,
            "篇”\"]",
            format!(
                r#"[^\r\n。！？；，,、：:\[>»›|｜]{{2}}[^\r\n。！？；，,、：:\[>»›|｜]*?{speech_pieces}{H}*(?:\d{{1,3}}|[一二三四五六七八九十]{{1,3}}|多)篇(?:{H}*[“"][^”"\r\n]+[”"])?{counter}"#
            ),
        ),
        free(
            "title_tag",
            TitleTag,
            64,
            "文",
            format!(r"[^\r\n。，！？；\[]{{2}}[^\r\n。，！？；\[]*?{genres}(?P<tag>范文)"),
        ),
        span("bookmark", Bookmark, BOOKMARK.to_owned()),
        // A page's style sheet pasted with its text, with the cut-off tag and the template's
        // title field before it: `l> [标签:标题] @page { size: … } p.cjk { … }`.
        line_span(
            "css",
            Code,
            format!(
                r"(?:(?-u:\b)[a-z]{{1,4}}>{H}*)?(?:\[标签[:：][^\]\r\n]{{1,12}}\]{H}*)?(?:(?:@[a-z-]+|[A-Za-z*][A-Za-z0-9_.#:\-]*(?:{H}*,{H}*[A-Za-z*][A-Za-z0-9_.#:\-]*)*){H}*\{{[^{{}}\r\n]{{1,400}}\}}{H}*)+"
            ),
        ),
        line_span(
            "css_declarations",
            Code,
            format!(
                r"(?:(?-u:\b)(?:font|margin|padding|line|text|mso|color|background|border|so-language|widows|orphans|direction)[a-z-]*{H}*:{H}*[^;{{}}\r\n]{{1,60}};{H}*)+"
            ),
        ),
        span(
            "html",
            Code,
            r#"</?(?i:p|br|div|span|strong|b|i|u|em|font|img|a|html|body|head|title|meta|table|tr|td|th|tbody|thead|li|ul|ol|h[1-6]|o:p|section|article|hr|sup|sub|center|style|script|link)(?:[ \t][^<>\r\n]{0,200})?[ \t]*/?>|&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|emsp|ensp|#\d{2,5});"#
                .to_owned(),
        ),
        span(
            "template_field",
            Code,
            r"\[标签[:：][^\]\r\n]{1,12}\]".to_owned(),
        ),
        // `范文一：…`, `篇二：…` opening a line: the piece's label before its own title.
        line_span(
            "piece_prefix",
            CompilationLabel,
            format!(r"^{H}*(?:范文|例文|精选范文|参考范文|篇){H}*{numeral}{H}*[：:、]"),
        ),
        span(
            "source_from",
            SourceNote,
            format!(
                r"《[^》\r\n]{{1,60}}》(?:一文)?来源于[^\r\n，,。]{{0,40}}[，,]{H}*欢迎(?:阅读|参考|借鉴|分享){L}{{0,80}}$"
            ),
        ),
        span(
            "source_web",
            SourceNote,
            r"(?:本文|文章|内容)(?:来源于|来自|转载自)(?:网络|互联网)[^\r\n。！]{0,60}[。！]?"
                .to_owned(),
        ),
        span(
            "collection",
            CollectionNotice,
            format!(
                r"本(?:文档|文|资料|站资料)由[^\r\n。，,]{{1,40}}?(?:收集整理|搜集整理|整理发布|整理提供|网友上传|用户上传|上传分享){L}{{0,100}}$"
            ),
        ),
        span(
            "collection_more",
            CollectionNotice,
            format!(
                r"更多(?:优质|精彩|相关)?(?:范文|文章|文档|资料)[^\r\n。]{{0,30}}?(?:请|敬请)?(?:移步|访问|登录){L}{{0,60}}$"
            ),
        ),
        // Truncation notices inside a long line: `……此处隐藏11328个字……`,
        // `(未完，全文共2001字，当前显示475字)`, `……(…省略826字，正式会员可完整阅读)`.
        span(
            "hidden_text",
            Paywall,
            // The ellipsis before it is taken in code: a pattern starting with `…` or a space
            // would lose the span regex its literal prefilter.
            format!(r"此处(?:隐藏|省略)了?{H}*\d+{H}*个?字{H}*[…\.]{{0,6}}"),
        ),
        span(
            "truncation_note",
            Paywall,
            format!(
                r"[(（](?:未完|[^()（）\r\n]{{0,30}}?省略{H}*\d+{H}*个?字)[^()（）\r\n。]{{0,80}}(?:[)）]|。|$)"
            ),
        ),
        span(
            "word_counter",
            PageMetadata,
            format!(r"[\[【(（]{H}*此文共{H}*\d+{H}*字{H}*[\]】)）]"),
        ),
        span(
            "site_tag",
            SiteTag,
            format!(r"[(（【\[]{H}*{tags}{H}*[)）】\]]"),
        ),
        // `聯(lián)`: a reading aid's toned pinyin after a character.
        span(
            "pinyin",
            Pinyin,
            r"[(（][a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{0,5}[)）]"
                .to_owned(),
        ),
        // `第1页共4页` glued to the text that follows it at a line start.
        line_span(
            "page_counter",
            PageNumber,
            format!(
                r"^{H}*(?:第{H}*\d{{1,4}}{H}*页{H}*[,，/、]?{H}*共{H}*\d{{1,4}}{H}*页|共{H}*\d{{1,4}}{H}*页{H}*[,，/、]?{H}*第{H}*\d{{1,4}}{H}*页)"
            ),
        ),
        span(
            "url",
            Url,
            format!(
                r"(?i:https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+|www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:/[A-Za-z0-9\-._~/?#=&%]*)?|(?-u:\b)[A-Za-z0-9][A-Za-z0-9\-]{{0,62}}(?:\.[A-Za-z0-9\-]{{1,63}})*\.{tlds}(?-u:\b)(?:/[A-Za-z0-9\-._~/?#=&%]*)?)"
            ),
        ),
        span(
            "page_glued",
            PageNumber,
            format!(r"{dash}{H}+\d{{1,4}}{H}+{dash}"),
        ),
        span("replacement", ReplacementChar, r"\x{FFFD}+".to_owned()),
        span(
            "zero_width",
            ZeroWidth,
            r"[\x{200B}\x{200C}\x{200D}\x{2060}\x{FEFF}]+".to_owned(),
        ),
        span("soft_hyphen", SoftHyphen, r"\x{00AD}+".to_owned()),
        span("private_use", PrivateUse, r"[\x{E000}-\x{F8FF}]+".to_owned()),
    ];
    // Leaked once: the free-start regexes keep references to their alternatives.
    let alternatives: &'static [Alternative] = Vec::leak(alternatives);
    let anchored = |a: &Alternative| {
        // Matched against one line at a time: `^` and `$` are the line's ends, and the search
        // is anchored, so it stops at the first impossible byte. A bookmark in front is
        // skipped by the caller ([`Patterns::after_bookmark`]): written into every one of
        // these patterns, its 60 repeated Unicode classes were most of their compile time.
        format!(r"^{H}*(?P<{}>{}){H}*(?m:$)", a.group, a.pattern)
    };
    let combine = |whole_line: bool, groups: &dyn Fn(&str) -> bool| {
        let parts: Vec<String> = alternatives
            .iter()
            .filter(|a| {
                a.whole_line == whole_line
                    && !a.line_span
                    && a.free_start.is_none()
                    && groups(a.group)
            })
            .map(|a| {
                if whole_line {
                    anchored(a)
                } else {
                    format!("(?P<{}>{})", a.group, a.pattern)
                }
            })
            .collect();
        let flags = if whole_line { "" } else { "(?mR)" };
        compile(&format!("{flags}{}", parts.join("|")))
    };
    let free_lines = alternatives
        .iter()
        .filter(|a| a.free_start.is_some())
        .map(|a| (a, compile(&anchored(a))))
        .collect();
    let keyed: Vec<&'static Alternative> = alternatives
        .iter()
        .filter(|a| a.whole_line && a.free_start.is_none())
        .collect();
    let lines = compile_set(keyed.iter().map(|a| anchored(a)).collect());
    let line_alternatives = keyed.iter().map(|a| (*a, compile(&anchored(a)))).collect();
    let line_spans = |groups: &[&str]| {
        let parts: Vec<String> = alternatives
            .iter()
            .filter(|a| a.line_span && groups.contains(&a.group))
            .map(|a| format!("(?P<{}>{})", a.group, a.pattern))
            .collect();
        compile(&parts.join("|"))
    };
    // What whole-line residue starts with: the listed words, page numbers and separators,
    // and the fixed words of the patterns above.
    let mut first_chars: Vec<char> = [
        &nav.pagination,
        &nav.site,
        &nav.labelled,
        &nav.locations,
        &data.paywall.buttons,
        &data.source.fields,
        &data.source.alone,
        &data.metadata.dated,
        &data.metadata.counters,
        &data.notice.boilerplate,
        &data.blurb.labels,
        &data.blurb.preface,
    ]
    .into_iter()
    .flatten()
    .filter_map(|word| word.chars().next())
    .chain("共第文原本编收下欢【[Pp-－–—|｜/·•»>«<0123456789".chars())
    .collect();
    first_chars.sort_unstable();
    first_chars.dedup();

    let (triggers, literal_triggers) = build_triggers(&data);
    Patterns {
        first_chars,
        lines,
        line_alternatives,
        free_lines,
        line_starts: line_spans(&["piece_prefix", "page_counter"]),
        code: line_spans(&["css", "css_declarations"]),
        spans: combine(false, &|group| group != "url"),
        addresses: combine(false, &|group| group == "url"),
        alternatives,
        triggers,
        literal_triggers,
        counted_paywall: compile(&format!(
            r"(?:全文共|省略了?|隐藏了?|剩余|还剩|当前(?:仅)?显示){H}*\d+{H}*个?(?:字|页)"
        )),
        account: compile(r"[A-Za-z0-9_]{5,}"),
        note_offer: compile(
            r"(?:为|给|帮)(?:大家|您|你|各位)[^。！？!?]{0,8}?(?:整理|收集|搜集|准备|带来|分享|推荐|精选|挑选|汇总)|收集整理|搜集整理|整理了以下|精心(?:整理|收集|挑选|准备)|(?:小编|本站)[^。！？!?]{0,8}?(?:整理|收集|搜集|准备|带来|分享|推荐|精选|挑选|汇总)|分享一些",
        ),
        note_marker: compile(&format!(
            r"小编|本站|范文|例文|素材|模板|精选|多篇|{pieces}{H}*\d+篇|(?:通用|优秀|经典|实用|热门|最新)\d*篇|\d+篇[)）】]|小編|範文"
        )),
        note_closer: compile(
            r"仅供参考|供(?:大家|你|您|各位)(?:参考|借鉴|阅读|学习)|以供参考|欢迎(?:大家)?(?:阅读|借鉴|参考|收藏|分享|查阅|品鉴)|一起来(?:看看|阅读|学习)|快来看看|希望(?:能够?|可以)?(?:对|帮|给|帮助到?)(?:你|您|大家)|希望大家喜欢|僅供參考|歡迎閱讀",
        ),
        note_self: compile(
            r"本文将(?:就|对|从|围绕|为(?:你|您|大家))[^。！？!?]{2,80}?(?:探讨|介绍|分析|分享|阐述|梳理|解读|展示)",
        ),
        site_name: compile(&format!(r"^{site}$")),
        breadcrumb_starts: nav.breadcrumb_starts.clone(),
        locations: nav.locations.clone(),
        contents_header: compile(&format!(
            r"^(?:(?:(?:目录|提纲|大纲){H}*[/／、]{H}*(?:目录|提纲|大纲)|文章目录|本文目录|文章提纲|本文提纲){H}*[：:]?{H}*(?:…+|\.{{3,}})?|(?:目录|提纲|大纲){H}*[：:]?{H}*(?:…+|\.{{3,}}))$"
        )),
        leading_bookmark: compile(&format!(r"^{H}*{BOOKMARK}")),
        agenda_field: compile(&format!(
            r"^{H}*(?:地点|地址|会场|主持人?|参加人员|参会人员|出席人员|出席|议程|会议议程|内容|主题){H}*[：:]"
        )),
    }
}

/// The trigger words of every line family: those starting with a Chinese character in
/// automata of at most `GROUP` words, each family's words together (so a word inside another
/// family's word still fires its own family), and the others in one more.
type Automata = (
    Vec<(AhoCorasick, Vec<Trigger>)>,
    (AhoCorasick, Vec<Trigger>),
);

fn build_triggers(data: &Data) -> Automata {
    const GROUP: usize = 32;
    let fixed = |words: &[&str]| -> Vec<String> { words.iter().map(|w| (*w).to_owned()).collect() };
    let families: Vec<(Trigger, Vec<String>)> = vec![
        (Trigger::Paywall, data.paywall.phrases.clone()),
        (
            Trigger::CountedPaywall,
            fixed(&[
                "全文共",
                "省略",
                "隐藏",
                "剩余",
                "还剩",
                "当前显示",
                "当前仅显示",
            ]),
        ),
        (Trigger::Disclaimer, data.disclaimer.phrases.clone()),
        (Trigger::Chatbot, data.chatbot.phrases.clone()),
        (Trigger::Advert, data.advert.contacts.clone()),
        (Trigger::Pointer, fixed(&["👉", "👈", "☞", "☜"])),
        (Trigger::Banner, data.banner.phrases.clone()),
        // A note names the site's wares (`范文`, `小编`, `5篇`); its offer and invitation are
        // checked by the validator.
        (
            Trigger::Note,
            fixed(&[
                "小编",
                "本站",
                "范文",
                "例文",
                "素材",
                "模板",
                "精选",
                "篇",
                "本文将",
                "小編",
                "範文",
            ]),
        ),
        (Trigger::Crumb, fixed(&["»", "›", "＞"])),
    ];
    let chinese = |w: &String| {
        w.chars()
            .next()
            .is_some_and(|c| ('\u{2e80}'..'\u{f900}').contains(&c))
    };
    let mut groups: Vec<(Vec<String>, Vec<Trigger>)> = Vec::new();
    let mut literals = Vec::new();
    for (trigger, words) in families {
        let (words, others): (Vec<String>, Vec<String>) = words.into_iter().partition(chinese);
        literals.extend(others.into_iter().map(|w| (w, trigger)));
        for chunk in words.chunks(GROUP) {
            if groups
                .last()
                .is_none_or(|(group, _)| group.len() + chunk.len() > GROUP)
            {
                groups.push((Vec::new(), Vec::new()));
            }
            let (group, of) = groups.last_mut().expect("a group was pushed");
            of.extend(std::iter::repeat_n(trigger, chunk.len()));
            group.extend(chunk.iter().cloned());
        }
    }
    let automaton = |words: &[String]| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Built fastest (a DFA is the default for a group this small): a cold check of
            // one draft waits for it, and the prefilter does most of the searching either way.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(words)
            .expect("trigger words build")
    };
    let automata = groups
        .into_iter()
        .map(|(words, of)| (automaton(&words), of))
        .collect();
    let (words, of): (Vec<String>, Vec<Trigger>) = literals.into_iter().unzip();
    (automata, (automaton(&words), of))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_syntax::hir::{Class, Hir, HirKind};

    /// Whether some match of `hir` can hold a line break (`\n`, or the `\r` a line ending
    /// may start with).
    fn may_hold_line_break(hir: &Hir) -> bool {
        let breaks = |c: u32| c == u32::from(b'\n') || c == u32::from(b'\r');
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => false,
            HirKind::Literal(literal) => literal.0.iter().any(|&b| breaks(u32::from(b))),
            HirKind::Class(Class::Unicode(class)) => class
                .ranges()
                .iter()
                .any(|r| (u32::from(r.start())..=u32::from(r.end())).any(breaks)),
            HirKind::Class(Class::Bytes(class)) => class
                .ranges()
                .iter()
                .any(|r| (u32::from(r.start())..=u32::from(r.end())).any(breaks)),
            HirKind::Repetition(repetition) => may_hold_line_break(&repetition.sub),
            HirKind::Capture(capture) => may_hold_line_break(&capture.sub),
            HirKind::Concat(parts) | HirKind::Alternation(parts) => {
                parts.iter().any(may_hold_line_break)
            }
        }
    }

    /// The scan searches these patterns line by line and memoises what it finds by the line's
    /// text ([`super::super::lines::LineFacts`]): that is only the same as searching the text
    /// if no match can hold a line break, nor be empty (an empty match could sit on one).
    #[test]
    fn no_pattern_searched_line_by_line_matches_a_line_break() {
        let patterns = &*PATTERNS;
        for (name, regex) in [
            ("spans", &*patterns.spans),
            ("line_starts", &*patterns.line_starts),
            ("code", &*patterns.code),
        ] {
            let hir = regex_syntax::parse(regex.as_str()).unwrap();
            assert!(!may_hold_line_break(&hir), "{name} can match a line break");
            assert!(
                hir.properties().minimum_len().is_some_and(|n| n > 0),
                "{name} can match the empty string"
            );
        }
        // The test itself tells a pattern that can cross a line from one that cannot.
        for (pattern, crosses) in [
            (r"[^。]+", true),
            (r"(?s:.)", true),
            (r"\s", true),
            (r"a\nb", true),
            (r"[^\r\n。]+", false),
            (r"(?mR)^第\d+页$", false),
            (r".", true),
            (r"(?R).", false),
        ] {
            let hir = regex_syntax::parse(pattern).unwrap();
            assert_eq!(may_hold_line_break(&hir), crosses, "{pattern}");
        }
    }
}
