"""The nodes the Python SQL analysis starts from, found in the text and confirmed on the tree.

Three kinds: calls of a sink method or function (`cursor.execute(...)`, `text(...)`), function
definitions (helpers the flow may step into), and calls of private functions (whose callers'
constant arguments the flow reads). A regular expression finds each name followed by `(` in the
bytes, and the tree confirms it: a match inside a string or a comment, or an identifier that is
not the callee, is dropped. On a large file this costs a fraction of a tree-sitter query with
`#match?` predicates, which the language server pays on every keystroke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document

# What may stand between a name and its `(` or between `.` and a method name: white space,
# line continuations and comments (each to its line's end, so `# ###` cannot backtrack).
_GAP = rb"(?:\s|\\|#[^\n]*\n)*"
_SINK_METHODS = (
    rb"execute|executemany|executescript|mogrify|fetch|fetchrow|fetchval|fetch_all|fetch_one|fetch_val|"
    rb"execute_fetchall|execute_insert|exec_driver_sql|read_sql|read_sql_query|read_database|raw|extra|"
    rb"execute_sql|copy_expert|execute_query|execute_query_dict|text|SQL|RawSQL|sql"
)
_NAME_END = rb"(?![\w\x80-\xff])"
# Every pattern starts with a literal, so `re` skips ahead to it; that the name starts a word is
# checked after it (`def(?<!\wdef)`: a look-behind first would be tried at every byte).
_SINK_METHOD_CALL = re.compile(
    rb"\." + _GAP + rb"(?P<name>" + _SINK_METHODS + rb")" + _NAME_END + _GAP + rb"\("
)
_SINK_FUNCTIONS = (b"text", b"read_sql", b"RawSQL", b"SQL")  # read_sql also starts read_sql_query
_SINK_FUNCTION_CALL = re.compile(
    rb"(?P<name>text|read_sql_query|read_sql|RawSQL|SQL)" + _NAME_END + _GAP + rb"\("
)
_DEFINITION = re.compile(rb"def(?<![\w\x80-\xff]def)(?:\s|\\)+(?P<name>[\w\x80-\xff]+)")
# A private name: one underscore, then anything but a second one (`_drop`, not `__init__`).
_PRIVATE_CALL = re.compile(
    rb"_(?<![\w\x80-\xff]_)(?P<rest>[A-Za-z0-9\x80-\xff][\w\x80-\xff]*)" + _GAP + rb"\("
)


@dataclass
class FileIndex:
    """Sink candidate calls, function definitions and private-function calls, in file order."""

    calls: list[tree_sitter.Node] = field(default_factory=list)
    definitions: list[tree_sitter.Node] = field(default_factory=list)
    private_calls: list[tree_sitter.Node] = field(default_factory=list)


def index_file(doc: Document) -> FileIndex:
    """Find the analysis's starting nodes in `doc`."""
    index = FileIndex()
    source = doc.source
    for match in _SINK_METHOD_CALL.finditer(source):
        call = _method_call(doc, match.span("name"))
        if call is not None:
            index.calls.append(call)
    for start in _word_starts(source, _SINK_FUNCTIONS):
        function_match = _SINK_FUNCTION_CALL.match(source, start)
        call = _function_call(doc, function_match.span("name")) if function_match is not None else None
        if call is not None:
            index.calls.append(call)
    index.calls.sort(key=lambda node: node.start_byte)
    for match in _DEFINITION.finditer(source):
        name = _identifier(doc, match.span("name"))
        parent = name.parent if name is not None else None
        if parent is not None and parent.type == "function_definition" and _is_field(parent, "name", name):
            index.definitions.append(parent)
    for match in _PRIVATE_CALL.finditer(source):
        span = (match.start(), match.end("rest"))
        call = _function_call(doc, span) or _method_call(doc, span)
        if call is not None:
            index.private_calls.append(call)
    return index


def _starts_word(source: bytes, offset: int) -> bool:
    """Whether no identifier character comes right before `offset`."""
    return offset == 0 or not _is_name_byte(source[offset - 1])


def _is_name_byte(byte: int) -> bool:
    """An ASCII letter, digit or underscore, or a byte of a UTF-8 encoded letter."""
    return (
        byte >= 0x80 or byte == 0x5F or 0x30 <= byte <= 0x39 or 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A
    )


def _word_starts(source: bytes, words: tuple[bytes, ...]) -> list[int]:
    """The offsets where one of `words` starts a word (found with bytes.find, which runs in C)."""
    starts = set()
    for word in words:
        offset = source.find(word)
        while offset != -1:
            if _starts_word(source, offset):
                starts.add(offset)
            offset = source.find(word, offset + 1)
    return sorted(starts)


def _identifier(doc: Document, span: tuple[int, int]) -> tree_sitter.Node | None:
    """The identifier node spanning exactly these bytes, if there is one."""
    start, end = span
    node = doc.root.named_descendant_for_byte_range(start, end)
    if node is None or node.type != "identifier" or node.start_byte != start or node.end_byte != end:
        return None
    return node


def _function_call(doc: Document, span: tuple[int, int]) -> tree_sitter.Node | None:
    """The call whose callee is the name at `span` itself (`text(...)`)."""
    name = _identifier(doc, span)
    call = name.parent if name is not None else None
    if call is None or call.type != "call" or not _is_field(call, "function", name):
        return None
    return call


def _method_call(doc: Document, span: tuple[int, int]) -> tree_sitter.Node | None:
    """The call whose callee is an attribute ending in the name at `span` (`cursor.execute(...)`)."""
    name = _identifier(doc, span)
    attribute = name.parent if name is not None else None
    if attribute is None or attribute.type != "attribute" or not _is_field(attribute, "attribute", name):
        return None
    call = attribute.parent
    if call is None or call.type != "call" or not _is_field(call, "function", attribute):
        return None
    return call


def _is_field(parent: tree_sitter.Node, name: str, child: tree_sitter.Node | None) -> bool:
    found = parent.child_by_field_name(name)
    return found is not None and child is not None and found.id == child.id
