//! Configuration: one model, read from `jianggao.toml` and from the editor's `jianggao` settings.
//!
//! Both sources are turned into JSON values and merged (the project file wins over editor
//! settings), then read once. A broken or unknown key produces a [`ConfigProblem`] with a Chinese
//! message, and only that key falls back to its default.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::checks::{self, Rule};
use crate::finding::Severity;

/// The file name searched for from a draft's directory upwards.
pub const CONFIG_FILE_NAME: &str = "jianggao.toml";

/// Speaking rate used when none is configured: a measured official delivery.
pub const DEFAULT_CHARS_PER_MINUTE: u32 = 220;

/// How long to wait after the last keystroke before re-checking.
pub const DEFAULT_DEBOUNCE_MS: u64 = 100;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `enable = false` turns every check off (the outline still works).
    pub enable: bool,
    pub debounce_ms: u64,
    pub draft: DraftSettings,
    /// Per rule code: severity override and the rule's own options.
    pub rules: BTreeMap<String, RuleSettings>,
    /// `[typos]`: the project's own wrong → right pairs for the `typo` rule; an empty right
    /// form disables a built-in entry.
    pub typos: BTreeMap<String, String>,
    /// `[words] allow`: words no word-based rule flags (see [`crate::checks::is_word_rule`]).
    pub words_allow: Vec<String>,
    /// `[[ignore]]`: single findings silenced in one draft.
    pub ignore: Vec<IgnoreEntry>,
    /// `docs-url`: where the rule reference is published; diagnostics link to
    /// `{docs-url}#{code}` only when it is set.
    pub docs_url: Option<String>,
    /// The directory of the `jianggao.toml` read, which `[[ignore]]` files are relative to.
    /// Set by whoever read the file (the core does no I/O).
    pub root: Option<PathBuf>,
    /// The draft being checked, relative to `root` with `/` separators: the `file` an
    /// `[[ignore]]` entry must name to apply. Set by [`Config::for_draft`].
    pub draft_file: Option<String>,
}

/// One `[[ignore]]` entry: a finding of `rule` in `file` whose flagged text starts with
/// `text`, with `before` right before it and `after` right after `text` (the entry's
/// `context`, split around `text`). Matched by text, not line, so it survives edits elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreEntry {
    /// 1-based position among the file's `[[ignore]]` entries, for messages.
    pub number: usize,
    pub file: String,
    pub rule: String,
    pub text: String,
    pub before: String,
    pub after: String,
}

/// Settings about the draft as a whole (`[draft]`).
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSettings {
    /// Kind of speech (`总结表彰`, `工作会议`, …); inferred from the title when absent.
    pub kind: Option<String>,
    /// Speaking rate for the estimated time, in characters per minute.
    pub chars_per_minute: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSettings {
    /// `None` keeps the rule's default severity.
    pub level: Option<Level>,
    /// The rule's own options (everything but `severity`), validated by the rule.
    pub options: Map<String, Value>,
}

/// A configured severity: a real one, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// Something wrong in a configuration source, explained in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// Dotted key path, e.g. `rules.placeholder.severity`.
    pub key: String,
    pub message: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            enable: true,
            debounce_ms: DEFAULT_DEBOUNCE_MS,
            draft: DraftSettings {
                kind: None,
                chars_per_minute: DEFAULT_CHARS_PER_MINUTE,
            },
            rules: BTreeMap::new(),
            typos: BTreeMap::new(),
            words_allow: Vec::new(),
            ignore: Vec::new(),
            docs_url: None,
            root: None,
            draft_file: None,
        }
    }
}

impl Config {
    /// Reads a `jianggao.toml`. A syntax error yields the defaults and one problem.
    pub fn from_toml(text: &str) -> (Config, Vec<ConfigProblem>) {
        match toml_to_json(text) {
            Ok(value) => Config::from_json(&value),
            Err(problem) => (Config::default(), vec![problem]),
        }
    }

    /// Reads the editor's settings object (the `jianggao` section).
    pub fn from_json(value: &Value) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let Some(root) = value.as_object() else {
            if !value.is_null() {
                problems.push(problem("", "配置应为一个表（键值对），已使用默认设置"));
            }
            return (config, problems);
        };
        for (key, value) in root {
            match key.as_str() {
                "enable" => match value.as_bool() {
                    Some(b) => config.enable = b,
                    None => problems.push(problem("enable", "“enable” 应为 true 或 false")),
                },
                "debounce-ms" | "debounceMs" => match value.as_u64() {
                    Some(ms) if ms <= 10_000 => config.debounce_ms = ms,
                    _ => problems.push(problem(
                        key,
                        "“debounce-ms” 应为 0 到 10000 之间的整数（毫秒）",
                    )),
                },
                "draft" => read_draft(value, &mut config.draft, &mut problems),
                "rules" => read_rules(value, &mut config.rules, &mut problems),
                "typos" => read_typos(value, &mut config.typos, &mut problems),
                "words" => read_words(value, &mut config.words_allow, &mut problems),
                "ignore" => read_ignore(value, &mut config.ignore, &mut problems),
                "docs-url" | "docsUrl" => match value.as_str().map(str::trim) {
                    Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                        config.docs_url = Some(url.to_owned())
                    }
                    _ => problems.push(problem(
                        key,
                        "“docs-url” 应为以 https:// 或 http:// 开头的网址（规则说明所在的页面），已忽略",
                    )),
                },
                // Client-side settings that the editor plugins read; not for the server.
                "serverPath" | "documentSelector" | "trace" => {}
                other => problems.push(problem(other, &format!("未知的设置项 “{other}”，已忽略"))),
            }
        }
        (config, problems)
    }

    /// Reads the editor settings and the project file together; the project file wins.
    pub fn from_sources(client: &Value, file: Option<&str>) -> (Config, Vec<ConfigProblem>) {
        let mut merged = client.clone();
        let mut problems = Vec::new();
        if let Some(text) = file {
            match toml_to_json(text) {
                Ok(value) => merge_json(&mut merged, value),
                Err(p) => problems.push(p),
            }
        }
        let (config, more) = Config::from_json(&merged);
        problems.extend(more);
        (config, problems)
    }

    /// This config as it applies to the draft at `path` (absolute): `[[ignore]]` entries
    /// naming it apply. A draft outside `root` (or without a path) gets none.
    pub fn for_draft(&self, path: Option<&Path>) -> Config {
        let mut config = self.clone();
        config.draft_file = path.and_then(|path| self.relative_name(path));
        config
    }

    /// `path` relative to `root`, `/`-separated: how `[[ignore]]` entries name a draft.
    pub fn relative_name(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(self.root.as_deref()?).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    /// The severity a rule reports at, or `None` when it is turned off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        if !self.enable {
            return None;
        }
        match self.rules.get(rule.code).and_then(|r| r.level) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => Some(severity),
            None => Some(rule.default_severity),
        }
    }

    /// The typed options of a rule; keys that do not parse fall back to their defaults.
    pub fn rule_options<T: DeserializeOwned + Default>(&self, code: &str) -> T {
        match self.rules.get(code) {
            Some(settings) => parse_options::<T>(code, &settings.options).0,
            None => T::default(),
        }
    }
}

/// Parses a rule's options key by key, so one bad key does not discard the others.
/// Option structs use `#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]`.
pub fn parse_options<T: DeserializeOwned + Default>(
    code: &str,
    options: &Map<String, Value>,
) -> (T, Vec<ConfigProblem>) {
    if let Ok(all) = serde_json::from_value::<T>(Value::Object(options.clone())) {
        return (all, Vec::new());
    }
    let mut good = Map::new();
    let mut problems = Vec::new();
    for (key, value) in options {
        let single = Map::from_iter([(key.clone(), value.clone())]);
        match serde_json::from_value::<T>(Value::Object(single)) {
            Ok(_) => {
                good.insert(key.clone(), value.clone());
            }
            Err(err) => problems.push(problem(
                &format!("rules.{code}.{key}"),
                &describe_option_error(code, key, &err.to_string()),
            )),
        }
    }
    let parsed = serde_json::from_value::<T>(Value::Object(good)).unwrap_or_default();
    (parsed, problems)
}

fn describe_option_error(code: &str, key: &str, error: &str) -> String {
    if error.contains("unknown field") {
        format!("规则 “{code}” 没有选项 “{key}”，已忽略")
    } else {
        format!("规则 “{code}” 的选项 “{key}” 取值无效（{error}），已使用默认值")
    }
}

fn read_draft(value: &Value, draft: &mut DraftSettings, problems: &mut Vec<ConfigProblem>) {
    let Some(table) = value.as_object() else {
        problems.push(problem("draft", "“draft” 应为一个表"));
        return;
    };
    for (key, value) in table {
        match key.as_str() {
            "kind" => match value.as_str() {
                Some(kind) if !kind.trim().is_empty() => draft.kind = Some(kind.trim().to_owned()),
                _ => problems.push(problem("draft.kind", "“draft.kind” 应为讲话类型名称，如 “总结表彰”")),
            },
            "chars-per-minute" | "charsPerMinute" => match value.as_u64() {
                Some(rate) if (60..=600).contains(&rate) => draft.chars_per_minute = rate as u32,
                _ => problems.push(problem(
                    "draft.chars-per-minute",
                    "“draft.chars-per-minute” 应为 60 到 600 之间的整数（字/分钟），已使用默认值 220",
                )),
            },
            other => problems.push(problem(
                &format!("draft.{other}"),
                &format!("未知的设置项 “draft.{other}”，已忽略"),
            )),
        }
    }
}

/// `[typos]`: `"wrong" = "right"` pairs. A bad pair is reported and skipped; the others apply.
fn read_typos(
    value: &Value,
    typos: &mut BTreeMap<String, String>,
    problems: &mut Vec<ConfigProblem>,
) {
    let Some(table) = value.as_object() else {
        problems.push(problem(
            "typos",
            "“typos” 应为一个表：\"错误写法\" = \"正确写法\"",
        ));
        return;
    };
    for (wrong, right) in table {
        let key = format!("typos.{wrong}");
        match right.as_str() {
            _ if wrong.trim().is_empty() => {
                problems.push(problem("typos", "“typos” 里有空的错误写法，已忽略"))
            }
            Some(right) if right == wrong => problems.push(problem(
                &key,
                &format!("错字表条目 “{wrong}” 的正确写法与错误写法相同，已忽略"),
            )),
            Some(right) => {
                typos.insert(wrong.clone(), right.to_owned());
            }
            None => problems.push(problem(
                &key,
                &format!(
                    "错字表条目 “{wrong}” 的正确写法应为字符串（停用内置条目可写 \"\"），已忽略"
                ),
            )),
        }
    }
}

/// `[words] allow = ["…"]`.
fn read_words(value: &Value, allow: &mut Vec<String>, problems: &mut Vec<ConfigProblem>) {
    let Some(table) = value.as_object() else {
        problems.push(problem(
            "words",
            "“words” 应为一个表，如 [words] allow = [\"某某公司\"]",
        ));
        return;
    };
    for (key, value) in table {
        match (key.as_str(), value.as_array()) {
            ("allow", Some(words)) => {
                for word in words {
                    match word.as_str().map(str::trim) {
                        Some(word) if !word.is_empty() => allow.push(word.to_owned()),
                        _ => problems.push(problem(
                            "words.allow",
                            &format!(
                                "“words.allow” 中的 {word} 不是词语（应为非空字符串），已忽略"
                            ),
                        )),
                    }
                }
            }
            ("allow", None) => problems.push(problem(
                "words.allow",
                "“words.allow” 应为词语列表，如 [\"某某公司\"]",
            )),
            (other, _) => problems.push(problem(
                &format!("words.{other}"),
                &format!("未知的设置项 “words.{other}”，已忽略"),
            )),
        }
    }
}

/// `[[ignore]]` entries: `file`, `rule`, `text` and an optional `context`. A broken entry is
/// reported and skipped; the others apply.
fn read_ignore(value: &Value, ignore: &mut Vec<IgnoreEntry>, problems: &mut Vec<ConfigProblem>) {
    let Some(entries) = value.as_array() else {
        problems.push(problem(
            "ignore",
            "“ignore” 应为 [[ignore]] 条目（file、rule、text、context）",
        ));
        return;
    };
    for (i, entry) in entries.iter().enumerate() {
        let number = i + 1;
        let bad = |what: &str| {
            problem(
                &format!("ignore.{number}"),
                &format!("第 {number} 条 [[ignore]] {what}，已忽略"),
            )
        };
        let Some(table) = entry.as_object() else {
            problems.push(bad("应为一个表"));
            continue;
        };
        let field = |name: &str| table.get(name).and_then(Value::as_str).map(str::to_owned);
        if let Some(unknown) = table
            .keys()
            .find(|k| !["file", "rule", "text", "context"].contains(&k.as_str()))
        {
            problems.push(bad(&format!("有未知的键 “{unknown}”")));
            continue;
        }
        let (Some(file), Some(rule), Some(text)) = (field("file"), field("rule"), field("text"))
        else {
            problems.push(bad("缺少 file、rule 或 text（均为字符串）"));
            continue;
        };
        if checks::rule(&rule).is_none() {
            problems.push(bad(&format!("的规则 “{rule}” 不存在")));
            continue;
        }
        let (before, after) = match field("context") {
            None if table.contains_key("context") => {
                problems.push(bad("的 context 应为字符串"));
                continue;
            }
            None => (String::new(), String::new()),
            Some(context) => match context.find(&text) {
                Some(at) => (
                    context[..at].to_owned(),
                    context[at + text.len()..].to_owned(),
                ),
                None => {
                    problems.push(bad("的 context 应包含 text"));
                    continue;
                }
            },
        };
        ignore.push(IgnoreEntry {
            number,
            file: file.replace('\\', "/").trim_start_matches("./").to_owned(),
            rule,
            text,
            before,
            after,
        });
    }
}

fn read_rules(
    value: &Value,
    rules: &mut BTreeMap<String, RuleSettings>,
    problems: &mut Vec<ConfigProblem>,
) {
    let Some(table) = value.as_object() else {
        problems.push(problem("rules", "“rules” 应为一个表"));
        return;
    };
    for (code, value) in table {
        let Some(rule) = checks::rule(code) else {
            problems.push(problem(
                &format!("rules.{code}"),
                &format!("未知的规则 “{code}”，已忽略（可用 `jianggao rules` 查看全部规则）"),
            ));
            continue;
        };
        let mut settings = RuleSettings::default();
        match value {
            // Shorthand: `placeholder = "off"`.
            Value::String(s) => match parse_level(s) {
                Some(level) => settings.level = Some(level),
                None => problems.push(bad_severity(code, s)),
            },
            Value::Bool(on) => settings.level = if *on { None } else { Some(Level::Off) },
            Value::Object(table) => {
                for (key, value) in table {
                    if key == "severity" {
                        match value.as_str().and_then(parse_level) {
                            Some(level) => settings.level = Some(level),
                            None => problems.push(bad_severity(code, &value.to_string())),
                        }
                    } else {
                        settings.options.insert(key.clone(), value.clone());
                    }
                }
                problems.extend((rule.validate_options)(code, &settings.options));
            }
            _ => problems.push(problem(
                &format!("rules.{code}"),
                &format!("规则 “{code}” 的设置应为一个表，或 \"off\" 之类的级别"),
            )),
        }
        rules.insert(rule.code.to_owned(), settings);
    }
}

fn parse_level(s: &str) -> Option<Level> {
    Some(match s.to_ascii_lowercase().as_str() {
        "off" | "none" | "false" => Level::Off,
        "error" => Level::On(Severity::Error),
        "warning" | "warn" => Level::On(Severity::Warning),
        "info" | "information" => Level::On(Severity::Info),
        "hint" => Level::On(Severity::Hint),
        _ => return None,
    })
}

fn bad_severity(code: &str, given: &str) -> ConfigProblem {
    problem(
        &format!("rules.{code}.severity"),
        &format!(
            "规则 “{code}” 的级别 {given} 无效，应为 \"error\"、\"warning\"、\"info\"、\"hint\" 或 \"off\"，已使用默认级别"
        ),
    )
}

fn problem(key: &str, message: &str) -> ConfigProblem {
    ConfigProblem {
        key: key.to_owned(),
        message: message.to_owned(),
    }
}

fn toml_to_json(text: &str) -> Result<Value, ConfigProblem> {
    let table: toml::Table = toml::from_str(text).map_err(|err| {
        problem(
            "",
            &format!(
                "{CONFIG_FILE_NAME} 格式有误，已使用默认设置：{}",
                err.message()
            ),
        )
    })?;
    serde_json::to_value(table).map_err(|err| problem("", &err.to_string()))
}

/// Deep-merges `overlay` into `base`: tables merge key by key, anything else replaces.
fn merge_json(base: &mut Value, overlay: Value) {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                merge_json(base.entry(key).or_insert(Value::Null), value);
            }
        }
        (base, overlay) => *base = overlay,
    }
}

/// The nearest `jianggao.toml` in `dir` or its ancestors.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Where a problem's key sits in the TOML text, for a diagnostic on the config file.
/// Finds the line that defines the last path segment inside its table; falls back to the
/// table header, then to the first line.
pub fn locate_key(text: &str, key: &str) -> Range<usize> {
    if let Some(number) = key
        .strip_prefix("ignore.")
        .and_then(|n| n.parse::<usize>().ok())
    {
        if let Some(range) = locate_ignore(text, number) {
            return range;
        }
    }
    let segments: Vec<&str> = key.split('.').filter(|s| !s.is_empty()).collect();
    let mut table: Vec<String> = Vec::new();
    let mut offset = 0;
    let mut header_match: Option<Range<usize>> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            table = name
                .trim_matches(['[', ']'])
                .split('.')
                .map(|s| s.trim().to_owned())
                .collect();
            if !segments.is_empty() && table == segments {
                header_match = Some(range.clone());
            }
            continue;
        }
        if let Some((lhs, _)) = trimmed.split_once('=') {
            let mut path = table.clone();
            path.extend(
                lhs.trim()
                    .split('.')
                    .map(|s| s.trim().trim_matches('"').to_owned()),
            );
            if !segments.is_empty() && path == segments {
                return range;
            }
        }
    }
    header_match.unwrap_or(0..text.find('\n').unwrap_or(text.len()))
}

/// The header line of the `number`-th (1-based) `[[ignore]]` entry.
pub fn locate_ignore(text: &str, number: usize) -> Option<Range<usize>> {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        let header = line.trim();
        let name = header
            .strip_prefix("[[")
            .and_then(|h| h.split_once("]]"))
            .map(|(name, _)| name.trim());
        if name == Some("ignore") {
            seen += 1;
            if seen == number {
                return Some(range);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_empty() {
        let (config, problems) = Config::from_toml("");
        assert_eq!(config, Config::default());
        assert!(problems.is_empty());
    }

    #[test]
    fn severity_override_and_off() {
        let (config, problems) = Config::from_toml("[rules.placeholder]\nseverity = \"warning\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        let rule = checks::rule("placeholder").unwrap();
        assert_eq!(config.severity(rule), Some(Severity::Warning));
        let (config, _) = Config::from_toml("[rules]\nplaceholder = \"off\"\n");
        assert_eq!(config.severity(rule), None);
    }

    #[test]
    fn broken_severity_falls_back_for_that_key_only() {
        let (config, problems) =
            Config::from_toml("debounce-ms = 50\n[rules.placeholder]\nseverity = \"loud\"\n");
        assert_eq!(config.debounce_ms, 50);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].key, "rules.placeholder.severity");
        assert!(problems[0].message.contains("loud"));
        let rule = checks::rule("placeholder").unwrap();
        assert_eq!(config.severity(rule), Some(Severity::Error));
    }

    #[test]
    fn unknown_rule_and_key_are_reported() {
        let (_, problems) =
            Config::from_toml("colour = 1\n[rules.no-such-rule]\nseverity = \"off\"\n");
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["colour", "rules.no-such-rule"]);
    }

    #[test]
    fn syntax_error_gives_one_problem_and_defaults() {
        let (config, problems) = Config::from_toml("[rules\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("jianggao.toml 格式有误"));
    }

    #[test]
    fn project_file_wins_over_editor_settings() {
        let client = serde_json::json!({"debounce-ms": 300, "draft": {"chars-per-minute": 200}});
        let (config, problems) = Config::from_sources(&client, Some("debounce-ms = 20\n"));
        assert!(problems.is_empty());
        assert_eq!(config.debounce_ms, 20);
        assert_eq!(config.draft.chars_per_minute, 200);
    }

    #[test]
    fn typos_are_read_and_bad_pairs_reported() {
        let (config, problems) = Config::from_toml(
            "[typos]\n\"办工厅\" = \"办公厅\"\n\"布署\" = \"\"\n\"错\" = 1\n\"同\" = \"同\"\n",
        );
        assert_eq!(
            config.typos,
            BTreeMap::from([
                ("办工厅".to_owned(), "办公厅".to_owned()),
                ("布署".to_owned(), String::new()),
            ])
        );
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["typos.同", "typos.错"]);
        let (_, problems) = Config::from_toml("typos = 3\n");
        assert_eq!(problems[0].key, "typos");
    }

    #[test]
    fn locate_key_finds_the_defining_line() {
        let text = "enable = true\n[rules.placeholder]\nseverity = \"loud\"\n";
        let range = locate_key(text, "rules.placeholder.severity");
        assert_eq!(&text[range], "severity = \"loud\"");
        let range = locate_key(text, "rules.placeholder");
        assert_eq!(&text[range], "[rules.placeholder]");
    }
}
