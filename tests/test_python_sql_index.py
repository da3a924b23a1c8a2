"""The Python SQL analysis finds its starting nodes in the text and confirms them on the tree
(faster than a tree-sitter query with `#match?` predicates). It must find exactly what that
query finds: the query below is the definition, checked on tricky text and on every fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentguard.rules.document import Document
from agentguard.rules.sql.python_index import index_file

DEFINITION = r"""
(call function: (attribute attribute: (identifier) @name)
  (#match? @name "^(execute|executemany|executescript|mogrify|fetch|fetchrow|fetchval|fetch_all|fetch_one|fetch_val|execute_fetchall|execute_insert|exec_driver_sql|read_sql|read_sql_query|read_database|raw|extra|execute_sql|copy_expert|execute_query|execute_query_dict|text|SQL|RawSQL|sql)$")) @call
(call function: (identifier) @name
  (#match? @name "^(text|read_sql|read_sql_query|RawSQL|SQL)$")) @call
(function_definition name: (identifier)) @definition
(call function: [(identifier) @private (attribute attribute: (identifier) @private)]
  (#match? @private "^_[^_]")) @private_call
"""
TRICKY = """
import sqlalchemy as sa
cursor.execute("SELECT 1")
cursor . execute ( "SELECT 2" )
cursor.execute  # a comment ### between
("SELECT 3")
cursor.\\
    execute("SELECT 4")
(cursor.execute)("not a direct callee")
log("cursor.execute(query)")  # cursor.execute(in a comment)
cursor.executes("no such method")
cursor.execute_sql("x"); conn.exec_driver_sql("y"); pd.read_sql_query("z", conn)
text("SELECT 5"); context("no"); sa.text("SELECT 6"); mytext("no"); text_("no")
SQL("x"); RawSQL("y"); read_sql("z"); read_sql_query("w"); read_database("not a function sink")
fields_def = []
def _detect_changes(self): pass
async def fetch_rows(): pass
def größe(): pass
def(broken
_drop("t"); self._drop("u"); __init__(); self.__private(); _(); _1x(); obj._ñame()
x_y(); a_b._c()
"""


def _spans(nodes: list[object]) -> list[tuple[int, int, str]]:
    return sorted({(n.start_byte, n.end_byte, n.type) for n in nodes})  # type: ignore[attr-defined]


def _assert_equivalent(doc: Document) -> None:
    expected = doc.captures(DEFINITION)
    index = index_file(doc)
    assert _spans(index.calls) == _spans(expected.get("call", []))
    assert _spans(index.definitions) == _spans(expected.get("definition", []))
    assert _spans(index.private_calls) == _spans(expected.get("private_call", []))


def test_tricky_text() -> None:
    doc = Document("tricky.py", TRICKY)
    _assert_equivalent(doc)
    found = [doc.node_text(call) for call in index_file(doc).calls]
    assert 'cursor . execute ( "SELECT 2" )' in found
    assert 'cursor.\\\n    execute("SELECT 4")' in found
    assert not any("direct callee" in text or "mytext" in text or "context" in text for text in found)


@pytest.mark.parametrize(
    "path",
    sorted((Path(__file__).parent / "fixtures").rglob("*.py")),
    ids=lambda path: str(path.relative_to(Path(__file__).parent / "fixtures")),
)
def test_fixtures(path: Path) -> None:
    _assert_equivalent(Document(str(path), path.read_text(encoding="utf-8", errors="replace"), "python"))
