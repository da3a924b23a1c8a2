"""Typed configuration options that rule families declare for their own `[tool.agentguard.X]` table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    """One key of a family's table, e.g. `trusted-origins` in `[tool.agentguard.cors]`.

    `parse` turns the TOML value into T or raises ValueError; `accepted` says in words what is
    accepted, for the error message.
    """

    section: str
    key: str
    parse: Callable[[object], T]
    default: T
    accepted: str
    help: str

    @property
    def qualified_key(self) -> str:
        """`section.key`, as written in error messages."""
        return f"{self.section}.{self.key}"


def parse_bool(value: object) -> bool:
    """A TOML boolean."""
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def parse_int(value: object) -> int:
    """A non-negative TOML integer."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("expected a non-negative integer")
    return value


def parse_str(value: object) -> str:
    """A TOML string."""
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def parse_str_list(value: object) -> tuple[str, ...]:
    """A TOML array of strings."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("expected an array of strings")
    return tuple(value)
