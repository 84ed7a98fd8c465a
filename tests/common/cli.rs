//! Running the `jianggao` binary in tests: real processes, real files, real pipes.
//!
//! From a test: `#[path = "common/cli.rs"] mod cli;`.
#![allow(dead_code)] // each test file uses a different part of it

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_jianggao");
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the binary from the crate root, feeding `stdin` if given.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("write stdin");
        }
    }
    child.wait_with_output().expect("binary finishes")
}

pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_in(Path::new(ROOT), args, stdin)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// Asserts that the committed file at `path` (from the crate root) is `generated`; with
/// `UPDATE_DOCS` set, writes it first. `test` names the test binary that regenerates it.
pub fn assert_generated(path: &str, generated: &[u8], test: &str) {
    let full = Path::new(ROOT).join(path);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, generated).unwrap();
    }
    let committed = std::fs::read(&full).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is stale: run `UPDATE_DOCS=1 cargo test --test {test}`"
    );
}

/// Asserts a run's whole stdout, its stderr and its exit code.
pub fn assert_output(out: &Output, stdout_text: &str, stderr_text: &str, exit: i32) {
    assert_eq!(stdout(out), stdout_text);
    assert_eq!(stderr(out), stderr_text);
    assert_eq!(code(out), exit);
}

/// The placeholder findings the core reports for `text`: (flagged source text, message).
pub fn placeholders(text: &str) -> Vec<(String, String)> {
    jianggao::analyze(text, jianggao::DocKind::Plain)
        .findings
        .into_iter()
        .filter(|f| f.rule == "placeholder")
        .map(|f| (text[f.range.clone()].to_owned(), f.message))
        .collect()
}

/// `template` with `{m0}`, `{m1}`… replaced by the messages of `found` and `{k0}`, `{k1}`… by
/// `^` marks under their flagged text.
pub fn fill_placeholders(template: &str, found: &[(String, String)]) -> String {
    let mut out = template.to_owned();
    for (i, (flagged, message)) in found.iter().enumerate() {
        out = out
            .replace(&format!("{{m{i}}}"), message)
            .replace(&format!("{{k{i}}}"), &marks(flagged, '^'));
    }
    out
}

/// Terminal columns of `s` in the drafts used here: ASCII is narrow, everything else wide.
pub fn marks(s: &str, mark: char) -> String {
    s.chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .map(|w| mark.to_string().repeat(w))
        .collect()
}
