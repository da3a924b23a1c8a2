"""AG406 piped-install-script: `curl … | sh` of a script whose URL names no version."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from agentguard.rules.deps.pinning.dockerfile import Command, instructions, shell_commands
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

_DOWNLOADERS = frozenset({"curl", "wget"})
_INTERPRETERS = re.compile(r"^(?:.*/)?(sh|bash|zsh|dash|ksh|ash|python[\d.]*|perl|ruby|node|php)$")
# `sh -c "$(curl URL)"`, `bash <(curl URL)`, `eval "$(wget -qO- URL)"`.
_SUBSTITUTED = re.compile(
    r"""(?:^|[\s;&|(])(?:sudo\s+)?(?:\S*/)?(?:(?:ba|z|da|k)?sh|eval)\s+(?:-\w+\s+)*["']?"""
    r"""(?:\$\(|`|<\()\s*(?:curl|wget)\b[^)`]*?(https?://[^\s"')`]+)"""
)
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_URL = re.compile(r"https?://\S+")
# A version or commit in the URL's path or query: /v1.2.3/, -1.2.3, @1.2, setup_20.x, ?version=2
_VERSIONED = re.compile(
    r"(?:^|[/@=_.-])v?\d+\.(?:\d+|x)(?:\.\d+)*(?=$|[/._?&#-])|[/@=]v?\d+(?=$|[/?&#])|[0-9a-f]{40}|\$\{?\w+",
    re.I,
)


class PipedInstallScript(Rule):
    """## What it does
    Flags Dockerfile `RUN` commands that download a script and run it straight away
    (`curl -fsSL https://get.example.sh | sh`, `wget -qO- ... | bash`, `sh -c "$(curl ...)"`,
    `bash <(curl ...)`) when the URL names no version or commit. A URL with a version or commit
    in its path (`.../v0.39.7/install.sh`, `.../releases/download/v1.2.3/...`) is fine, as is a
    download that is checked against a checksum before it runs. A plain `http://` URL is high
    severity.

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
        languages=("dockerfile",),
        summary="A Dockerfile pipes an unversioned downloaded script into a shell",
        owasp=("A08:2021",),
    )
    PREFILTER = re.compile(r"\b(curl|wget)\b")

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report each unversioned script URL that is piped or substituted into an interpreter."""
        for instruction in instructions(ctx.doc.text):
            if instruction.keyword != "RUN":
                continue
            for url in piped_script_urls(instruction.arguments):
                if _is_versioned(url):
                    continue
                where = instruction.find(ctx.doc, url)
                yield Report(
                    range=where,
                    message=f"script `{url}` is downloaded and run without a pinned version or checksum",
                    hint="download a versioned script (a release URL or commit) and verify its sha256 "
                    "before running it, or install the tool from a pinned package",
                    severity=Severity.HIGH if url.startswith("http://") else None,
                )


def piped_script_urls(arguments: str) -> Iterator[str]:
    """URLs a RUN command downloads and runs in an interpreter, in order."""
    commands = shell_commands(arguments)
    for previous, command in itertools.pairwise(commands):
        if command.piped and _runs_script(command) and _downloader(previous):
            yield from (w for w in previous.words if _URL.match(w))
    for match in _SUBSTITUTED.finditer(arguments):
        yield match.group(1)


def _downloader(command: Command) -> bool:
    words = [w for w in command.words if w not in ("sudo", "-E")]
    return bool(words) and words[0].rsplit("/", 1)[-1] in _DOWNLOADERS


def _runs_script(command: Command) -> bool:
    words = [w for w in command.words if w not in ("sudo", "-E", "env") and not _ASSIGNMENT.match(w)]
    return bool(words) and _INTERPRETERS.match(words[0]) is not None


def _is_versioned(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL after all (a bracket where a host should be)
        return True
    return _VERSIONED.search(parts.path + ("?" + parts.query if parts.query else "")) is not None
