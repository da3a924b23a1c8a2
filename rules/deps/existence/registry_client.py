"""Opt-in online verification: does a package name exist on its registry, and since when?

Only package names leave the machine. Answers are cached on disk for `cache-ttl-hours`; a
registry that cannot be reached gives an answer that says so (never "does not exist").

No registry address is written in agentguard: the Python registry is pip's own configuration
(`PIP_INDEX_URL`, `UV_DEFAULT_INDEX`, pip.conf, then pip's built-in default), the npm registry
is npm's (`NPM_CONFIG_REGISTRY`, `.npmrc`, then `npm config get registry`), and both can be
set in `[tool.agentguard.deps]` as `pypi-url` / `npm-url` (private mirrors).
"""

from __future__ import annotations

import configparser
import datetime
import functools
import json
import os
import re
import shutil
import threading
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TIMEOUT_SECONDS = 8.0
_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_PARALLEL_LOOKUPS = 8
_SIMPLE_SUFFIX = re.compile(r"/\+?simple/?$")


@dataclass(frozen=True)
class RegistryAnswer:
    """What the registry said about one name; `problem` is set when it could not be asked."""

    exists: bool | None
    first_published: datetime.date | None = None
    problem: str = ""


class RegistryUnavailable(Exception):
    """No registry address is configured, or asking it failed; the message says why."""


@dataclass(frozen=True)
class AnswerCache:
    """Registry answers on disk, one small JSON file per name, reused for `ttl` seconds."""

    directory: Path
    ttl: float

    def get(self, ecosystem: str, registry: str, name: str) -> RegistryAnswer | None:
        """The cached answer, if one is fresh and came from the same registry."""
        try:
            data = json.loads(self._path(ecosystem, name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("registry") != registry:
            return None
        fetched = data.get("fetched")
        if not isinstance(fetched, (int, float)) or time.time() - fetched > self.ttl:
            return None
        published = data.get("first_published")
        return RegistryAnswer(bool(data.get("exists")), _parse_date(published) if published else None)

    def put(self, ecosystem: str, registry: str, name: str, answer: RegistryAnswer) -> None:
        """Store an answer (never a failed look-up); a cache that cannot be written is skipped."""
        record = {
            "registry": registry,
            "exists": answer.exists,
            "first_published": answer.first_published.isoformat() if answer.first_published else None,
            "fetched": time.time(),
        }
        path = self._path(ecosystem, name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            temporary.write_text(json.dumps(record), encoding="utf-8")
            temporary.replace(path)  # atomic: parallel workers never read half a file
        except OSError:
            return

    def _path(self, ecosystem: str, name: str) -> Path:
        return self.directory / "registry" / ecosystem / f"{urllib.parse.quote(name, safe='')}.json"


def default_cache_directory() -> Path:
    """`$AGENTGUARD_CACHE_DIR`, else `$XDG_CACHE_HOME/agentguard`, else `~/.cache/agentguard`."""
    explicit = os.environ.get("AGENTGUARD_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "agentguard"


class RegistryClient:
    """Asks one registry about names, through the cache, several names at a time."""

    def __init__(self, ecosystem: str, base_url: str, cache: AnswerCache) -> None:
        self.ecosystem = ecosystem
        self.base_url = base_url.rstrip("/")
        self.cache = cache

    def look_up(self, names: Iterable[str]) -> dict[str, RegistryAnswer]:
        """An answer for every name: cached, fetched, or one that says why it could not be asked."""
        answers: dict[str, RegistryAnswer] = {}
        missing: list[str] = []
        for name in dict.fromkeys(names):
            cached = self.cache.get(self.ecosystem, self.base_url, name)
            if cached is None:
                missing.append(name)
            else:
                answers[name] = cached
        if missing:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(min(_PARALLEL_LOOKUPS, len(missing))) as pool:
                answers.update(zip(missing, pool.map(self._fetch, missing), strict=True))
        return answers

    def _fetch(self, name: str) -> RegistryAnswer:
        unreachable = _UNREACHABLE.get(self.base_url)
        if unreachable is not None:
            return RegistryAnswer(None, problem=unreachable)
        try:
            answer = self._ask(name)
        except RegistryUnavailable as error:
            return RegistryAnswer(None, problem=str(error))
        self.cache.put(self.ecosystem, self.base_url, name, answer)
        return answer

    def _ask(self, name: str) -> RegistryAnswer:
        if self.ecosystem == "pypi":
            url = f"{self.base_url}/pypi/{urllib.parse.quote(name, safe='')}/json"
        else:
            url = f"{self.base_url}/{urllib.parse.quote(name, safe='@')}"
        document = _get_json(url, self.base_url)
        if document is None:
            return RegistryAnswer(False)
        if self.ecosystem == "pypi":
            return RegistryAnswer(True, _pypi_first_upload(document))
        return _npm_answer(document)


# Registries that refused a connection in this process: asking again per name would only add
# a timeout per name to the run.
_UNREACHABLE: dict[str, str] = {}


def _get_json(url: str, registry: str) -> Any:
    """The JSON at `url`; None for 404 (the name does not exist); RegistryUnavailable otherwise."""
    # The HTTP client is imported only when a run is online: offline runs never pay for it.
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "agentguard"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(_MAX_RESPONSE_BYTES)
    except urllib.error.HTTPError as error:
        if error.code in (404, 410):
            return None
        raise RegistryUnavailable(f"the registry at {registry} answered HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        problem = f"cannot reach the registry at {registry} ({reason})"
        _UNREACHABLE[registry] = problem
        raise RegistryUnavailable(problem) from None
    try:
        return json.loads(body)
    except ValueError:
        raise RegistryUnavailable(f"the registry at {registry} did not answer JSON") from None


def _pypi_first_upload(document: Any) -> datetime.date | None:
    releases = document.get("releases") if isinstance(document, dict) else None
    if not isinstance(releases, dict):
        return None
    times = [
        _parse_date(str(upload.get("upload_time_iso_8601") or upload.get("upload_time") or ""))
        for uploads in releases.values()
        if isinstance(uploads, list)
        for upload in uploads
        if isinstance(upload, dict)
    ]
    dates = [date for date in times if date is not None]
    return min(dates) if dates else None


def _npm_answer(document: Any) -> RegistryAnswer:
    times = document.get("time") if isinstance(document, dict) else None
    if not isinstance(times, dict):
        return RegistryAnswer(True)
    if "unpublished" in times and not document.get("versions"):
        return RegistryAnswer(False)  # unpublished: the name is free for anyone to take again
    created = times.get("created")
    return RegistryAnswer(True, _parse_date(created) if isinstance(created, str) else None)


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def pypi_base_url(configured: str) -> str:
    """The PyPI JSON API base: `pypi-url`, else pip's configured index without `/simple`."""
    if configured:
        return configured.rstrip("/")
    index = _pip_index_url()
    if not index:
        raise RegistryUnavailable(
            "no Python package index is configured: set `pypi-url` in [tool.agentguard.deps] or PIP_INDEX_URL"
        )
    return _SIMPLE_SUFFIX.sub("", index.rstrip("/") + "/").rstrip("/")


def npm_base_url(configured: str, project: Path) -> str:
    """The npm registry: `npm-url`, else npm's configured registry."""
    if configured:
        return configured.rstrip("/")
    registry = _npm_registry(project)
    if not registry:
        raise RegistryUnavailable(
            "no npm registry is configured: set `npm-url` in [tool.agentguard.deps] or NPM_CONFIG_REGISTRY"
        )
    return registry.rstrip("/")


def _pip_index_url() -> str:
    for variable in ("PIP_INDEX_URL", "UV_DEFAULT_INDEX", "UV_INDEX_URL"):
        if os.environ.get(variable):
            return os.environ[variable]
    for path in _pip_config_files():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeError):
            continue
        for section in ("install", "global"):
            if parser.has_option(section, "index-url"):
                return parser.get(section, "index-url")
    return _pip_default_index()


def _pip_config_files() -> list[Path]:
    home = Path.home()
    candidates = [Path(os.environ["PIP_CONFIG_FILE"])] if os.environ.get("PIP_CONFIG_FILE") else []
    if os.environ.get("VIRTUAL_ENV"):
        candidates.append(Path(os.environ["VIRTUAL_ENV"]) / "pip.conf")
    xdg = Path(os.environ["XDG_CONFIG_HOME"]) if os.environ.get("XDG_CONFIG_HOME") else home / ".config"
    candidates += [xdg / "pip" / "pip.conf", home / ".pip" / "pip.conf", Path("/etc/pip.conf")]
    return [candidate for candidate in candidates if candidate.is_file()]


@functools.cache
def _pip_default_index() -> str:
    """pip's built-in default index, read from the installed pip rather than written here."""
    try:
        from pip._internal.models.index import PyPI  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return ""
    return str(getattr(PyPI, "simple_url", "") or "")


def _npm_registry(project: Path) -> str:
    for variable in ("NPM_CONFIG_REGISTRY", "npm_config_registry"):
        if os.environ.get(variable):
            return os.environ[variable]
    for directory in (project, *project.parents, Path.home()):
        configured = _npmrc_registry(directory / ".npmrc")
        if configured:
            return configured
    return _npm_default_registry()


def _npmrc_registry(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return ""
    match = re.search(r"^\s*registry\s*=\s*(\S+)", text, re.M)
    return match.group(1) if match else ""


@functools.cache
def _npm_default_registry() -> str:
    """npm's built-in default registry, asked of the installed npm rather than written here."""
    import subprocess  # only online checks of npm names get here: offline runs skip the import

    npm = shutil.which("npm")
    if npm is None:
        return ""
    try:
        completed = subprocess.run(
            [npm, "config", "get", "registry"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    value = completed.stdout.strip()
    return value if completed.returncode == 0 and value.startswith(("http://", "https://")) else ""
