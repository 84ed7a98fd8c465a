//! The changes the silencing quick fixes make to a `jianggao.toml`, as pure text → text
//! functions: the rest of the file (comments, order, layout) is kept (`toml_edit`).

use toml_edit::{value, Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::config::IgnoreEntry;

/// One change to the project's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigEdit {
    /// Add a word to `[words] allow`.
    AllowWord(String),
    /// Add an `[[ignore]]` entry.
    Ignore(IgnoreEntry),
    /// `[rules.<code>] severity = "off"`.
    RuleOff(String),
}

impl ConfigEdit {
    /// The quick fix's title.
    pub fn title(&self) -> String {
        match self {
            ConfigEdit::AllowWord(word) => format!("不再提示“{word}”"),
            ConfigEdit::Ignore(_) => "在本稿中忽略此处".to_owned(),
            ConfigEdit::RuleOff(code) => format!("关闭规则 {code}（本项目）"),
        }
    }
}

/// `text` (a `jianggao.toml`, possibly empty) with `edit` made. A file that does not parse,
/// or whose `words`/`ignore`/`rules` is not a table where one is needed, is left alone: the
/// error says why, in Chinese.
pub fn apply(text: &str, edit: &ConfigEdit) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|err: toml_edit::TomlError| {
        format!(
            "{} 格式有误，无法自动修改：{}",
            crate::config::CONFIG_FILE_NAME,
            err.message()
        )
    })?;
    match edit {
        ConfigEdit::AllowWord(word) => allow_word(&mut doc, word)?,
        ConfigEdit::Ignore(entry) => ignore(&mut doc, entry)?,
        ConfigEdit::RuleOff(code) => rule_off(&mut doc, code)?,
    }
    let mut out = doc.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

fn not_a_table(key: &str) -> String {
    format!(
        "{} 中的 “{key}” 不是表，无法自动修改",
        crate::config::CONFIG_FILE_NAME
    )
}

fn allow_word(doc: &mut DocumentMut, word: &str) -> Result<(), String> {
    let words = doc
        .entry("words")
        .or_insert(Item::Table(Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| not_a_table("words"))?;
    match words.get_mut("allow") {
        None => {
            let mut allow = Array::new();
            allow.push(word);
            words.insert("allow", value(allow));
        }
        Some(item) => {
            let allow = item
                .as_array_mut()
                .ok_or_else(|| not_a_table("words.allow"))?;
            if !allow.iter().any(|w| w.as_str() == Some(word)) {
                allow.push(word);
            }
        }
    }
    Ok(())
}

fn ignore(doc: &mut DocumentMut, entry: &IgnoreEntry) -> Result<(), String> {
    let context = format!("{}{}{}", entry.before, entry.text, entry.after);
    let fields: Vec<(&str, &str)> = [
        ("file", entry.file.as_str()),
        ("rule", entry.rule.as_str()),
        ("text", entry.text.as_str()),
    ]
    .into_iter()
    .chain((context != entry.text).then_some(("context", context.as_str())))
    .collect();
    match doc.get_mut("ignore") {
        None => {
            let mut entries = ArrayOfTables::new();
            entries.push(table_of(&fields));
            doc.insert("ignore", Item::ArrayOfTables(entries));
        }
        Some(Item::ArrayOfTables(entries)) => entries.push(table_of(&fields)),
        Some(Item::Value(Value::Array(entries))) => {
            let mut inline = InlineTable::new();
            for (key, field) in &fields {
                inline.insert(*key, (*field).into());
            }
            entries.push(inline);
        }
        Some(_) => return Err(not_a_table("ignore")),
    }
    Ok(())
}

fn table_of(fields: &[(&str, &str)]) -> Table {
    let mut table = Table::new();
    for (key, field) in fields {
        table.insert(key, value(*field));
    }
    table
}

fn rule_off(doc: &mut DocumentMut, code: &str) -> Result<(), String> {
    let rules = doc.entry("rules").or_insert_with(|| {
        let mut rules = Table::new();
        rules.set_implicit(true);
        Item::Table(rules)
    });
    let is_table = rules.is_table();
    let rules = rules
        .as_table_like_mut()
        .ok_or_else(|| not_a_table("rules"))?;
    match rules.get_mut(code) {
        Some(item) if item.is_table_like() => {
            if let Some(rule) = item.as_table_like_mut() {
                match rule.get_mut("severity") {
                    Some(severity) => set_off(severity),
                    None => {
                        rule.insert("severity", value("off"));
                    }
                }
            }
        }
        // `placeholder = "warning"` (or `= true`): the shorthand becomes "off".
        Some(item) => set_off(item),
        None if is_table => {
            let mut rule = Table::new();
            rule.insert("severity", value("off"));
            rules.insert(code, Item::Table(rule));
        }
        None => {
            let mut rule = InlineTable::new();
            rule.insert("severity", "off".into());
            rules.insert(code, value(rule));
        }
    }
    Ok(())
}

/// Makes a value `"off"`, keeping the comment after it.
fn set_off(item: &mut Item) {
    match item.as_value_mut() {
        Some(old) => {
            let decor = old.decor().clone();
            *old = "off".into();
            *old.decor_mut() = decor;
        }
        None => *item = value("off"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> IgnoreEntry {
        IgnoreEntry {
            number: 0,
            file: "稿子/讲话.txt".into(),
            rule: "numbering-gap".into(),
            text: "三是".into(),
            before: "情况明。".into(),
            after: "抓好建筑".into(),
        }
    }

    #[test]
    fn a_new_file_gets_the_table() {
        assert_eq!(
            apply("", &ConfigEdit::AllowWord("某某公司".into())).unwrap(),
            "[words]\nallow = [\"某某公司\"]\n"
        );
        assert_eq!(
            apply("", &ConfigEdit::RuleOff("stock-phrase-repeat".into())).unwrap(),
            "[rules.stock-phrase-repeat]\nseverity = \"off\"\n"
        );
        assert_eq!(
            apply("", &ConfigEdit::Ignore(entry())).unwrap(),
            "[[ignore]]\nfile = \"稿子/讲话.txt\"\nrule = \"numbering-gap\"\ntext = \"三是\"\ncontext = \"情况明。三是抓好建筑\"\n"
        );
    }

    #[test]
    fn the_rest_of_the_file_is_kept() {
        let text = "# 本单位设置\nenable = true\n\n[words]\nallow = [\"张某某\"] # 真名\n\n[rules]\nresidue = \"warning\"\n";
        assert_eq!(
            apply(text, &ConfigEdit::AllowWord("某某村".into())).unwrap(),
            "# 本单位设置\nenable = true\n\n[words]\nallow = [\"张某某\", \"某某村\"] # 真名\n\n[rules]\nresidue = \"warning\"\n"
        );
        // A word already there is not added twice.
        assert_eq!(
            apply(text, &ConfigEdit::AllowWord("张某某".into())).unwrap(),
            text
        );
        assert_eq!(
            apply(text, &ConfigEdit::RuleOff("residue".into())).unwrap(),
            text.replace("residue = \"warning\"", "residue = \"off\"")
        );
        assert_eq!(
            apply(text, &ConfigEdit::RuleOff("typo".into())).unwrap(),
            format!("{text}\n[rules.typo]\nseverity = \"off\"\n")
        );
        let with_table =
            "[rules.placeholder]\nseverity = \"warning\" # 先不管\nallow = [\"X光机\"]\n";
        assert_eq!(
            apply(with_table, &ConfigEdit::RuleOff("placeholder".into())).unwrap(),
            "[rules.placeholder]\nseverity = \"off\" # 先不管\nallow = [\"X光机\"]\n"
        );
    }

    #[test]
    fn a_second_ignore_entry_follows_the_first() {
        let once = apply("enable = true\n", &ConfigEdit::Ignore(entry())).unwrap();
        let mut other = entry();
        other.text = "四是".into();
        other.before = String::new();
        other.after = String::new();
        let twice = apply(&once, &ConfigEdit::Ignore(other)).unwrap();
        assert_eq!(
            twice,
            format!("{once}\n[[ignore]]\nfile = \"稿子/讲话.txt\"\nrule = \"numbering-gap\"\ntext = \"四是\"\n")
        );
        let (config, problems) = crate::config::Config::from_toml(&twice);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.ignore.len(), 2);
        assert_eq!(config.ignore[0].before, "情况明。");
        assert_eq!(config.ignore[1].number, 2);
    }

    #[test]
    fn a_broken_file_is_left_alone() {
        let err = apply("[rules\n", &ConfigEdit::RuleOff("typo".into())).unwrap_err();
        assert!(
            err.starts_with("jianggao.toml 格式有误，无法自动修改"),
            "{err}"
        );
        let err = apply("words = 3\n", &ConfigEdit::AllowWord("某某".into())).unwrap_err();
        assert_eq!(err, "jianggao.toml 中的 “words” 不是表，无法自动修改");
    }
}
