//! The editor integrations know every rule: the VS Code extension contributes a severity
//! setting for each rule in the registry, so a new rule cannot be forgotten in the settings UI.
//! (`npm run sync-rules` in editors/vscode regenerates them from `jianggao rules --format json`.)

use std::collections::BTreeSet;

use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `contributes.configuration` property of the extension, by key.
fn vscode_settings() -> serde_json::Map<String, Value> {
    let manifest = read_json("editors/vscode/package.json");
    let mut all = serde_json::Map::new();
    let sections = manifest["contributes"]["configuration"]
        .as_array()
        .expect("contributes.configuration is a list of sections");
    for section in sections {
        let properties = section["properties"].as_object().expect("properties");
        for (key, schema) in properties {
            assert!(
                all.insert(key.clone(), schema.clone()).is_none(),
                "{key} twice"
            );
        }
    }
    all
}

#[test]
fn vscode_has_a_severity_setting_for_every_rule() {
    let settings = vscode_settings();
    let mut missing = Vec::new();
    for rule in jianggao::checks::rules() {
        let key = format!("jianggao.rules.{}.severity", rule.code);
        let Some(schema) = settings.get(&key) else {
            missing.push(key);
            continue;
        };
        let levels: Vec<&str> = schema["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{key}: no enum"))
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            levels,
            ["default", "error", "warning", "info", "hint", "off"],
            "{key}"
        );
        assert_eq!(schema["default"], "default", "{key}");
        let description = schema["markdownDescription"].as_str().unwrap_or_default();
        assert!(
            description.contains(&format!("`{}`", rule.code)) && description.contains("级别"),
            "{key}: description {description:?}"
        );
    }
    assert!(
        missing.is_empty(),
        "editors/vscode/package.json lacks {missing:?}: run `npm run sync-rules` in editors/vscode"
    );
}

#[test]
fn vscode_rule_snapshot_lists_every_rule() {
    let snapshot = read_json("editors/vscode/scripts/rules.json");
    let listed: BTreeSet<&str> = snapshot["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    let missing: Vec<&str> = jianggao::checks::rules()
        .map(|r| r.code)
        .filter(|code| !listed.contains(code))
        .collect();
    assert!(
        missing.is_empty(),
        "editors/vscode/scripts/rules.json lacks {missing:?}: run `npm run sync-rules` in editors/vscode"
    );
}

#[test]
fn vscode_general_settings_match_what_the_server_reads() {
    let settings = vscode_settings();
    for key in [
        "jianggao.enable",
        "jianggao.serverPath",
        "jianggao.documentSelector",
        "jianggao.debounceMs",
        "jianggao.draft.kind",
        "jianggao.draft.charsPerMinute",
        "jianggao.trace.server",
        "jianggao.typos",
    ] {
        assert!(settings.contains_key(key), "{key} missing");
    }
    // The defaults shown in the settings UI are the server's defaults.
    assert_eq!(
        settings["jianggao.debounceMs"]["default"],
        jianggao::config::DEFAULT_DEBOUNCE_MS
    );
    assert_eq!(
        settings["jianggao.draft.charsPerMinute"]["default"],
        jianggao::config::DEFAULT_CHARS_PER_MINUTE
    );
}
