"""Helpers for the language-server tests: a pytest-lsp client that records every
publishDiagnostics, and waits that block on notifications (never on sleeps)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

AGENTGUARD = str(Path(sys.executable).with_name("agentguard"))
SERVER_COMMAND = [AGENTGUARD, "server"]
TIMEOUT = 20.0


class RecordingClient(LanguageClient):
    """A test client that keeps every publishDiagnostics and log message, in order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.arrived = asyncio.Event()
        self.registrations: list[types.Registration] = []

    def mark(self) -> int:
        """A position in the record; waits look only at what arrives after it."""
        return len(self.published)

    async def wait_diagnostics(self, uri: str, version: int | None, since: int) -> list[types.Diagnostic]:
        """The first diagnostics for `uri` (at `version`, unless None) published after `since`."""
        return list((await self.publication(uri, version, since)).diagnostics)

    async def publication(self, uri: str, version: int | None, since: int) -> types.PublishDiagnosticsParams:
        """The first publishDiagnostics for `uri` (and `version`) after `since`."""

        async def wait() -> types.PublishDiagnosticsParams:
            while True:
                for params in self.published[since:]:
                    if params.uri == uri and (version is None or params.version == version):
                        return params
                self.arrived.clear()
                await self.arrived.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def log_containing(self, text: str) -> types.LogMessageParams:
        """The first log message containing `text` (waiting for it, driven by notifications)."""

        async def wait() -> types.LogMessageParams:
            while True:
                for message in self.log_messages:
                    if text in message.message:
                        return message
                await self.wait_for_notification(types.WINDOW_LOG_MESSAGE)

        return await asyncio.wait_for(wait(), TIMEOUT)

    def open(self, path: Path, text: str, version: int = 1, language_id: str = "") -> str:
        """Send didOpen; returns the URI."""
        uri = from_fs_path(str(path)) or ""
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id=language_id, version=version, text=text
                )
            )
        )
        return uri

    def replace_all(self, uri: str, text: str, version: int) -> None:
        """Send a full-text didChange."""
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def edit(self, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        """Send an incremental didChange replacing (line, character) `start`..`end` by `text`."""
        range_ = types.Range(
            start=types.Position(line=start[0], character=start[1]),
            end=types.Position(line=end[0], character=end[1]),
        )
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=range_, text=text)],
            )
        )


def _record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    client.arrived.set()


def _register(client: RecordingClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


_PLAIN = default_converter()


def _command_or_code_action(data: Any, _: type) -> types.Command | types.CodeAction:
    # lsprotocol takes any object with a `command` key for a Command, so a CodeAction that has
    # an edit *and* a follow-up command loses its edit; a Command's `command` is a string.
    if isinstance(data.get("command"), str):
        return _PLAIN.structure(data, types.Command)
    return _PLAIN.structure(data, types.CodeAction)


def _converter() -> Any:
    converter = default_converter()
    # The hook must be keyed by the very `Union` object lsprotocol registers.
    converter.register_structure_hook(Union[types.Command, types.CodeAction], _command_or_code_action)  # noqa: UP007
    return converter


def make_client() -> RecordingClient:
    """The client factory for `ClientServerConfig`."""
    client = RecordingClient(converter_factory=_converter)
    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
        types.CLIENT_REGISTER_CAPABILITY: _register,
    }
    register_lsp_features(client, features)
    return client


def initialize_params(
    root: Path | None = None,
    editor: str = "visual-studio-code",
    options: dict[str, Any] | None = None,
    encodings: Sequence[str] | None = None,
) -> types.InitializeParams:
    """InitializeParams with a real editor's capabilities (pytest-lsp ships them)."""
    capabilities = client_capabilities(editor)
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=list(encodings))
    folders = None
    if root is not None:
        folders = [types.WorkspaceFolder(uri=from_fs_path(str(root)) or "", name=root.name)]
    return types.InitializeParams(
        capabilities=capabilities,
        workspace_folders=folders,
        root_uri=folders[0].uri if folders else None,
        initialization_options=options,
    )


def cli_findings(path: Path, text: str, cwd: Path) -> list[dict[str, Any]]:
    """What `agentguard check --stdin-filename PATH --format json` reports for `text`."""
    process = subprocess.run(
        [AGENTGUARD, "check", "--stdin-filename", str(path), "--format", "json", "--exit-zero"],
        input=text.encode("utf-8"),
        capture_output=True,
        cwd=cwd,
        check=False,
    )
    # Exit 2 when a rule failed on the file: its other rules' findings are still the reference.
    assert process.returncode in (0, 2), process.stderr.decode()
    findings: list[dict[str, Any]] = json.loads(process.stdout)["findings"]
    return findings
