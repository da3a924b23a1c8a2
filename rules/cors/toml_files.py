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
from typing import TYPE_CHECKING

from agentguard.rules.cors.setting_keys import SettingValue, continued_list, opens_list, setting_reports
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


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each TOML setting or header that opens CORS to every origin."""
    return setting_reports(list(_values(ctx.doc.lines)), ctx.config)


def _values(lines: list[str]) -> Iterator[SettingValue]:
    table, occurrence = "", 0
    open_array: SettingValue | None = None
    for number, line in enumerate(lines, start=1):
        code = _COMMENT.sub("", line)
        if open_array is not None:
            continued, still_open = continued_list(open_array, number, code)
            yield continued
            open_array = open_array if still_open else None
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
        value = SettingValue(number, key, scope, assignment.group("value"), assignment.start("value"))
        if value.text.startswith("{"):
            yield from _inline_table(value)
            continue
        yield value
        if opens_list(value):
            open_array = value


def _inline_table(table: SettingValue) -> Iterator[SettingValue]:
    """`values = { Access-Control-Allow-Origin = "*" }`: each pair of an inline table."""
    for pair in _INLINE_PAIR.finditer(table.text):
        key = f"{table.key}.{_unquoted(pair.group('key'))}"
        text = pair.group("value").strip()
        yield SettingValue(
            table.line, key, f"{table.scope}.{table.key}", text, table.offset + pair.start("value")
        )


def _unquoted(key: str) -> str:
    """A dotted TOML key with its quotes and the spaces around dots removed."""
    return ".".join(
        part.strip().strip("\"'") for part in re.split(r"""\.(?=(?:[^"']*["'][^"']*["'])*[^"']*$)""", key)
    )
