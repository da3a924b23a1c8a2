"""What an allowed-origin value means, the same way in every language's CORS detector."""

from __future__ import annotations

import enum
import fnmatch
import re

from agentguard.rules.config import Config
from agentguard.rules.cors.options import TRUSTED_ORIGINS


class OriginKind(enum.Enum):
    """How permissive one configured origin value is."""

    ANY = "any origin (`*`)"
    NULL = "the `null` origin"
    CATCH_ALL = "a pattern that matches every origin"
    SPECIFIC = "a specific origin"


# Regexes that accept any origin: `.*`, `^.*$`, `.+`, `https?://.*`, `(.*)`.
_CATCH_ALL_REGEX = re.compile(r"^\^?\(?(https?\??(:|\\:)//)?\(?\.[*+]\)?\)?\$?$")


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


def is_permissive(value: str, config: Config) -> bool:
    """Whether an origin value opens the API to every origin (and is not explicitly trusted)."""
    return classify_origin(value) is not OriginKind.SPECIFIC and not is_trusted(value, config)
