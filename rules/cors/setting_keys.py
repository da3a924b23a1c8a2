"""What a flat CORS setting means, by its key: environment variables, Java properties and TOML keys.

Shared by the dotenv, properties and TOML detectors, which read `KEY=value` lines themselves and
ask here what the key configures and which origins the value lists (with their columns).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from agentguard.rules.config import Config
from agentguard.rules.cors.origins import (
    OriginKind,
    classify_origin,
    classify_regex,
    cors_severity,
    is_trusted,
    permissive_message,
)
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Range, Report


class SettingKind(enum.Enum):
    """What one CORS setting configures."""

    ORIGINS = "origins"
    ORIGIN_REGEX = "origin regex"
    ALLOW_ALL = "allow all origins"
    CREDENTIALS = "credentials"


# Normalised key endings (lower case, separators removed) that name an origin list anywhere.
_ORIGIN_ENDINGS = (
    "allowedorigins",
    "allowedorigin",
    "alloworigins",
    "alloworigin",
    "allowedoriginpatterns",
    "alloworiginpatterns",
    "accesscontrolalloworigin",
    "accesscontrolalloworigins",
)
# Endings that name an origin list only in a key that mentions CORS (`CORS_DOMAINS`, `cors.origins`).
_CORS_ORIGIN_ENDINGS = ("origin", "origins", "domain", "domains", "whitelist", "allowlist", "originlist")
_REGEX_ENDINGS = ("originregex", "originregexes", "originsregex", "originsregexes", "originregexwhitelist")
_ALLOW_ALL_ENDINGS = ("allowallorigins", "originallowall", "corsallowall", "allowanyorigin")
_CREDENTIAL_ENDINGS = ("allowcredentials", "supportscredentials", "supportcredentials")
# Keys about other origin checks: CSRF trusted origins, redirect targets, framing; WebSocket
# handshakes unless the key says CORS (Socket.IO's `cors_allowed_origins` is CORS).
_OTHER_CHECKS = LazyPattern(r"csrf|redirect|referr?er|frame", re.I)
_SOCKET = LazyPattern(r"socket", re.I)
_SEPARATORS = LazyPattern(r"[-_.\s\[\]/*\"']")
_TRUE = frozenset({"true", "1", "yes", "on"})
# One origin in a list value: a quoted string, or a run without separators.
_LIST_ITEM = LazyPattern(r""""(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s,\[\]"']+)""")
# `${NAME}`, `$NAME`, `%(name)s`: a value filled in elsewhere.
_REFERENCE = LazyPattern(r"^\$\{[^}]*\}$|^\$\w+$|^%\(\w+\)s$")

HINT = (
    "list the trusted origins (e.g. `https://app.example.com`) instead of `*`, and never allow credentials "
    "for a wildcard"
)


def normalised(key: str) -> str:
    """The key in lower case without separators: `CORS_ALLOWED_ORIGINS` -> `corsallowedorigins`."""
    return _SEPARATORS.sub("", key.lower())


def setting_kind(key: str) -> SettingKind | None:
    """What a setting key configures, or None when it is not a CORS origin or credentials setting."""
    flat = normalised(key)
    if _OTHER_CHECKS.search(key) or (_SOCKET.search(key) and "cors" not in flat):
        return None
    if flat.endswith(_ALLOW_ALL_ENDINGS):
        return SettingKind.ALLOW_ALL
    if flat.endswith(_REGEX_ENDINGS) and ("cors" in flat or "allow" in flat):
        return SettingKind.ORIGIN_REGEX
    if flat.endswith(_ORIGIN_ENDINGS) or ("cors" in flat and flat.endswith(_CORS_ORIGIN_ENDINGS)):
        return SettingKind.ORIGINS
    if flat.endswith(_CREDENTIAL_ENDINGS) or ("cors" in flat and flat.endswith("credentials")):
        return SettingKind.CREDENTIALS
    return None


def is_true(value: str) -> bool:
    """A boolean setting that is on (`true`, `"True"`, `1`, `yes`, `on`)."""
    return value.strip().strip("\"'").lower() in _TRUE


@dataclass(frozen=True)
class Origin:
    """One origin in a setting's value, with its 0-based start and end offsets in the line."""

    value: str
    start: int
    end: int


def listed_origins(value: str, offset: int) -> Iterator[Origin]:
    """Each origin in a value written as `*`, `a,b`, `a b`, `"a"`, or `["a", "b"]`, starting at `offset`."""
    for item in _LIST_ITEM.finditer(value):
        text = next(group for group in item.group("double", "single", "bare") if group is not None)
        yield Origin(text.strip(), offset + item.start(), offset + item.end())


def permissive_origin(
    kind: SettingKind, value: str, offset: int, config: Config
) -> tuple[OriginKind, Origin] | None:
    """The first origin in the value that lets every origin in (and is not trusted), with how it does."""
    for origin in listed_origins(value, offset):
        if not origin.value or _REFERENCE.match(origin.value):
            continue
        found = _classify(kind, origin.value)
        if found is not OriginKind.SPECIFIC and not is_trusted(origin.value, config):
            return found, origin
    return None


def _classify(kind: SettingKind, value: str) -> OriginKind:
    if kind is SettingKind.ORIGIN_REGEX:
        return classify_regex(value)
    if len(value) > 2 and value.startswith("/") and value.endswith("/"):
        return classify_regex(value[1:-1])  # Quarkus writes origin regexes between slashes: `/.*/`
    return classify_origin(value)


def setting_report(
    line: int,
    start: int,
    end: int,
    kind: OriginKind,
    shown: str,
    *,
    credentials: str | None,
    hint: str = HINT,
) -> Report:
    """A finding on one line, from 0-based column `start` to `end`."""
    return Report(
        Range(line, start + 1, line, end + 1),
        permissive_message(kind, shown, credentials),
        hint,
        severity=cors_severity(credentials is not None),
    )


@dataclass(frozen=True)
class SettingValue:
    """One setting's value in a file read line by line (TOML, HCL), or one physical line of a list
    written across lines, with where it starts."""

    line: int
    key: str  # the dotted key, with the tables or blocks around it
    scope: str  # what a credentials setting must share to escalate it (a table or block occurrence)
    text: str
    offset: int  # 0-based column where `text` starts
    continued: bool = False  # a later line of a list written across lines


def opens_list(value: SettingValue) -> bool:
    """Whether the value starts a list that its line does not close."""
    return value.text.startswith("[") and value.text.count("[") > value.text.count("]")


def continued_list(open_list: SettingValue, line: int, code: str) -> tuple[SettingValue, bool]:
    """The next physical line of a list written across lines, and whether the list stays open."""
    start = len(code) - len(code.lstrip())
    value = SettingValue(line, open_list.key, open_list.scope, code.strip(), start, continued=True)
    return value, code.count("]") <= code.count("[")


def setting_reports(
    values: list[SettingValue], config: Config, hint: str = HINT, origins: Callable[[str], str] = str
) -> Iterator[Report]:
    """A report for each setting that allows every origin; credentials escalate within a scope.

    `origins` rewrites a value before its origins are read (API Gateway quotes them: `"'*'"`).
    """
    credentials = {
        value.scope: f"{value.key.rsplit('.', 1)[-1]} = {value.text}"
        for value in values
        if setting_kind(value.key) is SettingKind.CREDENTIALS and is_true(value.text)
    }
    for value in values:
        kind = setting_kind(value.key)
        granted = credentials.get(value.scope)
        leaf = value.key.rsplit(".", 1)[-1]
        shown = f"{leaf} = {value.text}"
        if kind is SettingKind.ALLOW_ALL and is_true(value.text):
            end = value.offset + len(value.text)
            yield setting_report(
                value.line, value.offset, end, OriginKind.ANY, shown, credentials=granted, hint=hint
            )
        elif kind in {SettingKind.ORIGINS, SettingKind.ORIGIN_REGEX}:
            found = permissive_origin(kind, origins(value.text), value.offset, config)
            if found is not None:
                origin_kind, origin = found
                shown = f"{leaf} = [..., {origin.value!r}]" if value.continued else shown
                yield setting_report(
                    value.line, origin.start, origin.end, origin_kind, shown, credentials=granted, hint=hint
                )
