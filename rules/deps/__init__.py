"""The dependency families: unpinned dependencies (pinning) and unknown ones (existence)."""

from __future__ import annotations

from typing import Any

from agentguard.rules.deps import existence, pinning
from agentguard.rules.options import Option
from agentguard.rules.rule import Rule

RULES: tuple[type[Rule], ...] = (*pinning.RULES, *existence.RULES)
OPTIONS: tuple[Option[Any], ...] = (*pinning.OPTIONS, *existence.OPTIONS)
