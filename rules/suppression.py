"""Suppression comments: `agentguard: ignore[name-or-code, ...] until=YYYY-MM-DD -- reason`.

On a line with code a comment covers that line; alone on a line it covers the next line.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from agentguard.rules.document import Document
from agentguard.rules.languages import BLOCK_COMMENT_LANGUAGES, LINE_COMMENTS
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Range

_MARKER = "agentguard:"
_SUPPRESSION = LazyPattern(
    r"agentguard:\s*ignore\s*\[(?P<rules>[^\]]*)\]"
    r"(?:\s+until=(?P<until>\S+?))?"
    r"(?:\s*--\s*(?P<reason>.*?))?"
    r"\s*(?:\*/\s*)?$"
)


@dataclass(frozen=True)
class Suppression:
    """One parsed suppression comment."""

    comment: Range
    covered_line: int
    selectors: tuple[str, ...]
    reason: str
    until: datetime.date | None
    until_text: str | None

    @property
    def readable(self) -> bool:
        """Whether the comment names rules and any `until=` is a date; unreadable ones never apply."""
        return bool(self.selectors) and (self.until_text is None or self.until is not None)

    def covers(self, range_: Range) -> bool:
        """Whether a finding at `range_` is on the covered line."""
        return range_.line <= self.covered_line <= range_.end_line

    def expired(self, today: datetime.date) -> bool:
        """Whether the `until` date has passed."""
        return self.until is not None and today > self.until


def find_suppressions(doc: Document) -> list[Suppression]:
    """Every suppression comment in the document, in line order."""
    if _MARKER not in doc.text:
        return []
    prefixes = LINE_COMMENTS.get(doc.language, ())
    if doc.language in BLOCK_COMMENT_LANGUAGES:
        prefixes = (*prefixes, "/*")
    found: list[Suppression] = []
    for index, position in _first_markers(doc.text):
        line = doc.lines[index]
        start = _comment_start(line, position, prefixes)
        if start is None or not _inside_comment(doc, index, start):
            continue
        match = _SUPPRESSION.search(line, position)
        if match is None:
            continue
        found.append(_parse(index + 1, line, start, match))
    return found


def _first_markers(text: str) -> Iterator[tuple[int, int]]:
    """(line index, column) of the first marker on each line that has one (found with str.find
    over the whole text: a file has a few markers and thousands of lines)."""
    line_index, line_start = 0, 0
    marker = text.find(_MARKER)
    while marker != -1:
        line_index += text.count("\n", line_start, marker)
        line_start = text.rfind("\n", 0, marker) + 1
        yield line_index, marker - line_start
        line_end = text.find("\n", marker)
        if line_end == -1:
            return
        marker = text.find(_MARKER, line_end)


def _comment_start(line: str, marker: int, prefixes: tuple[str, ...]) -> int | None:
    before = line[:marker].rstrip()
    for prefix in prefixes:
        if before.endswith(prefix):
            return len(before) - len(prefix)
    return None


def _inside_comment(doc: Document, line_index: int, column: int) -> bool:
    """For parsed languages, check the tree: a `# agentguard:` inside a string is not a comment."""
    if not doc.parsed:
        return True
    offset = doc.line_starts[line_index] + len(doc.lines[line_index][:column].encode("utf-8"))
    node = doc.root.descendant_for_byte_range(offset, offset + 1)
    return node is not None and "comment" in node.type


def _parse(line_number: int, line: str, start: int, match: re.Match[str]) -> Suppression:
    selectors = tuple(part.strip() for part in match.group("rules").split(",") if part.strip())
    until_text = match.group("until")
    until: datetime.date | None = None
    if until_text:
        try:
            until = datetime.date.fromisoformat(until_text)
        except ValueError:
            until = None
    alone = not line[:start].strip()
    comment = Range(line_number, start + 1, line_number, len(line.rstrip()) + 1)
    return Suppression(
        comment=comment,
        covered_line=line_number + 1 if alone else line_number,
        selectors=selectors,
        reason=(match.group("reason") or "").strip(),
        until=until,
        until_text=until_text,
    )
