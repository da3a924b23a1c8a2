"""AG406 piped-install-script: `curl … | sh` of a script whose URL names no version."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

if TYPE_CHECKING:
    from agentguard.rules.deps.pinning.dockerfile import Command, Instruction
    from agentguard.rules.document import Document

# The Dockerfile parser is imported inside the functions that use it: the registry imports every
# rule, and a check of anything but a Dockerfile must not load it.

_DOWNLOADERS = frozenset({"curl", "wget"})
# Commands that check a download before it runs.
_VERIFIERS = frozenset(
    {"sha256sum", "sha512sum", "sha1sum", "shasum", "gpg", "gpgv", "cosign", "minisign", "md5sum"}
)
_INTERPRETERS = LazyPattern(r"^(?:.*/)?(sh|bash|zsh|dash|ksh|ash|python[\d.]*|perl|ruby|node|php)$")
# `sh -c "$(curl URL)"`, `bash <(curl URL)`, `eval "$(wget -qO- URL)"`.
_SUBSTITUTED = LazyPattern(
    r"""(?:^|[\s;&|(])(?:sudo\s+)?(?:\S*/)?(?:(?:ba|z|da|k)?sh|eval)\s+(?:-\w+\s+)*["']?"""
    r"""(?:\$\(|`|<\()\s*(?:curl|wget)\b[^)`]*?(https?://[^\s"')`]+)"""
)
_ASSIGNMENT = LazyPattern(r"^[A-Za-z_][A-Za-z0-9_]*=")
_URL = LazyPattern(r"https?://\S+")
# A version or commit in the URL's path or query: /v1.2.3/, -1.2.3, @1.2, setup_20.x, ?version=2
_VERSIONED = LazyPattern(
    r"(?:^|[/@=_.-])v?\d+\.(?:\d+|x)(?:\.\d+)*(?=$|[/._?&#-])|[/@=]v?\d+(?=$|[/?&#])|[0-9a-f]{40}|\$\{?\w+",
    re.I,
)


class PipedInstallScript(Rule):
    """## What it does
    Flags Dockerfile `RUN` commands and GitHub Actions `run:` steps that download a script and
    run it (`curl -fsSL https://get.example.sh | sh`, `wget -qO- ... | bash`, `sh -c "$(curl ...)"`,
    `bash <(curl ...)`, or `curl -o install.sh URL && sh install.sh`, also across lines) when
    the URL names no version or commit. A URL with a version or commit in its path
    (`.../v0.39.7/install.sh`, `.../releases/download/v1.2.3/...`, `setup_20.x`) is fine, as is a
    download that is verified (`sha256sum -c`, `gpg --verify`, `cosign`) before it runs. A plain
    `http://` URL is high severity.

    ## Why is this bad?
    The script is whatever the server returns at build time, and it runs with the build's
    privileges: a compromised or changed installer changes every image built from then on, with
    nothing in the repository to review (CWE-494, download of code without integrity check).

    ## Example
        RUN curl -fsSL https://get.docker.com | sh
        RUN curl -LsSf https://astral.sh/uv/install.sh | sh

    ## Use instead
        RUN curl -LsSf https://astral.sh/uv/0.4.18/install.sh | sh

        ADD --checksum=sha256:<digest> https://example.com/tool-1.2.3.tar.gz /tmp/

    ## References
    CWE-494; CWE-1357; OWASP A08:2021 Software and Data Integrity Failures
    """

    META = RuleMeta(
        code="AG406",
        name="piped-install-script",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(494, 1357),
        languages=("dockerfile", "yaml"),
        summary="A Dockerfile or CI step runs a downloaded script whose URL names no version, unverified",
        owasp=("A08:2021",),
    )
    PREFILTER = LazyPattern(r"\b(curl|wget)\b")

    def applies_to(self, doc: Document) -> bool:
        """Dockerfiles, and YAML only when it is a workflow or an action's metadata."""
        from agentguard.rules.deps.pinning.yaml_documents import is_workflow_path

        return super().applies_to(doc) and (doc.language == "dockerfile" or is_workflow_path(doc.path))

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report each unversioned script URL that is piped, substituted or saved and then run."""
        if ctx.doc.language == "dockerfile":
            from agentguard.rules.deps.pinning.dockerfile import instructions

            steps = instructions(ctx.doc.text)
        else:
            from agentguard.rules.deps.pinning.workflow_scripts import run_steps

            steps = run_steps(ctx.doc.text)
        tracker = _ScriptTracker()
        for instruction in steps:
            if instruction.keyword != "RUN":
                continue
            for origin, url in tracker.executed_urls(instruction):
                if _is_versioned(url):
                    continue
                yield Report(
                    range=origin.find(ctx.doc, url),
                    message=f"script `{url}` is downloaded and run without a pinned version or checksum",
                    hint="download a versioned script (a release URL or commit) and verify its sha256 "
                    "before running it, or install the tool from a pinned package",
                    severity=Severity.HIGH if url.startswith("http://") else None,
                )


class _ScriptTracker:
    """Follows a Dockerfile's RUN instructions in order: what was downloaded to which file, and
    whether a checksum or signature was verified before a downloaded file ran."""

    def __init__(self) -> None:
        self.saved: dict[str, tuple[Instruction, str]] = {}

    def executed_urls(self, instruction: Instruction) -> Iterator[tuple[Instruction, str]]:
        """(instruction that downloads it, URL) for each script this instruction runs."""
        from agentguard.rules.deps.pinning.dockerfile import shell_commands

        commands = shell_commands(instruction.arguments)
        for previous, command in itertools.pairwise(commands):
            if command.piped and _runs_script(command) and _downloader(previous):
                yield from ((instruction, w) for w in previous.words if _URL.match(w))
        for match in _SUBSTITUTED.finditer(instruction.arguments):
            yield instruction, match.group(1)
        for command in commands:
            words = _program_words(command)
            if not words:
                continue
            if words[0].rsplit("/", 1)[-1] in _VERIFIERS:
                self.saved.clear()
            elif _downloader(command):
                self._remember(instruction, words)
            else:
                yield from self._runs_saved(words)

    def _remember(self, instruction: Instruction, words: list[str]) -> None:
        url = next((w for w in words if _URL.match(w)), None)
        target = _output_file(words, url)
        if url is not None and target is not None:
            self.saved[target] = (instruction, url)
            self.saved[target.rsplit("/", 1)[-1]] = (instruction, url)

    def _runs_saved(self, words: list[str]) -> Iterator[tuple[Instruction, str]]:
        if _INTERPRETERS.match(words[0]):
            operands = [w for w in words[1:] if not w.startswith("-")]
            script = operands[0] if operands else None
        else:
            script = words[0]
        saved = self.saved.get(script.removeprefix("./")) if script else None
        if saved is not None:
            yield saved


def _program_words(command: Command) -> list[str]:
    return [w for w in command.words if w not in ("sudo", "-E", "env") and not _ASSIGNMENT.match(w)]


def _output_file(words: list[str], url: str | None) -> str | None:
    """Where a curl/wget command saves its download (None for standard output)."""
    curl = words[0].endswith("curl")
    output_flag = "o" if curl else "O"
    remote_name = not curl
    for index, word in enumerate(words[1:], start=1):
        value = words[index + 1] if index + 1 < len(words) else None
        if word.startswith(("--output=", "--output-document=")):
            return _saved_name(word.split("=", 1)[1])
        if word in ("--output", "--output-document") or re.fullmatch(rf"-[A-Za-z]*{output_flag}", word):
            return _saved_name(value)
        if re.fullmatch(rf"-[A-Za-z]*{output_flag}-", word):
            return None
        if curl and (word == "--remote-name" or re.fullmatch(r"-[A-Za-z]*O[A-Za-z]*", word)):
            remote_name = True
    name = (url or "").split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return name if remote_name and name else None


def _saved_name(value: str | None) -> str | None:
    return None if value in (None, "-", "/dev/stdout") else value


def _downloader(command: Command) -> bool:
    words = _program_words(command)
    return bool(words) and words[0].rsplit("/", 1)[-1] in _DOWNLOADERS


def _runs_script(command: Command) -> bool:
    words = _program_words(command)
    return bool(words) and _INTERPRETERS.match(words[0]) is not None


def _is_versioned(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL after all (a bracket where a host should be)
        return True
    return _VERSIONED.search(parts.path + ("?" + parts.query if parts.query else "")) is not None
