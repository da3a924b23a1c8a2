"""The SQL-injection family: one rule with a detector per language."""

from __future__ import annotations

from typing import Any

from agentguard.rules.options import Option
from agentguard.rules.rule import Rule
from agentguard.rules.sql.sql_injection import SqlInjection

RULES: tuple[type[Rule], ...] = (SqlInjection,)
OPTIONS: tuple[Option[Any], ...] = ()
