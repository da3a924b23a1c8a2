"""Judging one declared package name: popular, known, a look-alike, unverified, or (online)
missing from its registry or very new."""

from __future__ import annotations

import datetime
import enum
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agentguard.rules.deps.existence.known_names import in_node_modules, installed_distributions
from agentguard.rules.deps.existence.lookalikes import Lookalike, find_lookalike
from agentguard.rules.deps.existence.package_index import canonical_name, package_index, read_data_lines

if TYPE_CHECKING:
    from agentguard.rules.deps.existence.registry_client import AnswerCache, RegistryAnswer
    from agentguard.rules.files import FileSource


class Kind(str, enum.Enum):
    """What is wrong with a declared name (a str, so rules name their kind without importing this)."""

    LOOKALIKE = "lookalike"
    UNVERIFIED = "unverified"
    MISSING = "missing"
    NEW = "new"


@dataclass(frozen=True)
class Verdict:
    """Why a declared name is reported: the kind, the message, and what to do about it."""

    kind: Kind
    message: str
    hint: str


@dataclass(frozen=True)
class OnlineSettings:
    """Where and how to ask registries, when online verification is on."""

    pypi_url: str
    npm_url: str
    cache: AnswerCache
    new_package_days: int
    today: datetime.date


@dataclass(frozen=True)
class Judge:
    """Everything needed to judge the names one manifest declares."""

    ecosystem: str
    manifest: Path
    allowed: frozenset[str]
    locked: frozenset[str]
    files: FileSource
    online: OnlineSettings | None

    def is_known(self, name: str) -> bool:
        """Popular, allowed, locked or installed: real, whatever it looks like."""
        if name in package_index(self.ecosystem) or name in self.allowed or name in self.locked:
            return True
        if self.ecosystem == "pypi":
            return name in installed_distributions()
        return in_node_modules(self.manifest, name, self.files)

    def offline(self, written: str) -> Verdict | None:
        """The verdict without asking a registry; None for a known name."""
        name = canonical_name(written, self.ecosystem)
        if self.is_known(name):
            return None
        lookalike = import_name_confusion(name) if self.ecosystem == "pypi" else None
        lookalike = lookalike or find_lookalike(name, self.ecosystem)
        if lookalike is not None:
            return _lookalike_verdict(written, lookalike)
        return _unverified(written, self.ecosystem, "")

    def judge_all(self, written_names: list[str]) -> dict[str, Verdict]:
        """Verdicts for every reported name; unverified ones are asked of the registry when online."""
        return dict(_judge_all(self, tuple(written_names)))

    def judge_uncached(self, written_names: tuple[str, ...]) -> dict[str, Verdict]:
        """`judge_all` without the per-process memory."""
        verdicts = {written: v for written in written_names if (v := self.offline(written)) is not None}
        unverified = [written for written, v in verdicts.items() if v.kind is Kind.UNVERIFIED]
        if self.online is None or not unverified:
            return verdicts
        for written, answer in self._ask(unverified).items():
            online = _online_verdict(written, self.ecosystem, answer, self.online)
            if online is None:
                del verdicts[written]
            else:
                verdicts[written] = online
        return verdicts

    def _ask(self, written_names: list[str]) -> dict[str, RegistryAnswer]:
        # The client (sockets, HTTP) is imported only when a check goes online.
        from agentguard.rules.deps.existence.registry_client import (
            RegistryAnswer,
            RegistryClient,
            RegistryUnavailable,
            npm_base_url,
            pypi_base_url,
        )

        assert self.online is not None
        try:
            if self.ecosystem == "pypi":
                base = pypi_base_url(self.online.pypi_url)
            else:
                base = npm_base_url(self.online.npm_url, self.manifest.parent)
        except RegistryUnavailable as error:
            return {written: RegistryAnswer(None, problem=str(error)) for written in written_names}
        client = RegistryClient(self.ecosystem, base, self.online.cache)
        canonical = {written: canonical_name(written, self.ecosystem) for written in written_names}
        answers = client.look_up(canonical.values())
        return {written: answers[name] for written, name in canonical.items()}


# The files of one project ask about the same names with the same judge: answer once.
@functools.lru_cache(maxsize=256)
def _judge_all(judge: Judge, written_names: tuple[str, ...]) -> tuple[tuple[str, Verdict], ...]:
    return tuple(judge.judge_uncached(written_names).items())


@functools.cache
def _import_names() -> dict[str, tuple[str, ...]]:
    """Python import names whose distribution is called something else: `yaml` -> `pyyaml`."""
    text = "\n".join(read_data_lines("python-import-names.json"))
    return {name: tuple(dists) for name, dists in json.loads(text).items()}


def python_import_names() -> dict[str, tuple[str, ...]]:
    """The bundled import-name -> distributions map (canonical distribution names)."""
    return _import_names()


@functools.cache
def _import_names_canonical() -> dict[str, tuple[str, ...]]:
    return {canonical_name(name, "pypi"): dists for name, dists in _import_names().items()}


def import_name_confusion(name: str) -> Lookalike | None:
    """`yaml` declared where the distribution is `pyyaml`: the import name, not the package."""
    distributions = _import_names_canonical().get(name, ())
    popular = [dist for dist in distributions if dist != name and dist in package_index("pypi")]
    if not popular:
        return None
    return Lookalike(
        popular[0],
        f"is how the popular `{popular[0]}` is imported",
        "declare the distribution, not the import name (anyone can publish the import name)",
    )


def _lookalike_verdict(written: str, lookalike: Lookalike) -> Verdict:
    return Verdict(
        Kind.LOOKALIKE,
        lookalike.describe(written),
        f"did you mean `{lookalike.target}`? If `{written}` is really intended, add it to "
        "`allow` in [tool.agentguard.deps]",
    )


def _unverified(written: str, ecosystem: str, problem: str) -> Verdict:
    registry = "PyPI" if ecosystem == "pypi" else "npm"
    because = f" ({problem})" if problem else ""
    return Verdict(
        Kind.UNVERIFIED,
        f"`{written}` is not a known {registry} package: not popular, not installed, not in a lock "
        f"file{because}",
        "check that it exists and is the package you mean (`agentguard check --online` asks the "
        "registry), then add it to `allow` in [tool.agentguard.deps] or commit a lock file",
    )


def _online_verdict(
    written: str, ecosystem: str, answer: RegistryAnswer, online: OnlineSettings
) -> Verdict | None:
    if answer.exists is None:
        return _unverified(written, ecosystem, f"online check failed: {answer.problem}")
    registry = "PyPI" if ecosystem == "pypi" else "npm"
    if not answer.exists:
        return Verdict(
            Kind.MISSING,
            f"`{written}` does not exist on the {registry} registry: likely hallucinated, and "
            "anyone can register it",
            "remove it or replace it with the package you meant; never install a name nobody has published",
        )
    published = answer.first_published
    if published is None or online.new_package_days == 0:
        return None
    age = (online.today - published).days
    if age >= online.new_package_days:
        return None
    return Verdict(
        Kind.NEW,
        f"`{written}` was first published on {registry} on {published.isoformat()}, {max(age, 0)} "
        "days ago: new packages are where typosquats and hallucinated names get registered",
        "check its owner, repository and downloads before depending on it; add it to `allow` once reviewed",
    )
