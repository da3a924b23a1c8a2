"""What an allowed-origin value means, the same way in every language's CORS detector."""

from __future__ import annotations

import enum
import fnmatch
from collections.abc import Iterable, Iterator

from agentguard.rules.config import Config
from agentguard.rules.cors.options import TRUSTED_ORIGINS
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Report, Severity


class OriginKind(enum.Enum):
    """How permissive one configured origin value is."""

    ANY = "any origin (`*`)"
    NULL = "the `null` origin"
    CATCH_ALL = "a pattern that matches every origin"
    SPECIFIC = "a specific origin"
    REFLECTED = "the request's own origin, echoed back without an allowlist check"


# Regexes that accept any origin: `.*`, `^.*$`, `.+`, `https?://.*`, `(.*)`.
_CATCH_ALL_REGEX = LazyPattern(r"^\^?\(?(https?\??(:|\\:)//)?\(?\.[*+]\)?\)?\$?$")


def classify_origin(value: str) -> OriginKind:
    """Classify one origin string (or origin regex) from a CORS configuration."""
    stripped = value.strip()
    if stripped == "*":
        return OriginKind.ANY
    if stripped.lower() == "null":
        return OriginKind.NULL
    if _CATCH_ALL_REGEX.match(stripped) or stripped in {"https://*", "http://*", "*://*"}:
        return OriginKind.CATCH_ALL
    return OriginKind.SPECIFIC


def classify_regex(value: str) -> OriginKind:
    """Classify an origin *regex* (`allow_origin_regex`, `CORS_ALLOWED_ORIGIN_REGEXES`)."""
    stripped = value.strip()
    if _CATCH_ALL_REGEX.match(stripped) or stripped in {"", "^", "$", "^.*", ".*$"}:
        return OriginKind.CATCH_ALL
    return OriginKind.SPECIFIC


def is_trusted(value: str, config: Config) -> bool:
    """Whether the project's `trusted-origins` allowlist covers this origin value."""
    return any(
        value == trusted or fnmatch.fnmatchcase(value, trusted) for trusted in config.get(TRUSTED_ORIGINS)
    )


_WHAT_IS_ALLOWED = {
    OriginKind.ANY: "CORS allows every origin",
    OriginKind.NULL: "CORS allows the `null` origin (sandboxed iframes, local files: any site can send it)",
    OriginKind.CATCH_ALL: "CORS allows every origin through a catch-all pattern",
    OriginKind.REFLECTED: "CORS echoes the request's Origin back without checking it against an allowlist",
    OriginKind.SPECIFIC: "CORS allows a specific origin",
}


def permissive_message(kind: OriginKind, shown: str, credentials: str | None = None) -> str:
    """The finding message: what is allowed, the code that allows it, and the credentials that escalate it.

    `shown` and `credentials` are short code excerpts, e.g. `origins="*"` and `supports_credentials=True`.
    """
    message = f"{_WHAT_IS_ALLOWED[kind]} (`{shown}`)"
    if credentials:
        message += f" with credentials (`{credentials}`): any site can read responses as the signed-in user"
    return message


def cors_severity(credentials: bool) -> Severity:
    """Credential-aware severity: any-origin access with credentials is high, without it medium."""
    return Severity.HIGH if credentials else Severity.MEDIUM


def first_per_position(reports: Iterable[Report]) -> Iterator[Report]:
    """The first report at each start position: two checks that reach the same setting (a
    constructor and its options, say) report it once."""
    seen: set[tuple[int, int]] = set()
    for report in reports:
        key = (report.range.line, report.range.column)
        if key not in seen:
            seen.add(key)
            yield report
