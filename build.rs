//! Builds, at compile time, the table that lets segmentation start without loading jieba's
//! dictionary (see `src/segment/dictionary.rs`).
//!
//! jieba-rs builds its dictionary trie at run time, and its API can't build one ahead: that
//! takes about 110 ms of every process start. The table written here is jieba's default
//! dictionary as the segmenter holds it (jieba-rs's own `dict.txt`, read from the jieba-rs
//! package, with the stock-phrase lexicon added through jieba-rs's `add_word` exactly as the
//! segmenter adds it), as an `fst` map from word to frequency and tag. At run time the
//! segmenter hands jieba only the words of the text it cuts, with the dictionary's total
//! frequency, so jieba cuts it as with the whole dictionary.
//!
//! Where the jieba-rs package can't be found, the table is empty and the segmenter loads the
//! whole dictionary as before (slower, same words); a `cargo:warning` says so.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

include!("src/shared/lexicon_file.rs");

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/shared/lexicon_file.rs");
    println!("cargo:rerun-if-changed=data/stock_phrases.toml");
    println!("cargo:rerun-if-env-changed=JIANGGAO_JIEBA_DICT");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let table = match dictionary_path().and_then(|path| build_table(&path)) {
        Ok(table) => table,
        Err(why) => {
            println!(
                "cargo:warning=jianggao: no compile-time dictionary table ({why}); \
                 segmentation loads jieba's dictionary at run time instead"
            );
            Table::absent()
        }
    };
    std::fs::write(out.join("dictionary.fst"), &table.fst).expect("write dictionary.fst");
    std::fs::write(out.join("dictionary.rs"), table.constants()).expect("write dictionary.rs");
}

/// The table and what the run time needs besides it.
struct Table {
    present: bool,
    fst: Vec<u8>,
    total: usize,
    tags: Vec<String>,
    words: usize,
    longest: usize,
}

impl Table {
    fn absent() -> Table {
        let fst = fst::MapBuilder::memory().into_inner().expect("empty fst");
        Table {
            present: false,
            fst,
            total: 0,
            tags: Vec::new(),
            words: 0,
            longest: 0,
        }
    }

    fn constants(&self) -> String {
        format!(
            "/// Whether the table holds the dictionary (else the segmenter loads jieba's own).\n\
             pub const PRESENT: bool = {};\n\
             /// The sum of the frequencies of all words, jieba's `total`.\n\
             pub const TOTAL: usize = {};\n\
             /// Words in the table.\n\
             pub const WORDS: usize = {};\n\
             /// The part-of-speech tags; a word's value is `freq << TAG_BITS | tag index`.\n\
             pub const TAGS: &[&str] = &{:?};\n\
             pub const TAG_BITS: u32 = {};\n\
             /// The length of the longest word, in bytes.\n\
             pub const LONGEST: usize = {};\n",
            self.present, self.total, self.words, self.tags, TAG_BITS, self.longest
        )
    }
}

const TAG_BITS: u32 = 8;

/// jieba-rs's `src/data/dict.txt`: `JIANGGAO_JIEBA_DICT` if set, else found in the jieba-rs
/// package that `cargo metadata` resolves for this crate, else in Cargo's registry sources at
/// the version `Cargo.lock` names.
fn dictionary_path() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("JIANGGAO_JIEBA_DICT") {
        return Ok(PathBuf::from(path));
    }
    // `cargo metadata --offline` resolves the dev-dependencies too, which a first
    // `cargo build` or `cargo run` on a fresh machine has not downloaded: then it fails, and
    // the jieba-rs sources this build script was itself built from are in the registry.
    metadata_dictionary_path()
        .or_else(|why| registry_dictionary_path().map_err(|also| format!("{why}; {also}")))
}

/// `dict.txt` in `$CARGO_HOME/registry/src/*/jieba-rs-VERSION/`, VERSION from `Cargo.lock`.
fn registry_dictionary_path() -> Result<PathBuf, String> {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?);
    let lock =
        std::fs::read_to_string(dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let lock: toml::Value = lock.parse().map_err(|e| format!("Cargo.lock: {e}"))?;
    let version = lock
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some("jieba-rs"))
        .and_then(|p| p.get("version")?.as_str())
        .ok_or("Cargo.lock: no jieba-rs package")?
        .to_owned();
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .ok_or("no CARGO_HOME or HOME")?;
    let sources = home.join("registry").join("src");
    let indexes = std::fs::read_dir(&sources).map_err(|e| format!("{}: {e}", sources.display()))?;
    indexes
        .flatten()
        .map(|index| {
            index
                .path()
                .join(format!("jieba-rs-{version}"))
                .join("src/data/dict.txt")
        })
        .find(|path| path.is_file())
        .ok_or_else(|| format!("jieba-rs-{version} not in {}", sources.display()))
}

/// `dict.txt` of the jieba-rs package that `cargo metadata` resolves for this crate.
fn metadata_dictionary_path() -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest =
        Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?)
            .join("Cargo.toml");
    // Resolved for the target only: the packages of other platforms (`anstyle-wincon`) are
    // not downloaded on a fresh machine, and offline a resolution that needs them fails.
    let target = std::env::var("TARGET").map_err(|e| format!("TARGET: {e}"))?;
    let output = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
            &target,
            "--manifest-path",
        ])
        .arg(&manifest)
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let packages = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?;
    let jieba = packages
        .iter()
        .find(|p| p["name"] == "jieba-rs")
        .ok_or("cargo metadata: no jieba-rs package")?;
    let manifest_path = jieba["manifest_path"]
        .as_str()
        .ok_or("cargo metadata: no manifest path")?;
    let path = Path::new(manifest_path)
        .parent()
        .ok_or("jieba-rs manifest has no folder")?
        .join("src/data/dict.txt");
    Ok(path)
}

fn build_table(path: &Path) -> Result<Table, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("cargo:rerun-if-changed={}", path.display());

    // Every word with its frequency and tag, as `Jieba::new()` loads them.
    let mut entries: HashMap<String, (usize, String)> = HashMap::new();
    for line in text.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            Some(f) => f
                .parse::<usize>()
                .map_err(|e| format!("dict.txt `{line}`: {e}"))?,
            None => 0,
        };
        let tag = fields.next().unwrap_or("");
        entries.insert(word.to_owned(), (freq, tag.to_owned()));
    }

    // The lexicon added as the segmenter adds it; jieba gives each phrase its frequency.
    let mut jieba = jieba_rs::Jieba::new();
    let lexicon = std::fs::read_to_string("data/stock_phrases.toml").map_err(|e| e.to_string())?;
    for (phrase, _) in lexicon_entries(&lexicon) {
        if phrase.chars().count() > 1 {
            let freq = jieba.add_word(&phrase, None, None);
            entries
                .entry(phrase)
                .and_modify(|entry| entry.0 = freq)
                .or_insert((freq, String::new()));
        }
    }
    let total: usize = entries.values().map(|(freq, _)| freq).sum();
    // jieba's own total, from its Debug output, must be the one computed here.
    let debug = format!("{jieba:?}");
    let jieba_total = debug
        .split("total_freq: ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse::<usize>().ok())
        .ok_or_else(|| format!("unexpected Debug output of Jieba: {debug}"))?;
    if jieba_total != total {
        return Err(format!(
            "the table's total frequency {total} is not jieba's {jieba_total}"
        ));
    }

    let mut tags: Vec<String> = entries.values().map(|(_, tag)| tag.clone()).collect();
    tags.sort();
    tags.dedup();
    if tags.len() >= 1 << TAG_BITS {
        return Err(format!("{} tags do not fit in {TAG_BITS} bits", tags.len()));
    }
    let mut sorted: Vec<(&String, &(usize, String))> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut builder = fst::MapBuilder::memory();
    for (word, (freq, tag)) in &sorted {
        let tag = tags.binary_search(tag).expect("tag collected above") as u64;
        let value = ((*freq as u64) << TAG_BITS) | tag;
        builder
            .insert(word.as_bytes(), value)
            .map_err(|e| e.to_string())?;
    }
    let fst = builder.into_inner().map_err(|e| e.to_string())?;
    Ok(Table {
        present: true,
        fst,
        total,
        tags,
        words: sorted.len(),
        longest: sorted.iter().map(|(word, _)| word.len()).max().unwrap_or(0),
    })
}
