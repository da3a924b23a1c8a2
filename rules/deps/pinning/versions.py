"""What counts as an exact version, an unbounded one, and a commit-pinned VCS reference."""

from __future__ import annotations

import re

from agentguard.rules.lazy_patterns import LazyPattern

_COMMIT = LazyPattern(r"^[0-9a-fA-F]{40}$")
_VCS_REVISION = LazyPattern(r"@([^@/#?]+)(?:[#?].*)?$")
_POETRY_EXACT = LazyPattern(r"^(?:==?)?\s*v?\d+(?:\.\d+)*(?:[-.+_]?[A-Za-z0-9]+)*$")
_NPM_EXACT = LazyPattern(r"^=?\s*v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_NPM_UNBOUNDED = frozenset({"", "*", "x", "X", "latest", "next"})
# A source archive of a branch (GitHub/GitLab archive links): the URL serves new code every push.
_BRANCH_ARCHIVE = LazyPattern(
    r"/(?:archive|tarball|zipball|-/archive|zip|tar\.gz)/(?:refs/heads/[^?#]+|"
    r"(?:main|master|develop|trunk|HEAD)(?:/[^/?#]*|\.(?:zip|tar\.gz|tgz))?)(?:[?#]|$)",
    re.I,
)
VCS_SCHEMES = ("git+", "hg+", "svn+", "bzr+", "git://", "git@")


def is_commit(ref: str) -> bool:
    """Whether `ref` is a full 40-hex commit id."""
    return _COMMIT.match(ref) is not None


def is_exact_pep440(specifier: str) -> bool:
    """Whether a PEP 440 specifier pins exactly one version (`==1.2.3`, `===1.2.3`)."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        specifiers = list(SpecifierSet(specifier))
    except InvalidSpecifier:
        return False
    return any(s.operator in ("==", "===") and "*" not in s.version for s in specifiers)


def is_exact_poetry(constraint: str) -> bool:
    """Whether a Poetry/Pipfile constraint pins one version (`1.2.3`, `==1.2.3`; not `^`, `~`, `*`)."""
    constraint = constraint.strip()
    return _POETRY_EXACT.match(constraint) is not None or is_exact_pep440(constraint)


def is_unbounded_python(specifier: str) -> bool:
    """Whether a Python constraint allows every version (none at all, or `*`)."""
    return specifier.strip() in ("", "*")


def is_exact_npm(version: str) -> bool:
    """Whether an npm version string names one version (`1.2.3`, `=1.2.3`, `v1.2.3-beta.1`)."""
    return _NPM_EXACT.match(version.strip()) is not None


def is_unbounded_npm(version: str) -> bool:
    """Whether an npm version string allows every version (`*`, `latest`, `x`, empty)."""
    return version.strip() in _NPM_UNBOUNDED


def is_vcs_url(url: str) -> bool:
    """Whether a requirement URL points at a version-control repository."""
    return url.lower().startswith(VCS_SCHEMES)


def vcs_revision(url: str) -> str | None:
    """The revision a pip VCS URL asks for (`git+https://h/r.git@v1.0#egg=r` -> `v1.0`)."""
    after_scheme = url.split("://", 1)[-1]
    match = _VCS_REVISION.search(after_scheme)
    return match.group(1) if match else None


def is_branch_archive(url: str) -> bool:
    """Whether an archive URL downloads the current state of a branch (`.../archive/main.zip`)."""
    return _BRANCH_ARCHIVE.search(url) is not None
