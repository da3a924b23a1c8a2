"""Problems with a source file's imports, judged against the project it belongs to."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from agentguard.rules.deps.existence import import_resolution as resolve
from agentguard.rules.deps.existence.findings import UNDECLARED, Problem
from agentguard.rules.deps.existence.judges import judge_for
from agentguard.rules.deps.existence.known_names import in_node_modules, installed_distributions
from agentguard.rules.deps.existence.lookalikes import find_lookalike
from agentguard.rules.deps.existence.package_index import canonical_name, package_index
from agentguard.rules.deps.existence.projects import Project, search_directories
from agentguard.rules.deps.existence.verdicts import Kind, Verdict

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.model import Range
    from agentguard.rules.rule import Context


def import_problems(ctx: Context, project: Project, quick: list[str] | None) -> list[Problem]:
    """Imports that need a package the project does not declare, or declares under a bad name;
    `quick` is `quick_imports` of the file."""
    if quick is not None and not _may_have_problem(ctx, project, quick):
        return []  # every import is fine: no need to parse the file for positions
    needs = [
        (record, need)
        for record in ctx.doc.imports.records
        if (need := _needed_package(ctx, project, record.module, record.range.line)) is not None
    ]
    verdicts = _verdicts(ctx, project, [declared for _, (_, declared) in needs if declared is not None])
    found: dict[tuple[Range, str], Problem] = {}
    for record, (package, declared_as) in needs:
        if declared_as is not None and project.ecosystem != "go":
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


def _may_have_problem(ctx: Context, project: Project, modules: list[str]) -> bool:
    declared: list[str] = []
    for module in modules:
        need = _needed_package(ctx, project, module, 0)
        if need is None:
            continue
        if need[1] is None or project.ecosystem == "go":
            return True
        declared.append(need[1])
    return bool(_verdicts(ctx, project, declared))


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


def _verdicts(ctx: Context, project: Project, declared: list[str]) -> dict[str, Verdict]:
    """The verdicts on the declared names this file imports (only those: judging every name the
    manifest declares looked each unknown one up among the look-alikes of 17,000 packages)."""
    names = set(declared) - project.own_names - project.references
    if project.ecosystem not in ("pypi", "npm") or not names:
        return {}
    return judge_for(ctx, project.ecosystem, project.manifests[0]).judge_all(sorted(names))


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
