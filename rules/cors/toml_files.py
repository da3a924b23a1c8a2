"""Permissive-CORS detection for TOML files: Netlify header rules and application settings.

`netlify.toml` `[[headers]]` blocks whose `[headers.values]` set `Access-Control-Allow-Origin = "*"`
(escalated by `Access-Control-Allow-Credentials = "true"` in the same block), and Python/Rust/Go
application settings such as `cors_origins = ["*"]`, `[cors] allowed_origins = ["*"]` or
`allow_origins = "*"` (escalated by a true `allow_credentials` in the same table). TOML is read
line by line, arrays across lines included, so every finding points at the origin itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.cors.origins import OriginKind
from agentguard.rules.cors.setting_keys import (
    SettingKind,
    is_true,
    permissive_origin,
    setting_kind,
    setting_report,
)
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Report

if TYPE_CHECKING:
    from agentguard.rules.rule import Context

_TABLE = LazyPattern(r"""^\s*\[\[?\s*(?P<name>[^\]\[]+?)\s*\]\]?\s*(?:#.*)?$""")
_KEY = r"""(?:"[^"]*"|'[^']*'|[\w-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[\w-]+))*"""
_ASSIGNMENT = LazyPattern(rf"""^\s*(?P<key>{_KEY})\s*=\s*(?P<value>.*?)\s*$""")
_INLINE_PAIR = LazyPattern(rf"""(?P<key>{_KEY})\s*=\s*(?P<value>"[^"]*"|'[^']*'|\[[^\]]*\]|[^,}}]+)""")
_COMMENT = LazyPattern(r"""\s*#[^"']*$""")
# Tables whose keys are package names, not settings.
_PACKAGE_TABLES = LazyPattern(r"dependencies|requires|packages|dev-packages", re.I)


@dataclass(frozen=True)
class _Value:
    """One key's value (or one physical line of a multi-line array), with where it starts."""

    line: int
    key: str  # the full dotted key, table included
    scope: str  # the table occurrence and key path that credentials must share
    text: str
    offset: int  # 0-based column where `text` starts
    continued: bool = False  # a later line of a multi-line array


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each TOML setting or header that opens CORS to every origin."""
    values = list(_values(ctx.doc.lines))
    credentials = {
        v.scope: f"{v.key.rsplit('.', 1)[-1]} = {v.text}"
        for v in values
        if setting_kind(v.key) is SettingKind.CREDENTIALS and is_true(v.text)
    }
    for value in values:
        kind = setting_kind(value.key)
        granted = credentials.get(value.scope)
        leaf = value.key.rsplit(".", 1)[-1]
        shown = f"{leaf} = {value.text}"
        if kind is SettingKind.ALLOW_ALL and is_true(value.text):
            end = value.offset + len(value.text)
            yield setting_report(value.line, value.offset, end, OriginKind.ANY, shown, credentials=granted)
        elif kind in {SettingKind.ORIGINS, SettingKind.ORIGIN_REGEX}:
            found = permissive_origin(kind, value.text, value.offset, ctx.config)
            if found is not None:
                origin_kind, origin = found
                shown = f"{leaf} = [..., {origin.value!r}]" if value.continued else shown
                yield setting_report(
                    value.line, origin.start, origin.end, origin_kind, shown, credentials=granted
                )


def _values(lines: list[str]) -> Iterator[_Value]:
    table, occurrence = "", 0
    open_array: _Value | None = None
    for number, line in enumerate(lines, start=1):
        code = _COMMENT.sub("", line)
        if open_array is not None:
            start = len(code) - len(code.lstrip())
            yield _Value(number, open_array.key, open_array.scope, code.strip(), start, continued=True)
            open_array = None if code.count("]") > code.count("[") else open_array
            continue
        header = _TABLE.match(code)
        if header:
            table, occurrence = _unquoted(header.group("name")), occurrence + 1
            continue
        assignment = _ASSIGNMENT.match(code)
        if assignment is None or _PACKAGE_TABLES.search(table):
            continue
        key = ".".join(part for part in (table, _unquoted(assignment.group("key"))) if part)
        scope = f"{occurrence}:{key.rsplit('.', 1)[0]}"
        value = _Value(number, key, scope, assignment.group("value"), assignment.start("value"))
        if value.text.startswith("{"):
            yield from _inline_table(value)
            continue
        yield value
        if value.text.startswith("[") and value.text.count("[") > value.text.count("]"):
            open_array = value


def _inline_table(table: _Value) -> Iterator[_Value]:
    """`values = { Access-Control-Allow-Origin = "*" }`: each pair of an inline table."""
    for pair in _INLINE_PAIR.finditer(table.text):
        key = f"{table.key}.{_unquoted(pair.group('key'))}"
        text = pair.group("value").strip()
        yield _Value(table.line, key, f"{table.scope}.{table.key}", text, table.offset + pair.start("value"))


def _unquoted(key: str) -> str:
    """A dotted TOML key with its quotes and the spaces around dots removed."""
    return ".".join(
        part.strip().strip("\"'") for part in re.split(r"""\.(?=(?:[^"']*["'][^"']*["'])*[^"']*$)""", key)
    )
