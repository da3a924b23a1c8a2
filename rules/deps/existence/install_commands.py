"""Package names that Dockerfile `RUN` commands install (`pip install x`, `npm install -g y`),
so a misspelt name is caught where no manifest declares it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.deps.installer_options import NPM_VALUE_OPTIONS, PIP_VALUE_OPTIONS
from agentguard.rules.deps.pinning.dockerfile import instructions, shell_commands

if TYPE_CHECKING:
    from agentguard.rules.document import Document
    from agentguard.rules.model import Range

_PIP = re.compile(r"^(?:.*/)?pip(?:\d+(?:\.\d+)?)?$")
_PYTHON = re.compile(r"^(?:.*/)?python(?:\d+(?:\.\d+)?)?$")
# Options whose value is the next word (`-r requirements.txt`, `--index-url URL`).
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_PIP_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:[=<>!~;@].*)?$")
_NPM_NAME = re.compile(r"^(@[a-z0-9][\w.-]*/[\w.-]+|[a-z0-9][\w.-]*)(?:@.*)?$")


@dataclass(frozen=True)
class Installed:
    """A package name an install command names, where, and from which registry."""

    name: str
    ecosystem: str
    range: Range


def installed_packages(doc: Document) -> Iterator[Installed]:
    """Every registry package named by `pip`/`npm`/`yarn`/`pnpm` install commands in `RUN`."""
    for instruction in instructions(doc.text):
        if instruction.keyword != "RUN":
            continue
        cursor = 0
        for command in shell_commands(instruction.arguments):
            for word, ecosystem, name in _package_words(command.words):
                start = instruction.arguments.find(word, cursor)
                cursor = max(cursor, start)
                yield Installed(name, ecosystem, instruction.find(doc, word, max(start, 0)))


def _package_words(words: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    while words and (_ASSIGNMENT.match(words[0]) or words[0] in ("sudo", "env", "exec", "time")):
        words = words[1:]  # `PIP_NO_CACHE_DIR=1 sudo pip install x`
    if len(words) < 3:
        return
    program, verb = words[0], words[1]
    if _PIP.match(program) and verb == "install":
        arguments, ecosystem = words[2:], "pypi"
    elif _PYTHON.match(program) and words[1:4] == ("-m", "pip", "install"):
        arguments, ecosystem = words[4:], "pypi"
    elif program == "uv" and words[1:3] == ("pip", "install"):
        arguments, ecosystem = words[3:], "pypi"
    elif (program == "npm" and verb in ("install", "i", "add")) or (
        program in ("yarn", "pnpm") and verb == "add"
    ):
        arguments, ecosystem = words[2:], "npm"
    else:
        return
    pattern = _PIP_NAME if ecosystem == "pypi" else _NPM_NAME
    for word in _positionals(arguments):
        match = pattern.match(word)
        if match is not None and not _is_reference(word, match.group(1)):
            yield word, ecosystem, match.group(1)


def _is_reference(word: str, name: str) -> bool:
    """A variable, a path, a URL or an archive: not a name a registry answers for."""
    if "$" in word or "://" in word or word.endswith((".whl", ".tar.gz", ".zip", ".tgz")):
        return True
    return "/" in word.removeprefix(name).split("@", 1)[0] or ("/" in name and not name.startswith("@"))


def _positionals(words: tuple[str, ...]) -> Iterator[str]:
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in PIP_VALUE_OPTIONS or word in NPM_VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-") and word not in (".", ".."):
            yield word
