//! The language server: a thin adapter from LSP to the core.
//!
//! `convert` turns core types into LSP types, `documents` holds the pure edit application,
//! `server` the protocol handlers, `transport` guards the input stream.
//!
//! Besides the standard requests, two custom ones (params `{textDocument: {uri}}`):
//! - `jianggao/documentText` → `{version, text}`: the server's copy of a document (for tests);
//! - `jianggao/draftInfo` → `{version, spokenChars, minutes, findings: {rule: count}}`: what an
//!   editor's status bar shows.

pub mod convert;
pub mod documents;
pub mod server;
pub mod transport;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use std::task::{Context, Poll};

use tokio::sync::Notify;
use tower_lsp::jsonrpc::Request;
use tower_lsp::{LspService, Server};
use tower_service::Service;

pub use server::Backend;

/// Serves LSP over stdin/stdout until `exit` (or end of input); 0 after `shutdown`, 1 without.
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("jianggao: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let (service, socket) = {
        let shutdown = shutdown.clone();
        LspService::build(move |client| Backend::new(client, shutdown))
            .custom_method("jianggao/documentText", Backend::document_text)
            .custom_method("jianggao/draftInfo", Backend::draft_info)
            .custom_method(transport::INVALID_MESSAGE, Backend::invalid_message)
            .finish()
    };
    let exited = Arc::new(Notify::new());
    let service = ExitWatch {
        inner: service,
        exited: exited.clone(),
    };
    runtime.block_on(async {
        let input = checked_stdin(tokio::runtime::Handle::current());
        let serve = Server::new(input, tokio::io::stdout(), socket).serve(service);
        // tower-lsp only notices `exit` when the next message arrives; stop at once instead.
        tokio::select! {
            () = serve => {}
            () = exited.notified() => {}
        }
    });
    // Pending analyses are of no use to anyone now; do not wait for them.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Stdin, frame by frame, with bad messages replaced (see [`transport`]). A thread does the
/// blocking reads; at end of input the stream ends and so does the server.
fn checked_stdin(runtime: tokio::runtime::Handle) -> tokio::io::DuplexStream {
    use tokio::io::AsyncWriteExt;
    let (reader, mut writer) = tokio::io::duplex(1 << 16);
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        while let Some(frame) = transport::read_frame(&mut stdin) {
            if let transport::Frame::Replaced(_) = frame {
                eprintln!("jianggao: received a malformed message");
            }
            let bytes = transport::frame(frame.body());
            if runtime.block_on(writer.write_all(&bytes)).is_err() {
                break;
            }
        }
    });
    reader
}

/// Passes every message to tower-lsp's service and signals when `exit` went through it.
struct ExitWatch<S> {
    inner: S,
    exited: Arc<Notify>,
}

impl<S: Service<Request>> Service<Request> for ExitWatch<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let is_exit = request.method() == "exit";
        let future = self.inner.call(request);
        if is_exit {
            self.exited.notify_one();
        }
        future
    }
}
