"""AG401 unpinned-requirement: requirements files that do not pin exact versions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from agentguard.rules.deps.manifests import RequirementEntry, is_requirements_path, requirement_lines
from agentguard.rules.deps.pinning.options import LIBRARY
from agentguard.rules.deps.pinning.versions import (
    is_branch_archive,
    is_commit,
    is_exact_pep440,
    is_unbounded_python,
    is_vcs_url,
    vcs_revision,
)
from agentguard.rules.document import Document
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule


class UnpinnedRequirement(Rule):
    """## What it does
    Flags requirements in `requirements*.txt` / `*.in` files (and `requirements/*.txt`) that do
    not pin one exact version: bare names, `>=`, `~=`, `*`, ranges, `==1.*`, VCS URLs that
    name a branch or tag instead of a full commit, and archives of a branch
    (`.../archive/refs/heads/main.zip`). Exact pins (`==`/`===`, with or without
    hashes, markers or extras), local paths, `-e .` and `-r`/`-c` includes are fine. A name
    pinned by a constraints file (`-c constraints.txt`, here or in a file that includes this
    one) or, for a `requirements.in`, by the `requirements.txt` compiled from it, is fine too.

    With `[tool.agentguard.deps] library = true` only requirements with no bound at all are
    reported.

    ## Why is this bad?
    An unpinned requirement installs whatever the index serves on the day of the build: a
    different version in CI than on your machine, a release with a breaking change, or a
    compromised release published by an attacker who took over the project. Builds stop being
    reproducible and reviewable (CWE-1357, reliance on insufficiently trustworthy components).

    ## Example
        requests>=2.0
        flask
        mylib @ git+https://github.com/acme/mylib.git@main

    ## Use instead
        requests==2.32.3
        flask==3.0.3
        mylib @ git+https://github.com/acme/mylib.git@6f1c0c4b0a3d2e9d8c7b6a5f4e3d2c1b0a9f8e7d

    Or keep ranges in `requirements.in` and commit the `requirements.txt` that
    `pip-compile --generate-hashes` (or `uv pip compile`) produces from it.

    ## References
    CWE-1357; OWASP A06:2021 Vulnerable and Outdated Components;
    https://pip.pypa.io/en/stable/topics/repeatable-installs/
    """

    META = RuleMeta(
        code="AG401",
        name="unpinned-requirement",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(1357,),
        languages=("requirements", "text"),
        summary="A requirements file names a dependency without an exact version or commit",
        owasp=("A06:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Only requirements files (by name, also `requirements/*.txt`) are looked at."""
        return doc.language in self.META.languages and is_requirements_path(doc.path)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report every requirement that nothing pins."""
        # Imported here: the registry imports every rule, and only manifests need lock files read.
        from agentguard.rules.deps.pinning.lock_awareness import LockCoverage, requirements_coverage

        coverage: LockCoverage | None = None
        library = ctx.config.get(LIBRARY)
        for entry in requirement_lines(ctx.doc):
            if not isinstance(entry, RequirementEntry):
                continue
            if entry.url is not None:
                yield from _check_url(entry)
                continue
            if entry.name is None or is_exact_pep440(entry.specifier):
                continue
            if library and not is_unbounded_python(entry.specifier):
                continue
            if coverage is None:
                coverage = requirements_coverage(Path(ctx.doc.path), ctx.files)
            if not coverage.covers(entry.name):
                yield _unpinned(entry)


def _unpinned(entry: RequirementEntry) -> Report:
    name = entry.name or ""
    written = entry.text.split(";", 1)[0].strip()
    what = "has no version" if is_unbounded_python(entry.specifier) else "is not pinned to an exact version"
    return Report(
        range=entry.range,
        message=f"`{written}` {what} and no lock or constraints file pins it",
        hint=f"pin `{name}==<version>`, or keep ranges in a `.in` file and commit the output of "
        "`pip-compile --generate-hashes` / `uv pip compile`",
    )


def _check_url(entry: RequirementEntry) -> Iterator[Report]:
    url = entry.url or ""
    if is_branch_archive(url):
        yield Report(
            range=entry.range,
            message=f"`{entry.name or url}` is installed from an archive of a branch, which changes with every push",
            hint="use the archive of a release tag or commit, or a pinned release from the index",
        )
        return
    if not is_vcs_url(url):
        return
    revision = vcs_revision(url)
    if revision is not None and is_commit(revision):
        return
    label = entry.name or url
    what = f"at `{revision}`, which can move" if revision else "without a revision (the default branch)"
    yield Report(
        range=entry.range,
        message=f"VCS requirement `{label}` is installed {what}, not at a commit",
        hint="append the full 40-character commit id: `...repo.git@<commit sha>`",
        severity=Severity.HIGH if revision is None or not _looks_like_version(revision) else None,
    )


def _looks_like_version(revision: str) -> bool:
    return any(char.isdigit() for char in revision)
