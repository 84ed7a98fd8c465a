//! jianggao (讲稿): checks Chinese speech drafts.
//!
//! The core is pure: [`analyze_with`] takes the text, its [`DocKind`] and a [`Config`] and
//! returns an [`Analysis`] with byte-ranged findings. The language server (`lsp`) and the
//! command line (`cli`) are thin adapters around it.

pub mod analysis;
pub mod cancel;
pub mod checks;
pub mod cli;
pub mod config;
pub mod config_edit;
pub mod docx;
pub mod draft;
pub mod finding;
pub mod lsp;
pub mod memo;
pub mod position;
pub mod segment;
pub mod silence;
pub mod thread_flag;

pub use analysis::{analyze, analyze_with, Analysis};
pub use config::Config;
pub use draft::{DocKind, Draft};
pub use finding::{Edit, Finding, Fix, Related, Severity};
