"""Configuration: `[tool.agentguard]` in pyproject.toml, or agentguard.toml / .agentguard.toml.

The nearest configuration file above a checked file wins (no merging), and its directory is the
project root that `exclude`, `per-file-ignores` and fingerprints are relative to.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from agentguard.rules.globs import matches_any
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import CATEGORIES, Severity
from agentguard.rules.options import Option, parse_bool, parse_int, parse_str_list
from agentguard.rules.toml_parser import parse_toml

T = TypeVar("T")

CONFIG_FILES = ("agentguard.toml", ".agentguard.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
_CODE_PREFIX = LazyPattern(r"^AG\d{0,3}$")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings that apply to one file."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.LOW
    require_reason: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    options: Mapping[str, object] = field(default_factory=dict)

    def get(self, option: Option[T]) -> T:
        """The configured value of a family option, or its default."""
        return self.options.get(option.qualified_key, option.default)  # type: ignore[return-value]

    def relpath(self, path: str) -> str:
        """`path` relative to the project root, with `/` separators (outside the root: as given)."""
        absolute = Path(path).absolute()
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def is_excluded(self, path: str) -> bool:
        """Whether `exclude` covers `path`."""
        return matches_any(self.exclude, self.relpath(path))

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """The selectors that `per-file-ignores` turns off for `path`."""
        if not self.per_file_ignores:
            return ()
        relpath = self.relpath(path)
        ignored: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if matches_any((pattern,), relpath):
                ignored.extend(selectors)
        return tuple(ignored)

    def with_overrides(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        fail_on: Severity | None = None,
    ) -> Config:
        """A copy with command-line selections applied (`select` replaces, `ignore` adds)."""
        return dataclasses.replace(
            self,
            select=self.select if select is None else select,
            ignore=self.ignore + ignore,
            fail_on=self.fail_on if fail_on is None else fail_on,
        )


def selector_matches(selector: str, code: str, name: str, category: str) -> bool:
    """Whether a selector (`ALL`, a code or code prefix, a rule name, a category) picks a rule."""
    if selector == "ALL" or selector in (code, name, category):
        return True
    return bool(_CODE_PREFIX.match(selector)) and code.startswith(selector)


def is_known_selector(selector: str) -> bool:
    """Whether a selector names something that exists (a category counts even before it has rules)."""
    from agentguard.rules.registry import all_specs

    return selector in CATEGORIES or any(
        selector_matches(selector, spec.META.code, spec.META.name, spec.META.category) for spec in all_specs()
    )


class ConfigLoader:
    """Finds and parses the configuration for each file, caching per directory."""

    def __init__(self, explicit: Path | None = None, default_root: Path | None = None) -> None:
        self._explicit = explicit
        self._default_root = default_root or find_default_root()
        self._by_directory: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}

    def for_path(self, path: Path) -> Config:
        """The configuration that applies to `path` (a file or directory)."""
        if self._explicit is not None:
            return self._load_file(self._explicit.absolute())
        start = path.absolute()
        directory = start if start.is_dir() else start.parent
        return self._for_directory(directory)

    def _for_directory(self, directory: Path) -> Config:
        cached = self._by_directory.get(directory)
        if cached is not None:
            return cached
        found = find_config_file(directory)
        if found is not None:
            config = self._load_file(found)
        elif directory.parent != directory:
            config = self._for_directory(directory.parent)
        else:
            config = Config(root=self._default_root)
        self._by_directory[directory] = config
        return config

    def _load_file(self, path: Path) -> Config:
        if path not in self._by_file:
            self._by_file[path] = load_config_file(path)
        return self._by_file[path]


def find_config_file(directory: Path) -> Path | None:
    """The configuration file in `directory` itself, if any (a pyproject.toml counts only with a
    `[tool.agentguard]` table)."""
    for name in CONFIG_FILES:
        candidate = directory / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml":
            return candidate
        try:
            text = candidate.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if re.search(r"^\s*\[\s*tool\s*\.\s*agentguard\b", text, re.M):
            return candidate
    return None


def load_config_file(path: Path) -> Config:
    """Parse and validate one configuration file."""
    try:
        data = parse_toml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    except ValueError as error:  # TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("agentguard", {})
        prefix = "tool.agentguard."
    else:
        table = data
        prefix = ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: `{prefix.rstrip('.')}` must be a table")
    return parse_config(table, root=path.parent.absolute(), source=path, prefix=prefix)


def parse_config(table: Mapping[str, Any], root: Path, source: Path | None, prefix: str = "") -> Config:
    """Validate a configuration table; every error names the file, the key and what is accepted."""
    where = str(source) if source else "configuration"
    values: dict[str, Any] = {}
    options: dict[str, object] = {}
    family_options = _family_options()
    for key, value in table.items():
        if key in family_options and isinstance(value, dict):
            options.update(_parse_section(where, prefix, key, value, family_options[key]))
            continue
        parser = _CORE_KEYS.get(key)
        if parser is None:
            accepted = ", ".join(sorted([*_CORE_KEYS, *(f"[{s}]" for s in family_options)]))
            raise ConfigError(f"{where}: unknown key `{prefix}{key}`; accepted keys: {accepted}")
        try:
            values[key.replace("-", "_")] = parser(value)
        except ValueError as error:
            raise ConfigError(f"{where}: bad value for `{prefix}{key}`: {error}") from None
    for key in ("select", "ignore"):
        for selector in values.get(key, ()):
            if not is_known_selector(selector):
                raise ConfigError(
                    f"{where}: bad value for `{prefix}{key}`: unknown rule `{selector}`; accepted: "
                    "ALL, a rule code (AG101) or code prefix (AG1), a rule name or a category "
                    "(see `agentguard rules`)"
                )
    return Config(root=root, source=source, options=options, **values)


def _parse_section(
    where: str, prefix: str, section: str, table: Mapping[str, Any], known: Mapping[str, Option[Any]]
) -> dict[str, object]:
    parsed: dict[str, object] = {}
    for key, value in table.items():
        option = known.get(key)
        if option is None:
            accepted = ", ".join(sorted(known))
            raise ConfigError(f"{where}: unknown key `{prefix}{section}.{key}`; accepted keys: {accepted}")
        try:
            parsed[option.qualified_key] = option.parse(value)
        except ValueError as error:
            raise ConfigError(
                f"{where}: bad value for `{prefix}{section}.{key}`: {error} ({option.accepted})"
            ) from None
    return parsed


def _family_options() -> dict[str, dict[str, Option[Any]]]:
    from agentguard.rules.registry import all_options

    sections: dict[str, dict[str, Option[Any]]] = {}
    for option in all_options():
        sections.setdefault(option.section, {})[option.key] = option
    return sections


def _parse_severity(value: object) -> Severity:
    if not isinstance(value, str):
        raise ValueError("expected a string: one of low, medium, high, critical")
    return Severity.parse(value)


def _parse_per_file_ignores(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ValueError('expected a table of glob = ["rule", ...]')
    parsed = []
    for pattern, selectors in value.items():
        parsed.append((pattern, parse_str_list(selectors)))
    for _, selectors in parsed:
        for selector in selectors:
            if not is_known_selector(selector):
                raise ValueError(f"unknown rule `{selector}` (see `agentguard rules`)")
    return tuple(parsed)


_CORE_KEYS: dict[str, Any] = {
    "select": parse_str_list,
    "ignore": parse_str_list,
    "per-file-ignores": _parse_per_file_ignores,
    "exclude": parse_str_list,
    "fail-on": _parse_severity,
    "require-reason": parse_bool,
    "max-file-size": parse_int,
}


def find_default_root(start: Path | None = None) -> Path:
    """The directory fingerprints are relative to when no configuration file exists: the
    enclosing git work tree, else the current directory."""
    current = (start or Path.cwd()).absolute()
    for candidate in (current, *current.parents):
        if (candidate / ".git").exists():
            return candidate
    return Path.cwd().absolute()
