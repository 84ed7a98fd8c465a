//! The words the anatomy of a speech is recognised by (`data/anatomy.toml`), loaded once.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct Data {
    salutation: SalutationData,
    title: TitleData,
    closing: ClosingData,
    truncation: TruncationData,
    hosts: HostData,
}

#[derive(Deserialize)]
struct HostData {
    labels: Vec<String>,
}

#[derive(Deserialize)]
struct TruncationData {
    markers: Vec<String>,
}

#[derive(Deserialize)]
struct SalutationData {
    addressees: Vec<String>,
    leads: Vec<String>,
    greetings: Vec<String>,
}

#[derive(Deserialize)]
struct TitleData {
    genres: Vec<String>,
    reporting: Vec<String>,
}

#[derive(Deserialize)]
struct ClosingData {
    farewell: Vec<String>,
    appeals: Vec<String>,
    call: Vec<String>,
    announcements: Vec<String>,
}

/// The anatomy word lists, with matchers for the ones searched inside lines.
pub struct Lexicon {
    pub addressees: Vec<String>,
    pub leads: Vec<String>,
    pub greetings: Vec<String>,
    pub genres: Vec<String>,
    /// Words that end the head of a reported sentence before its colon (`会议强调：`).
    pub reporting: Vec<String>,
    pub farewell: Vec<String>,
    pub appeals: Vec<String>,
    pub call: Vec<String>,
    pub announcements: Vec<String>,
    /// Words of a site's notice that it cut the text short.
    pub truncation: Vec<String>,
    /// Speaker labels of a script for several hosts (`男`, `女`, `合`).
    pub hosts: Vec<String>,
    /// Genre words, longest match first (`讲话稿` before `讲话`).
    pub genre_matcher: AhoCorasick,
    /// Address leads, longest match first.
    pub lead_matcher: AhoCorasick,
    /// The first characters of the address leads, sorted (a cheap test before the list).
    pub lead_firsts: Vec<char>,
    /// The first characters of the host labels, sorted.
    pub host_firsts: Vec<char>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let data: Data =
        toml::from_str(include_str!("../../data/anatomy.toml")).expect("data/anatomy.toml parses");
    let longest = |words: &[String]| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .expect("word list builds")
    };
    let firsts = |words: &[String]| {
        let mut firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    };
    Lexicon {
        lead_firsts: firsts(&data.salutation.leads),
        host_firsts: firsts(&data.hosts.labels),
        genre_matcher: longest(&data.title.genres),
        lead_matcher: longest(&data.salutation.leads),
        addressees: data.salutation.addressees,
        leads: data.salutation.leads,
        greetings: data.salutation.greetings,
        genres: data.title.genres,
        reporting: data.title.reporting,
        farewell: data.closing.farewell,
        appeals: data.closing.appeals,
        call: data.closing.call,
        announcements: data.closing.announcements,
        truncation: data.truncation.markers,
        hosts: data.hosts.labels,
    }
});

impl Lexicon {
    /// True when `text` holds one of `words`.
    pub fn any_in(words: &[String], text: &str) -> bool {
        words.iter().any(|w| text.contains(w.as_str()))
    }

    /// The greeting `text` starts with (`大家晚上好`), longest first.
    pub fn greeting_at<'w>(&'w self, text: &str) -> Option<&'w str> {
        self.greetings
            .iter()
            .filter(|g| text.starts_with(g.as_str()))
            .max_by_key(|g| g.len())
            .map(String::as_str)
    }

    /// The length of a host's label at the start of `text` (`男：`, `主持人甲:`), if any.
    pub fn host_label(&self, text: &str) -> Option<usize> {
        let first = text.chars().next()?;
        self.host_firsts.binary_search(&first).ok()?;
        self.hosts
            .iter()
            .filter_map(|h| {
                let rest = text.strip_prefix(h.as_str())?;
                let c = rest.chars().next().filter(|c| matches!(c, '：' | ':'))?;
                Some(h.len() + c.len_utf8())
            })
            .max()
    }

    /// True when `text` ends with a genre word (`…会议上的讲话`, `…竞聘演讲稿`).
    pub fn ends_with_genre(&self, text: &str) -> bool {
        self.genres.iter().any(|g| text.ends_with(g.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_match() {
        let lex = &*LEXICON;
        assert!(lex.addressees.iter().any(|w| w == "同志们"));
        assert_eq!(lex.greeting_at("大家晚上好！欢迎"), Some("大家晚上好"));
        assert!(lex.ends_with_genre("在全县工作会议上的讲话稿"));
        assert!(!lex.ends_with_genre("讲话精神"));
    }
}
