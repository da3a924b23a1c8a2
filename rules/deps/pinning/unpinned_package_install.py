"""AG405 unpinned-package-install: `RUN pip install x`, `npm install -g x`, `gem install x`... in a
Dockerfile without a version."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.deps.installer_options import NPM_VALUE_OPTIONS, PIP_VALUE_OPTIONS
from agentguard.rules.deps.pinning.versions import (
    is_branch_archive,
    is_commit,
    is_exact_npm,
    is_exact_pep440,
    is_vcs_url,
    vcs_revision,
)
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

if TYPE_CHECKING:
    from agentguard.rules.deps.pinning.dockerfile import Command, Instruction

_PIP = LazyPattern(r"^(?:.*/)?pip(?:\d+(?:\.\d+)?)?$")
_PYTHON = LazyPattern(r"^(?:.*/)?python(?:\d+(?:\.\d+)?)?$")
_GEM_VALUE_OPTIONS = frozenset(
    ["-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-p", "--http-proxy", "--platform"]
)
_CARGO_VALUE_OPTIONS = frozenset(
    [
        "--git",
        "--branch",
        "--tag",
        "--rev",
        "--path",
        "--root",
        "--index",
        "--registry",
        "--bin",
        "--example",
        "--features",
        "-F",
        "--target",
        "--target-dir",
        "--profile",
        "-j",
        "--jobs",
        "--config",
        "-Z",
        "--color",
    ]
)
# Words that can precede a command: shell keywords (`if ...; then pip install x; fi`) and wrappers.
_COMMAND_PREFIXES = frozenset(
    {"sudo", "exec", "time", "env", "-E", "-H", "then", "do", "else", "{", "!", "nohup"}
)
# pip's own installer tooling (`pip install -U pip setuptools wheel`): reported at low severity,
# since a new pip or setuptools release breaks builds (removed `setup.py` paths, stricter version
# parsing) but cannot reach the application's own imports.
_PIP_TOOLING = frozenset({"pip", "setuptools", "wheel"})
_MOVING_SOURCE = "installs a branch, tag or archive that can change, not a commit"
_NPM_SPEC = LazyPattern(r"^(@[^/@\s]+/[^@\s]+|[^@\s]+)(?:@(.*))?$")
_LOCAL = LazyPattern(r"^(\.|/|~|file:|link:)|\.(whl|tar\.gz|tgz|tar\.bz2|zip|gem)$", re.I)


@dataclass(frozen=True)
class Unpinned:
    """A package word of an install command that names no exact version."""

    word: str
    tool: str
    problem: str
    hint: str
    severity: Severity | None = None


class UnpinnedPackageInstall(Rule):
    """## What it does
    Flags Dockerfile `RUN` commands that install packages without an exact version: `pip install
    flask` (also `pip3`, `python -m pip`, `uv pip install`, `pipx install`), `npm install -g
    typescript` / `npm i`, `yarn global add`, `yarn add`, `pnpm add`, `gem install bundler`,
    `cargo install ripgrep`, `go install tool@latest`, and VCS installs without a commit.
    Installs from a requirements or lock file (`pip install -r requirements.txt`, `npm ci`,
    `npm install` with no package), from local paths and wheels (`pip install .`, `-e .`), with a
    constraints file (`--constraint`), only from local wheels (`--no-index`), or from a version
    held in a build argument (`flask==${FLASK_VERSION}`) are fine. Upgrading pip's own tooling
    without a version (`pip install -U pip setuptools wheel`) is reported at low severity, as
    hadolint's DL3013 does: a new pip or setuptools release can break the build (removed
    `setup.py` code paths, stricter version parsing), so pin it too (`pip install pip==24.2`).
    Operating-system packages (`apt-get`, `apk`, `yum`) are outside this rule: their versions
    are pinned by the base image.

    ## Why is this bad?
    Each build installs whatever version was published last: images built from the same
    Dockerfile differ, a breaking release fails a deploy, and a compromised release lands in
    production without anyone changing a line (CWE-1357).

    ## Example
        RUN pip install flask gunicorn
        RUN npm install -g pm2

    ## Use instead
        RUN pip install flask==3.0.3 gunicorn==22.0.0
        RUN npm install -g pm2@5.4.2

    or copy a lock/requirements file into the image and install from it.

    ## References
    CWE-1357; OWASP A06:2021 Vulnerable and Outdated Components;
    https://docs.docker.com/build/building/best-practices/
    """

    META = RuleMeta(
        code="AG405",
        name="unpinned-package-install",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(1357,),
        languages=("dockerfile",),
        summary="A Dockerfile RUN installs a package without an exact version",
        owasp=("A06:2021",),
    )
    PREFILTER = LazyPattern(r"\b(pip[\d.]*|pipx|npm|yarn|pnpm|gem|cargo|go)\s+(\S+\s+)*?(install|add|i)\b")

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report every package word of an install command that pins no version."""
        # Imported here: the registry imports every rule, and only Dockerfiles need the parser.
        from agentguard.rules.deps.pinning.dockerfile import instructions, shell_commands

        for instruction in instructions(ctx.doc.text):
            if instruction.keyword != "RUN":
                continue
            cursor = 0
            for command in shell_commands(instruction.arguments):
                cursor = _advance(instruction, command, cursor)
                for unpinned in unpinned_packages(command):
                    yield _report(ctx, instruction, unpinned, cursor)


def _advance(instruction: Instruction, command: Command, cursor: int) -> int:
    if not command.words:
        return cursor
    found = instruction.arguments.find(command.words[0], cursor)
    return cursor if found == -1 else found + len(command.words[0])


def _report(ctx: Context, instruction: Instruction, unpinned: Unpinned, cursor: int) -> Report:
    start = instruction.arguments.find(unpinned.word, cursor)
    where = instruction.find(ctx.doc, unpinned.word, max(start, 0))
    return Report(
        range=where,
        message=f"`{unpinned.tool} {unpinned.word}` {unpinned.problem}",
        hint=unpinned.hint,
        severity=unpinned.severity,
    )


def unpinned_packages(command: Command) -> Iterator[Unpinned]:
    """The package words of one install command that name no exact version."""
    words = _without_prefixes(command.words)
    if len(words) < 2:
        return
    program = words[0]
    if _PIP.match(program) and words[1] == "install":
        yield from _pip(words[2:], "pip install")
    elif _PYTHON.match(program) and words[1:4] == ("-m", "pip", "install"):
        yield from _pip(words[4:], "pip install")
    elif program == "uv" and words[1:3] == ("pip", "install"):
        yield from _pip(words[3:], "uv pip install")
    elif program in ("pipx", "uv") and (words[1] == "install" or words[1:3] == ("tool", "install")):
        yield from _pip(words[3:] if words[1] == "tool" else words[2:], f"{program} install")
    elif program == "npm" and words[1] in ("install", "i", "add", "isntall"):
        yield from _npm(words[2:], "npm install")
    elif program in ("yarn", "pnpm"):
        yield from _yarn_or_pnpm(program, words[1:])
    elif program == "gem" and words[1] == "install":
        yield from _gem(words[2:])
    elif program == "cargo" and words[1] == "install":
        yield from _cargo(words[2:])
    elif program == "go" and words[1] == "install":
        yield from _go(words[2:])


def _not_exact(package: str) -> str:
    return f"does not pin `{package}` to an exact version"


def _without_prefixes(words: tuple[str, ...]) -> tuple[str, ...]:
    index = 0
    while index < len(words) and ("=" in words[index] and not words[index].startswith("-")):
        index += 1
    while index < len(words) and words[index] in _COMMAND_PREFIXES:
        index += 1
    return words[index:]


def _positionals(words: tuple[str, ...], value_options: frozenset[str]) -> Iterator[str]:
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in value_options
        else:
            yield word


def _pip(words: tuple[str, ...], tool: str) -> Iterator[Unpinned]:
    # A constraints file pins the versions; `--no-index` installs only from a local wheelhouse.
    if any(w in ("-c", "--constraint", "--no-index") or w.startswith("--constraint=") for w in words):
        return
    for word in _positionals(words, PIP_VALUE_OPTIONS):
        if "$" in word or _LOCAL.search(word):
            continue
        if "://" in word or word.startswith("git+"):
            if is_branch_archive(word) or (is_vcs_url(word) and not is_commit(vcs_revision(word) or "")):
                yield Unpinned(
                    word, tool, _MOVING_SOURCE, "install at a commit: `...repo.git@<40-hex commit sha>`"
                )
            continue
        if "/" in word:
            continue  # a relative path to a project or archive
        name = re.split(r"[\[<>=!~;@ ]", word, maxsplit=1)[0]
        if not is_exact_pep440(word[len(name) :].split(";", 1)[0].split("]", 1)[-1]):
            yield Unpinned(
                word,
                tool,
                _not_exact(name),
                f"pin it: `{tool} {name}==<version>`, or install from a pinned requirements file",
                Severity.LOW if name.lower() in _PIP_TOOLING else None,
            )


def _npm(words: tuple[str, ...], tool: str) -> Iterator[Unpinned]:
    for word in _positionals(words, NPM_VALUE_OPTIONS):
        if "$" in word or _LOCAL.search(word) or word.startswith(("http://", "https://")):
            continue
        if word.startswith(("git+", "git:", "github:", "gitlab:", "bitbucket:")) or re.match(
            r"^[\w.-]+/[\w.-]+(#|$)", word
        ):
            if not is_commit(word.partition("#")[2]):
                yield Unpinned(
                    word, tool, _MOVING_SOURCE, "install at a commit: `github:owner/repo#<40-hex commit sha>`"
                )
            continue
        spec = _NPM_SPEC.match(word)
        if spec and not is_exact_npm(spec.group(2) or ""):
            yield Unpinned(word, tool, _not_exact(spec.group(1)), f"pin it: `{tool} {spec.group(1)}@<x.y.z>`")


def _yarn_or_pnpm(program: str, words: tuple[str, ...]) -> Iterator[Unpinned]:
    if words[:2] == ("global", "add"):
        yield from _npm(words[2:], f"{program} global add")
    elif words[0] == "add":
        yield from _npm(words[1:], f"{program} add")
    elif program == "pnpm" and words[0] in ("install", "i") and any(w in ("-g", "--global") for w in words):
        yield from _npm(words[1:], "pnpm install")


def _gem(words: tuple[str, ...]) -> Iterator[Unpinned]:
    versions = [w for i, w in enumerate(words) if i > 0 and words[i - 1] in ("-v", "--version")]
    versions += [w.split("=", 1)[1] for w in words if w.startswith("--version=")]
    if any(re.fullmatch(r"=?\s*\d+(\.\w+)*", v.strip()) for v in versions):
        return
    for word in _positionals(words, _GEM_VALUE_OPTIONS | {"-v", "--version"}):
        if "$" in word or _LOCAL.search(word) or re.search(r":\d", word):
            continue
        yield Unpinned(word, "gem install", _not_exact(word), f"pin it: `gem install {word} -v <version>`")


def _cargo(words: tuple[str, ...]) -> Iterator[Unpinned]:
    if any(w in ("--version", "--vers", "--path", "--rev") or w.startswith("--version=") for w in words):
        return
    for word in _positionals(words, _CARGO_VALUE_OPTIONS):
        if "@" not in word and "$" not in word:
            yield Unpinned(
                word,
                "cargo install",
                _not_exact(word),
                f"pin it: `cargo install {word} --version <version> --locked`",
            )


def _go(words: tuple[str, ...]) -> Iterator[Unpinned]:
    for word in _positionals(words, frozenset({"-o", "-tags", "-ldflags", "-gcflags", "-mod", "-modfile"})):
        module, _, version = word.partition("@")
        if version in ("latest", "master", "main", "upgrade", "patch"):
            yield Unpinned(word, "go install", _not_exact(module), f"pin it: `go install {module}@v<x.y.z>`")
