"""The output formats: text, json, sarif and github. Each turns a RunResult into one string."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from agentguard.hooks.runner import RunResult
from agentguard.rules.model import Finding, Fix, Range, Severity
from agentguard.rules.registry import all_specs, docs_url

JSON_VERSION = 1
TOOL_URL = "https://github.com/agentguard-dev/agentguard"


def render_text(result: RunResult, version: str) -> str:
    """One line per finding, `path:line:col: CODE [category] message`, then its fix hint."""
    lines: list[str] = []
    for finding in result.findings:
        where = f"{finding.path}:{finding.range.line}:{finding.range.column}"
        lines.append(f"{where}: {finding.rule} [{finding.category}] {finding.message}")
        lines.append(f"    fix: {finding.hint}")
    lines.extend(f"error: {error}" for error in result.errors)
    lines.extend(f"note: {notice}" for notice in result.notices)
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def _summary(result: RunResult) -> str:
    if not result.findings:
        text = f"agentguard: no findings in {result.files} file{'s' if result.files != 1 else ''}"
    else:
        counts = Counter(f.severity for f in result.findings)
        parts = ", ".join(f"{counts[s]} {s.label}" for s in sorted(counts, reverse=True))
        noun = "finding" if len(result.findings) == 1 else "findings"
        text = f"agentguard: {len(result.findings)} {noun} ({parts}) in {result.files} files"
    if result.errors:
        text += f"; {len(result.errors)} error{'s' if len(result.errors) != 1 else ''}"
    return text


def range_json(range_: Range) -> dict[str, int]:
    """A range as the JSON fields `line`, `column`, `end_line`, `end_column`."""
    return {
        "line": range_.line,
        "column": range_.column,
        "end_line": range_.end_line,
        "end_column": range_.end_column,
    }


def fix_json(fix: Fix) -> dict[str, Any]:
    """A fix as JSON: a title and text edits with 1-based ranges."""
    return {"title": fix.title, "edits": [{**range_json(e.range), "new_text": e.new_text} for e in fix.edits]}


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding with the contract's JSON fields."""
    data: dict[str, Any] = {
        "path": finding.path,
        **range_json(finding.range),
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.label,
        "confidence": finding.confidence.label,
        "message": finding.message,
        "hint": finding.hint,
        "cwe": [f"CWE-{number}" for number in finding.cwe],
        "fingerprint": finding.fingerprint,
        "url": docs_url(finding.rule, finding.name),
    }
    if finding.fix is not None:
        data["fix"] = fix_json(finding.fix)
    return data


def render_json(result: RunResult, version: str) -> str:
    """`{"version", "findings", "errors", "notices"}`."""
    document = {
        "version": version,
        "findings": [finding_json(f) for f in result.findings],
        "errors": result.errors,
        "notices": result.notices,
    }
    import json  # imported by the JSON formats only: the text run, the common one, never needs it

    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {
    Severity.LOW: "note",
    Severity.MEDIUM: "warning",
    Severity.HIGH: "error",
    Severity.CRITICAL: "error",
}
# GitHub orders code-scanning alerts by this score (0-10).
_SECURITY_SEVERITY = {
    Severity.LOW: "3.0",
    Severity.MEDIUM: "5.5",
    Severity.HIGH: "8.0",
    Severity.CRITICAL: "9.5",
}


def render_sarif(result: RunResult, version: str) -> str:
    """SARIF 2.1.0 that GitHub code scanning accepts."""
    specs = all_specs()
    index = {spec.META.code: position for position, spec in enumerate(specs)}
    rules = [
        {
            "id": spec.META.code,
            "name": spec.META.name,
            "shortDescription": {"text": spec.META.summary},
            "fullDescription": {"text": spec.META.summary},
            "helpUri": docs_url(spec.META.code, spec.META.name),
            "help": {"text": spec.documentation(), "markdown": spec.documentation()},
            "defaultConfiguration": {"level": _SARIF_LEVEL[spec.META.severity]},
            "properties": {
                "tags": ["security", spec.META.category, *(f"external/cwe/cwe-{c}" for c in spec.META.cwe)],
                "precision": {3: "high", 2: "medium", 1: "low"}[int(spec.META.confidence)],
                "security-severity": _SECURITY_SEVERITY[spec.META.severity],
            },
        }
        for spec in specs
    ]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.message}. Fix: {f.hint}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.range.line,
                            "startColumn": f.range.column,
                            "endLine": f.range.end_line,
                            "endColumn": max(f.range.end_column, 1),
                        },
                    }
                }
            ],
            "partialFingerprints": {"agentguard/v1": f.fingerprint},
            "properties": {"security-severity": _SECURITY_SEVERITY[f.severity], "category": f.category},
        }
        for f in result.findings
    ]
    notifications = [{"level": "error", "message": {"text": error}} for error in result.errors] + [
        {"level": "note", "message": {"text": notice}} for notice in result.notices
    ]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "agentguard",
                        "version": version,
                        "informationUri": TOOL_URL,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}
                ],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    import json  # as in render_json

    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    posix = posix.removeprefix("./")
    return quote(posix, safe="/:@")


_GITHUB_LEVEL = {
    Severity.LOW: "notice",
    Severity.MEDIUM: "warning",
    Severity.HIGH: "error",
    Severity.CRITICAL: "error",
}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: RunResult, version: str) -> str:
    """GitHub Actions workflow commands that annotate the changed lines."""
    lines = []
    for f in result.findings:
        properties = ",".join(
            [
                f"file={_escape_property(f.path)}",
                f"line={f.range.line}",
                f"endLine={f.range.end_line}",
                f"col={f.range.column}",
                f"endColumn={f.range.end_column}",
                f"title={_escape_property(f'{f.rule} {f.name}')}",
            ]
        )
        lines.append(
            f"::{_GITHUB_LEVEL[f.severity]} {properties}::{_escape_data(f'{f.message}. Fix: {f.hint}')}"
        )
    lines.extend(f"::error::{_escape_data(error)}" for error in result.errors)
    lines.extend(f"::notice::{_escape_data(notice)}" for notice in result.notices)
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[RunResult, str], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}
