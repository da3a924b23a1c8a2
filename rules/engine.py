"""The one engine function both front ends call: a path, its text and its configuration in,
sorted findings out. No printing, no exits, no global state beyond caches."""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field

from agentguard.rules.config import Config, selector_matches
from agentguard.rules.document import Document
from agentguard.rules.files import DiskFiles, FileSource
from agentguard.rules.meta.suppressions import (
    ExpiredSuppression,
    MalformedSuppression,
    SuppressionWithoutReason,
    UnknownRuleInSuppression,
    UnusedSuppression,
)
from agentguard.rules.model import Finding, Report, RuleMeta, fingerprint
from agentguard.rules.registry import all_specs, detectors
from agentguard.rules.rule import Context, RuleSpec
from agentguard.rules.suppression import Suppression, find_suppressions

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class FileResult:
    """The findings of one file, and the errors of rules that failed on it."""

    path: str
    findings: tuple[Finding, ...]
    errors: tuple[str, ...] = ()


def is_enabled(meta: RuleMeta, config: Config, path: str) -> bool:
    """Whether configuration (select, ignore, per-file-ignores) turns this rule on for `path`.

    The suppression rules are on unless ignored: they guard whichever rules are selected.
    """
    ignored = (*config.ignore, *config.ignored_for(path))
    if any(selector_matches(s, meta.code, meta.name, meta.category) for s in ignored):
        return False
    if meta.category == "suppression":
        return True
    return any(selector_matches(s, meta.code, meta.name, meta.category) for s in config.select)


def check_text(
    path: str,
    text: str,
    config: Config,
    *,
    files: FileSource | None = None,
    today: datetime.date | None = None,
    language: str | None = None,
) -> FileResult:
    """Check one file's text with every enabled rule, over one parse, and apply suppressions."""
    return check_document(document(path, text, language), config, files=files, today=today)


def document(path: str, text: str, language: str | None = None, previous: Document | None = None) -> Document:
    """The Document the engine checks for this text (`previous`: see Document)."""
    return Document(path, without_lone_surrogates(text), language, previous=previous)


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate (an editor sends one for bytes that are not UTF-8; they
    cannot be encoded) replaced by U+FFFD: one code point for one, so every column stays put."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def check_document(
    doc: Document,
    config: Config,
    *,
    files: FileSource | None = None,
    today: datetime.date | None = None,
) -> FileResult:
    """`check_text` for a Document built by `document()`."""
    path = doc.path
    context = Context(doc, config, files or DiskFiles())
    relpath = config.relpath(path)
    enabled = [rule for rule in detectors() if is_enabled(rule.META, config, path)]
    findings: list[Finding] = []
    errors: list[str] = []
    for rule in enabled:
        if not rule.applies_to(doc):
            continue
        try:
            reports = list(rule.check(context))
        except Exception as error:
            errors.append(f"rule {rule.META.code} ({rule.META.name}) failed: {type(error).__name__}")
            continue
        findings.extend(_finding(doc, relpath, rule.META, report) for report in reports)
    suppressions = find_suppressions(doc)
    if suppressions:
        # Rules for this language that found nothing make their suppressions unused; rules for
        # other languages or turned off by configuration do not.
        ran = frozenset(_names(type(r)) for r in enabled if {doc.language, "*"} & set(r.META.languages))
        known = frozenset(_names(spec) for spec in all_specs())
        scope = _SuppressionPass(doc, relpath, config, ran, known, today or datetime.date.today())
        findings = scope.apply(suppressions, findings)
    findings.sort(key=lambda f: (f.range.line, f.range.column, f.rule, f.message))
    return FileResult(path, tuple(findings), tuple(errors))


def _finding(doc: Document, relpath: str, meta: RuleMeta, report: Report) -> Finding:
    return Finding(
        path=doc.path,
        range=report.range,
        rule=meta.code,
        name=meta.name,
        category=meta.category,
        severity=report.severity or meta.severity,
        confidence=report.confidence or meta.confidence,
        cwe=meta.cwe,
        message=report.message,
        hint=report.hint,
        fingerprint=fingerprint(meta.code, relpath, doc.snippet(report.range), report.identity),
        fix=report.fix,
    )


def _names(spec: type[RuleSpec]) -> tuple[str, str, str]:
    return spec.META.code, spec.META.name, spec.META.category


@dataclass(frozen=True)
class _SuppressionPass:
    """Applies one file's suppression comments to its findings and reports their problems."""

    doc: Document
    relpath: str
    config: Config
    ran: frozenset[tuple[str, str, str]]
    known: frozenset[tuple[str, str, str]]
    today: datetime.date
    # Per selector: does it name a known rule, one that ran? (A file repeats the same few.)
    _names_known: dict[str, bool] = field(default_factory=dict)
    _names_ran: dict[str, bool] = field(default_factory=dict)

    def apply(self, suppressions: list[Suppression], findings: list[Finding]) -> list[Finding]:
        """The findings no suppression covers, plus a finding for each faulty suppression."""
        kept: list[Finding] = []
        used: set[int] = set()
        by_line = sorted(suppressions, key=lambda suppression: suppression.covered_line)
        lines = [suppression.covered_line for suppression in by_line]
        for finding in findings:
            # Only the suppressions of the lines the finding spans can cover it.
            start = bisect.bisect_left(lines, finding.range.line)
            stop = bisect.bisect_right(lines, finding.range.end_line)
            covering = self._covering(by_line[start:stop], finding)
            if covering is None:
                kept.append(finding)
            else:
                used.add(id(covering))
        for suppression in suppressions:
            kept.extend(self._problems(suppression, id(suppression) in used))
        return kept

    def _covering(self, suppressions: list[Suppression], finding: Finding) -> Suppression | None:
        for suppression in suppressions:
            if (
                not suppression.readable
                or suppression.expired(self.today)
                or not suppression.covers(finding.range)
            ):
                continue
            names = (finding.rule, finding.name, finding.category)
            if any(selector_matches(s, *names) for s in suppression.selectors):
                return suppression
        return None

    def _report(
        self, spec: type[RuleSpec], suppression: Suppression, message: str, hint: str
    ) -> list[Finding]:
        if not is_enabled(spec.META, self.config, self.doc.path):
            return []
        return [_finding(self.doc, self.relpath, spec.META, Report(suppression.comment, message, hint))]

    def _problems(self, suppression: Suppression, used: bool) -> list[Finding]:
        selectors = suppression.selectors
        unknown = [s for s in selectors if not _matches_any(s, self.known, self._names_known)]
        if not suppression.readable:
            what = "no rule named" if not selectors else f"`until={suppression.until_text}` is not a date"
            return self._report(
                MalformedSuppression,
                suppression,
                f"suppression comment cannot be read: {what}",
                "write `agentguard: ignore[rule-name] until=YYYY-MM-DD -- reason`",
            )
        problems: list[Finding] = []
        for selector in unknown:
            problems += self._report(
                UnknownRuleInSuppression,
                suppression,
                f"suppression names unknown rule `{selector}`",
                "use a rule code or name from `agentguard rules`",
            )
        if self.config.require_reason and not suppression.reason:
            problems += self._report(
                SuppressionWithoutReason,
                suppression,
                "suppression has no reason",
                "add ` -- why this is safe` after the rule list",
            )
        if suppression.expired(self.today):
            problems += self._report(
                ExpiredSuppression,
                suppression,
                f"suppression expired on {suppression.until_text}; the finding it covered is reported again",
                "fix the finding, or renew the date with a new reason",
            )
        elif not used and not unknown and selectors and self._relevant(selectors):
            problems += self._report(
                UnusedSuppression,
                suppression,
                "suppression suppresses nothing on the line it covers",
                "delete the comment",
            )
        return problems

    def _relevant(self, selectors: tuple[str, ...]) -> bool:
        return any(_matches_any(s, self.ran, self._names_ran) for s in selectors)


def _matches_any(selector: str, rules: frozenset[tuple[str, str, str]], memo: dict[str, bool]) -> bool:
    """Whether `selector` picks one of `rules` (code, name, category), remembered in `memo`."""
    found = memo.get(selector)
    if found is None:
        found = memo[selector] = any(selector_matches(selector, *names) for names in rules)
    return found
