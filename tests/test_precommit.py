"""End to end through real pre-commit and real git: the hooks a user adds to their config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_cli import FLASK_APP, SAFE_FLASK_APP

ROOT = Path(__file__).parent.parent
PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def try_repo(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` installs this checkout (uncommitted changes included) like a user's
    `repo:` entry would, and runs one hook on the staged files."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), hook, "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_staged_cors_flaw_fails_the_hook_and_the_fixed_file_passes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "test")
    (repo / "app.py").write_text(FLASK_APP)
    (repo / "README.md").write_text("# demo\n")
    git(repo, "add", "app.py", "README.md")
    home = tmp_path / "pre-commit-home"

    failing = try_repo(repo, "agentguard-cors", home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "app.py:5:1: AG101 [permissive-cors]" in failing.stdout
    assert "fix:" in failing.stdout

    (repo / "app.py").write_text(SAFE_FLASK_APP)
    git(repo, "add", "app.py")
    passing = try_repo(repo, "agentguard", home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
