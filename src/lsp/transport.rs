//! The input side of stdio, checked before tower-lsp sees it.
//!
//! tower-lsp's decoder ends the whole input stream at the first message it cannot parse
//! (tokio-util stops a framed stream after an error), so one bad message would kill the
//! server. Here each frame is read and checked; a bad one is replaced by a request to
//! [`INVALID_MESSAGE`], which answers with the JSON-RPC error the bad message deserves.

use std::io::{BufRead, Read};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tower_lsp::jsonrpc::{Request, Response};

/// The method a bad message is turned into.
pub const INVALID_MESSAGE: &str = "jianggao/invalidMessage";

/// Params of [`INVALID_MESSAGE`].
#[derive(Debug, Serialize, Deserialize)]
pub struct InvalidMessage {
    /// JSON-RPC error code: -32700 (not JSON) or -32600 (JSON, but not a message).
    pub code: i64,
    pub error: String,
}

/// One frame read from the client, as tower-lsp should see it.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A body tower-lsp parses; forward as is.
    Message(Vec<u8>),
    /// A body it would choke on; forward this replacement instead.
    Replaced(Vec<u8>),
}

impl Frame {
    pub fn body(&self) -> &[u8] {
        match self {
            Frame::Message(body) | Frame::Replaced(body) => body,
        }
    }
}

/// Reads the next frame. `None` at end of input. Headers other than `Content-Length` are
/// ignored; a header block without a length is skipped.
pub fn read_frame(input: &mut impl BufRead) -> Option<Frame> {
    loop {
        let mut length = None;
        loop {
            let mut line = Vec::new();
            if input.read_until(b'\n', &mut line).ok()? == 0 {
                return None;
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim();
            if line.is_empty() {
                if length.is_some() {
                    break;
                }
                continue; // stray blank line between frames
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
        }
        let length = length?;
        // Refuse absurd lengths rather than allocate them (1 GiB is far beyond any draft).
        if length > 1 << 30 {
            eprintln!("jianggao: ignored a message of {length} bytes");
            std::io::copy(&mut input.take(length as u64), &mut std::io::sink()).ok()?;
            continue;
        }
        let mut body = vec![0; length];
        input.read_exact(&mut body).ok()?;
        return Some(check(body));
    }
}

/// Keeps a body tower-lsp accepts; replaces any other with an [`INVALID_MESSAGE`] request.
pub fn check(body: Vec<u8>) -> Frame {
    if serde_json::from_slice::<Request>(&body).is_ok()
        || serde_json::from_slice::<Response>(&body).is_ok()
    {
        return Frame::Message(body);
    }
    let (id, params) = match serde_json::from_slice::<Value>(&body) {
        Ok(value) => (
            value
                .get("id")
                .cloned()
                .filter(|id| id.is_number() || id.is_string()),
            InvalidMessage {
                code: -32600,
                error: "not a JSON-RPC message".to_owned(),
            },
        ),
        Err(err) => (
            None,
            InvalidMessage {
                code: -32700,
                error: format!("not JSON: {err}"),
            },
        ),
    };
    let replacement = json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "method": INVALID_MESSAGE,
        "params": params,
    });
    Frame::Replaced(replacement.to_string().into_bytes())
}

/// Frames `body` for tower-lsp.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<Frame> {
        let mut reader = std::io::BufReader::new(input.as_bytes());
        std::iter::from_fn(|| read_frame(&mut reader)).collect()
    }

    #[test]
    fn good_bad_and_shapeless_frames() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let not_json = r#"{"jsonrpc": "2.0", "method": "#;
        let shapeless = r#"{"id":7,"hello":"世界"}"#;
        let input = format!(
            "Content-Length: {}\r\n\r\n{good}Content-Length: {}\r\nContent-Type: x\r\n\r\n{not_json}Content-Length: {}\r\n\r\n{shapeless}",
            good.len(),
            not_json.len(),
            shapeless.len()
        );
        let frames = read_all(&input);
        assert_eq!(frames.len(), 3);
        assert_eq!(frames[0], Frame::Message(good.as_bytes().to_vec()));
        let replaced: Value = serde_json::from_slice(frames[1].body()).unwrap();
        assert_eq!(replaced["id"], Value::Null);
        assert_eq!(replaced["method"], INVALID_MESSAGE);
        assert_eq!(replaced["params"]["code"], -32700);
        let replaced: Value = serde_json::from_slice(frames[2].body()).unwrap();
        assert_eq!(replaced["id"], 7);
        assert_eq!(replaced["params"]["code"], -32600);
    }

    #[test]
    fn truncated_input_ends_cleanly() {
        assert_eq!(read_all("Content-Length: 50\r\n\r\n{\"a\""), vec![]);
        assert_eq!(read_all("Content-Length: x\r\n\r\n"), vec![]);
        assert_eq!(read_all(""), vec![]);
    }
}
