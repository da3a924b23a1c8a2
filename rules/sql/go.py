"""SQL-injection detection for go (see sql_injection.py for the rule and its docs).

Sinks are `database/sql`, sqlx, pgx and gorm methods that take SQL text, called on a receiver
that plausibly is a database handle: named like one (`db`, `tx`, `conn`, `pool`), declared with a
database type (`*sql.DB`, `*sqlx.Tx`, `*gorm.DB`, `*pgxpool.Pool`), or created by `sql.Open`,
`sqlx.Connect`, `gorm.Open`, `Begin`... Prepared statements (`stmt.Exec(args...)`) take no SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from agentguard.rules.model import Report
from agentguard.rules.sql.go_flow import GoFlow
from agentguard.rules.sql.string_flow import identifier_hint, looks_like_sql, message, trace

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.rule import Context

# Method name -> index of the SQL argument (before any leading context argument).
_SQL_ARGUMENT: dict[str, int] = {
    "Query": 0,
    "QueryRow": 0,
    "Exec": 0,
    "Prepare": 0,
    "QueryContext": 1,
    "QueryRowContext": 1,
    "ExecContext": 1,
    "PrepareContext": 1,
    "Queryx": 0,
    "QueryRowx": 0,
    "MustExec": 0,
    "Preparex": 0,
    "NamedExec": 0,
    "NamedQuery": 0,
    "PrepareNamed": 0,
    "Select": 1,
    "Get": 1,
    "QueryxContext": 1,
    "QueryRowxContext": 1,
    "MustExecContext": 1,
    "PreparexContext": 1,
    "NamedExecContext": 1,
    "NamedQueryContext": 1,
    "PrepareNamedContext": 1,
    "SelectContext": 2,
    "GetContext": 2,
    "Raw": 0,
    "Where": 0,
    "Or": 0,
    "Not": 0,
    "Order": 0,
    "Having": 0,
    "Group": 0,
    "Joins": 0,
}
# gorm clause methods: SQL fragments, on a gorm chain.
_GORM_CLAUSES = frozenset({"Where", "Or", "Not", "Order", "Having", "Group", "Joins", "Raw"})
_SINK_QUERY = f"""
((call_expression
   function: (selector_expression operand: (_) @receiver field: (field_identifier) @method)
   arguments: (argument_list) @arguments) @call
 (#match? @method "^({"|".join(_SQL_ARGUMENT)})$"))
"""
_FIELD_TYPES_QUERY = "(field_declaration name: (field_identifier) @name type: (_) @type)"
_DATABASE_TYPE = re.compile(
    r"^\*?(sql|sqlx|gorm|pgx|pgxpool|bun|pg)\.(DB|Tx|Conn|Pool|IDB|Queryer|Execer|Ext)$"
)
_DATABASE_WORDS = frozenset(
    {"db", "database", "tx", "conn", "pool", "dbx", "sqldb", "gormdb", "pgx", "orm", "txn", "dbpool"}
)
_NOT_DATABASE_WORDS = frozenset(
    {
        "stmt",
        "statement",
        "prepared",
        "rows",
        "row",
        "http",
        "client",
        "req",
        "request",
        "cache",
        "redis",
        "cmd",
    }
)
_CREATES_DATABASE = re.compile(
    r"\b(sql\.Open(DB)?|sqlx\.(Connect|Open|MustConnect|MustOpen|NewDb)|gorm\.Open|pgx\.Connect|"
    r"pgxpool\.(New|Connect|NewWithConfig)|Begin(x|Tx|TxFn)?|MustBegin|WithContext|Session|Debug|Model|Table)\s*\("
)
_CONTEXT_ARGUMENT = re.compile(r"(?i)(^ctx$|ctx$|^c$|context\.(Background|TODO)\(\)|\.Context\(\)$)")
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_PLACEHOLDERS = (
    (re.compile(r"^(github\.com/lib/pq|github\.com/jackc/pgx.*)$"), "$1"),
    (
        re.compile(r"^(github\.com/go-sql-driver/mysql|github\.com/mattn/go-sqlite3|modernc\.org/sqlite)$"),
        "?",
    ),
)


_CALLS_QUERY = """
(call_expression
  function: [(identifier) @name (selector_expression operand: (_) @operand field: (field_identifier) @name)]
  arguments: (argument_list) @arguments)
"""


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each query built from non-constant values that reaches a sink,
    directly or through a function of the same file that passes its parameter to the sink."""
    doc = ctx.doc
    matches = doc.matches(_SINK_QUERY)
    if not matches:
        return
    flow = GoFlow(doc)
    field_types = {
        doc.node_text(match["name"][0]): doc.node_text(match["type"][0])
        for _, match in doc.matches(_FIELD_TYPES_QUERY)
    }
    wrappers: dict[str, tuple[int, str, str]] = {}
    for _, match in matches:
        method = doc.node_text(match["method"][0])
        receiver = match["receiver"][0]
        if not _is_database(flow, field_types, receiver):
            continue
        argument = _sql_argument(doc, method, match["arguments"][0])
        if argument is None:
            continue
        sink = f"{_receiver_name(doc, receiver)}.{method}"
        hint = _hint(doc, method, sink)
        found = trace(flow.classify, argument)
        if found is None:
            _note_wrapper(flow, argument, sink, hint, wrappers)
            continue
        if method in {"Select", "Get"} and not looks_like_sql(found):
            continue
        yield Report(
            range=doc.range_of(argument),
            message=message(doc, found, sink),
            hint=hint + identifier_hint(doc, found),
        )
    if wrappers:
        yield from _wrapper_calls(flow, wrappers)


def _note_wrapper(
    flow: GoFlow, argument: tree_sitter.Node, sink: str, hint: str, wrappers: dict[str, tuple[int, str, str]]
) -> None:
    """Remember a function whose SQL text is one of its own string parameters."""
    if argument.type != "identifier":
        return
    defs = flow.index.reaching(flow.doc.node_text(argument), argument)
    if not defs or len(defs) != 1 or defs[0].values:
        return
    declaration = defs[0].anchor.parent
    parameters = declaration.parent if declaration is not None else None
    function = parameters.parent if parameters is not None else None
    if declaration is None or parameters is None or function is None:
        return
    if function.type not in {"function_declaration", "method_declaration"}:
        return
    if function.child_by_field_name("parameters") != parameters:
        return  # a method receiver, not a parameter
    names = [name for decl in parameters.named_children for name in decl.children_by_field_name("name")]
    function_name = function.child_by_field_name("name")
    if function_name is not None and defs[0].anchor in names:
        wrappers[flow.doc.node_text(function_name)] = (names.index(defs[0].anchor), sink, hint)


def _wrapper_calls(flow: GoFlow, wrappers: dict[str, tuple[int, str, str]]) -> Iterator[Report]:
    doc = flow.doc
    for _, match in doc.matches(_CALLS_QUERY):
        name = doc.node_text(match["name"][0])
        operand = match.get("operand")
        if name not in wrappers or (operand and doc.imports.resolve(doc.node_text(operand[0])) is not None):
            continue
        position, sink, hint = wrappers[name]
        args = [arg for arg in match["arguments"][0].named_children if arg.type != "comment"]
        if position >= len(args):
            continue
        found = trace(flow.classify, args[position])
        if found is None:
            continue
        text = message(doc, found, sink).replace(" through ", f" via `{name}` through ", 1)
        yield Report(
            range=doc.range_of(args[position]), message=text, hint=hint + identifier_hint(doc, found)
        )


def _sql_argument(doc: Document, method: str, arguments: tree_sitter.Node) -> tree_sitter.Node | None:
    args = [arg for arg in arguments.named_children if arg.type != "comment"]
    index = _SQL_ARGUMENT[method]
    # pgx takes the context first without a `Context` suffix: conn.Query(ctx, sql, args...).
    if index == 0 and len(args) > 1 and _CONTEXT_ARGUMENT.search(doc.node_text(args[0])):
        index = 1
    return args[index] if index < len(args) else None


def _receiver_chain(doc: Document, receiver: tree_sitter.Node) -> Iterator[tuple[str, tree_sitter.Node]]:
    """The names along a receiver, nearest first: `r.db` gives `db`, `db.WithContext(ctx)` gives
    `WithContext` then `db`."""
    current: tree_sitter.Node | None = receiver
    while current is not None:
        if current.type == "identifier":
            yield doc.node_text(current), current
            return
        if current.type == "selector_expression":
            field = current.child_by_field_name("field")
            if field is not None:
                yield doc.node_text(field), field
            current = current.child_by_field_name("operand")
        elif current.type == "call_expression":
            current = current.child_by_field_name("function")
        elif current.type == "parenthesized_expression":
            current = current.named_children[0] if current.named_children else None
        else:
            return


def _is_database(flow: GoFlow, field_types: dict[str, str], receiver: tree_sitter.Node) -> bool:
    doc = flow.doc
    for name, node in _receiver_chain(doc, receiver):
        words = {word.lower() for word in _NAME_WORDS.findall(name)}
        if words & _NOT_DATABASE_WORDS:
            return False
        declared = flow.types.get(name, "") if node.type == "identifier" else field_types.get(name, "")
        if (
            _DATABASE_TYPE.match(declared.replace(" ", ""))
            or words & _DATABASE_WORDS
            or name.lower() in _DATABASE_WORDS
        ):
            return True
        if node.type == "identifier" and _created_as_database(flow, node):
            return True
    return False


def _created_as_database(flow: GoFlow, identifier: tree_sitter.Node) -> bool:
    defs = flow.index.reaching(flow.doc.node_text(identifier), identifier) or []
    return any(_CREATES_DATABASE.search(flow.doc.node_text(v)) for d in defs for v in d.values)


def _receiver_name(doc: Document, receiver: tree_sitter.Node) -> str:
    names = [name for name, _ in _receiver_chain(doc, receiver)]
    for name in names:
        if {word.lower() for word in _NAME_WORDS.findall(name)} & _DATABASE_WORDS:
            return name
    return names[0] if names else ""


def _hint(doc: Document, method: str, sink: str) -> str:
    if method in _GORM_CLAUSES and any("gorm.io" in record.module for record in doc.imports.records):
        return f'Pass values as arguments with `?` placeholders: `{sink}("name = ?", name)`.'
    for record in doc.imports.records:
        for pattern, placeholder in _PLACEHOLDERS:
            if pattern.match(record.module):
                return (
                    f'Pass values as arguments: `{sink}("SELECT * FROM users WHERE id = {placeholder}", id)`.'
                )
    return (
        f'Pass values as arguments: `{sink}("SELECT * FROM users WHERE id = ?", id)`'
        " (`$1` placeholders for PostgreSQL drivers)."
    )
