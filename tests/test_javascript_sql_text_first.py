"""The JavaScript SQL detector finds its sink calls in the text and confirms them on the tree
(faster than a tree-sitter query with a `#match?` predicate over every call). It must find exactly
the calls that query finds, in the same order: the query below is the definition, checked on
tricky text and on every JavaScript and TypeScript fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentguard.rules.document import Document
from agentguard.rules.imports import may_import
from agentguard.rules.sql.javascript import (
    _CREATES_DATABASE,
    _CREATES_DATABASE_STARTS,
    SINKS,
    _database_typed_names,
    _FileFacts,
    _is_query_builder,
    _sink_names,
    _verdict_by_names,
    is_database,
)
from agentguard.rules.sql.javascript_flow import JavaScriptFlow
from agentguard.rules.sql.javascript_sinks import names_given, names_pattern, sink_calls

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


RECEIVERS = """
import { Pool } from "pg";
const pool = new Pool(); let conn; conn = await pool.connect(); const { db, other } = await open({});
const handles = []; handles.push(createConnection()); for (const h of [knex(cfg)]) { h.raw(q); }
[mysql.createPool(cfg)].map((p, i) => p.query(q));
function make(client = new Client()) { return client; }
const regex = /x/; regex.exec(s); const cache = new Map(); cache.get(k); elem.each(fn);
dataSource.createQueryBuilder("u").where(q); const qb = repo.createQueryBuilder("u"); qb.where(q);
const builder = other(); builder.where(q); request.query(q); this.db.query(q);
// require("pg") in a comment; "import x from 'y'" in a string
"""


def _sink_docs() -> list[Document]:
    docs = [Document(name, text) for name in ("tricky.js", "tricky.ts") for text in (TRICKY, RECEIVERS)]
    docs += [Document(str(path), path.read_text(encoding="utf-8")) for path in _fixtures()]
    return docs


@pytest.mark.parametrize("doc", _sink_docs(), ids=lambda doc: doc.path)
def test_receiver_verdicts_by_names_agree_with_the_flow(doc: Document) -> None:
    """Where the names along a receiver decide, they decide as the flow does."""
    typed = _database_typed_names(doc)
    facts = _FileFacts(doc)
    flow = JavaScriptFlow(doc)
    for sink in sink_calls(doc, _sink_names()):
        kind = SINKS[doc.node_text(sink.method)]
        if sink.receiver is None or (not kind.needs_database and kind.library != "typeorm-builder"):
            continue
        verdict = _verdict_by_names(facts, typed, kind, sink.receiver)
        if kind.library == "typeorm-builder":
            expected = _is_query_builder(flow, sink.receiver)
        else:
            expected = is_database(flow, typed, sink.receiver)
        assert verdict in {None, expected}, doc.node_text(sink.call)


@pytest.mark.parametrize("doc", _sink_docs(), ids=lambda doc: doc.path)
def test_names_given_cover_every_creating_definition(doc: Document) -> None:
    flow = JavaScriptFlow(doc)
    given = names_given(doc, _CREATES_DATABASE, _CREATES_DATABASE_STARTS)
    for definitions in flow.index.by_scope.values():
        for definition in definitions:
            if any(_CREATES_DATABASE.search(doc.node_text(value)) for value in definition.values):
                assert definition.name in given


@pytest.mark.parametrize("doc", _sink_docs(), ids=lambda doc: doc.path)
def test_a_file_that_imports_is_seen_to(doc: Document) -> None:
    imports = doc.imports
    if imports.bindings or imports.records:
        assert may_import(doc)


def test_imports_only_in_comments_and_strings_are_not_imports() -> None:
    doc = Document("a.js", '// const x = require("pg")\nconst s = "import y from \'z\'"; required(1);\n')
    assert not may_import(doc)
    assert may_import(Document("b.js", 'const pg = require("pg");\n'))
    assert may_import(Document("c.ts", 'import { Pool } from "pg";\n'))


def test_creating_calls_start_with_a_listed_word() -> None:
    text = (
        "createConnection() createPool( ) getConnection() connect() createClient() open() drizzle()"
        " postgres() knex() getRepository() createQueryRunner() transaction() begin() new Pool()"
        " new pg.Client() new Sequelize() new Database() new DataSource() new PrismaClient() new Kysely()"
    )
    matches = list(_CREATES_DATABASE.finditer(text))
    assert len(matches) == 20
    assert all(match.group().startswith(_CREATES_DATABASE_STARTS) for match in matches)
