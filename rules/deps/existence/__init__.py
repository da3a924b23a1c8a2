"""Dependency rules: existence. Its rules and its options (section `deps`)."""

from __future__ import annotations

from typing import Any

from agentguard.rules.options import Option
from agentguard.rules.rule import Rule

RULES: tuple[type[Rule], ...] = ()
OPTIONS: tuple[Option[Any], ...] = ()
