"""SQL-injection detection for java (see sql_injection.py for the rule and its docs).

Sinks are JDBC (`Statement.executeQuery/execute/executeUpdate/addBatch`,
`Connection.prepareStatement/prepareCall/nativeSQL`), Spring `JdbcTemplate` and
`NamedParameterJdbcTemplate`, JPA/Hibernate (`createQuery`, `createNativeQuery`,
`createSQLQuery`) and jOOQ plain-SQL calls. Method names that only SQL APIs use are sinks on any
receiver; generic ones (`execute`, `query`, `update`, `createQuery`) need a receiver declared with
a database type or named like one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.sql.java_flow import JavaFlow
from agentguard.rules.sql.receivers import name_words
from agentguard.rules.sql.sink_reports import Sink, SinkScan, sink_report

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.model import Report
    from agentguard.rules.rule import Context

_DISTINCT_SINKS = frozenset(
    {
        "executeQuery",
        "executeUpdate",
        "executeLargeUpdate",
        "addBatch",
        "prepareStatement",
        "prepareCall",
        "nativeSQL",
        "createNativeQuery",
        "createSQLQuery",
        "createNativeMutationQuery",
        "queryForObject",
        "queryForList",
        "queryForMap",
        "queryForRowSet",
        "queryForStream",
        "queryForLong",
        "queryForInt",
        "batchUpdate",
    }
)
_GENERIC_SINKS = frozenset({"execute", "query", "update", "createQuery", "fetch", "resultQuery", "fetchOne"})
_SINK_QUERY = f"""
((method_invocation
   object: (_) @receiver
   name: (identifier) @method
   arguments: (argument_list . (_) @query)) @call
 (#match? @method "^({"|".join(sorted(_DISTINCT_SINKS | _GENERIC_SINKS))})$"))
"""
_DATABASE_TYPE = LazyPattern(
    r"^(Statement|PreparedStatement|CallableStatement|Connection|JdbcTemplate|JdbcOperations|"
    r"NamedParameterJdbcTemplate|NamedParameterJdbcOperations|EntityManager|Session|StatelessSession|"
    r"DSLContext|JdbcClient|Handle|SqlSession)$"
)
_DATABASE_WORDS = frozenset(
    {
        "stmt",
        "statement",
        "st",
        "jdbc",
        "template",
        "em",
        "entitymanager",
        "session",
        "conn",
        "connection",
        "db",
        "dsl",
        "ps",
        "pstmt",
        "database",
        "handle",
        "sql",
        "jdbctemplate",
    }
)
_NOT_DATABASE_WORDS = frozenset(
    {
        "executor",
        "service",
        "pool",
        "thread",
        "task",
        "http",
        "client",
        "rest",
        "web",
        "cache",
        "redis",
        "runner",
    }
)


_CALLS_QUERY = """
(method_invocation name: (identifier) @name arguments: (argument_list) @arguments) @call
"""


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each query built from non-constant values that reaches a sink,
    directly or through a method of the same file that passes its parameter to the sink."""
    doc = ctx.doc
    matches = doc.matches(_SINK_QUERY)
    if not matches:
        return
    flow = JavaFlow(doc)
    scan = SinkScan(flow, _wrapped_parameter)
    for _, match in matches:
        method = doc.node_text(match["method"][0])
        receiver = match["receiver"][0]
        if method in _GENERIC_SINKS and not _is_database(flow, receiver):
            continue
        argument = match["query"][0]
        sink = Sink(f"{_receiver_name(doc, receiver)}.{method}", _hint(flow, method, receiver))
        found = scan.trace(argument, sink)
        if found is not None:
            yield sink_report(doc, argument, found, sink)
    yield from scan.wrapper_reports(_CALLS_QUERY, _calls_own_method)


def _wrapped_parameter(doc: Document, name: tree_sitter.Node) -> tuple[str, int] | None:
    """The method whose `String` parameter `name` is, and the parameter's position."""
    parameter = name.parent
    parameters = parameter.parent if parameter is not None else None
    method = parameters.parent if parameters is not None else None
    if parameter is None or parameters is None or method is None or method.type != "method_declaration":
        return None
    method_name = method.child_by_field_name("name")
    formals = [child for child in parameters.named_children if child.type == "formal_parameter"]
    if method_name is None or parameter not in formals:
        return None
    return doc.node_text(method_name), formals.index(parameter)


def _calls_own_method(doc: Document, match: dict[str, list[tree_sitter.Node]]) -> bool:
    """`run(sql)` or `this.run(sql)`, not `other.run(sql)`."""
    target = match["call"][0].child_by_field_name("object")
    return target is None or target.type == "this"


def _receiver_name(doc: Document, receiver: tree_sitter.Node) -> str:
    if receiver.type == "identifier":
        return doc.node_text(receiver)
    if receiver.type == "field_access":
        field = receiver.child_by_field_name("field")
        return doc.node_text(field) if field is not None else ""
    if receiver.type == "method_invocation":
        name = receiver.child_by_field_name("name")
        return f"{doc.node_text(name)}()" if name is not None else ""
    return doc.node_text(receiver)[:30]


def _is_database(flow: JavaFlow, receiver: tree_sitter.Node) -> bool:
    doc = flow.doc
    name = _receiver_name(doc, receiver).rstrip("()")
    words = name_words(name)
    if words & _NOT_DATABASE_WORDS:
        return False
    declared = flow.types.get(name, "").split("<", 1)[0]
    if _DATABASE_TYPE.match(declared):
        return True
    if receiver.type == "method_invocation":
        # conn.createStatement().execute(sql), session.createQuery(...), getJdbcTemplate().update(...)
        return bool(re.search(r"(?i)statement|session|entitymanager|jdbctemplate|connection|dsl", name))
    return bool(words & _DATABASE_WORDS or name.lower() in _DATABASE_WORDS)


def _hint(flow: JavaFlow, method: str, receiver: tree_sitter.Node) -> str:
    name = _receiver_name(flow.doc, receiver)
    declared = flow.types.get(name.rstrip("()"), "")
    if method in {"createQuery", "createNativeQuery", "createSQLQuery", "createNativeMutationQuery"}:
        return (
            f'use named parameters: `{name}.{method}("SELECT u FROM User u WHERE u.email = :email")'
            '.setParameter("email", email)`'
        )
    if "NamedParameter" in declared or "named" in name.lower():
        return (
            f'use named parameters: `{name}.{method}("SELECT * FROM users WHERE id = :id",'
            ' new MapSqlParameterSource("id", id), mapper)`'
        )
    if (
        method.startswith("queryFor")
        or method == "batchUpdate"
        or "template" in name.lower()
        or "Template" in declared
    ):
        return f'pass values as arguments: `{name}.{method}("SELECT * FROM users WHERE id = ?", mapper, id)`'
    if method in {"fetch", "resultQuery", "fetchOne"}:
        return 'bind values: `dsl.fetch("SELECT * FROM users WHERE id = ?", id)` or use the jOOQ DSL.'
    return (
        'use a PreparedStatement: `PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?");'
        " ps.setString(1, id);`"
    )
