"""Permissive-CORS detection for Apache httpd configuration (`.htaccess`, `httpd.conf`, `apache2.conf`, ...).

`Header [always] set|add|append|merge|setifempty Access-Control-Allow-Origin` with `*` or `null`,
or with the request's origin echoed back: `%{Origin}i`, `expr=%{req:Origin}`, or an environment
variable (`%{ORIGIN}e`) copied from the Origin header by `SetEnvIf Origin "(.*)"` or a
`RewriteRule [E=...]` without an allowlist. The allowlist idiom is fine:

    SetEnvIf Origin "^https://(www\\.)?example\\.com$" ORIGIN=$0
    Header set Access-Control-Allow-Origin "%{ORIGIN}e" env=ORIGIN

`Header set Access-Control-Allow-Credentials "true"` in the same file makes a finding high severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from agentguard.rules.config import Config
    from agentguard.rules.rule import Context

_VALUE = r"""(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|\S+)"""
_HEADER = LazyPattern(
    rf"""^\s*Header\s+(?:(?:always|onsuccess)\s+)?(?:set|add|append|merge|setifempty)\s+"""
    rf"""["']?Access-Control-Allow-Origin["']?:?\s+{_VALUE}(?P<rest>.*)$""",
    re.IGNORECASE,
)
_CREDENTIALS = LazyPattern(
    r"""^\s*Header\s+(?:(?:always|onsuccess)\s+)?(?:set|add|append|merge|setifempty)\s+"""
    r"""["']?Access-Control-Allow-Credentials["']?\s+["']?true\b""",
    re.IGNORECASE,
)
# `%{Origin}i` (a request header), `%{req:Origin}` / `%{HTTP:Origin}` (expressions).
_REQUEST_ORIGIN = LazyPattern(
    r"%\{origin\}i|%\{(?:req|req_novary|http):origin\}|req(?:_novary)?\(\s*'origin'\s*\)", re.I
)
_ENVIRONMENT = LazyPattern(r"%\{(?P<name>[^}:]+)\}e", re.I)
_CONDITION = LazyPattern(r"\benv=(?P<name>[^\s\"']+)", re.I)
_SET_ENV_IF = LazyPattern(
    r"""^\s*SetEnvIf(?:NoCase)?\s+Origin\s+(?P<regex>"[^"]*"|'[^']*'|\S+)\s+(?P<assignments>.*)$""",
    re.IGNORECASE | re.MULTILINE,
)
_ASSIGNED = LazyPattern(r"(?:^|\s)!?(?P<name>[\w-]+)(?==|\s|$)")
_REWRITE_ENV = LazyPattern(
    r"""^\s*RewriteRule\s.*\[[^\]]*\bE=(?P<name>[\w-]+):""", re.IGNORECASE | re.MULTILINE
)
_REWRITE_ORIGIN_CHECK = LazyPattern(
    r"""^\s*RewriteCond\s+%\{HTTP:Origin\}\s+(?P<regex>"[^"]*"|\S+)""", re.IGNORECASE | re.MULTILINE
)
# `<If "%{HTTP:Origin} =~ m#^https://app\.example\.com$#">`, `expr=%{req:Origin} == 'https://...'`.
_EXPRESSION_ORIGIN_CHECK = LazyPattern(
    r"""(?:%\{(?:req|req_novary|http):origin\}|req(?:_novary)?\(\s*'origin'\s*\))\s*"""
    r"""(?P<operator>=~|==|-in|-strmatch)\s*(?P<operand>m?(?P<delimiter>[#/|])(?P<regex>.*?)(?P=delimiter)|'[^']*'|\{)""",
    re.IGNORECASE,
)
# `http(s)?://(.*)`-style regexes: any origin, whatever the scheme part is spelt like.
_ANY_WITH_SCHEME = LazyPattern(r"^\^?\(?(https?|http\(s\)\?|https\?)?(:|\\:)?(//|\\/\\/)?\(?\.[*+]\)?\)?\$?$")
_HINT = (
    'copy the origin only after an allowlist check: `SetEnvIf Origin "^https://app\\.example\\.com$" ORIGIN=$0` '
    'then `Header set Access-Control-Allow-Origin "%{ORIGIN}e" env=ORIGIN`, or send one trusted origin'
)


@dataclass(frozen=True)
class _OriginSources:
    """How the file sets environment variables from the Origin header, and whether it checks it."""

    checked: frozenset[str]  # variables set only for allowlisted origins
    unchecked: frozenset[str]  # variables set from any origin
    expression_checked: bool  # an `<If>` / `expr=` compares the Origin header with a specific value


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each `Access-Control-Allow-Origin` header that lets every origin in."""
    lines = ["" if line.lstrip().startswith("#") else line for line in ctx.doc.lines]
    code = "\n".join(lines)
    if "access-control-allow-origin" not in code.lower():
        return
    sources = _origin_sources(code)
    sections = _sections(lines)
    credentials = [
        (sections[index], " ".join(line.split()))
        for index, line in enumerate(lines)
        if _CREDENTIALS.match(line)
    ]
    for index, line in enumerate(lines):
        header = _HEADER.match(line)
        if header is None:
            continue
        kind = _header_kind(header.group("value"), header.group("rest"), sources, ctx.config)
        if kind is None:
            continue
        # Credentials count where they are sent too: set in this section or one that encloses it.
        granted = next((shown for path, shown in credentials if sections[index][: len(path)] == path), None)
        number = index + 1
        yield Report(
            Range(number, header.start("value") + 1, number, header.end("value") + 1),
            permissive_message(kind, " ".join(line.split()), granted),
            _HINT,
            severity=cors_severity(granted is not None),
        )


def _sections(lines: list[str]) -> list[tuple[int, ...]]:
    """For each line, the sections (`<Location>`, `<FilesMatch>`, `<If>`, ...) it sits in, by opening line."""
    open_sections: list[int] = []
    paths: list[tuple[int, ...]] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("</"):
            if open_sections:
                open_sections.pop()
        elif stripped.startswith("<") and stripped.endswith(">"):
            open_sections.append(index)
        paths.append(tuple(open_sections))
    return paths


def _header_kind(raw: str, rest: str, sources: _OriginSources, config: Config) -> OriginKind | None:
    value = raw.strip("\"'").strip()
    condition = _CONDITION.search(rest)
    if condition and condition.group("name") in sources.checked:
        return None
    if _REQUEST_ORIGIN.search(value):
        return None if sources.expression_checked else OriginKind.REFLECTED
    variable = _ENVIRONMENT.search(value)
    if variable:
        return _variable_kind(variable.group("name"), sources)
    kind = classify_origin(value)
    if kind in {OriginKind.ANY, OriginKind.NULL} and not is_trusted(value, config):
        return kind
    return None


def _variable_kind(name: str, sources: _OriginSources) -> OriginKind | None:
    if name in sources.checked or (sources.expression_checked and name not in sources.unchecked):
        return None
    if name in sources.unchecked or "origin" in name.lower():
        return (
            OriginKind.REFLECTED
        )  # `%{HTTP_ORIGIN}e`: meant to echo the Origin header, with no allowlist here
    return None


def _origin_sources(code: str) -> _OriginSources:
    checked: set[str] = set()
    unchecked: set[str] = set()
    for rule in _SET_ENV_IF.finditer(code):
        names = {m.group("name") for m in _ASSIGNED.finditer(rule.group("assignments"))}
        (unchecked if _catch_all(rule.group("regex")) else checked).update(names)
    rewrite_checked = any(
        not m.group("regex").startswith("!") and not _catch_all(m.group("regex"))
        for m in _REWRITE_ORIGIN_CHECK.finditer(code)
    )
    for rule in _REWRITE_ENV.finditer(code):
        (checked if rewrite_checked else unchecked).add(rule.group("name"))
    expression_checked = any(_specific_comparison(m) for m in _EXPRESSION_ORIGIN_CHECK.finditer(code))
    return _OriginSources(frozenset(checked - unchecked), frozenset(unchecked), expression_checked)


def _specific_comparison(match: re.Match[str]) -> bool:
    if match.group("operator") != "=~":
        return True  # `==`, `-in`, `-strmatch` against listed values
    regex = match.group("regex")
    return regex is not None and not _catch_all(regex)


def _catch_all(regex: str) -> bool:
    pattern = regex.strip("\"'")
    return classify_regex(pattern) is OriginKind.CATCH_ALL or _ANY_WITH_SCHEME.match(pattern) is not None
