"""What an import needs: nothing (standard library, built-in, local code), or a package, and
whether the enclosing project declares a package that provides it."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from agentguard.rules.deps.existence.package_index import canonical_name, package_index, read_data_lines

if TYPE_CHECKING:
    import importlib.metadata

    from agentguard.rules.deps.existence.projects import Project
    from agentguard.rules.files import FileSource

# Python 2 standard modules that compatibility code still imports (usually guarded).
_PYTHON2_STDLIB = frozenset(
    {
        "urllib2",
        "urlparse",
        "httplib",
        "ConfigParser",
        "StringIO",
        "cStringIO",
        "cPickle",
        "Queue",
        "Tkinter",
        "thread",
        "commands",
        "HTMLParser",
        "cookielib",
        "SocketServer",
        "xmlrpclib",
        "__builtin__",
        "exceptions",
        "UserDict",
        "copy_reg",
        "sets",
        "md5",
        "sha",
    }
)
# Distribution names that add a suffix to the import name: `psycopg2-binary`, `faiss-cpu`.
_DISTRIBUTION_SUFFIXES = ("-binary", "-headless", "-cpu", "-gpu", "-client", "-sdk", "-python", "-py", "-lib")
_DISTRIBUTION_PREFIXES = ("python-", "py-", "py")
_PYTHON_SOURCE_SUFFIXES = (".py", ".pyi", ".pyx", ".pyd", ".so")


def is_python_stdlib(module: str) -> bool:
    """`os.path`, `__future__`, `tomllib`: part of Python itself."""
    top = module.split(".", 1)[0]
    return top in sys.stdlib_module_names or top in _PYTHON2_STDLIB or top in ("__future__", "__main__")


def python_distribution_candidates(module: str) -> list[str]:
    """Canonical distribution names that could provide `module`, most specific first: the
    bundled map (`yaml` -> `pyyaml`), then the dotted name (`google.cloud.storage` ->
    `google-cloud-storage`), down to the top-level name itself."""
    # Imported here: `is_python_stdlib` is asked of every file, the verdicts only of some.
    from agentguard.rules.deps.existence.verdicts import python_import_names

    parts = module.split(".")
    mapped = python_import_names()
    candidates: list[str] = []
    for length in range(len(parts), 0, -1):
        prefix = ".".join(parts[:length])
        candidates += [*mapped.get(prefix, ()), canonical_name("-".join(parts[:length]), "pypi")]
    return list(dict.fromkeys(candidates))


def named_provider(module: str, declared: frozenset[str]) -> str | None:
    """The declared distribution named after the Python `module` (or mapped to it), if any."""
    return next((name for name in python_distribution_candidates(module) if name in declared), None)


def related_provider(module: str, declared: frozenset[str]) -> str | None:
    """A declared distribution that provides `module` under a related name: a namespace or
    plugin family (`google-cloud-storage` for `google`), an affix (`faiss-cpu` for `faiss`), or
    what installed metadata says."""
    top = canonical_name(module.split(".", 1)[0], "pypi")
    for name in sorted(declared):
        if name.startswith(top + "-") or _strip_affixes(name) == top:
            return name
    installed = installed_import_names().get(module.split(".", 1)[0], frozenset())
    return min(installed & declared, default=None)


def _strip_affixes(name: str) -> str:
    for suffix in _DISTRIBUTION_SUFFIXES:
        name = name.removesuffix(suffix)
    for prefix in _DISTRIBUTION_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix) :]
    return name


@functools.cache
def installed_import_names() -> dict[str, frozenset[str]]:
    """Top-level import name -> canonical distributions, from installed metadata (read once).

    Like Python 3.11's `packages_distributions()`, which 3.10 lacks in part: `top_level.txt` where a
    distribution has one, else the top-level names of the files it installed.
    """
    from importlib.metadata import distributions

    names: dict[str, set[str]] = {}
    for distribution in distributions():
        name = distribution.metadata["Name"]
        if not name:
            continue
        for module in _top_level_names(distribution):
            names.setdefault(module, set()).add(canonical_name(name, "pypi"))
    return {module: frozenset(found) for module, found in names.items()}


def _top_level_names(distribution: importlib.metadata.Distribution) -> set[str]:
    declared = (distribution.read_text("top_level.txt") or "").split()
    if declared:
        return set(declared)
    inferred: set[str] = set()
    for file in distribution.files or ():
        in_package = len(file.parts) > 1
        if not in_package and not file.name.endswith(".py"):
            continue
        top = file.parts[0] if in_package else file.name.removesuffix(".py")
        if top not in {"..", "__pycache__"} and not top.endswith((".dist-info", ".data")):
            inferred.add(top)
    return inferred


def is_python_local(module: str, folders_above: list[Path], project: Project, files: FileSource) -> bool:
    """Whether the top-level name of `module` is the project's own code: a module or package
    beside the file or in a folder above it (up to the configuration root: `docs/conf.py`
    imports the package next to `docs/`), or under the project's `src/` or `lib/`."""
    top = module.split(".", 1)[0]
    if canonical_name(top, "pypi") in project.own_names:
        return True
    folders = [*folders_above, project.root / "src", project.root / "lib"]
    return any(_has_python_module(folder, top, files) for folder in folders)


def _has_python_module(folder: Path, name: str, files: FileSource) -> bool:
    if (folder / name).is_dir():
        return True
    return any(files.exists(folder / f"{name}{suffix}") for suffix in _PYTHON_SOURCE_SUFFIXES)


@functools.cache
def node_builtins() -> frozenset[str]:
    """Node's built-in modules (`fs`, `fs/promises`, `test`...), from the bundled list."""
    return frozenset(read_data_lines("node-builtins.txt"))


_NPM_NAME = re.compile(r"^(@[a-z0-9][\w.-]*/[\w.-]+|[a-z0-9][\w.-]*)")


def npm_package_of(specifier: str, project: Project) -> str | None:
    """The npm package a JS/TS import specifier needs, or None when it needs none: relative
    paths, `node:` and other schemes, built-ins, `#` subpath imports, tsconfig aliases."""
    if not specifier or specifier[0] in "./#~$" or ":" in specifier or specifier.startswith("@/"):
        return None
    if any(specifier.startswith(alias) for alias in project.path_aliases):
        return None
    first = specifier.split("/", 1)[0]
    if specifier in node_builtins() or first in node_builtins():
        return None
    match = _NPM_NAME.match(specifier)
    if match is None:
        return None  # upper case or odd characters: a bundler alias, not a package name
    package = match.group(1)
    if package.startswith("@") and not _known_scope(package, project):
        return None  # `@components/Button`: a bundler alias under a scope nobody publishes in
    bases = (*project.base_directories, project.root, project.root / "src")
    if not package.startswith("@") and any(_resolves_under(base, first) for base in bases):
        return None
    return package


def _known_scope(package: str, project: Project) -> bool:
    scope = package.split("/", 1)[0] + "/"
    return scope in _popular_scopes() or any(name.startswith(scope) for name in project.declared)


@functools.cache
def _popular_scopes() -> frozenset[str]:
    return frozenset(
        name.split("/", 1)[0] + "/" for name in package_index("npm").ranks if name.startswith("@")
    )


def _resolves_under(base: Path, first: str) -> bool:
    candidate = base / first
    return candidate.is_dir() or any(
        (base / f"{first}{suffix}").is_file() for suffix in (".ts", ".tsx", ".js", ".jsx", ".mjs", ".json")
    )


def npm_declared(package: str, project: Project, type_only: bool) -> bool:
    """Declared in package.json, or one of the workspace's own; for `import type`, declaring
    its `@types/` package is enough."""
    if package in project.declared or package in project.own_names:
        return True
    if not type_only:
        return False
    types = "@types/" + package.removeprefix("@").replace("/", "__")
    return types in project.declared


def go_declared(path: str, project: Project) -> bool:
    """Under the module's own path, a required module, or a workspace module."""
    return any(path == m or path.startswith(m + "/") for m in (*project.declared, *project.go_modules))


def is_go_stdlib(path: str) -> bool:
    """Standard packages have no dot in their first path element (`net/http`, `C`)."""
    return "." not in path.split("/", 1)[0]
