//! The command line: `jianggao check`, `jianggao lsp`. A thin adapter over the core.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod stats;

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
    /// 启动语言服务器（标准输入输出）
    Lsp,
    /// 检查讲稿文件或目录（“-” 表示标准输入）
    Check,
    /// 统计讲稿中重复最多的词组和套话
    Stats(stats::StatsArgs),
}

/// Runs the command line; the binary's `main` is only this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lsp => crate::lsp::run(),
        Command::Check => ExitCode::SUCCESS,
        Command::Stats(args) => stats::run(&args),
    }
}
