//! Simulated typing for the benches: shared by `analyze` and `repetition`.

use std::sync::atomic::{AtomicU32, Ordering};

/// `text` with one CJK character inserted mid-paragraph near its middle; each call inserts a
/// different character, so the edited paragraph is never already in the segmentation cache.
pub fn with_char_in_middle(text: &str) -> String {
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) || text[middle..].starts_with(['\n', '\r']) {
        middle += 1;
    }
    let c = next_char();
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str(&text[..middle]);
    out.push(c);
    out.push_str(&text[middle..]);
    out
}

/// A CJK character other than the last few thousand returned: text typed with it is new.
pub fn next_char() -> char {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed) % 20_000;
    char::from_u32(0x4E00 + n).unwrap_or('字')
}
