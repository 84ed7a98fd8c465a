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
pub mod silence;
pub mod transport;
mod worker;

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::sync::Notify;
use tower_lsp::jsonrpc::{Error, Request, Response};
use tower_lsp::{ExitedError, LspService, Server};
use tower_service::Service;

pub use server::Backend;

/// Serves LSP over stdin/stdout until `exit` (or end of input); 0 after `shutdown`, 1 without.
pub fn run() -> ExitCode {
    // Tens of milliseconds, on a thread of its own: the first diagnostics do not wait for it.
    crate::segment::start_loading();
    // One thread is plenty for the protocol: analyses run on their own worker (see
    // `worker`), and every thread that allocates keeps an allocator arena of its own.
    let runtime = match tokio::runtime::Builder::new_current_thread()
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
            .custom_method(transport::FRAMING_PROBLEM, Backend::framing_problem)
            .finish()
    };
    let exited = Arc::new(Notify::new());
    let service = Guard {
        backend: service.inner().clone(),
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

/// Stdin, frame by frame, with bad messages replaced (see [`transport`]). Threads do the
/// blocking reads; at end of input the stream ends and so does the server.
fn checked_stdin(runtime: tokio::runtime::Handle) -> tokio::io::DuplexStream {
    use tokio::io::AsyncWriteExt;
    let (reader, mut writer) = tokio::io::duplex(1 << 16);
    std::thread::spawn(move || {
        transport::pump(std::io::stdin(), |frame| {
            runtime.block_on(writer.write_all(&frame.to_wire())).is_ok()
        });
    });
    reader
}

type ResponseFuture = Pin<Box<dyn Future<Output = Result<Option<Response>, ExitedError>> + Send>>;

/// What tower-lsp's service gets wrong for some clients, put right around it; and a signal
/// when `exit` went through it.
struct Guard {
    inner: LspService<Backend>,
    backend: Backend,
    exited: Arc<Notify>,
}

impl Service<Request> for Guard {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let (method, id, params) = request.into_parts();
        // tower-lsp answers nothing to an unknown `$/` request; LSP wants "method not found".
        if let (Some(id), true) = (&id, method.starts_with("$/")) {
            let mut error = Error::method_not_found();
            error.data = Some(method.to_string().into());
            let response = Response::from_error(id.clone(), error);
            return Box::pin(async move { Ok(Some(response)) });
        }
        if id.is_none() {
            if let Some(problem) = server::malformed_notification(&method, params.as_ref()) {
                let backend = self.backend.clone();
                tokio::spawn(async move { backend.log_malformed(problem).await });
            }
        }
        let is_exit = method == "exit";
        // `"params": null` (eglot's `shutdown`) means no params; tower-lsp refuses it for the
        // methods that take none.
        let mut rebuilt = Request::build(method);
        if let Some(id) = id {
            rebuilt = rebuilt.id(id);
        }
        if let Some(params) = params.filter(|p| !p.is_null()) {
            rebuilt = rebuilt.params(params);
        }
        let future = self.inner.call(rebuilt.finish());
        if is_exit {
            self.exited.notify_one();
        }
        future
    }
}
