//! The language server as an editor sees it (issue 15), on the largest corpus draft (107 KB):
//! from `initialized` and `didOpen` to the first diagnostics, and to the complete ones (the
//! same with the dictionary compiled in; in a build without it, the checks that segment come
//! a moment later, once the dictionary is loaded); a keystroke
//! to its fresh diagnostics (debounce 0); and peak RSS idle and with ten drafts open. Run
//! with `cargo bench --bench server` or `.ci/bench`.

#[path = "../tests/common/corpus.rs"]
mod corpus;
#[path = "../tests/common/lsp_client.rs"]
mod lsp_client;

use std::time::Duration;

use lsp_client::{change, initialize_params, LspClient};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/jianggao-bench/draft.txt";

fn largest() -> Option<String> {
    corpus::all()
        .into_iter()
        .map(|(_, text)| text)
        .max_by_key(String::len)
}

/// A server that answered `initialize` (with debounce 0), not yet told `initialized`.
fn initialized_not_yet() -> LspClient {
    let mut lsp = LspClient::spawn();
    let mut params = initialize_params(&[], json!({"debounce-ms": 0}), None);
    params["capabilities"]["workspace"]["configuration"] = json!(false);
    lsp.request("initialize", params).expect("initialize");
    // What is timed is the server: the client keeps no copy of each message.
    lsp.keep_history = false;
    lsp
}

fn has_code(diagnostics: &[Value], code: &str) -> bool {
    diagnostics.iter().any(|d| d["code"] == code)
}

/// Waits for diagnostics of `version` that include a segmentation finding.
fn complete(lsp: &mut LspClient, version: i64) -> Vec<Value> {
    loop {
        let diagnostics = lsp.diagnostics(URI, version);
        if has_code(&diagnostics, "stock-phrase-repeat") {
            return diagnostics;
        }
    }
}

/// VmHWM (peak RSS) of the server, in MiB.
fn peak_mib(lsp: &LspClient) -> f64 {
    lsp.rss_kb().map_or(0.0, |(_, peak)| peak as f64 / 1024.0)
}

fn main() {
    // Idle: started and warmed up (give it a second), nothing open.
    let mut lsp = initialized_not_yet();
    lsp.notify("initialized", json!({}));
    std::thread::sleep(Duration::from_secs(1));
    println!("peak RSS idle: {:.1} MiB", peak_mib(&lsp));
    assert_eq!(lsp.shutdown_and_exit(), 0);

    let drafts = corpus::all();
    if !drafts.is_empty() {
        let mut lsp = initialized_not_yet();
        lsp.timeout = Duration::from_secs(120);
        lsp.notify("initialized", json!({}));
        for n in 0..10 {
            let uri = format!("file:///tmp/jianggao-bench/ten/{n}.txt");
            lsp.did_open(&uri, "plaintext", 1, &drafts[n % drafts.len()].1);
        }
        for n in 0..10 {
            let uri = format!("file:///tmp/jianggao-bench/ten/{n}.txt");
            lsp.diagnostics(&uri, 1);
        }
        std::thread::sleep(Duration::from_millis(500));
        println!(
            "peak RSS, ten corpus drafts open: {:.1} MiB",
            peak_mib(&lsp)
        );
        assert_eq!(lsp.shutdown_and_exit(), 0);
    }
    divan::main();
}

/// `initialized`, then `didOpen` of the 107 KB draft, until its first diagnostics.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn open_to_first_diagnostics(bencher: divan::Bencher) {
    open_until(bencher, |lsp| lsp.diagnostics(URI, 1));
}

/// The same, until the diagnostics include the checks that segment.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn open_to_complete_diagnostics(bencher: divan::Bencher) {
    open_until(bencher, |lsp| complete(lsp, 1));
}

/// The whole cold start as an editor sees it when it starts the server for the draft it
/// opens: spawning `jianggao lsp`, `initialize`, `initialized` and `didOpen` of the 107 KB
/// draft, until its complete diagnostics. The server warms up while `initialize` goes back
/// and forth; `open_to_*` start the clock after that.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn spawn_to_complete_diagnostics(bencher: divan::Bencher) {
    let Some(text) = largest() else { return };
    bencher.bench_local(|| {
        let mut lsp = initialized_not_yet();
        lsp.notify("initialized", json!({}));
        lsp.did_open(URI, "plaintext", 1, &text);
        let diagnostics = complete(&mut lsp, 1);
        (lsp, diagnostics)
    });
}

/// Times `initialized` and `didOpen` of the largest draft on a fresh server, until `wait`.
fn open_until(bencher: divan::Bencher, wait: impl Fn(&mut LspClient) -> Vec<Value>) {
    let Some(text) = largest() else { return };
    bencher
        .with_inputs(initialized_not_yet)
        .bench_local_refs(|lsp| {
            lsp.notify("initialized", json!({}));
            lsp.did_open(URI, "plaintext", 1, &text);
            wait(lsp)
        });
}

/// One character typed into the middle of the open 107 KB draft, until its diagnostics
/// (debounce 0; the segmentation cache holds every other paragraph).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn keystroke_to_fresh_diagnostics(bencher: divan::Bencher) {
    let Some(text) = largest() else { return };
    let mut lsp = initialized_not_yet();
    lsp.notify("initialized", json!({}));
    lsp.did_open(URI, "plaintext", 1, &text);
    complete(&mut lsp, 1);
    let line = text.lines().count() as u32 / 2;
    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        lsp.did_change(URI, version, vec![change((line, 0), (line, 0), "讲")]);
        lsp.diagnostics(URI, version)
    });
}
