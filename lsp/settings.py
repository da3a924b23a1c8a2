"""Client settings: initialization options and `workspace/configuration` section `agentguard`.

Every key is optional; unknown keys and bad values are ignored with a logged warning, so a typo
in an editor's configuration never stops the server.

    {
      "select": ["ALL"],                  # replaces the configuration file's select
      "ignore": ["AG003"],                # added to the configuration file's ignore
      "families": {"hardcoded-secret": false},   # category -> on/off
      "severity": {"critical": "error", "high": "error", "medium": "warning", "low": "information"},
      "online": false,                    # registry look-ups; off unless turned on here
      "debounceMs": 20,                   # the wait for edits that come while a check is busy
      "timeBudgetMs": 5000                # longest one document may take to check
    }
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lsprotocol import types

from agentguard.rules.model import Severity

DIAGNOSTIC_SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}
DEFAULT_SEVERITIES = {
    Severity.CRITICAL: types.DiagnosticSeverity.Error,
    Severity.HIGH: types.DiagnosticSeverity.Error,
    Severity.MEDIUM: types.DiagnosticSeverity.Warning,
    Severity.LOW: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Settings:
    """The editor-side settings, applied on top of each file's configuration."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    disabled_families: tuple[str, ...] = ()
    severities: Mapping[Severity, types.DiagnosticSeverity] = field(
        default_factory=lambda: dict(DEFAULT_SEVERITIES)
    )
    online: bool = False
    debounce_ms: int = 20
    time_budget_ms: int = 5000

    @property
    def ignored(self) -> tuple[str, ...]:
        """Selectors to ignore: the `ignore` list and every family turned off."""
        return (*self.ignore, *self.disabled_families)


def parse_settings(raw: object, base: Settings | None = None) -> tuple[Settings, list[str]]:
    """Settings from a client's JSON object, over `base`; also the problems found, for the log."""
    settings = base or Settings()
    if raw is None:
        return settings, []
    if not isinstance(raw, Mapping):
        return settings, [f"settings must be an object, got {type(raw).__name__}"]
    section = raw.get("agentguard", raw)
    if not isinstance(section, Mapping):
        return settings, ["settings `agentguard` must be an object"]
    changes: dict[str, object] = {}
    problems: list[str] = []
    for key, value in section.items():
        parser = _PARSERS.get(key)
        if parser is None:
            problems.append(f"unknown setting `{key}` (accepted: {', '.join(sorted(_PARSERS))})")
            continue
        try:
            changes.update(parser(value))
        except ValueError as error:
            problems.append(f"bad value for setting `{key}`: {error}")
    return dataclasses.replace(settings, **changes), problems  # type: ignore[arg-type]


Parser = Callable[[object], dict[str, object]]


def _str_list(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("expected a list of strings")
    return tuple(value)


def _select(value: object) -> dict[str, object]:
    return {"select": None if value is None else _str_list(value)}


def _ignore(value: object) -> dict[str, object]:
    return {"ignore": _str_list(value)}


def _families(value: object) -> dict[str, object]:
    if not isinstance(value, Mapping) or not all(isinstance(v, bool) for v in value.values()):
        raise ValueError('expected an object of category -> true/false, e.g. {"hardcoded-secret": false}')
    return {"disabled_families": tuple(str(name) for name, on in value.items() if not on)}


def _severity(value: object) -> dict[str, object]:
    if not isinstance(value, Mapping):
        raise ValueError('expected an object like {"high": "warning"}')
    mapping = dict(DEFAULT_SEVERITIES)
    for label, shown in value.items():
        if shown not in DIAGNOSTIC_SEVERITIES:
            raise ValueError(f"`{shown}` is not one of {', '.join(DIAGNOSTIC_SEVERITIES)}")
        mapping[Severity.parse(str(label))] = DIAGNOSTIC_SEVERITIES[shown]
    return {"severities": mapping}


def _flag(key: str) -> Parser:
    def parse(value: object) -> dict[str, object]:
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return {key: value}

    return parse


def _milliseconds(key: str, low: int, high: int) -> Parser:
    def parse(value: object) -> dict[str, object]:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"expected a whole number of milliseconds from {low} to {high}")
        return {key: value}

    return parse


_PARSERS: dict[str, Parser] = {
    "select": _select,
    "ignore": _ignore,
    "families": _families,
    "severity": _severity,
    "online": _flag("online"),
    "debounceMs": _milliseconds("debounce_ms", 0, 2000),
    "timeBudgetMs": _milliseconds("time_budget_ms", 1, 60_000),
}
