"""AG101 permissive-cors: the rule, its documentation, and the per-language detectors it runs."""

from __future__ import annotations

import re

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, RuleMeta, Severity
from agentguard.rules.rule import LanguageDispatchRule

_PACKAGE = "agentguard.rules.cors"
_DETECTORS = {
    "python": f"{_PACKAGE}.python",
    "javascript": f"{_PACKAGE}.javascript",
    "typescript": f"{_PACKAGE}.javascript",
    "tsx": f"{_PACKAGE}.javascript",
    "go": f"{_PACKAGE}.go",
    "java": f"{_PACKAGE}.java",
    "nginx": f"{_PACKAGE}.config_files",
    "yaml": f"{_PACKAGE}.framework_yaml",
    "json": f"{_PACKAGE}.config_files",
    "apache": f"{_PACKAGE}.apache",
    "dotenv": f"{_PACKAGE}.env_files",
    "properties": f"{_PACKAGE}.properties",
    "toml": f"{_PACKAGE}.toml_files",
    "hcl": f"{_PACKAGE}.hcl_files",
}


class PermissiveCors(LanguageDispatchRule):
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
    PREFILTER = LazyPattern(
        r"cors|access-control-allow|cross_?origin|allow(ed)?[-_]?origin|\"origin\"\s*:", re.I
    )

    DETECTORS = _DETECTORS
