//! Reading and writing draft files: UTF-8 (with or without BOM) or GB18030/GBK, decoded
//! strictly so a file in neither encoding is reported instead of silently garbled; and Word
//! documents, whose text the core extracts ([`crate::docx`]).

use std::collections::HashSet;
use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::docx::{self, DocxError};

/// How a file's bytes were encoded, so `--fix` can write it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8 {
        bom: bool,
    },
    /// GB18030, which includes GBK and GB2312; GBK files are written back as GB18030.
    Gb18030,
}

impl SourceEncoding {
    /// Name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 { bom: false } => "UTF-8",
            SourceEncoding::Utf8 { bom: true } => "UTF-8（带 BOM）",
            SourceEncoding::Gb18030 => "GB18030/GBK",
        }
    }
}

/// A decoded draft. The text never starts with a BOM: offsets count from the first real
/// character, as an editor that strips the BOM counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
}

/// Why bytes are not a draft we can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Neither valid UTF-8 nor valid GB18030.
    UnknownEncoding,
    /// Decodes, but contains NUL bytes: an image, a .docx, an executable.
    Binary,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::UnknownEncoding => f.write_str(
                "既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取（请另存为 UTF-8 文本后再检查）",
            ),
            DecodeError::Binary => f.write_str(
                "不是纯文本文件（含有二进制内容），无法检查；可检查的是 .txt、.md 和 Word 文档（.docx）",
            ),
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a draft: UTF-8 with BOM, UTF-8, then strict GB18030 (no replacement characters).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let decoded = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        let text = utf8(rest).ok_or(DecodeError::UnknownEncoding)?;
        Decoded {
            text: text.to_owned(),
            encoding: SourceEncoding::Utf8 { bom: true },
        }
    } else if let Some(text) = utf8(bytes) {
        Decoded {
            text: text.to_owned(),
            encoding: SourceEncoding::Utf8 { bom: false },
        }
    } else {
        let text = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(DecodeError::UnknownEncoding)?;
        Decoded {
            text: text.into_owned(),
            encoding: SourceEncoding::Gb18030,
        }
    };
    if decoded.text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(decoded)
}

/// `bytes` as UTF-8 text, if they are. Validated with SIMD: the standard library's validator
/// takes a step per byte of Chinese text, which was over 1 % of a batch check.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// A draft as read from the command line.
#[derive(Debug)]
pub enum Loaded {
    /// A text file, decoded.
    Text(Decoded),
    /// A Word document, its text extracted.
    Word(docx::Document),
}

/// Extensions of Word and WPS documents: read as packages whatever their bytes look like, so
/// that a legacy or damaged one is named as such instead of as "not text".
pub const WORD_EXTENSIONS: &[&str] = &["docx", "docm", "dotx", "dotm", "doc", "dot", "wps", "wpt"];

/// True when `name` has one of the [`WORD_EXTENSIONS`].
pub fn is_word_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORD_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads a draft named on the command line — a file, or standard input for `-` — as text or,
/// by its name or its first bytes, as a Word document. The error is a Chinese sentence naming
/// the input.
pub fn read_input(arg: &str) -> Result<Loaded, String> {
    let (name, bytes) = read_bytes(arg)?;
    if is_word_name(name) || docx::sniff(&bytes) {
        return docx::extract(&bytes)
            .map(Loaded::Word)
            .map_err(|err| word_error(name, &err));
    }
    decode(&bytes)
        .map(Loaded::Text)
        .map_err(|err| format!("“{name}” {err}"))
}

/// The bytes of a file, or of standard input for `-`, with the name to report them by.
fn read_bytes(arg: &str) -> Result<(&str, Vec<u8>), String> {
    if arg == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|err| format!("无法读取标准输入：{}", describe_io_error(&err)))?;
        Ok(("标准输入", bytes))
    } else {
        let bytes = std::fs::read(arg)
            .map_err(|err| format!("无法读取 “{arg}”：{}", describe_io_error(&err)))?;
        Ok((arg, bytes))
    }
}

/// Why a Word document cannot be read, naming it. A legacy binary file named `.wps` is a
/// WPS document rather than a Word one.
fn word_error(name: &str, err: &DocxError) -> String {
    let wps = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("wps"));
    match err {
        DocxError::LegacyBinary if wps => {
            format!("“{name}” 是旧版 WPS 文字文档（.wps），请另存为 .docx 后再检查")
        }
        err => format!("“{name}” {err}"),
    }
}

/// The directory whose `jianggao.toml` applies to a draft named on the command line (the
/// current directory for standard input).
pub fn draft_dir(arg: &str) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    if arg == "-" {
        return cwd;
    }
    let absolute = std::path::absolute(arg).unwrap_or_else(|_| cwd.join(arg));
    absolute.parent().map_or(cwd, Path::to_path_buf)
}

/// The config that applies in `dir`: the nearest `jianggao.toml`, or the defaults. Problems
/// in the file go to stderr; a file that cannot be read is an error naming it.
pub fn config_near(dir: &Path) -> Result<(Option<PathBuf>, Config), String> {
    let Some(path) = config::find_config_file(dir) else {
        return Ok((None, Config::default()));
    };
    let config = load_config(&path)?;
    Ok((Some(path), config))
}

/// Reads a config file; its problems go to stderr as `path:line: 配置问题：…`, once each.
pub fn load_config(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        format!(
            "无法读取配置文件 “{}”：{}",
            path.display(),
            describe_io_error(&err)
        )
    })?;
    let (mut config, problems) = Config::from_toml(&text);
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    config.root = absolute.parent().map(Path::to_path_buf);
    let mut reported = HashSet::new();
    for problem in problems {
        let at = config::locate_key(&text, &problem.key);
        let line = text[..at.start.min(text.len())].matches('\n').count() + 1;
        if reported.insert((line, problem.message.clone())) {
            eprintln!("{}:{line}: 配置问题：{}", path.display(), problem.message);
        }
    }
    Ok(config)
}

/// The bytes of `text` in `encoding` (the inverse of [`decode`]).
pub fn encode(text: &str, encoding: SourceEncoding) -> Vec<u8> {
    match encoding {
        SourceEncoding::Utf8 { bom } => {
            let mut bytes = Vec::with_capacity(text.len() + 3);
            if bom {
                bytes.extend_from_slice(UTF8_BOM);
            }
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
        // GB18030 encodes every Unicode scalar value, so this never loses text.
        SourceEncoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

/// Replaces `path` with `bytes` atomically: a temporary file in the same directory, flushed,
/// then renamed over the original, so a crash leaves either the old or the new file. The
/// original's owner and permissions are kept (a file whose owner cannot be kept is not
/// replaced); `before_rename` runs last, on the path being replaced, and may still refuse.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    // Write through a symlink to its target rather than replacing the link with a file.
    let resolved = std::fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "draft".into(), |n| n.to_string_lossy().into_owned());
    let original = std::fs::metadata(path).ok();
    // `create_new` never clobbers a file we did not make; retry with another name if taken.
    let mut attempt = 0u32;
    let (temp_path, mut file) = loop {
        let candidate = dir.join(format!(
            ".{name}.jianggao-{}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => break (candidate, file),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    };
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(original) = &original {
            // The owner first: changing it clears set-user-ID bits that the mode then restores.
            #[cfg(unix)]
            keep_owner(&file, original)?;
            file.set_permissions(original.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        before_rename(path)?;
        std::fs::rename(&temp_path, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp_path);
    }
    result
}

/// Gives `file` the owner and group of `original` when they differ from ours (root fixing a
/// user's draft); a user who may not do that gets an error, and the original stays.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, original: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let ours = file.metadata()?;
    if (ours.uid(), ours.gid()) == (original.uid(), original.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()))
}

/// A short Chinese explanation of an I/O error.
pub fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "文件或目录不存在".to_owned(),
        io::ErrorKind::PermissionDenied => "没有访问权限".to_owned(),
        io::ErrorKind::IsADirectory => "这是一个目录".to_owned(),
        _ => format!("读写失败（{err}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "同志们：\r\n今天XX省长到会。\r\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(TEXT.as_bytes()).unwrap();
        assert_eq!(plain.text, TEXT);
        assert_eq!(plain.encoding, SourceEncoding::Utf8 { bom: false });

        let with_bom = [UTF8_BOM, TEXT.as_bytes()].concat();
        let decoded = decode(&with_bom).unwrap();
        assert_eq!(decoded.text, TEXT);
        assert_eq!(decoded.encoding, SourceEncoding::Utf8 { bom: true });
        assert_eq!(encode(&decoded.text, decoded.encoding), with_bom);
    }

    #[test]
    fn gbk_round_trips_through_gb18030() {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(TEXT);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "fixture must not be UTF-8"
        );
        let decoded = decode(&gbk).unwrap();
        assert_eq!(decoded.text, TEXT);
        assert_eq!(decoded.encoding, SourceEncoding::Gb18030);
        assert_eq!(encode(&decoded.text, decoded.encoding), gbk.into_owned());
    }

    #[test]
    fn gb18030_write_back_keeps_characters_outside_gbk() {
        let text = "𠮷字同志：\n";
        let bytes = encode(text, SourceEncoding::Gb18030);
        assert_eq!(decode(&bytes).unwrap().text, text);
    }

    #[test]
    fn invalid_bytes_and_binary_are_refused() {
        // 0xFF never occurs in UTF-8 nor in GB18030.
        assert_eq!(
            decode(b"\xFF\xFE\x41\x00").unwrap_err(),
            DecodeError::UnknownEncoding
        );
        // A BOM followed by something that is not UTF-8.
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xC4\xE3").unwrap_err(),
            DecodeError::UnknownEncoding
        );
        assert_eq!(decode(b"PK\x03\x04\0\0").unwrap_err(), DecodeError::Binary);
        assert!(is_word_name("材料/讲稿.DOCX") && is_word_name("旧稿.wps"));
        assert!(!is_word_name("讲稿.txt") && !is_word_name("docx"));
    }

    #[test]
    fn atomic_write_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("讲稿.txt");
        std::fs::write(&path, "旧内容").unwrap();
        write_atomically(&path, "新内容".as_bytes(), |_| Ok(())).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新内容");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, ["讲稿.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_goes_through_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "旧").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, "新".as_bytes(), |_| Ok(())).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "新");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "x").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"y", |_| Ok(())).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
