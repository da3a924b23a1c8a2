"""Names known to be real without the popular index: installed distributions, lock-file
entries (a resolver found them on a registry) and node_modules."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentguard.rules.deps.existence.package_index import canonical_name
from agentguard.rules.deps.manifests import lock_files_beside

if TYPE_CHECKING:
    from agentguard.rules.files import FileSource

# `name = "x"` entries of poetry.lock, uv.lock, pdm.lock and pylock.toml.
_TOML_LOCK_NAME = re.compile(r'^name\s*=\s*"([^"]+)"', re.M)
# yarn.lock entry headers: `"@scope/x@^1", x@~2:` and berry's `"x@npm:^1":`.
_YARN_ENTRY = re.compile(r'^"?(@?[^@\s"]+)@', re.M)
# pnpm-lock.yaml package keys: `/x@1.0.0:`, `/@scope/x@1.0.0:`, `x@1.0.0:`, `/x/1.0.0:`.
_PNPM_KEY = re.compile(r"^\s+'?/?(@[^/@\s']+/[^/@\s']+|[^/@\s']+)[@/]\d", re.M)
# A compiled requirements file pins every entry with hashes: `name==1.0 \` then `--hash=`.
_HASHED_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?", re.M)


@functools.cache
def installed_distributions() -> frozenset[str]:
    """Canonical names of the distributions installed where agentguard runs (read once)."""
    from importlib.metadata import distributions

    names: set[str] = set()
    for distribution in distributions():
        name = distribution.metadata["Name"] if distribution.metadata else None
        if isinstance(name, str):
            names.add(canonical_name(name, "pypi"))
    return frozenset(names)


def locked_names(manifest: Path, ecosystem: str, files: FileSource) -> frozenset[str]:
    """Canonical names listed in the lock files of the manifest's project."""
    names: set[str] = set()
    for lock in lock_files_beside(manifest, files, ecosystem):
        text = files.read_text(lock)
        if text is not None:
            names.update(_lock_entries(lock.name, text, ecosystem))
    if ecosystem == "pypi":
        for compiled in _compiled_requirements(manifest.parent, files):
            names.update(_lock_entries(compiled.name, files.read_text(compiled) or "", ecosystem))
    return frozenset(names)


@functools.lru_cache(maxsize=256)
def _lock_entries(filename: str, text: str, ecosystem: str) -> frozenset[str]:
    """Names in one lock file's text; parsed once per process for each distinct text."""
    if filename in ("package-lock.json", "npm-shrinkwrap.json", "Pipfile.lock"):
        raw = _json_lock_names(text)
    elif filename == "yarn.lock":
        raw = _YARN_ENTRY.findall(text)
    elif filename == "pnpm-lock.yaml":
        raw = _PNPM_KEY.findall(text)
    elif filename.endswith((".txt", ".in")):
        raw = _HASHED_REQUIREMENT.findall(text)
    else:
        raw = _TOML_LOCK_NAME.findall(text)
    return frozenset(canonical_name(name, ecosystem) for name in raw)


def _json_lock_names(text: str) -> list[str]:
    try:
        data: Any = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    names: list[str] = []
    for section in ("default", "develop", "dependencies"):  # Pipfile.lock; npm lockfile v1
        if isinstance(data.get(section), dict):
            names += list(data[section])
    packages = data.get("packages")
    if isinstance(packages, dict):  # npm lockfile v2/v3: "node_modules/a/node_modules/@s/b"
        names += [key.rpartition("node_modules/")[2] for key in packages if "node_modules/" in key]
    return names


def _compiled_requirements(directory: Path, files: FileSource) -> list[Path]:
    """Requirements files beside the manifest that pin with hashes (pip-compile output)."""
    found = []
    for name in ("requirements.txt", "requirements.lock", "requirements-lock.txt", "requirements/base.txt"):
        path = directory / name
        text = files.read_text(path) if files.exists(path) else None
        if text is not None and "--hash=" in text:
            found.append(path)
    return found


def in_node_modules(manifest: Path, name: str, files: FileSource) -> bool:
    """Whether `name` is installed in a node_modules folder the project resolves from."""
    for directory in (manifest.parent, *manifest.parent.parents[:4]):
        if files.exists(directory / "node_modules" / name / "package.json"):
            return True
    return False
