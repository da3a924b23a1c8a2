"""AG505 undeclared-import: an import that no manifest of the project declares."""

from __future__ import annotations

from agentguard.rules.deps.existence.rule_base import ExistenceRule
from agentguard.rules.model import Confidence, RuleMeta, Severity


class UndeclaredImport(ExistenceRule):
    """## What it does
    Flags imports in Python, JavaScript/TypeScript and Go files that need a package which no
    manifest of the enclosing project declares. The project is found by walking up from the
    file to the nearest manifest (`pyproject.toml` with `[project]` or Poetry tables,
    `requirements*.txt`, `Pipfile`, `setup.cfg`, `setup.py`; `package.json`; `go.mod`), whose
    declarations count together with those of manifests further up (a monorepo's root) and of
    the workspace (`workspaces`, `pnpm-workspace.yaml`, `go.work`). A file with no manifest
    above it is not checked.

    Not reported: the standard library (`sys.stdlib_module_names`, Node built-ins with or
    without `node:`, Go packages without a dot in their first path element), relative and
    local imports (modules beside the file or under `src/`, tsconfig `paths` and `baseUrl`,
    `@/` and `~/` aliases, Go packages under the module path), workspace packages, imports
    inside `try`/`except ImportError` (optional dependencies) or `if TYPE_CHECKING:`, and
    imports a declared distribution provides under another name (`yaml` from PyYAML, `cv2`
    from opencv-python, `google.cloud.storage` from google-cloud-storage; installed metadata
    is consulted too). An undeclared name that is not a known package but resembles a popular
    one is reported as a look-alike (AG501) instead.

    ## Why is this bad?
    Code assistants import packages they never add to the manifest. Whoever installs the
    project then installs the missing name by hand, unpinned and unreviewed, or the name is a
    hallucination waiting to be registered by an attacker (CWE-1357, CWE-829).

    ## Example
        # requirements.txt: flask==3.0.3
        import jwt

    ## Use instead
        # requirements.txt: flask==3.0.3, PyJWT==2.8.0
        import jwt

    ## References
    CWE-1357; CWE-829; OWASP A06:2021 Vulnerable and Outdated Components
    """

    KIND = "undeclared"
    META = RuleMeta(
        code="AG505",
        name="undeclared-import",
        category="unknown-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.MEDIUM,
        cwe=(1357, 829),
        languages=("python", "javascript", "typescript", "tsx", "go"),
        summary="An import of a package that no manifest of the project declares",
        owasp=("A06:2021",),
    )
