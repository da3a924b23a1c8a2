"""Permissive-CORS detection for dotenv files (`.env`, `.env.production`, ...).

`CORS_ORIGINS=*`, `BACKEND_CORS_ORIGINS=["*"]`, `ALLOWED_ORIGINS=*`, `CORS_ALLOW_ALL_ORIGINS=true`
and the like; `CORS_ALLOW_CREDENTIALS=true` in the same file makes a finding high severity.
Specific origins, empty values and `${VAR}` references are fine.

Example files (`.env.example`, `.env.sample`, `.env.template`) are reported too: they are the
defaults people copy into their real `.env`, so a `*` there ships; the finding carries medium
confidence because the file itself configures nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
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
from agentguard.rules.model import Confidence, Report

if TYPE_CHECKING:
    from agentguard.rules.rule import Context

_ASSIGNMENT = LazyPattern(r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][\w.-]*)\s*=\s*(?P<value>.*?)\s*$")
_QUOTED = LazyPattern(r"""^(?P<quote>["'`])(?P<inner>.*)(?P=quote)""")
_INLINE_COMMENT = LazyPattern(r"\s+#.*$")
_EXAMPLE_FILE = LazyPattern(r"(example|sample|template|dist|defaults?)", re.I)


@dataclasses.dataclass(frozen=True)
class _Setting:
    line: int
    key: str
    kind: SettingKind
    value: str
    offset: int  # 0-based column where `value` starts


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each environment variable that opens CORS to every origin."""
    settings = list(_settings(ctx.doc.lines))
    credentials = next(
        (f"{s.key}={s.value}" for s in settings if s.kind is SettingKind.CREDENTIALS and is_true(s.value)),
        None,
    )
    example = _EXAMPLE_FILE.search(ctx.doc.path.replace("\\", "/").rsplit("/", 1)[-1]) is not None
    for setting in settings:
        report = _report(setting, credentials, ctx)
        if report is not None:
            yield dataclasses.replace(report, confidence=Confidence.MEDIUM) if example else report


def _settings(lines: list[str]) -> Iterator[_Setting]:
    for number, line in enumerate(lines, start=1):
        match = _ASSIGNMENT.match(line)
        if match is None:
            continue
        kind = setting_kind(match.group("key"))
        if kind is None:
            continue
        value, offset = match.group("value"), match.start("value")
        quoted = _QUOTED.match(value)
        if quoted:
            value, offset = quoted.group("inner"), offset + 1
        else:
            value = _INLINE_COMMENT.sub("", value)
        yield _Setting(number, match.group("key"), kind, value, offset)


def _report(setting: _Setting, credentials: str | None, ctx: Context) -> Report | None:
    if setting.kind is SettingKind.ALLOW_ALL:
        if not is_true(setting.value):
            return None
        end = setting.offset + len(setting.value)
        shown = f"{setting.key}={setting.value}"
        return setting_report(
            setting.line, setting.offset, end, OriginKind.ANY, shown, credentials=credentials
        )
    if setting.kind is SettingKind.CREDENTIALS:
        return None
    found = permissive_origin(setting.kind, setting.value, setting.offset, ctx.config)
    if found is None:
        return None
    kind, origin = found
    shown = f"{setting.key}={setting.value}"
    return setting_report(setting.line, origin.start, origin.end, kind, shown, credentials=credentials)
