"""Dependency manifests: which files declare dependencies, what they declare, and where.

Shared by the pinning and existence families. Nothing here executes project code (no setup.py)
and nothing raises on broken input: a manifest that cannot be parsed declares nothing.
Positions come from small scanners over the text, because the standard TOML and JSON parsers
give values without positions; the parsers stay the authority on what the values are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from agentguard.rules.languages import detect_language
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Range
from agentguard.rules.toml_parser import parse_toml

if TYPE_CHECKING:
    from agentguard.rules.document import Document
    from agentguard.rules.files import FileSource


@dataclass(frozen=True)
class Declared:
    """One dependency a manifest declares."""

    name: str  # the package name as written (not normalised)
    ecosystem: str  # "pypi" or "npm"
    specifier: str  # the version constraint as written ("" when none; for npm the version string)
    range: Range  # where the name is written (what a finding underlines)
    manifest: str  # "requirements", "pyproject", "poetry", "pipfile", "setup.cfg", "package.json"
    section: str  # e.g. "dependencies", "optional-dependencies.dev", "devDependencies", "dev-packages"
    url: str | None  # VCS/URL/path reference when the requirement is one, else None


@dataclass(frozen=True)
class RequirementEntry:
    """One requirement line of a requirements file (a named requirement, a URL, or a local path).

    `name` is None for a nameless URL or local path; `range` covers the whole requirement as
    written (options and comments excluded); `name_range` the name when there is one.
    """

    name: str | None
    specifier: str
    url: str | None
    editable: bool
    range: Range
    name_range: Range
    text: str


@dataclass(frozen=True)
class RequirementInclude:
    """A `-r`/`--requirement` (or, with `constraint`, a `-c`/`--constraint`) line."""

    target: str
    constraint: bool
    range: Range


PYPI_LOCKS = ("poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "pylock.toml")
NPM_LOCKS = (
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "bun.lockb",
)
_REQUIREMENTS_DIRS = frozenset({"requirements", "requirements.d", "reqs"})
_MANIFEST_NAMES = {
    "pyproject.toml": "pyproject",
    "Pipfile": "pipfile",
    "setup.cfg": "setup.cfg",
    "package.json": "package.json",
}
# How far up a workspace member looks for the workspace root's lock file.
_WORKSPACE_DEPTH = 6


def manifest_kind(path: str) -> str | None:
    """The kind of dependency manifest `path` is, by its file name; None if it is not one.

    One of "requirements", "pyproject", "pipfile", "setup.cfg", "package.json" (Poetry tables
    live in "pyproject" files; their entries say "poetry").
    """
    posix = PurePosixPath(path.replace("\\", "/"))
    kind = _MANIFEST_NAMES.get(posix.name)
    if kind is not None:
        return kind
    return "requirements" if is_requirements_path(path) else None


def is_requirements_path(path: str) -> bool:
    """Whether `path` is a pip requirements or constraints file (also `requirements/base.txt`)."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if detect_language(posix.name) == "requirements":
        return True
    return posix.suffix in (".txt", ".in") and posix.parent.name.lower() in _REQUIREMENTS_DIRS


def normalize_name(name: str, ecosystem: str) -> str:
    """The canonical form of a package name: PEP 503 for PyPI, lower case for npm."""
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    return name.lower()


def declared_dependencies(doc: Document) -> list[Declared]:
    """Every dependency the manifest `doc` declares, in file order; [] for other files."""
    kind = manifest_kind(doc.path)
    try:
        if kind == "requirements":
            return _requirements_declared(doc)
        if kind == "pyproject":
            return _pyproject_declared(doc)
        if kind == "pipfile":
            return _pipfile_declared(doc)
        if kind == "setup.cfg":
            return _setup_cfg_declared(doc)
        if kind == "package.json":
            return _package_json_declared(doc)
    except (ValueError, TypeError, AttributeError, RecursionError):
        return []
    return []


def lock_files_beside(manifest_path: Path, files: FileSource, ecosystem: str | None = None) -> list[Path]:
    """The lock files that pin the project of `manifest_path`.

    Those in the manifest's own directory, and, for a workspace member, those at the workspace
    root above it (an npm/yarn/pnpm workspace, or a uv workspace). `ecosystem` ("pypi" or
    "npm") restricts the lock kinds; None means both.
    """
    names = {"pypi": PYPI_LOCKS, "npm": NPM_LOCKS}.get(ecosystem or "", PYPI_LOCKS + NPM_LOCKS)
    found = [manifest_path.parent / name for name in names if files.exists(manifest_path.parent / name)]
    for directory in list(manifest_path.parent.parents)[:_WORKSPACE_DEPTH]:
        if _is_workspace_root(directory, files):
            found += [directory / name for name in names if files.exists(directory / name)]
    return found


def _is_workspace_root(directory: Path, files: FileSource) -> bool:
    if files.exists(directory / "pnpm-workspace.yaml"):
        return True
    package_json = files.read_text(directory / "package.json")
    if package_json is not None and '"workspaces"' in package_json:
        return True
    pyproject = files.read_text(directory / "pyproject.toml")
    return pyproject is not None and re.search(r"^\s*\[tool\.uv\.workspace\]", pyproject, re.M) is not None


# --- requirements files ---------------------------------------------------------------------

_INCLUDE = LazyPattern(r"^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?<=^-[rc]))(\S+)")
_EDITABLE = LazyPattern(r"^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)")
_TRAILING_OPTIONS = LazyPattern(r"\s+--?[A-Za-z]")
_COMMENT = LazyPattern(r"(^|\s)#")
_NAME_START = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SPECIFIER_TEXT = LazyPattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*([^;@]*)")
_URL_SCHEME = LazyPattern(r"^[A-Za-z][A-Za-z0-9+.-]*://|^file:|^git\+|^hg\+|^svn\+|^bzr\+", re.I)
_EGG = LazyPattern(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_ARCHIVE = LazyPattern(r"\.(whl|tar\.gz|tgz|tar\.bz2|zip)$", re.I)
# `name==*` / `name *`: not PEP 508, but written by hand to mean "any version".
_WILDCARD = LazyPattern(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[=<>!~]=?)?\s*\*\s*$")


def requirement_lines(doc: Document) -> Iterator[RequirementEntry | RequirementInclude]:
    """The requirements and include lines of a requirements file, in order (never raises)."""
    for start, logical, segments in _logical_lines(doc.text):
        try:
            item = _parse_requirement_line(doc, start, logical, segments)
        except (ValueError, TypeError):
            continue
        if item is not None:
            yield item


def _logical_lines(text: str) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    """Lines joined across `\\` continuations, comments removed.

    Yields (character offset of the logical line in `text`, its text, segments) where segments
    map offsets in the logical text back to offsets in `text`: (logical offset, text offset).
    """
    offset = 0
    pieces: list[str] = []
    segments: list[tuple[int, int]] = []
    start = 0
    for raw in text.split("\n"):
        line = raw.removesuffix("\r")
        if not pieces:
            start = offset
        comment = _COMMENT.search(line)
        content = line[: comment.start()] if comment else line
        segments.append((sum(len(p) for p in pieces), offset))
        continued = content.rstrip().endswith("\\") and not comment
        pieces.append(content.rstrip()[:-1] if continued else content)
        offset += len(raw) + 1
        if not continued:
            yield start, "".join(pieces), segments
            pieces, segments = [], []
    if pieces:
        yield start, "".join(pieces), segments


def _text_offset(segments: list[tuple[int, int]], logical_offset: int) -> int:
    for logical_start, text_start in reversed(segments):
        if logical_offset >= logical_start:
            return text_start + logical_offset - logical_start
    return segments[0][1] + logical_offset


def _parse_requirement_line(
    doc: Document, start: int, logical: str, segments: list[tuple[int, int]]
) -> RequirementEntry | RequirementInclude | None:
    stripped = logical.strip()
    if not stripped:
        return None
    lead = len(logical) - len(logical.lstrip())

    def span(begin: int, end: int) -> Range:
        return doc.text_range(_text_offset(segments, lead + begin), _text_offset(segments, lead + end))

    include = _INCLUDE.match(stripped)
    if include:
        constraint = include.group(1) in ("-c", "--constraint")
        return RequirementInclude(include.group(2), constraint, span(include.start(2), include.end(2)))
    editable = _EDITABLE.match(stripped)
    if editable:
        target = editable.group(1)
        return _url_entry(target, True, span(editable.start(1), editable.end(1)))
    if stripped.startswith("-"):
        return None
    options = _TRAILING_OPTIONS.search(stripped)
    requirement = stripped[: options.start()] if options else stripped
    whole = span(0, len(requirement))
    if (
        _URL_SCHEME.match(requirement)
        or requirement.startswith((".", "/", "~"))
        or _ARCHIVE.search(requirement)
    ):
        return _url_entry(requirement, False, whole)
    return _named_entry(requirement, whole, span)


def _url_entry(target: str, editable: bool, where: Range) -> RequirementEntry:
    egg = _EGG.search(target)
    return RequirementEntry(
        name=egg.group(1) if egg else None,
        specifier="",
        url=target,
        editable=editable,
        range=where,
        name_range=where,
        text=target,
    )


def _named_entry(
    requirement: str, whole: Range, span: Callable[[int, int], Range]
) -> RequirementEntry | None:
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(requirement)
    except InvalidRequirement:
        wildcard = _WILDCARD.match(requirement)
        if wildcard is None:
            return None
        name_end = wildcard.end(1)
        return RequirementEntry(wildcard.group(1), "*", None, False, whole, span(0, name_end), requirement)
    name = _NAME_START.match(requirement)
    if name is None:
        return None
    written = _SPECIFIER_TEXT.match(requirement)
    return RequirementEntry(
        name=name.group(),
        specifier=written.group(1).strip() if written and parsed.url is None else "",
        url=parsed.url,
        editable=False,
        range=whole,
        name_range=span(0, name.end()),
        text=requirement,
    )


def _requirements_declared(doc: Document) -> list[Declared]:
    return [
        Declared(
            entry.name, "pypi", entry.specifier, entry.name_range, "requirements", "requirements", entry.url
        )
        for entry in requirement_lines(doc)
        if isinstance(entry, RequirementEntry) and entry.name is not None
    ]


# --- TOML positions -------------------------------------------------------------------------

_HEADER = LazyPattern(r"^[ \t]*\[(\[?)[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.M)
_KEY_PART = LazyPattern(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)')


@dataclass(frozen=True)
class _Table:
    """A `[table]` of a TOML text: its dotted key path and the character span of its body."""

    path: tuple[str, ...]
    header: int
    body_start: int
    body_end: int


def _key_path(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in _KEY_PART.finditer(dotted))


def _toml_tables(text: str) -> list[_Table]:
    headers = list(_HEADER.finditer(text))
    tables = [_Table((), 0, 0, headers[0].start() if headers else len(text))]
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        tables.append(_Table(_key_path(header.group(2)), header.start(), header.end(), end))
    return tables


class _TomlLocator:
    """Finds where keys and string literals of a TOML text are written."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.tables = _toml_tables(doc.text)

    def table(self, path: tuple[str, ...]) -> _Table | None:
        return next((t for t in self.tables if t.path == path), None)

    def header_range(self, path: tuple[str, ...]) -> Range:
        table = self.table(path)
        if table is None:
            return Range(1, 1, 1, 1)
        return self.doc.line_range(self.doc.text_range(table.header, table.header).line)

    def key(self, path: tuple[str, ...], key: str) -> tuple[int, int] | None:
        """The character span of `key` (without quotes) written in table `path`."""
        table = self.table(path)
        if table is None:
            return None
        pattern = re.compile(rf"""^[ \t]*(["']?)({re.escape(key)})\1[ \t]*[=.]""", re.M)
        match = pattern.search(self.text, table.body_start, table.body_end)
        return (match.start(2), match.end(2)) if match else None

    def key_range(self, path: tuple[str, ...], key: str) -> Range:
        found = self.key(path, key)
        if found is None:
            return self.header_range(path)
        return self.doc.text_range(*found)

    def array_strings(self, path: tuple[str, ...], key: str) -> list[tuple[str, int, int]]:
        """The strings directly inside the array `key = [...]` of table `path`, with spans."""
        found = self.key(path, key)
        if found is None:
            return []
        opening = self.text.find("[", found[1])
        return _scan_array(self.text, opening) if opening != -1 else []


def _scan_array(text: str, opening: int) -> list[tuple[str, int, int]]:
    """Strings at depth one of the TOML array opening at `opening`: (value, start, end)."""
    strings: list[tuple[str, int, int]] = []
    depth = 0
    index = opening
    while index < len(text):
        char = text[index]
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                break
        elif char == "#":
            newline = text.find("\n", index)
            index = len(text) if newline == -1 else newline
            continue
        elif char in "\"'":
            end = _string_end(text, index)
            if depth == 1:
                strings.append((_unquote(text[index : end + 1]), index + 1, end))
            index = end
        index += 1
    return strings


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    index = start + 1
    while index < len(text) and text[index] != quote and text[index] != "\n":
        index += 2 if quote == '"' and text[index] == "\\" else 1
    return min(index, len(text) - 1)


def _unquote(literal: str) -> str:
    if literal.startswith("'") or "\\" not in literal:
        return literal[1:-1]
    import json  # only escaped strings (TOML arrays, package.json) need it: not loaded at start-up

    try:
        value = json.loads(literal)
    except ValueError:
        return literal[1:-1]
    return value if isinstance(value, str) else literal[1:-1]


def _load_toml(text: str) -> dict[str, Any] | None:
    try:
        return parse_toml(text)
    except ValueError:  # TOMLDecodeError, or text TOML cannot hold
        return None


def _table_at(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    current: Any = data
    for part in path:
        current = current.get(part) if isinstance(current, dict) else None
    return current if isinstance(current, dict) else {}


def _pep508_declared(
    locator: _TomlLocator,
    values: Any,
    path: tuple[str, ...],
    key: str,
    *,
    manifest: str,
    section: str,
) -> list[Declared]:
    """Declared entries for an array of PEP 508 strings written as `key = [...]` in table `path`."""
    if not isinstance(values, list):
        return []
    literals = locator.array_strings(path, key)
    declared: list[Declared] = []
    for value in values:
        if not isinstance(value, str):
            continue
        index = next((i for i, literal in enumerate(literals) if literal[0] == value), None)
        where = locator.key_range(path, key)
        if index is not None:
            _, start, _ = literals.pop(index)
            name = _NAME_START.search(value)
            if name is not None:
                where = locator.doc.text_range(start + name.start(), start + name.end())
        entry = _pep508_entry(value, where, manifest, section)
        if entry is not None:
            declared.append(entry)
    return declared


def _pep508_entry(value: str, where: Range, manifest: str, section: str) -> Declared | None:
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(value)
    except InvalidRequirement:
        return None
    written = _SPECIFIER_TEXT.match(value.strip())
    specifier = written.group(1).strip() if written and parsed.url is None else ""
    return Declared(parsed.name, "pypi", specifier, where, manifest, section, parsed.url)


def _pyproject_declared(doc: Document) -> list[Declared]:
    data = _load_toml(doc.text)
    if data is None:
        return []
    locator = _TomlLocator(doc)
    declared = _pep621_declared(locator, data)
    declared += _poetry_declared(locator, data)
    declared += _tool_dev_lists_declared(locator, data)
    declared.sort(key=lambda d: (d.range.line, d.range.column))
    return declared


def _pep621_declared(locator: _TomlLocator, data: dict[str, Any]) -> list[Declared]:
    project = _table_at(data, ("project",))
    declared = _pep508_declared(
        locator,
        project.get("dependencies"),
        ("project",),
        "dependencies",
        manifest="pyproject",
        section="dependencies",
    )
    optional = project.get("optional-dependencies")
    if isinstance(optional, dict):
        path = ("project", "optional-dependencies")
        for extra, values in optional.items():
            section = f"optional-dependencies.{extra}"
            declared += _pep508_declared(locator, values, path, extra, manifest="pyproject", section=section)
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for group, values in groups.items():
            section = f"dependency-groups.{group}"
            declared += _pep508_declared(
                locator, values, ("dependency-groups",), group, manifest="pyproject", section=section
            )
    return declared


def _tool_dev_lists_declared(locator: _TomlLocator, data: dict[str, Any]) -> list[Declared]:
    """uv's `[tool.uv] dev-dependencies` and PDM's `[tool.pdm.dev-dependencies]` groups."""
    uv = _table_at(data, ("tool", "uv"))
    declared = _pep508_declared(
        locator,
        uv.get("dev-dependencies"),
        ("tool", "uv"),
        "dev-dependencies",
        manifest="pyproject",
        section="dev-dependencies",
    )
    pdm_path = ("tool", "pdm", "dev-dependencies")
    for group, values in _table_at(data, pdm_path).items():
        section = f"dev-dependencies.{group}"
        declared += _pep508_declared(locator, values, pdm_path, group, manifest="pyproject", section=section)
    return declared


def _poetry_tables(data: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    """(table path, section name) of every Poetry dependency table."""
    yield ("tool", "poetry", "dependencies"), "dependencies"
    yield ("tool", "poetry", "dev-dependencies"), "dev-dependencies"
    for group in _table_at(data, ("tool", "poetry", "group")):
        yield ("tool", "poetry", "group", group, "dependencies"), f"group.{group}.dependencies"


def _poetry_declared(locator: _TomlLocator, data: dict[str, Any]) -> list[Declared]:
    declared: list[Declared] = []
    for path, section in _poetry_tables(data):
        for name, value in _table_at(data, path).items():
            if name.lower() == "python":
                continue
            where = _dependency_key_range(locator, path, name)
            declared.append(_table_entry(name, value, where, "poetry", section))
    return declared


def _dependency_key_range(locator: _TomlLocator, path: tuple[str, ...], name: str) -> Range:
    if locator.key(path, name) is None and locator.table((*path, name)) is not None:
        return locator.header_range((*path, name))
    return locator.key_range(path, name)


def _table_entry(name: str, value: Any, where: Range, manifest: str, section: str) -> Declared:
    """A Poetry or Pipfile entry: a version string, or a table with version/git/path/url keys."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, dict)), {})
    if isinstance(value, str):
        return Declared(name, "pypi", value.strip(), where, manifest, section, None)
    if not isinstance(value, dict):
        return Declared(name, "pypi", "", where, manifest, section, None)
    url = next((str(value[k]) for k in ("git", "url", "path", "file", "hg", "svn") if k in value), None)
    if url is not None and "git" in value:
        ref = next((str(value[k]) for k in ("rev", "ref", "tag", "branch") if k in value), None)
        url = f"git+{url}@{ref}" if ref else f"git+{url}"
    version = value.get("version", "")
    return Declared(name, "pypi", str(version).strip(), where, manifest, section, url)


def _pipfile_declared(doc: Document) -> list[Declared]:
    data = _load_toml(doc.text)
    if data is None:
        return []
    locator = _TomlLocator(doc)
    declared: list[Declared] = []
    for section in ("packages", "dev-packages"):
        for name, value in _table_at(data, (section,)).items():
            where = _dependency_key_range(locator, (section,), name)
            declared.append(_table_entry(name, value, where, "pipfile", section))
    return declared


# --- setup.cfg ------------------------------------------------------------------------------

_INI_SECTION = LazyPattern(r"^\[([^\]]+)\]")
_INI_KEY = LazyPattern(r"^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$")
_SETUP_CFG_KEYS = ("install_requires", "setup_requires", "tests_require")


def _setup_cfg_declared(doc: Document) -> list[Declared]:
    import configparser  # only setup.cfg needs it: not imported by runs that read none

    try:
        configparser.ConfigParser(interpolation=None, strict=False).read_string(doc.text)
    except configparser.Error:
        return []
    declared: list[Declared] = []
    for section, line_number, column, value in _setup_cfg_values(doc):
        name = _NAME_START.search(value)
        if name is None:
            continue
        where = Range(line_number, column + name.start(), line_number, column + name.end())
        entry = _pep508_entry(value, where, "setup.cfg", section)
        if entry is not None:
            declared.append(entry)
    return declared


def _setup_cfg_values(doc: Document) -> Iterator[tuple[str, int, int, str]]:
    """(section label, line, 1-based column, requirement) for each requirement line of setup.cfg."""
    section = ""
    key: str | None = None
    for number, line in enumerate(doc.lines, start=1):
        header = _INI_SECTION.match(line)
        if header:
            section, key = header.group(1).strip(), None
            continue
        if line[:1] in (" ", "\t"):
            if key is not None:
                yield from _setup_cfg_item(key, number, line)
            continue
        assignment = _INI_KEY.match(line)
        key = _setup_cfg_key(section, assignment.group(1)) if assignment else None
        if assignment and key is not None:
            yield from _setup_cfg_item(key, number, line, assignment.start(2))


def _setup_cfg_key(section: str, key: str) -> str | None:
    if section == "options" and key in _SETUP_CFG_KEYS:
        return key
    if section == "options.extras_require":
        return f"extras_require.{key}"
    return None


def _setup_cfg_item(key: str, number: int, line: str, start: int = 0) -> Iterator[tuple[str, int, int, str]]:
    value = line[start:]
    comment = _COMMENT.search(value)
    value = value[: comment.start()] if comment else value
    item = value.strip()
    if item and not item.startswith((";", "file:")):
        yield key, number, start + len(value) - len(value.lstrip()) + 1, item


# --- package.json ---------------------------------------------------------------------------

NPM_SECTIONS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
_JSON_TOKEN = LazyPattern(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_NPM_REFERENCE = LazyPattern(
    r"^(git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:|file:|link:|workspace:|portal:|patch:"
    r"|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#.*)?$|\.{0,2}/|~/)"
)


def json_member_keys(text: str, sections: tuple[str, ...]) -> dict[tuple[str, str], tuple[int, int]]:
    """Where each key of the top-level objects `sections` is written: {(section, key): span}.

    The span covers the key's characters without quotes. A tolerant token scan: broken JSON
    yields whatever was found before the break.
    """
    found: dict[tuple[str, str], tuple[int, int]] = {}
    containers: list[tuple[str, str | None]] = []  # (bracket, key it was opened under)
    last: tuple[str, int, int] | None = None
    key: str | None = None
    for token in _JSON_TOKEN.finditer(text):
        value = token.group()
        if value in ("{", "["):
            containers.append((value, key))
            key = None
        elif value in ("}", "]"):
            if containers:
                containers.pop()
            key = None
        elif value == ":" and last is not None and containers and containers[-1][0] == "{":
            key = last[0]
            outer = containers[0][1] is None and len(containers) == 2
            if outer and containers[1][1] in sections and containers[1][0] == "{":
                found.setdefault((str(containers[1][1]), key), (last[1], last[2]))
        elif value == ",":
            key = None
        elif value.startswith('"'):
            last = (_unquote(value), token.start() + 1, token.end() - 1)
    return found


def _package_json_declared(doc: Document) -> list[Declared]:
    import json  # as in _unquote

    try:
        data = json.loads(doc.text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    positions = json_member_keys(doc.text, NPM_SECTIONS)
    declared: list[Declared] = []
    for section in NPM_SECTIONS:
        members = data.get(section)
        if not isinstance(members, dict):
            continue
        for name, version in members.items():
            span = positions.get((section, name))
            where = doc.text_range(*span) if span else Range(1, 1, 1, 1)
            specifier = version.strip() if isinstance(version, str) else ""
            url = specifier if _NPM_REFERENCE.match(specifier) else None
            declared.append(Declared(name, "npm", specifier, where, "package.json", section, url))
    declared.sort(key=lambda d: (d.range.line, d.range.column))
    return declared
