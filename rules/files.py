"""How rules read files other than the one being checked (manifests, lock files)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class FileSource(Protocol):
    """Read access to the project's other files; the language server overlays unsaved buffers."""

    def read_text(self, path: Path) -> str | None:
        """The text of `path`, or None if it does not exist or is not readable text."""

    def exists(self, path: Path) -> bool:
        """Whether `path` exists as a file."""


class DiskFiles:
    """Files as they are on disk, read once per process."""

    def __init__(self) -> None:
        self._texts: dict[Path, str | None] = {}

    def read_text(self, path: Path) -> str | None:
        """The text of `path` decoded as UTF-8 (undecodable bytes replaced), or None."""
        if path not in self._texts:
            try:
                self._texts[path] = path.read_bytes().decode("utf-8", "replace")
            except OSError:
                self._texts[path] = None
        return self._texts[path]

    def exists(self, path: Path) -> bool:
        """Whether `path` exists as a file."""
        return (path in self._texts and self._texts[path] is not None) or path.is_file()
