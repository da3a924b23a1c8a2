"""AG503 nonexistent-dependency: the registry does not know the name (online only)."""

from __future__ import annotations

from agentguard.rules.deps.existence.rule_base import ExistenceRule
from agentguard.rules.model import Confidence, RuleMeta, Severity


class NonexistentDependency(ExistenceRule):
    """## What it does
    With online verification on (`agentguard check --online`, or `online = true` under
    `[tool.agentguard.deps]`), asks the package registry about every declared name that is not
    popular, installed, locked or allowed, and flags, in the manifest, the names it does not
    know. Only package names are sent; answers are
    cached on disk for `cache-ttl-hours`. The registries are pip's and npm's configured ones,
    or `pypi-url` / `npm-url` (private mirrors). A registry that cannot be reached never makes
    a name "nonexistent": the name is reported as unverified (AG502) with the reason.

    ## Why is this bad?
    A dependency that does not exist was most likely invented by a code assistant. Today the
    install fails; tomorrow anyone can register the name and the install succeeds with their
    code (slopsquatting, CWE-1357, CWE-829).

    ## Example
        "dependencies": { "express-jwt-auth-guard": "^1.0.0" }

    ## Use instead
        "dependencies": { "express-jwt": "8.4.1" }

    ## References
    CWE-1357; CWE-829; OWASP A06:2021 Vulnerable and Outdated Components
    """

    KIND = "missing"
    META = RuleMeta(
        code="AG503",
        name="nonexistent-dependency",
        category="unknown-dependency",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        cwe=(1357, 829),
        languages=("requirements", "toml", "ini", "json"),
        summary="A dependency the package registry does not know (online verification)",
        owasp=("A06:2021",),
    )
