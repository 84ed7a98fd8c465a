//! Core types → LSP types. The one place where byte ranges become encoded positions; the CLI's
//! JSON output uses the same functions, so both speak identical diagnostics.

use std::collections::HashMap;

use ropey::Rope;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, FoldingRange,
    FoldingRangeKind, Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString,
    Position, Range, SymbolKind, TextEdit, Url, WorkspaceEdit,
};

use crate::checks::docs_url;
use crate::config::{locate_key, ConfigProblem};
use crate::draft::{NodeKind, Outline, OutlineNode};
use crate::finding::{Edit, Finding, Severity};
use crate::position::{self, Encoding};

/// The source name on every diagnostic.
pub const SOURCE: &str = "jianggao";

pub fn range(rope: &Rope, bytes: std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range {
        start: self::position(rope, bytes.start, encoding),
        end: self::position(rope, bytes.end, encoding),
    }
}

pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let p = position::offset_to_position(rope, offset, encoding);
    Position::new(p.line, p.character)
}

/// Byte offset of an LSP position (clamped as the protocol says).
pub fn offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    position::position_to_offset(
        rope,
        position::Position {
            line: position.line,
            character: position.character,
        },
        encoding,
    )
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A finding as an LSP diagnostic. `uri` is where related places point (the same document).
pub fn diagnostic(finding: &Finding, rope: &Rope, encoding: Encoding, uri: &Url) -> Diagnostic {
    let related = (!finding.related.is_empty()).then(|| {
        finding
            .related
            .iter()
            .map(|r| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), range(rope, r.range.clone(), encoding)),
                message: r.message.clone(),
            })
            .collect()
    });
    Diagnostic {
        range: range(rope, finding.range.clone(), encoding),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_owned())),
        code_description: Url::parse(&docs_url(finding.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: finding.message.clone(),
        related_information: related,
        tags: None,
        data: None,
    }
}

/// The edits as LSP text edits on `rope`'s text.
pub fn text_edits(edits: &[Edit], rope: &Rope, encoding: Encoding) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(range(rope, e.range.clone(), encoding), e.replacement.clone()))
        .collect()
}

fn workspace_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// One `quickfix` action per fix of `finding`; the first fix is the preferred one.
pub fn quick_fixes(
    finding: &Finding,
    rope: &Rope,
    encoding: Encoding,
    uri: &Url,
) -> Vec<CodeActionOrCommand> {
    finding
        .fixes
        .iter()
        .enumerate()
        .map(|(i, fix)| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(finding, rope, encoding, uri)]),
                edit: Some(workspace_edit(uri, text_edits(&fix.edits, rope, encoding))),
                is_preferred: Some(i == 0),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// The kind of the "fix every finding of this rule" actions.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.jianggao")
}

/// For every rule with a fix-all title and at least one fixable finding: one action applying
/// [`crate::analysis::fix_all`] for that rule.
pub fn fix_all_actions(
    findings: &[Finding],
    rope: &Rope,
    encoding: Encoding,
    uri: &Url,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for rule in crate::checks::rules() {
        let Some(title) = rule.fix_all_title else {
            continue;
        };
        let fixable: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.rule == rule.code && !f.fixes.is_empty())
            .collect();
        if fixable.is_empty() {
            continue;
        }
        let edits = crate::analysis::fix_all(findings, rule.code);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: title.to_owned(),
            kind: Some(fix_all_kind()),
            diagnostics: Some(
                fixable
                    .iter()
                    .map(|f| diagnostic(f, rope, encoding, uri))
                    .collect(),
            ),
            edit: Some(workspace_edit(uri, text_edits(&edits, rope, encoding))),
            ..CodeAction::default()
        }));
    }
    actions
}

/// Hover over findings: each message in bold, then its note (Markdown), separated by rules.
/// `None` when there is nothing under the cursor.
pub fn hover(findings: &[&Finding], rope: &Rope, encoding: Encoding) -> Option<Hover> {
    let first = findings.first()?;
    let value = findings
        .iter()
        .map(|f| match &f.note {
            Some(note) => format!("**{}**（{}）\n\n{}", f.message, f.rule, note),
            None => format!("**{}**（{}）", f.message, f.rule),
        })
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(rope, first.range.clone(), encoding)),
    })
}

/// The outline as nested document symbols.
pub fn document_symbols(outline: &Outline, rope: &Rope, encoding: Encoding) -> Vec<DocumentSymbol> {
    outline
        .nodes
        .iter()
        .map(|node| document_symbol(node, outline, rope, encoding))
        .collect()
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn document_symbol(
    node: &OutlineNode,
    outline: &Outline,
    rope: &Rope,
    encoding: Encoding,
) -> DocumentSymbol {
    let minutes = format!("约 {} 分钟", outline.minutes(node.spoken_chars));
    let detail = match &node.ordinal {
        Some(ordinal) => format!("{ordinal} · {minutes}"),
        None => minutes,
    };
    let full = range(rope, node.range.clone(), encoding);
    let mut selection = range(rope, node.selection_range.clone(), encoding);
    // Clients reject a selection range outside the full range.
    if selection.start < full.start || selection.end > full.end {
        selection = Range::new(full.start, full.start);
    }
    let children: Vec<DocumentSymbol> = node
        .children
        .iter()
        .map(|child| document_symbol(child, outline, rope, encoding))
        .collect();
    DocumentSymbol {
        // Clients reject an empty name.
        name: if node.name.trim().is_empty() {
            "（无标题）".to_owned()
        } else {
            node.name.clone()
        },
        detail: Some(detail),
        kind: symbol_kind(node.kind),
        tags: None,
        deprecated: None,
        range: full,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

fn symbol_kind(kind: NodeKind) -> SymbolKind {
    match kind {
        NodeKind::Speech => SymbolKind::MODULE,
        NodeKind::Title => SymbolKind::STRING,
        NodeKind::Salutation => SymbolKind::KEY,
        NodeKind::Opening | NodeKind::Closing => SymbolKind::EVENT,
        NodeKind::Section => SymbolKind::NAMESPACE,
        NodeKind::Item => SymbolKind::ENUM_MEMBER,
    }
}

/// One folding range per outline node that spans more than one line.
pub fn folding_ranges(outline: &Outline, rope: &Rope) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    let mut stack: Vec<&OutlineNode> = outline.nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        let start = self::position(rope, node.range.start, Encoding::Utf32).line;
        // A range ending just after a line break ends on the line before.
        let end_offset = node.range.end.max(node.range.start);
        let mut end = self::position(rope, end_offset, Encoding::Utf32);
        if end.character == 0 && end.line > start {
            end.line -= 1;
        }
        if end.line > start {
            out.push(FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end.line,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: None,
            });
        }
        stack.extend(node.children.iter().rev());
    }
    out
}

/// A configuration problem as a diagnostic on the `jianggao.toml` it was found in.
pub fn config_diagnostic(problem: &ConfigProblem, rope: &Rope, encoding: Encoding) -> Diagnostic {
    let text = rope.to_string();
    Diagnostic {
        range: range(rope, locate_key(&text, &problem.key), encoding),
        severity: Some(DiagnosticSeverity::WARNING),
        source: Some(SOURCE.to_owned()),
        message: problem.message.clone(),
        ..Diagnostic::default()
    }
}
