"""AG504 new-dependency: a package first published very recently (online only)."""

from __future__ import annotations

from agentguard.rules.deps.existence.rule_base import ExistenceRule
from agentguard.rules.model import Confidence, RuleMeta, Severity


class NewDependency(ExistenceRule):
    """## What it does
    With online verification on, flags declared dependencies that are not popular, installed,
    locked or allowed and whose first release on the registry is younger than
    `new-package-days` (default 30; 0 turns this off).

    ## Why is this bad?
    Typosquats and packages registered under names code assistants hallucinate are, almost by
    definition, new. A package a few days old has no track record, few eyes on it, and may
    exist only to be installed by mistake (CWE-1357, CWE-829).

    ## Example
        requests-oauth-helper==0.0.1   # first published last week

    ## Use instead
    Review the package (owner, repository, downloads, code) and allow it explicitly:

        [tool.agentguard.deps]
        allow = ["requests-oauth-helper"]

    ## References
    CWE-1357; CWE-829; OWASP A06:2021 Vulnerable and Outdated Components
    """

    KIND = "new"
    META = RuleMeta(
        code="AG504",
        name="new-dependency",
        category="unknown-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.MEDIUM,
        cwe=(1357, 829),
        languages=("requirements", "toml", "ini", "json"),
        summary="A dependency first published on its registry only days ago (online verification)",
        owasp=("A06:2021",),
    )
