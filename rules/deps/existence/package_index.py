"""The bundled index of popular package names (rules/data), ranked by popularity."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

ECOSYSTEMS = ("pypi", "npm")
_INDEX_FILES = {"pypi": "pypi-popular.txt", "npm": "npm-popular.txt"}
_PEP503_SEPARATORS = re.compile(r"[-_.]+")


def canonical_name(name: str, ecosystem: str) -> str:
    """The form names are compared in: PEP 503 for PyPI (`Typing_Extensions` ->
    `typing-extensions`), lower case for npm (`@Types/Node` -> `@types/node`)."""
    if ecosystem == "pypi":
        return _PEP503_SEPARATORS.sub("-", name.strip()).lower()
    return name.strip().lower()


def read_data_lines(filename: str) -> list[str]:
    """The non-empty lines of a bundled data file."""
    from importlib import resources  # with its dependencies, slower to import than most rules

    text = resources.files("agentguard.rules.data").joinpath(filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class PackageIndex:
    """Popular names of one ecosystem; `ranks[name]` is 1 for the most popular."""

    ecosystem: str
    ranks: dict[str, int]

    def rank(self, name: str) -> int | None:
        """The popularity rank of a canonical name, or None if it is not popular."""
        return self.ranks.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.ranks


@functools.cache
def package_index(ecosystem: str) -> PackageIndex:
    """The popular-name index of `ecosystem` ("pypi" or "npm"), loaded once per process."""
    names = read_data_lines(_INDEX_FILES[ecosystem])
    return PackageIndex(ecosystem, {name: rank for rank, name in enumerate(names, start=1)})
