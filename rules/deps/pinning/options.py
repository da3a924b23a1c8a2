"""Configuration of the pinning rules (`[tool.agentguard.deps]`)."""

from __future__ import annotations

from agentguard.rules.options import Option, parse_bool

LIBRARY: Option[bool] = Option(
    section="deps",
    key="library",
    parse=parse_bool,
    default=False,
    accepted="true or false",
    help=(
        "The project is a library: version ranges are the right practice for its declared "
        "dependencies, so only dependencies with no version bound at all are reported."
    ),
)

REQUIRE_DIGEST: Option[bool] = Option(
    section="deps",
    key="require-digest",
    parse=parse_bool,
    default=False,
    accepted="true or false",
    help="Also report container images pinned by a tag but not by an `@sha256:` digest.",
)
