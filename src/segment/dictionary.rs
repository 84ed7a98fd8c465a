//! The segmenter's dictionary, handed to jieba word by word as texts need it.
//!
//! Building jieba's dictionary trie takes about 110 ms, and jieba-rs can't build it ahead of
//! time. But jieba cuts a text by the dictionary words that occur in it and by the sum of all
//! the dictionary's frequencies, nothing else: the route through a sentence weighs each word
//! by `ln(freq) - ln(total)`, a run of single characters goes to the HMM unless it is itself a
//! word, and a tag is the tag of the word looked up. So a jieba holding only the dictionary
//! words found in the text, plus one word that never occurs whose frequency makes up the
//! total, cuts and tags that text, and answers `has_word` for any part of it, exactly as jieba
//! with the whole dictionary.
//!
//! The dictionary (jieba's own, with the stock-phrase lexicon added as jieba would add it) is
//! an `fst` map built at compile time (`build.rs`). Each thread keeps one jieba that learns the
//! words of every text it cuts (adding a word only once), so the vocabulary of a draft is
//! learnt on its first analysis; a jieba that has learnt too many words starts afresh. Where
//! the build found no dictionary to compile in, the whole dictionary loads as before.

use std::cell::RefCell;
use std::sync::LazyLock;

use jieba_rs::Jieba;

use crate::memo::HashKeyed;

#[cfg_attr(not(test), allow(dead_code))]
mod table {
    include!(concat!(env!("OUT_DIR"), "/dictionary.rs"));
}

static TABLE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dictionary.fst"));

/// The compiled-in dictionary, if the build made one.
fn table() -> Option<&'static fst::Map<&'static [u8]>> {
    static TABLE: LazyLock<Option<fst::Map<&'static [u8]>>> = LazyLock::new(|| {
        if table::PRESENT {
            fst::Map::new(TABLE_BYTES).ok()
        } else {
            None
        }
    });
    TABLE.as_ref()
}

/// Whether segmentation runs from the compiled-in table (it never waits for a dictionary).
pub fn compiled_in() -> bool {
    table().is_some()
}

/// The word that makes up the dictionary's total: two Unicode noncharacters, which no text
/// holds (a text that does is cut with the whole dictionary).
const MAKEWEIGHT: &str = "\u{FDD0}\u{FDD1}";

/// Words a thread's jieba may learn before it starts afresh (about 5 MB of trie and records).
const MAX_WORDS: usize = 100_000;

/// Windows a thread's jieba may remember having walked before it starts afresh (about 3 MB).
const MAX_WINDOWS: usize = 200_000;

/// A jieba holding the dictionary words of the texts it has cut so far.
struct Learnt {
    jieba: Jieba,
    /// The sum of the learnt words' frequencies (the makeweight's excluded).
    total: usize,
    words: usize,
    /// The windows already walked (hashes of the text from a character on, as long as the
    /// longest word): the words starting there are the same wherever the window recurs, so a
    /// paragraph changed by a keystroke walks the table only around the change.
    /// Keyed by one hash, holding a second one: a window counts as walked only if both agree.
    walked: HashKeyed<u64>,
}

impl Learnt {
    fn new() -> Learnt {
        let mut jieba = Jieba::empty();
        jieba.add_word(MAKEWEIGHT, Some(table::TOTAL), Some("x"));
        Learnt {
            jieba,
            total: 0,
            words: 0,
            walked: HashKeyed::default(),
        }
    }

    /// Adds every dictionary word that occurs in `text` and is not known yet.
    fn learn(&mut self, table: &fst::Map<&'static [u8]>, text: &str) {
        let fst = table.as_fst();
        let bytes = text.as_bytes();
        let tag_mask = (1u64 << table::TAG_BITS) - 1;
        let mut learnt = false;
        for (start, _) in text.char_indices() {
            let window = &bytes[start..bytes.len().min(start + table::LONGEST)];
            let (key, check) = window_hashes(window);
            if self.walked.insert(key, check) == Some(check) {
                continue;
            }
            let mut node = fst.root();
            let mut output = fst::raw::Output::zero();
            for (at, &byte) in bytes[start..].iter().enumerate() {
                let Some(index) = node.find_input(byte) else {
                    break;
                };
                let transition = node.transition(index);
                output = output.cat(transition.out);
                node = fst.node(transition.addr);
                if !node.is_final() {
                    continue;
                }
                // Keys are whole UTF-8 words, so a final state ends on a character boundary.
                let Some(word) = text.get(start..start + at + 1) else {
                    continue;
                };
                if self.jieba.has_word(word) {
                    continue;
                }
                let value = output.cat(node.final_output()).value();
                let freq = (value >> table::TAG_BITS) as usize;
                let tag = table::TAGS
                    .get((value & tag_mask) as usize)
                    .copied()
                    .unwrap_or("");
                self.jieba.add_word(word, Some(freq), Some(tag));
                self.total += freq;
                self.words += 1;
                learnt = true;
            }
        }
        if learnt {
            let rest = table::TOTAL.saturating_sub(self.total);
            self.jieba.add_word(MAKEWEIGHT, Some(rest), Some("x"));
        }
    }
}

/// Two independent 64-bit hashes of a window: one keys [`Learnt::walked`], the other
/// confirms it, so two windows are taken for one only if both hashes collide.
fn window_hashes(bytes: &[u8]) -> (u64, u64) {
    const K1: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    const K2: u64 = 0x9e_37_79_b9_7f_4a_7c_15;
    let (mut a, mut b) = (bytes.len() as u64, !(bytes.len() as u64));
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of 8"));
        a = (a.rotate_left(5) ^ word).wrapping_mul(K1);
        b = (b.rotate_left(23) ^ word).wrapping_mul(K2);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let word = u64::from_le_bytes(tail);
    a = (a.rotate_left(5) ^ word).wrapping_mul(K1);
    b = (b.rotate_left(23) ^ word).wrapping_mul(K2);
    // Fold the high bits down: the table takes its bucket from the low ones.
    (a ^ (a >> 29), b ^ (b >> 31))
}

thread_local! {
    static LEARNT: RefCell<Option<Learnt>> = const { RefCell::new(None) };
}

/// Runs `work` with a jieba that cuts `text`, and any part of it, exactly as jieba with the
/// whole dictionary does: the whole dictionary if it is `loaded`, else the thread's learning
/// jieba, or the whole dictionary where there is no compiled-in table (then `whole` loads it,
/// and may wait or unwind, see the caller).
pub fn with_jieba<T>(
    text: &str,
    loaded: Option<&'static Jieba>,
    whole: fn() -> &'static Jieba,
    work: impl FnOnce(&Jieba) -> T,
) -> T {
    if let Some(jieba) = loaded {
        return work(jieba);
    }
    let Some(table) = table() else {
        return work(whole());
    };
    if text.contains(MAKEWEIGHT) {
        return work(whole());
    }
    LEARNT.with(|cell| {
        // A nested call (none is made today) would find the jieba borrowed.
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return work(whole());
        };
        let learnt = match slot.as_mut() {
            Some(learnt) if learnt.words <= MAX_WORDS && learnt.walked.len() <= MAX_WINDOWS => {
                learnt
            }
            _ => slot.insert(Learnt::new()),
        };
        learnt.learn(table, text);
        work(&learnt.jieba)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a text is cut and tagged into, and which of its words jieba knows.
    fn reading(jieba: &Jieba, text: &str) -> Vec<(String, String, bool)> {
        jieba
            .tag(text, true)
            .into_iter()
            .map(|t| (t.word.to_owned(), t.tag.to_owned(), jieba.has_word(t.word)))
            .collect()
    }

    /// The whole dictionary, as the segmenter loads it where no table is compiled in.
    fn whole() -> &'static Jieba {
        super::super::jieba()
    }

    /// Cuts each text with the thread's learning jieba, on a thread of its own so it starts
    /// empty, and checks it against the whole dictionary.
    fn assert_same(texts: Vec<String>) {
        std::thread::spawn(move || {
            for text in &texts {
                let learnt = with_jieba(text, None, whole, |jieba| reading(jieba, text));
                assert_eq!(learnt, reading(whole(), text), "{text}");
            }
        })
        .join()
        .unwrap();
    }

    /// A paragraph typed into, a character at a time, and edited back: the windows walked
    /// for one version are skipped in the next, and every version is cut as the whole
    /// dictionary cuts it.
    #[test]
    fn a_paragraph_edited_keystroke_by_keystroke_is_cut_as_the_whole_dictionary() {
        let base = "各级党委政府要把安全生产摆在突出位置，层层压实责任，确保不发生重特大事故。";
        let mut texts = vec![base.to_owned()];
        let mut edited = base.to_owned();
        let at = base.find('层').unwrap();
        for c in "坚持人民至上生命至上".chars().rev() {
            edited.insert(at, c);
            texts.push(edited.clone());
        }
        texts.push(edited.replacen("安全生产", "安全", 1));
        texts.push(base.to_owned());
        assert_same(texts);
    }

    #[test]
    fn the_table_is_compiled_in() {
        assert!(compiled_in(), "build.rs found no dictionary");
        let table = table().unwrap();
        assert_eq!(table.len(), table::WORDS);
        assert!(table.len() > 349_000, "{}", table.len());
        // A lexicon phrase outside jieba's dictionary is in the table, untagged.
        assert!(!Jieba::new().has_word("新的更大的贡献"));
        let value = table.get("新的更大的贡献").unwrap();
        assert_eq!(table::TAGS[(value & 0xff) as usize], "");
    }

    #[test]
    fn a_learnt_jieba_cuts_as_the_whole_dictionary() {
        let texts = [
            "同志们：今天我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。",
            "切实增强责任感，百尺竿头更进一步，为全省发展作出新的更大的贡献。",
            "请副主任xx-x同志发言，2024-08-30见zhann.net，增长115%。",
            "一要提高认识，二要压实责任，三要强化督查；确保各项措施落地见效！",
            "张家港市人民政府办公室关于印发《乡村振兴实施方案》的通知",
            "",
            "，。",
        ];
        assert_same(texts.iter().map(|t| t.to_string()).collect());
    }

    /// Every paragraph of the real drafts, in file order and then backwards (what the jieba
    /// has learnt before must not change a cut).
    #[test]
    fn a_learnt_jieba_cuts_the_corpus_as_the_whole_dictionary() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut files: Vec<_> = std::fs::read_dir(&root)
            .into_iter()
            .chain(std::fs::read_dir(root.join("pages")))
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        assert!(files.len() >= 38, "corpus not found at {}", root.display());
        let lines: Vec<String> = files
            .iter()
            .flat_map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                text.lines().map(str::to_owned).collect::<Vec<_>>()
            })
            .filter(|line| !line.trim().is_empty())
            .collect();
        let backwards = lines.iter().rev().cloned().collect();
        assert_same(lines);
        assert_same(backwards);
    }

    #[test]
    fn a_text_holding_the_makeweight_is_cut_with_the_whole_dictionary() {
        let text = format!("会议{MAKEWEIGHT}决定");
        let learnt = with_jieba(&text, None, whole, |jieba| std::ptr::eq(jieba, whole()));
        assert!(learnt);
    }

    #[test]
    fn a_jieba_that_learnt_too_much_starts_afresh() {
        std::thread::spawn(|| {
            with_jieba("会议", None, whole, |_| ());
            let first = LEARNT.with(|c| c.borrow().as_ref().unwrap().words);
            assert_eq!(first, 3, "会 议 会议");
            LEARNT.with(|c| c.borrow_mut().as_mut().unwrap().words = MAX_WORDS + 1);
            with_jieba("决定", None, whole, |jieba| {
                assert!(!jieba.has_word("会议"))
            });
            assert_eq!(LEARNT.with(|c| c.borrow().as_ref().unwrap().words), 3);
        })
        .join()
        .unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any mix of common characters, letters, digits and marks.
        #[test]
        fn any_text_is_cut_as_with_the_whole_dictionary(
            text in "[会议决定同志们工作安全生产责任落实进一步加强全面从严治党的了是在和有中国人民xX0-9 ，。、：；！？“”《》()a-z-]{0,60}"
        ) {
            let learnt = with_jieba(&text, None, whole, |jieba| reading(jieba, &text));
            prop_assert_eq!(learnt, reading(whole(), &text));
        }
    }
}
