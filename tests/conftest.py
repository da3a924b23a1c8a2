"""Shared test helpers: run the installed `agentguard` command in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

AGENTGUARD = str(Path(sys.executable).with_name("agentguard"))


@dataclass(frozen=True)
class Run:
    """A finished `agentguard` process."""

    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """Standard output parsed as JSON."""
        return json.loads(self.stdout)


def run_agentguard(
    *args: str | Path, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> Run:
    """Run the installed console script with `args` in `cwd`."""
    process = subprocess.run(
        [AGENTGUARD, *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    return Run(
        process.returncode,
        process.stdout.decode("utf-8", "replace"),
        process.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project directory; its `.git` marker makes it the root fingerprints are relative to."""
    (tmp_path / ".git").mkdir()
    return tmp_path
