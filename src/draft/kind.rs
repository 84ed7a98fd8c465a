//! Kinds of speech (`data/speech_kinds.toml`): what a speech is — a work-meeting speech, a
//! host's script (主持词), a ceremonial address (致辞), a 国旗下讲话 … — and the anatomy its
//! audience expects of it. The kind is declared (`[draft] kind`, a front-matter line), named
//! by the title, or read from what the speech says; the anatomy rules follow it.

use std::sync::LazyLock;

use serde::Deserialize;

use super::speech::{Role, Speech};
use super::Paragraph;

/// A kind of speech and what it needs.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpeechKind {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Words of a title that name this kind.
    #[serde(default)]
    pub title_keywords: Vec<String>,
    /// Words in a speech's first paragraphs that tell this kind when the title does not.
    #[serde(default)]
    pub content_keywords: Vec<String>,
    /// How many different content keywords are needed.
    #[serde(default = "two")]
    pub content_cues: usize,
    /// Numbered or headed parts are expected (`missing-body`).
    #[serde(default = "yes")]
    pub sections: bool,
    /// A salutation is expected (`missing-salutation`).
    #[serde(default = "yes")]
    pub salutation: bool,
    /// The parts the audience expects (`missing-section`).
    #[serde(default)]
    pub parts: Vec<Part>,
}

fn two() -> usize {
    2
}

fn yes() -> bool {
    true
}

/// A part of a speech of some kind.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Part {
    pub name: String,
    /// Words that name the part in a heading or a paragraph's first sentence.
    pub keywords: Vec<String>,
    /// Verbs a heading of this part starts with (`实施…工程` is a measure).
    #[serde(default)]
    pub heading_verbs: Vec<String>,
    /// Words of a paragraph that says what the part is about; two of them are needed.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Completes "听众需要知道……".
    #[serde(default)]
    pub why: String,
    /// The keywords as one automaton, built on first use.
    #[serde(skip)]
    keyword_automaton: WordAutomaton,
}

impl Part {
    /// Whether any of the part's keywords occurs in `text`: one pass over the text for all of
    /// them, so that the texts without any (nearly all) are passed over at once.
    pub fn has_keyword(&self, text: &str) -> bool {
        self.keyword_automaton
            .get_or_build(&self.keywords)
            .is_some_and(|automaton| automaton.is_match(text))
    }
}

/// An automaton of a word list, built on first use. It is derived from the list beside it, so
/// any two are equal.
#[derive(Debug, Clone, Default)]
struct WordAutomaton(std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>);

impl WordAutomaton {
    fn get_or_build(&self, words: &[String]) -> Option<&aho_corasick::AhoCorasick> {
        self.0
            .get_or_init(|| {
                // Built fastest: a cold check of one draft builds it.
                aho_corasick::AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .build(words)
                    .ok()
            })
            .as_ref()
    }
}

impl PartialEq for WordAutomaton {
    fn eq(&self, _: &WordAutomaton) -> bool {
        true
    }
}

impl Eq for WordAutomaton {}

#[derive(Deserialize)]
struct KindTable {
    kinds: Vec<SpeechKind>,
}

/// The built-in kinds.
pub static KINDS: LazyLock<Vec<SpeechKind>> = LazyLock::new(|| {
    toml::from_str::<KindTable>(include_str!("../../data/speech_kinds.toml"))
        .expect("data/speech_kinds.toml parses")
        .kinds
});

impl SpeechKind {
    /// True when `name` is this kind's name or one of its aliases.
    pub fn answers_to(&self, name: &str) -> bool {
        self.name == name || self.aliases.iter().any(|a| a == name)
    }
}

/// How a speech's kind was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    /// `[draft] kind` or a front-matter line.
    Declared,
    /// A word of the title.
    Title,
    /// Words of the speech's first paragraphs.
    Content,
}

/// A speech's kind: the kind's name and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub name: String,
    pub source: KindSource,
}

impl Kind {
    /// How a writer reads it in an outline: `党课`, `党课（据标题推断）`, `主持词（据内容推断）`.
    pub fn describe(&self) -> String {
        match self.source {
            KindSource::Declared => self.name.clone(),
            KindSource::Title => format!("{}（据标题推断）", self.name),
            KindSource::Content => format!("{}（据内容推断）", self.name),
        }
    }

    /// The stable code of [`Kind::source`] for JSON output: `declared`, `title`, `content`.
    pub fn source_code(&self) -> &'static str {
        match self.source {
            KindSource::Declared => "declared",
            KindSource::Title => "title",
            KindSource::Content => "content",
        }
    }
}

/// `kind: 总结表彰` / `类型：总结表彰` in a Markdown YAML front-matter block.
pub fn front_matter_kind(text: &str) -> Option<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = body
        .strip_prefix("---\n")
        .or_else(|| body.strip_prefix("---\r\n"))?;
    for line in body.lines() {
        let line = line.trim();
        if line == "---" || line == "..." {
            break;
        }
        let value = ["kind:", "类型:", "类型：", "kind："]
            .iter()
            .find_map(|key| line.strip_prefix(key));
        if let Some(value) = value {
            let value = value.trim().trim_matches(['"', '\'']);
            if !value.is_empty() {
                return Some(value.to_owned());
            }
        }
    }
    None
}

/// The kind a speech's title lines name: the keyword that ends furthest right (a Chinese
/// title names what the speech is last: `…工作会议上的交流发言` is an exchange speech given at
/// a work meeting). With `separator`, the name on a compilation's separator (`…致辞篇一`)
/// or label ([`Speech::label`]) counts as a title too — it is the site's label, good enough to tell a ceremonial address,
/// not to ask a speech for the parts of its kind.
pub fn from_title<'k, K: std::borrow::Borrow<SpeechKind>>(
    paragraphs: &[Paragraph],
    speech: &Speech,
    kinds: &'k [K],
    separator: bool,
) -> Option<&'k SpeechKind> {
    let mut titles: Vec<&str> = speech
        .title
        .clone()
        .filter(|&i| paragraphs[i].role == Role::Title)
        .map(|i| paragraphs[i].prose.text.as_str())
        .collect();
    if let Some((i, marker)) = speech.separator.as_ref().filter(|_| separator) {
        if let Some(name) = paragraphs
            .get(*i)
            .and_then(|p| p.prose.text.get(marker.name.clone()))
        {
            titles.push(name);
        }
    }
    // The name on a compilation label the residue layer took from above the speech is the
    // site's label too.
    if let Some(label) = speech.label.as_deref().filter(|_| separator) {
        titles.push(label);
    }
    let mut best: Option<((usize, usize), &SpeechKind)> = None;
    for (line, title) in titles.iter().enumerate() {
        for kind in kinds.iter().map(K::borrow) {
            for keyword in &kind.title_keywords {
                // memchr's search: `str::rfind` prepares a searcher costing more than the
                // search of a short title, for each of the many keywords.
                if let Some(at) = memchr::memmem::rfind(title.as_bytes(), keyword.as_bytes()) {
                    let end = (line, at + keyword.len());
                    if best.is_none_or(|(e, _)| end > e) {
                        best = Some((end, kind));
                    }
                }
            }
        }
    }
    best.map(|(_, kind)| kind)
}

/// How much of a speech's start is read for content cues, in bytes.
const CONTENT_WINDOW: usize = 3000;

/// The kind a speech's first paragraphs tell by their words: the kind with the most
/// different content keywords, at least its `content-cues` of them.
pub fn from_content<'k>(
    paragraphs: &[Paragraph],
    speech: &Speech,
    kinds: &'k [SpeechKind],
) -> Option<&'k SpeechKind> {
    let mut text = String::new();
    for p in &paragraphs[speech.paragraphs.clone()] {
        if matches!(p.role, Role::Separator | Role::Outside) {
            continue;
        }
        text.push_str(&p.prose.text);
        if text.len() >= CONTENT_WINDOW {
            break;
        }
    }
    let mut best: Option<(usize, &SpeechKind)> = None;
    for kind in kinds {
        let cues = kind
            .content_keywords
            .iter()
            .filter(|k| text.contains(k.as_str()))
            .count();
        if cues > 0 && cues >= kind.content_cues && best.is_none_or(|(n, _)| cues > n) {
            best = Some((cues, kind));
        }
    }
    best.map(|(_, kind)| kind)
}

/// The speech's kind among the built-in kinds: declared, else named by the title, else told
/// by the content.
pub fn infer(paragraphs: &[Paragraph], speech: &Speech, declared: Option<&str>) -> Option<Kind> {
    if let Some(name) = declared {
        let name = KINDS
            .iter()
            .find(|k| k.answers_to(name))
            .map_or(name.to_owned(), |k| k.name.clone());
        return Some(Kind {
            name,
            source: KindSource::Declared,
        });
    }
    if let Some(kind) = from_title(paragraphs, speech, &KINDS, true) {
        return Some(Kind {
            name: kind.name.clone(),
            source: KindSource::Title,
        });
    }
    from_content(paragraphs, speech, &KINDS).map(|kind| Kind {
        name: kind.name.clone(),
        source: KindSource::Content,
    })
}

/// The built-in kind named `name`, if any.
pub fn built_in(name: &str) -> Option<&'static SpeechKind> {
    KINDS.iter().find(|k| k.answers_to(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::draft::{DocKind, Draft};

    fn kind(text: &str) -> Option<(String, KindSource)> {
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        draft.speeches[0].kind.clone().map(|k| (k.name, k.source))
    }

    #[test]
    fn the_table_loads() {
        assert!(KINDS.len() >= 15);
        assert!(built_in("主持词").is_some_and(|k| !k.sections));
        assert!(built_in("经验交流").is_some_and(|k| k.name == "交流发言"));
    }

    #[test]
    fn kinds_from_the_title_and_from_the_content() {
        assert_eq!(
            kind("在全县春耕生产工作会议上的交流发言\n各位领导：\n我乡今年做了三件事。\n"),
            Some(("交流发言".into(), KindSource::Title))
        );
        assert_eq!(
            kind("同学们：\n今天是新学期第一次升旗仪式，五星红旗在晨风中飘扬。\n"),
            Some(("国旗下讲话".into(), KindSource::Content))
        );
        assert_eq!(
            kind("各位代表：\n现在开会。请全体起立，奏国歌。下面进行第二项议程。\n"),
            Some(("主持词".into(), KindSource::Content))
        );
        // One greeting alone does not make a ceremonial address.
        assert_eq!(kind("同志们：\n大家上午好！今天我们研究春耕工作。\n"), None);
        let mut config = Config::default();
        config.draft.kind = Some("经验交流".into());
        let draft = Draft::parse("同志们：\n今天开会。\n", DocKind::Plain, &config);
        assert_eq!(
            draft.speeches[0]
                .kind
                .as_ref()
                .map(|k| (k.name.as_str(), k.source)),
            Some(("交流发言", KindSource::Declared))
        );
    }
}
