"""Score agentguard's sql-injection rule on the OWASP Benchmark for Python's SQL-injection cases.

    python bench/owasp_sqli.py /path/to/BenchmarkPython [--show]

The Benchmark is not part of this repository: check it out anywhere and pass its folder. Its
`expectedresults-*.csv` labels each test case (category `sqli`, real vulnerability true/false);
a case counts as flagged when a tool reports anything in `testcode/<case>.py`. Prints TP, FP,
TN, FN, the true- and false-positive rates and their difference (the Benchmark's score) for
agentguard and, when they are on PATH, for `ruff --select S608` and `bandit -t B608`.
`--show` lists the cases each tool gets wrong.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from agentguard.rules.config import Config
from agentguard.rules.engine import check_text


@dataclass(frozen=True)
class Score:
    """A confusion matrix over the labelled cases, with the cases it got wrong."""

    tp: int
    fp: int
    tn: int
    fn: int
    wrong: tuple[str, ...]

    @property
    def tpr(self) -> float:
        """True-positive rate (recall)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fpr(self) -> float:
        """False-positive rate."""
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def line(self, tool: str) -> str:
        """One aligned row of the results table."""
        return (
            f"{tool:<22} TP={self.tp:<3} FP={self.fp:<3} TN={self.tn:<3} FN={self.fn:<3} "
            f"TPR={self.tpr:.3f} FPR={self.fpr:.3f} TPR-FPR={self.tpr - self.fpr:.3f}"
        )


def expected_results(benchmark: Path) -> dict[str, bool]:
    """Case name -> real vulnerability, for the sqli category."""
    labels: dict[str, bool] = {}
    for table in sorted(benchmark.glob("expectedresults-*.csv")):
        with table.open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                if len(row) >= 3 and not row[0].startswith("#") and row[1].strip() == "sqli":
                    labels[row[0].strip()] = row[2].strip().lower() == "true"
    return labels


def score(labels: dict[str, bool], flagged: set[str]) -> Score:
    """Compare the flagged cases with the labels."""
    tp = sum(1 for case, real in labels.items() if real and case in flagged)
    fp = sum(1 for case, real in labels.items() if not real and case in flagged)
    fn = sum(1 for case, real in labels.items() if real and case not in flagged)
    tn = len(labels) - tp - fp - fn
    wrong = tuple(sorted(case for case, real in labels.items() if real != (case in flagged)))
    return Score(tp, fp, tn, fn, wrong)


def agentguard_flagged(files: Sequence[Path]) -> set[str]:
    """Cases where agentguard's sql-injection rule reports something (engine API, no cache)."""
    config = Config(root=Path.cwd(), select=("sql-injection",), require_reason=False)
    flagged: set[str] = set()
    for path in files:
        result = check_text(str(path), path.read_text(encoding="utf-8", errors="replace"), config)
        if result.errors:
            print(f"error in {path}: {result.errors}", file=sys.stderr)
        if any(finding.name == "sql-injection" for finding in result.findings):
            flagged.add(path.stem)
    return flagged


def ruff_flagged(files: Sequence[Path]) -> set[str] | None:
    """Cases where `ruff --select S608` reports something; None when ruff is not installed."""
    ruff = shutil.which("ruff")
    if ruff is None:
        return None
    command = [ruff, "check", "--isolated", "--no-cache", "--select", "S608", "--output-format", "json"]
    completed = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, check=False)
    return {Path(item["filename"]).stem for item in json.loads(completed.stdout or "[]")}


def bandit_flagged(files: Sequence[Path]) -> set[str] | None:
    """Cases where `bandit -t B608` reports something; None when bandit is not installed."""
    bandit = shutil.which("bandit")
    if bandit is None:
        return None
    command = [bandit, "-q", "-t", "B608", "-f", "json", *map(str, files)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    results = json.loads(completed.stdout or "{}").get("results", [])
    return {Path(item["filename"]).stem for item in results}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the score of each available tool on the Benchmark's sqli cases."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("benchmark", type=Path, help="a checkout of OWASP-Benchmark/BenchmarkPython")
    parser.add_argument("--show", action="store_true", help="list the cases each tool gets wrong")
    args = parser.parse_args(argv)
    labels = expected_results(args.benchmark)
    if not labels:
        print(f"no sqli cases in {args.benchmark}/expectedresults-*.csv", file=sys.stderr)
        return 2
    files = [args.benchmark / "testcode" / f"{case}.py" for case in sorted(labels)]
    missing = [path for path in files if not path.is_file()]
    if missing:
        print(f"missing test cases, e.g. {missing[0]}", file=sys.stderr)
        return 2
    real = sum(labels.values())
    print(f"{len(labels)} sqli cases ({real} real vulnerabilities, {len(labels) - real} safe)")
    tools: list[tuple[str, Callable[[Sequence[Path]], set[str] | None]]] = [
        ("agentguard AG201", agentguard_flagged),
        ("ruff S608", ruff_flagged),
        ("bandit B608", bandit_flagged),
    ]
    for name, run in tools:
        flagged = run(files)
        if flagged is None:
            print(f"{name:<22} not installed")
            continue
        result = score(labels, flagged)
        print(result.line(name))
        if args.show and result.wrong:
            print("    wrong: " + ", ".join(result.wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
