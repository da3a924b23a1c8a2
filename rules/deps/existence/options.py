"""Configuration of the existence rules (`[tool.agentguard.deps]`)."""

from __future__ import annotations

from agentguard.rules.options import Option, parse_bool, parse_int, parse_str, parse_str_list

ALLOW: Option[tuple[str, ...]] = Option(
    section="deps",
    key="allow",
    parse=parse_str_list,
    default=(),
    accepted="an array of package names",
    help=(
        "Package names always accepted as real (private packages, in-house forks); compared "
        "after normalisation, so `My_Pkg` allows `my-pkg`. Applies to PyPI, npm and Go names."
    ),
)

ONLINE: Option[bool] = Option(
    section="deps",
    key="online",
    parse=parse_bool,
    default=False,
    accepted="true or false",
    help=(
        "Ask the package registry whether each unverified name exists and when it was first "
        "published (also `agentguard check --online`). Only package names are sent; answers "
        "are cached on disk."
    ),
)

PYPI_URL: Option[str] = Option(
    section="deps",
    key="pypi-url",
    parse=parse_str,
    default="",
    accepted="a URL whose `/pypi/NAME/json` answers the PyPI JSON API",
    help=(
        "The Python registry to ask when online; default: pip's configured index "
        "(`PIP_INDEX_URL`, pip.conf, then pip's own default) without its `/simple` suffix."
    ),
)

NPM_URL: Option[str] = Option(
    section="deps",
    key="npm-url",
    parse=parse_str,
    default="",
    accepted="a URL whose `/NAME` answers the npm registry API",
    help="The npm registry to ask when online; default: npm's configured registry (`.npmrc`, `npm config`).",
)

CACHE_TTL_HOURS: Option[int] = Option(
    section="deps",
    key="cache-ttl-hours",
    parse=parse_int,
    default=24,
    accepted="a non-negative integer (0: always ask again)",
    help="How long a registry answer is reused before the registry is asked again.",
)

CACHE_DIR: Option[str] = Option(
    section="deps",
    key="cache-dir",
    parse=parse_str,
    default="",
    accepted="a directory path, relative to the configuration file",
    help=(
        "Where registry answers are cached; default: `$AGENTGUARD_CACHE_DIR`, else "
        "`$XDG_CACHE_HOME/agentguard`, else `~/.cache/agentguard`."
    ),
)

NEW_PACKAGE_DAYS: Option[int] = Option(
    section="deps",
    key="new-package-days",
    parse=parse_int,
    default=30,
    accepted="a non-negative integer (0: never report new packages)",
    help="When online, report packages first published fewer than this many days ago.",
)
