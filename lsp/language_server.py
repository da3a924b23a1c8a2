"""The language server's state and its LSP handlers: documents in memory, diagnostics on
open/change/save, code actions, hover with the rule's documentation, configuration reload.
Handlers stay thin; checking runs in a worker process (`analysis.py`), positions are converted in
`positions.py`."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import JsonRPCNotification, JsonRPCResponseMessage
from pygls.protocol.language_server import lsp_method

from agentguard.hooks.main import package_version
from agentguard.lsp import actions
from agentguard.lsp.analysis import AnalysisWorker, TimedOut
from agentguard.lsp.diagnostics import Diagnostic, to_diagnostic
from agentguard.lsp.documents import DocumentStore, OpenDocument, uri_to_path
from agentguard.lsp.positions import PositionCodec, split_lines
from agentguard.lsp.settings import Settings, parse_settings
from agentguard.lsp.workspace import WATCHED_GLOBS, ProjectConfigs, is_config_file, is_manifest
from agentguard.rules.config import Config, ConfigError

_BINARY_PROBE = 8192


@dataclass(frozen=True)
class Checked:
    """The diagnostics computed for one version of a document."""

    version: int
    diagnostics: list[Diagnostic]


class AgentguardProtocol(LanguageServerProtocol):
    """pygls' protocol, but open documents live in the server's own store (`DocumentStore`),
    whose line counting matches the client's and the engine's, and capabilities follow the
    diagnostic mode."""

    _server: AgentguardServer

    # The base class caches these per method with lru_cache; a plain override is enough here.
    def get_message_type(self, method: str) -> type[Any] | None:  # type: ignore[override]
        """Diagnostics are sent as ready-made JSON (see `diagnostics.py`)."""
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            return JsonRPCNotification
        return super().get_message_type(method)

    def _serialize_message(self, data: Any) -> Any:
        """Published diagnostics are JSON already: handed to `json.dumps` as they are, not
        walked item by item through cattrs (2 ms for a file with 150 findings)."""
        if isinstance(data, JsonRPCNotification) and data.method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            return {"jsonrpc": data.jsonrpc, "method": data.method, "params": data.params}
        return super()._serialize_message(data)

    def get_result_type(self, method: str) -> type[Any] | None:  # type: ignore[override]
        """Pull reports are answered with ready-made JSON too."""
        if method == types.TEXT_DOCUMENT_DIAGNOSTIC:
            return JsonRPCResponseMessage
        return super().get_result_type(method)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Generator[Any, Any, types.InitializeResult]:
        """Initialize, then advertise pull diagnostics only to clients that asked for pull mode
        (a client that both pulls and receives pushes would show every finding twice)."""
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        if not self._server.pull_mode:
            result.capabilities.diagnostic_provider = None
        return result

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        """Hand the notification to the server's handler only."""
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        """Hand the notification to the server's handler only."""
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        """Hand the notification to the server's handler only."""
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def _user_handler(self, method: str, params: object) -> Generator[Any, Any, None]:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None


class AgentguardServer(LanguageServer):
    """The server's state: open documents, configuration, settings and the checking worker."""

    def __init__(self) -> None:
        super().__init__("agentguard", package_version(), protocol_cls=AgentguardProtocol)
        self.documents = DocumentStore()
        self.configs = ProjectConfigs()
        self.settings = Settings()
        self.codec = PositionCodec(types.PositionEncodingKind.Utf16)
        self.abilities = actions.ClientAbilities(snippet_edits=False, show_document=False)
        self.pull_mode = False
        # `serve()` replaces it with a worker started before pygls was imported.
        self.worker = AnalysisWorker()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="agentguard-check")
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._checked: dict[str, Checked] = {}
        self._too_slow: set[str] = set()
        self._reported: set[str] = set()

    # Logging -------------------------------------------------------------------------------

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """Write to the client's log (`window/logMessage`)."""
        self.window_log_message(types.LogMessageParams(type=kind, message=f"agentguard: {message}"))

    def report_once(self, key: str, message: str, show: bool = False) -> None:
        """Log a problem the first time it happens; `show` also pops it up to the user."""
        if key in self._reported:
            return
        self._reported.add(key)
        self.log(message, types.MessageType.Warning)
        if show:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    # Scheduling ----------------------------------------------------------------------------

    def schedule(self, document: OpenDocument, delay: float) -> None:
        """Check `document` after `delay` seconds, replacing a check not yet started."""
        pending = self._pending.pop(document.uri, None)
        if pending is not None:
            pending.cancel()
        self._pending[document.uri] = asyncio.ensure_future(self._check_later(document, delay))

    def schedule_all(self, documents: list[OpenDocument], delay: float = 0.0) -> None:
        """Re-check several documents (configuration or a manifest changed)."""
        for document in documents:
            self.schedule(document, delay)

    @property
    def debounce(self) -> float:
        """The wait after a keystroke, in seconds."""
        return self.settings.debounce_ms / 1000

    def forget(self, uri: str) -> None:
        """Drop everything about a closed document and clear its diagnostics."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._checked.pop(uri, None)
        self._too_slow.discard(uri)
        self.publish(uri, [], None)

    def config_changed(self) -> None:
        """Configuration files or settings changed: re-read them, re-check everything open."""
        self.configs.reload()
        self._too_slow.clear()
        self.schedule_all(self.documents.all())
        if self.pull_mode:
            self.workspace_diagnostic_refresh(None)

    def file_changed(self, path: Path) -> None:
        """A configuration file or a manifest changed (on disk or in its buffer)."""
        if is_config_file(path):
            self.config_changed()
        elif is_manifest(path):
            self.schedule_all(
                [doc for doc in self.documents.under(path.parent) if doc.path != path], self.debounce
            )

    def typed(self, document: OpenDocument, previous_version: int) -> None:
        """Schedule the check after an edit. An edit is checked at once when the server has
        caught up (the version before it is published) or after a pause: a keystroke shows its
        result as soon as possible. Edits that come while a check is pending or running wait for
        the debounce, so a burst the engine cannot keep up with is checked once, at its end."""
        now = asyncio.get_running_loop().time()
        checked = self._checked.get(document.uri)
        caught_up = checked is not None and checked.version == previous_version
        pending = self._pending.get(document.uri)
        idle = pending is None or pending.done()
        quiet = idle and (caught_up or now - document.changed_at >= self.debounce)
        document.changed_at = now
        self.schedule(document, 0.0 if quiet else self.debounce)

    async def _check_later(self, document: OpenDocument, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        checked = await self.check(document)
        # Never publish for a version the client no longer holds.
        if checked is None or self.documents.get(document.uri) is not document:
            return
        if checked.version != document.version:
            return
        self._checked[document.uri] = checked
        self.publish(document.uri, checked.diagnostics, checked.version)

    def publish(self, uri: str, diagnostics: list[Diagnostic], version: int | None) -> None:
        """Push diagnostics (unless the client pulls them)."""
        if self.pull_mode:
            return
        params: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        self.protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    # Checking ------------------------------------------------------------------------------

    async def check(self, document: OpenDocument) -> Checked | None:
        """The diagnostics for the document's current version (None: skipped, keep the old)."""
        version, text, path = document.version, document.text, document.path
        config = self._config(path)
        if config is None or self._skipped(document, config):
            return Checked(version, [])
        if document.uri in self._too_slow:
            return None
        buffers = {doc.path: doc.text for doc in self.documents.all()}
        budget = self.settings.time_budget_ms / 1000
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(
                self._executor, self.worker.analyze, path, config, buffers, budget
            )
        except TimedOut:
            self._too_slow.add(document.uri)
            self.log(
                f"{path}: skipped: checking took longer than {self.settings.time_budget_ms} ms "
                "(timeBudgetMs); it is checked again after a save",
                types.MessageType.Warning,
            )
            return None
        for error in result.errors:
            self.report_once(error, f"{path}: {error}")
        lines = split_lines(text)
        return Checked(
            version, [to_diagnostic(f, lines, self.codec, self.settings, version) for f in result.findings]
        )

    def cached(self, uri: str) -> Checked | None:
        """The last diagnostics computed for an open document, if any."""
        return self._checked.get(uri)

    def remember(self, uri: str, checked: Checked) -> None:
        """Keep diagnostics computed on a pull request (for hover and code actions)."""
        document = self.documents.get(uri)
        if document is not None and document.version == checked.version:
            self._checked[uri] = checked

    def saved(self, document: OpenDocument) -> None:
        """A save: a slow document gets another chance, and the file may be configuration."""
        self._too_slow.discard(document.uri)
        self.file_changed(document.path)
        self.schedule(document, 0.0)

    def _config(self, path: Path) -> Config | None:
        try:
            return self.configs.for_path(path, self.settings)
        except ConfigError as error:
            self.report_once(str(error), str(error), show=True)
            return None

    def _skipped(self, document: OpenDocument, config: Config) -> bool:
        """Excluded, too large or binary documents get no diagnostics (as with the CLI)."""
        if config.is_excluded(str(document.path)):
            return True
        reason = None
        if "\0" in document.text[:_BINARY_PROBE]:
            reason = "binary file"
        elif len(document.text.encode("utf-8", "surrogatepass")) > config.max_file_size:
            reason = f"over max-file-size ({config.max_file_size} bytes)"
        if reason is not None:
            self.report_once(f"{document.uri} {reason}", f"{document.path}: skipped: {reason}")
        return reason is not None


server = AgentguardServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AgentguardServer, params: types.InitializeParams) -> None:
    """Read the client's capabilities, encoding, folders and initialization options."""
    ls.codec = PositionCodec(str(ls.workspace.position_encoding or types.PositionEncodingKind.Utf16))
    capabilities = params.capabilities
    edit = capabilities.workspace.workspace_edit if capabilities.workspace else None
    show = capabilities.window.show_document if capabilities.window else None
    ls.abilities = actions.ClientAbilities(
        snippet_edits=bool(edit and edit.snippet_edit_support),
        show_document=bool(show and show.support),
    )
    options = params.initialization_options
    ls.pull_mode = isinstance(options, dict) and options.get("diagnosticMode") == "pull"
    if isinstance(options, dict):
        options = {key: value for key, value in options.items() if key != "diagnosticMode"}
    ls.settings, problems = parse_settings(options)
    for problem in problems:
        ls.report_once(problem, problem, show=True)
    ls.configs.folders = _folders(ls)


def _folders(ls: AgentguardServer) -> list[Path]:
    folders = [uri_to_path(folder.uri) for folder in ls.workspace.folders.values()]
    root = uri_to_path(ls.workspace.root_uri) if ls.workspace.root_uri else None
    return [path for path in (*folders, root) if path is not None]


@server.feature(types.INITIALIZED)
async def initialized(ls: AgentguardServer, params: types.InitializedParams) -> None:
    """Watch configuration files and manifests, and fetch `workspace/configuration`."""
    capabilities = ls.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if watched and watched.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
        registration = types.Registration(
            id="agentguard-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as error:  # a client that offers but then refuses: saves still reload
            ls.log(f"cannot watch configuration files: {error}", types.MessageType.Warning)
    await _pull_settings(ls)


async def _pull_settings(ls: AgentguardServer) -> None:
    capabilities = ls.client_capabilities.workspace
    if not (capabilities and capabilities.configuration):
        return
    items = [types.ConfigurationItem(section="agentguard")]
    try:
        answer = await ls.workspace_configuration_async(types.ConfigurationParams(items=items))
    except Exception as error:
        ls.log(f"cannot read the editor's settings: {error}", types.MessageType.Warning)
        return
    if answer and answer[0] is not None:
        _apply_settings(ls, answer[0])


def _apply_settings(ls: AgentguardServer, raw: object) -> None:
    settings, problems = parse_settings(raw, ls.settings)
    for problem in problems:
        ls.report_once(problem, problem, show=True)
    if settings != ls.settings:
        ls.settings = settings
        ls.config_changed()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: AgentguardServer, params: types.DidChangeConfigurationParams) -> None:
    """Settings changed: take them from the notification, or ask for them."""
    if isinstance(params.settings, dict) and params.settings:
        _apply_settings(ls, params.settings)
    else:
        await _pull_settings(ls)


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def did_change_folders(ls: AgentguardServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    """A folder was added or removed: each folder has its own configuration loader."""
    ls.configs.folders = _folders(ls)
    ls.config_changed()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: AgentguardServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A configuration file or manifest changed on disk."""
    for change in params.changes:
        path = uri_to_path(change.uri)
        if path is not None:
            ls.file_changed(path)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: AgentguardServer, params: types.DidOpenTextDocumentParams) -> None:
    """Check a newly opened document at once."""
    document = ls.documents.open(params.text_document)
    if document is not None:
        ls.schedule(document, 0.0)
        if is_manifest(document.path):
            ls.file_changed(document.path)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: AgentguardServer, params: types.DidChangeTextDocumentParams) -> None:
    """Apply the edit; check after the debounce; an edited manifest re-checks its neighbours."""
    before = ls.documents.get(params.text_document.uri)
    previous_version = before.version if before is not None else -1
    document = ls.documents.change(params, ls.codec)
    if document is None:
        ls.log(
            f"change to a document that is not open: {params.text_document.uri}", types.MessageType.Warning
        )
        return
    ls.typed(document, previous_version)
    if is_manifest(document.path):
        ls.file_changed(document.path)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: AgentguardServer, params: types.DidSaveTextDocumentParams) -> None:
    """Re-check on save; a saved configuration file reloads the configuration."""
    document = ls.documents.get(params.text_document.uri)
    if document is not None:
        ls.saved(document)
    else:
        path = uri_to_path(params.text_document.uri)
        if path is not None:
            ls.file_changed(path)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AgentguardServer, params: types.DidCloseTextDocumentParams) -> None:
    """Clear a closed document's diagnostics; a closed manifest's disk text applies again."""
    document = ls.documents.close(params.text_document.uri)
    ls.forget(params.text_document.uri)
    if document is not None and is_manifest(document.path):
        ls.file_changed(document.path)


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(
        identifier="agentguard", inter_file_dependencies=True, workspace_diagnostics=False
    ),
)
async def pull_diagnostics(ls: AgentguardServer, params: types.DocumentDiagnosticParams) -> dict[str, Any]:
    """Answer a pull request with the diagnostics of the document's current version (a full
    report, as JSON)."""
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return {"kind": "full", "items": []}
    checked = ls.cached(document.uri)
    if checked is None or checked.version != document.version:
        checked = await ls.check(document) or Checked(document.version, [])
        ls.remember(document.uri, checked)
    return {"kind": "full", "items": checked.diagnostics, "resultId": str(checked.version)}


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix], resolve_provider=False),
)
def code_action(ls: AgentguardServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Fix, suppress with a reason, show documentation, for the diagnostics in the request."""
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return []
    return actions.code_actions(document, list(params.context.diagnostics), ls.codec, ls.abilities)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: AgentguardServer, params: types.HoverParams) -> types.Hover | None:
    """The documentation of the rules reported under the cursor."""
    checked = ls.cached(params.text_document.uri)
    if checked is None:
        return None
    markdown = actions.hover_markdown(checked.diagnostics, params.position)
    if markdown is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown))


@server.command(actions.SHOW_DOCUMENTATION)
async def show_documentation(ls: AgentguardServer, *args: Any) -> None:
    """Open a rule's documentation: `[code-or-name]`."""
    url = actions.documentation_url(str(args[0])) if args else None
    if url is None:
        ls.log(f"no rule {args[0] if args else ''!r} to show documentation for", types.MessageType.Warning)
        return
    if ls.abilities.show_document:
        await ls.window_show_document_async(types.ShowDocumentParams(uri=url, external=True))
    else:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=url))


@server.command(actions.SELECT_RANGE)
async def select_range(ls: AgentguardServer, *args: Any) -> None:
    """Select a range in a document: `[uri, range]` (the reason of a new suppression)."""
    if len(args) != 2 or not ls.abilities.show_document:
        return
    selection = ls.protocol._converter.structure(args[1], types.Range)
    await ls.window_show_document_async(
        types.ShowDocumentParams(uri=str(args[0]), selection=selection, take_focus=True)
    )


@server.feature(types.SHUTDOWN)
def shutdown(ls: AgentguardServer, params: None) -> None:
    """Stop the worker process; nothing is checked after this."""
    ls.worker.close()
