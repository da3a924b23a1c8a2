"""The engine's vocabulary: severities, rule metadata, ranges, reports, fixes and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How much harm a finding can do; `fail-on` compares against it."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        """The lower-case name used in output and configuration."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Parse a lower-case label; raises ValueError naming the accepted values."""
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"expected one of {', '.join(s.label for s in cls)}") from None


class Confidence(enum.IntEnum):
    """How sure the rule is that the finding is a real flaw."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        """The lower-case name used in output."""
        return self.name.lower()


CATEGORIES = (
    "permissive-cors",
    "sql-injection",
    "hardcoded-secret",
    "unpinned-dependency",
    "unknown-dependency",
    "debug-enabled",
    "tls-verification-disabled",
    "command-injection",
    "code-injection",
    "unsafe-deserialization",
    "jwt-verification-disabled",
    "xss",
    # Problems with the suppression comments themselves (missing reason, expired, unused).
    "suppression",
)


@dataclass(frozen=True)
class RuleMeta:
    """A rule's identity and security metadata, shown by `agentguard rules` and in SARIF."""

    code: str
    name: str
    category: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...]
    languages: tuple[str, ...]
    summary: str
    owasp: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class Range:
    """A 1-based source range; `end_column` is exclusive (the column after the last character)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class TextEdit:
    """Replace `range` with `new_text`."""

    range: Range
    new_text: str


@dataclass(frozen=True)
class Fix:
    """A machine-applicable change that removes the flaw, with a title for menus."""

    title: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Report:
    """What a rule says about one place; the engine adds the rule's metadata to make a Finding.

    `identity` is extra content for the fingerprint (a secret's hash, never the secret), so two
    different secrets on look-alike lines get different fingerprints.
    """

    range: Range
    message: str
    hint: str
    severity: Severity | None = None
    confidence: Confidence | None = None
    fix: Fix | None = None
    identity: str = ""


@dataclass(frozen=True)
class Finding:
    """One reported flaw: where, which rule, how bad, what to do, and a stable identity."""

    path: str
    range: Range
    rule: str
    name: str
    category: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...]
    message: str
    hint: str
    fingerprint: str
    fix: Fix | None = None


def fingerprint(rule: str, relpath: str, snippet: str, identity: str = "") -> str:
    """A content identity: rule, path and the whitespace-normalised flagged text, no line numbers.

    Moving the code or editing other lines leaves it unchanged; editing the flagged code changes it.
    """
    # Imported on the first finding: loading OpenSSL is a noticeable share of a clean run's start-up.
    import hashlib

    normalised = " ".join(snippet.split())
    digest = hashlib.sha256("\0".join((rule, relpath, normalised, identity)).encode("utf-8"))
    return digest.hexdigest()[:24]


def mask_secret(secret: str) -> str:
    """The only form in which a secret may appear anywhere: a short prefix, then `***`."""
    shown = min(4, len(secret) // 4)
    return f"{secret[:shown]}***"


def hash_secret(secret: str) -> str:
    """A one-way identity for a secret, used in fingerprints and baselines."""
    import hashlib  # deferred like in fingerprint()

    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
