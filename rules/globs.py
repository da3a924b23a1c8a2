"""Path patterns in the gitignore dialect, shared by `exclude`, `per-file-ignores` and `.gitignore`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PathPattern:
    """A compiled pattern: a leading `!` negates, a trailing `/` matches directories only."""

    regex: re.Pattern[str]
    negated: bool
    directory_only: bool

    def matches(self, relpath: str, is_dir: bool = False) -> bool:
        """Whether the `/`-separated path relative to the pattern's base matches."""
        if self.directory_only and not is_dir:
            return False
        return self.regex.match(relpath) is not None


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> PathPattern:
    """Compile one gitignore-style pattern.

    A pattern without a `/` (other than a trailing one) matches a name at any depth; otherwise it
    is anchored at the base. `*` and `?` stay within one path segment, `**` crosses segments.
    """
    negated = pattern.startswith("!")
    body = pattern[1:] if negated else pattern
    directory_only = body.endswith("/")
    body = body.rstrip("/")
    anchored = "/" in body
    body = body.lstrip("/")
    regex = _translate(body)
    prefix = "" if anchored else "(?:.*/)?"
    return PathPattern(re.compile(f"^{prefix}{regex}$", re.S), negated, directory_only)


def _translate(body: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if body.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if body.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = body.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                inner = body[index + 1 : end].replace("\\", "\\\\")
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner}]")
                index = end
        elif char == "\\" and index + 1 < len(body):
            index += 1
            out.append(re.escape(body[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def matches_any(patterns: tuple[str, ...], relpath: str) -> bool:
    """Whether `relpath` or one of its parent directories matches one of the patterns.

    Later patterns win, so `!keep.py` after `*.py` re-includes a file.
    """
    if not patterns:
        return False
    parts = relpath.split("/")
    candidates = [("/".join(parts[: i + 1]), i + 1 < len(parts)) for i in range(len(parts))]
    matched = False
    for pattern in patterns:
        compiled = compile_pattern(pattern)
        if any(compiled.matches(candidate, is_dir) for candidate, is_dir in candidates):
            matched = not compiled.negated
    return matched
