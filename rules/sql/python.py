"""SQL-injection detection for python (see sql_injection.py for the rule and its docs).

Sink-anchored: find the calls that run SQL (python_sinks), compute what their query argument is
built from (python_flow), and report the queries assembled from non-constant values.
"""

from __future__ import annotations

from collections.abc import Iterator

from agentguard.rules.model import Report
from agentguard.rules.rule import Context
from agentguard.rules.sql.python_flow import FileFlow, Reached
from agentguard.rules.sql.python_index import index_file
from agentguard.rules.sql.python_sinks import PLACEHOLDERS, may_hold_sink
from agentguard.rules.sql.python_values import Kind, Value

# How each driver family takes a value as a parameter, shown in the fix hint.
_PARAMETER_EXAMPLES: dict[str, str] = {
    "?": '{sink}("... WHERE id = ?", ({name},))',
    "%s": '{sink}("... WHERE id = %s", ({name},))',
    "$1": '{sink}("... WHERE id = $1", {name})',
    ":name": 'text("... WHERE id = :id") with {{"id": {name}}} passed to execute()',
}
_DJANGO_EXAMPLE = '{sink}("... WHERE id = %s", [{name}])'


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each query built from non-constant values that reaches a sink."""
    doc = ctx.doc
    if not may_hold_sink(doc.text):
        return
    index = index_file(doc)
    if not index.calls:
        return
    flow = FileFlow(doc, index)
    observations = flow.analyze(flow.scopes(index.calls))
    found = sorted(observations.sinks.values(), key=lambda pair: pair[0].start)
    for sink, value in found:
        if value.kind == Kind.BUILT:
            yield Report(
                range=doc.byte_range(sink.start, sink.end),
                message=_message(sink, value),
                hint=_hint(sink, value),
            )


def _message(sink: Reached, value: Value) -> str:
    source = f"`{value.origin}`" if value.origin else "A non-constant value"
    via = f" in `{sink.via}`" if sink.via else ""
    return f"{source} reaches `{sink.label}`{via} through {value.shape or 'string building'}"


def _hint(sink: Reached, value: Value) -> str:
    name = value.origin if value.origin and value.origin.isidentifier() else "value"
    if value.identifier:
        quoting = " or compose it with `sql.Identifier`" if sink.driver == "psycopg" else ""
        return (
            f"`{value.origin or name}` is used as a table or column name, which query parameters cannot "
            f"carry: pick it from a fixed allowlist (`column = SORTABLE[key]`, or "
            f"`if key not in ALLOWED: raise`){quoting}; pass values as parameters"
        )
    style = PLACEHOLDERS.get(sink.driver, "")
    method = sink.label.rsplit(".", 1)[-1]
    short_sink = sink.label if len(sink.label) <= 30 else method
    if method == "extra":
        example = f'{short_sink}(where=["id = %s"], params=[{name}])'
    elif sink.driver == "django":
        example = _DJANGO_EXAMPLE.format(sink=short_sink, name=name)
    elif style:
        example = _PARAMETER_EXAMPLES[style].format(sink=short_sink, name=name)
    else:
        return (
            "keep the SQL constant and pass values as query parameters (`?` or `%s`, as the driver expects)"
        )
    return (
        f"keep the SQL constant and pass values as parameters with `{style or '%s'}` placeholders: {example}"
    )
