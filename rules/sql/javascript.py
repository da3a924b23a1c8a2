"""SQL-injection detection for javascript (see sql_injection.py for the rule and its docs).

Sinks are method calls whose name runs SQL (`query`, `execute`, `raw`, `whereRaw`,
`$queryRawUnsafe`, `prepare`...) on a receiver that plausibly is a database handle (by name, by
how it was created, or by what it was imported from). The query argument is traced with
`JavaScriptFlow` (used for javascript, typescript and tsx); tagged templates are never sinks,
since `sql`/`Prisma.sql`/`$queryRaw` tags bind their values as parameters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.imports import ImportMap
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import literal_string
from agentguard.rules.sql.javascript_flow import JavaScriptFlow
from agentguard.rules.sql.javascript_sinks import (
    names_given,
    names_pattern,
    sink_calls,
)
from agentguard.rules.sql.receivers import ReceiverSyntax, created_by, name_words
from agentguard.rules.sql.sink_reports import Sink, SinkScan, arguments_of, looks_like_sql, sink_report

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.model import Report
    from agentguard.rules.rule import Context


@dataclass(frozen=True)
class SinkKind:
    """How a method runs SQL: whether its receiver must look like a database handle, whether the
    built text must read as SQL (for generic names like `get`), and which library's hint to show."""

    needs_database: bool
    needs_sql_text: bool
    library: str


_DRIVER = SinkKind(needs_database=True, needs_sql_text=False, library="driver")
_KNEX = SinkKind(needs_database=False, needs_sql_text=False, library="knex")
_SQLITE_STEP = SinkKind(needs_database=True, needs_sql_text=True, library="sqlite")
_PRISMA = SinkKind(needs_database=False, needs_sql_text=False, library="prisma")
_TYPEORM_BUILDER = SinkKind(needs_database=False, needs_sql_text=False, library="typeorm-builder")
_PG_PROMISE = SinkKind(needs_database=True, needs_sql_text=True, library="pg")

SINKS: dict[str, SinkKind] = {
    "query": _DRIVER,
    "execute": _DRIVER,
    "prepare": _DRIVER,
    "exec": _DRIVER,
    "raw": SinkKind(needs_database=True, needs_sql_text=False, library="knex"),
    "unsafe": SinkKind(needs_database=True, needs_sql_text=False, library="postgres"),
    "literal": SinkKind(needs_database=True, needs_sql_text=False, library="sequelize"),
    "whereRaw": _KNEX,
    "orWhereRaw": _KNEX,
    "andWhereRaw": _KNEX,
    "havingRaw": _KNEX,
    "orHavingRaw": _KNEX,
    "orderByRaw": _KNEX,
    "groupByRaw": _KNEX,
    "joinRaw": _KNEX,
    "fromRaw": _KNEX,
    "$queryRawUnsafe": _PRISMA,
    "$executeRawUnsafe": _PRISMA,
    "$queryRaw": _PRISMA,
    "$executeRaw": _PRISMA,
    "run": _SQLITE_STEP,
    "all": _SQLITE_STEP,
    "get": _SQLITE_STEP,
    "each": _SQLITE_STEP,
    "any": _PG_PROMISE,
    "one": _PG_PROMISE,
    "none": _PG_PROMISE,
    "many": _PG_PROMISE,
    "oneOrNone": _PG_PROMISE,
    "manyOrNone": _PG_PROMISE,
    "result": _PG_PROMISE,
    "multi": _PG_PROMISE,
    "where": _TYPEORM_BUILDER,
    "andWhere": _TYPEORM_BUILDER,
    "orWhere": _TYPEORM_BUILDER,
    "having": _TYPEORM_BUILDER,
    "andHaving": _TYPEORM_BUILDER,
    "orHaving": _TYPEORM_BUILDER,
    "orderBy": _TYPEORM_BUILDER,
    "addOrderBy": _TYPEORM_BUILDER,
    "groupBy": _TYPEORM_BUILDER,
    "addGroupBy": _TYPEORM_BUILDER,
}
_DATABASE_WORDS = frozenset(
    {
        "db",
        "database",
        "pool",
        "client",
        "conn",
        "connection",
        "knex",
        "sequelize",
        "prisma",
        "tx",
        "trx",
        "transaction",
        "manager",
        "entitymanager",
        "datasource",
        "queryrunner",
        "repository",
        "repo",
        "sqlite",
        "sqlite3",
        "mysql",
        "pg",
        "postgres",
        "sql",
        "pgp",
        "orm",
        "dao",
        "model",
    }
)
_NOT_DATABASE_WORDS = frozenset(
    {
        "http",
        "https",
        "api",
        "graphql",
        "gql",
        "apollo",
        "urql",
        "redis",
        "cache",
        "rest",
        "ws",
        "socket",
        "s3",
        "axios",
        "grpc",
        "elastic",
        "search",
        "mongo",
        "mongoose",
        "kafka",
        "queue",
        "mq",
        "url",
        "fetch",
        "openai",
        "ai",
        "stripe",
        "slack",
        "github",
        "job",
        "jobs",
        "worker",
        "executor",
        "child",
        "process",
        "shell",
        "regex",
        "regexp",
        "re",
        "pattern",
        "matcher",
        "dynamo",
        "firestore",
        "bull",
        "command",
        "cmd",
        "mail",
        "smtp",
        "ldap",
        "router",
        "params",
        "jquery",
        "document",
        "window",
        "influx",
        "mock",
    }
)
_DATABASE_MODULES = LazyPattern(
    r"^(mysql2?(/promise)?|pg|pg-promise|postgres|@vercel/postgres|@neondatabase/serverless|sequelize|"
    r"knex|better-sqlite3|sqlite3?|typeorm|@prisma/client|mssql|oracledb|tedious|@planetscale/database|"
    r"drizzle-orm.*|kysely|@libsql/client|slonik|mariadb)$|(^|[/.])(db|database|pool|knex|sequelize|prisma|sql)\b"
)
_CREATES_DATABASE = LazyPattern(
    r"\b(createConnection|createPool|getConnection|connect|createClient|open|drizzle|postgres|knex|"
    r"getRepository|createQueryRunner|transaction|begin)\s*\(|\bnew\s+(\w+\.)?(Pool|Client|Sequelize|"
    r"Database|DataSource|PrismaClient|Kysely)\b"
)
# Where a match of `_CREATES_DATABASE` can start.
_CREATES_DATABASE_STARTS = (
    "create",
    "getConnection",
    "connect",
    "open",
    "drizzle",
    "postgres",
    "knex",
    "getRepository",
    "transaction",
    "begin",
    "new",
)
# TypeScript annotations that declare a database handle (`private readonly source: DataSource`).
_TYPED_QUERY = """
(required_parameter pattern: (identifier) @name type: (type_annotation) @type)
(optional_parameter pattern: (identifier) @name type: (type_annotation) @type)
(public_field_definition name: (property_identifier) @name type: (type_annotation) @type)
(variable_declarator name: (identifier) @name type: (type_annotation) @type)
"""
_DATABASE_TYPES = LazyPattern(
    r"\b(DataSource|EntityManager|Repository|QueryRunner|Pool|PoolClient|PoolConnection|Client|Knex|"
    r"Sequelize|PrismaClient|Database|Connection|Kysely|Sql|Transaction|Db|DB|NodePgDatabase|MySql2Database)\b"
)
_RECEIVER = ReceiverSyntax(
    names=frozenset({"identifier", "this", "property_identifier"}),
    member="member_expression",
    member_object="object",
    member_name="property",
    wrappers=frozenset(
        {"parenthesized_expression", "await_expression", "non_null_expression", "as_expression"}
    ),
)
_PARAMETER_LIBRARIES = (
    (LazyPattern(r"^(pg|pg-promise|postgres|@vercel/postgres|@neondatabase/serverless|slonik)$"), "pg"),
    (LazyPattern(r"^(mysql2?(/promise)?|mariadb|@planetscale/database)$"), "mysql"),
    (LazyPattern(r"^(better-sqlite3|sqlite3?|@libsql/client)$"), "sqlite"),
    (LazyPattern(r"^sequelize$"), "sequelize"),
    (LazyPattern(r"^knex$"), "knex"),
    (LazyPattern(r"^@prisma/client$"), "prisma"),
    (LazyPattern(r"^typeorm$"), "typeorm"),
    (LazyPattern(r"^mssql$"), "mssql"),
)


_CALLS_QUERY = """
(call_expression
  function: [
    (identifier) @name
    (member_expression object: (this) property: (property_identifier) @name)
  ]
  arguments: (arguments) @arguments)
"""


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each query built from non-constant values that reaches a sink,
    directly or through a function of the same file that passes its parameter to the sink."""
    doc = ctx.doc
    calls = sink_calls(doc, _sink_names())
    if not calls:
        return
    typed = _database_typed_names(doc)
    facts = _FileFacts(doc)
    for found in calls:
        method = doc.node_text(found.method)
        kind = SINKS[method]
        receiver = found.receiver
        if receiver is not None and not _is_sink(facts, typed, kind, receiver):
            continue
        if receiver is None and not _imported_sink(facts.doc.imports, method):
            continue
        flow = facts.flow
        argument = _query_argument(flow, found.arguments)
        if argument is None:
            continue
        name = f"{_receiver_name(doc, receiver)}.{method}".lstrip(".") if receiver is not None else method
        sink = Sink(name, _hint(flow, kind, method, name, receiver or found.method), kind.needs_sql_text)
        traced = facts.scan.trace(argument, sink)
        if traced is not None and (not kind.needs_sql_text or looks_like_sql(traced)):
            yield sink_report(doc, argument, traced, sink)
    if facts.built:
        yield from facts.scan.wrapper_reports(_CALLS_QUERY)


@functools.cache
def _sink_names() -> re.Pattern[bytes]:
    return names_pattern(SINKS)


class _FileFacts:
    """What judging the sink candidates of a file may need, each built on first need: the string
    flow only once a receiver's names do not decide (most files with a `.get(`, `.each(` or
    `.exec(` call never need it)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.built = False

    @functools.cached_property
    def creatable(self) -> frozenset[str]:
        """The variables that may hold what a database-creating call returns."""
        return names_given(self.doc, _CREATES_DATABASE, _CREATES_DATABASE_STARTS)

    @functools.cached_property
    def flow(self) -> JavaScriptFlow:
        self.built = True
        return JavaScriptFlow(self.doc)

    @functools.cached_property
    def scan(self) -> SinkScan:
        return SinkScan(self.flow, _wrapped_parameter)


def _wrapped_parameter(doc: Document, parameter: tree_sitter.Node) -> tuple[str, int] | None:
    """The function `parameter` (a name, maybe inside a destructuring pattern) belongs to, and the
    position of the parameter that holds it."""
    parameters = parameter.parent
    while parameters is not None and parameters.type not in {"formal_parameters", "statement_block"}:
        parameters = parameters.parent
    if parameters is None or parameters.type != "formal_parameters" or parameters.parent is None:
        return None
    name = _function_name(doc, parameters.parent)
    position = next(
        (
            i
            for i, child in enumerate(parameters.named_children)
            if child.start_byte <= parameter.start_byte < child.end_byte
        ),
        None,
    )
    if name is None or position is None:
        return None
    return name, position


def _function_name(doc: Document, function: tree_sitter.Node) -> str | None:
    name = function.child_by_field_name("name")
    if name is None and function.parent is not None and function.parent.type == "variable_declarator":
        name = function.parent.child_by_field_name("name")
    return (
        doc.node_text(name)
        if name is not None and name.type in {"identifier", "property_identifier"}
        else None
    )


def _imported_sink(imports: ImportMap, name: str) -> bool:
    """A bare call of a sink imported by name: `literal` from sequelize, `query` from `./db`."""
    resolved = imports.resolve(name)
    return resolved is not None and _DATABASE_MODULES.search(resolved.rsplit(".", 1)[0]) is not None


def _database_typed_names(doc: Document) -> frozenset[str]:
    if doc.language not in {"typescript", "tsx"}:
        return frozenset()
    return frozenset(
        doc.node_text(match["name"][0])
        for _, match in doc.matches(_TYPED_QUERY)
        if _DATABASE_TYPES.search(doc.node_text(match["type"][0]))
    )


def _is_sink(facts: _FileFacts, typed: frozenset[str], kind: SinkKind, receiver: tree_sitter.Node) -> bool:
    """Whether `receiver.method(...)` runs SQL; the names along the receiver decide first, and the
    flow (what a variable was made by) only when they do not."""
    if not kind.needs_database and kind.library != "typeorm-builder":
        return True
    verdict = _verdict_by_names(facts, typed, kind, receiver)
    if verdict is not None:
        return verdict
    if kind.library == "typeorm-builder":
        return _is_query_builder(facts.flow, receiver)
    return is_database(facts.flow, typed, receiver)


def _verdict_by_names(
    facts: _FileFacts, typed: frozenset[str], kind: SinkKind, receiver: tree_sitter.Node
) -> bool | None:
    """What `_is_query_builder` or `is_database` would say, when the names along the receiver and
    the file's imports tell without the flow; None when it takes the flow (a variable that may
    hold a query builder or what a database-creating call returns)."""
    doc = facts.doc
    for name, node in _RECEIVER.chain(doc, receiver):
        if kind.library == "typeorm-builder":
            if name == "createQueryBuilder" or _QUERY_BUILDER_NAME.search(name):
                return True
            if node.type == "identifier":
                return None if b"createQueryBuilder" in doc.source else False
            continue
        verdict = _name_verdict(name)
        if verdict is not None:
            return verdict
        if name in typed or (name == "request" and facts.doc.imports.imports_module("mssql")):
            return True
        if node.type == "identifier":
            if name in facts.creatable:
                return None
            resolved = facts.doc.imports.resolve(name)
            return resolved is not None and _DATABASE_MODULES.search(resolved) is not None
    return False


def is_database(flow: JavaScriptFlow, typed: frozenset[str], receiver: tree_sitter.Node) -> bool:
    """Whether a receiver plausibly is a database handle: its name, type, creation or import says so."""
    doc = flow.doc
    for name, node in _RECEIVER.chain(doc, receiver):
        verdict = _name_verdict(name)
        if verdict is not None:
            return verdict
        if name in typed or (name == "request" and doc.imports.imports_module("mssql")):
            return True
        if node.type == "identifier" and created_by(flow, node, _CREATES_DATABASE):
            return True
        resolved = doc.imports.resolve(name) if node.type == "identifier" else None
        if resolved is not None:
            return _DATABASE_MODULES.search(resolved) is not None
    return False


def _name_verdict(name: str) -> bool | None:
    """True for a database-like name, False for a known other kind of client, None if unsure."""
    words = name_words(name)
    lowered = name.lower()
    if words & _NOT_DATABASE_WORDS:
        return False
    if (
        words & _DATABASE_WORDS
        or lowered in _DATABASE_WORDS
        or lowered.endswith(("datasource", "queryrunner"))
    ):
        return True
    return None


_QUERY_BUILDER_NAME = LazyPattern(r"(?i)querybuilder$|^qb$")


def _is_query_builder(flow: JavaScriptFlow, receiver: tree_sitter.Node) -> bool:
    """A TypeORM/MikroORM query builder: a chain from `createQueryBuilder`, or a variable holding one."""
    doc = flow.doc
    for name, node in _RECEIVER.chain(doc, receiver):
        if name == "createQueryBuilder" or _QUERY_BUILDER_NAME.search(name):
            return True
        if node.type == "identifier":
            defs = flow.index.reaching(name, node) or []
            return any("createQueryBuilder" in doc.node_text(v) for d in defs for v in d.values)
    return False


def _query_argument(flow: JavaScriptFlow, arguments: tree_sitter.Node) -> tree_sitter.Node | None:
    """The SQL text argument: the first argument, or the `text`/`sql` of a query config object."""
    args = arguments_of(arguments)
    if not args:
        return None
    first = args[0]
    config = first
    if first.type == "identifier":
        defs = flow.index.reaching(flow.doc.node_text(first), first) or []
        if len(defs) == 1 and len(defs[0].values) == 1 and defs[0].values[0].type == "object":
            config = defs[0].values[0]
    if config.type != "object":
        return first
    for pair in config.named_children:
        key = pair.child_by_field_name("key")
        if pair.type == "pair" and key is not None:
            name = literal_string(flow.doc, key) or flow.doc.node_text(key)
            if name in {"text", "sql", "query"}:
                return pair.child_by_field_name("value")
        elif pair.type == "shorthand_property_identifier" and flow.doc.node_text(pair) in {
            "text",
            "sql",
            "query",
        }:
            return pair
    return None


def _receiver_name(doc: Document, receiver: tree_sitter.Node) -> str:
    for name, node in _RECEIVER.chain(doc, receiver):
        return name if node.type != "this" else ""
    return ""


def _creating_modules(flow: JavaScriptFlow, receiver: tree_sitter.Node) -> Iterator[str]:
    """The modules the receiver's creation calls come from (`new Pool()` with `Pool` from pg)."""
    doc = flow.doc
    for name, node in _RECEIVER.chain(doc, receiver):
        resolved = doc.imports.resolve(name) if node.type == "identifier" else None
        if resolved is not None:
            yield resolved.split(".", 1)[0]
        if node.type != "identifier":
            continue
        for definition in flow.index.reaching(name, node) or []:
            for value in definition.values:
                for word in re.findall(r"[A-Za-z_$][\w$]*", doc.node_text(value))[:4]:
                    target = doc.imports.resolve(word)
                    if target is not None:
                        yield target.split(".", 1)[0]


def _library(flow: JavaScriptFlow, kind: SinkKind, method: str, receiver: tree_sitter.Node) -> str:
    doc = flow.doc
    if kind.library not in {"driver", "sqlite"}:
        return kind.library
    if method in {"query", "raw"} and any(
        "sequelize" in name.lower() for name, _ in _RECEIVER.chain(doc, receiver)
    ):
        return "sequelize"
    modules = [*_creating_modules(flow, receiver), *(record.module for record in doc.imports.records)]
    for module in modules:
        for pattern, library in _PARAMETER_LIBRARIES:
            if pattern.match(module):
                return library
    return kind.library


def _hint(flow: JavaScriptFlow, kind: SinkKind, method: str, sink: str, receiver: tree_sitter.Node) -> str:
    library = _library(flow, kind, method, receiver)
    hints = {
        "pg": f"pass values as parameters: `{sink}('SELECT * FROM users WHERE id = $1', [id])`",
        "postgres": "use the tagged template, which binds every `${}`: sql`SELECT * FROM users WHERE id = ${id}`",
        "mysql": f"pass values as parameters: `{sink}('SELECT * FROM users WHERE id = ?', [id])`",
        "sqlite": f"bind values with `?`: `{sink}('SELECT * FROM users WHERE id = ?', id)`",
        "sequelize": (
            "bind values with replacements: `sequelize.query('SELECT * FROM users WHERE id = :id',"
            " { replacements: { id } })`; use `where` objects instead of `literal`"
        ),
        "knex": (
            f"use bindings: `{sink}('id = ?', [id])`; `??` binds an identifier"
            " (`knex.raw('?? = ?', [column, value])`)"
        ),
        "prisma": (
            "use the tagged template, which sends every `${}` as a parameter ($1, $2...):"
            " prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`"
        ),
        "typeorm-builder": "use named parameters: `.where('user.id = :id', { id })`",
        "typeorm": f"pass values as parameters: `{sink}('SELECT * FROM users WHERE id = $1', [id])` (`?` on MySQL)",
        "mssql": "bind values: `request.input('id', id).query('SELECT * FROM users WHERE id = @id')`",
    }
    return hints.get(
        library,
        f"pass values as parameters, not in the SQL text: `{sink}('... WHERE id = ?', [id])`"
        " (`$1` placeholders for PostgreSQL drivers)",
    )
