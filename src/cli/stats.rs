//! `jianggao stats FILE`: the most repeated phrases of a draft and how often each stock phrase
//! occurs — what writers ask for when they revise. Counting is in the core; this only prints.

use std::path::PathBuf;
use std::process::ExitCode;

use super::read::Loaded;
use crate::checks::{repeated_phrase, stock_phrase};
use crate::config::Config;
use crate::draft::{DocKind, Draft};

#[derive(clap::Args)]
pub struct StatsArgs {
    /// 讲稿文件（.txt、.md 或 Word 文档）
    path: PathBuf,
    /// 每一类最多列出多少条
    #[arg(long, default_value_t = 20)]
    top: usize,
}

pub fn run(args: &StatsArgs) -> ExitCode {
    let arg = args.path.to_string_lossy();
    // A Word document's statistics are those of its body, the speech itself.
    let (text, kind) = match super::read::read_input(&arg) {
        Ok(Loaded::Text(decoded)) => (decoded.text, DocKind::from_path(&arg)),
        Ok(Loaded::Word(document)) => {
            let mut text = document.text;
            text.truncate(document.body_len);
            (text, DocKind::Plain)
        }
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(super::EXIT_TROUBLE);
        }
    };
    let config = match super::read::config_near(&super::read::draft_dir(&arg)) {
        Ok((_, config)) => config,
        Err(message) => {
            eprintln!("错误：{message}，已使用默认设置");
            Config::default()
        }
    };
    let draft = Draft::parse(&text, kind, &config);
    print!("{}", report(&draft, &config, args.top));
    ExitCode::SUCCESS
}

/// The printed report.
fn report(draft: &Draft<'_>, config: &Config, top: usize) -> String {
    let mut out = String::from("重复最多的词组：\n");
    let phrases = repeated_phrase::top_phrases(draft, top);
    if phrases.is_empty() {
        out.push_str("  （无）\n");
    }
    for (phrase, count) in phrases {
        out.push_str(&format!("  {count:>4} 次  {phrase}\n"));
    }
    out.push_str("\n套话词表中的词语：\n");
    let stock = stock_phrase::lexicon_counts(draft, config);
    if stock.is_empty() {
        out.push_str("  （无）\n");
    }
    for (phrase, category, count) in stock.into_iter().take(top) {
        out.push_str(&format!("  {count:>4} 次  {phrase}（{category}）\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lists_repeated_phrases_and_stock_phrases() {
        let text =
            "我们要进一步做好安全生产工作。\n各单位要进一步做好安全生产工作，切实负起责任。\n";
        let config = Config::default();
        let draft = Draft::parse(text, DocKind::Plain, &config);
        assert_eq!(
            report(&draft, &config, 5),
            "重复最多的词组：\n     2 次  进一步做好安全生产工作\n\n套话词表中的词语：\n     2 次  进一步（程度副词）\n     1 次  切实（程度副词）\n"
        );
    }
}
