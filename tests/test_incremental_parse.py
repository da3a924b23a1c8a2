"""A Document built from an earlier version of the same file re-parses only the edited span
(the language server does this on every keystroke). Its tree and its findings must be exactly
those of a fresh parse, for any edit: insertions, deletions, replacements, at the start, the end,
inside multi-byte characters' lines, and edits that break or repair the syntax."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from agentguard.rules.config import ConfigLoader
from agentguard.rules.engine import check_document, document

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = [
    "sql/python/flow_shapes.py",
    "sql/javascript/mysql2_orders_service.js",
    "cors/go/nethttp_server.go",
    "sql/java/UserDao.java",
    "cors/typescript/main.ts",
    "cors/typescript/remix_routes.tsx",
]
SNIPPETS = ["", "x", "é", "😀", "\n", "(", ")", '"', "f'{q}'", "\n    ", "}", "{", "+ id"]


def _edit(text: str, rng: random.Random) -> str:
    start = rng.randrange(len(text) + 1)
    end = min(len(text), start + rng.choice([0, 0, 1, 3, 20]))
    return text[:start] + rng.choice(SNIPPETS) + text[end:]


@pytest.mark.parametrize("path", [FIXTURES / sample for sample in SAMPLES], ids=lambda path: path.name)
def test_an_edited_tree_equals_a_fresh_parse(path: Path) -> None:
    rng = random.Random(path.name)
    config = ConfigLoader().for_path(path)
    text = path.read_text()
    previous = document(str(path), text)
    previous.tree  # noqa: B018 -- build the tree the next version reuses
    for _ in range(40):
        text = _edit(text, rng)
        edited = document(str(path), text, previous=previous)
        fresh = document(str(path), text)
        assert str(edited.root) == str(fresh.root)
        assert check_document(edited, config).findings == check_document(fresh, config).findings
        previous = edited


def test_only_a_built_tree_is_kept_from_the_previous_version(tmp_path: Path) -> None:
    path = str(tmp_path / "app.py")
    unparsed = document(path, "x = 1\n")
    assert document(path, "x = 2\n", previous=unparsed)._reusable is None
    parsed = document(path, "x = 1\n")
    parsed.tree  # noqa: B018 -- built
    following = document(path, "x = 2\n", previous=parsed)
    assert following._reusable is not None
    assert str(following.root) == str(document(path, "x = 2\n").root)
    assert following._reusable is None
