"""Code actions (the rule's fix, "Suppress with a reason", "Show documentation") and hover.

"Suppress with a reason" inserts the comment alone on the line before the finding, indented like
that line: `# agentguard: ignore[rule-name] -- reason`, in the file's comment syntax. The word
`reason` is a snippet placeholder when the client applies snippet edits; otherwise the server
selects it with `window/showDocument` once the edit is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from agentguard.lsp.diagnostics import SOURCE, Diagnostic, fix_edits
from agentguard.lsp.documents import OpenDocument
from agentguard.lsp.positions import PositionCodec, split_lines
from agentguard.rules.languages import LINE_COMMENTS, detect_language
from agentguard.rules.registry import docs_url, find_spec

SHOW_DOCUMENTATION = "agentguard.showDocumentation"
SELECT_RANGE = "agentguard.selectRange"
REASON_PLACEHOLDER = "reason"


@dataclass(frozen=True)
class ClientAbilities:
    """What the client can do with the edits and commands the server sends."""

    snippet_edits: bool
    show_document: bool


def code_actions(
    document: OpenDocument,
    diagnostics: list[types.Diagnostic],
    codec: PositionCodec,
    abilities: ClientAbilities,
) -> list[types.CodeAction]:
    """The actions for the agentguard diagnostics the client sent with the request."""
    lines = split_lines(document.text)
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        data = diagnostic.data
        if diagnostic.source != SOURCE or not isinstance(data, dict) or "rule" not in data:
            continue
        fix = data.get("fix")
        if isinstance(fix, dict) and data.get("version") == document.version:
            actions.append(_fix_action(document, diagnostic, fix, lines, codec))
        if data.get("category") != "suppression":
            actions.extend(
                _suppress_action(
                    document, diagnostic, str(data["name"]), lines=lines, codec=codec, abilities=abilities
                )
            )
        actions.append(_documentation_action(diagnostic, str(data["rule"]), str(data["name"])))
    return actions


def _fix_action(
    document: OpenDocument,
    diagnostic: types.Diagnostic,
    fix: dict[str, Any],
    lines: list[str],
    codec: PositionCodec,
) -> types.CodeAction:
    return types.CodeAction(
        title=str(fix["title"]),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=types.WorkspaceEdit(changes={document.uri: fix_edits(fix, lines, codec)}),
    )


def _suppress_action(
    document: OpenDocument,
    diagnostic: types.Diagnostic,
    name: str,
    *,
    lines: list[str],
    codec: PositionCodec,
    abilities: ClientAbilities,
) -> list[types.CodeAction]:
    prefixes = LINE_COMMENTS.get(detect_language(str(document.path), document.text), ())
    line_index = diagnostic.range.start.line
    if not prefixes or line_index >= len(lines):
        return []
    target = lines[line_index]
    indent = target[: len(target) - len(target.lstrip())]
    comment = f"{indent}{prefixes[0]} agentguard: ignore[{name}] -- "
    start = types.Position(line=line_index, character=0)
    title = f"Suppress {name} with a reason"
    if abilities.snippet_edits:
        snippet = types.SnippetTextEdit(
            range=types.Range(start=start, end=start),
            snippet=types.StringValue(value=f"{comment}${{1:{REASON_PLACEHOLDER}}}\n"),
        )
        edit = types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=document.uri, version=document.version
                    ),
                    edits=[snippet],
                )
            ]
        )
        return [
            types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=edit
            )
        ]
    text_edit = types.TextEdit(
        range=types.Range(start=start, end=start), new_text=f"{comment}{REASON_PLACEHOLDER}\n"
    )
    command = None
    if abilities.show_document:
        column = codec.units(comment)
        reason = types.Range(
            start=types.Position(line=line_index, character=column),
            end=types.Position(line=line_index, character=column + len(REASON_PLACEHOLDER)),
        )
        command = types.Command(
            title="Select the reason", command=SELECT_RANGE, arguments=[document.uri, reason]
        )
    return [
        types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(changes={document.uri: [text_edit]}),
            command=command,
        )
    ]


def _documentation_action(diagnostic: types.Diagnostic, code: str, name: str) -> types.CodeAction:
    return types.CodeAction(
        title=f"Show documentation for {name}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        command=types.Command(
            title=f"Show documentation for {name}", command=SHOW_DOCUMENTATION, arguments=[code]
        ),
    )


def documentation_url(selector: str) -> str | None:
    """The documentation link of the rule with this code or name, if it exists."""
    spec = find_spec(selector)
    return None if spec is None else docs_url(spec.META.code, spec.META.name)


def hover_markdown(diagnostics: list[Diagnostic], position: types.Position) -> str | None:
    """The documentation of the rules whose diagnostics cover `position`, as markdown."""
    parts: list[str] = []
    seen: set[str] = set()
    for diagnostic in diagnostics:
        if not _contains(diagnostic["range"], position):
            continue
        data = diagnostic["data"]
        spec = find_spec(str(data["rule"]))
        if spec is None or spec.META.code in seen:
            continue
        seen.add(spec.META.code)
        meta = spec.META
        cwe = ", ".join(f"CWE-{c}" for c in meta.cwe)
        parts.append(
            f"**{meta.code} {meta.name}** ({data['severity']}, {meta.category}{', ' + cwe if cwe else ''})\n\n"
            f"{diagnostic['message']}. Fix: {data['hint']}\n\n"
            f"{spec.documentation().replace('## ', '#### ')}\n\n"
            f"[Documentation]({docs_url(meta.code, meta.name)})"
        )
    return "\n\n---\n\n".join(parts) or None


def _contains(range_: dict[str, dict[str, int]], position: types.Position) -> bool:
    start = (range_["start"]["line"], range_["start"]["character"])
    end = (range_["end"]["line"], range_["end"]["character"])
    return start <= (position.line, position.character) <= end
