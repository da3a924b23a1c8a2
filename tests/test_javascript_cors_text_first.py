"""The JavaScript CORS detector looks in the text for what it needs (a middleware's module name,
the header's name, `cors` in a binding's name) before it queries the tree. It must find exactly
what its former queries found: those queries are the definition, checked here on tricky text and
on every JavaScript and TypeScript fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agentguard.rules.config import Config
from agentguard.rules.cors.javascript import _Detector, _names_middleware_module, cors_named_objects
from agentguard.rules.document import Document
from agentguard.rules.files import DiskFiles
from agentguard.rules.rule import Context

FIXTURES = Path(__file__).parent / "fixtures"
SUFFIXES = {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"}
CONSTANTS = "(variable_declarator name: (identifier) @name value: (_) @value)"
PAIRS = "(pair key: (property_identifier) @key value: (object) @value)"
MIDDLEWARE_CALLS = """
(call_expression function: (_) @callee arguments: (arguments) @args) @call
(new_expression constructor: (_) @callee arguments: (arguments) @args) @call
"""
TRICKY = """
const cors = require("cors");
const corsOptions = { origin: "*" };
let CORS_OPTS = { origin: true }, notCors = 1;
var corsOptions = { origin: "https://a.example.com" };
const { corsA } = require("x");
const app = { cors: { origin: "*" }, Cors: 1, nested: { corsInner: { origin: true } } };
app.use(cors(corsOptions));
const s = "cors: { origin: '*' }"; // cors: {origin: "*"} in a comment
function corsy() { const corsLocal = { origin: "*", credentials: true }; return corsLocal; }
class C { corsField = { origin: "*" }; }
const cor\u017f = { origin: "*" };
const xCORSy = () => ({ corsPair: { origin: "*" } });
const broken = { cors: {
"""


def _doc(path: str, text: str) -> Document:
    return Document(path, text)


def _old_named_objects(doc: Document) -> list[tuple[str, tuple[int, int]]]:
    constants: dict[str, object] = {}
    for _, match in doc.matches(CONSTANTS):
        constants[doc.node_text(match["name"][0])] = match["value"][0]
    candidates = list(constants.items())
    for _, match in doc.matches(PAIRS):
        candidates.append((doc.node_text(match["key"][0]), match["value"][0]))
    return [
        (name, (value.start_byte, value.end_byte))  # type: ignore[attr-defined]
        for name, value in candidates
        if re.search("cors", name, re.IGNORECASE)
    ]


def _new_named_objects(doc: Document) -> list[tuple[str, tuple[int, int]]]:
    return [(name, (value.start_byte, value.end_byte)) for name, value in cors_named_objects(doc)]


def _fixtures() -> list[Path]:
    return sorted(path for path in FIXTURES.rglob("*") if path.suffix in SUFFIXES)


@pytest.mark.parametrize("language", ["tricky.js", "tricky.ts", "tricky.tsx"])
def test_named_objects_on_tricky_text(language: str) -> None:
    doc = _doc(language, TRICKY)
    assert _new_named_objects(doc) == _old_named_objects(doc)
    assert [name for name, _ in _new_named_objects(doc)][:3] == ["cors", "corsOptions", "CORS_OPTS"]


@pytest.mark.parametrize("path", _fixtures(), ids=lambda path: path.name)
def test_named_objects_on_fixtures(path: Path) -> None:
    doc = _doc(str(path), path.read_text(encoding="utf-8"))
    assert _new_named_objects(doc) == _old_named_objects(doc)


@pytest.mark.parametrize("path", _fixtures(), ids=lambda path: path.name)
def test_middleware_text_check_misses_no_middleware(path: Path) -> None:
    """A file whose text names no middleware module gets no report from the old query path."""
    doc = _doc(str(path), path.read_text(encoding="utf-8"))
    detector = _Detector(Context(doc, Config(root=FIXTURES), DiskFiles()))
    reports = [
        report
        for _, match in doc.matches(MIDDLEWARE_CALLS)
        for report in detector._middleware_call(
            match["call"][0], match["callee"][0], match["args"][0].named_children
        )
    ]
    if reports:
        assert _names_middleware_module(doc.source)
