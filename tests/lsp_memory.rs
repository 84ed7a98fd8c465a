//! Issue 14, items 7, 8 and 10: memory and time of the real `jianggao lsp` under typing.
//!
//! Opt-in measurements (they take a minute, or want a release build), each printing its
//! figures:
//!
//! ```sh
//! cargo build --release
//! JIANGGAO_BIN=target/release/jianggao cargo test --test lsp_memory -- --ignored --nocapture
//! JIANGGAO_SOAK_SECS=180 cargo test --test lsp_memory -- --ignored soak --nocapture
//! ```

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/lsp_client.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use lsp_client::{change, LspClient};
use serde_json::Value;

/// One paragraph of about `bytes` bytes, of our own sentences, without a line break.
fn long_paragraph(bytes: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        i += 1;
        text.push_str(&format!(
            "今年第{i}批改造项目要在{}月底前完成验收，{}个街道的居民议事会要把群众意见逐条登记、逐条回复。",
            i % 12 + 1,
            i % 37 + 2
        ));
    }
    text
}

/// The server's `(VmRSS, VmHWM)` in MB.
fn rss_mb(lsp: &LspClient) -> (f64, f64) {
    let (rss, hwm) = lsp.rss_kb().expect("/proc/<pid>/status (Linux)");
    (rss as f64 / 1024.0, hwm as f64 / 1024.0)
}

/// Waits until the server has published diagnostics for `version` of `uri`.
fn settle(lsp: &mut LspClient, uri: &str, version: i64) -> Vec<Value> {
    lsp.diagnostics(uri, version)
}

/// Item 7: typing into a 100 KB one-paragraph draft for a minute (`JIANGGAO_SOAK_SECS` to
/// change it) must not grow the server by 10 MB or more.
#[test]
#[ignore]
fn soak_typing_into_a_100kb_paragraph() {
    let seconds: u64 = std::env::var("JIANGGAO_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let uri = "file:///tmp/jianggao-test/soak.txt";
    let paragraph = long_paragraph(100_000);
    let chars = paragraph.encode_utf16().count() as u32;
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.timeout = Duration::from_secs(120);
    lsp.did_open(uri, "plaintext", 1, &paragraph);
    settle(&mut lsp, uri, 1);
    let (start, _) = rss_mb(&lsp);

    let started = Instant::now();
    let mut version = 1;
    let mut at = chars / 3;
    let mut samples = Vec::new();
    while started.elapsed() < Duration::from_secs(seconds) {
        version += 1;
        // Type a character, now and then delete two: the paragraph stays about 100 KB.
        let edit = if version % 5 == 0 {
            at -= 2;
            change((0, at), (0, at + 2), "")
        } else {
            at += 1;
            change((0, at - 1), (0, at - 1), "改")
        };
        lsp.did_change(uri, version, vec![edit]);
        // A fast typist: 60 to 250 ms between keystrokes, so some analyses finish, others
        // are superseded while they run.
        std::thread::sleep(Duration::from_millis(60 + (version as u64 * 37) % 190));
        if version % 50 == 0 {
            samples.push(rss_mb(&lsp).0);
        }
    }
    settle(&mut lsp, uri, version);
    let (end, peak) = rss_mb(&lsp);
    let published = lsp.published_versions(uri).len();
    println!(
        "soak: {seconds} s, {} keystrokes, {published} publications; RSS start {start:.1} MB, \
         end {end:.1} MB (growth {:.1} MB), peak {peak:.1} MB; samples {samples:.1?}",
        version - 1,
        end - start
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
    assert!(
        end - start < 10.0,
        "RSS grew by {:.1} MB (from {start:.1} to {end:.1} MB)",
        end - start
    );
}

/// Item 10: ten corpus drafts open (the corpus's drafts in turn, each under its own name):
/// peak RSS at most 80 MB.
#[test]
#[ignore]
fn ten_corpus_drafts_peak_rss() {
    let drafts = corpus::all();
    if drafts.is_empty() {
        return;
    }
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.timeout = Duration::from_secs(120);
    let (before, _) = rss_mb(&lsp);
    let started = Instant::now();
    let mut bytes = 0;
    // All at once, as an editor restoring a session opens them; then each is edited once.
    let uris: Vec<String> = (0..10)
        .map(|n| {
            format!(
                "file:///tmp/jianggao-test/ten/{n}-{}",
                drafts[n % drafts.len()].0
            )
        })
        .collect();
    for (n, uri) in uris.iter().enumerate() {
        let text = &drafts[n % drafts.len()].1;
        lsp.did_open(uri, "plaintext", 1, text);
        bytes += text.len();
    }
    for uri in &uris {
        settle(&mut lsp, uri, 1);
    }
    for uri in &uris {
        lsp.did_change(uri, 2, vec![change((0, 0), (0, 0), "改")]);
        settle(&mut lsp, uri, 2);
    }
    let (after, peak) = rss_mb(&lsp);
    let status = std::fs::read_to_string(format!("/proc/{}/status", lsp.pid())).unwrap_or_default();
    let detail: Vec<&str> = status
        .lines()
        .filter(|l| {
            ["RssAnon", "RssFile", "Threads"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .collect();
    println!("{detail:?}");
    println!(
        "ten drafts ({} KB): RSS {before:.1} MB before, {after:.1} MB after, peak {peak:.1} MB; \
         all analysed in {:?}",
        bytes / 1024,
        started.elapsed()
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
    assert!(peak <= 80.0, "peak RSS {peak:.1} MB");
}

/// Item 8: ten keystrokes into a draft that is one run of 200,000 `X` settle quickly: the
/// analysis is linear in the length of one token, and superseded analyses are dropped.
#[test]
#[ignore]
fn ten_keystrokes_into_a_run_of_200000_x() {
    let uri = "file:///tmp/jianggao-test/xxx.txt";
    let (mut lsp, _) = LspClient::start(&[]);
    lsp.timeout = Duration::from_secs(300);
    let started = Instant::now();
    lsp.did_open(uri, "plaintext", 1, &"X".repeat(200_000));
    settle(&mut lsp, uri, 1);
    let opened = started.elapsed();
    let started = Instant::now();
    for version in 2..12 {
        lsp.did_change(uri, version, vec![change((0, 100), (0, 100), "X")]);
        std::thread::sleep(Duration::from_millis(150));
    }
    settle(&mut lsp, uri, 11);
    println!(
        "200,000 X: first analysis published after {opened:?}; ten keystrokes 150 ms apart \
         settled {:?} after the first ({} publications)",
        started.elapsed(),
        lsp.published_versions(uri).len()
    );
    assert_eq!(lsp.shutdown_and_exit(), 0);
}
