//! Residue from template sites and document conversion: page numbers, pagination, site
//! furniture (navigation, breadcrumbs, the site's name), paywall notices, download buttons,
//! adverts, platform disclaimers, editorial blurbs, page metadata, a site-generated table of
//! contents, pinyin left by a reading aid, pasted CSS/HTML, compilation headers and labels,
//! a document site's chunk numbers, bookmarks, addresses and leftover characters. The model
//! treats residue as non-text; the `residue` check reports it and offers to delete it.
//!
//! Detection is linear and compiled once ([`patterns`]): one pass over the lines, where a
//! cheap test on a line's length and first and last character picks the few lines the
//! combined whole-line regex is tried on, and the trigger words found by one Aho-Corasick
//! pass over the text send the lines holding them to their family's validator ([`lines`]);
//! one search of the combined span regex over the text; addresses looked for only around
//! ASCII dots. A few matches are then validated in code, and each residue gets the exact bytes
//! its repair deletes. (One regex for everything is two orders of magnitude slower: the
//! automata's states multiply and no literal prefilter applies.)

mod lines;
mod patterns;

use std::ops::Range;

use regex::{Captures, Regex};
use std::sync::LazyLock;

use self::lines::{Found, TextLine};
use self::patterns::{Alternative, Patterns, PATTERNS};
use super::{is_padding, line_ranges, ordinal, trimmed, SENTENCE_END};

/// What a residue span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResidueKind {
    /// `- 3 -`, `第 3 页`, `3/12` from a PDF or Word page footer; `第1页共4页` glued to the
    /// text; a line of bare numbers.
    PageNumber,
    /// `共3页，当前第1页123`, `上一页 1 2 下一页`.
    Pagination,
    /// `相关推荐`, `上一篇：…`, `手机版`, `登录 | 注册`, `收藏《…》`.
    Navigation,
    /// `首页 > 讲话 > …`, `当前位置：…`.
    Breadcrumb,
    /// The site's name alone, with its slogan or in a greeting (`欢迎来到…范文网！`).
    SiteName,
    /// `来源：网络  作者：…  更新时间：…`, `《…》来源于…，欢迎阅读…`.
    SourceNote,
    /// `时间：2022-05-11 11:04:00`, `浏览次数：11`, `人气：45`, `编号：541193579`, a bare
    /// machine date, `[此文共11151字]`.
    PageMetadata,
    /// `本文档由…收集整理，更多优质范文文档请移步…`.
    CollectionNotice,
    /// `下面是本站小编给大家整理的…，仅供参考。`, with the blurb paragraph it closes.
    EditorNote,
    /// `导语：…`, `核心提示：…`, `【阅读指引】…`, a site's blurb paragraph (`…以下是我为大家
    /// 搜集的优质范文，仅供参考`).
    Blurb,
    /// A whole boilerplate paragraph (`范文为教学中作为模范的文章…`).
    Boilerplate,
    /// `试读结束…`, `开通VIP…下载`, `此处隐藏N个字`, `（未完，全文共N字，当前显示N字）`.
    Paywall,
    /// `下载文档`, `一键复制全文`, `合集下载`.
    DownloadButton,
    /// `请点击👉 … 👈联系老师`.
    Advert,
    /// `1、下载文档前请自行甄别…`, `…不代表本站观点`.
    Disclaimer,
    /// `《….docx》由会员分享，可在线阅读…`.
    DocumentBanner,
    /// A chatbot's tail after the text it wrote (`这篇内容既符合您的需求…`).
    ChatbotNote,
    /// `（精选文档）`, `（仅供学习）`, `【以稿换稿】`.
    SiteTag,
    /// `| 某某2`: the uploader's name.
    Uploader,
    /// `文章标题：…`, `本文标题：…`.
    ArticleTitle,
    /// The tag `范文` a site appends to a speech title.
    TitleTag,
    /// A site-generated table of contents (`目录/提纲：……`, the titles, `……`).
    TableOfContents,
    /// `[bookmark: _Toc1]` from a Word conversion.
    Bookmark,
    /// An address or domain name (`http://…`, `www.…`, `zhann.net`).
    Url,
    /// CSS or HTML pasted with the text (`@page { size: … }`, `</p>`, `&nbsp;`).
    Code,
    /// Toned pinyin a reading aid put after a character (`聯(lián)`).
    Pinyin,
    /// `2023年…交流发言(精选5篇)`, `…讲话（五篇）`, `…致辞5篇`.
    CompilationTitle,
    /// The label of one piece of a compilation: `…例文【第一篇】`, `【…致辞一】`, `…致辞(1)`,
    /// `02`, and the lone `第1篇` / `…篇1` of a page cut off after its first piece.
    CompilationLabel,
    /// `第一篇：…` followed by the start of that speech, cut off with `...`.
    CompilationTeaser,
    /// `1、` `2、` `3、` a document site put before each chunk of a text, cutting sentences.
    ChunkMarker,
    /// U+FFFD, left where a converter could not decode a character.
    ReplacementChar,
    /// U+200B, U+200C, U+200D, U+2060, U+FEFF inside the text.
    ZeroWidth,
    /// U+00AD.
    SoftHyphen,
    /// A private-use character (U+E000–U+F8FF): a glyph lost in conversion, shown as □.
    PrivateUse,
}

impl ResidueKind {
    /// What a Chinese reader is told the residue is.
    pub fn label(self) -> &'static str {
        match self {
            ResidueKind::PageNumber => "页码残留",
            ResidueKind::Pagination => "网页残留：分页导航",
            ResidueKind::Navigation => "网页残留：站点导航",
            ResidueKind::Breadcrumb => "网页残留：面包屑导航",
            ResidueKind::SiteName => "网页残留：网站名称",
            ResidueKind::SourceNote => "网页残留：来源说明",
            ResidueKind::PageMetadata => "网页残留：发布信息",
            ResidueKind::CollectionNotice => "网页残留：收集整理声明",
            ResidueKind::EditorNote => "网页残留：小编导语",
            ResidueKind::Blurb => "网页残留：网站导语",
            ResidueKind::Boilerplate => "网页残留：范文说明",
            ResidueKind::Paywall => "网页残留：付费提示",
            ResidueKind::DownloadButton => "网页残留：下载按钮",
            ResidueKind::Advert => "网页残留：广告",
            ResidueKind::Disclaimer => "网页残留：平台声明",
            ResidueKind::DocumentBanner => "网页残留：文档分享说明",
            ResidueKind::ChatbotNote => "AI回复残留",
            ResidueKind::SiteTag => "网页残留：网站标注",
            ResidueKind::Uploader => "网页残留：上传者",
            ResidueKind::ArticleTitle => "网页残留：文章标题",
            ResidueKind::TitleTag => "网页残留：标题后缀",
            ResidueKind::TableOfContents => "网页残留：网站生成的目录",
            ResidueKind::Bookmark => "书签残留",
            ResidueKind::Url => "网址",
            ResidueKind::Code => "代码残留（CSS/HTML）",
            ResidueKind::Pinyin => "拼音注音残留",
            ResidueKind::CompilationTitle => "合集标题",
            ResidueKind::CompilationLabel => "合集序号",
            ResidueKind::CompilationTeaser => "合集摘要",
            ResidueKind::ChunkMarker => "文档分段序号",
            ResidueKind::ReplacementChar => "乱码字符",
            ResidueKind::ZeroWidth => "零宽字符",
            ResidueKind::SoftHyphen => "软连字符",
            ResidueKind::PrivateUse => "私用区字符（转换时丢失的字形）",
        }
    }

    /// Invisible or single characters: deleted alone, never with the spaces around them.
    pub fn is_character(self) -> bool {
        matches!(
            self,
            ResidueKind::ReplacementChar
                | ResidueKind::ZeroWidth
                | ResidueKind::SoftHyphen
                | ResidueKind::PrivateUse
        )
    }

    /// Deleted exactly, without the spaces around it: characters, and residue glued inside a
    /// word (`聯(lián)合`).
    fn deletes_exactly(self) -> bool {
        self.is_character() || self == ResidueKind::Pinyin
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Residue {
    pub kind: ResidueKind,
    /// The residue itself: bytes that are not text (highlighted, left out of the prose).
    pub range: Range<usize>,
    /// Bytes the repair deletes: `range` with a separating space, the whole line with its line
    /// ending when the line holds nothing else, or — for a page break or a chunk number inside
    /// a sentence — all from the end of the first half to the start of the second. Disjoint
    /// between residues.
    pub delete: Range<usize>,
    /// The deletion joins the two halves of a sentence split by a page break or a chunk number.
    pub joins: bool,
}

/// Empties the residue layer's memo tables (see [`crate::memo`]).
pub(super) fn clear_memo() {
    lines::clear_memo();
}

/// Compiles every residue pattern now (the server does, off the protocol path).
pub fn compile_patterns() {
    PATTERNS.compile_all();
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
// Scanning

/// All residue spans, sorted and non-overlapping; `delete` not yet set. Whole-line residue
/// wins over spans inside the same line (a notice's own domain name is part of the notice).
fn scan(text: &str) -> Vec<Residue> {
    let patterns = &*PATTERNS;
    let lines: Vec<TextLine> = line_ranges(text)
        .map(|range| TextLine {
            content: trimmed(text, range.clone()),
            range,
        })
        .collect();
    let facts = lines::line_facts(text, &lines, patterns);
    // Residue of whole lines (`covered`), and spans found by reading a line.
    let mut whole: Vec<Residue> = Vec::new();
    let mut covered = vec![false; lines.len()];
    let mut partial: Vec<Residue> = Vec::new();
    let mut piece_labels = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let content = &text[line.content.clone()];
        if content.is_empty() {
            continue;
        }
        let facts = facts[i];
        // Searched as its own haystack: the search cannot run past the line.
        let haystack = &text[line.range.clone()];
        // The whole-line patterns match the line, or what follows a bookmark at its start
        // (tried first); read only where the line's facts say one matches at all.
        if facts.whole {
            let rest = patterns.after_bookmark(haystack);
            let mut candidates = patterns
                .line_candidates(haystack, content, rest)
                .filter_map(|regex| {
                    rest.and_then(|at| Some((at, regex.captures(&haystack[at..])?)))
                        .or_else(|| Some((0, regex.captures(haystack)?)))
                });
            if candidates.any(|(at, caps)| {
                let base = line.range.start + at;
                take_line(text, line.range.start, base, &caps, patterns, &mut whole)
            }) {
                covered[i] = true;
                continue;
            }
        }
        if facts.starts {
            if let Some(caps) = patterns.line_starts.captures(haystack) {
                take(text, line.range.start, &caps, patterns, &mut partial);
            }
        }
        if facts.code {
            for caps in patterns.code.captures_iter(haystack) {
                take(text, line.range.start, &caps, patterns, &mut partial);
            }
        }
        if let Some(end) = lines::table_of_contents(text, &lines, i, patterns).map(|r| r.end) {
            for j in i..end {
                if !lines[j].content.is_empty() && !covered[j] {
                    whole.push(lines::residue(
                        ResidueKind::TableOfContents,
                        lines[j].content.clone(),
                    ));
                    covered[j] = true;
                }
            }
            continue;
        }
        if facts.triggers != 0 {
            match lines::by_trigger(text, line, facts.triggers, patterns) {
                Some(Found::Line(kind)) => {
                    if matches!(kind, ResidueKind::Blurb | ResidueKind::EditorNote) {
                        // The blurb's paragraph may have started on an earlier line.
                        for j in lines::blurb_start(text, &lines, &covered, i)..i {
                            if !lines[j].content.is_empty() {
                                whole.push(lines::residue(kind, lines[j].content.clone()));
                                covered[j] = true;
                            }
                        }
                    }
                    whole.push(lines::residue(kind, line.content.clone()));
                    covered[i] = true;
                    continue;
                }
                Some(Found::Span(kind, range)) => partial.push(lines::residue(kind, range)),
                None => {}
            }
        }
        if ordinal::starts_with_speech_number(content) || has_pian(content) {
            piece_labels.push(i);
        }
    }
    piece_labels.retain(|&i| {
        !covered[i] && ordinal::speech_separator(&text[lines[i].content.clone()]).is_some()
    });
    if lines::lone_piece_label(text, &lines, &piece_labels) {
        let i = piece_labels[0];
        let label = lines::residue(ResidueKind::CompilationLabel, lines[i].content.clone());
        whole.push(label);
        covered[i] = true;
    }
    for (i, marker) in lines::chunk_markers(text, &lines) {
        if !covered[i] {
            let mut found = lines::residue(ResidueKind::ChunkMarker, marker);
            // Every number after the first cuts a sentence: its repair joins the halves.
            found.joins = !text[found.range.clone()].starts_with("1、");
            partial.push(found);
        }
    }

    // No span pattern matches a line break, so the spans of the text are those of its lines,
    // searched where the line's facts say a pattern matches (each line's haystack runs from
    // the text's start, so what precedes the line reads as in the text).
    let mut spans = Vec::new();
    for (line, facts) in lines.iter().zip(&facts) {
        if !facts.spans {
            continue;
        }
        let haystack = &text[..line.range.end];
        let mut pos = line.range.start;
        while pos <= haystack.len() {
            let Some(caps) = patterns.spans.captures_at(haystack, pos) else {
                break;
            };
            let whole_match = caps.get(0).expect("group 0 always matches").range();
            pos = if take(text, 0, &caps, patterns, &mut spans) {
                whole_match.end.max(whole_match.start + 1)
            } else {
                whole_match.start + 1
            };
            while pos < haystack.len() && !haystack.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
    // A notice taken back over the ellipsis before it stops where the span before it ends.
    for i in 1..spans.len() {
        let previous_end = spans[i - 1].range.end;
        if spans[i].range.start < previous_end {
            spans[i].range.start = previous_end.min(spans[i].range.end);
        }
    }
    spans.retain(|s| !s.range.is_empty());
    merge_addresses(text, patterns, &mut spans);
    // Spans a line's reading found win over the pattern spans they overlap.
    if !partial.is_empty() {
        // Two readings of one line may overlap: the earlier (then the longer) span wins.
        partial.sort_by_key(|r| (r.range.start, std::cmp::Reverse(r.range.end)));
        let mut end = 0;
        partial.retain(|r| {
            let keep = r.range.start >= end;
            if keep {
                end = r.range.end;
            }
            keep
        });
        spans.retain(|s| !overlaps_any(&partial, &s.range));
        spans.extend(partial);
        spans.sort_by_key(|r| r.range.start);
    }
    if whole.is_empty() {
        return spans;
    }
    whole.sort_by_key(|r| r.range.start);
    spans.retain(|span| {
        let line = lines.partition_point(|l| l.range.end < span.range.start);
        !covered.get(line).copied().unwrap_or(false)
    });
    whole.extend(spans);
    whole.sort_by_key(|r| r.range.start);
    whole
}

/// Whether `line` holds `篇`, by memchr's vectorised search with a searcher built once (asked of
/// every line). The standard search for one Chinese character looks for its last UTF-8 byte,
/// which most Chinese characters share.
fn has_pian(line: &str) -> bool {
    static PIAN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("篇".as_bytes()));
    PIAN.find(line.as_bytes()).is_some()
}

/// True when `range` overlaps one of `sorted` (sorted by start and disjoint).
fn overlaps_any(sorted: &[Residue], range: &Range<usize>) -> bool {
    let before_end = sorted.partition_point(|s| s.range.start < range.end);
    before_end > 0 && sorted[before_end - 1].range.end > range.start
}

/// Finds addresses in the runs of address characters around each ASCII dot and adds those
/// that do not overlap another span.
fn merge_addresses(text: &str, patterns: &Patterns, spans: &mut Vec<Residue>) {
    let is_address_char = |b: u8| b.is_ascii_alphanumeric() || b"-._~:/?#@!$&'*+,;=%".contains(&b);
    let bytes = text.as_bytes();
    let mut addresses = Vec::new();
    let mut from = 0;
    while let Some(dot) = text[from..].find('.').map(|i| from + i) {
        let mut start = dot;
        while start > 0 && is_address_char(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = dot + 1;
        while end < bytes.len() && is_address_char(bytes[end]) {
            end += 1;
        }
        // The run is ASCII and bounded by non-address characters, so it is a haystack of its
        // own with the same word boundaries as in the text.
        let run = &text[start..end];
        let mut pos = 0;
        while let Some(caps) = patterns.addresses.captures_at(run, pos) {
            let whole = caps.get(0).expect("group 0 always matches").range();
            take(text, start, &caps, patterns, &mut addresses);
            pos = whole.end.max(whole.start + 1);
        }
        from = end;
    }
    if addresses.is_empty() {
        return;
    }
    addresses.retain(|a| !overlaps_any(spans, &a.range));
    spans.extend(addresses);
    spans.sort_by_key(|r| r.range.start);
}

/// Validates one match (found in a haystack that starts at `base` in the text) and records
/// its residue; false when the match is rejected.
fn take(
    text: &str,
    base: usize,
    caps: &Captures<'_>,
    patterns: &Patterns,
    found: &mut Vec<Residue>,
) -> bool {
    let start = base + caps.get(0).expect("group 0 always matches").start();
    take_line(text, start, base, caps, patterns, found)
}

/// [`take`] for a match that stands for `start..` (its end), though it was found in the
/// text from `base` on: a whole-line match after the bookmark starting the line at `start`.
fn take_line(
    text: &str,
    start: usize,
    base: usize,
    caps: &Captures<'_>,
    patterns: &Patterns,
    found: &mut Vec<Residue>,
) -> bool {
    let shift = |r: Range<usize>| r.start + base..r.end + base;
    let end = shift(caps.get(0).expect("group 0 always matches").range()).end;
    let whole = start..end;
    let accepted = patterns
        .alternatives
        .iter()
        .find_map(|a| caps.name(a.group).map(|m| (a, shift(m.range()))))
        .filter(|(a, body)| text[body.clone()].chars().nth(a.max_chars).is_none())
        .and_then(|(alternative, body)| {
            let tag = caps.name("tag").map(|m| shift(m.range()));
            accept(text, patterns, alternative, body, tag)
        });
    let Some(spans) = accepted else {
        return false;
    };
    // A bookmark in front of a whole-line residue is its own finding.
    let prefix = whole.start
        ..spans
            .first()
            .map_or(whole.end, |s| s.1.start.max(whole.start));
    if let Some(bookmark) = text[prefix.clone()].find("[bookmark:") {
        let start = prefix.start + bookmark;
        if let Some(close) = text[start..prefix.end].find(']') {
            found.push(lines::residue(
                ResidueKind::Bookmark,
                start..start + close + 1,
            ));
        }
    }
    found.extend(
        spans
            .into_iter()
            .map(|(kind, range)| lines::residue(kind, range)),
    );
    true
}

/// Validates a match in code where a pattern cannot, and returns its residue spans.
fn accept(
    text: &str,
    patterns: &Patterns,
    alternative: &Alternative,
    body: Range<usize>,
    tag: Option<Range<usize>>,
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
        "pagination_links" | "navigation" | "buttons" => {
            // A line of digits and separators only is not navigation (the words are required
            // by the pattern, but keep the line short: a menu, not a sentence).
            (slice.chars().count() <= 60).then_some(())?;
        }
        "metadata_dated" => {
            // A bare date needs its year (`10-28` alone is not evidence), and a `时间：` line
            // beside `地点：` is a meeting's agenda.
            let labelled = !slice.starts_with(|c: char| c.is_ascii_digit());
            if !labelled && !slice.contains(['-', '/']) {
                return None;
            }
            let year = slice.split(['-', '/']).next().is_some_and(|y| {
                let y = y.trim_start_matches(|c: char| !c.is_ascii_digit());
                y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())
            });
            if !labelled && !year {
                return None;
            }
            if labelled && lines::near_agenda(text, line_around(text, body.start), patterns) {
                return None;
            }
        }
        "byline" => {
            // Without a source or an author the row is the page's publishing data.
            let source = ["来源", "作者", "出处", "编辑"]
                .iter()
                .any(|w| slice.contains(w));
            if !source {
                return Some(vec![(ResidueKind::PageMetadata, body)]);
            }
        }
        "compilation_count" => {
            // `全年撰写讲话稿12篇` counts the writer's work; a site's title names its wares.
            const WORK: &[&str] = &[
                "撰写", "起草", "完成", "形成", "编写", "整理", "提交", "发表", "修改", "审核",
                "累计", "全年", "今年", "先后", "共",
            ];
            if WORK.iter().any(|w| slice.contains(w)) {
                return None;
            }
        }
        "title_tag" => {
            return Some(vec![(kind, tag?)]);
        }
        "url" => {
            // The domain of an e-mail address is not a web address on its own.
            if text[..body.start].ends_with(['@', '.']) {
                return None;
            }
            let range = trim_url(text, body)?;
            return Some(vec![(kind, range)]);
        }
        "css" => {
            // A rule holds declarations (`size: 8.27in`), not a sentence in braces.
            let inside = slice.split_once('{')?.1;
            let declaration = inside
                .split(';')
                .next()
                .and_then(|d| d.split_once(':'))
                .is_some_and(|(property, _)| {
                    let p = property.trim_matches(is_padding);
                    !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                });
            declaration.then_some(())?;
        }
        "pinyin" => {
            // A reading aid annotates a character: `聯(lián)`, never a word in brackets.
            let before = text[..body.start].chars().next_back()?;
            super::is_spoken(before)
                .then_some(())
                .filter(|_| !before.is_ascii())?;
        }
        "page_glued" => {
            // `- 4 -` between words, not `3-4-5`, `2019 - 2020 - 2021` or a dash list `——`.
            let before = text[..body.start]
                .trim_end_matches(is_horizontal)
                .chars()
                .next_back();
            let after = text[body.end..]
                .trim_start_matches(is_horizontal)
                .chars()
                .next();
            let bad = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || "-－–—".contains(c))
            };
            (!bad(before) && !bad(after)).then_some(())?;
        }
        "hidden_text" | "truncation_note" => {
            // With the ellipsis and spaces before it (`…各项工作 ……此处隐藏2300个字……`).
            let before = &text[..body.start];
            let lead = before.trim_end_matches(['…', '.', ' ', '\t', '\u{3000}']);
            let dots = before[lead.len()..]
                .chars()
                .filter(|c| matches!(c, '…' | '.'));
            let start = if dots.count() <= 6 {
                lead.len()
            } else {
                body.start
            };
            let start = start + text[start..body.start].len()
                - text[start..body.start]
                    .trim_start_matches(is_horizontal)
                    .len();
            return Some(vec![(kind, start..body.end)]);
        }
        "page_counter" => {
            // At a line start with text after it (alone on its line it is a `page_line`).
            let body = trimmed(text, body);
            return Some(vec![(kind, body)]);
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

/// Matches a line start that reads as an ordinal or heading, never a sentence's second half.
static ORDINAL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十百]+[、.．是要]|首先|其次|再次|最后|同志们|[（(]|\d+[.、．)）]|第[一二三四五六七八九十]+[，、,：:]|[①-⑳]|#)")
        .expect("ordinal pattern compiles")
});

// ---------------------------------------------------------------------------------------------
// Repairs

/// Sets what each residue's repair deletes (see [`Residue::delete`]).
fn set_deletes(text: &str, found: &mut [Residue]) {
    // 1. The span with the space that separates it from its neighbours.
    let mut floor = 0;
    for i in 0..found.len() {
        // The neighbours' spans bound the scans, so deletes stay disjoint.
        let ceiling = found.get(i + 1).map_or(text.len(), |n| n.range.start);
        let r = &mut found[i];
        if r.kind.deletes_exactly() {
            r.delete = r.range.clone();
        } else {
            let start = skip_back(text, r.range.start, floor, is_horizontal);
            let mut end = skip_forward(text, r.range.end, ceiling, is_horizontal);
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

    // 3. A page number or a chunk number that cut a sentence in two: delete it and join the
    // halves.
    for i in 0..found.len() {
        let previous = i.checked_sub(1).map(|p| &found[p]);
        let next_start = found.get(i + 1).map_or(text.len(), |n| n.range.start);
        let join = match found[i].kind {
            ResidueKind::PageNumber => {
                let previous_end = previous.map_or(0, |p| p.range.end);
                page_break_join(text, &found[i].range, previous_end, next_start)
            }
            ResidueKind::ChunkMarker if found[i].joins => {
                let previous_end = previous.map_or(0, |p| p.delete.end);
                chunk_join(text, &found[i].range, previous_end)
            }
            _ => continue,
        };
        found[i].joins = join.is_some();
        if let Some(join) = join {
            found[i].delete = join;
        }
    }
}

/// The deletion that removes a chunk number together with the line break before it
/// (`…我们“有欢喜，` / `2、也有伤感`), when the line before ends in text, not in residue.
fn chunk_join(text: &str, marker: &Range<usize>, previous_end: usize) -> Option<Range<usize>> {
    let before = skip_back(text, marker.start, previous_end, is_padding);
    (before > previous_end && text[before..marker.start].contains('\n'))
        .then_some(before..marker.end)
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

fn skip_forward(text: &str, mut at: usize, ceiling: usize, keep: fn(char) -> bool) -> usize {
    while at < ceiling {
        match text[at..].chars().next() {
            Some(c) if keep(c) => at += c.len_utf8(),
            _ => break,
        }
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
    let after = skip_forward(text, page.end, text.len(), is_padding);
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
        let text = "甲 [bookmark: _Toc2] www.abc.com 乙 - 3 - 丙\n\u{200B}\u{FFFD}\n";
        let found = detect(text);
        assert_eq!(found.len(), 5, "{found:?}");
        for pair in found.windows(2) {
            assert!(pair[0].delete.end <= pair[1].delete.start, "{found:?}");
        }
    }

    /// Fragments that build residue, look-alikes and the text around them.
    const FRAGMENTS: &[&str] = &[
        "认真组织干部职工集中学",
        "习有关文件，",
        "。",
        "，",
        " ",
        "\t",
        "\u{3000}",
        "\n",
        "\r\n",
        "- 4 -",
        "-",
        "—",
        "3",
        "/",
        "12",
        "第",
        "页",
        "共3页，当前第1页123",
        "相关推荐",
        "来源：网络",
        "  作者：某某",
        "[bookmark: _Toc1]",
        "www.abc.com",
        "abc.net",
        "@",
        "http://a.cn/x",
        "（五篇）",
        "第一篇：",
        "...",
        "讲话",
        "范文",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{FFFD}",
        "\u{AD}",
        "😀",
        "下面是本站小编给大家整理的讲话，仅供参考。",
        "一是",
        "同志们：",
        "首页 > 讲话 > ",
        "当前位置：",
        "手机版",
        "试读结束，开通会员下载",
        "……此处隐藏300个字……",
        "（未完，全文共900字，当前显示300字）",
        "聯",
        "(lián)",
        "1、",
        "2、",
        "\u{E004}",
        "@page { size: 1in; }",
        "</p>",
        "&nbsp;",
        "（精选文档）",
        "目录/提纲：……",
        "……",
        "下面是小编为大家整理的讲话，供大家参考。",
        "时间：2023-05-06",
        "第1篇",
        "篇1",
        "| 某某2",
        "请点击👉 abc123 👈联系老师",
        "第1页共4页",
        // A chunk a document site cut mid-sentence (long, no sentence end).
        "要统筹推进各项工作，要统筹推进各项工作，要统筹推进各项工作，要统筹推进各项工作，要统筹推进各项工作，要统筹推进各项工作，要统筹推进各项工作，要统筹推进各项工作，要统筹推进各项",
    ];

    proptest::proptest! {
        /// Any mix: no panic, sorted disjoint deletes on char boundaries, each covering its
        /// residue.
        #[test]
        fn deletes_are_disjoint_and_cover_their_residue(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..24)
        ) {
            let text = parts.concat();
            let found = detect(&text);
            let mut last = 0;
            for r in &found {
                proptest::prop_assert!(r.delete.start >= last, "{:?} in {:?}", found, text);
                proptest::prop_assert!(r.delete.start <= r.range.start && r.range.end <= r.delete.end);
                proptest::prop_assert!(!r.range.is_empty());
                proptest::prop_assert!(
                    text.is_char_boundary(r.delete.start) && text.is_char_boundary(r.delete.end)
                );
                last = r.delete.end;
            }
        }
    }

    #[test]
    fn bom_at_file_start_and_emoji_joiner_are_not_residue() {
        assert_eq!(kinds("\u{feff}同志们：\n"), vec![]);
        assert_eq!(kinds("一家人👨\u{200d}👩\u{200d}👧团聚。"), vec![]);
    }
}
