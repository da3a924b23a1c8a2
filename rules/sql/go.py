"""SQL-injection detection for go (see sql_injection.py for the rule and its docs).

Sinks are `database/sql`, sqlx, pgx and gorm methods that take SQL text, called on a receiver
that plausibly is a database handle: named like one (`db`, `tx`, `conn`, `pool`), declared with a
database type (`*sql.DB`, `*sqlx.Tx`, `*gorm.DB`, `*pgxpool.Pool`), or created by `sql.Open`,
`sqlx.Connect`, `gorm.Open`, `Begin`... Prepared statements (`stmt.Exec(args...)`) take no SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.sql.go_flow import GoFlow
from agentguard.rules.sql.receivers import ReceiverSyntax, created_by, name_words
from agentguard.rules.sql.sink_reports import Sink, SinkScan, arguments_of, looks_like_sql, sink_report

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.model import Report
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
_DATABASE_TYPE = LazyPattern(
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
_CREATES_DATABASE = LazyPattern(
    r"\b(sql\.Open(DB)?|sqlx\.(Connect|Open|MustConnect|MustOpen|NewDb)|gorm\.Open|pgx\.Connect|"
    r"pgxpool\.(New|Connect|NewWithConfig)|Begin(x|Tx|TxFn)?|MustBegin|WithContext|Session|Debug|Model|Table)\s*\("
)
_CONTEXT_ARGUMENT = LazyPattern(r"(?i)(^ctx$|ctx$|^c$|context\.(Background|TODO)\(\)|\.Context\(\)$)")
_RECEIVER = ReceiverSyntax(
    names=frozenset({"identifier"}),
    member="selector_expression",
    member_object="operand",
    member_name="field",
    wrappers=frozenset({"parenthesized_expression"}),
)
_PLACEHOLDERS = (
    (LazyPattern(r"^(github\.com/lib/pq|github\.com/jackc/pgx.*)$"), "$1"),
    (
        LazyPattern(r"^(github\.com/go-sql-driver/mysql|github\.com/mattn/go-sqlite3|modernc\.org/sqlite)$"),
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
    scan = SinkScan(flow, _wrapped_parameter)
    for _, match in matches:
        method = doc.node_text(match["method"][0])
        receiver = match["receiver"][0]
        if not _is_database(flow, field_types, receiver):
            continue
        argument = _sql_argument(doc, method, match["arguments"][0])
        if argument is None:
            continue
        name = f"{_receiver_name(doc, receiver)}.{method}"
        sink = Sink(name, _hint(doc, method, name))
        found = scan.trace(argument, sink)
        # `Select` and `Get` are also cache and key-value methods: only text that reads as SQL.
        if found is not None and (method not in {"Select", "Get"} or looks_like_sql(found)):
            yield sink_report(doc, argument, found, sink)
    yield from scan.wrapper_reports(_CALLS_QUERY, _calls_local_function)


def _wrapped_parameter(doc: Document, parameter: tree_sitter.Node) -> tuple[str, int] | None:
    """The function `parameter` (a name) belongs to, and its position among the parameters."""
    declaration = parameter.parent
    parameters = declaration.parent if declaration is not None else None
    function = parameters.parent if parameters is not None else None
    if declaration is None or parameters is None or function is None:
        return None
    if function.type not in {"function_declaration", "method_declaration"}:
        return None
    if function.child_by_field_name("parameters") != parameters:
        return None  # a method receiver, not a parameter
    names = [name for decl in parameters.named_children for name in decl.children_by_field_name("name")]
    function_name = function.child_by_field_name("name")
    if function_name is None or parameter not in names:
        return None
    return doc.node_text(function_name), names.index(parameter)


def _calls_local_function(doc: Document, match: dict[str, list[tree_sitter.Node]]) -> bool:
    """`run(q)` or `r.run(q)`, not `pkg.Run(q)` of an imported package."""
    operand = match.get("operand")
    return not (operand and doc.imports.resolve(doc.node_text(operand[0])) is not None)


def _sql_argument(doc: Document, method: str, arguments: tree_sitter.Node) -> tree_sitter.Node | None:
    args = arguments_of(arguments)
    index = _SQL_ARGUMENT[method]
    # pgx takes the context first without a `Context` suffix: conn.Query(ctx, sql, args...).
    if index == 0 and len(args) > 1 and _CONTEXT_ARGUMENT.search(doc.node_text(args[0])):
        index = 1
    return args[index] if index < len(args) else None


def _is_database(flow: GoFlow, field_types: dict[str, str], receiver: tree_sitter.Node) -> bool:
    doc = flow.doc
    for name, node in _RECEIVER.chain(doc, receiver):
        words = name_words(name)
        if words & _NOT_DATABASE_WORDS:
            return False
        declared = flow.types.get(name, "") if node.type == "identifier" else field_types.get(name, "")
        if (
            _DATABASE_TYPE.match(declared.replace(" ", ""))
            or words & _DATABASE_WORDS
            or name.lower() in _DATABASE_WORDS
        ):
            return True
        if node.type == "identifier" and created_by(flow, node, _CREATES_DATABASE):
            return True
    return False


def _receiver_name(doc: Document, receiver: tree_sitter.Node) -> str:
    names = [name for name, _ in _RECEIVER.chain(doc, receiver)]
    for name in names:
        if name_words(name) & _DATABASE_WORDS:
            return name
    return names[0] if names else ""


def _hint(doc: Document, method: str, sink: str) -> str:
    if method in _GORM_CLAUSES and any("gorm.io" in record.module for record in doc.imports.records):
        return f'pass values as arguments with `?` placeholders: `{sink}("name = ?", name)`'
    for record in doc.imports.records:
        for pattern, placeholder in _PLACEHOLDERS:
            if pattern.match(record.module):
                return (
                    f'pass values as arguments: `{sink}("SELECT * FROM users WHERE id = {placeholder}", id)`'
                )
    return (
        f'pass values as arguments: `{sink}("SELECT * FROM users WHERE id = ?", id)`'
        " (`$1` placeholders for PostgreSQL drivers)"
    )
