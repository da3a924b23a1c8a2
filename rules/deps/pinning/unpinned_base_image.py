"""AG404 unpinned-base-image: Dockerfile `FROM` (and `COPY --from`) images without a version."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from agentguard.rules.deps.pinning.options import REQUIRE_DIGEST
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

if TYPE_CHECKING:
    from agentguard.rules.deps.pinning.dockerfile import Instruction

# The Dockerfile parser and the image helpers are imported inside the functions that use them:
# the registry imports every rule, and a check of anything but a Dockerfile must not load them.
_ARG = LazyPattern(r"^\s*([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?")
_COPY_FROM = LazyPattern(r"--from=(\S+)")


class UnpinnedBaseImage(Rule):
    """## What it does
    Flags Dockerfile `FROM` lines (and `COPY --from=<image>`) whose image has no tag or the
    `latest` tag, including through an `ARG` whose default is `latest` or empty. `FROM scratch`,
    earlier build stages (`FROM build`), images chosen by an `ARG` with no default, and digests
    (`@sha256:...`) are fine. With `[tool.agentguard.deps] require-digest = true`, an image
    pinned by tag but not by digest is reported too (low severity).

    ## Why is this bad?
    `latest` (which is what no tag means) moves: today's build and next week's build start from
    different operating systems, libraries and interpreters, and anyone who can push to the
    repository decides what your image contains (CWE-1357). A tag can be re-pushed as well;
    only a digest names exactly one image.

    ## Example
        FROM python
        FROM node:latest AS build

    ## Use instead
        FROM python:3.12-slim@sha256:<digest>
        FROM node:20.11-alpine AS build

    ## References
    CWE-1357; OWASP A06:2021 Vulnerable and Outdated Components;
    https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
    """

    META = RuleMeta(
        code="AG404",
        name="unpinned-base-image",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(1357,),
        languages=("dockerfile",),
        summary="A Dockerfile builds from an image with no tag or the latest tag",
        owasp=("A06:2021",),
    )
    PREFILTER = LazyPattern(r"^\s*FROM\s", re.I | re.M)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report every unpinned image a build stage starts from or copies from."""
        from agentguard.rules.deps.pinning.dockerfile import instructions

        require_digest = ctx.config.get(REQUIRE_DIGEST)
        defaults: dict[str, str | None] = {}
        stages: set[str] = set()
        seen_from = False
        for instruction in instructions(ctx.doc.text):
            if instruction.keyword == "ARG" and not seen_from:
                _declare(instruction.arguments, defaults)
            elif instruction.keyword == "FROM":
                seen_from = True
                yield from self._check_from(ctx, instruction, defaults, stages, require_digest)
            elif instruction.keyword == "COPY":
                yield from self._check_copy(ctx, instruction, stages, require_digest)

    def _check_from(
        self,
        ctx: Context,
        instruction: Instruction,
        defaults: dict[str, str | None],
        stages: set[str],
        require_digest: bool,
    ) -> Iterator[Report]:
        words = [w for w in instruction.arguments.split() if not w.startswith("--")]
        if not words:
            return
        from agentguard.rules.deps.pinning.images import substitute

        image = words[0]
        resolved = substitute(image, defaults)
        if resolved.lower() not in (*stages, "scratch"):
            yield from _report(ctx, instruction, image, resolved, require_digest)
        if len(words) >= 3 and words[1].lower() == "as":
            stages.add(words[2].lower())

    def _check_copy(
        self, ctx: Context, instruction: Instruction, stages: set[str], require_digest: bool
    ) -> Iterator[Report]:
        match = _COPY_FROM.search(instruction.arguments)
        if match is None:
            return
        image = match.group(1).strip("\"'")
        if image.lower() in stages or image.isdigit():
            return
        from agentguard.rules.deps.pinning.images import substitute

        yield from _report(ctx, instruction, image, substitute(image, {}), require_digest)


def _declare(arguments: str, defaults: dict[str, str | None]) -> None:
    for word in arguments.split():
        match = _ARG.match(word)
        if match:
            value = match.group(2)
            defaults[match.group(1)] = value.strip("\"'") if value is not None else None


def _report(
    ctx: Context, instruction: Instruction, written: str, resolved: str, require_digest: bool
) -> Iterator[Report]:
    from agentguard.rules.deps.pinning.images import image_problem

    problem = image_problem(resolved, require_digest)
    if problem is None:
        return
    where = instruction.find(ctx.doc, written)
    via = f" (`{written}` with its ARG default)" if "$" in written else ""
    yield Report(range=where, message=problem.message + via, hint=problem.hint, severity=problem.severity)
