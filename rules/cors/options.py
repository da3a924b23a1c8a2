"""Configuration of the permissive-CORS family (`[tool.agentguard.cors]`)."""

from __future__ import annotations

from agentguard.rules.options import Option, parse_str_list

TRUSTED_ORIGINS: Option[tuple[str, ...]] = Option(
    section="cors",
    key="trusted-origins",
    parse=parse_str_list,
    default=(),
    accepted='an array of origins such as "https://app.example.com" or patterns such as "https://*.example.com"',
    help="Origins (and origin patterns) that count as an allowlist: never reported.",
)
