"""AG403 unpinned-npm-dependency: package.json ranges with no lock file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from agentguard.rules.deps.manifests import Declared, declared_dependencies, manifest_kind
from agentguard.rules.deps.pinning.options import LIBRARY
from agentguard.rules.deps.pinning.versions import (
    is_branch_archive,
    is_commit,
    is_exact_npm,
    is_unbounded_npm,
)
from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

_CHECKED_SECTIONS = frozenset({"dependencies", "devDependencies", "optionalDependencies"})
# References to local or workspace code, and archives: nothing to pin in the manifest.
_LOCAL = LazyPattern(r"^(file:|link:|workspace:|portal:|patch:|catalog:|\.{0,2}/|~/)")
_GIT = LazyPattern(
    r"^(git\+|git:|git@|github:|gitlab:|bitbucket:|gist:|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#|$))"
)
_ARCHIVE = LazyPattern(r"^https?://(?!.*\.git(#|$))", re.I)
_ALIAS = LazyPattern(r"^npm:(@?[^@]+)@?(.*)$")


class UnpinnedNpmDependency(Rule):
    """## What it does
    Flags `dependencies`, `devDependencies` and `optionalDependencies` in `package.json` that
    allow more than one version (`^1.2.3`, `~1.2.3`, `*`, `latest`, `>=1`, `1.x`, `""`) or that
    point at a git repository without a commit, when no lock file (`package-lock.json`,
    `npm-shrinkwrap.json`, `yarn.lock`, `pnpm-lock.yaml`, `bun.lock`) sits beside it or at the
    root of its workspace. `peerDependencies`, `engines`, `workspace:`, `file:` and `link:`
    references and exactly pinned `npm:` aliases are not reported.

    With `[tool.agentguard.deps] library = true` only dependencies with no bound at all (`*`,
    `latest`, `""`) are reported. A `package.json` that describes a published package (not
    `"private": true`, and with `exports`, `files`, `types`, `module`, `publishConfig` or
    `peerDependencies`) is a library without being told: its users' lock files pin it.

    ## Why is this bad?
    Without a lock file every `npm install` resolves the ranges again and installs whatever was
    published last, including a hijacked release: several popular packages have shipped
    malware in a patch version that `^` ranges picked up within hours (CWE-1357).

    ## Example
        "dependencies": { "express": "^4.18.2", "lodash": "latest" }

    ## Use instead
        "dependencies": { "express": "4.19.2", "lodash": "4.17.21" }

    or keep the ranges and commit `package-lock.json` (`npm install --package-lock-only`).

    ## References
    CWE-1357; OWASP A06:2021 Vulnerable and Outdated Components;
    npm documentation: "package-lock.json"
    """

    META = RuleMeta(
        code="AG403",
        name="unpinned-npm-dependency",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(1357,),
        languages=("json",),
        summary="Package.json declares a range or moving git reference and no lock file pins it",
        owasp=("A06:2021",),
    )
    PREFILTER = LazyPattern(r'"(?:dev|optional)?[Dd]ependencies"')

    def applies_to(self, doc: Document) -> bool:
        """Only `package.json` files."""
        return manifest_kind(doc.path) == "package.json" and super().applies_to(doc)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report each dependency that neither package.json nor a lock file pins."""
        # Imported here: the registry imports every rule, and only manifests need lock files read.
        from agentguard.rules.deps.pinning.lock_awareness import manifest_coverage

        declared = [d for d in declared_dependencies(ctx.doc) if d.section in _CHECKED_SECTIONS]
        if not declared or manifest_coverage(Path(ctx.doc.path), "npm", ctx.files).lock is not None:
            return
        library = ctx.config.get(LIBRARY) or _published_package(ctx.doc.text)
        for dependency in declared:
            report = _check(dependency, library)
            if report is not None:
                yield report


# Fields only a package meant for publishing has; `main` is not one (`npm init` writes it for apps).
_PUBLISHING_FIELDS = frozenset(
    {"exports", "files", "types", "typings", "module", "publishConfig", "peerDependencies"}
)


def _published_package(text: str) -> bool:
    """Whether package.json describes a library published to the registry rather than an app."""
    import json  # imported for package.json only: the registry imports every rule at start-up

    try:
        manifest = json.loads(text)
    except ValueError:
        return False
    if not isinstance(manifest, dict) or manifest.get("private") is True:
        return False
    return not _PUBLISHING_FIELDS.isdisjoint(manifest)


def _check(dependency: Declared, library: bool) -> Report | None:
    version = dependency.specifier
    alias = _ALIAS.match(version)
    if alias:
        version = alias.group(2)
    if is_branch_archive(version):
        return Report(
            range=dependency.range,
            message=f"`{dependency.name}` ({dependency.section}) is installed from an archive of a branch, "
            "which changes with every push",
            hint="use the archive of a release tag or commit, or a pinned release from the registry",
        )
    if _LOCAL.match(version) or (_ARCHIVE.match(version) and not _GIT.match(version)):
        return None
    if _GIT.match(version) or version.startswith(("git+", "git:")):
        return _check_git(dependency, version)
    if is_exact_npm(version) or (library and not is_unbounded_npm(version)):
        return None
    what = "has no version bound" if is_unbounded_npm(version) else "allows a range of versions"
    return Report(
        range=dependency.range,
        message=f'`"{dependency.name}": "{dependency.specifier}"` ({dependency.section}) {what} '
        "and no lock file pins it",
        hint=f'pin `"{dependency.name}": "<x.y.z>"` (`npm install --save-exact`), or commit the lock file '
        "(`package-lock.json`, `yarn.lock`, `pnpm-lock.yaml`)",
    )


def _check_git(dependency: Declared, version: str) -> Report | None:
    _, _, reference = version.partition("#")
    if is_commit(reference.removeprefix("commit=")):
        return None
    where = f"`{reference}`, which can move" if reference else "the default branch"
    return Report(
        range=dependency.range,
        message=f"git dependency `{dependency.name}` ({dependency.section}) follows {where}, not a commit",
        hint="append the full 40-character commit id: `github:owner/repo#<commit sha>`",
        severity=Severity.HIGH if not reference else None,
    )
