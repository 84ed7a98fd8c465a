//! The silencing quick fixes (`在本稿中忽略此处`, `不再提示“…”`, `关闭规则 …（本项目）`) as
//! code actions: a `WorkspaceEdit` of `jianggao.toml` that the editor applies (and can undo),
//! computed from the file's current text, plus a command that tells the server the text the
//! file now has, so diagnostics refresh even when the editor keeps the edited file unsaved.

use std::path::{Path, PathBuf};

use ropey::Rope;
use serde_json::json;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};

use crate::checks::is_word_rule;
use crate::config::Config;
use crate::config_edit::{self, ConfigEdit};
use crate::finding::Finding;
use crate::position::Encoding;

use super::convert;

/// The command each silencing action carries: `[{"uri": …, "text": …}]`, the config file and
/// the text the action's edit gives it.
pub const CONFIG_EDITED: &str = "jianggao.configEdited";

/// The `jianggao.toml` the quick fixes edit, as it is now.
pub struct ConfigTarget {
    pub path: PathBuf,
    pub uri: Url,
    /// Its current text (the editor's buffer when open), `None` when there is no such file.
    pub text: Option<String>,
    /// The editor's version of it, when open.
    pub version: Option<i32>,
}

/// What the client can apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditSupport {
    /// `workspaceEdit.documentChanges`.
    pub document_changes: bool,
    /// `workspaceEdit.resourceOperations` contains `create`.
    pub create: bool,
}

/// A word a writer can allow: what a word-based finding flags, if it is a word at all.
pub fn word_of<'t>(text: &'t str, finding: &Finding) -> Option<&'t str> {
    let word = text.get(finding.range.clone())?.trim();
    let fits = !word.is_empty() && !word.contains('\n') && word.chars().count() <= 20;
    (is_word_rule(finding.rule) && fits).then_some(word)
}

/// The config changes offered for `finding` in the draft `text` at `draft` (a file path, or
/// none for an unsaved draft), relative to the config file's directory `root`.
pub fn edits_for(
    finding: &Finding,
    text: &str,
    draft: Option<&Path>,
    root: &Path,
) -> Vec<ConfigEdit> {
    let mut edits = Vec::new();
    let scope = Config {
        root: Some(root.to_path_buf()),
        ..Config::default()
    };
    if let Some(file) = draft.and_then(|path| scope.relative_name(path)) {
        edits.push(ConfigEdit::Ignore(crate::silence::entry_for(
            text, finding, &file,
        )));
    }
    if let Some(word) = word_of(text, finding) {
        edits.push(ConfigEdit::AllowWord(word.to_owned()));
    }
    edits.push(ConfigEdit::RuleOff(finding.rule.to_owned()));
    edits
}

/// One quick fix per edit that applies to the target's current text.
pub fn actions(
    edits: &[ConfigEdit],
    target: &ConfigTarget,
    support: EditSupport,
    encoding: Encoding,
    diagnostic: &tower_lsp::lsp_types::Diagnostic,
) -> Vec<CodeActionOrCommand> {
    let old = target.text.as_deref().unwrap_or("");
    edits
        .iter()
        .filter_map(|edit| {
            let new = config_edit::apply(old, edit).ok()?;
            let workspace_edit = workspace_edit(target, old, &new, support, encoding)?;
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: edit.title(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(workspace_edit),
                command: Some(Command {
                    title: edit.title(),
                    command: CONFIG_EDITED.to_owned(),
                    arguments: Some(vec![json!({"uri": target.uri, "text": new})]),
                }),
                is_preferred: Some(false),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// The edit turning the target's `old` text into `new`: one text edit covering what differs
/// (the rest of the file is untouched), or, when there is no file, its creation and the text.
fn workspace_edit(
    target: &ConfigTarget,
    old: &str,
    new: &str,
    support: EditSupport,
    encoding: Encoding,
) -> Option<WorkspaceEdit> {
    let uri = target.uri.clone();
    if target.text.is_none() {
        if !(support.document_changes && support.create) {
            return None;
        }
        let insert = TextEdit::new(
            Range::new(Position::new(0, 0), Position::new(0, 0)),
            new.into(),
        );
        return Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                    edits: vec![OneOf::Left(insert)],
                }),
            ])),
            ..WorkspaceEdit::default()
        });
    }
    let edit = difference(old, new, encoding);
    Some(if support.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: target.version,
                },
                edits: vec![OneOf::Left(edit)],
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some([(uri, vec![edit])].into_iter().collect()),
            ..WorkspaceEdit::default()
        }
    })
}

/// One text edit replacing the part of `old` that differs from `new`.
pub fn difference(old: &str, new: &str, encoding: Encoding) -> TextEdit {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((at, _), _)| at);
    let prefix = floor(new, prefix);
    let suffix = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let rope = Rope::from_str(old);
    TextEdit::new(
        convert::range(&rope, prefix..old.len() - suffix, encoding),
        new[prefix..new.len() - suffix].to_owned(),
    )
}

fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, edit: &TextEdit) -> String {
        let rope = Rope::from_str(old);
        let start = convert::offset(&rope, edit.range.start, Encoding::Utf16);
        let end = convert::offset(&rope, edit.range.end, Encoding::Utf16);
        format!("{}{}{}", &old[..start], edit.new_text, &old[end..])
    }

    #[test]
    fn the_difference_is_one_small_edit() {
        let old = "# 设置\n[words]\nallow = [\"张某某\"]\n";
        let new = "# 设置\n[words]\nallow = [\"张某某\", \"某某村\"]\n";
        let edit = difference(old, new, Encoding::Utf16);
        assert_eq!(edit.new_text, ", \"某某村\"");
        assert_eq!(edit.range.start, Position::new(2, 14));
        assert_eq!(apply(old, &edit), new);
        let appended = format!("{old}\n[rules.typo]\nseverity = \"off\"\n");
        assert_eq!(
            apply(old, &difference(old, &appended, Encoding::Utf16)),
            appended
        );
        assert_eq!(difference(old, old, Encoding::Utf16).new_text, "");
    }

    #[test]
    fn word_based_findings_offer_the_word() {
        let text = "要进一步加强，进一步落实。";
        let finding = Finding::new("stock-phrase-repeat", 21..30, "套话");
        assert_eq!(word_of(text, &finding), Some("进一步"));
        let place = Finding::new("numbering-gap", 21..30, "序号");
        assert_eq!(word_of(text, &place), None);
        let root = Path::new("/稿");
        let edits = edits_for(&finding, text, Some(Path::new("/稿/一/讲话.txt")), root);
        let titles: Vec<String> = edits.iter().map(ConfigEdit::title).collect();
        assert_eq!(
            titles,
            [
                "在本稿中忽略此处",
                "不再提示“进一步”",
                "关闭规则 stock-phrase-repeat（本项目）"
            ]
        );
        let ConfigEdit::Ignore(entry) = &edits[0] else {
            panic!("{edits:?}")
        };
        assert_eq!(
            (
                entry.file.as_str(),
                entry.before.as_str(),
                entry.text.as_str(),
                entry.after.as_str()
            ),
            ("一/讲话.txt", "步加强，", "进一步", "落实。")
        );
        // A draft outside the config's directory cannot be named by an entry.
        let outside = edits_for(&place, text, Some(Path::new("/别处/讲话.txt")), root);
        assert_eq!(outside, [ConfigEdit::RuleOff("numbering-gap".into())]);
    }
}
