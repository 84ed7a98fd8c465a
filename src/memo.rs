//! Bounded memo tables keyed by text: what a layer derives from one line or one paragraph
//! alone is computed once per distinct text and reused by the next analysis. A keystroke
//! changes one paragraph, so a re-analysis recomputes that paragraph's facts and looks up
//! the rest (segmentation, logical-line plans, ordinals, …).
//!
//! Each table holds two generations: a lookup promotes its entry to the current one; when the
//! current one holds its byte budget, the previous generation is dropped. Text still in an open
//! draft therefore stays, and text no longer in any draft ages out. The value of a key is a
//! pure function of the key, so a hit and a miss give the same answer; only time differs.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

/// What a memoised value costs on the heap, charged against the table's budget.
pub trait HeapSize {
    fn heap_size(&self) -> usize;
}

impl<T> HeapSize for Vec<T> {
    fn heap_size(&self) -> usize {
        self.capacity() * std::mem::size_of::<T>()
    }
}

impl HeapSize for u16 {
    fn heap_size(&self) -> usize {
        0
    }
}

/// A bounded memo table from text to `Arc<V>`.
pub struct Memo<V> {
    inner: Mutex<Generations<V>>,
    budget: usize,
}

struct Generations<V> {
    current: Generation<V>,
    previous: Generation<V>,
}

/// Entries with the bytes charged for each. A value may grow after it is stored (a
/// segmentation cuts its tokens on first use), so its charge is brought up to date whenever it
/// is looked up.
struct Generation<V> {
    entries: TextMap<(Arc<V>, usize)>,
    bytes: usize,
}

impl<V> Default for Generation<V> {
    fn default() -> Self {
        Generation {
            entries: TextMap::default(),
            bytes: 0,
        }
    }
}

impl<V: HeapSize> Generation<V> {
    fn insert(&mut self, key: Arc<str>, value: Arc<V>) {
        let charge = charge(&key, value.as_ref());
        self.bytes += charge;
        if let Some((_, old)) = self.entries.insert(key, (value, charge)) {
            self.bytes -= old;
        }
    }

    fn remove(&mut self, key: &str) -> Option<(Arc<str>, Arc<V>)> {
        let (key, (value, charge)) = self.entries.remove_entry(key)?;
        self.bytes -= charge;
        Some((key, value))
    }
}

fn charge<V: HeapSize>(key: &str, value: &V) -> usize {
    std::mem::size_of::<V>() + key.len() + value.heap_size()
}

impl<V: HeapSize> Generations<V> {
    fn get(&mut self, key: &str, budget: usize) -> Option<Arc<V>> {
        if let Some((value, charged)) = self.current.entries.get_mut(key) {
            let size = charge(key, value.as_ref());
            self.current.bytes = self.current.bytes - *charged + size;
            *charged = size;
            return Some(Arc::clone(value));
        }
        let (key, value) = self.previous.remove(key)?;
        self.insert(key, Arc::clone(&value), budget);
        Some(value)
    }

    fn insert(&mut self, key: Arc<str>, value: Arc<V>, budget: usize) {
        if self.current.bytes >= budget {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(key, value);
    }
}

impl<V: HeapSize> Memo<V> {
    /// A table that keeps about `budget` bytes per generation (two generations at most, plus
    /// the entry that made the current one overflow).
    pub fn new(budget: usize) -> Memo<V> {
        Memo {
            inner: Mutex::new(Generations {
                current: Generation::default(),
                previous: Generation::default(),
            }),
            budget,
        }
    }

    /// The value for `key`: from the table when the same text was seen, else computed by
    /// `compute` (outside the lock; it receives the key as an `Arc` it may keep) and stored.
    pub fn get_or_insert_with(&self, key: &str, compute: impl FnOnce(&Arc<str>) -> V) -> Arc<V> {
        if !KEEPING.get() {
            return Arc::new(compute(&Arc::from(key)));
        }
        if let Some(found) = self
            .inner
            .lock()
            .ok()
            .and_then(|mut inner| inner.get(key, self.budget))
        {
            return found;
        }
        // Another thread may compute the same value meanwhile, which is harmless.
        let key: Arc<str> = Arc::from(key);
        let value = Arc::new(compute(&key));
        if let Ok(mut inner) = self.inner.lock() {
            inner.insert(key, Arc::clone(&value), self.budget);
        }
        value
    }

    /// Empties the table (benchmarks that measure a cold analysis).
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.current = Generation::default();
            inner.previous = Generation::default();
        }
    }

    /// The values held, both generations (for tests).
    #[cfg(test)]
    pub(crate) fn values(&self) -> Vec<Arc<V>> {
        self.inner.lock().map_or(Vec::new(), |inner| {
            [&inner.current, &inner.previous]
                .iter()
                .flat_map(|g| g.entries.values())
                .map(|(value, _)| Arc::clone(value))
                .collect()
        })
    }

    /// The table's own copy of the key `text` (for tests).
    #[cfg(test)]
    pub(crate) fn key(&self, text: &str) -> Option<Arc<str>> {
        let inner = self.inner.lock().ok()?;
        [&inner.current, &inner.previous]
            .iter()
            .find_map(|g| g.entries.get_key_value(text))
            .map(|(key, _)| Arc::clone(key))
    }

    /// Bytes the table holds, as charged.
    pub fn bytes(&self) -> usize {
        self.inner
            .lock()
            .map_or(0, |inner| inner.current.bytes + inner.previous.bytes)
    }
}

thread_local! {
    /// Whether this thread's lookups keep what they compute ([`keeping_nothing`]).
    static KEEPING: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `work` with every memo table bypassed on this thread: each value is computed and
/// handed out, not looked up or stored. A batch `check` reads each draft once, so a table
/// would only hold facts no later analysis asks for; filling it, and dropping its old
/// generation on whichever thread overflows it, cost a quarter of an archive's CPU (frees of
/// blocks another thread allocated contend for its allocator arena). The answers are the
/// same either way: a value is a pure function of its key.
pub fn keeping_nothing<T>(work: impl FnOnce() -> T) -> T {
    crate::thread_flag::with(&KEEPING, false, work)
}

/// A fast hasher for text keys (the Fx hash of rustc): every analysis looks up every line and
/// paragraph, so the key hash must cost little next to the text's length.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }
}

/// The keys are hashes already: hashing them again would only cost time.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by hashes (of n-grams, of sentences), which are not hashed again.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

type TextMap<V> = HashMap<Arc<str>, V, BuildHasherDefault<FxHasher>>;

/// Empties every memo table of the core (segmentation included): the next analysis starts
/// cold, as the first analysis of a process does.
pub fn clear_all() {
    crate::segment::clear_cache();
    crate::draft::clear_memos();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A key's length in bytes, counting the computations in `computed`.
    fn counting_lengths(computed: &Cell<usize>) -> impl Fn(&Arc<str>) -> Vec<usize> + '_ {
        move |key| {
            computed.set(computed.get() + 1);
            vec![key.len()]
        }
    }

    #[test]
    fn a_value_is_computed_once_per_text() {
        let memo: Memo<Vec<usize>> = Memo::new(1 << 20);
        let computed = Cell::new(0);
        let compute = &counting_lengths(&computed);
        assert_eq!(*memo.get_or_insert_with("一二三", compute), vec![9]);
        assert_eq!(*memo.get_or_insert_with("一二三", compute), vec![9]);
        assert_eq!(*memo.get_or_insert_with("一二", compute), vec![6]);
        assert_eq!(computed.get(), 2);
        memo.clear();
        assert_eq!(memo.bytes(), 0);
        assert_eq!(*memo.get_or_insert_with("一二三", compute), vec![9]);
        assert_eq!(computed.get(), 3);
    }

    #[test]
    fn keeping_nothing_computes_every_lookup_and_stores_none_until_it_ends() {
        let memo: Memo<Vec<usize>> = Memo::new(1 << 20);
        let computed = Cell::new(0);
        let compute = &counting_lengths(&computed);
        assert_eq!(*memo.get_or_insert_with("一二三", compute), vec![9]);
        let inside = keeping_nothing(|| {
            // Not even the stored text is looked up.
            let a = memo.get_or_insert_with("一二三", compute);
            let b = memo.get_or_insert_with("一二", compute);
            let c = memo.get_or_insert_with("一二", compute);
            (a, b, c)
        });
        assert_eq!(
            inside,
            (Arc::new(vec![9]), Arc::new(vec![6]), Arc::new(vec![6]))
        );
        assert_eq!(computed.get(), 4);
        assert_eq!(memo.values(), vec![Arc::new(vec![9])]);
        // Afterwards the table serves and stores again, also after a panic inside.
        let panicked = std::panic::catch_unwind(|| keeping_nothing(|| panic!("a bug")));
        assert!(panicked.is_err());
        assert_eq!(*memo.get_or_insert_with("一二三", compute), vec![9]);
        assert_eq!(*memo.get_or_insert_with("一二", compute), vec![6]);
        assert_eq!(computed.get(), 5);
        assert_eq!(memo.values().len(), 2);
    }

    #[test]
    fn old_text_ages_out_and_the_table_stays_bounded() {
        // A budget of one entry: each new text starts a generation.
        let memo: Memo<Vec<u8>> = Memo::new(1);
        let computed = Cell::new(0);
        let compute = |_: &Arc<str>| {
            computed.set(computed.get() + 1);
            vec![0u8; 100]
        };
        for i in 0..1000 {
            memo.get_or_insert_with(&format!("第{i}段"), compute);
        }
        assert_eq!(computed.get(), 1000);
        // Two generations of one entry each.
        let one = std::mem::size_of::<Vec<u8>>() + "第999段".len() + 100;
        assert!(memo.bytes() <= 2 * one, "{} bytes", memo.bytes());
        // The last text is still there; the first one is gone.
        memo.get_or_insert_with("第999段", compute);
        assert_eq!(computed.get(), 1000);
        memo.get_or_insert_with("第0段", compute);
        assert_eq!(computed.get(), 1001);
    }
}
