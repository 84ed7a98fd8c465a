//! Core types → LSP types. The one place where byte ranges become encoded positions; the CLI's
//! JSON output uses the same functions, so both speak identical diagnostics.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use ropey::Rope;
use rustc_hash::FxHashMap;
use serde_json::value::RawValue;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, FoldingRange,
    FoldingRangeKind, Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString,
    Position, Range, SymbolKind, TextEdit, Url, WorkspaceEdit,
};

use crate::analysis::Analysis;
use crate::checks::{docs_url, Rule};

use crate::config::{locate_key, ConfigProblem};
use crate::draft::{NodeKind, Outline, OutlineNode};
use crate::finding::{Edit, Finding, Related, Severity};
use crate::position::{self, Encoding, Positions};

/// The source name on every diagnostic.
pub const SOURCE: &str = "jianggao";

pub fn range(text: &dyn Positions, bytes: std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range {
        start: self::position(text, bytes.start, encoding),
        end: self::position(text, bytes.end, encoding),
    }
}

pub fn position(text: &dyn Positions, offset: usize, encoding: Encoding) -> Position {
    let p = text.position(offset, encoding);
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

/// The pieces of JSON written by hand ([`DiagnosticView::write_members`]): strings escaped
/// by serde_json itself, numbers by itoa, as serde_json writes them.
pub mod json {
    use tower_lsp::lsp_types::{Position, Range};

    /// `text` as a JSON string.
    pub fn string(out: &mut Vec<u8>, text: &str) {
        // serde_json escapes only control characters, quotation marks and backslashes: a
        // string with none of them (nearly every message) is copied as it is, without its
        // byte-by-byte escaper. The test has no early exit, so it is vectorised.
        let plain = text.bytes().fold(true, |plain, b| {
            plain & (b >= 0x20) & (b != b'"') & (b != b'\\')
        });
        if plain {
            out.reserve(text.len() + 2);
            out.push(b'"');
            out.extend_from_slice(text.as_bytes());
            out.push(b'"');
        } else {
            // Writing a string into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, text);
        }
    }

    pub fn number(out: &mut Vec<u8>, n: impl itoa::Integer) {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn position(out: &mut Vec<u8>, p: &Position) {
        out.extend_from_slice(br#"{"line":"#);
        number(out, p.line);
        out.extend_from_slice(br#","character":"#);
        number(out, p.character);
        out.push(b'}');
    }

    pub fn range(out: &mut Vec<u8>, r: &Range) {
        out.extend_from_slice(br#"{"start":"#);
        position(out, &r.start);
        out.extend_from_slice(br#","end":"#);
        position(out, &r.end);
        out.push(b'}');
    }
}

/// The diagnostics published for `findings` (in document order): the first `max`, then, if
/// there are more, one information diagnostic where the first one left out starts, saying
/// how many were left out. A draft with 50,000 findings would otherwise be one message of
/// many megabytes that no editor can show usefully; `jianggao check` lists them all.
pub fn published_diagnostics(
    findings: &[Finding],
    max: usize,
    text: &dyn Positions,
    encoding: Encoding,
    uri: &Url,
    docs: Option<&str>,
) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = findings
        .iter()
        .take(max)
        .map(|f| diagnostic(f, text, encoding, uri, docs))
        .collect();
    if let Some(first_hidden) = findings.get(max) {
        let at = first_hidden.range.start;
        diagnostics.push(Diagnostic {
            range: range(text, at..at, encoding),
            severity: Some(DiagnosticSeverity::INFORMATION),
            source: Some(SOURCE.to_owned()),
            message: format!(
                "另有 {} 处问题未在编辑器中显示（每篇最多显示 {max} 处，从这里起未显示）；运行 jianggao check 可查看全部",
                findings.len() - max
            ),
            ..Diagnostic::default()
        });
    }
    diagnostics
}

/// A finding as an LSP diagnostic, borrowing its texts: it serialises to exactly the JSON of
/// the [`Diagnostic`] that [`DiagnosticView::to_diagnostic`] (and [`diagnostic`]) builds. The
/// CLI writes it as it is, without copying the file's URI and a message into every related
/// place (an archive's stock-phrase findings have a million of them).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticView<'a> {
    range: Range,
    severity: DiagnosticSeverity,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<CodeDescription>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    related_information: Vec<RelatedEntry<'a>>,
}

/// A related place, converted now or already written as JSON by [`RenderedRelated`].
#[derive(serde::Serialize)]
#[serde(untagged)]
enum RelatedEntry<'a> {
    View(RelatedView<'a>),
    Json(#[serde(serialize_with = "raw_json")] &'a [u8]),
}

/// JSON written by [`RenderedRelated`], as it is (serde has no borrowed raw value).
fn raw_json<S: serde::Serializer>(json: &&[u8], serializer: S) -> Result<S::Ok, S::Error> {
    let text = String::from_utf8(json.to_vec()).map_err(serde::ser::Error::custom)?;
    let raw = RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
    serde::Serialize::serialize(&raw, serializer)
}

#[derive(serde::Serialize)]
struct RelatedView<'a> {
    location: LocationView<'a>,
    message: &'a str,
}

impl<'a> RelatedView<'a> {
    /// Writes the JSON serde writes for it; `uri_json` is the URI already written as JSON.
    fn write(&self, out: &mut Vec<u8>, uri_json: &[u8]) {
        out.extend_from_slice(br#"{"location":{"uri":"#);
        out.extend_from_slice(uri_json);
        out.extend_from_slice(br#","range":"#);
        json::range(out, &self.location.range);
        out.extend_from_slice(br#"},"message":"#);
        json::string(out, self.message);
        out.push(b'}');
    }

    fn new(
        related: &'a Related,
        text: &dyn Positions,
        encoding: Encoding,
        uri: &'a Url,
    ) -> RelatedView<'a> {
        RelatedView {
            location: LocationView {
                uri,
                range: range(text, related.range.clone(), encoding),
            },
            message: &related.message,
        }
    }
}

/// The related places of one document's findings, each written as JSON once. The findings of
/// a phrase said ten times point at one another with shared notes, so an archive's million
/// related places are a few distinct ones repeated: [`DiagnosticView::with_rendered`] copies
/// them instead of converting, escaping and writing each again.
/// It borrows the findings, so the notes whose addresses key it outlive it.
#[derive(Default)]
pub struct RenderedRelated<'f> {
    /// Every distinct place's JSON, one after another.
    json: Vec<u8>,
    /// Where each is in `json`, by byte range and the address of the shared note.
    places: FxHashMap<(usize, usize, usize), (usize, usize)>,
    findings: std::marker::PhantomData<&'f Finding>,
}

impl<'f> RenderedRelated<'f> {
    /// Renders every related place of `findings` in `text`, addressed by `uri`.
    pub fn new(
        findings: impl IntoIterator<Item = &'f Finding>,
        text: &dyn Positions,
        encoding: Encoding,
        uri: &Url,
    ) -> RenderedRelated<'f> {
        let mut out = Vec::new();
        let mut places = FxHashMap::default();
        let mut uri_json = Vec::new();
        json::string(&mut uri_json, uri.as_str());
        for related in findings.into_iter().flat_map(|f| &f.related) {
            if let Entry::Vacant(vacant) = places.entry(Self::key(related)) {
                let start = out.len();
                RelatedView::new(related, text, encoding, uri).write(&mut out, &uri_json);
                vacant.insert((start, out.len()));
            }
        }
        RenderedRelated {
            json: out,
            places,
            findings: std::marker::PhantomData,
        }
    }

    fn key(related: &Related) -> (usize, usize, usize) {
        let note = std::sync::Arc::as_ptr(&related.message) as *const u8 as usize;
        (related.range.start, related.range.end, note)
    }

    fn get(&self, related: &Related) -> Option<&[u8]> {
        let &(start, end) = self.places.get(&Self::key(related))?;
        self.json.get(start..end)
    }
}

#[derive(serde::Serialize)]
struct LocationView<'a> {
    uri: &'a Url,
    range: Range,
}

impl<'a> DiagnosticView<'a> {
    pub fn new(
        finding: &'a Finding,
        text: &dyn Positions,
        encoding: Encoding,
        uri: &'a Url,
        docs: Option<&str>,
    ) -> DiagnosticView<'a> {
        let related = finding
            .related
            .iter()
            .map(|r| RelatedEntry::View(RelatedView::new(r, text, encoding, uri)))
            .collect();
        Self::with_related(finding, text, encoding, docs, related)
    }

    /// The view of a finding whose related places are in `rendered` (made from the same text,
    /// encoding and URI); a related place missing from it is converted now.
    pub fn with_rendered(
        finding: &'a Finding,
        text: &dyn Positions,
        encoding: Encoding,
        uri: &'a Url,
        docs: Option<&str>,
        rendered: &'a RenderedRelated<'_>,
    ) -> DiagnosticView<'a> {
        let related = finding
            .related
            .iter()
            .map(|r| match rendered.get(r) {
                Some(json) => RelatedEntry::Json(json),
                None => RelatedEntry::View(RelatedView::new(r, text, encoding, uri)),
            })
            .collect();
        Self::with_related(finding, text, encoding, docs, related)
    }

    fn with_related(
        finding: &'a Finding,
        text: &dyn Positions,
        encoding: Encoding,
        docs: Option<&str>,
        related_information: Vec<RelatedEntry<'a>>,
    ) -> DiagnosticView<'a> {
        DiagnosticView {
            range: range(text, finding.range.clone(), encoding),
            severity: severity(finding.severity),
            code: finding.rule,
            code_description: docs
                .and_then(|base| Url::parse(&docs_url(base, finding.rule)).ok())
                .map(|href| CodeDescription { href }),
            source: SOURCE,
            message: &finding.message,
            related_information,
        }
    }

    /// Writes the members of the JSON object serde writes for the view, without its braces
    /// (a caller may add its own members), byte for byte as serde writes them: by hand,
    /// because an archive's `check --format json` writes hundreds of thousands, and serde
    /// escapes every member name of every one.
    pub fn write_members(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(br#""range":"#);
        json::range(out, &self.range);
        out.extend_from_slice(br#","severity":"#);
        // A bare number: serde writes it without a member name to escape.
        let _ = serde_json::to_writer(&mut *out, &self.severity);
        out.extend_from_slice(br#","code":"#);
        json::string(out, self.code);
        if let Some(description) = &self.code_description {
            out.extend_from_slice(br#","codeDescription":{"href":"#);
            json::string(out, description.href.as_str());
            out.push(b'}');
        }
        out.extend_from_slice(br#","source":"#);
        json::string(out, self.source);
        out.extend_from_slice(br#","message":"#);
        json::string(out, self.message);
        if !self.related_information.is_empty() {
            out.extend_from_slice(br#","relatedInformation":["#);
            // Every related place is in the finding's own document: its URI escaped once.
            let mut uri_json = Vec::new();
            for (i, related) in self.related_information.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                match related {
                    RelatedEntry::View(view) => {
                        if uri_json.is_empty() {
                            json::string(&mut uri_json, view.location.uri.as_str());
                        }
                        view.write(out, &uri_json);
                    }
                    RelatedEntry::Json(json) => out.extend_from_slice(json),
                }
            }
            out.push(b']');
        }
    }

    /// About how many bytes [`Self::write_members`] writes, to size the output once.
    pub fn json_len_hint(&self) -> usize {
        let related: usize = self
            .related_information
            .iter()
            .map(|r| match r {
                RelatedEntry::View(view) => 160 + view.message.len(),
                RelatedEntry::Json(json) => json.len() + 1,
            })
            .sum();
        200 + self.message.len() + related
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let related = (!self.related_information.is_empty()).then(|| {
            self.related_information
                .iter()
                .filter_map(|r| match r {
                    RelatedEntry::View(r) => Some(DiagnosticRelatedInformation {
                        location: Location::new(r.location.uri.clone(), r.location.range),
                        message: r.message.to_owned(),
                    }),
                    // Written by this module from a `RelatedView`, so it reads back.
                    RelatedEntry::Json(json) => serde_json::from_slice(json).ok(),
                })
                .collect()
        });
        Diagnostic {
            range: self.range,
            severity: Some(self.severity),
            code: Some(NumberOrString::String(self.code.to_owned())),
            code_description: self.code_description.clone(),
            source: Some(self.source.to_owned()),
            message: self.message.to_owned(),
            related_information: related,
            tags: None,
            data: None,
        }
    }
}

/// A finding as an LSP diagnostic. `uri` is where related places point (the same document);
/// `docs` is the configured `docs-url`, without which there is no `codeDescription` (the
/// rule's documentation is in the hover and `jianggao rules CODE` instead).
pub fn diagnostic(
    finding: &Finding,
    text: &dyn Positions,
    encoding: Encoding,
    uri: &Url,
    docs: Option<&str>,
) -> Diagnostic {
    DiagnosticView::new(finding, text, encoding, uri, docs).to_diagnostic()
}

/// The edits as LSP text edits on `rope`'s text.
pub fn text_edits(edits: &[Edit], rope: &Rope, encoding: Encoding) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| {
            TextEdit::new(
                range(rope, e.range.clone(), encoding),
                e.replacement.clone(),
            )
        })
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
    docs: Option<&str>,
) -> Vec<CodeActionOrCommand> {
    finding
        .fixes
        .iter()
        .enumerate()
        .map(|(i, fix)| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(finding, rope, encoding, uri, docs)]),
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
    docs: Option<&str>,
) -> Vec<CodeActionOrCommand> {
    fix_all_actions_for(crate::checks::rules(), findings, rope, encoding, uri, docs)
}

fn fix_all_actions_for<'r>(
    rules: impl Iterator<Item = &'r Rule>,
    findings: &[Finding],
    rope: &Rope,
    encoding: Encoding,
    uri: &Url,
    docs: Option<&str>,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for rule in rules {
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
                    .map(|f| diagnostic(f, rope, encoding, uri, docs))
                    .collect(),
            ),
            edit: Some(workspace_edit(uri, text_edits(&edits, rope, encoding))),
            ..CodeAction::default()
        }));
    }
    actions
}

/// Hover over findings: each message in bold, then its note, separated by rules. Messages
/// and notes are plain text (they quote the draft: `**市长`), so they are escaped before they
/// go into the Markdown. `None` when there is nothing under the cursor.
pub fn hover(findings: &[&Finding], rope: &Rope, encoding: Encoding) -> Option<Hover> {
    let first = findings.first()?;
    let mut value = hover_messages(findings);
    // Then each rule's page, once: the documentation ships with the server.
    let mut shown: Vec<&str> = Vec::new();
    for finding in findings {
        if shown.contains(&finding.rule) {
            continue;
        }
        shown.push(finding.rule);
        if let Some(rule) = crate::checks::rule(finding.rule) {
            value.push_str("\n\n---\n\n");
            value.push_str(crate::checks::rule_page(rule).trim_end());
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(rope, first.range.clone(), encoding)),
    })
}

/// The findings' messages in bold, each followed by its note, separated by rules.
fn hover_messages(findings: &[&Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let message = escape_markdown(&f.message);
            match &f.note {
                Some(note) => format!("**{message}**（{}）\n\n{}", f.rule, escape_markdown(note)),
                None => format!("**{message}**（{}）", f.rule),
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n---\n\n")
}

/// `text` as Markdown that renders as `text`: every character that can start or end markup
/// (emphasis, code, links, HTML, entities, headings, lists, tables) is backslash-escaped, so
/// nothing of a quoted draft (`**市长`, `[1]`, `<b>`) becomes markup.
fn escape_markdown(text: &str) -> String {
    const MARKUP: &str = "\\`*_{}[]()<>#+-.!|~&=";
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if MARKUP.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The outline as nested document symbols. A speech's detail also says what is left to fill
/// in (`约 9 分钟 · 共 3 处占位符未填写`).
pub fn document_symbols(
    analysis: &Analysis,
    rope: &Rope,
    encoding: Encoding,
) -> Vec<DocumentSymbol> {
    analysis
        .outline
        .nodes
        .iter()
        .map(|node| document_symbol(node, analysis, rope, encoding))
        .collect()
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn document_symbol(
    node: &OutlineNode,
    analysis: &Analysis,
    rope: &Rope,
    encoding: Encoding,
) -> DocumentSymbol {
    let outline = &analysis.outline;
    let mut detail = outline.speaking_time(node.spoken_chars);
    if let Some(ordinal) = &node.ordinal {
        detail = format!("{ordinal} · {detail}");
    }
    if let Some(kind) = &node.speech_kind {
        detail = format!("{} · {detail}", kind.describe());
    }
    if node.kind == NodeKind::Speech {
        let tallies = analysis.tallies_in(node.range.clone());
        if !tallies.is_empty() {
            detail = format!("{detail} · 共 {}", tallies.join("，"));
        }
    }
    let full = range(rope, node.range.clone(), encoding);
    let mut selection = range(rope, node.selection_range.clone(), encoding);
    // Clients reject a selection range outside the full range.
    if selection.start < full.start || selection.end > full.end {
        selection = Range::new(full.start, full.start);
    }
    let children: Vec<DocumentSymbol> = node
        .children
        .iter()
        .map(|child| document_symbol(child, analysis, rope, encoding))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{NodeKind, Outline, OutlineNode};
    use crate::finding::Fix;
    use std::sync::Arc;

    fn uri() -> Url {
        Url::parse("file:///tmp/稿.txt").unwrap()
    }

    fn edit_of(action: &CodeActionOrCommand) -> (&CodeAction, &Vec<TextEdit>) {
        let CodeActionOrCommand::CodeAction(action) = action else {
            panic!("not a code action: {action:?}");
        };
        let changes = action.edit.as_ref().unwrap().changes.as_ref().unwrap();
        assert_eq!(changes.len(), 1);
        (action, &changes[&uri()])
    }

    /// The CLI's borrowed view writes the JSON of the diagnostic the server publishes, byte
    /// for byte: with and without related places and a documentation link, in every encoding.
    #[test]
    fn a_diagnostic_view_serialises_as_the_diagnostic_it_builds() {
        let text = "同志们：\n要进一步\"抓\"落实，进一步𠮷压实责任。\n";
        let rope = Rope::from_str(text);
        let first = text.find("进一步").unwrap();
        let second = text.rfind("进一步").unwrap();
        let mut bare = Finding::new("stock-phrase-repeat", second..second + 9, "“进一步”\t重复");
        bare.severity = Severity::Hint;
        let related = bare
            .clone()
            .with_related(first..first + 9, "第 1 处“进一步”");
        let uri = uri();
        for finding in [&bare, &related] {
            for docs in [None, Some("https://example.org/规则")] {
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    let view = DiagnosticView::new(finding, &rope, encoding, &uri, docs);
                    let built = diagnostic(finding, &rope, encoding, &uri, docs);
                    assert_eq!(
                        serde_json::to_string(&view).unwrap(),
                        serde_json::to_string(&built).unwrap()
                    );
                    assert_eq!(view.to_diagnostic(), built);
                    assert_eq!(built.related_information.is_some(), finding == &related);
                    assert_eq!(built.code_description.is_some(), docs.is_some());
                }
            }
        }
        let view = DiagnosticView::new(&related, &rope, Encoding::Utf16, &uri, None);
        assert_eq!(
            serde_json::to_value(&view).unwrap(),
            serde_json::json!({
                "range": {"start": {"line": 1, "character": 10},
                          "end": {"line": 1, "character": 13}},
                "severity": 4,
                "code": "stock-phrase-repeat",
                "source": "jianggao",
                "message": "“进一步”\t重复",
                "relatedInformation": [{
                    "location": {"uri": uri.as_str(),
                                 "range": {"start": {"line": 1, "character": 1},
                                           "end": {"line": 1, "character": 4}}},
                    "message": "第 1 处“进一步”",
                }],
            })
        );
    }

    /// Related places written once and copied give the JSON of converting each, byte for byte:
    /// notes shared between findings, two notes on one range, and a place the cache was not
    /// made with (converted on the spot), in every encoding.
    #[test]
    fn rendered_related_places_serialise_as_converted_ones() {
        let text = "大家好：\n抓𠮷落实，抓落实，再抓“落实”。\n";
        let rope = Rope::from_str(text);
        let places: Vec<usize> = text.match_indices("落实").map(|(at, _)| at).collect();
        assert_eq!(places.len(), 3);
        let shared: Arc<str> = Arc::from("“落实”\t共 3 处");
        let other: Arc<str> = Arc::from("另一条说明");
        let finding = |at: usize| {
            let mut f = Finding::new("stock-phrase-repeat", at..at + 6, "“落实”重复");
            for &place in places.iter().filter(|&&p| p != at) {
                f.related.push(Related {
                    range: place..place + 6,
                    message: shared.clone(),
                });
            }
            f
        };
        let mut findings: Vec<Finding> = places.iter().map(|&at| finding(at)).collect();
        // The same range under another note must not be taken for the shared one.
        findings[0].related.push(Related {
            range: places[1]..places[1] + 6,
            message: other.clone(),
        });
        let outsider = finding(places[0]).with_related(0..3, "不在缓存里");
        let uri = uri();
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let rendered = RenderedRelated::new(&findings, &rope, encoding, &uri);
            assert_eq!(rendered.places.len(), 4);
            for finding in findings.iter().chain([&outsider]) {
                let view = DiagnosticView::new(finding, &rope, encoding, &uri, None);
                let copied =
                    DiagnosticView::with_rendered(finding, &rope, encoding, &uri, None, &rendered);
                assert_eq!(
                    serde_json::to_string(&copied).unwrap(),
                    serde_json::to_string(&view).unwrap()
                );
                assert_eq!(written(&copied), serde_json::to_string(&view).unwrap());
                assert_eq!(copied.to_diagnostic(), view.to_diagnostic());
            }
        }
        let rendered = RenderedRelated::new(&findings, &rope, Encoding::Utf16, &uri);
        let copied = DiagnosticView::with_rendered(
            &findings[0],
            &rope,
            Encoding::Utf16,
            &uri,
            None,
            &rendered,
        );
        let json = serde_json::to_value(&copied).unwrap();
        let related = json["relatedInformation"].as_array().unwrap();
        assert_eq!(related.len(), 3);
        assert_eq!(related[0]["message"], "“落实”\t共 3 处");
        assert_eq!(related[0]["location"]["range"]["start"]["character"], 7);
        assert_eq!(related[2]["message"], "另一条说明");
        assert_eq!(
            related[2]["location"]["range"],
            related[0]["location"]["range"]
        );
    }

    /// What [`DiagnosticView::write_members`] writes, as an object.
    fn written(view: &DiagnosticView<'_>) -> String {
        let mut out = vec![b'{'];
        view.write_members(&mut out);
        out.push(b'}');
        String::from_utf8(out).unwrap()
    }

    /// The JSON written by hand is serde's, byte for byte: every severity, with and without a
    /// documentation link and related places, messages and a URI that need escaping, and
    /// positions in every encoding.
    /// Plain strings are copied, the rest escaped by serde_json: both as serde_json writes them.
    #[test]
    fn strings_are_written_as_serde_writes_them() {
        for text in [
            "",
            "“进一步”在本段出现 3 次，建议删减",
            "他说\"好\"",
            "C:\\稿子",
            "第一行\n第二行\t末尾\u{1}",
            "\u{7f}删除符不转义，/ 也不转义",
        ] {
            let mut out = Vec::new();
            super::json::string(&mut out, text);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(text).unwrap()
            );
        }
    }

    #[test]
    fn diagnostics_written_by_hand_are_what_serde_writes() {
        let text = "引号\"与\\反斜杠\t制表\u{1}控制\n𠮷第二行XX\n";
        let rope = Rope::from_str(text);
        let uri = Url::parse("file:///tmp/%E8%AE%B2%E7%A8%BF/a%20b%22c.txt").unwrap();
        let at = text.find("XX").unwrap();
        let plain = Finding::new("placeholder", at..at + 2, "未填写的占位符 “XX”");
        let mut noisy = Finding::new(
            "stock-phrase-repeat",
            0..6,
            "带\"引号\"、\\、\t、\u{7f}与\u{1f}的说明",
        )
        .with_related(at..at + 2, "第 1 处\n“XX”")
        .with_related(text.len()..text.len(), "末尾");
        noisy.severity = Severity::Hint;
        let mut error = plain.clone();
        error.severity = Severity::Error;
        let mut info = plain.clone();
        info.severity = Severity::Info;
        let findings = [plain, noisy, error, info];
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let rendered = RenderedRelated::new(&findings, &rope, encoding, &uri);
            for docs in [None, Some("https://example.org/规则/")] {
                for finding in &findings {
                    let view = DiagnosticView::new(finding, &rope, encoding, &uri, docs);
                    let serde = serde_json::to_string(&view).unwrap();
                    assert_eq!(written(&view), serde);
                    let copied = DiagnosticView::with_rendered(
                        finding, &rope, encoding, &uri, docs, &rendered,
                    );
                    assert_eq!(written(&copied), serde);
                    let back: Diagnostic = serde_json::from_str(&serde).unwrap();
                    assert_eq!(back, view.to_diagnostic());
                }
            }
        }
        let view = DiagnosticView::new(&findings[1], &rope, Encoding::Utf16, &uri, None);
        let json: serde_json::Value = serde_json::from_str(&written(&view)).unwrap();
        assert_eq!(json["severity"], 4);
        assert_eq!(json["message"], "带\"引号\"、\\、\t、\u{7f}与\u{1f}的说明");
        assert_eq!(json["relatedInformation"][0]["message"], "第 1 处\n“XX”");
        assert_eq!(
            json["relatedInformation"][1]["location"]["range"]["start"]["line"],
            2
        );
    }

    /// Issue 14, item 9.
    #[test]
    fn published_diagnostics_stop_at_the_cap_with_a_count() {
        let text = "XX甲XX乙XX丙\n";
        let rope = Rope::from_str(text);
        let findings: Vec<Finding> = text
            .match_indices("XX")
            .map(|(at, _)| Finding::new("placeholder", at..at + 2, "占位符"))
            .collect();
        let all = published_diagnostics(&findings, 3, &rope, Encoding::Utf16, &uri(), None);
        assert_eq!(all.len(), 3);
        let capped = published_diagnostics(&findings, 2, &rope, Encoding::Utf16, &uri(), None);
        assert_eq!(capped.len(), 3);
        assert_eq!(capped[1].range.start.character, 3);
        let notice = &capped[2];
        assert_eq!(notice.severity, Some(DiagnosticSeverity::INFORMATION));
        assert_eq!(
            notice.range,
            Range::new(Position::new(0, 6), Position::new(0, 6))
        );
        assert_eq!(
            notice.message,
            "另有 1 处问题未在编辑器中显示（每篇最多显示 2 处，从这里起未显示）；运行 jianggao check 可查看全部"
        );
    }

    #[test]
    fn quick_fix_edits_in_each_encoding() {
        // 𠮷 and 今天 before the placeholder; the fix replaces XX and inserts after 省长.
        let text = "同志们：\r\n𠮷今天XX省长讲话。";
        let rope = Rope::from_str(text);
        let xx = text.find("XX").unwrap();
        let after = text.find("讲话").unwrap();
        let finding = Finding::new("placeholder", xx..xx + 2, "未填写的占位符 “XX”")
            .with_fix(Fix::new(
                "填入“王”",
                vec![Edit::replace(xx..xx + 2, "王"), Edit::insert(after, "同志")],
            ))
            .with_fix(Fix::new("删除占位符", vec![Edit::delete(xx..xx + 2)]));
        for (encoding, xx_char, after_char) in [
            (Encoding::Utf16, 4, 8),
            (Encoding::Utf8, 10, 18),
            (Encoding::Utf32, 3, 7),
        ] {
            let actions = quick_fixes(&finding, &rope, encoding, &uri(), None);
            assert_eq!(actions.len(), 2);
            let (first, edits) = edit_of(&actions[0]);
            assert_eq!(first.title, "填入“王”");
            assert_eq!(first.kind, Some(CodeActionKind::QUICKFIX));
            assert_eq!(first.is_preferred, Some(true));
            assert_eq!(
                first.diagnostics,
                Some(vec![diagnostic(&finding, &rope, encoding, &uri(), None)])
            );
            assert_eq!(
                edits,
                &vec![
                    TextEdit::new(
                        Range::new(Position::new(1, xx_char), Position::new(1, xx_char + 2)),
                        "王".into()
                    ),
                    TextEdit::new(
                        Range::new(Position::new(1, after_char), Position::new(1, after_char)),
                        "同志".into()
                    ),
                ],
                "{encoding:?}"
            );
            let (second, edits) = edit_of(&actions[1]);
            assert_eq!(second.title, "删除占位符");
            assert_eq!(second.is_preferred, Some(false));
            assert_eq!(edits[0].new_text, "");
        }
    }

    static RESIDUE: Rule = Rule {
        code: "web-residue",
        default_severity: crate::finding::Severity::Warning,
        summary: "网页残留",
        docs: "",
        tally: None,
        fix_all_title: Some("删除全部网页残留"),
        validate_options: crate::checks::no_options,
    };

    #[test]
    fn one_fix_all_action_per_rule_with_a_title() {
        let text = "甲【广告】乙
𠮷【广告】丙【无修复】";
        let rope = Rope::from_str(text);
        let first = text.find("【广告】").unwrap();
        let second = text.rfind("【广告】").unwrap();
        let unfixable = text.find("【无修复】").unwrap();
        let ad = |at: usize| {
            Finding::new("web-residue", at..at + 12, "网页残留")
                .with_fix(Fix::new("删除", vec![Edit::delete(at..at + 12)]))
        };
        let findings = vec![
            ad(first),
            ad(second),
            Finding::new("web-residue", unfixable..unfixable + 15, "网页残留"),
            Finding::new("placeholder", 0..3, "别的规则")
                .with_fix(Fix::new("删除", vec![Edit::delete(0..3)])),
        ];
        let rules = [&RESIDUE, crate::checks::rule("placeholder").unwrap()];
        let actions = fix_all_actions_for(
            rules.into_iter().filter(|r| r.fix_all_title.is_some()),
            &findings,
            &rope,
            Encoding::Utf16,
            &uri(),
            None,
        );
        assert_eq!(actions.len(), 1);
        let (action, edits) = edit_of(&actions[0]);
        assert_eq!(action.title, "删除全部网页残留");
        assert_eq!(action.kind, Some(fix_all_kind()));
        assert_eq!(action.diagnostics.as_ref().map(Vec::len), Some(2));
        assert_eq!(
            edits,
            &vec![
                TextEdit::new(
                    Range::new(Position::new(0, 1), Position::new(0, 5)),
                    String::new()
                ),
                TextEdit::new(
                    Range::new(Position::new(1, 2), Position::new(1, 6)),
                    String::new()
                ),
            ]
        );
        // No action when no finding of the rule has a fix.
        let none = fix_all_actions_for(
            [&RESIDUE].into_iter(),
            &findings[2..3],
            &rope,
            Encoding::Utf16,
            &uri(),
            None,
        );
        assert!(none.is_empty());
    }

    #[test]
    fn hover_shows_messages_and_notes() {
        let rope = Rope::from_str("今天XX");
        let a = Finding::new("placeholder", 6..8, "未填写的占位符 “XX”").with_note("请填写姓名。");
        let b = Finding::new("placeholder", 6..8, "第二条");
        let hover = hover(&[&a, &b], &rope, Encoding::Utf16).unwrap();
        assert_eq!(
            hover.contents,
            HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: format!(
                    "**未填写的占位符 “XX”**（placeholder）\n\n请填写姓名。\n\n---\n\n**第二条**（placeholder）\n\n---\n\n{}",
                    crate::checks::rule_page(crate::checks::rule("placeholder").unwrap()).trim_end()
                )
            })
        );
        assert_eq!(
            hover.range,
            Some(Range::new(Position::new(0, 2), Position::new(0, 4)))
        );
        assert_eq!(super::hover(&[], &rope, Encoding::Utf16), None);
    }

    /// The hover's Markdown as a reader sees it: each paragraph's text, with the bold parts
    /// in `«…»` and any other markup named.
    fn rendered(markdown: &str) -> Vec<String> {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let mut paragraphs = vec![String::new()];
        for event in Parser::new(markdown) {
            let last = paragraphs.last_mut().unwrap();
            match event {
                Event::Text(t) => last.push_str(&t),
                Event::Start(Tag::Strong) => last.push('«'),
                Event::End(TagEnd::Strong) => last.push('»'),
                Event::Start(Tag::Paragraph) => {}
                // Any other markup shows up as what it is.
                Event::Start(tag) => last.push_str(&format!("⟨{tag:?}⟩")),
                Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    last.push_str(&format!("⟨markup {t}⟩"))
                }
                Event::End(TagEnd::Paragraph) => paragraphs.push(String::new()),
                Event::SoftBreak => last.push('\n'),
                Event::Rule => last.push_str("---"),
                _ => {}
            }
        }
        paragraphs.retain(|p| !p.is_empty());
        paragraphs
    }

    #[test]
    fn hover_text_renders_as_the_message_says() {
        let rope = Rope::from_str("请**市长讲话，**书记作总结。");
        // A placeholder quoting stars, and text that would otherwise be a link, code, HTML, an
        // entity, a heading, a list item and an escape.
        let stars = Finding::new("placeholder", 3..11, "未填写的占位符 “**市长”（职务/人名）")
            .with_note("本文共 2 处 “**市长”");
        let markup = Finding::new(
            "residue",
            0..3,
            "网页残留 “[点此](x.cn) `code` <b>粗</b> &amp; _斜_ \\*”",
        )
        .with_note("# 不是标题\n- 不是列表 1. 也不是");
        assert!(hover(&[&stars, &markup], &rope, Encoding::Utf16).is_some());
        let value = hover_messages(&[&stars, &markup]);
        assert_eq!(
            rendered(&value),
            [
                "«未填写的占位符 “**市长”（职务/人名）»（placeholder）",
                "本文共 2 处 “**市长”",
                "---«网页残留 “[点此](x.cn) `code` <b>粗</b> &amp; _斜_ \\*”»（residue）",
                "# 不是标题\n- 不是列表 1. 也不是",
            ]
        );
    }

    fn node(
        kind: NodeKind,
        name: &str,
        ordinal: Option<&str>,
        range: std::ops::Range<usize>,
        selection: std::ops::Range<usize>,
        spoken: usize,
        children: Vec<OutlineNode>,
    ) -> OutlineNode {
        OutlineNode {
            kind,
            name: name.into(),
            ordinal: ordinal.map(Into::into),
            range,
            selection_range: selection,
            spoken_chars: spoken,
            speech_kind: None,
            children,
        }
    }

    /// A hand-built outline over a small draft: a speech with a salutation and one section
    /// holding two items.
    fn sample() -> (String, Outline) {
        let text = "同志们：\n一、思想要到位\n一是学习。\n二是落实。\n";
        let at = |s: &str| text.find(s).unwrap();
        let section = at("一、");
        let first = at("一是");
        let second = at("二是");
        let items = vec![
            node(
                NodeKind::Item,
                "学习",
                Some("一是"),
                first..second - 1,
                first..first + 6,
                2,
                vec![],
            ),
            node(
                NodeKind::Item,
                "落实",
                Some("二是"),
                second..text.len() - 1,
                second..second + 6,
                2,
                vec![],
            ),
        ];
        let speech = node(
            NodeKind::Speech,
            "讲话",
            None,
            0..text.len(),
            0..at("："),
            500,
            vec![
                node(
                    NodeKind::Salutation,
                    "称呼",
                    None,
                    0..at("："),
                    0..at("："),
                    3,
                    vec![],
                ),
                node(
                    NodeKind::Section,
                    "思想要到位",
                    Some("一、"),
                    section..text.len(),
                    section..first - 1,
                    300,
                    items,
                ),
            ],
        );
        let outline = Outline {
            nodes: vec![speech],
            spoken_chars: 500,
            chars_per_minute: 220,
        };
        (text.to_owned(), outline)
    }

    #[test]
    fn outline_becomes_nested_symbols() {
        let (text, outline) = sample();
        let rope = Rope::from_str(&text);
        let analysis = Analysis {
            outline,
            ..Analysis::default()
        };
        let symbols = document_symbols(&analysis, &rope, Encoding::Utf16);
        assert_eq!(symbols.len(), 1);
        let speech = &symbols[0];
        assert_eq!(speech.name, "讲话");
        // 500 characters at 220 a minute.
        assert_eq!(speech.detail.as_deref(), Some("约 2 分钟"));
        assert_eq!(speech.kind, SymbolKind::MODULE);
        assert_eq!(
            speech.range,
            Range::new(Position::new(0, 0), Position::new(4, 0))
        );
        assert_eq!(
            speech.selection_range,
            Range::new(Position::new(0, 0), Position::new(0, 3))
        );
        let children = speech.children.as_ref().unwrap();
        let names: Vec<(&str, Option<&str>)> = children
            .iter()
            .map(|s| (s.name.as_str(), s.detail.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("称呼", Some("不足 1 分钟")),
                ("思想要到位", Some("一、 · 约 1 分钟"))
            ]
        );
        let section = &children[1];
        assert_eq!(section.kind, SymbolKind::NAMESPACE);
        assert_eq!(
            section.range,
            Range::new(Position::new(1, 0), Position::new(4, 0))
        );
        assert_eq!(
            section.selection_range,
            Range::new(Position::new(1, 0), Position::new(1, 7))
        );
        let items = section.children.as_ref().unwrap();
        assert_eq!(items[1].name, "落实");
        assert_eq!(items[1].detail.as_deref(), Some("二是 · 不足 1 分钟"));
        assert_eq!(
            items[1].range,
            Range::new(Position::new(3, 0), Position::new(3, 5))
        );
        assert_eq!(items[1].children, None);
    }

    #[test]
    fn a_speech_symbol_tallies_what_the_cli_summary_tallies() {
        // No title, a placeholder, a gap and no closing.
        let text = "同志们：\n\n今天召开全县防汛工作会议，XX同志通报了汛情。\n\n一、压实责任\n\n要把责任落实到人。\n\n三、备足物资\n\n要把物资放到一线。\n";
        let analysis = crate::analysis::analyze(text, crate::draft::DocKind::Plain);
        let all: Vec<&Finding> = analysis.findings.iter().collect();
        let tallies = crate::analysis::tallies(&all);
        assert!(
            tallies.contains(&"1 处讲稿缺少标题（missing-title）".to_owned()),
            "{tallies:?}"
        );
        let symbols = document_symbols(&analysis, &Rope::from_str(text), Encoding::Utf16);
        assert_eq!(symbols.len(), 1);
        let detail = symbols[0].detail.as_deref().unwrap();
        assert_eq!(
            detail.split_once(" · 共 ").map(|(_, t)| t),
            Some(tallies.join("，").as_str()),
            "{detail}"
        );
    }

    #[test]
    fn folding_for_nodes_over_more_than_one_line() {
        let (text, outline) = sample();
        let folds: Vec<(u32, u32)> = folding_ranges(&outline, &Rope::from_str(&text))
            .iter()
            .map(|f| (f.start_line, f.end_line))
            .collect();
        // The speech (lines 0–3) and the section (1–3); one-line nodes do not fold.
        assert_eq!(folds, [(0, 3), (1, 3)]);
    }

    #[test]
    fn empty_name_and_stray_selection_are_made_valid() {
        let rope = Rope::from_str("甲\n乙\n");
        let outline = Outline {
            nodes: vec![node(NodeKind::Section, " ", None, 4..8, 0..1, 0, vec![])],
            spoken_chars: 0,
            chars_per_minute: 0,
        };
        let analysis = Analysis {
            outline,
            ..Analysis::default()
        };
        let symbols = document_symbols(&analysis, &rope, Encoding::Utf16);
        assert_eq!(symbols[0].name, "（无标题）");
        assert_eq!(symbols[0].detail.as_deref(), Some("不足 1 分钟"));
        assert_eq!(
            symbols[0].selection_range,
            Range::new(Position::new(1, 0), Position::new(1, 0))
        );
    }

    #[test]
    fn config_problem_points_at_its_line() {
        let text = "[rules.placeholder]\r\nseverity = \"loud\"\r\n";
        let problem = ConfigProblem {
            key: "rules.placeholder.severity".into(),
            message: "级别无效".into(),
        };
        let d = config_diagnostic(&problem, &Rope::from_str(text), Encoding::Utf16);
        assert_eq!(
            d.range,
            Range::new(Position::new(1, 0), Position::new(1, 17))
        );
        assert_eq!(d.source.as_deref(), Some("jianggao"));
        assert_eq!(d.message, "级别无效");
    }
}
