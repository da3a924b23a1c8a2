"""One analysis per file, shared by the existence rules: verdicts on the names a manifest
declares, and problems with the imports of a source file."""

from __future__ import annotations

import datetime
import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentguard.rules.deps.existence import import_resolution as resolve
from agentguard.rules.deps.existence.install_commands import installed_packages
from agentguard.rules.deps.existence.known_names import in_node_modules, installed_distributions, locked_names
from agentguard.rules.deps.existence.lookalikes import find_lookalike
from agentguard.rules.deps.existence.options import (
    ALLOW,
    CACHE_DIR,
    CACHE_TTL_HOURS,
    NEW_PACKAGE_DAYS,
    NPM_URL,
    ONLINE,
    PYPI_URL,
)
from agentguard.rules.deps.existence.package_index import canonical_name, package_index
from agentguard.rules.deps.existence.projects import Project, find_project, search_directories
from agentguard.rules.deps.existence.registry_client import AnswerCache, default_cache_directory
from agentguard.rules.deps.existence.rule_base import SOURCE_ECOSYSTEMS
from agentguard.rules.deps.existence.verdicts import Judge, Kind, OnlineSettings, Verdict
from agentguard.rules.deps.manifests import declared_dependencies, manifest_kind

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.model import Range
    from agentguard.rules.rule import Context

UNDECLARED = "undeclared"


@dataclass(frozen=True)
class Problem:
    """One thing to report: where, which kind (a verdict kind, or `undeclared`), and what to say."""

    range: Range
    kind: Kind | str
    message: str
    hint: str


# One analysis per Document: five rules ask for it, the work is done once.
_ANALYSES: weakref.WeakKeyDictionary[Document, list[Problem]] = weakref.WeakKeyDictionary()


def problems(ctx: Context, kind: str) -> list[Problem]:
    """The problems of `kind` in the checked file."""
    found = _ANALYSES.get(ctx.doc)
    if found is None:
        found = _analyse(ctx)
        _ANALYSES[ctx.doc] = found
    return [problem for problem in found if problem.kind == kind]


def _analyse(ctx: Context) -> list[Problem]:
    ecosystem = SOURCE_ECOSYSTEMS.get(ctx.doc.language)
    if ctx.doc.language == "dockerfile":
        return _install_problems(ctx)
    if ecosystem is None and manifest_kind(ctx.doc.path) is not None:
        return _manifest_problems(ctx)
    if ecosystem is None:
        return []
    path = Path(ctx.doc.path)
    if path.name == "setup.py":
        return []  # build configuration: its imports come from the build system
    project = find_project(path, ecosystem, ctx.config.root, ctx.files)
    if project is None or not project.complete:
        return []
    return _import_problems(ctx, project)


def _manifest_problems(ctx: Context) -> list[Problem]:
    declared = [d for d in declared_dependencies(ctx.doc) if d.url is None]
    found: list[Problem] = []
    for ecosystem in ("pypi", "npm"):
        entries = [
            d for d in declared if d.ecosystem == ecosystem and not d.specifier.startswith("workspace:")
        ]
        if not entries:
            continue
        names = [_registry_name(d.name, d.specifier) for d in entries]
        verdicts = _judge(ctx, ecosystem, Path(ctx.doc.path)).judge_all(names)
        found += [
            Problem(entry.range, verdicts[name].kind, verdicts[name].message, verdicts[name].hint)
            for entry, name in zip(entries, names, strict=True)
            if name in verdicts
        ]
    return found


def _install_problems(ctx: Context) -> list[Problem]:
    """Look-alikes among the packages `RUN pip install` / `npm install` name (unverified names
    are left alone there: images install many tools no index lists)."""
    found: list[Problem] = []
    for installed in installed_packages(ctx.doc):
        verdict = _judge(ctx, installed.ecosystem, Path(ctx.doc.path)).offline(installed.name)
        if verdict is not None and verdict.kind is Kind.LOOKALIKE:
            found.append(Problem(installed.range, verdict.kind, verdict.message, verdict.hint))
    return found


def _registry_name(name: str, specifier: str) -> str:
    """The name the registry knows: an npm alias `"x": "npm:real-name@^1"` installs `real-name`."""
    if specifier.startswith("npm:"):
        aliased = specifier[4:]
        return aliased[: aliased.rfind("@")] if aliased.rfind("@") > 0 else aliased
    return name


# Judges per FileSource: the lock files of a project are looked for once, not once per file.
_JUDGES: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Judge]] = weakref.WeakKeyDictionary()


def _judge(ctx: Context, ecosystem: str, manifest: Path) -> Judge:
    allowed = frozenset(canonical_name(name, ecosystem) for name in ctx.config.get(ALLOW))
    online = _online_settings(ctx)
    key = (ecosystem, manifest, allowed, online)
    try:
        judges = _JUDGES.setdefault(ctx.files, {})
    except TypeError:  # a FileSource that cannot be weakly referenced: no memory
        judges = {}
    if key not in judges:
        judges[key] = Judge(
            ecosystem, manifest, allowed, locked_names(manifest, ecosystem, ctx.files), ctx.files, online
        )
    return judges[key]


def _online_settings(ctx: Context) -> OnlineSettings | None:
    config = ctx.config
    if not config.get(ONLINE):
        return None
    directory = config.get(CACHE_DIR)
    cache_directory = config.root / directory if directory else default_cache_directory()
    return OnlineSettings(
        pypi_url=config.get(PYPI_URL),
        npm_url=config.get(NPM_URL),
        cache=AnswerCache(cache_directory, config.get(CACHE_TTL_HOURS) * 3600.0),
        new_package_days=config.get(NEW_PACKAGE_DAYS),
        today=datetime.datetime.now(datetime.timezone.utc).date(),
    )


def _import_problems(ctx: Context, project: Project) -> list[Problem]:
    quick = quick_imports(ctx.doc)
    if quick is not None and not any(_may_be_problem(ctx, project, module) for module in quick):
        return []  # every import is fine: no need to parse the file for positions
    verdicts: dict[str, Verdict] | None = None
    found: dict[tuple[Range, str], Problem] = {}
    for record in ctx.doc.imports.records:
        need = _needed_package(ctx, project, record.module, record.range.line)
        if need is None:
            continue
        package, declared_as = need
        if declared_as is not None and project.ecosystem != "go":
            if verdicts is None:
                verdicts = _project_verdicts(ctx, project)
            verdict = verdicts.get(declared_as)
            if verdict is not None:
                message = (
                    f"imports `{declared_as}`, declared in {project.manifests[0].name}: {verdict.message}"
                )
                found.setdefault(
                    (record.range, message), Problem(record.range, verdict.kind, message, verdict.hint)
                )
            continue
        problem = _undeclared(ctx, project, record.module, package, record.range)
        found.setdefault((record.range, problem.message), problem)
    if not found:
        return []
    optional = optional_import_lines(ctx.doc)  # queried only for files with something to report
    return [problem for problem in found.values() if problem.range.line not in optional]


_QUICK_PYTHON = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w. \t,]+))", re.M)
_QUICK_JAVASCRIPT = re.compile(
    r"""(?:\bfrom|\brequire[ \t]*\(|\bimport[ \t]*\(|\bimport)[ \t]*["'`]([^"'`\n]+)["'`]"""
)
_QUICK_GO_BLOCK = re.compile(r"^import[ \t]*\(([^)]*)\)|^import[ \t]+(?:[\w.]+[ \t]+)?(\"[^\"\n]*\")", re.M)
_GO_STRING = re.compile(r'"([^"\n]+)"')


def quick_imports(doc: Document) -> list[str] | None:
    """A superset of the modules the file imports, found with regular expressions, so files
    whose imports are all fine are never parsed for this rule; None when the language has no
    quick form."""
    if doc.language == "python":
        modules: list[str] = []
        for line_start in _lines_mentioning(doc.text, "import"):
            match = _QUICK_PYTHON.match(doc.text, line_start)
            if match is None:
                continue
            source, names = match.groups("")
            modules += [source] if source else [name.split()[0] for name in names.split(",") if name.split()]
        return modules
    if doc.language in ("javascript", "typescript", "tsx"):
        return _QUICK_JAVASCRIPT.findall(doc.text)
    if doc.language == "go":
        return [
            path
            for block, single in _QUICK_GO_BLOCK.findall(doc.text)
            for path in _GO_STRING.findall(block + single)
        ]
    return None


def _lines_mentioning(text: str, word: str) -> list[int]:
    """Where each line that contains `word` starts, in order: a one-line pattern anchored at `^`
    then runs on a handful of lines, not at every position of a large file."""
    starts: list[int] = []
    found = text.find(word)
    while found != -1:
        line_start = text.rfind("\n", 0, found) + 1
        if not starts or starts[-1] != line_start:
            starts.append(line_start)
        found = text.find(word, found + len(word))
    return starts


def _may_be_problem(ctx: Context, project: Project, module: str) -> bool:
    need = _needed_package(ctx, project, module, 0)
    if need is None:
        return False
    declared_as = need[1]
    if declared_as is None or project.ecosystem == "go":
        return True
    return declared_as in _project_verdicts(ctx, project)


def _needed_package(ctx: Context, project: Project, module: str, line: int) -> tuple[str, str | None] | None:
    """(the package the import needs, the declared name that provides it or None); None when
    the import needs no package."""
    path = Path(ctx.doc.path)
    if project.ecosystem == "pypi":
        if module.startswith(".") or resolve.is_python_stdlib(module):
            return None
        top = module.split(".", 1)[0]
        provider = resolve.named_provider(module, project.declared)
        if provider is not None:
            return top, provider
        folders = search_directories(path, ctx.config.root)
        if resolve.is_python_local(module, folders, project, ctx.files) or _is_tooling(module, path):
            return None
        return top, resolve.related_provider(module, project.declared)
    if project.ecosystem == "npm":
        package = resolve.npm_package_of(module, project)
        if package is None:
            return None
        if package in project.declared:
            return package, package
        statement = ctx.doc.lines[line - 1] if 0 < line <= len(ctx.doc.lines) else ""
        type_only = re.match(r"\s*(import|export)\s+type\b", statement) is not None
        return None if resolve.npm_declared(package, project, type_only) else (package, None)
    if resolve.is_go_stdlib(module) or resolve.go_declared(module, project):
        return None
    return module, None


def _is_tooling(module: str, path: Path) -> bool:
    """Test runners imported by test files: declared in CI or tox more often than in a manifest."""
    top = module.split(".", 1)[0]
    is_test = path.name.startswith("test_") or path.name == "conftest.py" or "tests" in path.parts
    return is_test and top in ("pytest", "_pytest")


def _project_verdicts(ctx: Context, project: Project) -> dict[str, Verdict]:
    if project.ecosystem not in ("pypi", "npm"):
        return {}
    judge = _judge(ctx, project.ecosystem, project.manifests[0])
    return judge.judge_all(sorted(project.declared - project.own_names - project.references))


def _undeclared(ctx: Context, project: Project, module: str, package: str, where: Range) -> Problem:
    registry = "go.mod" if project.ecosystem == "go" else project.manifests[0].name
    if project.ecosystem != "go" and not _is_real(package, project, ctx):
        lookalike = find_lookalike(canonical_name(package, project.ecosystem), project.ecosystem)
        if lookalike is not None:
            return Problem(
                where,
                Kind.LOOKALIKE,
                f"imports {lookalike.describe(package)}",
                f"did you mean `{lookalike.target}`? Fix the import, and declare the package in {registry}",
            )
    what = f"`{module}`" if project.ecosystem == "go" else f"`{module}` (package `{package}`)"
    return Problem(
        where,
        UNDECLARED,
        f"imports {what}, which no manifest of this project declares ({registry} in "
        f"{_display(project.root)})",
        f"declare it in {registry} with a pinned version, or remove the import if it is not needed",
    )


def _is_real(package: str, project: Project, ctx: Context) -> bool:
    name = canonical_name(package, project.ecosystem)
    if name in package_index(project.ecosystem):
        return True
    if project.ecosystem == "pypi":
        candidates = resolve.python_distribution_candidates(package)
        installed = installed_distributions()
        real = any(name in package_index("pypi") or name in installed for name in candidates)
        return real or package in resolve.installed_import_names()
    return in_node_modules(project.manifests[0], name, ctx.files)


def _display(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return path.as_posix()


_OPTIONAL_QUERIES = {
    "python": """
    (try_statement body: (block) @body) @guard
    (if_statement condition: (_) @condition consequence: (block) @body) @guard
    """,
    "javascript": "(try_statement body: (statement_block) @body) @guard",
}


def optional_import_lines(doc: Document) -> frozenset[int]:
    """Lines inside `try:` blocks that handle a failed import, and `if TYPE_CHECKING:` blocks:
    imports there are optional, or needed only by type checkers."""
    if doc.language not in ("python", "javascript", "typescript", "tsx"):
        return frozenset()
    lines: set[int] = set()
    for _, match in doc.matches(_OPTIONAL_QUERIES.get(doc.language, _OPTIONAL_QUERIES["javascript"])):
        guard = match["guard"][0]
        body = match["body"][0]
        if guard.type == "if_statement":
            condition = match.get("condition")
            if not condition or "TYPE_CHECKING" not in doc.node_text(condition[0]):
                continue
        elif doc.language == "python" and not _handles_import_errors(doc, guard):
            continue
        lines.update(range(body.start_point[0] + 1, body.end_point[0] + 2))
    return frozenset(lines)


def _handles_import_errors(doc: Document, try_statement: tree_sitter.Node) -> bool:
    for clause in try_statement.children:
        if clause.type != "except_clause":
            continue
        text = doc.node_text(clause).split(":", 1)[0]
        if text.strip() == "except" or any(
            e in text for e in ("ImportError", "ModuleNotFoundError", "Exception")
        ):
            return True
    return False
