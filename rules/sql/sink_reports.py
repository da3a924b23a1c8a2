"""What the JavaScript/TypeScript, Go and Java detectors report, and how they find the functions of
a file that hand one of their parameters to a sink as the SQL text (a wrapper such as
`function run(sql) { return pool.query(sql) }`), so that a call of the wrapper with built SQL is
reported at the call.

A report names the value that flows in and how ("`userId` reaches `pool.query` through a
template literal"), and its hint shows the driver's placeholders, with allowlist advice when the
value stands where SQL wants an identifier (a table, a column, a sort direction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Report
from agentguard.rules.sql.string_flow import Flow, trace

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.sql.language_flow import LanguageFlow

# SQL text: a statement keyword, or clause words next to each other, in the constant parts.
_SQL_EVIDENCE = LazyPattern(
    r"(?is)\b(select\b.+\bfrom|insert\s+into|update\b.+\bset\b|delete\s+from|where\b|order\s+by|"
    r"group\s+by|create\s+(table|index|view)|drop\s+(table|index|view)|alter\s+table|truncate\b|"
    r"values\s*\(|join\b|limit\s|pragma\b|exec\b|call\b|merge\s+into|replace\s+into|having\b)"
)
_IDENTIFIER_CONTEXT = LazyPattern(
    r"(?is)\b(order\s+by|group\s+by|from|into|update|join|table|select|asc|desc)\s*[\s\"'`(.,%$+{]*$"
)
_IDENTIFIER_NAME = LazyPattern(r"(?i)(sort|order|column|col|field|table|dir(ection)?|schema)s?\b|By$")
# Keywords that, right after the value, show it names a sort direction or a column.
_IDENTIFIER_AFTER = LazyPattern(r"(?is)^[\s\"'`}%sv]*\b(asc|desc)\b")


def looks_like_sql(flow: Flow) -> bool:
    """Whether the constant parts of a built string read as SQL."""
    return any(_SQL_EVIDENCE.search(text) for text in flow.constants if text)


def is_identifier_position(doc: Document, flow: Flow) -> bool:
    """Whether the value stands where SQL wants an identifier (table, column, direction)."""
    before = doc.source[max(flow.builder.start_byte, flow.node.start_byte - 60) : flow.node.start_byte]
    after = doc.source[flow.node.end_byte : min(flow.builder.end_byte, flow.node.end_byte + 20)]
    name = flow.value.rsplit(".", 1)[-1]
    return bool(
        _IDENTIFIER_CONTEXT.search(before.decode("utf-8", "replace"))
        or _IDENTIFIER_AFTER.search(after.decode("utf-8", "replace"))
        or _IDENTIFIER_NAME.search(name)
    )


def display(doc: Document, node: tree_sitter.Node, fallback: str) -> str:
    """A short name for the value that flows in: its source text if it is short and one line."""
    text: str = doc.node_text(node).strip()
    if len(text) <= 40 and "\n" not in text:
        return text
    return fallback if len(fallback) <= 40 else fallback[:37] + "..."


def message(doc: Document, flow: Flow, sink: str) -> str:
    """`userId` reaches `pool.query` through a template literal."""
    return f"`{display(doc, flow.node, flow.value)}` reaches `{sink}` through {flow.shape}"


def identifier_hint(doc: Document, flow: Flow) -> str:
    """Extra advice when the value is an identifier, which placeholders cannot carry."""
    if not is_identifier_position(doc, flow):
        return ""
    return (
        "; table names, column names and sort directions cannot be parameters: map the input"
        " to a fixed allowlist (e.g. `{name: 'name', date: 'created_at'}[sort] ?? 'id'`)"
    )


def arguments_of(arguments: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The arguments of an argument list, comments left out."""
    return [arg for arg in arguments.named_children if arg.type != "comment"]


@dataclass(frozen=True)
class Sink:
    """A call that runs SQL text: its name in messages (`db.Query`) and its fix hint."""

    name: str
    hint: str
    # Generic method names (`get`, `all`): only text that reads as SQL is reported.
    needs_sql_text: bool = False


def sink_report(
    doc: Document, argument: tree_sitter.Node, found: Flow, sink: Sink, via: str | None = None
) -> Report:
    """A report at the query argument; `via` names the wrapper the value went through."""
    text = message(doc, found, sink.name)
    if via is not None:
        text = text.replace(" through ", f" via `{via}` through ", 1)
    return Report(range=doc.range_of(argument), message=text, hint=sink.hint + identifier_hint(doc, found))


# The function around a sink and the position of a parameter of it, from the parameter's name.
WrappedParameter = Callable[["Document", "tree_sitter.Node"], "tuple[str, int] | None"]
# Whether a call found by a wrapper-calls query calls a function of this file.
LocalCall = Callable[["Document", "dict[str, list[tree_sitter.Node]]"], bool]


class SinkScan:
    """The sinks of one file, traced one by one, and then the calls of the wrappers found."""

    def __init__(self, flow: LanguageFlow, wrapped_parameter: WrappedParameter) -> None:
        self.flow = flow
        self.wrapped_parameter = wrapped_parameter
        self.wrappers: dict[str, tuple[int, Sink]] = {}

    def trace(self, argument: tree_sitter.Node, sink: Sink) -> Flow | None:
        """The non-constant value built into a sink's query argument. With none, an argument that
        is a parameter of the function around the call makes that function a wrapper of `sink`."""
        found = trace(self.flow.classify, argument)
        if found is None:
            self._note_wrapper(argument, sink)
        return found

    def _note_wrapper(self, argument: tree_sitter.Node, sink: Sink) -> None:
        if argument.type != "identifier":
            return
        defs = self.flow.index.reaching(self.flow.doc.node_text(argument), argument)
        if not defs or len(defs) != 1 or defs[0].values:
            return
        wrapped = self.wrapped_parameter(self.flow.doc, defs[0].anchor)
        if wrapped is not None:
            name, position = wrapped
            self.wrappers[name] = (position, sink)

    def wrapper_reports(self, calls_query: str, is_local: LocalCall | None = None) -> Iterator[Report]:
        """Reports at the calls of the wrappers (`@name` and `@arguments` of `calls_query`) that
        pass a built string."""
        if not self.wrappers:
            return
        doc = self.flow.doc
        for _, match in doc.matches(calls_query):
            name = doc.node_text(match["name"][0])
            wrapped = self.wrappers.get(name)
            if wrapped is None or (is_local is not None and not is_local(doc, match)):
                continue
            position, sink = wrapped
            args = arguments_of(match["arguments"][0])
            if position >= len(args):
                continue
            found = trace(self.flow.classify, args[position])
            if found is None or (sink.needs_sql_text and not looks_like_sql(found)):
                continue
            yield sink_report(doc, args[position], found, sink, via=name)
