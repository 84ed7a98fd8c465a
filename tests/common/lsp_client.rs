//! A small JSON-RPC client for protocol tests: spawns `jianggao lsp`, frames messages with
//! `Content-Length`, answers the server's own requests, and waits for what a test expects with
//! a timeout (a hung server fails the test instead of hanging it).
//!
//! Use it from a test file with `#[path = "common/lsp_client.rs"] mod lsp_client;`.
//!
//! ```ignore
//! let (mut lsp, _init) = LspClient::start(&["utf-8"]);
//! lsp.did_open("file:///tmp/a.txt", "plaintext", 1, "XX");
//! let diagnostics = lsp.diagnostics("file:///tmp/a.txt", 1);
//! assert_eq!(lsp.shutdown_and_exit(), 0);
//! ```
#![allow(dead_code)] // each test file uses a different part of it

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long to wait for any one expected message. Generous: CI machines are slow and shared.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else, not yet consumed.
    queue: VecDeque<Value>,
    /// Every message the server sent, in order (kept unless `keep_history` is false).
    pub history: Vec<Value>,
    /// Whether to keep a copy of every message in `history`. A benchmark turns it off: a
    /// deep copy of each 40 KB `publishDiagnostics` is the client's time, not the server's.
    pub keep_history: bool,
    next_id: i64,
    pub timeout: Duration,
    /// What `workspace/configuration` requests are answered with (one copy per item).
    pub settings: Value,
    stderr: Arc<Mutex<String>>,
}

impl LspClient {
    /// Spawns `jianggao lsp` without initializing it.
    pub fn spawn() -> LspClient {
        // JIANGGAO_BIN lets a measurement run against another build (e.g. release).
        let binary = std::env::var_os("JIANGGAO_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_jianggao").into());
        let mut child = Command::new(binary)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn jianggao lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }
        });
        LspClient {
            stdin: child.stdin.take(),
            child,
            incoming,
            queue: VecDeque::new(),
            history: Vec::new(),
            keep_history: true,
            next_id: 1,
            timeout: TIMEOUT,
            settings: Value::Null,
            stderr,
        }
    }

    /// Spawns, initializes offering `encodings` (none: the UTF-16 default) and sends
    /// `initialized`. Returns the `initialize` result.
    pub fn start(encodings: &[&str]) -> (LspClient, Value) {
        Self::start_with(initialize_params(encodings, Value::Null, None))
    }

    /// Spawns, initializes with `params` and sends `initialized`.
    pub fn start_with(params: Value) -> (LspClient, Value) {
        let mut client = LspClient::spawn();
        let result = client
            .request("initialize", params)
            .expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, result)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `(VmRSS, VmHWM)` of the server in kilobytes: resident now and at its peak (Linux).
    pub fn rss_kb(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    /// Waits until the server's stderr contains `needle` (it is read by another thread).
    pub fn wait_for_stderr(&self, needle: &str) -> String {
        let deadline = Instant::now() + self.timeout;
        loop {
            let stderr = self.stderr();
            if stderr.contains(needle) {
                return stderr;
            }
            if Instant::now() > deadline {
                panic!("stderr never contained {needle:?}:\n{stderr}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything the server wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Writes one framed message with `body` as is (which need not be valid JSON).
    pub fn send_body(&mut self, body: &str) {
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.send_raw(frame.as_bytes());
    }

    /// Writes raw bytes to the server's stdin.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin still open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let mut body = json!({"jsonrpc": "2.0", "method": method});
        if !params.is_null() {
            body["params"] = params;
        }
        self.send_body(&body.to_string());
    }

    /// Sends a request without waiting (`Value::Null` params are left out, as `shutdown`
    /// wants); returns its id for [`LspClient::response`].
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let mut body = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            body["params"] = params;
        }
        self.send_body(&body.to_string());
        id
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error object)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Waits for the response with `id`.
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        let message = self.wait_for(&format!("response to request {id}"), |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        });
        match message.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(message["result"].clone()),
        }
    }

    /// Waits for the next message matching `matches`; messages before it stay queued.
    pub fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.queue.iter().position(&matches) {
            return self.queue.remove(i).expect("index in range");
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => {
                    if self.keep_history {
                        self.history.push(message.clone());
                    }
                    self.answer_server_request(&message);
                    if matches(&message) {
                        return message;
                    }
                    self.queue.push_back(message);
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "timed out waiting for {what}; queued: {:#?}\nstderr:\n{}",
                    self.queue,
                    self.stderr()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "server closed stdout while waiting for {what}; stderr:\n{}",
                    self.stderr()
                ),
            }
        }
    }

    /// Waits for a notification `method` whose params match `matches`; returns its params.
    pub fn notification(&mut self, method: &str, matches: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(&format!("notification {method}"), |m| {
            m["method"] == json!(method) && m.get("id").is_none() && matches(&m["params"])
        })["params"]
            .take()
    }

    /// Waits for `publishDiagnostics` of `uri` at `version` and returns its diagnostics.
    /// Earlier publications for the same document are skipped.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let mut params = self.notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        match params["diagnostics"].take() {
            Value::Array(diagnostics) => diagnostics,
            _ => Vec::new(),
        }
    }

    /// The versions of every `publishDiagnostics` for `uri` seen so far, in order.
    pub fn published_versions(&self, uri: &str) -> Vec<i64> {
        self.history
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .filter(|m| m["params"]["uri"] == json!(uri))
            .filter_map(|m| m["params"]["version"].as_i64())
            .collect()
    }

    pub fn did_open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {
                "uri": uri, "languageId": language_id, "version": version, "text": text
            }}),
        );
    }

    /// Sends `didChange` with `changes` (see [`change`]).
    pub fn did_change(&mut self, uri: &str, version: i64, changes: Vec<Value>) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The server's copy of a document: `(version, text)` via `jianggao/documentText`.
    pub fn document_text(&mut self, uri: &str) -> (i64, String) {
        let result = self
            .request(
                "jianggao/documentText",
                json!({"textDocument": {"uri": uri}}),
            )
            .expect("documentText");
        (
            result["version"].as_i64().expect("version"),
            result["text"].as_str().expect("text").to_owned(),
        )
    }

    /// `shutdown`, then `exit`; returns the process exit code.
    pub fn shutdown_and_exit(mut self) -> i32 {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Ok(Value::Null), "shutdown answers null");
        self.exit()
    }

    /// Sends `exit` and waits for the process; returns its exit code.
    pub fn exit(mut self) -> i32 {
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Closes stdin and waits for the process; returns its exit code.
    pub fn close_stdin(mut self) -> i32 {
        self.stdin = None;
        self.wait_exit()
    }

    fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + self.timeout;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status.code().unwrap_or(-1),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => panic!("server did not exit; stderr:\n{}", self.stderr()),
            }
        }
    }

    /// Answers requests the server sends us: configuration from [`LspClient::settings`],
    /// anything else with `null`.
    fn answer_server_request(&mut self, message: &Value) {
        let (Some(method), Some(id)) = (message["method"].as_str(), message.get("id")) else {
            return;
        };
        let result = match method {
            "workspace/configuration" => {
                let n = message["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.settings.clone(); n])
            }
            _ => Value::Null,
        };
        let body = json!({"jsonrpc": "2.0", "id": id, "result": result});
        if self.stdin.is_some() {
            self.send_body(&body.to_string());
        }
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `initialize` params offering `encodings` (empty: none offered), with editor `settings` as
/// initializationOptions and an optional workspace root.
pub fn initialize_params(encodings: &[&str], settings: Value, root: Option<&Path>) -> Value {
    let mut general = json!({});
    if !encodings.is_empty() {
        general["positionEncodings"] = json!(encodings);
    }
    json!({
        "processId": null,
        "rootUri": root.map(file_uri),
        "capabilities": {
            "general": general,
            "workspace": {"configuration": true, "didChangeConfiguration": {"dynamicRegistration": false}},
            "textDocument": {"synchronization": {"didSave": true}}
        },
        "initializationOptions": settings,
    })
}

/// A content change replacing `(line, character)..(line, character)` with `text`.
pub fn change(start: (u32, u32), end: (u32, u32), text: &str) -> Value {
    json!({
        "range": {
            "start": {"line": start.0, "character": start.1},
            "end": {"line": end.0, "character": end.1}
        },
        "text": text
    })
}

/// A range as the server sends it.
pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": {"line": start.0, "character": start.1},
        "end": {"line": end.0, "character": end.1}
    })
}

/// `file://` URI of an absolute path, percent-encoded the way servers normalise it (so a
/// published URI compares equal to the one sent).
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for &b in path.to_string_lossy().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The client's own model of positions, written independently of the server's: lines end at
/// CRLF, CR or LF; `character` counts UTF-8 bytes, UTF-16 units or code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    Utf8,
    Utf16,
    Utf32,
}

/// The position of byte `offset` in `text` (a char boundary not between CR and LF).
pub fn position_of(text: &str, offset: usize, units: Units) -> (u32, u32) {
    let bytes = text.as_bytes();
    let (mut line, mut line_start) = (0u32, 0usize);
    for i in 0..offset {
        if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let prefix = &text[line_start..offset];
    let character = match units {
        Units::Utf8 => prefix.len(),
        Units::Utf16 => prefix.encode_utf16().count(),
        Units::Utf32 => prefix.chars().count(),
    };
    (line, character as u32)
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).unwrap_or_else(
        |err| json!({"unparseable": String::from_utf8_lossy(&body), "error": err.to_string()}),
    ))
}
