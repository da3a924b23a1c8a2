"""End-to-end: a real `agentguard server` subprocess, driven by pytest-lsp, holds exactly the
CLI's findings as diagnostics, keeps them current while the buffer changes, and clears them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsp_session import SERVER_COMMAND, RecordingClient, cli_findings, initialize_params, make_client
from lsprotocol import types
from pytest_lsp import ClientServerConfig

pytestmark = pytest.mark.asyncio(loop_scope="module")

FIXTURES = Path(__file__).parent / "fixtures"

# Suppression comments without a reason, naming an unknown rule, or suppressing nothing are
# findings today in every language, so they exercise the whole path whatever rules have landed.
SAMPLES = {
    "app.py": (
        "from flask import Flask\n"
        "from flask_cors import CORS\n"
        "app = Flask(__name__)\n"
        "CORS(app)  # agentguard: ignore[permissive-cors]\n"
        "\n"
        "def find(cursor, name):\n"
        "    # agentguard: ignore[no-such-rule] -- legacy\n"
        "    cursor.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n"
    ),
    "server.js": (
        "const express = require('express');\n"
        "const cors = require('cors');\n"
        "const app = express();\n"
        "app.use(cors()); // agentguard: ignore[permissive-cors]\n"
        "app.get('/u', (req, res) => db.query(`SELECT * FROM u WHERE id = ${req.query.id}`));\n"
    ),
    "main.go": (
        "package main\n\n"
        'import "database/sql"\n\n'
        "func find(db *sql.DB, name string) {\n"
        '\tdb.Query("SELECT * FROM users WHERE name = \'" + name + "\'") // agentguard: ignore[AG999]\n'
        "}\n"
    ),
    "Repo.java": (
        "class Repo {\n"
        "  void find(java.sql.Statement st, String name) throws Exception {\n"
        "    // agentguard: ignore[sql-injection]\n"
        '    st.executeQuery("SELECT * FROM users WHERE name = \'" + name + "\'");\n'
        "  }\n"
        "}\n"
    ),
    "Dockerfile": "FROM python:latest  # agentguard: ignore[unpinned-dependency]\nRUN pip install flask\n",
    "requirements.txt": "flask  # agentguard: ignore[unpinned-dependency]\nrequests>=2\n",
    "deploy.yaml": "image: nginx:latest  # agentguard: ignore[bogus]\n",
}


@pytest_lsp.fixture(
    scope="module", config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client)
)
async def client(lsp_client: RecordingClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("project")
    (root / ".git").mkdir()
    lsp_client.root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(initialize_params(root))
    yield
    await lsp_client.shutdown_session()


def _utf16(line: str, column: int) -> int:
    return len(line[: column - 1].encode("utf-16-le")) // 2


def expected_from_cli(path: Path, text: str, cwd: Path) -> list[tuple[Any, ...]]:
    """The CLI's findings as (range in UTF-16, code, message, rule), the diagnostics' shape."""
    lines = text.split("\n")
    return sorted(
        (
            f["line"] - 1,
            _utf16(lines[f["line"] - 1], f["column"]),
            f["end_line"] - 1,
            _utf16(lines[f["end_line"] - 1], f["end_column"]),
            f["name"],
            f["message"],
            f["rule"],
        )
        for f in cli_findings(path, text, cwd)
    )


def shape(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    """Diagnostics in the shape of `expected_from_cli`."""
    return sorted(
        (
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.code,
            d.message,
            d.data["rule"],
        )
        for d in diagnostics
    )


async def open_and_wait(
    client: RecordingClient, path: Path, text: str, version: int = 1
) -> tuple[str, list[types.Diagnostic]]:
    mark = client.mark()
    uri = client.open(path, text, version)
    return uri, await client.wait_diagnostics(uri, version, mark)


@pytest.mark.parametrize("name", sorted(SAMPLES))
async def test_open_reports_exactly_what_the_cli_reports(client: RecordingClient, name: str) -> None:
    path = client.root / name  # type: ignore[attr-defined]
    text = SAMPLES[name]
    path.write_text(text)
    _, diagnostics = await open_and_wait(client, path, text)
    assert diagnostics, "every sample has at least one faulty suppression"
    assert shape(diagnostics) == expected_from_cli(path, text, client.root)  # type: ignore[attr-defined]
    for diagnostic in diagnostics:
        assert diagnostic.source == "agentguard"
        assert diagnostic.code_description is not None
        assert diagnostic.code_description.href.endswith(
            f"#{diagnostic.data['rule'].lower()}-{diagnostic.code}"
        )


def _fixture_samples(limit: int = 12) -> list[Path]:
    """Up to `limit` of the other families' fixture files, one per file type."""
    if not FIXTURES.is_dir():
        return []
    chosen: dict[str, Path] = {}
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix != ".annotations" and path.name != "agentguard.toml":
            chosen.setdefault(path.suffix or path.name, path)
    return list(chosen.values())[:limit]


@pytest.mark.parametrize("fixture", _fixture_samples(), ids=lambda p: str(p.relative_to(FIXTURES)))
async def test_fixture_files_match_the_cli(client: RecordingClient, fixture: Path, tmp_path: Path) -> None:
    # A copy, with the fixture tree's own configuration files, outside the repository (whose
    # configuration excludes tests/fixtures).
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy)
    path = copy / fixture.relative_to(FIXTURES)
    text = path.read_bytes().decode("utf-8", "replace")
    uri, diagnostics = await open_and_wait(client, path, text)
    assert shape(diagnostics) == expected_from_cli(path, text, copy)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


async def test_change_updates_and_close_clears(client: RecordingClient) -> None:
    path = client.root / "change.py"  # type: ignore[attr-defined]
    uri, diagnostics = await open_and_wait(client, path, "x = 1\n")
    assert diagnostics == []
    mark = client.mark()
    client.edit(uri, 2, (0, 5), (0, 5), "  # agentguard: ignore[sql-injection]")
    assert {d.code for d in await client.wait_diagnostics(uri, 2, mark)} == {
        "suppression-without-reason",
        "unused-suppression",
    }
    mark = client.mark()
    client.edit(uri, 3, (0, 5), (0, 43), "")
    assert await client.wait_diagnostics(uri, 3, mark) == []
    mark = client.mark()
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await client.wait_diagnostics(uri, None, mark) == []


async def test_burst_of_edits_publishes_only_the_last_version(client: RecordingClient) -> None:
    path = client.root / "burst.py"  # type: ignore[attr-defined]
    uri, _ = await open_and_wait(client, path, "")
    mark = client.mark()
    comment = "# agentguard: ignore[sql-injection]"
    for version, char in enumerate(comment, start=2):
        client.edit(uri, version, (0, version - 2), (0, version - 2), char)
    last = len(comment) + 1
    final = await client.wait_diagnostics(uri, last, mark)
    assert {d.code for d in final} == {"suppression-without-reason", "unused-suppression"}
    versions = [p.version for p in client.published[mark:] if p.uri == uri]
    assert versions == sorted(versions), "never an older version after a newer one"
    assert len(versions) < last - 1, "debounced: not one check per keystroke"


async def test_utf16_columns_after_emoji_and_cjk(client: RecordingClient) -> None:
    path = client.root / "emoji.py"  # type: ignore[attr-defined]
    text = 'label = "😀漢字"  # agentguard: ignore[sql-injection]\n'
    _, diagnostics = await open_and_wait(client, path, text)
    assert shape(diagnostics) == expected_from_cli(path, text, client.root)  # type: ignore[attr-defined]
    comment_start = text.index("#")
    assert diagnostics[0].range.start.character == comment_start + 1  # the emoji is two UTF-16 units


async def test_syntax_error_mid_edit_still_reports(client: RecordingClient) -> None:
    path = client.root / "broken.py"  # type: ignore[attr-defined]
    text = "def broken(:\n    x = (  # agentguard: ignore[no-such-rule] -- why\n"
    _, diagnostics = await open_and_wait(client, path, text)
    assert shape(diagnostics) == expected_from_cli(path, text, client.root)  # type: ignore[attr-defined]
    assert "unknown-rule-in-suppression" in {d.code for d in diagnostics}


async def test_binary_and_invalid_text_never_crash_the_server(client: RecordingClient) -> None:
    root = client.root  # type: ignore[attr-defined]
    _, diagnostics = await open_and_wait(client, root / "blob.py", "\x00\x01\x02binary\x00")
    assert diagnostics == []
    await client.log_containing("skipped: binary file")
    # A lone surrogate is what a client sends for bytes that are not UTF-8.
    text = "name = '\udcff'  # agentguard: ignore[sql-injection]\n"
    _, diagnostics = await open_and_wait(client, root / "latin1.py", text)
    assert {d.code for d in diagnostics} == {"suppression-without-reason", "unused-suppression"}


async def test_bad_requests_get_errors_not_a_dead_server(client: RecordingClient) -> None:
    unknown = types.TextDocumentIdentifier(uri="file:///nowhere/never-opened.py")
    position = types.Position(line=99, character=99)
    assert (
        await client.text_document_hover_async(types.HoverParams(text_document=unknown, position=position))
        is None
    )
    client.edit("file:///nowhere/never-opened.py", 5, (0, 0), (0, 0), "x")
    client.open(client.root / "weird.py", "x = 1\n", 1)  # type: ignore[attr-defined]
    client.edit(from_root(client, "weird.py"), 2, (50, 0), (80, 3), "y")  # a range past the end
    _, diagnostics = await open_and_wait(client, client.root / "alive.py", "# agentguard: ignore[x] -- y\n")  # type: ignore[attr-defined]
    assert {d.code for d in diagnostics} == {"unknown-rule-in-suppression"}


def from_root(client: RecordingClient, name: str) -> str:
    from pygls.uris import from_fs_path

    return from_fs_path(str(client.root / name)) or ""  # type: ignore[attr-defined]


async def test_pull_diagnostics_answer_for_the_current_version(client: RecordingClient) -> None:
    path = client.root / "pull.py"  # type: ignore[attr-defined]
    uri, pushed = await open_and_wait(client, path, "# agentguard: ignore[sql-injection]\n")
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert shape(list(report.items)) == shape(pushed)
    client.edit(uri, 2, (0, 0), (1, 0), "")
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert list(report.items) == []
