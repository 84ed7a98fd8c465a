//! Residue from template sites and document conversion: page numbers, pagination, site
//! notices, bookmarks, addresses, compilation headers and leftover characters. The model treats
//! residue as non-text; the `residue` check reports it and offers to delete it.
//!
//! Detection is one scan of the whole text with a single combined regex (whole-line patterns
//! anchored to their line, span patterns anywhere); a few matches are then validated in code
//! and each residue gets the exact bytes its repair deletes.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde::Deserialize;

use super::{is_padding, SENTENCE_END};

/// What a residue span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResidueKind {
    /// `- 3 -`, `第 3 页`, `3/12` from a PDF or Word page footer.
    PageNumber,
    /// `共3页，当前第1页123`, `上一页 1 2 下一页`.
    Pagination,
    /// `相关推荐`, `上一篇：…`.
    Navigation,
    /// `来源：网络  作者：…  更新时间：…`, `《…》来源于…，欢迎阅读…`.
    SourceNote,
    /// `本文档由…收集整理，更多优质范文文档请移步…`.
    CollectionNotice,
    /// `下面是本站小编给大家整理的…，仅供参考。`
    EditorNote,
    /// A whole boilerplate paragraph (`范文为教学中作为模范的文章…`).
    Boilerplate,
    /// `文章标题：…`.
    ArticleTitle,
    /// The tag `范文` a site appends to a speech title.
    TitleTag,
    /// `[bookmark: _Toc1]` from a Word conversion.
    Bookmark,
    /// An address or domain name (`http://…`, `www.…`, `zhann.net`).
    Url,
    /// `2023年…交流发言(精选5篇)`, `…讲话（五篇）`.
    CompilationTitle,
    /// `第一篇：…` followed by the start of that speech, cut off with `...`.
    CompilationTeaser,
    /// U+FFFD, left where a converter could not decode a character.
    ReplacementChar,
    /// U+200B, U+200C, U+200D, U+2060, U+FEFF inside the text.
    ZeroWidth,
    /// U+00AD.
    SoftHyphen,
}

impl ResidueKind {
    /// What a Chinese reader is told the residue is.
    pub fn label(self) -> &'static str {
        match self {
            ResidueKind::PageNumber => "页码残留",
            ResidueKind::Pagination => "网页残留：分页导航",
            ResidueKind::Navigation => "网页残留：站点导航",
            ResidueKind::SourceNote => "网页残留：来源说明",
            ResidueKind::CollectionNotice => "网页残留：收集整理声明",
            ResidueKind::EditorNote => "网页残留：小编导语",
            ResidueKind::Boilerplate => "网页残留：范文说明",
            ResidueKind::ArticleTitle => "网页残留：文章标题",
            ResidueKind::TitleTag => "网页残留：标题后缀",
            ResidueKind::Bookmark => "书签残留",
            ResidueKind::Url => "网址",
            ResidueKind::CompilationTitle => "合集标题",
            ResidueKind::CompilationTeaser => "合集摘要",
            ResidueKind::ReplacementChar => "乱码字符",
            ResidueKind::ZeroWidth => "零宽字符",
            ResidueKind::SoftHyphen => "软连字符",
        }
    }

    /// Invisible or single characters: deleted alone, never with the spaces around them.
    pub fn is_character(self) -> bool {
        matches!(
            self,
            ResidueKind::ReplacementChar | ResidueKind::ZeroWidth | ResidueKind::SoftHyphen
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Residue {
    pub kind: ResidueKind,
    /// The residue itself: bytes that are not text (highlighted, left out of the prose).
    pub range: Range<usize>,
    /// Bytes the repair deletes: `range` with a separating space, the whole line with its line
    /// ending when the line holds nothing else, or — for a page break inside a sentence — all
    /// from the end of the first half to the start of the second. Disjoint between residues.
    pub delete: Range<usize>,
    /// The deletion joins the two halves of a sentence split by a page break.
    pub joins: bool,
}

/// Finds residue in the whole text, sorted by position and non-overlapping.
pub fn detect(text: &str) -> Vec<Residue> {
    let mut found = scan(text);
    if found.is_empty() {
        return found;
    }
    set_deletes(text, &mut found);
    found
}

/// Keeps only residue that touches readable text, given the lines' readable pieces before
/// residue is subtracted (in Markdown, a link target or a code block is not prose, so an
/// address there is not residue).
pub fn retain_readable(residue: &mut Vec<Residue>, lines: &[super::Line]) {
    residue.retain(|r| {
        let index = lines.partition_point(|l| l.range.end < r.range.start);
        lines.get(index).is_some_and(|line| {
            line.pieces
                .iter()
                .any(|p| p.start < r.range.end && r.range.start < p.end)
        })
    });
}

// ---------------------------------------------------------------------------------------------
// Patterns

#[derive(Deserialize)]
struct Data {
    navigation: NavigationData,
    source: SourceData,
    notice: NoticeData,
    title: TitleData,
    url: UrlData,
}

#[derive(Deserialize)]
struct NavigationData {
    pagination: Vec<String>,
    site: Vec<String>,
    labelled: Vec<String>,
}

#[derive(Deserialize)]
struct SourceData {
    fields: Vec<String>,
    alone: Vec<String>,
}

#[derive(Deserialize)]
struct NoticeData {
    boilerplate: Vec<String>,
}

#[derive(Deserialize)]
struct TitleData {
    genres: Vec<String>,
}

#[derive(Deserialize)]
struct UrlData {
    tlds: Vec<String>,
}

/// Horizontal padding: spaces, tabs, the full-width space, no-break space, a stray BOM.
const H: &str = r"[ \t\u{3000}\u{a0}\u{feff}]";
/// Any character of a line.
const L: &str = r"[^\r\n]";
/// A Word bookmark left by a converter.
const BOOKMARK: &str = r"\[bookmark:[ \t]*[^\]\r\n]{1,60}\]";

/// The alternatives of the combined pattern, in priority order: at one position the first
/// that matches wins, so whole-line patterns (which start at the line start) come first.
struct Alternative {
    group: &'static str,
    kind: ResidueKind,
    /// Anchored to a whole line (after an optional bookmark), or a span anywhere.
    whole_line: bool,
    pattern: String,
}

struct Patterns {
    combined: Regex,
    alternatives: Vec<Alternative>,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(build_patterns);

/// Matches a line start that reads as an ordinal or heading, never a sentence's second half.
static ORDINAL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十百]+[、.．是要]|首先|其次|再次|最后|同志们|[（(]|\d+[.、．)）]|第[一二三四五六七八九十]+[，、,：:]|[①-⑳]|#)")
        .expect("ordinal pattern compiles")
});

fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    // Longest first, so `上一篇文章` is preferred to `上一篇`.
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let parts: Vec<String> = sorted.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", parts.join("|"))
}

fn build_patterns() -> Patterns {
    let data: Data =
        toml::from_str(include_str!("../../data/residue.toml")).expect("data/residue.toml parses");
    let page_words = alternation(&data.navigation.pagination);
    let site_words = alternation(&data.navigation.site);
    let labelled = alternation(&data.navigation.labelled);
    let fields = alternation(&data.source.fields);
    let alone = alternation(&data.source.alone);
    let openings = alternation(&data.notice.boilerplate);
    let genres = alternation(&data.title.genres);
    let tlds = alternation(&data.url.tlds);
    let dash = "[-－–—]";
    let sep = r"[\d \t\u{3000}|｜/·•»>«<]";
    let value = r"[^\r\n。，；！？]{0,40}?";
    let count = r"[\d一二三四五六七八九十百]{1,3}";
    use ResidueKind::*;
    let whole = |group, kind, pattern: String| Alternative {
        group,
        kind,
        whole_line: true,
        pattern,
    };
    let span = |group, kind, pattern: String| Alternative {
        group,
        kind,
        whole_line: false,
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
        whole(
            "navigation",
            Navigation,
            format!(r"{site_words}(?:{H}*[|｜/·•]?{H}*{site_words})*"),
        ),
        whole(
            "navigation_labelled",
            Navigation,
            format!(r"{labelled}{H}*[：:>»]{L}{{0,80}}"),
        ),
        whole(
            "byline",
            SourceNote,
            format!(r"{fields}{H}*[：:]{value}(?:{H}*{fields}{H}*[：:]{value})+"),
        ),
        whole(
            "byline_alone",
            SourceNote,
            format!(r"{alone}{H}*[：:][^\r\n。，；！？]{{1,30}}"),
        ),
        whole(
            "article_title",
            ArticleTitle,
            format!(r"(?:文章标题|原文标题){H}*[：:]{L}{{1,80}}"),
        ),
        whole("boilerplate", Boilerplate, format!(r"{openings}{L}*")),
        whole(
            "compilation_teaser",
            CompilationTeaser,
            format!(r"第{count}篇{H}*[：:]{L}{{4,}}?(?:\.{{3,}}|…+|。。。)"),
        ),
        whole(
            "compilation_title",
            CompilationTitle,
            format!(
                r"[^\r\n。！？；\[]{{2,80}}?(?:[(（【\[]{H}*(?:精选|通用|最新|优秀|热门|推荐|实用|经典|必备|范文)?{H}*{count}{H}*篇(?:范文|合集|精选)?{H}*[)）】\]]|[(（【\[](?:合集|汇编|大全|精选合集|范文大全)[)）】\]])(?:范文)?"
            ),
        ),
        whole(
            "title_tag",
            TitleTag,
            format!(r"[^\r\n。，！？；\[]{{2,60}}?{genres}(?P<tag>范文)"),
        ),
        span("bookmark", Bookmark, BOOKMARK.to_owned()),
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
        span(
            "editor_note",
            EditorNote,
            r"(?:下面|以下)就?是(?:本站(?:小编)?|小编)(?:为|给|帮)?(?:大家|您|你)?(?:精心)?(?:收集|整理|搜集|准备|带来|分享|推荐)[^\r\n。！？]{0,120}?(?:仅供参考|欢迎阅读|欢迎大家|希望(?:能)?对|供大家|一起来看看)[^\r\n。！？]{0,40}(?:[。！？!?]|$)"
                .to_owned(),
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
    ];
    let parts: Vec<String> = alternatives
        .iter()
        .map(|a| {
            if a.whole_line {
                format!(
                    r"^{H}*(?:{BOOKMARK}{H}*)?(?P<{}>{}){H}*$",
                    a.group, a.pattern
                )
            } else {
                format!("(?P<{}>{})", a.group, a.pattern)
            }
        })
        .collect();
    let combined =
        Regex::new(&format!("(?mR){}", parts.join("|"))).expect("residue patterns compile");
    Patterns {
        combined,
        alternatives,
    }
}

// ---------------------------------------------------------------------------------------------
// Scanning

/// All residue spans, sorted and non-overlapping; `delete` not yet set.
fn scan(text: &str) -> Vec<Residue> {
    let patterns = &*PATTERNS;
    let mut found = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(caps) = patterns.combined.captures_at(text, pos) else {
            break;
        };
        let whole = caps.get(0).expect("group 0 always matches");
        let accepted = patterns
            .alternatives
            .iter()
            .find_map(|a| caps.name(a.group).map(|m| (a, m.range())))
            .and_then(|(alternative, body)| accept(text, alternative, body, &caps));
        match accepted {
            Some(spans) => {
                // A bookmark in front of a whole-line residue is its own finding.
                let prefix = whole.start()..spans.first().map_or(whole.end(), |s| s.1.start);
                if let Some(bookmark) = text[prefix.clone()].find("[bookmark:") {
                    let start = prefix.start + bookmark;
                    if let Some(close) = text[start..prefix.end].find(']') {
                        found.push(residue(ResidueKind::Bookmark, start..start + close + 1));
                    }
                }
                found.extend(spans.into_iter().map(|(kind, range)| residue(kind, range)));
                pos = whole.end().max(whole.start() + 1);
            }
            None => pos = whole.start() + 1,
        }
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    found
}

fn residue(kind: ResidueKind, range: Range<usize>) -> Residue {
    Residue {
        kind,
        delete: range.clone(),
        range,
        joins: false,
    }
}

/// Validates a match in code where a pattern cannot, and returns its residue spans.
fn accept(
    text: &str,
    alternative: &Alternative,
    body: Range<usize>,
    caps: &Captures<'_>,
) -> Option<Vec<(ResidueKind, Range<usize>)>> {
    let kind = alternative.kind;
    let slice = &text[body.clone()];
    match alternative.group {
        "page_ratio" => {
            // `3/12`: a page of a count; `12/3` or `0/5` is something else.
            let (a, b) = slice.split_once('/')?;
            let a: u32 = a.trim_matches(is_padding).parse().ok()?;
            let b: u32 = b.trim_matches(is_padding).parse().ok()?;
            (a >= 1 && a <= b).then_some(())?;
        }
        "pagination_links" | "navigation" => {
            // A line of digits and separators only is not navigation (the words are required
            // by the pattern, but keep the line short: a menu, not a sentence).
            (slice.chars().count() <= 60).then_some(())?;
        }
        "title_tag" => {
            let tag = caps.name("tag")?.range();
            return Some(vec![(kind, tag)]);
        }
        "url" => {
            let range = trim_url(text, body)?;
            return Some(vec![(kind, range)]);
        }
        "page_glued" => {
            // `- 4 -` between words, not `3-4-5` or a dash list `——`.
            let before = text[..body.start].chars().next_back();
            let after = text[body.end..].chars().next();
            let bad = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || "-－–—".contains(c))
            };
            (!bad(before) && !bad(after)).then_some(())?;
        }
        "zero_width" => {
            // A byte-order mark opening the file is an encoding marker, and a joiner inside an
            // emoji sequence is part of the emoji.
            if body.start == 0 && slice == "\u{feff}" {
                return None;
            }
            let before = text[..body.start].chars().next_back();
            let after = text[body.end..].chars().next();
            if slice == "\u{200d}" && (before.is_some_and(is_emoji) || after.is_some_and(is_emoji))
            {
                return None;
            }
        }
        _ => {}
    }
    Some(vec![(kind, body)])
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F)
}

/// An address without the punctuation that closes the sentence around it; `None` when what
/// is left is not an address (`1.5.cn`).
fn trim_url(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let trimmed = slice.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', ')']);
    let end = range.start + trimmed.len();
    let host = trimmed
        .split("://")
        .last()
        .unwrap_or(trimmed)
        .split('/')
        .next()
        .unwrap_or("");
    // A host needs a letter and a dot: `3.5` or `v2` is not an address.
    let ok = host.contains('.') && host.chars().any(|c| c.is_ascii_alphabetic());
    (ok && end > range.start).then_some(range.start..end)
}

// ---------------------------------------------------------------------------------------------
// Repairs

/// Sets what each residue's repair deletes (see [`Residue::delete`]).
fn set_deletes(text: &str, found: &mut [Residue]) {
    // 1. The span with the space that separates it from its neighbours.
    let mut floor = 0;
    for r in found.iter_mut() {
        if r.kind.is_character() {
            r.delete = r.range.clone();
        } else {
            let start = skip_back(text, r.range.start, floor, is_horizontal);
            let mut end = skip_forward(text, r.range.end, is_horizontal);
            let outer_before = text[..start].chars().next_back();
            let outer_after = text[end..].chars().next();
            // Between two ASCII words one space stays: `a - 1 - b` becomes `a b`.
            if end > r.range.end
                && outer_before.is_some_and(|c| c.is_ascii_graphic())
                && outer_after.is_some_and(|c| c.is_ascii_graphic())
            {
                end = r.range.end;
            }
            r.delete = start..end;
        }
        floor = r.delete.end;
    }
    // Never let a span's space run into the next residue.
    for i in 1..found.len() {
        let next_start = found[i].delete.start;
        if found[i - 1].delete.end > next_start {
            found[i - 1].delete.end = next_start.max(found[i - 1].range.end);
        }
    }

    // 2. A line that holds nothing but residue goes as a whole, line ending included.
    let mut first = 0;
    while first < found.len() {
        let line = line_around(text, found[first].range.start);
        let mut last = first;
        while last + 1 < found.len() && found[last + 1].range.start < line.end {
            last += 1;
        }
        if covers_line(text, &line, &found[first..=last]) {
            let next_line = line_end_with_break(text, line.end);
            for i in first..=last {
                let start = if i == first {
                    line.start
                } else {
                    found[i].range.start
                };
                let end = if i == last {
                    next_line
                } else {
                    found[i + 1].range.start
                };
                found[i].delete = start..end;
            }
        }
        first = last + 1;
    }

    // 3. A page number that cut a sentence in two: delete it and join the halves.
    for i in 0..found.len() {
        if found[i].kind != ResidueKind::PageNumber {
            continue;
        }
        let previous_end = i.checked_sub(1).map_or(0, |p| found[p].range.end);
        let next_start = found.get(i + 1).map_or(text.len(), |n| n.range.start);
        if let Some(join) = page_break_join(text, &found[i].range, previous_end, next_start) {
            found[i].delete = join;
            found[i].joins = true;
        }
    }
}

fn is_horizontal(c: char) -> bool {
    is_padding(c) && c != '\n' && c != '\r'
}

fn skip_back(text: &str, mut at: usize, floor: usize, keep: fn(char) -> bool) -> usize {
    while at > floor {
        match text[..at].chars().next_back() {
            Some(c) if keep(c) => at -= c.len_utf8(),
            _ => break,
        }
    }
    at
}

fn skip_forward(text: &str, mut at: usize, keep: fn(char) -> bool) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if !keep(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// The line (without its ending) that contains byte `at`.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

/// The offset after the line ending that starts at `line_end` (or the text's end).
fn line_end_with_break(text: &str, line_end: usize) -> usize {
    let rest = &text[line_end..];
    if rest.starts_with("\r\n") {
        line_end + 2
    } else if rest.starts_with('\n') {
        line_end + 1
    } else {
        line_end
    }
}

/// True when everything on the line but padding is residue.
fn covers_line(text: &str, line: &Range<usize>, residue: &[Residue]) -> bool {
    let mut at = line.start;
    for r in residue {
        if r.range.start < at || !text[at..r.range.start].chars().all(is_padding) {
            return false;
        }
        at = r.range.end;
    }
    at <= line.end && text[at..line.end].chars().all(is_padding)
}

/// The deletion that removes a page number together with the line break it sits on, when it
/// cut a sentence in two (`…认真学 - 4 -` / `习别人…`). `None` when the text before ends a
/// sentence or reads as a heading, when the text after starts a new item, or when no line
/// break separates the halves (then a plain deletion already joins them).
fn page_break_join(
    text: &str,
    page: &Range<usize>,
    previous_residue_end: usize,
    next_residue_start: usize,
) -> Option<Range<usize>> {
    let before = skip_back(text, page.start, 0, is_padding);
    let after = skip_forward(text, page.end, is_padding);
    // The halves must be text, not other residue, and on different lines.
    if before == 0 || before <= previous_residue_end || after >= text.len() {
        return None;
    }
    if after >= next_residue_start || !text[before..after].contains('\n') {
        return None;
    }
    let last = text[..before].chars().next_back()?;
    if SENTENCE_END.contains(&last) {
        return None;
    }
    let first_half = &text[line_around(text, before).start..before];
    let body_like = first_half.contains(['，', '、', ',', '；']) || first_half.chars().count() > 25;
    let second_line = &text[after..line_around(text, after).end];
    if !body_like || ORDINAL_START.is_match(second_line) {
        return None;
    }
    Some(before..after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(ResidueKind, &str)> {
        detect(text)
            .into_iter()
            .map(|r| (r.kind, &text[r.range]))
            .collect()
    }

    #[test]
    fn patterns_compile() {
        assert!(!PATTERNS.alternatives.is_empty());
    }

    #[test]
    fn nothing_in_clean_text() {
        let text = "同志们：\n今天我们召开全县工作会议。\n第3页的表格显示，2019-2020年收入增长。\n——这是我们的目标。\n资金来源于县财政，来源清楚。\n《XX日报》刊发了评论。\n";
        assert_eq!(kinds(text), vec![]);
    }

    #[test]
    fn whole_line_residue_deletes_the_line() {
        let text = "第一段话。\n共3页，当前第1页123\n第二段话。\n";
        let found = detect(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "共3页，当前第1页123");
        assert_eq!(&text[found[0].delete.clone()], "共3页，当前第1页123\n");
    }

    #[test]
    fn bookmark_before_a_compilation_title_is_two_residues() {
        let text = "[bookmark: _Toc9]在全县春耕动员会上的讲话（三篇）\r\n第一篇：讲话\r\n";
        let found = detect(text);
        let got: Vec<_> = found
            .iter()
            .map(|r| (r.kind, &text[r.range.clone()], &text[r.delete.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    ResidueKind::Bookmark,
                    "[bookmark: _Toc9]",
                    "[bookmark: _Toc9]"
                ),
                (
                    ResidueKind::CompilationTitle,
                    "在全县春耕动员会上的讲话（三篇）",
                    "在全县春耕动员会上的讲话（三篇）\r\n"
                ),
            ]
        );
    }

    #[test]
    fn deletes_never_overlap() {
        let text = "甲 www.abc.com - 3 - 乙\n\u{200B}\u{FFFD}\n";
        let found = detect(text);
        assert_eq!(found.len(), 4, "{found:?}");
        for pair in found.windows(2) {
            assert!(pair[0].delete.end <= pair[1].delete.start, "{found:?}");
        }
    }

    #[test]
    fn bom_at_file_start_and_emoji_joiner_are_not_residue() {
        assert_eq!(kinds("\u{feff}同志们：\n"), vec![]);
        assert_eq!(kinds("一家人👨\u{200d}👩\u{200d}👧团聚。"), vec![]);
    }
}
