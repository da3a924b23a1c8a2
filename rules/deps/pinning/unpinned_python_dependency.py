"""AG402 unpinned-python-dependency: pyproject.toml, Pipfile and setup.cfg ranges with no lock file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from agentguard.rules.deps.manifests import Declared, declared_dependencies, manifest_kind
from agentguard.rules.deps.pinning.options import LIBRARY
from agentguard.rules.deps.pinning.versions import (
    is_branch_archive,
    is_commit,
    is_exact_pep440,
    is_exact_poetry,
    is_unbounded_python,
    is_vcs_url,
    vcs_revision,
)
from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

_KINDS = frozenset({"pyproject", "pipfile", "setup.cfg"})
_HINTS = {
    "pyproject": "or commit a lock file (`uv lock`, `poetry lock`, `pdm lock`)",
    "poetry": "or commit `poetry.lock` (`poetry lock`)",
    "pipfile": "or commit `Pipfile.lock` (`pipenv lock`)",
    "setup.cfg": "or commit a compiled `requirements.txt` (`pip-compile --generate-hashes setup.cfg`)",
}


class UnpinnedPythonDependency(Rule):
    """## What it does
    Flags dependencies declared in `pyproject.toml` (`[project]` dependencies, optional
    dependencies and dependency groups, Poetry's `[tool.poetry.dependencies]` and groups, uv and
    PDM dev dependencies), `Pipfile` and `setup.cfg` (`install_requires`, extras) that are not
    pinned to one version, when no lock file pins them: no `poetry.lock`, `uv.lock`, `pdm.lock`
    or `Pipfile.lock` beside the manifest (or at the root of its uv workspace), and no compiled
    `requirements.txt` beside it that pins the name exactly. Git dependencies must name a full
    commit. Poetry's `python` constraint, local paths and archive URLs are not reported.

    A library declares ranges on purpose: with `[tool.agentguard.deps] library = true` only
    dependencies with no bound at all (`"requests"`, `"*"`) are reported.

    ## Why is this bad?
    Without exact pins or a lock file every install resolves again: CI, production and a
    colleague's machine each get whatever versions the index serves that day, including a
    freshly published malicious release (CWE-1357).

    ## Example
        [project]
        dependencies = ["fastapi>=0.110", "uvicorn"]

        [tool.poetry.dependencies]
        requests = "^2.31"

    ## Use instead
        [project]
        dependencies = ["fastapi==0.111.0", "uvicorn==0.30.1"]

    or keep the ranges and commit the lock file (`uv lock`, `poetry lock`, `pipenv lock`).

    ## References
    CWE-1357; OWASP A06:2021 Vulnerable and Outdated Components;
    https://packaging.python.org/en/latest/discussions/install-requires-vs-requirements/
    """

    META = RuleMeta(
        code="AG402",
        name="unpinned-python-dependency",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(1357,),
        languages=("toml", "ini"),
        summary="Pyproject.toml, Pipfile or setup.cfg declares a range and no lock file pins it",
        owasp=("A06:2021",),
    )
    PREFILTER = LazyPattern(r"dependencies|dependency-groups|packages|_requires|extras_require")

    def applies_to(self, doc: Document) -> bool:
        """Only Python project manifests, by file name."""
        return manifest_kind(doc.path) in _KINDS and super().applies_to(doc)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report each declared dependency that neither the manifest nor a lock file pins."""
        # Imported here: the registry imports every rule, and only manifests need lock files read.
        from agentguard.rules.deps.pinning.lock_awareness import manifest_coverage

        declared = declared_dependencies(ctx.doc)
        if not declared:
            return
        library = ctx.config.get(LIBRARY)
        coverage = manifest_coverage(Path(ctx.doc.path), "pypi", ctx.files)
        for dependency in declared:
            if dependency.url is not None:
                report = _check_reference(dependency, coverage.lock is not None)
            elif _is_pinned(dependency) or (library and not is_unbounded_python(dependency.specifier)):
                report = None
            else:
                report = None if coverage.covers(dependency.name) else _unpinned(dependency)
            if report is not None:
                yield report


def _is_pinned(dependency: Declared) -> bool:
    if dependency.manifest in ("poetry", "pipfile"):
        return is_exact_poetry(dependency.specifier)
    return is_exact_pep440(dependency.specifier)


def _unpinned(dependency: Declared) -> Report:
    specifier = dependency.specifier
    table_style = dependency.manifest in ("poetry", "pipfile")
    written = f'{dependency.name} = "{specifier}"' if table_style else f"{dependency.name}{specifier}"
    if is_unbounded_python(specifier):
        what = "has no version constraint"
    else:
        what = "is not pinned to an exact version"
    return Report(
        range=dependency.range,
        message=f"`{written}` ({dependency.section}) {what} and no lock file pins it",
        hint=f"pin `{_exact_form(dependency)}` {_HINTS.get(dependency.manifest, _HINTS['pyproject'])}",
    )


def _exact_form(dependency: Declared) -> str:
    if dependency.manifest == "poetry":
        return f'{dependency.name} = "<version>"'
    if dependency.manifest == "pipfile":
        return f'{dependency.name} = "==<version>"'
    return f"{dependency.name}==<version>"


def _check_reference(dependency: Declared, locked: bool) -> Report | None:
    url = dependency.url or ""
    if locked:
        return None
    if is_branch_archive(url):
        return Report(
            range=dependency.range,
            message=f"`{dependency.name}` ({dependency.section}) is installed from an archive of a branch, "
            "which changes with every push",
            hint="use the archive of a release tag or commit, or a pinned release from the index",
        )
    if not is_vcs_url(url):
        return None
    revision = vcs_revision(url)
    if revision is not None and is_commit(revision):
        return None
    where = f"`{revision}`, which can move" if revision else "the default branch"
    return Report(
        range=dependency.range,
        message=f"git dependency `{dependency.name}` ({dependency.section}) follows {where}, not a commit",
        hint='pin the full 40-character commit id (`rev = "<commit sha>"`, or `...repo.git@<commit sha>`)',
    )
