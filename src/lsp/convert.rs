//! Core types → LSP types. The one place where byte ranges become encoded positions; the CLI's
//! JSON output uses the same functions, so both speak identical diagnostics.

use ropey::Rope;
use tower_lsp::lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Url,
};

use crate::checks::docs_url;
use crate::finding::{Finding, Severity};
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
