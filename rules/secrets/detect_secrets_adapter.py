"""The one place that talks to detect-secrets: its provider detectors and heuristic filters, run
in-process on single candidate lines.

detect-secrets is slow to import and keeps process-global settings, so it is imported on first
use and every call goes through one lock. Only `analyze_string` is called: it never reads the
settings and never verifies a secret over the network (`analyze_line` may, so it is never used).
"""

from __future__ import annotations

import _thread
import functools
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from agentguard.rules.lazy_patterns import LazyPattern

# `_thread` is built in; `threading` would be one more import for every run, most of which never
# call detect-secrets.
_LOCK = _thread.allocate_lock()

# detect-secrets' provider detectors (module, class) that recognise a secret by its shape alone.
# Not its Twilio detector: `AC...`/`SK...` are account and key ids, public like OAuth client ids;
# the Twilio auth token is caught by its name (`TWILIO_AUTH_TOKEN = "..."`, AG303/AG304).
_PROVIDER_DETECTORS = (
    ("aws", "AWSKeyDetector"),
    ("azure_storage_key", "AzureStorageKeyDetector"),
    ("discord", "DiscordBotTokenDetector"),
    ("github_token", "GitHubTokenDetector"),
    ("gitlab_token", "GitLabTokenDetector"),
    ("jwt", "JwtTokenDetector"),
    ("mailchimp", "MailchimpDetector"),
    ("npm", "NpmDetector"),
    ("openai", "OpenAIDetector"),
    ("pypi_token", "PypiTokenDetector"),
    ("sendgrid", "SendGridDetector"),
    ("slack", "SlackDetector"),
    ("square_oauth", "SquareOAuthDetector"),
    ("stripe", "StripeDetector"),
)


# A necessary condition for any of those detectors to match a line: each one's literal head, or
# the shortest run its pattern requires. Lines without one are never handed to detect-secrets,
# so ordinary source files never import it. Keep in step with `_PROVIDER_DETECTORS`. Compiled on
# first use (a millisecond that most files never need).
_DETECTOR_HEADS = r"""
        (?:A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA)[0-9A-Z]{16}                   # AWS access key id
      | AccountKey=                                                       # Azure storage
      | \.[\w\-]{6}\.[\w\-]{27}                                           # Discord bot token
      | gh[pousr]_\w{36}                                                  # GitHub
      | (?:glpat|gldt|glft|glsoat|glrt|glcbt|glimt|glptt|glagent|gloas)-|GR1348941  # GitLab
      | eyJ[\w\-=]+\.                                                     # JSON Web Token
      | (?<=[0-9a-z]{32})-us[0-9]                                         # Mailchimp
      | /:_authToken=                                                     # npm
      | T3BlbkFJ                                                          # OpenAI
      | pypi-AgE                                                          # PyPI
      | SG\.[\w\-]{22}\.                                                  # SendGrid
      | (?i:xox[abposr]-\d|hooks\.slack\.com/services/)                   # Slack
      | sq0csp-                                                           # Square
      | [rs]k_live_[0-9a-zA-Z]{24}                                        # Stripe
    """
# AWS secret keys have no head: 40 base64 characters after an `aws` (the detector ignores case).
_AWS_SECRET = LazyPattern(r"aws.*?[0-9a-z/+]{40}", re.I)
# Every lock file name detect-secrets knows says so; other paths never import it.
_LOCK_FILE_WORDS = ("lock", "resolved")


@dataclass(frozen=True)
class ProviderMatch:
    """A provider-shaped secret on one line: what kind, its value, and where it starts."""

    kind: str
    value: str
    start: int


@functools.cache
def _detectors() -> tuple[Any, ...]:
    import importlib

    instances = []
    for module_name, class_name in _PROVIDER_DETECTORS:
        module = importlib.import_module(f"detect_secrets.plugins.{module_name}")
        instances.append(getattr(module, class_name)())
    return tuple(instances)


@functools.cache
def _heuristics() -> Any:
    from detect_secrets.filters import heuristic

    return heuristic


def scan_line(line: str) -> list[ProviderMatch]:
    """Every provider-shaped secret detect-secrets' detectors find on `line`, minus the shapes its
    heuristic filters call false positives (sequential strings, UUIDs, templates)."""
    if not _may_match_detectors(line):
        return []
    found: list[ProviderMatch] = []
    with _LOCK:
        heuristic = _heuristics()
        for detector in _detectors():
            validate = getattr(detector, "is_formally_valid", None)
            for regex in detector.denylist:
                for match in regex.finditer(line):
                    start, end = _secret_span(match)
                    if validate is not None:
                        # detect-secrets' JWT pattern stops before the signature: take all of it.
                        end = _token_end(line, end)
                    secret = line[start:end]
                    if (validate is not None and not validate(secret)) or (
                        heuristic.is_sequential_string(secret)
                        or heuristic.is_potential_uuid(secret)
                        or heuristic.is_templated_secret(secret)
                    ):
                        continue
                    found.append(ProviderMatch(str(detector.secret_type), secret, start))
    return found


def _may_match_detectors(line: str) -> bool:
    return _detector_heads().search(line) is not None or _AWS_SECRET.search(line) is not None


@functools.cache
def _detector_heads() -> re.Pattern[str]:
    return re.compile(_DETECTOR_HEADS, re.X)


def _secret_span(match: re.Match[str]) -> tuple[int, int]:
    """The secret within a match: a long capture group when the pattern captures the value after
    a keyword (`aws_secret_access_key = "..."`), else the whole match."""
    groups = [index for index in range(1, (match.re.groups or 0) + 1) if match.group(index)]
    if groups:
        longest = max(groups, key=lambda index: len(match.group(index)))
        if len(match.group(longest)) >= 16:
            return match.span(longest)
    return match.span()


def _token_end(line: str, end: int) -> int:
    while end < len(line) and (line[end].isalnum() or line[end] in "-_.+/="):
        end += 1
    return end


def is_private_key_header(line: str) -> bool:
    """Whether detect-secrets' private-key detector recognises a key header on `line`."""
    with _LOCK:
        return any(True for _ in _private_key_detector().analyze_string(line))


@functools.cache
def _private_key_detector() -> Any:
    from detect_secrets.plugins.private_key import PrivateKeyDetector

    return PrivateKeyDetector()


def is_lock_file(path: str) -> bool:
    """Whether detect-secrets treats `path` as a dependency lock file (integrity hashes, not keys)."""
    name = PurePath(path).name.lower()
    if not any(word in name for word in _LOCK_FILE_WORDS):
        return False
    with _LOCK:
        return bool(_heuristics().is_lock_file(path))
