"""Problems with the names a manifest declares and a Dockerfile installs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from agentguard.rules.deps.existence.findings import Problem
from agentguard.rules.deps.existence.install_commands import installed_packages
from agentguard.rules.deps.existence.judges import judge_for
from agentguard.rules.deps.existence.verdicts import Kind
from agentguard.rules.deps.manifests import declared_dependencies

if TYPE_CHECKING:
    from agentguard.rules.rule import Context


def manifest_problems(ctx: Context) -> list[Problem]:
    """Verdicts on the registry names a manifest declares."""
    declared = [d for d in declared_dependencies(ctx.doc) if d.url is None]
    found: list[Problem] = []
    for ecosystem in ("pypi", "npm"):
        entries = [
            d for d in declared if d.ecosystem == ecosystem and not d.specifier.startswith("workspace:")
        ]
        if not entries:
            continue
        names = [_registry_name(d.name, d.specifier) for d in entries]
        verdicts = judge_for(ctx, ecosystem, Path(ctx.doc.path)).judge_all(names)
        found += [
            Problem(entry.range, verdicts[name].kind, verdicts[name].message, verdicts[name].hint)
            for entry, name in zip(entries, names, strict=True)
            if name in verdicts
        ]
    return found


def install_problems(ctx: Context) -> list[Problem]:
    """Look-alikes among the packages `RUN pip install` / `npm install` name (unverified names
    are left alone there: images install many tools no index lists)."""
    found: list[Problem] = []
    for installed in installed_packages(ctx.doc):
        verdict = judge_for(ctx, installed.ecosystem, Path(ctx.doc.path)).offline(installed.name)
        if verdict is not None and verdict.kind is Kind.LOOKALIKE:
            found.append(Problem(installed.range, verdict.kind, verdict.message, verdict.hint))
    return found


def _registry_name(name: str, specifier: str) -> str:
    """The name the registry knows: an npm alias `"x": "npm:real-name@^1"` installs `real-name`."""
    if specifier.startswith("npm:"):
        aliased = specifier[4:]
        return aliased[: aliased.rfind("@")] if aliased.rfind("@") > 0 else aliased
    return name
