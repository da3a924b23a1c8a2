"""Configuration of the secrets family (`[tool.agentguard.secrets]`)."""

from __future__ import annotations

from agentguard.rules.options import Option, parse_str_list
from agentguard.rules.secrets.secret_values import DEFAULT_TEST_PATHS

TEST_PATHS: Option[tuple[str, ...]] = Option(
    section="secrets",
    key="test-paths",
    parse=parse_str_list,
    default=DEFAULT_TEST_PATHS,
    accepted='an array of path patterns such as "tests/**" or "**/*_test.go"',
    help=(
        "Paths of test code, where credential-named literals are fixtures and are not reported "
        "(provider-shaped tokens and private keys still are). Replaces the default list."
    ),
)
IGNORED_VALUES: Option[tuple[str, ...]] = Option(
    section="secrets",
    key="ignored-values",
    parse=parse_str_list,
    default=(),
    accepted='an array of literal values such as "local-dev-only"',
    help="Literal values that are never reported as credentials (shared development defaults).",
)
