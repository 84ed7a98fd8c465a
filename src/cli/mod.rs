//! The command line: `jianggao check`, `jianggao lsp`, `jianggao rules`. A thin adapter over
//! the core: it reads files (Word documents' text is extracted by [`crate::docx`]), converts
//! byte ranges to lines and columns (or Word paragraphs), and prints.
//!
//! Adding a subcommand (e.g. `outline`, `stats`) takes three small steps: one variant in
//! [`Command`] (with its `Args` struct), one arm in the `match` of [`main`], and one module
//! `src/cli/<name>.rs` exposing `Args` and `run(args) -> ExitCode`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod check;
pub mod errata;
mod outline;
pub mod read;
pub mod render;
pub mod rules;
mod stats;

/// Exit code for usage and I/O errors (clap uses the same for its own usage errors).
pub const EXIT_TROUBLE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "jianggao",
    version,
    about = "讲稿检查：中文讲话稿的语言服务器与命令行检查工具"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 启动语言服务器（通过标准输入输出通信，供编辑器调用）
    Lsp,
    /// 检查讲稿文件或目录（“-” 表示标准输入）
    Check(check::Args),
    /// 显示讲稿的结构（标题、称呼、各部分、结尾）及预计讲话时间
    Outline(outline::Args),
    /// 统计讲稿中重复最多的词组和套话
    Stats(stats::StatsArgs),
    /// 列出全部规则：代码、默认级别、说明
    Rules(rules::Args),
}

/// Runs the command line; the binary's `main` is only this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lsp => crate::lsp::run(),
        Command::Check(args) => check::run(args),
        Command::Outline(args) => outline::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Rules(args) => rules::run(args),
    }
}
