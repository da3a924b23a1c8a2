"""Checking documents in a worker process, so the editor's message loop never waits on a rule.

The worker imports the engine once and keeps a mirror of the open buffers (the overlay), so
cross-file rules read unsaved manifests through `ctx.files`. Each request sends only the
buffers that changed since the previous one. A request that overruns its time budget gets the
worker killed and restarted: a pathological file cannot freeze the editor or the other files.

This module must stay free of pygls and lsprotocol: the worker process should start fast.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from agentguard.rules.files import DiskFiles

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from agentguard.rules.config import Config
    from agentguard.rules.document import Document
    from agentguard.rules.engine import FileResult


@dataclass(frozen=True)
class AnalysisRequest:
    """Check the overlay's text of `path`; `updates` are buffers opened, changed or closed (None)."""

    path: Path
    config: Config
    updates: dict[Path, str | None]


class OverlayFiles:
    """A FileSource that prefers the editor's open buffers (saved or not) to the disk."""

    def __init__(self, buffers: dict[Path, str]) -> None:
        self._buffers = buffers
        self._disk = DiskFiles()

    def read_text(self, path: Path) -> str | None:
        """The open buffer's text, else the file on disk."""
        text = self._buffers.get(path.absolute())
        return text if text is not None else self._disk.read_text(path)

    def exists(self, path: Path) -> bool:
        """Whether `path` is an open buffer or a file on disk."""
        return path.absolute() in self._buffers or self._disk.exists(path)


def serve_requests(connection: Connection) -> None:
    """The worker process: answer AnalysisRequests with FileResults until the pipe closes."""
    from agentguard.rules.engine import without_lone_surrogates
    from agentguard.rules.registry import detectors

    detectors()  # import every rule before the first keystroke arrives
    connection.send(_READY)
    buffers: dict[Path, str] = {}
    # The last checked version of each open buffer: its parse tree is edited, not rebuilt.
    checked: dict[Path, Document] = {}
    while True:
        try:
            request: AnalysisRequest = connection.recv()
        except (EOFError, OSError):
            return
        for path, text in request.updates.items():
            if text is None:
                buffers.pop(path, None)
                checked.pop(path, None)
            else:
                # Other files are read through the overlay: they must be clean too.
                buffers[path] = without_lone_surrogates(text)
        connection.send(_check(request, buffers, checked))


def _check(request: AnalysisRequest, buffers: dict[Path, str], checked: dict[Path, Document]) -> FileResult:
    from agentguard.rules.engine import FileResult, check_document, document

    path = str(request.path)
    try:
        doc = document(path, buffers.get(request.path, ""), previous=checked.pop(request.path, None))
        # A fresh overlay per request: files on disk may have changed since the last one.
        result = check_document(doc, request.config, files=OverlayFiles(buffers))
    except Exception as error:  # the engine catches rule errors; this is the engine itself failing
        return FileResult(path, (), (f"the check failed: {type(error).__name__}: {error}",))
    checked[request.path] = doc
    return result


_READY = "ready"
# Starting the worker (imports) is not the document's fault: it has its own, generous limit.
_START_TIMEOUT = 60.0


class TimedOut(Exception):
    """The check took longer than its budget; the worker was restarted."""


class AnalysisWorker:
    """The server's handle on the worker process. Call `analyze` from one thread only."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._sent: dict[Path, str] = {}
        self._ready = False
        self._closed = False

    def close(self) -> None:
        """Stop for good (the client asked the server to shut down): no more restarts."""
        self._closed = True
        self.stop()

    def start(self) -> None:
        """Start (or restart) the worker process."""
        self.stop()
        parent, child = self._context.Pipe()
        process = self._context.Process(target=serve_requests, args=(child,), daemon=True)
        process.start()
        child.close()
        self._process, self._connection, self._sent, self._ready = process, parent, {}, False

    def stop(self) -> None:
        """Stop the worker process, if running."""
        if self._connection is not None:
            self._connection.close()
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        self._process = self._connection = None

    def analyze(self, path: Path, config: Config, buffers: dict[Path, str], budget: float) -> FileResult:
        """Check `buffers[path]` with every other open buffer visible to cross-file rules.

        Raises TimedOut when the budget (seconds) runs out.
        """
        if self._closed:
            from agentguard.rules.engine import FileResult

            return FileResult(str(path), ())
        if self._connection is None or self._process is None or not self._process.is_alive():
            self.start()
        assert self._connection is not None
        updates = self._updates(buffers)
        try:
            self._wait_until_ready(self._connection)
            self._connection.send(AnalysisRequest(path, config, updates))
            if not self._connection.poll(budget):
                self.start()
                raise TimedOut
            result: FileResult = self._connection.recv()
        except (EOFError, OSError, BrokenPipeError) as error:
            from agentguard.rules.engine import FileResult

            self.start()
            return FileResult(str(path), (), (f"the checking process stopped: {type(error).__name__}",))
        self._sent = dict(buffers)
        return result

    def _wait_until_ready(self, connection: Connection) -> None:
        if not self._ready:
            if not connection.poll(_START_TIMEOUT):
                raise OSError("the checking process did not start")
            connection.recv()
            self._ready = True

    def _updates(self, buffers: dict[Path, str]) -> dict[Path, str | None]:
        """The buffers that differ from what the worker holds (texts compared by identity)."""
        updates: dict[Path, str | None] = {
            path: text for path, text in buffers.items() if self._sent.get(path) is not text
        }
        updates.update({path: None for path in self._sent if path not in buffers})
        return updates
