"""Dependency rules: existence. Its rules and its options (section `deps`)."""

from __future__ import annotations

from typing import Any

from agentguard.rules.deps.existence import options
from agentguard.rules.deps.existence.new_dependency import NewDependency
from agentguard.rules.deps.existence.nonexistent_dependency import NonexistentDependency
from agentguard.rules.deps.existence.typosquat_dependency import TyposquatDependency
from agentguard.rules.deps.existence.undeclared_import import UndeclaredImport
from agentguard.rules.deps.existence.unverified_dependency import UnverifiedDependency
from agentguard.rules.options import Option
from agentguard.rules.rule import Rule

RULES: tuple[type[Rule], ...] = (
    TyposquatDependency,
    UnverifiedDependency,
    NonexistentDependency,
    NewDependency,
    UndeclaredImport,
)
OPTIONS: tuple[Option[Any], ...] = (
    options.ALLOW,
    options.ONLINE,
    options.PYPI_URL,
    options.NPM_URL,
    options.CACHE_TTL_HOURS,
    options.CACHE_DIR,
    options.NEW_PACKAGE_DAYS,
)
