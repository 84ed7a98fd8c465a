//! The language server: a thin adapter from LSP to the core.

pub mod convert;
pub mod documents;

use std::process::ExitCode;

/// Serves LSP over stdin/stdout until `exit`; 0 after `shutdown`, 1 without.
pub fn run() -> ExitCode {
    ExitCode::FAILURE
}
