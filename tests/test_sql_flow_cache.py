"""The Python SQL analysis reuses per-function results across checks (the editor re-checks on
every keystroke). A reused result must be exactly what a fresh analysis of the edited text
gives: every edit below is checked twice, once after the unedited file warmed the cache and
once from an empty cache, and the findings must be equal."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pytest

from agentguard.rules.config import ConfigLoader
from agentguard.rules.engine import check_text
from agentguard.rules.sql import python_flow

FIXTURES = Path(__file__).parent / "fixtures" / "sql" / "python"
HELPERS_AND_CONSTANTS = """
import sqlite3

TABLE = "users"
ALLOWED = {"name", "email"}


def _where(column):
    return f"WHERE {column} = ?"


def build(column, value):
    return f"SELECT * FROM {TABLE} " + _where(column) + value


def run(sql):
    conn = sqlite3.connect("app.db")
    return conn.execute(sql)


class Repository:
    ORDER = "name"

    def list(self, db):
        return db.execute("SELECT * FROM users ORDER BY " + self.ORDER)

    def find(self, db, value):
        return run(build("id", value))


def größe(value):
    return "SELECT * FROM sizes WHERE size = " + value


def sizes(db, value):
    return db.execute(größe(value))


def lookup(db, column, value):
    if column not in ALLOWED:
        raise ValueError(column)
    return db.execute("SELECT * FROM users WHERE " + column + " = ?", (value,))
"""


def _findings(path: str, text: str) -> list[tuple[int, int, str, str]]:
    config = ConfigLoader().for_path(Path(path)).with_overrides(select=("AG201",))
    result = check_text(path, text, config)
    return [(f.range.line, f.range.column, f.message, f.hint) for f in result.findings]


def _edits(text: str) -> list[str]:
    """The text with each line deleted in turn (a constant, a guard, a decorator, an import, a
    helper's line, a `def`...)."""
    lines = text.splitlines(keepends=True)
    return ["".join(lines[:index] + lines[index + 1 :]) for index in range(len(lines))]


def _sources() -> list[tuple[str, str]]:
    files = sorted(FIXTURES.glob("*.py"))
    return [("helpers_and_constants.py", HELPERS_AND_CONSTANTS)] + [
        (path.name, path.read_text()) for path in files
    ]


@pytest.mark.parametrize(("name", "text"), _sources(), ids=[name for name, _ in _sources()])
def test_reused_analyses_equal_fresh_ones(
    name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / name)
    warm: OrderedDict[bytes, object] = OrderedDict()
    monkeypatch.setattr(python_flow, "_SCOPE_RESULTS", warm)
    _findings(path, text)
    for variant in _edits(text):
        monkeypatch.setattr(python_flow, "_SCOPE_RESULTS", OrderedDict())
        fresh = _findings(path, variant)
        monkeypatch.setattr(python_flow, "_SCOPE_RESULTS", warm)
        assert _findings(path, variant) == fresh


def test_an_edit_reanalyses_only_the_functions_it_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(python_flow, "_SCOPE_RESULTS", OrderedDict())
    path = str(tmp_path / "service.py")
    _findings(path, HELPERS_AND_CONSTANTS)
    cached = dict(python_flow._SCOPE_RESULTS)
    edited = HELPERS_AND_CONSTANTS.replace("raise ValueError(column)", "raise KeyError(column)")
    _findings(path, edited)
    reused = [key for key in python_flow._SCOPE_RESULTS if key in cached]
    assert len(python_flow._SCOPE_RESULTS) == len(cached) + 1
    assert len(reused) == len(cached)
