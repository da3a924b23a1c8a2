"""A small go.mod / go.work reader: the module path, required modules, `use` directories."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_COMMENT = re.compile(r"//.*$")


@dataclass(frozen=True)
class GoModule:
    """`module` path and the module paths of `require` and `replace` directives."""

    path: str
    requires: tuple[str, ...]


@functools.lru_cache(maxsize=256)
def parse_go_mod(text: str) -> GoModule:
    """Parse go.mod text; never raises (unreadable lines are skipped)."""
    path = ""
    requires: list[str] = []
    for directive, argument in _directives(text):
        if directive == "module":
            path = argument.strip('"')
        elif directive in ("require", "replace") and argument:
            requires.append(argument.split()[0].strip('"'))
    return GoModule(path, tuple(dict.fromkeys(requires)))


def parse_go_work(text: str) -> tuple[str, ...]:
    """The `use` directories of go.work text."""
    return tuple(
        argument.strip('"') for directive, argument in _directives(text) if directive == "use" and argument
    )


def _directives(text: str) -> list[tuple[str, str]]:
    """(directive, argument) for every line, block members included: `require ( a v1 )`."""
    found: list[tuple[str, str]] = []
    block: str | None = None
    for raw in text.splitlines():
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        if block is not None:
            if line == ")":
                block = None
            else:
                found.append((block, line))
            continue
        directive, _, argument = line.partition(" ")
        argument = argument.strip()
        if argument == "(":
            block = directive
        else:
            found.append((directive, argument))
    return found
