"""The open documents: their text as the client holds it, kept in sync by incremental edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path

from agentguard.lsp.positions import PositionCodec, line_starts


@dataclass
class OpenDocument:
    """One document the client has open; `version` is the client's, bumped on every change."""

    uri: str
    path: Path
    text: str
    version: int
    changed_at: float = float("-inf")
    _line_starts: list[int] | None = field(default=None, repr=False)

    @property
    def line_starts(self) -> list[int]:
        """Code-point offsets of the line starts, recomputed only after an edit."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        return self._line_starts

    def apply(self, change: types.TextDocumentContentChangeEvent, codec: PositionCodec) -> None:
        """Apply one change event: a ranged edit, or the whole new text."""
        if isinstance(change, types.TextDocumentContentChangePartial):
            start = codec.to_offset(self.text, self.line_starts, change.range.start)
            end = codec.to_offset(self.text, self.line_starts, change.range.end)
            self.text = self.text[:start] + change.text + self.text[max(start, end) :]
        else:
            self.text = change.text
        self._line_starts = None


def uri_to_path(uri: str) -> Path | None:
    """The file-system path of a `file:` URI, or None for other schemes (untitled buffers)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


class DocumentStore:
    """The open documents by URI. Only the message loop mutates it."""

    def __init__(self) -> None:
        self._documents: dict[str, OpenDocument] = {}

    def open(self, item: types.TextDocumentItem) -> OpenDocument | None:
        """Track a newly opened document (None when its URI names no file)."""
        path = uri_to_path(item.uri)
        if path is None:
            return None
        document = OpenDocument(item.uri, path, item.text, item.version)
        self._documents[item.uri] = document
        return document

    def change(self, params: types.DidChangeTextDocumentParams, codec: PositionCodec) -> OpenDocument | None:
        """Apply a change notification to its document (None if the document is not open)."""
        document = self._documents.get(params.text_document.uri)
        if document is None:
            return None
        for change in params.content_changes:
            document.apply(change, codec)
        document.version = params.text_document.version
        return document

    def close(self, uri: str) -> OpenDocument | None:
        """Forget a closed document."""
        return self._documents.pop(uri, None)

    def get(self, uri: str) -> OpenDocument | None:
        """The open document with this URI, if any."""
        return self._documents.get(uri)

    def all(self) -> list[OpenDocument]:
        """Every open document."""
        return list(self._documents.values())

    def under(self, directory: Path) -> list[OpenDocument]:
        """The open documents inside `directory` (at any depth)."""
        return [doc for doc in self._documents.values() if directory in doc.path.parents]
