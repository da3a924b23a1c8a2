"""The project a source file belongs to: its nearest dependency manifest, what the project
declares, and which import names are its own code.

Manifests are read through the FileSource (the language server overlays unsaved buffers) and
parsed once per process for each distinct text. Directories are searched from the file up to
the configuration root.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import sys
import weakref
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentguard.rules.deps.existence.go_modules import parse_go_mod, parse_go_work
from agentguard.rules.deps.existence.package_index import canonical_name
from agentguard.rules.deps.manifests import (
    RequirementInclude,
    declared_dependencies,
    is_requirements_path,
    requirement_lines,
)
from agentguard.rules.document import Document

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

if TYPE_CHECKING:
    from agentguard.rules.files import FileSource

PYTHON_MANIFESTS = ("pyproject.toml", "setup.cfg", "setup.py", "Pipfile")
_REQUIREMENT_DIRECTORIES = ("requirements", "requirements.d", "reqs")
_INCLUDE_DEPTH = 4
# Specifiers under which a declared name is not itself looked up on the registry: a workspace
# package, or an npm alias (`"x": "npm:real@1"` installs `real`, which is judged instead).
_NOT_REGISTRY_NAMES = ("workspace:", "npm:")


@dataclass(frozen=True)
class Project:
    """What one project declares, as seen from one directory.

    `manifests` are the nearest manifests (where findings about declared names point);
    `declared` holds canonical names from them and from manifests further up (a monorepo's
    root); `references` those of them declared by URL, path or workspace rather than from a
    registry; `complete` is False when some declaration cannot be read without running code.
    """

    ecosystem: str
    root: Path
    manifests: tuple[Path, ...]
    declared: frozenset[str]
    complete: bool = True
    own_names: frozenset[str] = frozenset()
    references: frozenset[str] = frozenset()
    path_aliases: tuple[str, ...] = ()
    base_directories: tuple[Path, ...] = ()
    go_modules: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Declarations:
    """What one manifest file declares."""

    names: frozenset[str]
    complete: bool = True
    own_names: frozenset[str] = frozenset()
    includes: tuple[str, ...] = field(default=())
    references: frozenset[str] = frozenset()


def search_directories(path: Path, root: Path) -> list[Path]:
    """The file's directory and its parents, up to `root` when the file is under it."""
    directory = path.absolute().parent
    chain = [directory, *directory.parents]
    absolute_root = root.absolute()
    if absolute_root in chain:
        return chain[: chain.index(absolute_root) + 1]
    return chain


# Per FileSource (one per CLI process, one per language-server request): which directories
# hold which manifests. Weak keys: the cache goes when the FileSource does.
_LISTINGS: weakref.WeakKeyDictionary[Any, dict[tuple[Path, str], tuple[Path, ...]]] = (
    weakref.WeakKeyDictionary()
)
# And which project each directory belongs to, for the same FileSource.
_PROJECTS: weakref.WeakKeyDictionary[Any, dict[tuple[Path, str, Path], Project | None]] = (
    weakref.WeakKeyDictionary()
)


def _cache_for(caches: weakref.WeakKeyDictionary[Any, dict[Any, Any]], files: FileSource) -> dict[Any, Any]:
    try:
        return caches.setdefault(files, {})
    except TypeError:  # a FileSource that cannot be weakly referenced: no cache
        return {}


def _manifests_in(directory: Path, ecosystem: str, files: FileSource) -> tuple[Path, ...]:
    cache = _cache_for(_LISTINGS, files)
    key = (directory, ecosystem)
    if key not in cache:
        cache[key] = _find_manifests(directory, ecosystem, files)
    found: tuple[Path, ...] = cache[key]
    return found


def _find_manifests(directory: Path, ecosystem: str, files: FileSource) -> tuple[Path, ...]:
    if ecosystem == "npm":
        candidates = [directory / "package.json"]
    elif ecosystem == "go":
        candidates = [directory / "go.mod"]
    else:
        candidates = [directory / name for name in PYTHON_MANIFESTS]
        candidates += [directory / name for name in _listing(directory) if _is_requirements_name(name)]
        for sub in _REQUIREMENT_DIRECTORIES:
            candidates += [
                directory / sub / name for name in _listing(directory / sub) if name.endswith((".txt", ".in"))
            ]
    return tuple(path for path in dict.fromkeys(candidates) if files.exists(path))


@functools.lru_cache(maxsize=4096)
def _is_requirements_name(name: str) -> bool:
    """`is_requirements_path` for a file name: asked for every entry of every directory above a
    file, on every check, with the same few names each time."""
    return is_requirements_path(name)


def _listing(directory: Path) -> list[str]:
    try:
        return sorted(entry.name for entry in os.scandir(directory))
    except OSError:
        return []


def find_project(path: Path, ecosystem: str, root: Path, files: FileSource) -> Project | None:
    """The project `path` belongs to in `ecosystem` ("pypi", "npm" or "go"); None if no
    manifest of that ecosystem is above it (then its imports are not checked)."""
    cache = _cache_for(_PROJECTS, files)
    key = (path.absolute().parent, ecosystem, root)
    if key not in cache:
        cache[key] = _search_project(path, ecosystem, root, files)
    found: Project | None = cache[key]
    return found


def _search_project(path: Path, ecosystem: str, root: Path, files: FileSource) -> Project | None:
    directories = search_directories(path, root)
    for index, directory in enumerate(directories):
        manifests = _manifests_in(directory, ecosystem, files)
        if ecosystem == "pypi":
            manifests = tuple(m for m in manifests if _declares_python(m, files))
        if manifests:
            return _build_project(ecosystem, directory, manifests, directories[index + 1 :], files)
    return None


def _declares_python(manifest: Path, files: FileSource) -> bool:
    """A pyproject.toml that only configures tools is not a dependency manifest."""
    if manifest.name != "pyproject.toml":
        return True
    text = files.read_text(manifest) or ""
    return re.search(r"^\s*\[(project|tool\.poetry|dependency-groups)\b", text, re.M) is not None


def _build_project(
    ecosystem: str, directory: Path, manifests: tuple[Path, ...], above: list[Path], files: FileSource
) -> Project:
    nearest = [_declarations(m, ecosystem, files) for m in manifests]
    declared = set().union(*(d.names for d in nearest))
    own = set().union(*(d.own_names for d in nearest))
    references = set().union(*(d.references for d in nearest))
    complete = _complete(ecosystem, nearest, manifests)
    for ancestor in above:
        for manifest in _manifests_in(ancestor, ecosystem, files):
            outer = _declarations(manifest, ecosystem, files)
            declared |= outer.names
            own |= outer.own_names
            references |= outer.references
    project = Project(
        ecosystem, directory, manifests, frozenset(declared), complete, frozenset(own), frozenset(references)
    )
    if ecosystem == "npm":
        aliases, bases = _typescript_paths(directory, files)
        members = _workspace_members([directory, *above], files)
        return replace(
            project, own_names=project.own_names | members, path_aliases=aliases, base_directories=bases
        )
    if ecosystem == "go":
        modules = tuple(sorted(own | _go_workspace_modules([directory, *above], files)))
        return replace(project, go_modules=modules)
    return project


def _complete(ecosystem: str, nearest: list[_Declarations], manifests: tuple[Path, ...]) -> bool:
    """Incomplete only when nothing in the directory says what a dynamic declaration holds."""
    if all(d.complete for d in nearest):
        return True
    return ecosystem == "pypi" and any(
        is_requirements_path(m.name) or m.parent.name in _REQUIREMENT_DIRECTORIES for m in manifests
    )


def _declarations(manifest: Path, ecosystem: str, files: FileSource) -> _Declarations:
    text = files.read_text(manifest)
    if text is None:
        return _Declarations(frozenset(), complete=False)
    found = _parse_declarations(str(manifest), text, ecosystem)
    if not found.includes:
        return found
    return _with_includes(manifest, found, files)


def _with_includes(manifest: Path, found: _Declarations, files: FileSource) -> _Declarations:
    """Follow `-r other.txt` (and `dynamic` dependency files) a few levels deep."""
    names = set(found.names)
    references = set(found.references)
    pending = [(manifest.parent / include, 1) for include in found.includes]
    seen = {manifest}
    while pending:
        path, depth = pending.pop()
        if path in seen or depth > _INCLUDE_DEPTH:
            continue
        seen.add(path)
        text = files.read_text(path)
        if text is None:
            continue
        included = _parse_declarations(str(path), text, "pypi", requirements=True)
        names |= included.names
        references |= included.references
        pending += [(path.parent / include, depth + 1) for include in included.includes]
    return _Declarations(frozenset(names), found.complete, found.own_names, (), frozenset(references))


@functools.lru_cache(maxsize=512)
def _parse_declarations(path: str, text: str, ecosystem: str, requirements: bool = False) -> _Declarations:
    """One manifest's declarations; cached per path and text, so a project's thousands of
    files parse its manifests once."""
    name = Path(path).name
    if ecosystem == "go":
        module = parse_go_mod(text)
        return _Declarations(frozenset(module.requires), own_names=frozenset({module.path}) - {""})
    if name == "setup.py":
        return _setup_py_declarations(text)
    doc = Document(f"{path}.requirements.txt" if requirements else path, text)
    declared = declared_dependencies(doc)
    names = frozenset(canonical_name(d.name, ecosystem) for d in declared)
    references = frozenset(
        canonical_name(d.name, ecosystem)
        for d in declared
        if d.url is not None or d.specifier.startswith(_NOT_REGISTRY_NAMES)
    )
    if ecosystem == "npm":
        return replace(_package_json_extras(text, names), references=references)
    if requirements or is_requirements_path(path):
        includes = tuple(
            item.target for item in requirement_lines(doc) if isinstance(item, RequirementInclude)
        )
        return _Declarations(names, includes=includes, references=references)
    if name == "pyproject.toml":
        return replace(_pyproject_extras(text, names), references=references)
    return _Declarations(names, references=references)


def _pyproject_extras(text: str, names: frozenset[str]) -> _Declarations:
    """Build requirements, the project's own name, and `dynamic` dependencies read from files."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return _Declarations(names)
    project = _table(data, "project")
    build = _table(data, "build-system")
    extra = {_requirement_name(r) for r in build.get("requires", []) if isinstance(r, str)}
    own = {canonical_name(str(n), "pypi") for n in (project.get("name"), _poetry_name(data)) if n}
    dynamic = project.get("dynamic", [])
    includes: tuple[str, ...] = ()
    complete = True
    if isinstance(dynamic, list) and {"dependencies", "optional-dependencies"} & set(dynamic):
        setuptools = _table(_table(_table(_table(data, "tool"), "setuptools"), "dynamic"), "dependencies")
        files = setuptools.get("file", [])
        includes = tuple([files] if isinstance(files, str) else [f for f in files if isinstance(f, str)])
        complete = bool(includes)
    return _Declarations(names | (extra - {""}), complete, frozenset(own), includes)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _poetry_name(data: dict[str, Any]) -> object:
    poetry = data.get("tool", {}).get("poetry", {})
    return poetry.get("name") if isinstance(poetry, dict) else None


_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _requirement_name(requirement: str) -> str:
    match = _REQUIREMENT_NAME.match(requirement)
    return canonical_name(match.group(1), "pypi") if match else ""


_SETUP_KEYWORDS = frozenset({"install_requires", "extras_require", "tests_require", "setup_requires"})


def _setup_py_declarations(text: str) -> _Declarations:
    """Literal requirement lists passed to `setup()` (never executed; parsed with `ast`)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return _Declarations(frozenset(), complete=False)
    assigned = {
        target.id: node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    names: set[str] = set()
    own: set[str] = set()
    complete = True
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            value = (
                assigned.get(keyword.value.id, keyword.value)
                if isinstance(keyword.value, ast.Name)
                else keyword.value
            )
            if keyword.arg == "name" and isinstance(value, ast.Constant) and isinstance(value.value, str):
                own.add(canonical_name(value.value, "pypi"))
            if keyword.arg in _SETUP_KEYWORDS:
                strings = _literal_strings(value)
                complete &= strings is not None
                names.update(_requirement_name(s) for s in strings or [])
    return _Declarations(frozenset(names - {""}), complete, frozenset(own))


def _literal_strings(node: ast.expr) -> list[str] | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return None
    if isinstance(value, str):
        return value.splitlines()
    if isinstance(value, dict):
        value = [item for items in value.values() for item in (items if isinstance(items, list) else [items])]
    if isinstance(value, (list, tuple)):
        return [item for item in value if isinstance(item, str)]
    return None


def _package_json_extras(text: str, names: frozenset[str]) -> _Declarations:
    """The package's own name and bundled dependencies besides the declared sections."""
    data = _json_object(text)
    own = {str(data["name"]).lower()} if isinstance(data.get("name"), str) else set()
    bundled = data.get("bundledDependencies") or data.get("bundleDependencies") or []
    extra = {str(name).lower() for name in bundled} if isinstance(bundled, list) else set()
    return _Declarations(names | extra, own_names=frozenset(own))


def _json_object(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _workspace_members(directories: list[Path], files: FileSource) -> set[str]:
    """Names of the packages in npm/yarn/pnpm workspaces declared at or above the project."""
    members: set[str] = set()
    for directory in directories:
        patterns = _workspace_patterns(directory, files)
        for pattern in patterns:
            for member in _glob_directories(directory, pattern):
                data = _json_object(files.read_text(member / "package.json") or "")
                if isinstance(data.get("name"), str):
                    members.add(data["name"].lower())
    return members


def _workspace_patterns(directory: Path, files: FileSource) -> list[str]:
    data = _json_object(files.read_text(directory / "package.json") or "")
    workspaces = data.get("workspaces")
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    patterns = [w for w in workspaces if isinstance(w, str)] if isinstance(workspaces, list) else []
    pnpm = files.read_text(directory / "pnpm-workspace.yaml") or ""
    patterns += re.findall(r"^\s*-\s*['\"]?([^'\"#\n]+?)['\"]?\s*$", pnpm, re.M)
    return [p for p in patterns if not p.startswith("!")]


def _glob_directories(directory: Path, pattern: str) -> list[Path]:
    try:
        return [path for path in directory.glob(pattern.rstrip("/")) if path.is_dir()][:500]
    except (ValueError, OSError):
        return []


_JSON_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _typescript_paths(directory: Path, files: FileSource) -> tuple[tuple[str, ...], tuple[Path, ...]]:
    """Import prefixes that tsconfig/jsconfig `paths` map to local code, and `baseUrl` folders."""
    aliases: list[str] = []
    bases: list[Path] = []
    for name in ("tsconfig.json", "jsconfig.json", "tsconfig.base.json", "tsconfig.app.json"):
        config = directory / name
        options = _compiler_options(config, files)
        for key in options.get("paths", {}) if isinstance(options.get("paths"), dict) else {}:
            aliases.append(str(key).rstrip("*"))
        if isinstance(options.get("baseUrl"), str):
            bases.append((config.parent / options["baseUrl"]).absolute())
    return tuple(a for a in aliases if a), tuple(bases)


def _compiler_options(config: Path, files: FileSource, depth: int = 0) -> dict[str, Any]:
    text = files.read_text(config) if files.exists(config) else None
    if text is None or depth > 3:
        return {}
    cleaned = _JSON_COMMENT.sub(lambda m: m.group() if m.group().startswith('"') else "", text)
    data = _json_object(_TRAILING_COMMA.sub(r"\1", cleaned))
    options = _table(data, "compilerOptions")
    extends = data.get("extends")
    if isinstance(extends, str) and extends.startswith("."):
        parent = _compiler_options((config.parent / extends).with_suffix(".json"), files, depth + 1)
        return {**parent, **options}
    return options


def _go_workspace_modules(directories: list[Path], files: FileSource) -> set[str]:
    modules: set[str] = set()
    for directory in directories:
        text = files.read_text(directory / "go.work") if files.exists(directory / "go.work") else None
        for use in parse_go_work(text or ""):
            module = parse_go_mod(files.read_text(directory / use / "go.mod") or "")
            if module.path:
                modules.add(module.path)
    return modules
