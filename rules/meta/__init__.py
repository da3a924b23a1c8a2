"""Rules about suppression comments themselves; the engine reports them, no detector runs."""

from __future__ import annotations

from agentguard.rules.meta.suppressions import (
    ExpiredSuppression,
    MalformedSuppression,
    SuppressionWithoutReason,
    UnknownRuleInSuppression,
    UnusedSuppression,
)
from agentguard.rules.rule import RuleSpec

SPECS: tuple[type[RuleSpec], ...] = (
    SuppressionWithoutReason,
    ExpiredSuppression,
    UnusedSuppression,
    UnknownRuleInSuppression,
    MalformedSuppression,
)
