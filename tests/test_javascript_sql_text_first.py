"""The JavaScript SQL detector finds its sink calls in the text and confirms them on the tree
(faster than a tree-sitter query with a `#match?` predicate over every call). It must find exactly
the calls that query finds, in the same order: the query below is the definition, checked on
tricky text and on every JavaScript and TypeScript fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentguard.rules.document import Document
from agentguard.rules.sql.javascript import SINKS, _sink_names
from agentguard.rules.sql.javascript_sinks import names_pattern, sink_calls

FIXTURES = Path(__file__).parent / "fixtures"
SUFFIXES = {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"}
DEFINITION = f"""
((call_expression
   function: [
     (member_expression object: (_) @receiver property: (property_identifier) @method)
     (await_expression (member_expression object: (_) @receiver property: (property_identifier) @method))
     (identifier) @method
   ]
   arguments: (arguments) @arguments) @call
 (#match? @method "^({"|".join(name.replace("$", "[$]") for name in SINKS)})$"))
"""
TRICKY = """
import { query, literal } from "./db";
db.query("SELECT 1"); db . query ( "SELECT 2" ); db.query /* c */ ("SELECT 3");
db?.query("a"); db.query?.("b"); db["query"]("c"); (db.query)("d"); new db.query("e");
db.query`SELECT ${x}`; db.queryAll("f"); db.querys("g"); db._query("h"); $query("i");
prisma.$queryRawUnsafe(q); prisma.$queryRaw(q); prisma.$executeRaw`x`; prisma.$queryRawUnsafeX(q);
prisma. $executeRawUnsafe(q); x$queryRaw(q); a.$query(q);
const rows = await db.query<Row[]>(sql); await pool.query(sql);
query(sql); literal(x); each(x); exec(y); get(z);
knex("t").whereRaw(a).orWhereRaw(b).orderByRaw(c).groupByRaw(d).havingRaw(e);
repo.createQueryBuilder("u").where(a).andWhere(b).orWhere(c).orderBy(d).addOrderBy(e).groupBy(f);
db.query(db.query(db.query(x)));
db.query(x).query(y)(z).query(w);
const s = "db.query(x)"; // db.query(y)
const t = `${db.query(inner)}`;
élan.query(x); queryé(y); été.get(z);
db.get(sql, (err, row) => db.all(sql2, () => db.run(sql3)));
db.one(q); db.none(q); db.oneOrNone(q); db.manyOrNone(q); db.any(q); db.many(q); db.result(q); db.multi(q);
db.query(
"""


def _definition(doc: Document) -> list[tuple[int, ...]]:
    return [
        (
            match["call"][0].start_byte,
            match["call"][0].end_byte,
            match["receiver"][0].start_byte if "receiver" in match else -1,
            match["method"][0].start_byte,
            match["arguments"][0].start_byte,
        )
        for _, match in doc.matches(DEFINITION)
    ]


def _found(doc: Document) -> list[tuple[int, ...]]:
    return [
        (
            sink.call.start_byte,
            sink.call.end_byte,
            sink.receiver.start_byte if sink.receiver is not None else -1,
            sink.method.start_byte,
            sink.arguments.start_byte,
        )
        for sink in sink_calls(doc, _sink_names())
    ]


def _fixtures() -> list[Path]:
    return sorted(path for path in FIXTURES.rglob("*") if path.suffix in SUFFIXES)


@pytest.mark.parametrize("path", ["tricky.js", "tricky.ts", "tricky.tsx"])
def test_tricky_text(path: str) -> None:
    doc = Document(path, TRICKY)
    assert _found(doc) == _definition(doc)
    assert len(_found(doc)) > 40


@pytest.mark.parametrize("path", _fixtures(), ids=lambda path: path.name)
def test_fixtures(path: Path) -> None:
    doc = Document(str(path), path.read_text(encoding="utf-8"))
    assert _found(doc) == _definition(doc)


def test_names_pattern_finds_whole_names_only() -> None:
    pattern = names_pattern(["get", "getAll", "$queryRaw", "$queryRawUnsafe"])
    text = b"get getAll getter $queryRaw $queryRawUnsafe x.$queryRawUnsafeX _get"
    assert [m.group().decode() for m in pattern.finditer(text)] == [
        "get",
        "getAll",
        "$queryRaw",
        "$queryRawUnsafe",
    ]
