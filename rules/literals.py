"""Constant values of literal nodes, across the tree-sitter grammars the engine parses."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document

# Node types that hold a string literal, per grammar.
STRING_TYPES = frozenset(
    {
        "string",  # Python, JavaScript, TypeScript
        "template_string",  # JavaScript, TypeScript
        "interpreted_string_literal",  # Go
        "raw_string_literal",  # Go
        "string_literal",  # Java
        "concatenated_string",  # Python "a" "b"
    }
)
_CONTENT_TYPES = frozenset(
    {
        "string_content",
        "string_fragment",
        "interpreted_string_literal_content",
        "raw_string_literal_content",
        "multiline_string_fragment",
    }
)
# Children that make a string non-constant: f-string fields, `${}` substitutions.
_INTERPOLATION_TYPES = frozenset({"interpolation", "template_substitution", "string_interpolation"})

TRUE_LITERALS = frozenset({"True", "true"})
FALSE_LITERALS = frozenset({"False", "false"})


def literal_string(doc: Document, node: tree_sitter.Node) -> str | None:
    """The constant value of a string literal, or None if it is not one or interpolates values."""
    if node.type == "concatenated_string":
        parts = [literal_string(doc, child) for child in node.named_children]
        return None if any(part is None for part in parts) else "".join(p or "" for p in parts)
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        inner = node.named_children[0]
        return literal_string(doc, inner)
    if node.type not in STRING_TYPES:
        return None
    raw = _is_raw(doc, node)
    pieces: list[str] = []
    for child in node.children:
        if child.type in _INTERPOLATION_TYPES:
            return None
        if child.type in _CONTENT_TYPES:
            pieces.append(doc.node_text(child))
        elif child.type == "escape_sequence":
            text = doc.node_text(child)
            pieces.append(text if raw else _unescape(text))
    return "".join(pieces)


def literal_bool(doc: Document, node: tree_sitter.Node) -> bool | None:
    """The value of a boolean literal, or None."""
    text = doc.node_text(node)
    if node.type in {"true", "false"} or text in TRUE_LITERALS | FALSE_LITERALS:
        return text in TRUE_LITERALS
    return None


def is_null(doc: Document, node: tree_sitter.Node) -> bool:
    """Whether `node` is a null literal (`None`, `null`, `nil`, `undefined`)."""
    return node.type in {"none", "null", "nil", "undefined", "null_literal"} or (
        node.type == "identifier" and doc.node_text(node) == "undefined"
    )


def _is_raw(doc: Document, node: tree_sitter.Node) -> bool:
    if node.type == "raw_string_literal":
        return True
    first = node.children[0] if node.children else None
    return bool(first is not None and first.type == "string_start" and "r" in doc.node_text(first).lower())


def _unescape(text: str) -> str:
    try:
        return codecs.decode(text, "unicode_escape")
    except UnicodeDecodeError:
        return text
