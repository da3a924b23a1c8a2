"""Findings as LSP diagnostics: the CLI's message, the rule's name as code, a link to its docs,
and the data that code actions reuse (rule, fingerprint, hint, fix edits in engine positions).

Diagnostics are built as JSON-ready dicts: going through lsprotocol's classes and cattrs costs
about 0.1 ms per diagnostic, which a file with hundreds of findings pays on every keystroke."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from agentguard.lsp.positions import PositionCodec
from agentguard.lsp.settings import Settings
from agentguard.rules.model import Finding, Fix, Range
from agentguard.rules.registry import docs_url

SOURCE = "agentguard"


Diagnostic = dict[str, Any]


def to_diagnostic(
    finding: Finding, lines: list[str], codec: PositionCodec, settings: Settings, version: int
) -> Diagnostic:
    """One finding as a diagnostic (LSP JSON), its range in the negotiated encoding."""
    data: dict[str, Any] = {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.label,
        "fingerprint": finding.fingerprint,
        "hint": finding.hint,
        "version": version,
    }
    if finding.fix is not None:
        data["fix"] = fix_data(finding.fix)
    return {
        "range": codec.to_lsp_json_range(lines, finding.range),
        "severity": int(settings.severities[finding.severity]),
        "code": finding.name,
        "codeDescription": {"href": docs_url(finding.rule, finding.name)},
        "source": SOURCE,
        "message": finding.message,
        "data": data,
    }


def fix_data(fix: Fix) -> dict[str, Any]:
    """A fix as JSON for a diagnostic's data; ranges stay in engine positions until used."""
    return {
        "title": fix.title,
        "edits": [
            {
                "range": [edit.range.line, edit.range.column, edit.range.end_line, edit.range.end_column],
                "newText": edit.new_text,
            }
            for edit in fix.edits
        ],
    }


def fix_edits(data: dict[str, Any], lines: list[str], codec: PositionCodec) -> list[types.TextEdit]:
    """A fix's edits from diagnostic data, converted against the document's current text."""
    edits = []
    for edit in data["edits"]:
        line, column, end_line, end_column = (int(part) for part in edit["range"])
        range_ = codec.to_lsp_range(lines, Range(line, column, end_line, end_column))
        edits.append(types.TextEdit(range=range_, new_text=str(edit["newText"])))
    return edits
