"""SQL-injection detection for java (see sql_injection.py for the rule and its docs)."""

from __future__ import annotations

from collections.abc import Iterator

from agentguard.rules.model import Report
from agentguard.rules.rule import Context


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each query built from non-constant values that reaches a sink."""
    yield from ()
