//! Fuzz targets, run by proptest for a bounded time: `analyze` on arbitrary text, and the
//! server's frame reader on arbitrary bytes. (cargo-fuzz needs nightly Rust; proptest runs on
//! stable, inside `cargo test`, and shrinks a failure to a small case.)
//!
//! Each target runs for `JIANGGAO_FUZZ_SECS` seconds (default 3, so `cargo test` stays quick;
//! `.ci/run` gives each 60):
//!
//! ```sh
//! JIANGGAO_FUZZ_SECS=600 cargo test --test fuzz -- --nocapture
//! ```

use std::time::{Duration, Instant};

use jianggao::finding::apply_edits;
use jianggao::lsp::transport::{Frame, FrameReader, INVALID_MESSAGE};
use jianggao::{analyze, DocKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use serde_json::Value;

fn budget() -> Duration {
    let seconds = std::env::var("JIANGGAO_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(3.0);
    Duration::from_secs_f64(seconds)
}

/// Runs `test` on values of `strategy` until the time budget is spent; a failure is shrunk
/// and reported with its smallest case. Returns how many cases ran.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> TestCaseResult) -> usize
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    let deadline = Instant::now() + budget();
    let mut cases = 0;
    while Instant::now() < deadline {
        let tree = strategy.new_tree(&mut runner).expect("a case");
        if let Err(err) = runner.run_one(tree, &test) {
            panic!("{name}: {err}");
        }
        cases += 1;
    }
    println!("{name}: {cases} cases in {:?}", budget());
    cases
}

/// Pieces of drafts: numbering of every kind, placeholders, residue, stock phrases, quotes,
/// Markdown, line breaks of every kind, astral and invisible characters.
const DRAFT_PIECES: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "1.",
    "2．",
    "3、",
    "第一，",
    "第二，",
    "一是",
    "二是",
    "三是",
    "首先，",
    "其次，",
    "最后，",
    "同志们：",
    "各位领导：",
    "XX",
    "××",
    "某某",
    "**",
    "20XX年",
    "【待补】",
    "- 2 -",
    "共3页，当前第1页",
    "本站整理",
    "上一篇",
    "http://www.example.cn/a",
    "进一步",
    "切实",
    "紧紧围绕",
    "讲三点意见",
    "。",
    "，",
    "；",
    "！",
    "？",
    "…",
    "：",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "# ",
    "## ",
    "```",
    "> ",
    "- ",
    "* ",
    "[链接](http://a.cn)",
    "<!-- x -->",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "　",
    "\t",
    "𠮷",
    "😀",
    "\u{FFFD}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{00AD}",
    "a",
    "Z",
    "7",
    "X",
    "今天",
    "我们",
    "工作",
    "会议",
    "谢谢大家！",
    "让我们共同努力！",
];

fn draft_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(DRAFT_PIECES), 0..120)
            .prop_map(|pieces| pieces.concat()),
        1 => any::<String>(),
        1 => (prop::sample::select(DRAFT_PIECES), 1usize..3000)
            .prop_map(|(piece, n)| piece.repeat(n)),
    ]
}

/// Every finding lies inside the text on character boundaries, findings come in document
/// order, and every fix applies.
fn check_analysis(text: &str, kind: DocKind) -> TestCaseResult {
    let analysis = analyze(text, kind);
    prop_assert!(
        analysis.failures.is_empty(),
        "a check panicked: {:?}",
        analysis.failures
    );
    let mut previous = 0;
    for finding in &analysis.findings {
        let r = &finding.range;
        prop_assert!(r.start <= r.end && r.end <= text.len(), "{finding:?}");
        prop_assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{finding:?}"
        );
        prop_assert!(r.start >= previous, "out of order: {finding:?}");
        previous = r.start;
        for related in &finding.related {
            prop_assert!(related.range.end <= text.len(), "{finding:?}");
        }
        for fix in &finding.fixes {
            for edit in &fix.edits {
                prop_assert!(
                    edit.range.start <= edit.range.end && edit.range.end <= text.len(),
                    "{finding:?}"
                );
                prop_assert!(
                    text.is_char_boundary(edit.range.start)
                        && text.is_char_boundary(edit.range.end),
                    "{finding:?}"
                );
            }
            apply_edits(text, &fix.edits);
        }
    }
    Ok(())
}

#[test]
fn fuzz_analyze_arbitrary_text() {
    let cases = fuzz(
        "analyze",
        (draft_text(), any::<bool>()),
        |(text, markdown)| {
            let kind = if markdown {
                DocKind::Markdown
            } else {
                DocKind::Plain
            };
            check_analysis(&text, kind)
        },
    );
    assert!(cases > 0);
}

/// Pieces of byte streams: headers right and wrong, bodies whole and cut, JSON escapes.
const STREAM_PIECES: &[&[u8]] = &[
    b"Content-Length: ",
    b"content-length:",
    b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n",
    b"0",
    b"7",
    b"42",
    b"-3",
    b"99999999999999999999",
    b"\r\n",
    b"\n",
    b"\r",
    b"\r\n\r\n",
    b" ",
    b"{",
    b"}",
    b"\"",
    b"\\",
    b"\\ud800",
    b"\\udc00",
    b"\"jsonrpc\":\"2.0\"",
    b"\"id\":1",
    b"\"method\":\"m\"",
    b",",
    b":",
    b"\xff",
    b"\xe5\x90\x8c",
    b"\x00",
];

fn good_frame(id: u32) -> Vec<u8> {
    let body =
        format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"jianggao/documentText","params":{{}}}}"#);
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn stream() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(STREAM_PIECES).prop_map(<[u8]>::to_vec),
                1 => any::<u32>().prop_map(good_frame),
                1 => prop::collection::vec(any::<u8>(), 0..8),
            ],
            0..60,
        )
        .prop_map(|pieces| pieces.concat()),
        1 => prop::collection::vec(any::<u8>(), 0..600),
    ]
}

/// The frame reader on arbitrary bytes, cut into arbitrary pieces with pauses in between:
/// every frame it gives is a message tower-lsp parses (or the replacement request), it holds
/// no more than it was given, and two good frames after anything come out, the last intact.
#[test]
fn fuzz_frame_reader_arbitrary_bytes() {
    let strategy = (
        stream(),
        prop::collection::vec((1usize..64, any::<bool>()), 1..40),
    );
    let cases = fuzz("frame reader", strategy, |(garbage, cuts)| {
        let mut input = garbage.clone();
        input.extend(good_frame(1_000_001));
        input.extend(good_frame(1_000_002));
        let mut reader = FrameReader::new();
        let mut frames = Vec::new();
        let mut rest = &input[..];
        let mut cuts = cuts.iter().cycle();
        while !rest.is_empty() {
            let &(size, pause) = cuts.next().expect("cycle");
            let (piece, tail) = rest.split_at(size.min(rest.len()));
            reader.push(piece);
            rest = tail;
            frames.extend(std::iter::from_fn(|| reader.next(pause)));
            prop_assert!(reader.buffered() <= input.len());
        }
        frames.extend(std::iter::from_fn(|| reader.next(true)));
        for frame in &frames {
            let value: Value = serde_json::from_slice(frame.body())
                .map_err(|e| TestCaseError::fail(format!("{frame:?}: {e}")))?;
            match frame {
                Frame::Replaced(_) => prop_assert_eq!(&value["method"], INVALID_MESSAGE),
                Frame::Message(body) | Frame::Recovered { body, .. } => prop_assert!(
                    serde_json::from_slice::<tower_lsp::jsonrpc::Request>(body).is_ok()
                        || serde_json::from_slice::<tower_lsp::jsonrpc::Response>(body).is_ok(),
                    "{frame:?}"
                ),
            }
        }
        let last = String::from_utf8_lossy(&good_frame(1_000_002)).into_owned();
        let last_body = last.split("\r\n\r\n").nth(1).unwrap_or_default();
        prop_assert_eq!(
            frames.last(),
            Some(&Frame::Message(last_body.as_bytes().to_vec())),
            "after {:?}",
            String::from_utf8_lossy(&garbage)
        );
        Ok(())
    });
    assert!(cases > 0);
}
