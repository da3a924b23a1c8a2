"""AG502 unverified-dependency: a declared name agentguard cannot vouch for offline."""

from __future__ import annotations

from agentguard.rules.deps.existence.rule_base import ExistenceRule
from agentguard.rules.model import Confidence, RuleMeta, Severity


class UnverifiedDependency(ExistenceRule):
    """## What it does
    Flags declared dependencies (`requirements*.txt`, `pyproject.toml`, `Pipfile`,
    `setup.cfg`, `package.json`) whose name is in none of: the bundled index of popular
    packages, the distributions installed where agentguard runs (or `node_modules`), the
    project's lock file, and `allow` under `[tool.agentguard.deps]`; and imports of such names.
    Local paths, URLs, git and `workspace:` references are not registry names and are skipped.

    With `--online` (or `online = true`) the registry is asked instead, and only names it does
    not know (AG503) or that are very new (AG504) are reported. When the registry cannot be
    reached the name stays reported here, with the reason.

    ## Why is this bad?
    Code assistants invent plausible package names; attackers register the names they invent
    most often ("slopsquatting"). A name nobody can vouch for deserves a look before it is
    installed (CWE-1357, CWE-829).

    ## Example
        flask-secure-headers-plus==0.3.1

    ## Use instead
    Check the package exists and is the one you mean, then say so:

        [tool.agentguard.deps]
        allow = ["flask-secure-headers-plus"]

    or commit the lock file that resolved it.

    ## References
    CWE-1357; CWE-829; OWASP A06:2021 Vulnerable and Outdated Components
    """

    KIND = "unverified"
    META = RuleMeta(
        code="AG502",
        name="unverified-dependency",
        category="unknown-dependency",
        severity=Severity.LOW,
        confidence=Confidence.LOW,
        cwe=(1357, 829),
        languages=("requirements", "toml", "ini", "json", "python", "javascript", "typescript", "tsx"),
        summary="A dependency name that is not popular, installed, locked or allowed",
        owasp=("A06:2021",),
    )
