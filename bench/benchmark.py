"""Benchmark agentguard on real code, beside the tools it replaces when they are installed.

    python bench/benchmark.py [--realcode DIR] [--runs N]

Without --realcode, the real-code set (Django, Flask, FastAPI, requests, SQLAlchemy, Starlette,
httpx, express, knex, sequelize, mysql2, pg, koa, fastify, gin, echo, sqlx, rs/cors) is
downloaded into bench/realcode with ../shared/realcode/fetch.sh (from the package registries).
Reports medians over N runs of: a full scan (wall time, lines per second, peak memory of the
largest process, findings) and a one-file check, for agentguard, `ruff --select S`, bandit and
detect-secrets when they are on PATH; then agentguard's one-file check (the pre-commit case) of
a one-line file and of large files in each language. Times are medians because the machines here
are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
SOURCE_SUFFIXES = {".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".go", ".java"}


@dataclass(frozen=True)
class Sample:
    """One timed process: wall seconds and peak resident memory in MiB."""

    seconds: float
    peak_mib: float
    stdout: str


def timed(command: Sequence[str], cwd: Path) -> Sample:
    """Run a command, measuring wall time and the peak RSS of the largest process it waited for."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdout = process.stdout.read() if process.stdout else b""
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0  # reaped by wait4 above; tell Popen not to wait again
    return Sample(elapsed, usage.ru_maxrss / 1024, stdout.decode("utf-8", "replace"))


def median_of(command: Sequence[str], cwd: Path, runs: int) -> tuple[float, float, str]:
    """Median wall time, median peak memory, and the output of the last run."""
    samples = [timed(command, cwd) for _ in range(runs)]
    return (
        statistics.median(s.seconds for s in samples),
        statistics.median(s.peak_mib for s in samples),
        samples[-1].stdout,
    )


def count_lines(root: Path) -> int:
    """Lines of source code (the languages every tool here reads) under root."""
    total = 0
    for path in root.rglob("*"):
        if path.suffix in SOURCE_SUFFIXES and path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for _ in handle)
    return total


def ensure_realcode(requested: Path | None) -> Path:
    """The real-code folder, downloading it on first use."""
    if requested is not None:
        return requested
    target = HERE / "realcode"
    fetch = HERE.parent.parent / "shared" / "realcode" / "fetch.sh"
    if not (target / "py-django").exists():
        if not fetch.exists():
            sys.exit(f"no --realcode given and {fetch} not found")
        subprocess.run(["bash", str(fetch), str(target)], check=True)
    return target


def agentguard_findings(output: str) -> int:
    """Number of findings in agentguard's JSON output."""
    return len(json.loads(output)["findings"]) if output.strip() else 0


def tools(root: Path) -> list[tuple[str, list[str], list[str]]]:
    """(name, full-scan command, one-file command) for each tool on PATH."""
    one_file = str(root / "py-django" / "django" / "db" / "models" / "query.py")
    agentguard = str(Path(sys.executable).with_name("agentguard"))
    found = [
        (
            "agentguard",
            [agentguard, "check", str(root), "--format", "json", "--exit-zero"],
            [agentguard, "check", one_file, "--format", "json", "--exit-zero"],
        )
    ]
    if shutil.which("ruff"):
        base = ["ruff", "check", "--no-cache", "--select", "S", "--exit-zero", "--quiet"]
        found.append(("ruff --select S", [*base, str(root)], [*base, one_file]))
    if shutil.which("bandit"):
        found.append(("bandit", ["bandit", "-r", "-q", str(root)], ["bandit", "-q", one_file]))
    if shutil.which("detect-secrets"):
        found.append(
            (
                "detect-secrets",
                ["detect-secrets", "scan", "--all-files", str(root)],
                ["detect-secrets", "scan", one_file],
            )
        )
    return found


# Large, ordinary files of the real-code set, one or two per language (paths under its root).
ONE_FILE_SAMPLES = (
    "py-django/django/db/models/query.py",
    "py-django/django/db/models/sql/query.py",
    "py-flask/flask/app.py",
    "js-express/lib/response.js",
    "js-fastify/fastify.js",
    "js-knex/types/index.d.ts",
    "go-golang-github-gin-gonic-gin-dev/github.com/gin-gonic/gin/context.go",
)


def one_file_table(root: Path, runs: int) -> None:
    """agentguard's one-file check of a one-line file and of each sample, as a Markdown table."""
    agentguard = str(Path(sys.executable).with_name("agentguard"))
    print("\n| one-file check (agentguard) | lines | median |")
    print("|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        trivial = Path(directory) / "x.py"
        trivial.write_text("x = 1\n")
        for path in [trivial, *(root / sample for sample in ONE_FILE_SAMPLES if (root / sample).exists())]:
            seconds, _, _ = median_of([agentguard, "check", str(path), "--exit-zero"], root, runs)
            shown = "`x = 1`" if path == trivial else f"`{path.relative_to(root)}`"
            lines = len(path.read_bytes().splitlines())
            print(f"| {shown} | {lines:,} | {seconds * 1000:.0f} ms |", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--realcode", type=Path, help="folder with the real-code set (default: download it)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median reported)")
    parser.add_argument("--only", help="comma-separated tool names to run (default: all installed)")
    args = parser.parse_args(argv)
    root = ensure_realcode(args.realcode).absolute()
    lines = count_lines(root)
    print(f"real code: {root} ({lines:,} lines of source), {args.runs} runs each, {os.cpu_count()} CPUs\n")
    print("| tool | full scan | lines/s | peak memory | one file | findings |")
    print("|---|---|---|---|---|---|")
    selected = set(args.only.split(",")) if args.only else None
    for name, full, single in tools(root):
        if selected and name not in selected:
            continue
        seconds, peak, output = median_of(full, root, args.runs)
        one_seconds, _, _ = median_of(single, root, args.runs)
        findings = str(agentguard_findings(output)) if name == "agentguard" else "-"
        print(
            f"| {name} | {seconds:.2f} s | {lines / seconds:,.0f} | {peak:.0f} MiB | "
            f"{one_seconds * 1000:.0f} ms | {findings} |",
            flush=True,
        )
    if selected is None or "agentguard" in selected:
        one_file_table(root, max(args.runs, 9))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
