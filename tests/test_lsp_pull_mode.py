"""End-to-end: with `diagnosticMode: "pull"` the server advertises pull diagnostics, answers them
for the current version, and pushes nothing (so a client never shows findings twice)."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsp_session import SERVER_COMMAND, RecordingClient, initialize_params, make_client
from lsprotocol import types
from pytest_lsp import ClientServerConfig

pytestmark = pytest.mark.asyncio

TEXT = "x = 1  # agentguard: ignore[sql-injection]\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client))
async def client(lsp_client: RecordingClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    result = await lsp_client.initialize_session(
        initialize_params(tmp_path, options={"diagnosticMode": "pull"})
    )
    lsp_client.result = result  # type: ignore[attr-defined]
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def pull(client: RecordingClient, uri: str) -> list[str]:
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    return sorted(str(d.code) for d in report.items)


async def test_pull_mode_advertises_pulls_and_pushes_nothing(client: RecordingClient) -> None:
    assert client.result.capabilities.diagnostic_provider is not None  # type: ignore[attr-defined]
    uri = client.open(client.root / "a.py", TEXT)  # type: ignore[attr-defined]
    assert await pull(client, uri) == ["suppression-without-reason", "unused-suppression"]
    client.edit(uri, 2, (0, 0), (1, 0), "y = 2\n")
    assert await pull(client, uri) == []
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0)
        )
    )  # a round trip: any push would have arrived before this answer
    assert client.published == []
