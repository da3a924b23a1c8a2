"""The secrets family: its rules and its configuration options, as listed in the registry."""

from __future__ import annotations

from typing import Any

from agentguard.rules.options import Option
from agentguard.rules.rule import Rule

RULES: tuple[type[Rule], ...] = ()
OPTIONS: tuple[Option[Any], ...] = ()
