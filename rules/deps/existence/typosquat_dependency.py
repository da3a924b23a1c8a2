"""AG501 typosquat-dependency: a declared or imported name that imitates a popular package."""

from __future__ import annotations

from agentguard.rules.deps.existence.rule_base import ExistenceRule
from agentguard.rules.model import Confidence, RuleMeta, Severity


class TyposquatDependency(ExistenceRule):
    """## What it does
    Flags dependencies whose name is not a known package but looks like a popular one: one
    letter away (`reqeusts`, `expresss`; two letters in long names), the same apart from
    separators (`scikitlearn`, `crossenv`), with a language affix added or dropped
    (`python-requests`, `jquery.js`, `dateutil` for `python-dateutil`), with its parts swapped
    (`dotenv-python`), two popular names glued together, or a Python import name used as the
    package name (`yaml` for `PyYAML`). Declarations in `requirements*.txt`, `pyproject.toml`
    (PEP 621, Poetry, PDM, uv, dependency groups), `Pipfile`, `setup.cfg` and `package.json`
    are checked, and so are imports of such names in Python, JavaScript and TypeScript, and the
    packages Dockerfile `RUN` commands install (`pip install`, `npm install`, `yarn add`).

    A name is not called a look-alike when it is itself popular (the 15,000 most downloaded
    PyPI projects, npm's high-impact packages), installed in the current environment (or in
    `node_modules`), listed in the project's lock file, or in `allow` under
    `[tool.agentguard.deps]`. Names are compared after normalisation (`Django` is `django`,
    `typing_extensions` is `typing-extensions`).

    ## Why is this bad?
    Attackers publish malware under misspellings of popular packages (typosquatting), and
    under the names code assistants invent or garble (slopsquatting). Installing one runs the
    attacker's code on developer machines and in CI (CWE-1357, CWE-829).

    ## Example
        reqeusts==2.32.3
        python-dotenv-py>=1.0

    ## Use instead
        requests==2.32.3
        python-dotenv==1.0.1

    ## References
    CWE-1357; CWE-829; OWASP A06:2021 Vulnerable and Outdated Components; PEP 503 (name
    normalisation)
    """

    KIND = "lookalike"
    META = RuleMeta(
        code="AG501",
        name="typosquat-dependency",
        category="unknown-dependency",
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        cwe=(1357, 829),
        languages=(
            "requirements",
            "toml",
            "ini",
            "json",
            "python",
            "javascript",
            "typescript",
            "tsx",
            "dockerfile",
        ),
        summary="A dependency name that is not a known package but imitates a popular one",
        owasp=("A06:2021",),
    )
