"""The baseline: findings accepted as they are today, so that a check reports only new ones.

Identity is content, not position: a finding's fingerprint (rule, project-relative path, the
normalised flagged lines, a secret's hash) with a count for identical findings. No line numbers
and no timestamps, so moving code or re-running never changes the file. The file holds no
secret: fingerprints are hashes and messages are not stored.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agentguard.rules.model import Finding

FORMAT_VERSION = 1
DEFAULT_BASELINE = ".agentguard-baseline.json"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message says why."""


@dataclass(frozen=True, order=True)
class BaselineEntry:
    """One accepted finding identity and how many findings share it."""

    path: str
    rule: str
    fingerprint: str
    name: str
    count: int


@dataclass(frozen=True)
class Baseline:
    """The accepted findings, keyed by fingerprint."""

    entries: tuple[BaselineEntry, ...] = ()

    def counts(self) -> Counter[str]:
        """How many findings each fingerprint covers."""
        counts: Counter[str] = Counter()
        for entry in self.entries:
            counts[entry.fingerprint] += entry.count
        return counts


def from_findings(findings: Iterable[Finding], display_path: dict[str, str] | None = None) -> Baseline:
    """A baseline accepting every finding; `display_path` maps a finding's path to the path
    written in the file (project-relative), for reviewers."""
    paths = display_path or {}
    grouped: Counter[tuple[str, str, str, str]] = Counter(
        (paths.get(f.path, f.path), f.rule, f.fingerprint, f.name) for f in findings
    )
    entries = (
        BaselineEntry(path, rule, fp, name, count) for (path, rule, fp, name), count in grouped.items()
    )
    return Baseline(tuple(sorted(entries)))


def pruned(baseline: Baseline, findings: Sequence[Finding]) -> Baseline:
    """The baseline without what no longer occurs: entries whose findings are gone are dropped
    and counts shrink to today's; nothing new is added."""
    current = Counter(f.fingerprint for f in findings)
    kept: list[BaselineEntry] = []
    for entry in baseline.entries:
        count = min(entry.count, current[entry.fingerprint])
        if count > 0:
            current[entry.fingerprint] -= count
            kept.append(BaselineEntry(entry.path, entry.rule, entry.fingerprint, entry.name, count))
    return Baseline(tuple(sorted(kept)))


def new_findings(baseline: Baseline, findings: Sequence[Finding]) -> list[Finding]:
    """The findings the baseline does not cover. Identical findings beyond an entry's count are
    new: a second copy of an accepted secret is still reported. Within a file the earlier
    occurrences are the accepted ones."""
    allowance = baseline.counts()
    ordered = sorted(findings, key=lambda f: (f.path, f.range.line, f.range.column))
    fresh: set[int] = set()
    for finding in ordered:
        if allowance[finding.fingerprint] > 0:
            allowance[finding.fingerprint] -= 1
        else:
            fresh.add(id(finding))
    return [finding for finding in findings if id(finding) in fresh]


def dumps(baseline: Baseline) -> str:
    """The file's text: sorted, deterministic JSON with a trailing newline."""
    document = {
        "version": FORMAT_VERSION,
        "findings": [
            {
                "fingerprint": entry.fingerprint,
                "rule": entry.rule,
                "name": entry.name,
                "path": entry.path,
                "count": entry.count,
            }
            for entry in sorted(baseline.entries)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def loads(text: str) -> Baseline:
    """Parse a baseline file's text; raises BaselineError on anything unexpected."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"not valid JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"not an agentguard baseline (expected version {FORMAT_VERSION})")
    rows = document.get("findings")
    if not isinstance(rows, list):
        raise BaselineError("`findings` must be a list")
    return Baseline(tuple(sorted(_entry(index, row) for index, row in enumerate(rows))))


def _entry(index: int, row: object) -> BaselineEntry:
    if not isinstance(row, dict):
        raise BaselineError(f"entry {index + 1} is not an object")
    fields = {key: row.get(key) for key in ("fingerprint", "rule", "name", "path")}
    count = row.get("count", 1)
    if not all(isinstance(value, str) for value in fields.values()):
        raise BaselineError(f"entry {index + 1} needs string `fingerprint`, `rule`, `name` and `path`")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise BaselineError(f"entry {index + 1}: `count` must be a positive integer")
    return BaselineEntry(
        str(fields["path"]), str(fields["rule"]), str(fields["fingerprint"]), str(fields["name"]), count
    )
