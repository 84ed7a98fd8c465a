//! The input side of stdio, checked before tower-lsp sees it.
//!
//! tower-lsp's decoder ends the whole input stream at the first message it cannot parse
//! (tokio-util stops a framed stream after an error), so one bad message would kill the
//! server. Here the byte stream is cut into frames by [`FrameReader`], which never stays out
//! of step: after a broken frame (garbage, a missing, wrong or oversized `Content-Length`) it
//! resynchronises on the next `Content-Length:` header, as tower-lsp's own codec does, and
//! either recovers the broken frame's message or replaces it by a request to
//! [`INVALID_MESSAGE`], which answers with the JSON-RPC error it deserves and logs it.

use std::io::Read;
use std::ops::Range;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::LazyLock;
use std::time::Duration;

use regex::bytes::Regex;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tower_lsp::jsonrpc::{Request, Response};

/// The method a bad message is turned into (a request: it is answered with an error).
pub const INVALID_MESSAGE: &str = "jianggao/invalidMessage";

/// The notification sent ahead of a message recovered from a broken frame, so the problem is
/// logged (window/logMessage and stderr) although the message itself is served.
pub const FRAMING_PROBLEM: &str = "jianggao/framingProblem";

/// The largest body read into memory (a draft of this size is far beyond any speech). A
/// larger `Content-Length` is not skipped byte by byte: the reader looks for the next header.
pub const MAX_BODY: usize = 64 << 20;

/// Bytes that belong to no frame are dropped in pieces of this size while no header shows up.
const GARBAGE_LIMIT: usize = 64 << 10;

/// A header block longer than this is garbage.
const MAX_HEADER: usize = 8 << 10;

/// How long the input may pause before a frame whose length does not fit is taken as it is.
pub const IDLE: Duration = Duration::from_millis(250);

/// Params of [`INVALID_MESSAGE`].
#[derive(Debug, Serialize, Deserialize)]
pub struct InvalidMessage {
    /// JSON-RPC error code: -32700 (not JSON) or -32600 (JSON, but not a message).
    pub code: i64,
    pub error: String,
}

/// Params of [`FRAMING_PROBLEM`].
#[derive(Debug, Serialize, Deserialize)]
pub struct FramingProblem {
    pub problem: String,
}

/// One frame read from the client, as tower-lsp should see it.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A body tower-lsp parses; forward as is.
    Message(Vec<u8>),
    /// A body it would choke on; forward this replacement (an [`INVALID_MESSAGE`]) instead.
    Replaced(Vec<u8>),
    /// A good message from a broken frame: forward it, and log what was wrong.
    Recovered { body: Vec<u8>, problem: String },
}

impl Frame {
    pub fn body(&self) -> &[u8] {
        match self {
            Frame::Message(body) | Frame::Replaced(body) | Frame::Recovered { body, .. } => body,
        }
    }

    /// The bytes to hand to tower-lsp: one framed message, or two for a recovered one.
    pub fn to_wire(&self) -> Vec<u8> {
        match self {
            Frame::Message(body) | Frame::Replaced(body) => frame(body),
            Frame::Recovered { body, problem } => {
                let note = json!({
                    "jsonrpc": "2.0",
                    "method": FRAMING_PROBLEM,
                    "params": FramingProblem { problem: problem.clone() },
                });
                let mut out = frame(note.to_string().as_bytes());
                out.extend_from_slice(&frame(body));
                out
            }
        }
    }
}

/// The start of a `Content-Length` header name.
static HEADER_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u)content-length[ \t]*:").expect("valid regex"));

/// A whole `Content-Length: N` line, CR LF and all. A JSON body never holds one (a string
/// cannot contain a raw line break), so finding one inside a body means its length is wrong.
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)content-length[ \t]*:[ \t]*[0-9]+[ \t]*\r?\n").expect("valid regex")
});

/// Cuts a byte stream into frames. Feed it with [`FrameReader::push`] and take frames with
/// [`FrameReader::next`]; pure, so tests and the fuzz target drive it with any bytes.
#[derive(Debug, Default)]
pub struct FrameReader {
    buf: Vec<u8>,
    /// After an oversized `Content-Length`: dropping bytes until the next header line.
    skipping: bool,
    /// Garbage was already reported since the last frame (so a flood is reported once).
    garbage_reported: bool,
    /// `HEADER_LINE` was searched for in `buf[..searched]` without a match, for the body
    /// being awaited (reset whenever bytes are consumed).
    searched: usize,
}

/// How a body reads.
enum Body {
    /// A JSON-RPC message (perhaps after decoding lone surrogates); the bytes to forward.
    Message(Vec<u8>),
    /// JSON, but no message: answered -32600 under its id, if it has one.
    NotAMessage(Option<Value>),
    /// Not JSON.
    NotJson(String),
}

impl FrameReader {
    pub fn new() -> FrameReader {
        FrameReader::default()
    }

    /// Appends input.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held, waiting for the rest of a frame.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// The next frame, if the input so far holds one. `idle` says no input arrived for a
    /// while (or the input ended): a frame whose `Content-Length` does not match its body is
    /// then taken as far as it goes instead of waiting for bytes that will not come.
    pub fn next(&mut self, idle: bool) -> Option<Frame> {
        loop {
            if self.skipping {
                match self.find_header_line(0) {
                    Some(at) => {
                        self.consume(at);
                        self.skipping = false;
                    }
                    None => {
                        let keep = self.buf.len().min(64);
                        self.consume(self.buf.len() - keep);
                        return None;
                    }
                }
            }
            let start = HEADER_NAME.find(&self.buf).map(|m| m.start());
            // Everything before the header is garbage, unless it is blank or other headers.
            let before = match start {
                Some(at) => at,
                None if idle => self.idle_end(0),
                None if self.buf.len() > GARBAGE_LIMIT => self.buf.len() - 64,
                None => return None,
            };
            if before > 0 {
                let prefix = &self.buf[..before];
                if prefix.iter().all(u8::is_ascii_whitespace)
                    || (start.is_some() && headers_only(prefix))
                {
                    self.consume(before);
                    continue;
                }
                let frame = self.garbage(before);
                if frame.is_some() {
                    return frame;
                }
                continue;
            }
            let start = start?;
            let block = match header_block(&self.buf[start..]) {
                HeaderBlock::Complete(block) => block,
                HeaderBlock::Partial if self.buf.len() - start <= MAX_HEADER => return None,
                HeaderBlock::Partial | HeaderBlock::Broken => {
                    // Not a header block after all: garbage up to the next header name.
                    let next = HEADER_NAME
                        .find_at(&self.buf, start + 1)
                        .map_or(self.buf.len(), |m| m.start());
                    if let Some(frame) = self.garbage(next) {
                        return Some(frame);
                    }
                    continue;
                }
            };
            let body_start = start + block.len;
            self.garbage_reported = false;
            match block.length {
                Ok(length) if length > MAX_BODY => {
                    self.consume(body_start);
                    self.skipping = true;
                    return Some(replaced(
                        None,
                        -32600,
                        format!("message of {length} bytes refused (the limit is {MAX_BODY})"),
                    ));
                }
                Ok(length) => return self.sized_body(body_start, length, idle),
                Err(value) => {
                    let problem = format!("invalid Content-Length “{value}”");
                    return self.unsized_body(body_start, problem, idle);
                }
            }
        }
    }

    /// The body after a header that gave `length`.
    fn sized_body(&mut self, body_start: usize, length: usize, idle: bool) -> Option<Frame> {
        let end = body_start + length;
        if self.buf.len() >= end {
            let body = read_body(&self.buf[body_start..end]);
            if !matches!(body, Body::NotJson(_)) {
                self.consume(end);
                return Some(body_frame(body, None));
            }
            // Not JSON as long as it says: is the length wrong?
            let next = self.find_header_line(body_start);
            if let Some(next) = next.filter(|&next| next < end) {
                return Some(
                    self.take_body(body_start..next, "Content-Length larger than the message"),
                );
            }
            let rest_end = match next {
                Some(next) => next,
                None if idle => self.idle_end(end),
                None => return None, // the rest of a body with a too small length may follow
            };
            if self.buf[end..rest_end].iter().all(u8::is_ascii_whitespace) {
                self.consume(end);
                return Some(body_frame(body, None));
            }
            // Bytes follow the body: the length was too small (counted in characters?).
            return Some(self.take_body(
                body_start..rest_end,
                "Content-Length smaller than the message",
            ));
        }
        if let Some(next) = self.find_header_line(body_start) {
            return Some(
                self.take_body(body_start..next, "Content-Length larger than the message"),
            );
        }
        if idle {
            let end = self.idle_end(body_start);
            if let Body::Message(body) = read_body(trim_ascii(&self.buf[body_start..end])) {
                self.consume(end);
                return Some(Frame::Recovered {
                    body,
                    problem: "Content-Length larger than the message".to_owned(),
                });
            }
        }
        None
    }

    /// The body after a header block without a usable length: up to the next header, or
    /// all there is once the input pauses.
    fn unsized_body(&mut self, body_start: usize, problem: String, idle: bool) -> Option<Frame> {
        let end = match self.find_header_line(body_start) {
            Some(next) => next,
            None if idle => self.idle_end(body_start),
            None if self.buf.len() - body_start > MAX_BODY => {
                self.skipping = true;
                self.consume(body_start);
                return Some(replaced(None, -32700, problem));
            }
            None => return None,
        };
        Some(self.take_body(body_start..end, &problem))
    }

    /// Consumes through `range.end`, serving the body in `range` if it is a message.
    fn take_body(&mut self, range: Range<usize>, problem: &str) -> Frame {
        let end = range.end;
        let body = read_body(trim_ascii(&self.buf[range]));
        self.consume(end);
        body_frame(body, Some(problem))
    }

    /// Drops `buf[..end]`, which belongs to no frame: a message in it (a frame that lost its
    /// header) is recovered, anything else reported once.
    fn garbage(&mut self, end: usize) -> Option<Frame> {
        let junk = &self.buf[..end];
        let problem = format!("{end} bytes outside any frame skipped");
        let recovered = junk
            .iter()
            .position(|&b| b == b'{')
            .map(|brace| read_body(trim_ascii(&junk[brace..])));
        let frame = match recovered {
            Some(Body::Message(body)) => Some(Frame::Recovered { body, problem }),
            _ if self.garbage_reported => None,
            _ => {
                self.garbage_reported = true;
                Some(replaced(None, -32700, problem))
            }
        };
        self.consume(end);
        frame
    }

    /// Where the bytes from `from` stop being taken as they are once the input pauses:
    /// before a header that has begun to arrive (its name, or the start of its name).
    fn idle_end(&self, from: usize) -> usize {
        if let Some(m) = HEADER_NAME.find_at(&self.buf, from) {
            return m.start();
        }
        const NAME: &[u8] = b"content-length";
        let tail = &self.buf[from..];
        let trimmed = tail.len()
            - tail
                .iter()
                .rev()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
        (1..=NAME.len().min(trimmed))
            .rev()
            .find(|&k| tail[trimmed - k..trimmed].eq_ignore_ascii_case(&NAME[..k]))
            .map_or(self.buf.len(), |k| from + trimmed - k)
    }

    fn find_header_line(&mut self, from: usize) -> Option<usize> {
        // Resume where the last search ended, less a header line's length of overlap.
        let from = from.max(self.searched.saturating_sub(64));
        let found = HEADER_LINE.find_at(&self.buf, from).map(|m| m.start());
        if found.is_none() {
            self.searched = self.buf.len();
        }
        found
    }

    fn consume(&mut self, n: usize) {
        self.buf.drain(..n);
        self.searched = 0;
    }
}

/// The frame for a body read from a frame that was broken (`problem`) or not.
fn body_frame(body: Body, problem: Option<&str>) -> Frame {
    match (body, problem) {
        (Body::Message(body), None) => Frame::Message(body),
        (Body::Message(body), Some(problem)) => Frame::Recovered {
            body,
            problem: problem.to_owned(),
        },
        (Body::NotAMessage(id), problem) => {
            replaced(id, -32600, with_problem("not a JSON-RPC message", problem))
        }
        (Body::NotJson(err), problem) => replaced(
            None,
            -32700,
            with_problem(&format!("not JSON: {err}"), problem),
        ),
    }
}

fn with_problem(error: &str, problem: Option<&str>) -> String {
    match problem {
        Some(problem) => format!("{problem}; {error}"),
        None => error.to_owned(),
    }
}

/// A request to [`INVALID_MESSAGE`] under `id` (null when the message had none).
fn replaced(id: Option<Value>, code: i64, error: String) -> Frame {
    let replacement = json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "method": INVALID_MESSAGE,
        "params": InvalidMessage { code, error },
    });
    Frame::Replaced(replacement.to_string().into_bytes())
}

/// Reads a body; lone UTF-16 surrogate escapes (`\ud800`, which JavaScript editors emit)
/// are decoded as U+FFFD, one UTF-16 unit like the surrogate, so positions stay aligned.
fn read_body(body: &[u8]) -> Body {
    match classify(body) {
        Body::NotJson(err) => match decode_lone_surrogates(body) {
            Some(repaired) => match classify(&repaired) {
                Body::Message(_) => Body::Message(repaired),
                other => other,
            },
            None => Body::NotJson(err),
        },
        other => other,
    }
}

fn classify(body: &[u8]) -> Body {
    if serde_json::from_slice::<Request>(body).is_ok()
        || serde_json::from_slice::<Response>(body).is_ok()
    {
        return Body::Message(body.to_vec());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(value) => Body::NotAMessage(
            value
                .get("id")
                .cloned()
                .filter(|id| id.is_number() || id.is_string()),
        ),
        Err(err) => Body::NotJson(err.to_string()),
    }
}

/// Keeps a body tower-lsp accepts; replaces any other with an [`INVALID_MESSAGE`] request.
pub fn check(body: Vec<u8>) -> Frame {
    body_frame(read_body(&body), None)
}

/// `body` with every `\uXXXX` escape of an unpaired surrogate replaced by `\ufffd`, or
/// `None` when it has none.
pub fn decode_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    fn surrogate_at(body: &[u8], at: usize) -> Option<u16> {
        let hex = body.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        let unit = u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()?;
        (0xD800..=0xDFFF).contains(&unit).then_some(unit)
    }
    let mut out = Vec::with_capacity(body.len());
    let mut changed = false;
    let mut in_string = false;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if !in_string {
            in_string = b == b'"';
            out.push(b);
            i += 1;
            continue;
        }
        match b {
            b'"' => in_string = false,
            b'\\' => {
                match surrogate_at(body, i) {
                    Some(high @ 0xD800..=0xDBFF)
                        if surrogate_at(body, i + 6).is_some_and(|low| low >= 0xDC00) =>
                    {
                        let _ = high;
                        out.extend_from_slice(&body[i..i + 12]);
                        i += 12;
                    }
                    Some(_) => {
                        out.extend_from_slice(b"\\ufffd");
                        changed = true;
                        i += 6;
                    }
                    None => {
                        // Any other escape: copy it whole, so `\\` cannot start another.
                        let end = (i + 2).min(body.len());
                        out.extend_from_slice(&body[i..end]);
                        i = end;
                    }
                }
                continue;
            }
            _ => {}
        }
        out.push(b);
        i += 1;
    }
    changed.then_some(out)
}

/// A header block: its length (through the blank line) and the `Content-Length` it gives.
struct Block {
    len: usize,
    /// The last `Content-Length` value, or the text of one that is not a byte count.
    length: Result<usize, String>,
}

enum HeaderBlock {
    Complete(Block),
    /// No blank line yet.
    Partial,
    /// A line that is no header.
    Broken,
}

/// Reads the header block at the start of `bytes` (lines ending in LF or CR LF, up to an
/// empty line).
fn header_block(bytes: &[u8]) -> HeaderBlock {
    let mut at = 0;
    let mut length = Err(String::new());
    loop {
        let Some(rel) = bytes[at..].iter().position(|&b| b == b'\n') else {
            return if is_header_prefix(&bytes[at..]) {
                HeaderBlock::Partial
            } else {
                HeaderBlock::Broken
            };
        };
        let line = trim_ascii(&bytes[at..at + rel]);
        at += rel + 1;
        if line.is_empty() {
            return HeaderBlock::Complete(Block { len: at, length });
        }
        let Some((name, value)) = split_header(line) else {
            return HeaderBlock::Broken;
        };
        if name.eq_ignore_ascii_case(b"content-length") {
            let value = String::from_utf8_lossy(value).into_owned();
            length = value.parse::<usize>().map_err(|_| value);
        }
    }
}

/// `Name: value` with a token for a name.
fn split_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = trim_ascii(&line[..colon]);
    let is_token = !name.is_empty()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    is_token.then(|| (name, trim_ascii(&line[colon + 1..])))
}

/// The start of a header line still arriving.
fn is_header_prefix(partial: &[u8]) -> bool {
    let partial = trim_ascii(partial);
    match partial.iter().position(|&b| b == b':') {
        Some(_) => split_header(partial).is_some(),
        None => partial
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
    }
}

/// Blank lines and complete header lines only (e.g. a `Content-Type` before the length).
fn headers_only(bytes: &[u8]) -> bool {
    let mut lines = bytes.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let line = trim_ascii(line);
        let complete = lines.peek().is_some();
        let header = complete && split_header(line).is_some();
        if !(line.is_empty() || header) {
            return false;
        }
    }
    true
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// Frames `body` for tower-lsp.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads `input` on a thread of its own and hands each frame to `emit` (on the calling
/// thread), until the input ends or `emit` returns false. A pause of [`IDLE`] lets a frame
/// with a wrong length through.
pub fn pump(input: impl Read + Send + 'static, mut emit: impl FnMut(Frame) -> bool) {
    let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(16);
    std::thread::spawn(move || {
        let mut input = input;
        let mut chunk = vec![0u8; 64 << 10];
        loop {
            match input.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    if tx.send(chunk[..n].to_vec()).is_err() {
                        break;
                    }
                }
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
    });
    let mut reader = FrameReader::new();
    loop {
        let (idle, ended) = match rx.recv_timeout(IDLE) {
            Ok(bytes) => {
                reader.push(&bytes);
                (false, false)
            }
            Err(RecvTimeoutError::Timeout) => (true, false),
            Err(RecvTimeoutError::Disconnected) => (true, true),
        };
        while let Some(frame) = reader.next(idle) {
            if !emit(frame) {
                return;
            }
        }
        if ended {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every frame in `input`, read as if it all arrived at once and then the input ended.
    fn read_all(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new();
        reader.push(input);
        let mut frames: Vec<Frame> = std::iter::from_fn(|| reader.next(false)).collect();
        frames.extend(std::iter::from_fn(|| reader.next(true)));
        frames
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    fn error_code(frame: &Frame) -> i64 {
        let Frame::Replaced(body) = frame else {
            panic!("not replaced: {frame:?}");
        };
        let value: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(value["method"], INVALID_MESSAGE);
        value["params"]["code"].as_i64().unwrap()
    }

    #[test]
    fn good_bad_and_shapeless_frames() {
        let not_json = r#"{"jsonrpc": "2.0", "method": "#;
        let shapeless = r#"{"id":7,"hello":"世界"}"#;
        let input = format!(
            "{}Content-Length: {}\r\nContent-Type: x\r\n\r\n{not_json}{}",
            framed(GOOD),
            not_json.len(),
            framed(shapeless)
        );
        let frames = read_all(input.as_bytes());
        assert_eq!(frames.len(), 3, "{frames:?}");
        assert_eq!(frames[0], Frame::Message(GOOD.as_bytes().to_vec()));
        assert_eq!(error_code(&frames[1]), -32700);
        let replaced: Value = serde_json::from_slice(frames[2].body()).unwrap();
        assert_eq!(replaced["id"], 7);
        assert_eq!(error_code(&frames[2]), -32600);
    }

    #[test]
    fn other_headers_may_come_first() {
        let input = format!(
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {}\r\n\r\n{GOOD}",
            GOOD.len()
        );
        assert_eq!(
            read_all(input.as_bytes()),
            vec![Frame::Message(GOOD.as_bytes().to_vec())]
        );
    }

    /// A pause in the middle of a header does not cost the frame.
    #[test]
    fn a_pause_inside_a_header_keeps_it() {
        let input = framed(GOOD);
        for cut in 1..20 {
            let mut reader = FrameReader::new();
            reader.push(&input.as_bytes()[..cut]);
            assert_eq!(reader.next(true), None, "cut at {cut}");
            reader.push(&input.as_bytes()[cut..]);
            assert_eq!(
                reader.next(false),
                Some(Frame::Message(GOOD.as_bytes().to_vec())),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn truncated_input_ends_cleanly() {
        assert_eq!(read_all(b"Content-Length: 50\r\n\r\n{\"a\""), vec![]);
        assert_eq!(read_all(b""), vec![]);
    }

    /// Item 1 of issue 14: after each kind of broken frame the next good frame is served.
    #[test]
    fn resynchronises_after_every_kind_of_broken_frame() {
        let chinese = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt","languageId":"plaintext","version":1,"text":"同志们：今天开会。"}}}"#;
        let cases: Vec<(&str, String)> = vec![
            (
                "garbage without a line end",
                format!("garbage!!{}", framed(GOOD)),
            ),
            (
                "no Content-Length",
                format!("Content-Type: x\r\n\r\n{GOOD}"),
            ),
            ("too small", format!("Content-Length: 10\r\n\r\n{GOOD}")),
            ("too large", format!("Content-Length: 4000\r\n\r\n{GOOD}")),
            ("not a number", format!("Content-Length: abc\r\n\r\n{GOOD}")),
            ("negative", format!("Content-Length: -5\r\n\r\n{GOOD}")),
            (
                "counted in characters",
                format!(
                    "Content-Length: {}\r\n\r\n{chinese}",
                    chinese.chars().count()
                ),
            ),
            (
                "beyond the cap",
                format!("Content-Length: 99999999999\r\n\r\n{GOOD}"),
            ),
            (
                "missing blank line",
                format!("Content-Length: 44\r\n{GOOD}"),
            ),
        ];
        let next = r#"{"jsonrpc":"2.0","id":2,"method":"jianggao/documentText","params":{}}"#;
        for (name, broken) in cases {
            let input = format!("{broken}{}", framed(next));
            let frames = read_all(input.as_bytes());
            assert_eq!(
                frames.last(),
                Some(&Frame::Message(next.as_bytes().to_vec())),
                "{name}: {frames:?}"
            );
            // The broken frame is answered or logged, never silently dropped.
            assert!(frames.len() >= 2, "{name}: {frames:?}");
            // And nothing is left waiting.
        }
    }

    #[test]
    fn a_message_of_a_broken_frame_is_recovered_with_its_problem() {
        let input = format!("Content-Length: 10\r\n\r\n{GOOD}{}", framed(GOOD));
        let frames = read_all(input.as_bytes());
        assert_eq!(
            frames[0],
            Frame::Recovered {
                body: GOOD.as_bytes().to_vec(),
                problem: "Content-Length smaller than the message".to_owned()
            }
        );
        assert_eq!(frames[1], Frame::Message(GOOD.as_bytes().to_vec()));
        assert_eq!(frames.len(), 2);
    }

    #[test]
    fn an_oversized_length_is_refused_without_reading_that_much() {
        let mut reader = FrameReader::new();
        reader.push(b"Content-Length: 99999999999\r\n\r\n");
        assert_eq!(error_code(&reader.next(false).unwrap()), -32600);
        // A flood of body bytes is dropped as it comes, not kept.
        for _ in 0..100 {
            reader.push(&[b'x'; 1 << 16]);
            assert_eq!(reader.next(false), None);
            assert!(reader.buffered() <= 1 << 16, "{}", reader.buffered());
        }
        reader.push(framed(GOOD).as_bytes());
        assert_eq!(
            reader.next(false),
            Some(Frame::Message(GOOD.as_bytes().to_vec()))
        );
    }

    #[test]
    fn a_frame_arriving_in_pieces_waits_for_its_end() {
        let input = framed(GOOD);
        let mut reader = FrameReader::new();
        for byte in input.as_bytes() {
            assert_eq!(reader.next(false), None);
            reader.push(&[*byte]);
        }
        assert_eq!(
            reader.next(false),
            Some(Frame::Message(GOOD.as_bytes().to_vec()))
        );
    }

    #[test]
    fn lone_surrogates_decode_as_replacement_characters() {
        let body = r#"{"jsonrpc":"2.0","method":"m","params":{"a":"x\ud800y","b":"\udc00","c":"😀\ud83d\ude00","d":"\\ud800"}}"#;
        let frames = read_all(framed(body).as_bytes());
        let [Frame::Message(decoded)] = &frames[..] else {
            panic!("{frames:?}");
        };
        let value: Value = serde_json::from_slice(decoded).unwrap();
        assert_eq!(value["params"]["a"], "x\u{FFFD}y");
        assert_eq!(value["params"]["b"], "\u{FFFD}");
        // A proper pair and an escaped backslash stay as they are.
        assert_eq!(value["params"]["c"], "😀😀");
        assert_eq!(value["params"]["d"], "\\ud800");
        assert_eq!(decode_lone_surrogates(GOOD.as_bytes()), None);
    }

    #[test]
    fn garbage_alone_is_reported_once() {
        let frames = read_all(b"hello there\r\n\r\nand more\n");
        assert_eq!(frames.len(), 1, "{frames:?}");
        assert_eq!(error_code(&frames[0]), -32700);
        // Blank lines between frames are no garbage.
        let input = format!("\r\n\r\n{}\r\n", framed(GOOD));
        assert_eq!(
            read_all(input.as_bytes()),
            vec![Frame::Message(GOOD.as_bytes().to_vec())]
        );
    }
}
