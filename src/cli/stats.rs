//! `jianggao stats FILE`: the most repeated phrases of a draft and how often each stock phrase
//! occurs — what writers ask for when they revise. Counting is in the core; this only prints.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::checks::{repeated_phrase, stock_phrase};
use crate::config::{find_config_file, Config};
use crate::draft::{DocKind, Draft};

#[derive(clap::Args)]
pub struct StatsArgs {
    /// 讲稿文件（.txt 或 .md）
    path: PathBuf,
    /// 每一类最多列出多少条
    #[arg(long, default_value_t = 20)]
    top: usize,
}

pub fn run(args: &StatsArgs) -> ExitCode {
    let shown = args.path.display();
    let bytes = match std::fs::read(&args.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("无法读取 {shown}：{err}");
            return ExitCode::from(2);
        }
    };
    let Some(text) = decode(&bytes) else {
        eprintln!("{shown} 既不是 UTF-8 也不是 GB18030 编码，无法读取");
        return ExitCode::from(2);
    };
    let config = args
        .path
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().and_then(find_config_file))
        .and_then(|file| std::fs::read_to_string(file).ok())
        .map(|toml| Config::from_toml(&toml).0)
        .unwrap_or_default();
    let kind = DocKind::from_path(&args.path.to_string_lossy());
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

/// UTF-8 (with or without BOM), else GB18030.
fn decode(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_owned());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
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
