"""`agentguard baseline` (write or prune the baseline file) and `check --baseline FILE` (report
only what the baseline does not cover)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from agentguard.hooks.runner import FileChecker, RunResult, Selection, run_paths
from agentguard.rules.baseline import (
    Baseline,
    BaselineError,
    dumps,
    from_findings,
    loads,
    new_findings,
    pruned,
)


def load(path: Path) -> Baseline:
    """Read a baseline file; raises BaselineError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file not found (create it with `agentguard baseline`)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {error}") from None
    try:
        return loads(text)
    except BaselineError as error:
        raise BaselineError(f"{path}: {error}") from None


def without_baselined(result: RunResult, baseline: Baseline, selection: Selection) -> RunResult:
    """The run's result with baselined findings removed and the failing state recomputed."""
    kept = new_findings(baseline, result.findings)
    checker = FileChecker(selection)
    failing = any(f.severity >= checker.config_for(Path(f.path)).fail_on for f in kept)
    return RunResult(kept, result.errors, result.notices, failing, result.files)


def _write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and a rename, so an interrupted run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_baseline(args: argparse.Namespace, selection: Selection) -> int:
    """Check the paths and write (or prune) the baseline file; 0 on success, 2 on errors."""
    output: Path = args.output
    try:
        previous = load(output) if args.prune else None
    except BaselineError as error:
        print(f"agentguard: {error}", file=sys.stderr)
        return 2
    result = run_paths(args.paths or [Path()], selection)
    if result.errors:
        for problem in result.errors:
            print(f"agentguard: error: {problem}", file=sys.stderr)
        print(f"agentguard: {output} not written: the check had errors", file=sys.stderr)
        return 2
    if previous is not None:
        baseline = pruned(previous, result.findings)
    else:
        base = output.absolute().parent
        shown = {
            f.path: Path(os.path.relpath(Path(f.path).absolute(), base)).as_posix() for f in result.findings
        }
        baseline = from_findings(result.findings, shown)
    _write_atomically(output, dumps(baseline))
    total = sum(entry.count for entry in baseline.entries)
    noun = "finding" if total == 1 else "findings"
    print(
        f"agentguard: {output}: {total} {noun} accepted ({len(baseline.entries)} distinct)", file=sys.stderr
    )
    return 0
