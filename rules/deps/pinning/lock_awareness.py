"""Whether something other than the manifest pins a dependency: a lock file beside the project, a
compiled requirements file, or a constraints file pulled in with `-c`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from agentguard.rules.deps.manifests import (
    RequirementEntry,
    RequirementInclude,
    lock_files_beside,
    normalize_name,
    requirement_lines,
)
from agentguard.rules.deps.pinning.versions import is_exact_pep440

if TYPE_CHECKING:
    from agentguard.rules.files import FileSource

# Compiled (pip-compile / uv pip compile / poetry export) requirement files a Python project keeps.
_COMPILED_BESIDE = ("requirements.txt", "requirements.lock", "requirements-lock.txt", "requirements.lock.txt")
# Requirements files that commonly include a file with `-r` (probed, since a FileSource cannot list).
_LIKELY_INCLUDERS = (
    "requirements.txt",
    "requirements.in",
    "requirements-dev.txt",
    "requirements-dev.in",
    "requirements-test.txt",
    "dev-requirements.txt",
    "test-requirements.txt",
    "dev.txt",
    "dev.in",
    "test.txt",
    "local.txt",
    "prod.txt",
    "production.txt",
)
_MAX_INCLUDE_DEPTH = 5


@dataclass(frozen=True)
class LockCoverage:
    """What pins a project's dependencies besides its manifest: a whole lock file, or names."""

    lock: Path | None
    pinned_names: frozenset[str]

    def covers(self, name: str) -> bool:
        """Whether the dependency `name` (any spelling) is pinned by the lock or a pinned list."""
        return self.lock is not None or normalize_name(name, "pypi") in self.pinned_names


def manifest_coverage(manifest: Path, ecosystem: str, files: FileSource) -> LockCoverage:
    """Coverage for a project manifest (pyproject.toml, Pipfile, setup.cfg, package.json)."""
    locks = lock_files_beside(manifest, files, ecosystem)
    if locks:
        return LockCoverage(locks[0], frozenset())
    if ecosystem != "pypi":
        return LockCoverage(None, frozenset())
    pinned: set[str] = set()
    for name in _COMPILED_BESIDE:
        pinned |= exact_pins(manifest.parent / name, files)
    return LockCoverage(None, frozenset(pinned))


def requirements_coverage(path: Path, files: FileSource) -> LockCoverage:
    """Coverage for a requirements file: its `.txt` compiled from it (for an `.in`), constraint
    files it or its includes name with `-c`, and constraint files of the files that include it."""
    pinned: set[str] = set()
    if path.suffix == ".in":
        pinned |= exact_pins(path.with_suffix(".txt"), files)
    pinned |= _constraint_pins(path, files, set(), 0)
    for includer in _includers(path, files):
        pinned |= _constraint_pins(includer, files, {path}, 0)
    return LockCoverage(None, frozenset(pinned))


def exact_pins(path: Path, files: FileSource) -> set[str]:
    """Normalised names that the requirements file `path` pins exactly (empty if it is absent)."""
    from agentguard.rules.document import Document

    text = files.read_text(path)
    if text is None:
        return set()
    return {
        normalize_name(entry.name, "pypi")
        for entry in requirement_lines(Document(str(path), text, "requirements"))
        if isinstance(entry, RequirementEntry) and entry.name is not None and is_exact_pep440(entry.specifier)
    }


def _includes(path: Path, files: FileSource) -> list[RequirementInclude]:
    from agentguard.rules.document import Document

    text = files.read_text(path)
    if text is None:
        return []
    document = Document(str(path), text, "requirements")
    return [entry for entry in requirement_lines(document) if isinstance(entry, RequirementInclude)]


def _resolve(base: Path, target: str) -> Path:
    return base.parent / PurePosixPath(target)


def _constraint_pins(path: Path, files: FileSource, seen: set[Path], depth: int) -> set[str]:
    """Names pinned by `-c` files of `path` and of the files it includes with `-r`, recursively."""
    if depth > _MAX_INCLUDE_DEPTH or path in seen:
        return set()
    seen.add(path)
    pinned: set[str] = set()
    for include in _includes(path, files):
        target = _resolve(path, include.target)
        if include.constraint:
            pinned |= exact_pins(target, files)
        else:
            pinned |= _constraint_pins(target, files, seen, depth + 1)
    return pinned


def _includers(path: Path, files: FileSource) -> list[Path]:
    """Nearby requirements files that include `path` with `-r`."""
    found: list[Path] = []
    for directory in (path.parent, path.parent.parent):
        for name in _LIKELY_INCLUDERS:
            candidate = directory / name
            if candidate == path or not files.exists(candidate):
                continue
            targets = {
                _normalised(_resolve(candidate, i.target))
                for i in _includes(candidate, files)
                if not i.constraint
            }
            if _normalised(path) in targets:
                found.append(candidate)
    return found


def _normalised(path: Path) -> str:
    import os.path

    return os.path.normpath(str(path))
