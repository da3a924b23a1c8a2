"""AG301 hardcoded-provider-token: API keys and tokens recognisable by their provider's shape."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern, TextPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity, hash_secret, mask_secret
from agentguard.rules.rule import Context, Rule
from agentguard.rules.secrets import detect_secrets_adapter
from agentguard.rules.secrets.detect_secrets_adapter import ProviderMatch
from agentguard.rules.secrets.scope import candidate_lines, lowered
from agentguard.rules.secrets.secret_values import is_worded_stand_in, looks_random

# Literal pieces every provider shape contains; a file without any is never scanned further.
# Substring tests run at memory speed, where one regex alternation would crawl.
_ANCHORS = (
    "AKIA", "ASIA", "xox", "hooks.slack", "k_live_", "SG.", "sk-", "npm_", "pypi-", "eyJ", "AIza", "key-",
    "-us", "AccountKey=", "sq0csp-", "glpat-", "k_test_", "hf_", ":AA", "FlyV1 ",
)  # fmt: skip
# Every provider shape has a run of this many token characters: lines without one never import
# detect-secrets (`task-list` has the `sk-` anchor, not a key).
_TOKEN_RUN = LazyPattern(r"[A-Za-z0-9_\-+/=.:]{20,}")
# Prefix families as regexes with a literal head: one pass each instead of one per prefix.
# Discord bot tokens have no literal prefix (their head is a base64 user id): their dotted
# timestamp and signature parts are the anchor.
_ANCHOR_PATTERNS = (
    LazyPattern(r"gh(?:[pousr]_|ithub_pat_)"),
    LazyPattern(r"gl[a-z]{2,7}-"),
    LazyPattern(r"\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27}"),
)


@dataclass(frozen=True)
class _Shape:
    kind: str
    regex: TextPattern


# Shapes detect-secrets does not know (yet): checked the same way, after its detectors.
_EXTRA_SHAPES = (
    _Shape("Google API Key", LazyPattern(r"AIza[0-9A-Za-z_\-]{35}")),
    _Shape(
        "OpenAI-style API Key",
        LazyPattern(r"sk-(?:proj-|svcacct-|admin-|ant-[a-z]+\d*-)?[A-Za-z0-9_\-]{32,}"),
    ),
    _Shape("Mailgun API Key", LazyPattern(r"key-[0-9a-z]{32}")),
    _Shape("Stripe Test Key", LazyPattern(r"[rs]k_test_[0-9a-zA-Z]{24,}")),
    _Shape("Hugging Face Token", LazyPattern(r"hf_[A-Za-z]{34}")),
    _Shape("npm Access Token", LazyPattern(r"npm_[A-Za-z0-9]{36}")),
    _Shape("GitHub Fine-grained Token", LazyPattern(r"github_pat_\w{22,}")),
    _Shape("Telegram Bot Token", LazyPattern(r"\b\d{8,10}:AA[A-Za-z0-9_\-]{32,33}")),
    _Shape("Fly.io Token", LazyPattern(r"FlyV1 fm[12]_[A-Za-z0-9+/=]{40,}")),  # base64 macaroons
)
# Kinds that identify an account rather than grant access on their own.
_LOWER_SEVERITY = frozenset({"JSON Web Token", "Stripe Test Key"})


def might_contain_provider_secret(text: str) -> bool:
    """The cheap test before any detector runs (`aws` for AWS secret keys next to an AWS name)."""
    return (
        any(anchor in text for anchor in _ANCHORS)
        or any(pattern.search(text) for pattern in _ANCHOR_PATTERNS)
        or "aws" in lowered(text)
    )


def is_provider_secret(line: str, value: str) -> bool:
    """Whether AG301 reports `value` (or a provider token inside it) on `line`; the other rules
    leave such values to it, so that one secret is one finding."""
    return any(match.value in value or value in match.value for match in find_provider_secrets(line))


def find_provider_secrets(line: str) -> list[ProviderMatch]:
    """Provider-shaped secrets on one line: detect-secrets' detectors, then our extra shapes,
    without overlaps, placeholders, or fragments of longer strings."""
    if _TOKEN_RUN.search(line) is None:
        return []
    found = [match for match in detect_secrets_adapter.scan_line(line) if _standalone(line, match)]
    for shape in _EXTRA_SHAPES:
        for hit in shape.regex.finditer(line):
            match = ProviderMatch(shape.kind, hit.group(), hit.start())
            if looks_random(match.value) and _standalone(line, match) and not _overlaps(match, found):
                found.append(match)
    return [match for match in found if not _looks_placeholder(match.value)]


def _standalone(line: str, match: ProviderMatch) -> bool:
    """A match glued to more letters is a slice of a longer string (a hash, base64 data)."""
    end = match.start + len(match.value)
    before = line[match.start - 1] if match.start > 0 else ""
    after = line[end] if end < len(line) else ""
    if ";base64," in line[: match.start]:
        return False
    return not (before.isalnum() or after.isalnum())


def _overlaps(match: ProviderMatch, found: list[ProviderMatch]) -> bool:
    end = match.start + len(match.value)
    return any(other.start < end and match.start < other.start + len(other.value) for other in found)


def _looks_placeholder(value: str) -> bool:
    lowered = value.lower()
    return (
        "xxxx" in lowered
        or "0000000000" in lowered
        or "*" in value
        or "<" in value
        or is_worded_stand_in(value)
    )


class HardcodedProviderToken(Rule):
    """## What it does
    Flags API keys and access tokens that a provider's format identifies: AWS access keys (and
    AWS secret keys next to an `aws_*` name), GitHub and GitLab tokens, Slack tokens and
    webhooks, Stripe secret and restricted keys (test keys too), SendGrid, Mailgun, Mailchimp,
    OpenAI-style `sk-` keys, Google API keys, npm and PyPI tokens, Square, Azure storage keys,
    Discord and Telegram bot tokens, Fly.io tokens and JSON Web Tokens, in any text file. A provider prefix
    followed by words instead of random characters (`sk_test_your_key_here`) is a placeholder.
    It uses detect-secrets' detectors in-process and never contacts the provider. Test code is
    checked too: assistants paste real keys into tests as readily as into code.

    ## Why is this bad?
    A key in the repository is readable by everyone who can read the repository, its forks, its
    CI logs and every clone, forever: deleting it later does not remove it from history. Keys
    pushed to public repositories are found and abused within minutes (CWE-798).

    ## Example
        stripe.api_key = "sk_live_51H8vQ2LkdIwHu7ix...9a0Xx"

    ## Use instead
        stripe.api_key = os.environ["STRIPE_API_KEY"]

    Revoke the key at the provider first: once committed, it must be treated as leaked.

    ## References
    CWE-798; OWASP A07:2021 Identification and Authentication Failures;
    https://github.com/Yelp/detect-secrets
    """

    META = RuleMeta(
        code="AG301",
        name="hardcoded-provider-token",
        category="hardcoded-secret",
        severity=Severity.CRITICAL,
        confidence=Confidence.HIGH,
        cwe=(798,),
        languages=("*",),
        summary="An API key or token in a provider's format is written into the file",
        owasp=("A07:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Only files that hold one of the providers' literal prefixes."""
        return might_contain_provider_secret(doc.text) and not detect_secrets_adapter.is_lock_file(doc.path)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Scan the candidate lines only."""
        return self._reports(ctx.doc)

    def _reports(self, doc: Document) -> Iterator[Report]:
        anchors = [anchor for anchor in _ANCHORS if anchor in doc.text]
        anchors += sorted({hit.group() for pattern in _ANCHOR_PATTERNS for hit in pattern.finditer(doc.text)})
        lower = lowered(doc.text)
        if "aws" in lower:
            anchors += ["aws", "AWS", "Aws"]
        for number, line in candidate_lines(doc.text, tuple(anchors)):
            for match in find_provider_secrets(line):
                yield Report(
                    range=doc.line_range(number, match.start + 1, match.start + len(match.value) + 1),
                    message=f"{match.kind} `{mask_secret(match.value)}` is hardcoded",
                    hint="revoke it at the provider, then load it from the environment or a secret manager",
                    severity=Severity.HIGH if match.kind in _LOWER_SEVERITY else None,
                    identity=hash_secret(match.value),
                )
