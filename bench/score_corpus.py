"""Score agentguard against the blind labelled corpus in bench/corpus, per category.

    python bench/score_corpus.py [--corpus DIR] [--agentguard PATH] [--json FILE]

Runs `agentguard check . --format json --exit-zero --config score.toml` inside the corpus (its
own configuration, which excludes nothing: the corpus's agentguard.toml hides it from the
project's own scans, and neither that nor the repository's excludes apply here), reads the labels,
and prints per category the true positives, false positives and false negatives, precision and
recall, then every false positive and false negative as `path:line category message`.

Labels (see bench/corpus/README.md): a comment `expect: CATEGORY[, CATEGORY]` alone on a line
marks the next non-label line as one that must be reported; `ok: CATEGORY` marks a look-alike
that must not be. Files without comments carry a sidecar `NAME.annotations` with lines
`LINE expect: CATEGORY` / `LINE ok: CATEGORY`. A finding matches a label of its category when
it starts anywhere in the labelled statement (the labelled line plus the lines its open
brackets or a following `.method()` chain continue onto) or when its range covers the labelled
line. Several findings on one label count once; a finding that matches no label is a false
positive, whether or not the line carries an `ok:` label.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
CATEGORIES = (
    "permissive-cors",
    "sql-injection",
    "hardcoded-secret",
    "unpinned-dependency",
    "unknown-dependency",
)
SCORE_CONFIG = "score.toml"
HIDING_CONFIG = "agentguard.toml"
SIDECAR = ".annotations"
# The corpus's own README and configurations sit at its root; an app's README is part of the app.
NOT_CHECKED = {"README.md", SCORE_CONFIG, HIDING_CONFIG}
_CATEGORY_LIST = r"[a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*"
_LABEL = re.compile(rf"\b(expect|ok):\s*({_CATEGORY_LIST})")
_SIDECAR_LINE = re.compile(rf"^\s*(\d+)\s+(expect|ok):\s*({_CATEGORY_LIST})\s*$")
_COMMENT_DEBRIS = "#/*-;!<> "
# How far a labelled statement may run on: long enough for a wrapped call, short enough that an
# unbalanced bracket in a string cannot swallow a whole file.
_MAX_STATEMENT_LINES = 40


@dataclass(frozen=True)
class Label:
    """One labelled line: `kind` is "expect" or "ok"; `last_line` ends the labelled statement."""

    path: str
    line: int
    last_line: int
    category: str
    kind: str


@dataclass(frozen=True)
class Finding:
    """One reported finding, reduced to what scoring needs."""

    path: str
    line: int
    end_line: int
    category: str
    rule: str
    message: str


@dataclass
class Score:
    """Per-category outcome: matched labels, unmatched findings and unmatched labels."""

    true_positives: list[Label] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)
    false_negatives: list[Label] = field(default_factory=list)

    @property
    def precision(self) -> float:
        reported = len(self.true_positives) + len(self.false_positives)
        return len(self.true_positives) / reported if reported else 1.0

    @property
    def recall(self) -> float:
        expected = len(self.true_positives) + len(self.false_negatives)
        return len(self.true_positives) / expected if expected else 1.0


def corpus_files(corpus: Path) -> list[Path]:
    """Every file of the corpus that agentguard is meant to check (sidecars and docs excluded)."""
    return sorted(
        path
        for path in corpus.rglob("*")
        if path.is_file()
        and not path.name.endswith(SIDECAR)
        and path.relative_to(corpus).as_posix() not in NOT_CHECKED
    )


def read_labels(corpus: Path) -> tuple[list[Label], list[str]]:
    """All labels of the corpus, and problems found while reading them (unknown categories)."""
    labels: list[Label] = []
    problems: list[str] = []
    for path in corpus_files(corpus):
        relative = path.relative_to(corpus).as_posix()
        lines = path.read_bytes().decode("utf-8", "replace").split("\n")
        sidecar = path.with_name(path.name + SIDECAR)
        pairs = _sidecar_labels(sidecar) if sidecar.exists() else _inline_labels(lines)
        for line, kind, category in pairs:
            if category not in CATEGORIES:
                problems.append(f"{relative}:{line}: unknown category {category!r}")
                continue
            labels.append(Label(relative, line, _statement_end(lines, line), category, kind))
    return labels, problems


def _sidecar_labels(sidecar: Path) -> Iterable[tuple[int, str, str]]:
    for text in sidecar.read_text(encoding="utf-8").splitlines():
        match = _SIDECAR_LINE.match(text)
        if match:
            for category in match.group(3).split(","):
                yield int(match.group(1)), match.group(2), category.strip()


def _inline_labels(lines: Sequence[str]) -> Iterable[tuple[int, str, str]]:
    pending: list[tuple[str, str]] = []
    for number, text in enumerate(lines, start=1):
        found = _LABEL.findall(text)
        if found and _LABEL.sub("", text).strip().strip(_COMMENT_DEBRIS) == "":
            pending.extend((kind, c.strip()) for kind, categories in found for c in categories.split(","))
            continue
        for kind, category in pending:
            yield number, kind, category
        pending = []


def _statement_end(lines: Sequence[str], line: int) -> int:
    """The last line of the statement that starts on `line` (1-based), by bracket depth and chains."""
    depth = 0
    last = line
    for number in range(line, min(len(lines), line + _MAX_STATEMENT_LINES) + 1):
        text = lines[number - 1]
        if number > line and depth <= 0 and not text.lstrip().startswith("."):
            break
        depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
        last = number
    return last


def agentguard_command(explicit: str | None) -> list[str]:
    """The agentguard executable: the one given, the one beside this Python, or the one on PATH."""
    if explicit:
        return [explicit]
    beside = Path(sys.executable).with_name("agentguard")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("agentguard")
    if found:
        return [found]
    return [sys.executable, "-m", "agentguard.hooks"]


def run_agentguard(command: list[str], corpus: Path) -> tuple[list[Finding], list[Finding], list[str]]:
    """(findings in the scored categories, findings in other categories, run errors)."""
    completed = subprocess.run(
        [*command, "check", ".", "--format", "json", "--exit-zero", "--config", SCORE_CONFIG],
        cwd=corpus,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"agentguard exited {completed.returncode}:\n{completed.stderr}")
    report = json.loads(completed.stdout)
    scored: list[Finding] = []
    other: list[Finding] = []
    for item in report["findings"]:
        finding = Finding(
            path=Path(item["path"]).as_posix().removeprefix("./"),
            line=item["line"],
            end_line=item.get("end_line", item["line"]),
            category=item["category"],
            rule=item["rule"],
            message=item["message"],
        )
        (scored if finding.category in CATEGORIES else other).append(finding)
    errors = [json.dumps(error) for error in report.get("errors", [])]
    return scored, other, errors


def matches(finding: Finding, label: Label) -> bool:
    """Whether a finding reports the labelled statement."""
    if finding.path != label.path or finding.category != label.category:
        return False
    return label.line <= finding.line <= label.last_line or finding.line <= label.line <= finding.end_line


def score(labels: list[Label], findings: list[Finding]) -> dict[str, Score]:
    """Per-category scores; findings on the same line and category count once."""
    scores = {category: Score() for category in CATEGORIES}
    expected = [label for label in labels if label.kind == "expect"]
    matched: set[Label] = set()
    seen: set[tuple[str, int, str]] = set()
    for finding in sorted(findings, key=lambda f: (f.path, f.line, f.category, f.rule)):
        hits = [label for label in expected if matches(finding, label)]
        matched.update(hits)
        key = (finding.path, finding.line, finding.category)
        if not hits and key not in seen:
            scores[finding.category].false_positives.append(finding)
        seen.add(key)
    for label in expected:
        target = scores[label.category]
        (target.true_positives if label in matched else target.false_negatives).append(label)
    return scores


def render(scores: dict[str, Score], labels: list[Label], other: list[Finding], errors: list[str]) -> str:
    """The report: a table, then every false positive and false negative by category."""
    look_alikes = {(label.path, label.line, label.category) for label in labels if label.kind == "ok"}
    rows = [f"{'category':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'ok-labels':>11}"]
    total = Score()
    for category, result in scores.items():
        oks = sum(1 for label in labels if label.kind == "ok" and label.category == category)
        rows.append(
            f"{category:<22}{len(result.true_positives):>5}{len(result.false_positives):>5}"
            f"{len(result.false_negatives):>5}{result.precision:>11.3f}{result.recall:>8.3f}{oks:>11}"
        )
        total.true_positives += result.true_positives
        total.false_positives += result.false_positives
        total.false_negatives += result.false_negatives
    rows.append(
        f"{'all':<22}{len(total.true_positives):>5}{len(total.false_positives):>5}"
        f"{len(total.false_negatives):>5}{total.precision:>11.3f}{total.recall:>8.3f}"
    )
    for category, result in scores.items():
        if result.false_positives:
            rows += ["", f"False positives, {category}:"]
            for f in result.false_positives:
                tag = " [ok-labelled look-alike]" if (f.path, f.line, f.category) in look_alikes else ""
                rows.append(f"  {f.path}:{f.line} {f.category} {f.rule} {f.message}{tag}")
        if result.false_negatives:
            rows += ["", f"False negatives, {category}:"]
            rows += [f"  {label.path}:{label.line} {label.category}" for label in result.false_negatives]
    if other:
        rows += ["", "Findings in other categories (not scored):"]
        rows += [f"  {f.path}:{f.line} {f.category} {f.rule} {f.message}" for f in other]
    if errors:
        rows += ["", "Errors reported by agentguard:"] + [f"  {error}" for error in errors]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--agentguard", help="the agentguard executable (default: beside this Python)")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    labels, problems = read_labels(corpus)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    findings, other, errors = run_agentguard(agentguard_command(args.agentguard), corpus)
    scores = score(labels, findings)
    print(render(scores, labels, other, errors))
    if args.json:
        summary = {
            category: {
                "tp": len(s.true_positives),
                "fp": len(s.false_positives),
                "fn": len(s.false_negatives),
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
            }
            for category, s in scores.items()
        }
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
