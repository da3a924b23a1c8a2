"""Permissive-CORS detection for Java `.properties` files (Spring Boot, JHipster, Quarkus, Micronaut, Tomcat).

Spring `management.endpoints.web.cors.allowed-origins=*` and `allowed-origin-patterns=*`, Spring
Cloud Gateway `globalcors.cors-configurations.[/**].allowed-origins=*`, JHipster
`jhipster.cors.allowed-origins=*`, Quarkus `quarkus.http.cors.origins=*` or `/.*/`, Micronaut
`configurations.<name>.allowed-origins=*`, and a `${NAME:*}` placeholder whose default is `*`.
`allow-credentials=true` beside the origins makes a finding high severity.

Micronaut: `micronaut.server.cors.enabled=true` alone is "wide open" (any origin, credentials on
by default), and so is a configuration without `allowed-origins` or `allowed-origins-regex`.
Quarkus 3: `quarkus.http.cors.enabled=true` (or `quarkus.http.cors=true`) without origins
allows the same origin only, so it is not reported; `%dev.` and `%test.` profile values are
development settings and not reported either.
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
    from agentguard.rules.config import Config
    from agentguard.rules.rule import Context

_ENTRY = LazyPattern(r"^\s*(?P<key>(?:\\.|[^=:\s\\])+)\s*(?:[=:]\s*|\s+)(?P<value>.*?)\s*$")
_COMMENT = LazyPattern(r"^\s*[#!]")
_DEVELOPMENT_PROFILE = LazyPattern(r"^%(dev|test)\.", re.I)
_PROFILE = LazyPattern(r"^%[\w-]+\.")
_PLACEHOLDER_DEFAULT = LazyPattern(r"^\$\{[^}:]+:(?P<default>[^}]*)\}$")
_MICRONAUT = "micronaut.server.cors."
_MICRONAUT_CONFIGURATION = LazyPattern(
    r"^micronaut\.server\.cors\.configurations\.(?P<name>[^.]+)\.(?P<leaf>.+)$"
)
_MICRONAUT_HINT = (
    "add `micronaut.server.cors.configurations.web.allowed-origins=https://app.example.com` "
    "(enabling CORS alone allows every origin, with credentials)"
)


@dataclass(frozen=True)
class Entry:
    """One setting: a `key=value` line of a properties file, or a scalar of a flattened YAML file."""

    line: int
    key: str  # without a `%prod.` profile prefix
    value: str
    offset: int  # 0-based column where `value` starts


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each property that opens CORS to every origin."""
    return entry_reports(list(_entries(ctx.doc.lines)), ctx.config)


def without_profile(key: str) -> str | None:
    """The key without a `%prod.` profile prefix; None for `%dev.` and `%test.` (development-only) keys."""
    if _DEVELOPMENT_PROFILE.match(key):
        return None
    return _PROFILE.sub("", key)


def entry_reports(entries: list[Entry], config: Config) -> Iterator[Report]:
    """Reports for settings given as dotted keys (Spring, JHipster, Quarkus, Micronaut, Tomcat)."""
    credentials = {
        _scope(e.key): f"{e.key}={e.value}"
        for e in entries
        if setting_kind(e.key) is SettingKind.CREDENTIALS and is_true(e.value)
    }
    # Micronaut configurations that turn credentials off (they are on by default).
    without_credentials = {
        _configuration(e.key)
        for e in entries
        if setting_kind(e.key) is SettingKind.CREDENTIALS and not is_true(e.value) and _configuration(e.key)
    }
    for entry in entries:
        kind = setting_kind(entry.key)
        if kind is SettingKind.ALLOW_ALL and is_true(entry.value):
            shown = f"{entry.key}={entry.value}"
            end = entry.offset + len(entry.value)
            yield setting_report(
                entry.line,
                entry.offset,
                end,
                OriginKind.ANY,
                shown,
                credentials=credentials.get(_scope(entry.key)),
            )
        elif kind in {SettingKind.ORIGINS, SettingKind.ORIGIN_REGEX}:
            yield from _origins(entry, kind, credentials, without_credentials, config)
    yield from _micronaut_wide_open(entries, without_credentials)


def _entries(lines: list[str]) -> Iterator[Entry]:
    """Each `key=value` entry; a value continued with `\\` gives one entry per physical line."""
    continued: Entry | None = None
    for number, line in enumerate(lines, start=1):
        if continued is not None:
            value = line.strip()
            entry = Entry(number, continued.key, value.rstrip("\\").strip(), len(line) - len(line.lstrip()))
        elif _COMMENT.match(line) or not line.strip():
            continue
        else:
            match = _ENTRY.match(line)
            key = without_profile(match.group("key")) if match else None
            if match is None or key is None:
                continue
            value = match.group("value")
            key = key.replace("\\", "")
            entry = Entry(number, key, value.rstrip("\\").strip(), match.start("value"))
        yield entry
        continued = entry if value.endswith("\\") else None


def _scope(key: str) -> str:
    """The settings group a key belongs to: the path up to and including its first CORS segment, else its parent."""
    segments = key.split(".")
    for index, segment in enumerate(segments[:-1]):
        if "cors" in segment.lower():
            return ".".join(segments[: index + 1])
    return ".".join(segments[:-1])


def _origins(
    entry: Entry,
    kind: SettingKind,
    credentials: dict[str, str],
    without_credentials: set[str],
    config: Config,
) -> Iterator[Report]:
    value, offset = entry.value, entry.offset
    default = _PLACEHOLDER_DEFAULT.match(value)
    if default:
        value, offset = default.group("default"), offset + default.start("default")
    found = permissive_origin(kind, value, offset, config)
    if found is None:
        return
    origin_kind, origin = found
    shown = f"{entry.key}={entry.value}"
    if default:
        shown += f"` defaults to `{origin.value}"
    granted = credentials.get(_scope(entry.key))
    if (
        granted is None
        and entry.key.startswith(_MICRONAUT)
        and _configuration(entry.key) not in without_credentials
    ):
        granted = "allow-credentials defaults to true"
    yield setting_report(entry.line, origin.start, origin.end, origin_kind, shown, credentials=granted)


def _configuration(key: str) -> str:
    """The Micronaut configuration a key belongs to (`micronaut.server.cors.configurations.web.`), or ``."""
    configuration = _MICRONAUT_CONFIGURATION.match(key)
    return f"{_MICRONAUT}configurations.{configuration.group('name')}." if configuration else ""


def _micronaut_wide_open(entries: list[Entry], without_credentials: set[str]) -> Iterator[Report]:
    """`micronaut.server.cors.enabled=true` with no configuration, or with one that names no origins."""
    enabled = next((e for e in entries if e.key == f"{_MICRONAUT}enabled" and is_true(e.value)), None)
    if enabled is None:
        return
    names_origins: dict[str, bool] = {}
    for entry in entries:
        configuration = _configuration(entry.key)
        if configuration:
            leaf = entry.key[len(configuration) :]
            origins = setting_kind(leaf) in {SettingKind.ORIGINS, SettingKind.ORIGIN_REGEX}
            names_origins[configuration] = names_origins.get(configuration, False) or origins
    open_configurations = [name for name, origins in names_origins.items() if not origins]
    if names_origins and not open_configurations:
        return
    credentials = not open_configurations or not set(open_configurations) <= without_credentials
    shown = f"{enabled.key}={enabled.value}` without `allowed-origins` allows `*"
    end = enabled.offset + len(enabled.value)
    yield setting_report(
        enabled.line,
        enabled.offset,
        end,
        OriginKind.ANY,
        shown,
        credentials="allow-credentials defaults to true" if credentials else None,
        hint=_MICRONAUT_HINT,
    )
