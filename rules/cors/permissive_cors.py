"""AG101 permissive-cors: the rule, its documentation, and the per-language detectors it runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from agentguard.rules.cors import (
    apache,
    config_files,
    env_files,
    framework_yaml,
    go,
    java,
    javascript,
    properties,
    python,
    toml_files,
)
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

_DETECTORS: dict[str, Callable[[Context], Iterator[Report]]] = {
    "python": python.detect,
    "javascript": javascript.detect,
    "typescript": javascript.detect,
    "tsx": javascript.detect,
    "go": go.detect,
    "java": java.detect,
    "nginx": config_files.detect,
    "yaml": framework_yaml.detect,
    "json": config_files.detect,
    "apache": apache.detect,
    "dotenv": env_files.detect,
    "properties": properties.detect,
    "toml": toml_files.detect,
}


class PermissiveCors(Rule):
    """## What it does
    Flags CORS set-ups that let any web origin read responses: a wildcard (`*`) or `null`
    origin, an origin reflected from the request without an allowlist check, an origin callback
    that always says yes, or library defaults that allow everything (`CORS(app)`, `cors()`).
    With credentials allowed as well the finding is high severity; alone it is medium.

    ## Why is this bad?
    The browser's same-origin policy is what stops a page on another site from reading your
    API's answers. A wildcard opens public data to every site; a reflected origin with
    credentials lets any page the user visits call the API *as the user* and read the result
    (account data, CSRF tokens), which is CWE-942.

    ## Example
        app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)

        app.use(cors({ origin: true, credentials: true }));

    ## Use instead
        app.add_middleware(CORSMiddleware, allow_origins=settings.trusted_origins)

        app.use(cors({ origin: ["https://app.example.com"], credentials: true }));

    Origins listed in `[tool.agentguard.cors] trusted-origins` are accepted as an allowlist.

    ## References
    CWE-942; OWASP A05:2021 Security Misconfiguration;
    https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS
    """

    META = RuleMeta(
        code="AG101",
        name="permissive-cors",
        category="permissive-cors",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(942,),
        languages=tuple(_DETECTORS),
        summary="CORS lets any origin (or a reflected origin) read responses",
        owasp=("A05:2021",),
    )
    PREFILTER = re.compile(
        r"cors|access-control-allow|cross_?origin|allow(ed)?[-_]?origin|\"origin\"\s*:", re.I
    )

    def check(self, ctx: Context) -> Iterable[Report]:
        """Run the detector for the document's language."""
        return _DETECTORS[ctx.doc.language](ctx)
