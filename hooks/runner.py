"""Running the engine over many files: reading them safely, in parallel when it pays."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from agentguard.hooks.discovery import discover, is_generated
from agentguard.rules.config import Config, ConfigError, ConfigLoader
from agentguard.rules.engine import FileResult, check_text
from agentguard.rules.files import DiskFiles
from agentguard.rules.model import Finding, Severity

# Below these a pool costs more to start than it saves.
_PARALLEL_MIN_FILES = 48
_PARALLEL_MIN_BYTES = 1_500_000


@dataclass(frozen=True)
class Selection:
    """What the command line asked for, passed to worker processes."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    config_file: Path | None = None
    # Family option values set on the command line (`--online`: `deps.online`), over the files'.
    options: tuple[tuple[str, object], ...] = ()


@dataclass
class RunResult:
    """Everything a run produced: findings, errors (exit 2) and notices (informational)."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    failing: bool = False
    files: int = 0

    def add(self, outcome: FileOutcome) -> None:
        """Merge one file's outcome."""
        self.files += outcome.checked
        self.errors.extend(outcome.errors)
        self.notices.extend(outcome.notices)
        if outcome.result is not None:
            self.findings.extend(outcome.result.findings)
            self.failing |= any(f.severity >= outcome.fail_on for f in outcome.result.findings)


@dataclass(frozen=True)
class FileOutcome:
    """One file's result, or why it was not checked."""

    result: FileResult | None = None
    errors: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    fail_on: Severity = Severity.LOW
    checked: int = 0


class FileChecker:
    """Reads and checks one file at a time; one per process, so configuration is parsed once."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.loader = ConfigLoader(selection.config_file)
        # Manifests and lock files that many checked files share are read once per process.
        self.files = DiskFiles()

    def config_for(self, path: Path) -> Config:
        """The file's configuration with the command line's selection applied."""
        config = self.loader.for_path(path)
        config = config.with_overrides(self.selection.select, self.selection.ignore, self.selection.fail_on)
        if self.selection.options:
            config = dataclasses.replace(config, options={**config.options, **dict(self.selection.options)})
        return config

    def check_path(self, path: Path, explicit: bool) -> FileOutcome:
        """Check a file on disk, turning every way reading it can fail into a clear message."""
        try:
            config = self.config_for(path)
        except ConfigError as error:
            return FileOutcome(errors=(str(error),))
        if config.is_excluded(str(path)):
            return FileOutcome()
        try:
            size = path.stat().st_size
            if size > config.max_file_size:
                return FileOutcome(
                    notices=(
                        f"{path}: skipped: {size / 1_048_576:.1f} MiB is over max-file-size "
                        f"({config.max_file_size} bytes)",
                    )
                )
            data = path.read_bytes()
        except OSError as error:
            return FileOutcome(errors=(f"{path}: cannot read: {error.strerror or error}",))
        if b"\0" in data[:8192]:
            return FileOutcome(notices=(f"{path}: skipped: binary file",) if explicit else ())
        if not explicit and is_generated(data):
            return FileOutcome()
        return self.check_bytes(str(path), data, config)

    def check_named_bytes(self, path: str, data: bytes) -> FileOutcome:
        """Check bytes that stand for `path` (standard input from an editor or agent), with the
        configuration and exclusions the file at that path would get."""
        try:
            config = self.config_for(Path(path))
        except ConfigError as error:
            return FileOutcome(errors=(str(error),))
        if config.is_excluded(path):
            return FileOutcome()
        return self.check_bytes(path, data, config)

    def check_bytes(self, path: str, data: bytes, config: Config) -> FileOutcome:
        """Decode (noting invalid UTF-8) and check."""
        text, notice = decode(data)
        outcome = self.check_text(path, text, config)
        if notice:
            return FileOutcome(outcome.result, outcome.errors, (f"{path}: {notice}",), outcome.fail_on, 1)
        return outcome

    def check_text(self, path: str, text: str, config: Config) -> FileOutcome:
        """Check text that is already decoded (a file, or standard input)."""
        result = check_text(path, text, config, files=self.files)
        errors = tuple(f"{path}: {error}" for error in result.errors)
        return FileOutcome(result, errors, (), config.fail_on, 1)


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text (a BOM dropped); invalid bytes are replaced and a notice says so."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return (
            data.decode("utf-8", "replace"),
            f"not valid UTF-8 (first bad byte at offset {error.start}); checked with bad bytes replaced",
        )


_WORKER: FileChecker | None = None


def _init_worker(selection: Selection) -> None:
    global _WORKER  # noqa: PLW0603 - one checker per worker process, built once
    _WORKER = FileChecker(selection)


def _check_in_worker(item: tuple[Path, bool]) -> FileOutcome:
    assert _WORKER is not None
    return _WORKER.check_path(*item)


def run_paths(paths: list[Path], selection: Selection, jobs: int | None = None) -> RunResult:
    """Check every file under `paths`; large runs are spread over worker processes."""
    items = sorted(set(discover(paths)), key=lambda item: str(item[0]))
    result = RunResult()
    for path, explicit in items:
        if explicit and not path.exists():
            result.errors.append(f"{path}: no such file or directory")
    items = [(path, explicit) for path, explicit in items if path.exists()]
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    for outcome in _outcomes(items, selection, workers):
        result.add(outcome)
    return result


def _outcomes(items: list[tuple[Path, bool]], selection: Selection, workers: int) -> Iterable[FileOutcome]:
    if workers > 1 and _worth_a_pool(items):
        # Imported here: a one-file run (the common pre-commit case) must not pay for it.
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(selection,)) as pool:
            yield from pool.map(_check_in_worker, items, chunksize=16)
        return
    checker = FileChecker(selection)
    for path, explicit in items:
        yield checker.check_path(path, explicit)


def _worth_a_pool(items: list[tuple[Path, bool]]) -> bool:
    if len(items) < _PARALLEL_MIN_FILES:
        return False
    total = 0
    for path, _ in items:
        try:
            total += path.stat().st_size
        except OSError:
            continue
        if total >= _PARALLEL_MIN_BYTES:
            return True
    return False
