"""Documentation and metadata of the suppression-comment rules (AG001-AG005)."""

from __future__ import annotations

from agentguard.rules.model import Confidence, RuleMeta, Severity
from agentguard.rules.rule import RuleSpec


class SuppressionWithoutReason(RuleSpec):
    """## What it does
    Reports an `agentguard: ignore[...]` comment that gives no reason after `--`.

    ## Why is this bad?
    A silenced security finding with no reason cannot be reviewed: nobody can tell later whether
    it was a considered decision or an agent making a failing hook pass.

    ## Example
        cursor.execute(query)  # agentguard: ignore[sql-injection]

    ## Use instead
        cursor.execute(query)  # agentguard: ignore[sql-injection] -- query is a fixed constant

    ## References
    Set `require-reason = false` to allow suppressions without a reason.
    """

    META = RuleMeta(
        code="AG001",
        name="suppression-without-reason",
        category="suppression",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(),
        languages=("*",),
        summary="A suppression comment gives no reason",
    )


class ExpiredSuppression(RuleSpec):
    """## What it does
    Reports a suppression whose `until=YYYY-MM-DD` date has passed. It no longer applies, so the
    finding it silenced is reported again too.

    ## Why is this bad?
    Temporary exceptions that never end become permanent holes.

    ## Example
        CORS(app)  # agentguard: ignore[permissive-cors] until=2024-01-31 -- demo week only

    ## Use instead
    Fix the finding, or renew the date with a new reason.

    ## References
    The suppression syntax in the README.
    """

    META = RuleMeta(
        code="AG002",
        name="expired-suppression",
        category="suppression",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(),
        languages=("*",),
        summary="A suppression's until= date has passed",
    )


class UnusedSuppression(RuleSpec):
    """## What it does
    Reports a suppression comment that silences nothing: no finding of the named rules is on the
    line it covers.

    ## Why is this bad?
    Stale suppressions hide the next real finding on that line, and mislead readers.

    ## Example
        query = "SELECT 1"  # agentguard: ignore[sql-injection] -- legacy

    ## Use instead
    Delete the comment.

    ## References
    The suppression syntax in the README.
    """

    META = RuleMeta(
        code="AG003",
        name="unused-suppression",
        category="suppression",
        severity=Severity.LOW,
        confidence=Confidence.HIGH,
        cwe=(),
        languages=("*",),
        summary="A suppression comment suppresses nothing",
    )


class UnknownRuleInSuppression(RuleSpec):
    """## What it does
    Reports a suppression that names a rule, code or category agentguard does not have.

    ## Why is this bad?
    A misspelt rule name silences nothing, so the author believes a finding is handled when it
    is not.

    ## Example
        CORS(app)  # agentguard: ignore[permisive-cors] -- public read-only API

    ## Use instead
        CORS(app)  # agentguard: ignore[permissive-cors] -- public read-only API

    ## References
    `agentguard rules` lists every code and name.
    """

    META = RuleMeta(
        code="AG004",
        name="unknown-rule-in-suppression",
        category="suppression",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(),
        languages=("*",),
        summary="A suppression names a rule that does not exist",
    )


class MalformedSuppression(RuleSpec):
    """## What it does
    Reports a suppression comment that cannot be read: an empty rule list or an `until=` value
    that is not a `YYYY-MM-DD` date.

    ## Why is this bad?
    A comment that looks like a suppression but is not one confuses readers; one with a broken
    date would otherwise never expire.

    ## Example
        CORS(app)  # agentguard: ignore[] until=next-week -- demo

    ## Use instead
        CORS(app)  # agentguard: ignore[permissive-cors] until=2026-12-31 -- demo

    ## References
    The suppression syntax in the README.
    """

    META = RuleMeta(
        code="AG005",
        name="malformed-suppression",
        category="suppression",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(),
        languages=("*",),
        summary="A suppression comment cannot be read",
    )
