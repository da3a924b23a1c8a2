"""Permissive-CORS detection for python (see permissive_cors.py for the rule and its docs)."""

from __future__ import annotations

from collections.abc import Iterator

from agentguard.rules.model import Report
from agentguard.rules.rule import Context


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each permissive CORS set-up in the document."""
    yield from ()
