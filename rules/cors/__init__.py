"""The permissive-CORS family: one rule with a detector per language, and its options."""

from __future__ import annotations

from typing import Any

from agentguard.rules.cors.options import TRUSTED_ORIGINS
from agentguard.rules.cors.permissive_cors import PermissiveCors
from agentguard.rules.options import Option
from agentguard.rules.rule import Rule

RULES: tuple[type[Rule], ...] = (PermissiveCors,)
OPTIONS: tuple[Option[Any], ...] = (TRUSTED_ORIGINS,)
