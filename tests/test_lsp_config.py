"""End-to-end: configuration files (reloaded when they change), editor settings, multi-root
workspaces, manifests re-checking their neighbours, negotiated UTF-8 positions, time budget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsp_session import SERVER_COMMAND, RecordingClient, initialize_params, make_client
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig

pytestmark = pytest.mark.asyncio(loop_scope="module")

UNREASONED = "x = 1  # agentguard: ignore[sql-injection]\n"  # AG001 and AG003


@pytest_lsp.fixture(
    scope="module", config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client)
)
async def client(lsp_client: RecordingClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    # Neovim 0.11's capabilities (UTF-8 positions first) plus snippet edits; two workspace folders.
    base = tmp_path_factory.mktemp("workspace")
    first, second = base / "first", base / "second"
    for folder in (first, second):
        folder.mkdir()
    (second / "agentguard.toml").write_text('ignore = ["AG001"]\n')
    lsp_client.roots = (first, second)  # type: ignore[attr-defined]
    params = initialize_params(first, editor="neovim", options={"severity": {"medium": "hint"}})
    params.workspace_folders = [
        types.WorkspaceFolder(uri=from_fs_path(str(folder)) or "", name=folder.name)
        for folder in (first, second)
    ]
    params.capabilities.workspace.workspace_edit = types.WorkspaceEditClientCapabilities(
        document_changes=True, snippet_edit_support=True
    )
    lsp_client.set_configuration({"ignore": []}, section="agentguard")
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def codes(diagnostics: list[types.Diagnostic]) -> set[str]:
    return {str(d.code) for d in diagnostics}


async def open_and_wait(client: RecordingClient, path: Path, text: str) -> tuple[str, list[types.Diagnostic]]:
    path.write_text(text)
    mark = client.mark()
    uri = client.open(path, text)
    return uri, await client.wait_diagnostics(uri, 1, mark)


def notify_watched(client: RecordingClient, path: Path, kind: types.FileChangeType) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=from_fs_path(str(path)) or "", type=kind)]
        )
    )


async def test_each_workspace_folder_has_its_own_configuration(client: RecordingClient) -> None:
    first, second = client.roots  # type: ignore[attr-defined]
    _, in_first = await open_and_wait(client, first / "a.py", UNREASONED)
    _, in_second = await open_and_wait(client, second / "b.py", UNREASONED)
    assert codes(in_first) == {"suppression-without-reason", "unused-suppression"}
    assert codes(in_second) == {"unused-suppression"}


async def test_initialization_options_map_severities(client: RecordingClient) -> None:
    first, _ = client.roots  # type: ignore[attr-defined]
    _, diagnostics = await open_and_wait(client, first / "severity.py", UNREASONED)
    by_code = {d.code: d.severity for d in diagnostics}
    assert by_code["suppression-without-reason"] == types.DiagnosticSeverity.Hint  # medium -> hint
    assert by_code["unused-suppression"] == types.DiagnosticSeverity.Information  # low, default


async def test_utf8_positions_when_the_client_prefers_them(client: RecordingClient) -> None:
    first, _ = client.roots  # type: ignore[attr-defined]
    text = 'label = "é😀"  # agentguard: ignore[sql-injection]\n'
    _, diagnostics = await open_and_wait(client, first / "utf8.py", text)
    comment = text.index("#")
    assert diagnostics[0].range.start.character == len(text[:comment].encode("utf-8"))


async def test_configuration_file_changes_reload_on_watch_and_on_save(client: RecordingClient) -> None:
    first, _ = client.roots  # type: ignore[attr-defined]
    uri, diagnostics = await open_and_wait(client, first / "reload.py", UNREASONED)
    assert "unused-suppression" in codes(diagnostics)
    config = first / "agentguard.toml"
    config.write_text('ignore = ["AG003"]\n')
    mark = client.mark()
    notify_watched(client, config, types.FileChangeType.Created)
    assert codes(await client.wait_diagnostics(uri, 1, mark)) == {"suppression-without-reason"}

    config.write_text('ignore = ["AG001", "AG003"]\n')
    mark = client.mark()
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=from_fs_path(str(config)) or "")
        )
    )
    assert codes(await client.wait_diagnostics(uri, 1, mark)) == set()

    config.write_text('ignore = ["AG3"]\nunknown-key = 1\n')
    mark = client.mark()
    notify_watched(client, config, types.FileChangeType.Changed)
    assert await client.wait_diagnostics(uri, 1, mark) == []
    error = await client.log_containing("unknown key `unknown-key`")
    assert str(config) in error.message
    assert any("unknown-key" in message.message for message in client.messages), "shown to the user"

    config.unlink()
    mark = client.mark()
    notify_watched(client, config, types.FileChangeType.Deleted)
    assert "unused-suppression" in codes(await client.wait_diagnostics(uri, 1, mark))


async def test_settings_from_workspace_configuration_turn_families_off(client: RecordingClient) -> None:
    first, _ = client.roots  # type: ignore[attr-defined]
    uri, diagnostics = await open_and_wait(client, first / "families.py", UNREASONED)
    assert diagnostics
    client.set_configuration({"families": {"suppression": False}}, section="agentguard")
    mark = client.mark()
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert await client.wait_diagnostics(uri, 1, mark) == []
    client.set_configuration({"families": {"suppression": True}}, section="agentguard")
    mark = client.mark()
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert await client.wait_diagnostics(uri, 1, mark) != []


async def test_editing_a_manifest_rechecks_the_files_beside_it(client: RecordingClient) -> None:
    first, _ = client.roots  # type: ignore[attr-defined]
    service = first / "service"
    service.mkdir()
    app_uri, _ = await open_and_wait(client, service / "app.py", "import requests\n")
    manifest_uri, _ = await open_and_wait(client, service / "requirements.txt", "requests==2.32.3\n")
    mark = client.mark()
    client.edit(manifest_uri, 2, (0, 0), (1, 0), "")  # unsaved: the overlay has it, the disk not
    await client.wait_diagnostics(app_uri, 1, mark)  # re-published for the same version


async def test_snippet_edit_puts_the_cursor_on_the_reason(client: RecordingClient) -> None:
    first, _ = client.roots  # type: ignore[attr-defined]
    text = "from flask_cors import CORS\nCORS(app)\n"
    uri, diagnostics = await open_and_wait(client, first / "snippet.py", text)
    cors = [d for d in diagnostics if d.code == "permissive-cors"]
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=cors[0].range,
        context=types.CodeActionContext(diagnostics=cors),
    )
    actions = await client.text_document_code_action_async(params) or []
    suppress = next(a for a in actions if a.title.startswith("Suppress"))
    assert suppress.command is None
    (change,) = suppress.edit.document_changes
    (edit,) = change.edits
    assert edit.snippet.value == "# agentguard: ignore[permissive-cors] -- ${1:reason}\n"


async def test_a_check_over_its_time_budget_is_skipped_and_logged(client: RecordingClient) -> None:
    first, _ = client.roots  # type: ignore[attr-defined]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"timeBudgetMs": 1})
    )
    (first / "slow.py").write_text("x = 1\n" * 50_000)
    client.open(first / "slow.py", "x = 1\n" * 50_000)
    await client.log_containing("took longer than 1 ms")
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"timeBudgetMs": 3000})
    )
    _, diagnostics = await open_and_wait(client, first / "after.py", UNREASONED)
    assert diagnostics, "the worker was restarted and checks again"
