//! Word segmentation (jieba) of paragraph prose, with the stock-phrase lexicon.
//!
//! The segmenter cuts as jieba's default dictionary with the lexicon's phrases added to it.
//! That dictionary is compiled in as a table (`segment/dictionary.rs`): each thread's jieba is given
//! only the words of the texts it cuts, so nothing loads at process start and segmentation
//! never waits. Where the build made no table, the whole dictionary loads on a thread of its
//! own from process start ([`start_loading`]); only segmentation waits for it, and an analysis
//! run [`without_waiting`] defers the checks that segment instead (the server publishes the
//! others' findings first).
//! Segmentation dominates the cost of the repetition checks, so results are cached per
//! paragraph text: an edit re-segments only the paragraphs it changed. The cache is bounded
//! by the bytes its entries hold, not by their number: typing into one long paragraph makes
//! a new entry per keystroke, each as large as the paragraph.

use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use jieba_rs::Jieba;

use crate::memo::Memo;

mod dictionary;

/// The curated stock phrases, one table per category (see the file's header).
const LEXICON_TOML: &str = include_str!("../data/stock_phrases.toml");

/// One stock phrase of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockPhrase {
    pub phrase: String,
    /// Category as written in the data file, e.g. `程度副词`.
    pub category: String,
}

/// The built-in lexicon, in file order.
pub fn lexicon() -> &'static [StockPhrase] {
    static LEXICON: LazyLock<Vec<StockPhrase>> = LazyLock::new(|| parse_lexicon(LEXICON_TOML));
    &LEXICON
}

include!("shared/lexicon_file.rs");

fn parse_lexicon(text: &str) -> Vec<StockPhrase> {
    lexicon_entries(text)
        .into_iter()
        .map(|(phrase, category)| StockPhrase { phrase, category })
        .collect()
}

/// The whole dictionary: jieba's default dictionary plus every multi-character lexicon
/// phrase, so segmentation keeps those phrases whole. Segmentation hands jieba only the words
/// of each text from the compiled-in table ([`dictionary`]); this is loaded only where the
/// build made no table (by [`start_loading`] on its own thread at process start or by the
/// first call that needs it), and by the tests that compare the two.
static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// The whole dictionary as jieba-rs loads it (about 100 ms): what the compiled-in table
/// stands for. Public for the benches, which compare the two.
pub fn load_whole_dictionary() -> Jieba {
    let mut jieba = Jieba::new();
    for entry in lexicon() {
        if entry.phrase.chars().count() > 1 {
            jieba.add_word(&entry.phrase, None, None);
        }
    }
    jieba
}

/// The segmenter, waiting for the dictionary if it is still loading; inside
/// [`without_waiting`], unwinds with [`DictionaryPending`] instead of waiting.
fn jieba() -> &'static Jieba {
    if let Some(jieba) = JIEBA.get() {
        return jieba;
    }
    if NO_WAIT.with(std::cell::Cell::get) {
        std::panic::resume_unwind(Box::new(DictionaryPending));
    }
    JIEBA.get_or_init(load_whole_dictionary)
}

/// The whole dictionary, if it is loaded.
fn loaded() -> Option<&'static Jieba> {
    JIEBA.get()
}

/// Loads the dictionary now where it is not compiled in (about 100 ms), so later calls do
/// not wait.
pub fn warm_up() {
    if !dictionary::compiled_in() {
        jieba();
    }
}

/// Where the dictionary is not compiled in, starts loading it on a thread of its own, so
/// whatever does not segment runs meanwhile; the first segmentation waits for it. Called at
/// process start.
pub fn start_loading() {
    if !is_loaded() {
        load_whole_dictionary_meanwhile();
    }
}

/// Starts loading the whole dictionary on a thread of its own even where the table is
/// compiled in: for a large batch of drafts, where cutting with the whole dictionary, once
/// loaded, is cheaper than handing jieba every text's words. Segmentation uses it once it is
/// loaded (the words are the same either way).
pub fn load_whole_dictionary_meanwhile() {
    if JIEBA.get().is_none() {
        let spawned = std::thread::Builder::new()
            .name("jianggao-dictionary".to_owned())
            .spawn(|| {
                JIEBA.get_or_init(load_whole_dictionary);
            });
        // Without the thread the first segmentation loads it instead (or, with the table,
        // segmentation goes on without it).
        drop(spawned);
    }
}

/// Whether the dictionary is loaded (segmentation will not wait).
pub fn is_loaded() -> bool {
    dictionary::compiled_in() || JIEBA.get().is_some()
}

/// The payload of the unwinding that a segmentation inside [`without_waiting`] starts while
/// the dictionary is still loading. `resume_unwind`: no panic hook runs, nothing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictionaryPending;

/// Whether a caught panic is a [`DictionaryPending`] one.
pub fn is_pending(payload: &(dyn std::any::Any + Send)) -> bool {
    payload.is::<DictionaryPending>()
}

thread_local! {
    static NO_WAIT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` so that a segmentation inside it does not wait for a dictionary still
/// loading but unwinds with [`DictionaryPending`] (the analysis catches it per check).
pub fn without_waiting<T>(work: impl FnOnce() -> T) -> T {
    crate::thread_flag::with(&NO_WAIT, true, work)
}

/// Part-of-speech tags (jieba's tag set: `v` verb, `d` adverb, `n` noun, …) of the words of
/// a short text, cut on its own: a dictionary word's own tag, else `m` (digits), `eng`
/// (letters) or `x`. (jieba-rs 0.11 guesses a tag for Chinese words outside the dictionary,
/// `二是` a verb; 0.7 said `x`, and the checks were tuned on that.)
pub fn tag(text: &str) -> Vec<String> {
    dictionary::with_jieba(text, loaded(), jieba, |jieba| tag_with(jieba, text))
}

fn tag_with(jieba: &Jieba, text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    for tagged in jieba.tag(text, true) {
        let mut pieces = split_ascii_run(jieba, tagged.word).peekable();
        let whole = pieces.peek() == Some(&tagged.word);
        if whole {
            let known = jieba.has_word(tagged.word);
            tags.push(
                if known {
                    tagged.tag
                } else {
                    guessed_tag(tagged.word)
                }
                .to_owned(),
            );
            continue;
        }
        for piece in pieces {
            let own = jieba
                .has_word(piece)
                .then(|| jieba.tag(piece, true))
                .filter(|alone| alone.len() == 1)
                .map(|alone| alone[0].tag.to_owned());
            tags.push(own.unwrap_or_else(|| guessed_tag(piece).to_owned()));
        }
    }
    tags
}

/// jieba's tag for a word outside its dictionary, as jieba-rs 0.7 guessed it.
fn guessed_tag(word: &str) -> &'static str {
    let letters_digits = word.chars().filter(char::is_ascii_alphanumeric).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if letters_digits == 0 {
        "x"
    } else if letters_digits == digits {
        "m"
    } else {
        "eng"
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word: Chinese characters, letters or digits.
    Word,
    /// Punctuation or any other symbol.
    Punct,
    /// Whitespace, including the full-width space.
    Space,
}

/// One token of a paragraph's prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range into the paragraph's prose text.
    pub range: Range<usize>,
    pub kind: TokenKind,
    /// Inside a quotation (`“”`, `‘’`, `《》`, `「」`, `『』`, `""`), quote marks included.
    pub quoted: bool,
    /// Hash of the token's text (FNV-1a), for comparing word sequences cheaply.
    pub hash: u64,
}

/// What the repetition checks derive from one paragraph's prose, computed on first use and
/// cached with the text: jieba tokens, sentences with normalised hashes, lexicon matches.
#[derive(Debug)]
pub struct Segmentation {
    /// Shared with the cache's key: the paragraph is held once.
    text: Arc<str>,
    tokens: OnceLock<Vec<Token>>,
    sentences: OnceLock<Sentences>,
    /// The quotations, which both the tokens and the sentences need.
    quoted: OnceLock<Vec<Range<usize>>>,
    spoken_chars: OnceLock<usize>,
    /// Matches of the built-in lexicon, filled by `stock-phrase-repeat` (prose range, index).
    pub lexicon_matches: OnceLock<Vec<(Range<usize>, usize)>>,
    /// What checks derived from this paragraph alone, one value per type (see [`Self::derived`]).
    derived: Mutex<Vec<Derived>>,
}

/// How many checks keep facts about a paragraph ([`Segmentation::derived`]; ten today): the
/// list is made that long at once rather than grown three times for every paragraph.
const DERIVED_KINDS: usize = 12;

impl Default for Segmentation {
    fn default() -> Segmentation {
        Segmentation {
            text: Arc::default(),
            tokens: OnceLock::new(),
            sentences: OnceLock::new(),
            quoted: OnceLock::new(),
            spoken_chars: OnceLock::new(),
            lexicon_matches: OnceLock::new(),
            derived: Mutex::new(Vec::with_capacity(DERIVED_KINDS)),
        }
    }
}

/// One check's facts about a paragraph, with the bytes it holds.
type Derived = (
    std::any::TypeId,
    Arc<dyn std::any::Any + Send + Sync>,
    usize,
);

/// One sentence of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the prose, terminator and closing quotes included.
    pub range: Range<usize>,
    /// Hash of the normalised text: letters, digits and Chinese characters only, full-width
    /// forms folded to ASCII, lower case; so punctuation and spacing differences vanish.
    pub hash: u64,
    /// Normalised characters outside quotations.
    pub len: usize,
}

/// The sentences of a paragraph and the normalised hash of the paragraph as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentences {
    pub list: Vec<Sentence>,
    pub hash: u64,
    pub len: usize,
}

impl Segmentation {
    /// A paragraph to analyse. Prefer [`segment`], which caches.
    pub fn new(text: &str) -> Segmentation {
        Segmentation {
            text: Arc::from(text),
            ..Segmentation::default()
        }
    }

    /// Bytes on the heap: the text and whatever was derived from it so far.
    pub fn heap_size(&self) -> usize {
        use std::mem::size_of;
        let tokens = self
            .tokens
            .get()
            .map_or(0, |t| t.capacity() * size_of::<Token>());
        let sentences = self
            .sentences
            .get()
            .map_or(0, |s| s.list.capacity() * size_of::<Sentence>());
        let matches = self
            .lexicon_matches
            .get()
            .map_or(0, |m| m.capacity() * size_of::<(Range<usize>, usize)>());
        let quoted = self
            .quoted
            .get()
            .map_or(0, |q| q.capacity() * size_of::<Range<usize>>());
        let derived = self.derived.lock().map_or(0, |list| {
            list.capacity() * size_of::<Derived>()
                + list.iter().map(|(_, _, bytes)| bytes).sum::<usize>()
        });
        size_of::<Segmentation>()
            + self.text.len()
            + tokens
            + sentences
            + matches
            + quoted
            + derived
    }

    /// What a check derives from this paragraph's text alone (its tokens included), computed
    /// on first use and kept with the segmentation, so a re-analysis reuses it for every
    /// paragraph the edit did not change. `T` is the check's own type: one value per type.
    /// `compute` must be a function of the paragraph (never of the config or of other
    /// paragraphs).
    pub fn derived<T>(&self, compute: impl FnOnce(&Segmentation) -> T) -> Arc<T>
    where
        T: std::any::Any + Send + Sync + crate::memo::HeapSize,
    {
        let id = std::any::TypeId::of::<T>();
        let found = self.derived.lock().ok().and_then(|list| {
            list.iter()
                .find(|(t, _, _)| *t == id)
                .map(|(_, value, _)| Arc::clone(value))
        });
        if let Some(value) = found.and_then(|v| v.downcast::<T>().ok()) {
            return value;
        }
        // Computed outside the lock: `compute` may itself ask for other derived facts.
        let value = Arc::new(compute(self));
        if let Ok(mut list) = self.derived.lock() {
            if !list.iter().any(|(t, _, _)| *t == id) {
                let bytes = std::mem::size_of::<T>() + value.heap_size();
                list.push((id, Arc::clone(&value) as _, bytes));
            }
        }
        value
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The jieba tokens, covering the whole text.
    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| cut(&self.text, self.quoted()))
    }

    /// Characters read aloud: letters, digits and Chinese characters.
    pub fn spoken_chars(&self) -> usize {
        *self
            .spoken_chars
            .get_or_init(|| self.text.chars().filter(|&c| is_spoken(c)).count())
    }

    /// The sentences (no segmentation needed).
    pub fn sentences(&self) -> &Sentences {
        self.sentences
            .get_or_init(|| split_sentences(&self.text, self.quoted()))
    }

    /// Byte ranges of the quotations ([`quoted_ranges`]).
    fn quoted(&self) -> &[Range<usize>] {
        self.quoted.get_or_init(|| quoted_ranges(&self.text))
    }

    /// Index of the token starting at `offset`, if a token starts there.
    pub fn token_starting_at(&self, offset: usize) -> Option<usize> {
        self.tokens()
            .binary_search_by_key(&offset, |t| t.range.start)
            .ok()
    }

    /// Index of the token ending at `offset`, if a token ends there.
    pub fn token_ending_at(&self, offset: usize) -> Option<usize> {
        self.tokens()
            .binary_search_by_key(&offset, |t| t.range.end)
            .ok()
    }
}

fn cut(text: &str, quoted: &[Range<usize>]) -> Vec<Token> {
    dictionary::with_jieba(text, loaded(), jieba, |jieba| cut_with(jieba, text, quoted))
}

fn cut_with(jieba: &Jieba, text: &str, quoted: &[Range<usize>]) -> Vec<Token> {
    let base = text.as_ptr() as usize;
    let mut quote = quoted.iter().peekable();
    let words = jieba.cut(text, true);
    // At least one token per word (a few are split further).
    let mut tokens = Vec::with_capacity(words.len());
    let pieces = words
        .iter()
        .flat_map(|t| split_ascii_run(jieba, t.word))
        .flat_map(|word| split_compound(jieba, word));
    for piece in pieces {
        // jieba returns subslices of its input; their offsets are pointer differences.
        let start = (piece.as_ptr() as usize).saturating_sub(base);
        let range = start..start + piece.len();
        if range.end > text.len() {
            continue;
        }
        let kind = if piece.chars().any(is_spoken) {
            TokenKind::Word
        } else if piece.chars().all(crate::draft::is_padding) {
            TokenKind::Space
        } else {
            TokenKind::Punct
        };
        while quote.next_if(|q| q.end <= range.start).is_some() {}
        let quoted = quote
            .peek()
            .is_some_and(|q| q.start < range.end && range.start < q.end);
        tokens.push(Token {
            range,
            kind,
            quoted,
            hash: fnv1a(piece.as_bytes()),
        });
    }
    tokens
}

/// Splits prose into sentences at `。！？；…` (closing quotes and brackets stay with the
/// sentence they end) and hashes each normalised.
fn split_sentences(text: &str, quoted: &[Range<usize>]) -> Sentences {
    let mut out = Sentences {
        hash: FNV_START,
        ..Sentences::default()
    };
    let mut start: Option<usize> = None;
    let mut hash = FNV_START;
    let mut len = 0;
    let mut ended = false; // a terminator was seen; closing marks may still follow
    let mut quote = quoted.iter().peekable();
    for (at, c) in text.char_indices() {
        if ended && !is_closing(c) && !is_terminator(c) {
            if let Some(s) = start.take() {
                out.list.push(Sentence {
                    range: s..at,
                    hash,
                    len,
                });
            }
            hash = FNV_START;
            len = 0;
            ended = false;
        }
        if start.is_none() {
            if crate::draft::is_padding(c) {
                continue;
            }
            start = Some(at);
        }
        if let Some(n) = normalise(c) {
            let mut buf = [0u8; 4];
            let bytes = n.encode_utf8(&mut buf).as_bytes();
            hash = fnv1a_continue(hash, bytes);
            out.hash = fnv1a_continue(out.hash, bytes);
            while quote.next_if(|q| q.end <= at).is_some() {}
            if quote.peek().is_none_or(|q| q.start > at) {
                len += 1;
                out.len += 1;
            }
        }
        if is_terminator(c) {
            ended = true;
        }
    }
    if let Some(s) = start {
        let end = text.trim_end_matches(crate::draft::is_padding).len().max(s);
        out.list.push(Sentence {
            range: s..end,
            hash,
            len,
        });
    }
    out
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '"' | '\''
    )
}

/// The character as compared: full-width letters and digits folded to ASCII, lower-cased;
/// punctuation, symbols and whitespace dropped.
fn normalise(c: char) -> Option<char> {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    is_spoken(c).then(|| c.to_ascii_lowercase())
}

/// A letter, digit or Chinese character. The common CJK block is tested first: the general
/// Unicode tables are slow for it.
pub fn is_spoken(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || (!c.is_ascii() && !is_common_cjk_punctuation(c) && c.is_alphanumeric())
}

/// The marks of nearly every Chinese sentence, none of them a letter or digit: answered
/// without the Unicode table lookup, which costs more than the rest of the test.
fn is_common_cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '（'
            | '）'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '…'
            | '—'
    )
}

/// jieba-rs 0.11 keeps a run of letters, digits and `+#&._%-` outside the dictionary whole
/// (`xx-x`, `2024-08-30`, `zhann.net`); 0.7 cut it as Python jieba does, by
/// `[a-zA-Z0-9]+(?:.\d+)?%?` and the gaps between (`xx` `-` `x`, `2024-08` `-` `30`). The
/// checks were tuned on those words (a placeholder `xx-x` is not a phrase), so they stay.
fn split_ascii_run<'a>(jieba: &Jieba, word: &'a str) -> impl Iterator<Item = &'a str> {
    let bytes = word.as_bytes();
    let whole =
        !word.is_ascii() || bytes.iter().all(u8::is_ascii_alphanumeric) || jieba.has_word(word);
    // A whole word, the common case, needs no list.
    let mut pieces = Vec::new();
    if !whole {
        let (mut at, mut gap) = (0, 0);
        while at < bytes.len() {
            if !bytes[at].is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
            let start = at;
            while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
                at += 1;
            }
            // `(?:.\d+)?`: any one character but a line break, then digits.
            if bytes.get(at).is_some_and(|&b| b != b'\n')
                && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
            {
                at += 2;
                while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                    at += 1;
                }
            }
            if bytes.get(at) == Some(&b'%') {
                at += 1;
            }
            if gap < start {
                pieces.push(&word[gap..start]);
            }
            pieces.push(&word[start..at]);
            gap = at;
        }
        if gap < word.len() {
            pieces.push(&word[gap..]);
        }
    }
    whole.then_some(word).into_iter().chain(pieces)
}

/// jieba's dictionary holds compounds such as `切实增强` (a stock adverb and a verb): split
/// a word made of a lexicon phrase and another word of two or more characters, so the phrase
/// is counted. A single character does not split (`更进一步` stays one word).
fn split_compound<'a>(jieba: &Jieba, word: &'a str) -> impl Iterator<Item = &'a str> {
    let is_word = |part: &str| part.chars().nth(1).is_some() && jieba.has_word(part);
    let mut split = None;
    if word.chars().nth(3).is_some() && !PHRASES.contains(word) {
        for at in split_points(word) {
            let (head, tail) = word.split_at(at);
            if tail.chars().nth(1).is_none() {
                break;
            }
            if (PHRASES.contains(head) && is_word(tail))
                || (PHRASES.contains(tail) && is_word(head))
            {
                split = Some(at);
                break;
            }
        }
    }
    let (head, tail) = match split {
        Some(at) => word.split_at(at),
        None => (word, ""),
    };
    [head, tail].into_iter().filter(|part| !part.is_empty())
}

static PHRASES: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| lexicon().iter().map(|e| e.phrase.as_str()).collect());

/// Whether `text` is a phrase of the built-in stock-phrase lexicon.
pub fn is_lexicon_phrase(text: &str) -> bool {
    PHRASES.contains(text)
}

/// The longest lexicon phrase, in bytes.
static LONGEST_PHRASE: LazyLock<usize> =
    LazyLock::new(|| PHRASES.iter().map(|p| p.len()).max().unwrap_or(0));

/// Where [`split_compound`] tries to split `word`, in order: after its second character, and
/// only where the head or the tail is short enough to be a lexicon phrase. (A run of 200,000
/// `X` is one jieba word; trying every point of it hashed the whole word at each: quadratic.)
fn split_points(word: &str) -> impl Iterator<Item = usize> + '_ {
    let longest = *LONGEST_PHRASE;
    word.char_indices()
        .skip(2)
        .map(|(at, _)| at)
        .filter(move |&at| at <= longest || word.len() - at <= longest)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: fast, and collisions among one draft's words are negligible.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(FNV_START, bytes)
}

fn fnv1a_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Byte ranges of quotations in `text`, sorted and non-overlapping (outermost quotes only).
/// An opening mark without its closing mark in the same text quotes nothing: drafts often
/// lose a closing quote, and the rest of the paragraph is still ordinary prose.
pub fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (at, c) in text.char_indices() {
        let closes = match c {
            '”' => Some('“'),
            '’' => Some('‘'),
            '》' => Some('《'),
            '」' => Some('「'),
            '』' => Some('『'),
            '"' if stack.iter().any(|&(o, _)| o == '"') => Some('"'),
            _ => None,
        };
        if let Some(opener) = closes {
            if let Some(depth) = stack.iter().rposition(|&(o, _)| o == opener) {
                let start = stack[depth].1;
                stack.truncate(depth);
                // A closed quote swallows the quotes closed inside it.
                while ranges.last().is_some_and(|r| r.start >= start) {
                    ranges.pop();
                }
                ranges.push(start..at + c.len_utf8());
            }
            continue;
        }
        if matches!(c, '“' | '‘' | '《' | '「' | '『' | '"') {
            stack.push((c, at));
        }
    }
    ranges
}

/// Bytes per generation of the segmentation table: a few large drafts' worth of paragraphs
/// (a 100 KB paragraph holds about 1 MB once cut into tokens). See [`crate::memo`] for how the
/// two generations keep the open drafts' paragraphs and let old text age out.
const GENERATION_BYTES: usize = 2 << 20;

impl crate::memo::HeapSize for Segmentation {
    /// What the table charges beyond the struct and the text (the key is this very text).
    fn heap_size(&self) -> usize {
        Segmentation::heap_size(self) - std::mem::size_of::<Segmentation>() - self.text.len()
    }
}

static CACHE: LazyLock<Memo<Segmentation>> = LazyLock::new(|| Memo::new(GENERATION_BYTES));

/// The segmentation of one paragraph's prose, from the cache when the same text was seen.
/// A cancelled analysis (see [`crate::cancel`]) stops here, before the next paragraph.
pub fn segment(text: &str) -> Arc<Segmentation> {
    crate::cancel::check();
    // The entry holds the table's key: the paragraph's text is stored once.
    CACHE.get_or_insert_with(text, |key| Segmentation {
        text: Arc::clone(key),
        ..Segmentation::default()
    })
}

/// Uncut text from which [`cut_ahead`] cuts on a second thread: the first analysis of a large
/// draft (one just opened in the editor, or `check` of one long file), never a keystroke's,
/// which finds all but the edited paragraph cut.
const CUT_AHEAD_FROM: usize = 32 << 10;

thread_local! {
    static ONE_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` so that [`cut_ahead`] inside it stays on this thread: a batch already checks
/// one draft per core.
pub fn on_one_thread<T>(work: impl FnOnce() -> T) -> T {
    crate::thread_flag::with(&ONE_THREAD, true, work)
}

/// Cuts `paragraphs` into words now, on this thread and a second one, where at least
/// [`CUT_AHEAD_FROM`] bytes of them are not cut yet and the cut cannot wait for the
/// dictionary. The checks then find the tokens ready; what they get is the same either way,
/// as every jieba the segmenter uses cuts a text as the whole dictionary does. Each thread
/// takes the next uncut paragraph, so they share the work evenly; the second stops with a
/// cancelled analysis, and any paragraph it could not cut is cut here or by the checks.
pub fn cut_ahead(paragraphs: &[Arc<Segmentation>]) {
    if ONE_THREAD.get() || !is_loaded() || paragraphs.len() < 2 {
        return;
    }
    let uncut: Vec<&Segmentation> = paragraphs
        .iter()
        .filter(|s| s.tokens.get().is_none())
        .map(|s| &**s)
        .collect();
    if uncut.iter().map(|s| s.text.len()).sum::<usize>() < CUT_AHEAD_FROM {
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let cut_next = || {
        while let Some(segmentation) =
            uncut.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
        {
            crate::cancel::check();
            segmentation.tokens();
        }
    };
    let token = crate::cancel::current();
    std::thread::scope(|scope| {
        // Without a second thread the checks cut what this one leaves, as they would anyway.
        let _helper = std::thread::Builder::new()
            .name("jianggao-cut".to_owned())
            .spawn_scoped(scope, || {
                // A panic here leaves its paragraph uncut: the checks cut it again and meet
                // the panic where it is reported.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match token {
                    Some(token) => drop(crate::cancel::run(token, cut_next)),
                    None => cut_next(),
                }));
            });
        cut_next();
    });
}

/// Empties the cache (for benchmarks that measure segmentation from scratch).
pub fn clear_cache() {
    CACHE.clear();
}

/// Bytes the cache holds, as charged (for tests and measurements).
pub fn cache_bytes() -> usize {
    CACHE.bytes()
}

/// The word texts of a segmentation, for tests and diagnostics.
pub fn words<'t>(text: &'t str, segmentation: &Segmentation) -> Vec<&'t str> {
    segmentation
        .tokens()
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| text.get(t.range.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for common marks answers as the Unicode table does, for every character.
    #[test]
    fn is_spoken_agrees_with_the_unicode_table() {
        let table = |c: char| c.is_alphanumeric();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_spoken(c), table(c), "{c:?}");
        }
        assert!(is_common_cjk_punctuation('，') && !is_spoken('，'));
        assert!(is_spoken('々') && is_spoken('〇') && is_spoken('Ａ'));
    }

    #[test]
    fn lexicon_loads_with_categories() {
        let lexicon = lexicon();
        assert!(lexicon.len() >= 300, "only {} phrases", lexicon.len());
        let entry = lexicon.iter().find(|e| e.phrase == "进一步").unwrap();
        assert_eq!(entry.category, "程度副词");
    }

    #[test]
    fn lexicon_entries_are_unique_and_none_contains_another() {
        let lexicon = lexicon();
        let mut seen = std::collections::HashSet::new();
        for entry in lexicon {
            assert!(entry.phrase.chars().count() >= 2, "{}", entry.phrase);
            assert!(
                seen.insert(entry.phrase.as_str()),
                "twice: {}",
                entry.phrase
            );
        }
        for a in lexicon {
            for b in lexicon {
                assert!(
                    a.phrase == b.phrase || !b.phrase.contains(&a.phrase),
                    "“{}” contains “{}”",
                    b.phrase,
                    a.phrase
                );
            }
        }
    }

    #[test]
    fn lexicon_phrases_stay_whole() {
        let text = "为全省发展作出新的更大的贡献，要紧紧围绕中心工作。";
        let seg = segment(text);
        let words = words(text, &seg);
        assert!(words.contains(&"新的更大的贡献"), "{words:?}");
        assert!(words.contains(&"紧紧围绕"), "{words:?}");
    }

    #[test]
    fn a_compound_of_a_stock_phrase_and_a_word_is_split() {
        let text = "切实增强责任感，百尺竿头更进一步，杜绝不切实际的做法。";
        let seg = segment(text);
        let words = words(text, &seg);
        assert_eq!(&words[..3], ["切实", "增强", "责任感"]);
        assert!(words.contains(&"不切实际"), "{words:?}");
        assert!(!words.contains(&"进一步"), "{words:?}");
    }

    /// jieba-rs 0.11 keeps `xx-x` whole; the words stay those of 0.7 (and of Python jieba).
    #[test]
    fn ascii_runs_outside_the_dictionary_are_cut_as_before() {
        let text = "请副主任xx-x同志发言，2024-08-30见zhann.net，增长115%。";
        let seg = Segmentation::new(text);
        let words = words(text, &seg);
        for expected in [
            &["xx", "x"][..],
            &["2024-08", "30"],
            &["zhann", "net"],
            &["115%"],
        ] {
            assert!(
                words.windows(expected.len()).any(|w| w == expected),
                "{expected:?} in {words:?}"
            );
        }
        assert_eq!(
            split_ascii_run(jieba(), "1.25in").collect::<Vec<_>>(),
            ["1.25", "in"]
        );
        assert_eq!(
            split_ascii_run(jieba(), "www.wm114.cn").collect::<Vec<_>>(),
            ["www", ".", "wm114", ".", "cn"]
        );
        assert_eq!(split_ascii_run(jieba(), "--").collect::<Vec<_>>(), ["--"]);
        assert_eq!(split_ascii_run(jieba(), "abc").collect::<Vec<_>>(), ["abc"]);
    }

    #[test]
    fn words_outside_the_dictionary_are_tagged_as_before() {
        // `二是` is not in jieba's dictionary: no guessed verb.
        assert_eq!(tag("二是"), ["x"]);
        assert_eq!(tag("xx-x同志"), ["eng", "x", "eng", "n"]);
        assert_eq!(tag("2024年"), ["m", "m"]);
    }

    #[test]
    fn tokens_cover_the_text_and_mark_quotes() {
        let text = "学习“两学一做”精神，《通知》已下发。";
        let seg = segment(text);
        let joined: String = seg
            .tokens()
            .iter()
            .map(|t| &text[t.range.clone()])
            .collect();
        assert_eq!(joined, text);
        let quoted: String = seg
            .tokens()
            .iter()
            .filter(|t| t.quoted)
            .map(|t| &text[t.range.clone()])
            .collect();
        assert_eq!(quoted, "“两学一做”《通知》");
    }

    #[test]
    fn an_unclosed_quote_quotes_nothing() {
        assert_eq!(quoted_ranges("他说“我们要干"), Vec::<Range<usize>>::new());
        let text = "“甲”和“乙“丙”";
        let ranges: Vec<&str> = quoted_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(ranges, ["“甲”", "“丙”"]);
    }

    /// Paragraphs of a large draft, each its own (about 40 KB in all).
    fn large_draft() -> Vec<Arc<Segmentation>> {
        (1..=400)
            .map(|n| {
                Arc::new(Segmentation::new(&format!(
                    "第{n}项任务要明确责任单位，各部门要加强协调配合，确保在{n}月底前按期完成。"
                )))
            })
            .collect()
    }

    #[test]
    fn cut_ahead_cuts_every_paragraph_as_one_thread_does() {
        let ahead = large_draft();
        assert!(ahead.iter().map(|s| s.text.len()).sum::<usize>() >= CUT_AHEAD_FROM);
        cut_ahead(&ahead);
        assert!(ahead.iter().all(|s| s.tokens.get().is_some()));
        // In a batch nothing is cut ahead; the checks cut each paragraph when they need it.
        let alone = large_draft();
        on_one_thread(|| cut_ahead(&alone));
        assert!(alone.iter().all(|s| s.tokens.get().is_none()));
        for (ahead, alone) in ahead.iter().zip(&alone) {
            assert_eq!(ahead.tokens(), alone.tokens(), "{}", alone.text());
        }
    }

    #[test]
    fn a_small_draft_or_a_keystroke_is_not_cut_ahead() {
        let small: Vec<Arc<Segmentation>> = large_draft().into_iter().take(20).collect();
        cut_ahead(&small);
        assert!(small.iter().all(|s| s.tokens.get().is_none()));
        // A draft whose paragraphs are cut but one (a keystroke's re-analysis).
        let edited = large_draft();
        for segmentation in &edited[1..] {
            segmentation.tokens();
        }
        cut_ahead(&edited);
        assert!(edited[0].tokens.get().is_none());
    }

    #[test]
    fn a_cancelled_analysis_stops_cutting_ahead_on_both_threads() {
        let paragraphs = large_draft();
        let token = crate::cancel::Token::cancelled_at_check(5);
        let result = crate::cancel::run(token, || cut_ahead(&paragraphs));
        assert_eq!(result, Err(crate::cancel::Cancelled));
        let cut = paragraphs
            .iter()
            .filter(|s| s.tokens.get().is_some())
            .count();
        assert!(cut < 5, "{cut} paragraphs were cut after the cancellation");
    }

    /// Issue 14, item 7: a new entry per keystroke in a long paragraph must not pile up.
    #[test]
    fn the_cache_is_bounded_by_bytes_not_entries() {
        let cache: Memo<Segmentation> = Memo::new(GENERATION_BYTES);
        let paragraph = "各部门要切实增强责任意识，扎实推进各项工作落地见效。".repeat(2000);
        assert!(paragraph.len() > 100_000);
        let mut largest = 0;
        for keystroke in 0..200 {
            let text = format!("{paragraph}{keystroke}");
            let new = |key: &Arc<str>| Segmentation {
                text: Arc::clone(key),
                ..Segmentation::default()
            };
            let entry = cache.get_or_insert_with(&text, new);
            // The checks cut it and look it up again, as an analysis does.
            entry.tokens();
            entry.sentences();
            assert!(Arc::ptr_eq(&cache.get_or_insert_with(&text, new), &entry));
            largest = largest.max(cache.bytes());
        }
        let entry_size = Segmentation::new(&paragraph).heap_size();
        assert!(
            largest <= 2 * GENERATION_BYTES + 2 * 1_500_000,
            "{largest} bytes cached (one entry: {entry_size} bytes before cutting)"
        );
        // The bytes charged are the bytes held.
        let held: usize = cache.values().iter().map(|entry| entry.heap_size()).sum();
        assert_eq!(cache.bytes(), held);
    }

    #[test]
    fn the_key_and_the_entry_share_one_copy_of_the_text() {
        let text = "这一段只为检验缓存里的文字只存一份。";
        let entry = segment(text);
        let key = CACHE.key(text).unwrap();
        assert!(std::ptr::eq(key.as_ptr(), entry.text().as_ptr()));
    }

    /// A run of one character is one jieba word: splitting it must cost linear time, and
    /// the split a long word gets is the one it got before (none here).
    #[test]
    fn a_long_single_word_is_left_whole() {
        let run = "X".repeat(200_000);
        assert!(split_points(&run).count() <= 2 * *LONGEST_PHRASE);
        let seg = Segmentation::new(&run);
        assert_eq!(words(&run, &seg), [run.as_str()]);
        assert_eq!(
            split_compound(jieba(), "切实增强").collect::<Vec<_>>(),
            ["切实", "增强"]
        );
        // Near either end every point is still tried: a phrase at the end is found.
        let long_then_phrase = format!("{}切实", "甲".repeat(50));
        assert!(split_points(&long_then_phrase).any(|at| at == 150));
    }

    #[test]
    fn a_cancelled_analysis_stops_at_the_next_paragraph() {
        use std::sync::atomic::AtomicU64;
        let token = crate::cancel::Token::new(Arc::new(AtomicU64::new(1)), 0);
        let result = crate::cancel::run(token, || segment("这一段不会被切分。"));
        assert!(result.is_err());
    }

    #[test]
    fn the_cache_returns_the_same_segmentation() {
        let text = "这是一句专门用来检验缓存的句子，内容独一无二。";
        let first = segment(text);
        let second = segment(text);
        assert!(Arc::ptr_eq(&first, &second));
    }
}
