"""One analysis per file, shared by the existence rules: verdicts on the names a manifest
declares, and problems with the imports of a source file.

This module decides cheaply whether a file needs the analysis at all (a source file whose
imports are all standard-library or relative does not); the analysis itself, with the package
index, the project lookup and the verdicts, is imported only when a file needs it.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agentguard.rules.deps.existence import import_resolution as resolve
from agentguard.rules.deps.existence.rule_base import SOURCE_ECOSYSTEMS
from agentguard.rules.deps.manifests import manifest_kind
from agentguard.rules.lazy_patterns import LazyPattern

if TYPE_CHECKING:
    from agentguard.rules.deps.existence.verdicts import Kind
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
        from agentguard.rules.deps.existence.manifest_problems import install_problems

        return install_problems(ctx)
    if ecosystem is None and manifest_kind(ctx.doc.path) is not None:
        from agentguard.rules.deps.existence.manifest_problems import manifest_problems

        return manifest_problems(ctx)
    if ecosystem is None:
        return []
    path = Path(ctx.doc.path)
    if path.name == "setup.py":
        return []  # build configuration: its imports come from the build system
    quick = quick_imports(ctx.doc)
    if quick is not None and all(_needs_no_package(module, ecosystem) for module in quick):
        return []  # nothing to look up: the project's manifests need not even be found
    from agentguard.rules.deps.existence.import_problems import import_problems
    from agentguard.rules.deps.existence.projects import find_project

    project = find_project(path, ecosystem, ctx.config.root, ctx.files)
    if project is None or not project.complete:
        return []
    return import_problems(ctx, project, quick)


_QUICK_PYTHON = LazyPattern(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w. \t,]+))", re.M)
_QUICK_JAVASCRIPT = LazyPattern(
    r"""(?:\bfrom|\brequire[ \t]*\(|\bimport[ \t]*\(|\bimport)[ \t]*["'`]([^"'`\n]+)["'`]"""
)
_QUICK_GO_BLOCK = LazyPattern(r"^import[ \t]*\(([^)]*)\)|^import[ \t]+(?:[\w.]+[ \t]+)?(\"[^\"\n]*\")", re.M)
_GO_STRING = LazyPattern(r'"([^"\n]+)"')


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


def _needs_no_package(module: str, ecosystem: str) -> bool:
    """An import that no project needs a package for: a relative or standard-library one."""
    if ecosystem == "pypi":
        return module.startswith(".") or resolve.is_python_stdlib(module)
    if ecosystem == "go":
        return resolve.is_go_stdlib(module)
    return False
