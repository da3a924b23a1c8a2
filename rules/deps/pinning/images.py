"""Container image references (`registry/name:tag@sha256:...`): parsing, variable defaults, and
what is wrong with how one is pinned."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Severity

_VARIABLE = LazyPattern(
    r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])([^}]*)|(:?[+?][^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))"
)


@dataclass(frozen=True)
class ImageReference:
    """An image reference split into repository, tag and digest (None when absent)."""

    repository: str
    tag: str | None
    digest: str | None

    @classmethod
    def parse(cls, reference: str) -> ImageReference:
        """Split `reference`; the tag is after the last `:` of the last path component."""
        name, _, digest = reference.partition("@")
        last = name.rsplit("/", 1)[-1]
        if ":" in last:
            repository, _, tag = name.rpartition(":")
            return cls(repository, tag, digest or None)
        return cls(name, None, digest or None)


@dataclass(frozen=True)
class ImageProblem:
    """Why an image reference is not pinned, and how to pin it."""

    message: str
    hint: str
    severity: Severity | None


# Stands for a variable with no known value after `substitute`.
UNKNOWN = "\x00"


def substitute(reference: str, defaults: Mapping[str, str | None]) -> str:
    """`reference` with `$VAR`, `${VAR}` and `${VAR:-default}` replaced by their defaults, and a
    variable with no known value replaced by `UNKNOWN` (chosen at build time)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(5)
        if match.group(4) is not None:
            return UNKNOWN
        known = defaults.get(name)
        if known is not None:
            return known
        return match.group(3) if match.group(3) is not None else UNKNOWN

    return _VARIABLE.sub(replace, reference)


def image_problem(reference: str, require_digest: bool) -> ImageProblem | None:
    """What is wrong with how `reference` (variables already substituted) is pinned, if anything."""
    image = ImageReference.parse(reference)
    if image.digest is not None or UNKNOWN in (image.tag or image.repository.rsplit("/", 1)[-1]):
        return None  # the version (or the whole image) is chosen at build time
    shown = image.repository.replace(UNKNOWN, "$…")
    if not image.tag:
        return ImageProblem(
            f"image `{shown}` has no tag, so it pulls whatever `latest` is at build time",
            f"pin a version tag and digest: `{shown}:<version>@sha256:<digest>`",
            None,
        )
    if image.tag == "latest":
        return ImageProblem(
            f"image `{shown}:latest` follows a moving tag",
            f"pin a version tag and digest: `{shown}:<version>@sha256:<digest>`",
            None,
        )
    if require_digest:
        return ImageProblem(
            f"image `{shown}:{image.tag}` is pinned by tag only; a tag can be re-pushed",
            f"add the digest: `{shown}:{image.tag}@sha256:<digest>` (`docker buildx imagetools inspect`)",
            Severity.LOW,
        )
    return None
