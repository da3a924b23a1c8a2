"""Which Python calls run SQL, which argument is the query, and which placeholders the driver takes.

A method call is a sink only when its receiver plausibly is a database object: a value the flow
analysis saw created by a driver (`sqlite3.connect()`, `conn.cursor()`, `create_engine()`,
`await pool.acquire()`), a parameter annotated with a driver type, or a conventional name
(`cursor`, `conn`, `db`, `session`). `executor.execute(task)`, `pipeline.execute()` and
`client.execute(gql(...))` are not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.imports import dotted_name

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.sql.python_values import Value

# The same method names as text, so files without any are never queried at all.
_METHOD_CALL_TEXT = re.compile(
    r"\.\s*(?:execute\w*|mogrify|fetch\w*|exec_driver_sql|read_sql\w*|read_database|raw|extra|"
    r"copy_expert|text|SQL|RawSQL|sql)\s*\("
)
_FUNCTION_CALL_TEXT = ("text(", "SQL(", "read_sql", "read_database")


def may_hold_sink(text: str) -> bool:
    """A cheap text test: could this file call a SQL sink at all? (substring tests run in C)."""
    return any(marker in text for marker in _FUNCTION_CALL_TEXT) or _METHOD_CALL_TEXT.search(text) is not None


# DB-API and async driver methods that take a query as their first argument.
_CURSOR_METHODS = frozenset(
    {
        "execute",
        "executemany",
        "executescript",
        "mogrify",
        "fetch",
        "fetchrow",
        "fetchval",
        "fetch_all",
        "fetch_one",
        "fetch_val",
        "execute_fetchall",
        "execute_insert",
        "copy_expert",
        "execute_query",
        "execute_query_dict",
        "exec_driver_sql",
        "execute_sql",
    }
)
_QUERY_KEYWORDS = ("sql", "query", "statement", "operation", "stmt", "raw_query", "sql_query")

# Names people give database handles: `cursor`, `self.conn`, `g.db`, `db.session`, `read_db`.
_DATABASE_NAME = re.compile(
    r"(?i)^_*(?:\w+_)?(?:cur|cursor|curs|conn|connection|con|cnx|cnxn|db|database|session|sess|"
    r"engine|tx|txn|transaction|pool|dbconn|sqlite|pg|postgres|mysql)\d*$"
)
# Receivers that have an `execute` but run no SQL.
_NOT_DATABASE_NAME = re.compile(
    r"(?i)(?:executor|pipeline|pipe|client|redis|job|task|runner|shell|command|graphql|gql|"
    r"subprocess|loop|bot|workflow|action|operation|step|plan|handler|http)"
)
# Calls that create a database handle, by qualified name (prefix match on the dotted name).
DRIVER_FACTORIES: dict[str, str] = {
    "sqlite3.connect": "sqlite3",
    "sqlite3.Connection": "sqlite3",
    "aiosqlite.connect": "sqlite3",
    "psycopg2.connect": "psycopg",
    "psycopg2.pool": "psycopg",
    "psycopg.connect": "psycopg",
    "psycopg.Connection": "psycopg",
    "psycopg.AsyncConnection": "psycopg",
    "psycopg_pool": "psycopg",
    "pymysql.connect": "mysql",
    "pymysql.Connect": "mysql",
    "MySQLdb.connect": "mysql",
    "MySQLdb.Connect": "mysql",
    "mysql.connector.connect": "mysql",
    "aiomysql.connect": "mysql",
    "aiomysql.create_pool": "mysql",
    "asyncpg.connect": "asyncpg",
    "asyncpg.create_pool": "asyncpg",
    "sqlalchemy.create_engine": "sqlalchemy",
    "sqlalchemy.ext.asyncio.create_async_engine": "sqlalchemy",
    "sqlalchemy.orm.Session": "sqlalchemy",
    "sqlalchemy.orm.sessionmaker": "sqlalchemy",
    "sqlalchemy.orm.scoped_session": "sqlalchemy",
    "sqlalchemy.ext.asyncio.AsyncSession": "sqlalchemy",
    "sqlalchemy.ext.asyncio.async_sessionmaker": "sqlalchemy",
    "sqlmodel.Session": "sqlalchemy",
    "sqlmodel.create_engine": "sqlalchemy",
    "flask_sqlalchemy.SQLAlchemy": "sqlalchemy",
    "django.db.connection": "django",
    "django.db.connections": "django",
    "peewee": "peewee",
    "playhouse": "peewee",
    "duckdb.connect": "duckdb",
    "databases.Database": "databases",
}
# Methods of a handle that give another handle (`conn.cursor()`, `engine.connect()`).
HANDLE_METHODS = frozenset(
    {
        "cursor",
        "connect",
        "acquire",
        "begin",
        "session",
        "get_connection",
        "raw_connection",
        "connection",
        "execution_options",
        "transaction",
        "begin_nested",
    }
)
# Helpers whose name says they hand out a handle (`get_db()`, `get_connection()`).
HANDLE_HELPER_NAME = re.compile(
    r"(?i)^(?:get|open|new|make|create|connect|acquire)_?(?:\w+_)?(?:db|database|conn|connection|cursor|"
    r"session|engine)$|^(?:db|connect|session_?local|sessionmaker)$"
)
# Parameter annotations that make a parameter a handle.
HANDLE_ANNOTATION = re.compile(
    r"\b(?:Cursor|Connection|AsyncConnection|Session|AsyncSession|Engine|AsyncEngine|Pool|"
    r"AsyncCursor|CursorWrapper|Database)\b"
)

# Placeholder style per driver family.
PLACEHOLDERS: dict[str, str] = {
    "sqlite3": "?",
    "psycopg": "%s",
    "mysql": "%s",
    "django": "%s",
    "asyncpg": "$1",
    "sqlalchemy": ":name",
    "databases": ":name",
    "peewee": "?",
    "duckdb": "?",
}
_IMPORT_DRIVERS = (
    ("asyncpg", "asyncpg"),
    ("aiosqlite", "sqlite3"),
    ("sqlite3", "sqlite3"),
    ("psycopg2", "psycopg"),
    ("psycopg", "psycopg"),
    ("pymysql", "mysql"),
    ("MySQLdb", "mysql"),
    ("mysql.connector", "mysql"),
    ("aiomysql", "mysql"),
    ("django", "django"),
    ("sqlalchemy", "sqlalchemy"),
    ("sqlmodel", "sqlalchemy"),
    ("flask_sqlalchemy", "sqlalchemy"),
    ("databases", "databases"),
    ("peewee", "peewee"),
    ("duckdb", "duckdb"),
)
_TEXT_FUNCTIONS = frozenset(
    {"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text", "sqlmodel.text"}
)
_PANDAS_READERS = frozenset(
    {
        "pandas.read_sql",
        "pandas.read_sql_query",
        "polars.read_database",
        "dask.dataframe.read_sql_query",
        "duckdb.sql",
        "duckdb.query",
        "duckdb.execute",
    }
)
_RAW_SQL_CLASSES = frozenset({"django.db.models.RawSQL", "django.db.models.expressions.RawSQL"})
_SQL_FRAGMENT_CLASSES = frozenset({"psycopg2.sql.SQL", "psycopg.sql.SQL", "peewee.SQL"})


@dataclass(frozen=True)
class Sink:
    """A call that runs its query argument as SQL.

    `label` is what the message calls it (`cursor.execute`); `query` is the argument holding the
    SQL (for Django's `extra()`, the `where`/`select` collection); `driver` picks the placeholder
    style; `items` says the query argument is a collection of SQL snippets; `via` names the
    same-file helper the query is passed to before it reaches the sink.
    """

    label: str
    query: tree_sitter.Node
    driver: str
    items: bool = False
    via: str = ""


def query_argument(doc: Document, call: tree_sitter.Node) -> tree_sitter.Node | None:
    """The query argument of a call: the first positional argument or a `sql=`/`query=` keyword."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return None
    for argument in arguments.named_children:
        if argument.type == "keyword_argument":
            name = argument.child_by_field_name("name")
            if name is not None and doc.node_text(name) in _QUERY_KEYWORDS:
                return argument.child_by_field_name("value")
        elif argument.type not in {"list_splat", "dictionary_splat", "comment"}:
            return argument
    return None


def classify(doc: Document, call: tree_sitter.Node, receiver: Value | None) -> Sink | None:
    """The sink a call is, given what the flow analysis knows of its receiver; None if not one."""
    function = call.child_by_field_name("function")
    if function is None:
        return None
    qualified = doc.imports.resolve_node(doc, function) or ""
    if function.type == "identifier":
        return _function_sink(doc, call, qualified, doc.node_text(function))
    method_node = function.child_by_field_name("attribute")
    target = function.child_by_field_name("object")
    if method_node is None or target is None:
        return None
    return _method_sink(doc, call, doc.node_text(method_node), target, qualified=qualified, receiver=receiver)


def _function_sink(doc: Document, call: tree_sitter.Node, qualified: str, name: str) -> Sink | None:
    query = query_argument(doc, call)
    if query is None:
        return None
    if qualified in _TEXT_FUNCTIONS:
        return Sink("text", query, "sqlalchemy")
    if qualified in _PANDAS_READERS:
        return Sink(name, query, file_driver(doc))
    if qualified in _RAW_SQL_CLASSES:
        return Sink("RawSQL", query, "django")
    if qualified in _SQL_FRAGMENT_CLASSES:
        return Sink("SQL", query, "peewee" if qualified.startswith("peewee") else "psycopg")
    return None


def _method_sink(
    doc: Document,
    call: tree_sitter.Node,
    method: str,
    target: tree_sitter.Node,
    *,
    qualified: str,
    receiver: Value | None,
) -> Sink | None:
    label = _label(doc, target, method)
    if method == "extra":
        return _extra_sink(doc, call, label)
    query = query_argument(doc, call)
    if query is None:
        return None
    if qualified in _TEXT_FUNCTIONS or (method == "text" and is_database(doc, target, receiver)):
        return Sink(label, query, "sqlalchemy")
    if qualified in _PANDAS_READERS or (method in {"read_sql", "read_sql_query"} and not qualified):
        return Sink(label, query, file_driver(doc))
    if qualified in _RAW_SQL_CLASSES:
        return Sink(label, query, "django")
    if qualified in _SQL_FRAGMENT_CLASSES:
        return Sink(label, query, "peewee" if qualified.startswith("peewee") else "psycopg")
    if method == "raw":
        return _raw_sink(doc, target, label, query)
    if method == "sql" and receiver is not None and receiver.driver == "duckdb":
        return Sink(label, query, "duckdb")
    if method in _CURSOR_METHODS and is_database(doc, target, receiver):
        driver = receiver.driver if receiver is not None and receiver.driver not in {"", "db"} else ""
        if method == "exec_driver_sql" and not driver:
            driver = "sqlalchemy"
        return Sink(label, query, driver or file_driver(doc))
    return None


def _raw_sink(doc: Document, target: tree_sitter.Node, label: str, query: tree_sitter.Node) -> Sink | None:
    dotted = dotted_name(doc, target) or ""
    parts = dotted.split(".")
    # Django `Model.objects.raw()` / `Model._default_manager.raw()`, peewee `Model.raw()`.
    if "objects" in parts or "_default_manager" in parts or (parts[-1][:1].isupper() and parts[-1] != ""):
        return Sink(label, query, "peewee" if doc.imports.imports_module("peewee") else "django")
    if target.type == "call" and "objects" in doc.node_text(target):
        return Sink(label, query, "django")
    return None


def _extra_sink(doc: Document, call: tree_sitter.Node, label: str) -> Sink | None:
    """Django's `QuerySet.extra(where=[...], select={...})`: the keywords make it unmistakable."""
    arguments = call.child_by_field_name("arguments")
    for argument in arguments.named_children if arguments is not None else ():
        name = argument.child_by_field_name("name") if argument.type == "keyword_argument" else None
        if name is not None and doc.node_text(name) in {"where", "select", "tables", "order_by"}:
            value = argument.child_by_field_name("value")
            if value is not None:
                return Sink(label, value, "django", items=True)
    return None


def is_database(doc: Document, target: tree_sitter.Node, receiver: Value | None) -> bool:
    """Whether the receiver of a method call plausibly is a database handle."""
    if receiver is not None and receiver.driver:
        return True
    if target.type == "call":
        function = target.child_by_field_name("function")
        name = _last_name(doc, function) if function is not None else ""
        return name in HANDLE_METHODS or bool(HANDLE_HELPER_NAME.match(name))
    name = _last_name(doc, target)
    if not name or _NOT_DATABASE_NAME.search(name):
        return False
    return bool(_DATABASE_NAME.match(name))


@functools.lru_cache(maxsize=16)
def file_driver(doc: Document) -> str:
    """The driver family the file's imports suggest ("" when none does)."""
    for module, driver in _IMPORT_DRIVERS:
        if doc.imports.imports_module(module):
            return driver
    return ""


def factory_driver(qualified: str) -> str:
    """The driver family of a call that creates a handle, by its qualified name ("" if none)."""
    for prefix, driver in DRIVER_FACTORIES.items():
        if qualified == prefix or qualified.startswith(prefix + "."):
            return driver
    return ""


def _last_name(doc: Document, node: tree_sitter.Node) -> str:
    if node.type == "identifier":
        return doc.node_text(node)
    if node.type == "attribute":
        attribute = node.child_by_field_name("attribute")
        return doc.node_text(attribute) if attribute is not None else ""
    if node.type == "await":
        inner = node.named_children[0] if node.named_children else None
        return _last_name(doc, inner) if inner is not None else ""
    return ""


def _label(doc: Document, target: tree_sitter.Node, method: str) -> str:
    text = dotted_name(doc, target)
    if text is None and target.type == "call":
        function = target.child_by_field_name("function")
        inner = dotted_name(doc, function) if function is not None else None
        if inner is None and function is not None and function.type == "attribute":
            inner = _last_name(doc, function)
        text = f"{inner}()" if inner else None
    if text is None or len(text) > 40:
        return method
    return f"{text}.{method}"
