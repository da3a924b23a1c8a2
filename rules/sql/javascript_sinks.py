"""The calls of SQL-running method names in a JavaScript/TypeScript file, found in the text.

A tree-sitter query with a `#match?` predicate visits every call of the file; on a large file
(jquery.js: 10k lines) that cost more than the rest of the SQL check. Instead, one regular
expression finds where a sink's name is written, and the tree confirms that the name is the
method (or the bare callee) of a call with an argument list. `tests/test_javascript_sql_text_first.py`
keeps the former query as the definition and checks that both find the same calls, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.document import walk
from agentguard.rules.sql.javascript_flow import ELEMENT_METHODS

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.lazy_patterns import TextPattern


@dataclass(frozen=True)
class SinkCall:
    """`receiver.method(arguments)`, or a bare `method(arguments)` (then `receiver` is None)."""

    call: tree_sitter.Node
    receiver: tree_sitter.Node | None
    method: tree_sitter.Node
    arguments: tree_sitter.Node


def names_pattern(names: Iterable[str]) -> re.Pattern[bytes]:
    """A pattern for any of `names` as a whole word, its alternatives sharing their prefixes (the
    `re` module tries a flat alternation's branches one by one at every position)."""
    trie: dict[str, dict[str, object]] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {}
    dollar = trie.pop("$", None)
    # `\b` before `$` would need a word character before it (`db.$queryRaw`): that branch has none.
    words = rf"\b{_alternatives(trie)}" if trie else ""
    dollars = rf"\${_alternatives(dollar)}" if dollar else ""  # type: ignore[arg-type]
    return re.compile(rf"(?:{'|'.join(part for part in (words, dollars) if part)})\b".encode())


def _alternatives(trie: dict[str, dict[str, object]]) -> str:
    ends = "" in trie
    branches = [re.escape(char) + _alternatives(rest) for char, rest in sorted(trie.items()) if char]  # type: ignore[arg-type]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if ends else body


def sink_calls(doc: Document, pattern: re.Pattern[bytes]) -> list[SinkCall]:
    """The calls whose method (or bare callee) is a name `pattern` finds, ordered as tree-sitter
    orders the matches of a query over them (by where their argument list starts)."""
    root = doc.root
    found: list[SinkCall] = []
    for match in pattern.finditer(doc.source):
        start, end = match.span()
        node = root.named_descendant_for_byte_range(start, end)
        if node is None or node.start_byte != start or node.end_byte != end:
            continue
        sink = _sink_call(node)
        if sink is not None:
            found.append(sink)
    found.sort(key=lambda sink: sink.arguments.start_byte)
    return found


def _sink_call(name: tree_sitter.Node) -> SinkCall | None:
    parent = name.parent
    if parent is None:
        return None
    if name.type == "identifier":
        return _call_of(parent, name, None, name)
    if name.type != "property_identifier" or parent.type != "member_expression":
        return None
    receiver = parent.child_by_field_name("object")
    if receiver is None or parent.child_by_field_name("property") != name:
        return None
    callee = parent.parent
    if callee is not None and callee.type == "await_expression":
        # `await db.query<Row[]>(...)` parses as `(await db.query)<Row[]>(...)`.
        if callee.parent is None:
            return None
        return _call_of(callee.parent, callee, receiver, name)
    return _call_of(callee, parent, receiver, name) if callee is not None else None


def _call_of(
    call: tree_sitter.Node,
    callee: tree_sitter.Node,
    receiver: tree_sitter.Node | None,
    method: tree_sitter.Node,
) -> SinkCall | None:
    if call.type != "call_expression" or call.child_by_field_name("function") != callee:
        return None
    arguments = call.child_by_field_name("arguments")
    if arguments is None or arguments.type != "arguments":
        return None
    return SinkCall(call, receiver, method, arguments)


_BOUND_NAMES = frozenset({"identifier", "shorthand_property_identifier_pattern"})
_GROWING_METHODS = frozenset({"push", "unshift", "add"})


def names_given(doc: Document, pattern: TextPattern, starts: tuple[str, ...]) -> frozenset[str]:
    """The names some definition may give a value whose text `pattern` finds something in
    (every match of `pattern` starts with one of `starts`).

    A superset of what the string flow's definition index would say: the name a declaration,
    assignment, `+=`, `for` head or `push` defines, and the parameters of a callback of
    `xs.map(...)`, around each place `pattern` matches in the file. (A value's text is a piece of
    the file, and what `pattern` finds in it starts at a token, where it matches in the file too.)
    A variable not in it was never made by such a call, with no flow needed to say so.
    """
    text = doc.text
    found: list[int] = []
    for start in starts:
        index = text.find(start)
        while index != -1:
            if pattern.match(text, index):
                found.append(index)
            index = text.find(start, index + 1)
    root = doc.root
    names: set[str] = set()
    offset, consumed = 0, 0
    for index in sorted(found):
        offset += len(text[consumed:index].encode("utf-8", "surrogatepass"))
        consumed = index
        child = root.named_descendant_for_byte_range(offset, offset + 1)
        current = child.parent if child is not None else None
        while current is not None and child is not None:
            names.update(_defined_by(doc, current, child))
            child, current = current, current.parent
    return frozenset(names)


def _defined_by(doc: Document, node: tree_sitter.Node, child: tree_sitter.Node) -> Iterable[str]:
    """The names `node` may define with a value that holds `child`."""
    if node.type == "variable_declarator" and node.child_by_field_name("value") == child:
        target = node.child_by_field_name("name")
        return _bound_names(doc, target) if target is not None else ()
    if node.type in {"assignment_expression", "augmented_assignment_expression"}:
        left = node.child_by_field_name("left")
        return (doc.node_text(left),) if left is not None and left.type == "identifier" else ()
    if node.type == "for_in_statement":
        left = node.child_by_field_name("left")
        return _bound_names(doc, left) if left is not None else ()
    if node.type == "call_expression":
        return _call_defines(doc, node, child)
    return ()


def _call_defines(doc: Document, call: tree_sitter.Node, child: tree_sitter.Node) -> list[str]:
    """`xs.push(v)` grows `xs`; `xs.map((x) => ...)` gives its callback's parameters `xs`'s elements."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return []
    receiver = callee.child_by_field_name("object")
    method = callee.child_by_field_name("property")
    method_name = doc.node_text(method) if method is not None else ""
    if method_name in _GROWING_METHODS and receiver is not None and receiver.type == "identifier":
        return [doc.node_text(receiver)]
    names: list[str] = []
    arguments = call.child_by_field_name("arguments")
    if child == callee and method_name in ELEMENT_METHODS and arguments is not None:
        for argument in arguments.named_children:
            parameters = argument.child_by_field_name("parameters") or argument.child_by_field_name(
                "parameter"
            )
            names.extend(_bound_names(doc, parameters) if parameters is not None else ())
    return names


def _bound_names(doc: Document, pattern: tree_sitter.Node) -> list[str]:
    return [doc.node_text(node) for node in walk(pattern) if node.type in _BOUND_NAMES]
