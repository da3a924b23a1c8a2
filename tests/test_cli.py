"""The command line end to end, through the installed console script in real subprocesses."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_agentguard

FLASK_APP = """\
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app)
"""
SAFE_FLASK_APP = """\
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins=["https://app.example.com"])
"""
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>AG\d{3}) \[(?P<category>[a-z-]+)\] .+$"
)


def test_version_and_help(project: Path) -> None:
    version = run_agentguard("--version", cwd=project)
    assert version.returncode == 0
    assert re.match(r"agentguard \d+\.\d+", version.stdout)
    assert run_agentguard(cwd=project).returncode == 2


def test_a_finding_fails_the_run_with_one_line_and_a_fix_hint(project: Path) -> None:
    (project / "app.py").write_text(FLASK_APP)
    run = run_agentguard("check", "app.py", cwd=project)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    match = TEXT_LINE.match(lines[0])
    assert match, lines[0]
    assert match.group("path", "line", "code", "category") == ("app.py", "5", "AG101", "permissive-cors")
    assert lines[1].startswith("    fix: ")
    assert lines[-1].startswith("agentguard: 1 finding")


def test_clean_file_passes(project: Path) -> None:
    (project / "app.py").write_text(SAFE_FLASK_APP)
    run = run_agentguard("check", "app.py", cwd=project)
    assert run.returncode == 0, run.stdout
    assert "no findings" in run.stdout


def test_no_path_checks_the_current_directory(project: Path) -> None:
    (project / "src").mkdir()
    (project / "src" / "app.py").write_text(FLASK_APP)
    run = run_agentguard("check", "--format", "json", cwd=project)
    assert [f["path"] for f in run.json()["findings"]] == ["src/app.py"]


def test_directory_walk_honours_gitignore_and_skips_vendored_trees(project: Path) -> None:
    for relative in ("app.py", "ignored/app.py", "node_modules/pkg/app.py", "venv2/app.py", "build/app.py"):
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FLASK_APP)
    (project / "venv2" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / ".gitignore").write_text("ignored/\n")
    run = run_agentguard("check", ".", "--format", "json", cwd=project)
    assert [f["path"] for f in run.json()["findings"]] == ["app.py"]


def test_select_and_ignore(project: Path) -> None:
    (project / "app.py").write_text(FLASK_APP)
    assert run_agentguard("check", "app.py", "--select", "sql-injection", cwd=project).returncode == 0
    assert run_agentguard("check", "app.py", "--ignore", "AG101", cwd=project).returncode == 0
    assert run_agentguard("check", "app.py", "--select", "AG1", cwd=project).returncode == 1
    assert run_agentguard("check", "app.py", "--select", "permissive-cors", cwd=project).returncode == 1


def test_unknown_rule_on_the_command_line_is_a_usage_error(project: Path) -> None:
    (project / "app.py").write_text(FLASK_APP)
    run = run_agentguard("check", "app.py", "--select", "permisive-cors", cwd=project)
    assert run.returncode == 2
    assert "unknown rule `permisive-cors`" in run.stderr


def test_stdin_filename_checks_text_from_standard_input(project: Path) -> None:
    run = run_agentguard(
        "check", "--stdin-filename", "api/app.py", "--format", "json", cwd=project, stdin=FLASK_APP.encode()
    )
    assert run.returncode == 1
    assert [(f["path"], f["line"]) for f in run.json()["findings"]] == [("api/app.py", 5)]


def test_fail_on_severity(project: Path) -> None:
    (project / "app.py").write_text(FLASK_APP)
    assert run_agentguard("check", "app.py", "--fail-on", "high", cwd=project).returncode == 0
    assert run_agentguard("check", "app.py", "--fail-on", "medium", cwd=project).returncode == 1


def test_rules_and_rule_documentation(project: Path) -> None:
    listing = run_agentguard("rules", cwd=project)
    assert listing.returncode == 0
    assert "AG101  permissive-cors" in listing.stdout
    rows = run_agentguard("rules", "--format", "json", cwd=project).json()
    assert {"AG001", "AG101", "AG201"} <= {row["code"] for row in rows}
    for name in ("permissive-cors", "AG101", "ag101"):
        shown = run_agentguard("rule", name, cwd=project)
        assert shown.returncode == 0
        assert "## Why is this bad?" in shown.stdout
    missing = run_agentguard("rule", "no-such-rule", cwd=project)
    assert missing.returncode == 2
    assert "no rule `no-such-rule`" in missing.stderr


def test_missing_path_is_an_error_but_other_files_are_still_checked(project: Path) -> None:
    (project / "app.py").write_text(FLASK_APP)
    run = run_agentguard("check", "app.py", "missing.py", "--format", "json", cwd=project)
    assert run.returncode == 2
    assert len(run.json()["findings"]) == 1
    assert "missing.py: no such file or directory" in run.json()["errors"][0]


def test_large_runs_use_worker_processes_with_the_same_results(project: Path) -> None:
    padding = "# " + "x" * 200 + "\n"
    for index in range(80):
        body = FLASK_APP if index % 10 == 0 else SAFE_FLASK_APP
        (project / f"app_{index:02d}.py").write_text(body + padding * 100)
    parallel = run_agentguard("check", ".", "--format", "json", cwd=project).json()
    serial = run_agentguard("check", ".", "--format", "json", "--jobs", "1", cwd=project).json()
    assert parallel == serial
    assert len(parallel["findings"]) == 8


def test_stdin_honours_exclude_like_a_file_at_that_path(project: Path) -> None:
    (project / "agentguard.toml").write_text('exclude = ["legacy/**"]\n')
    run = run_agentguard("check", "--stdin-filename", "legacy/app.py", cwd=project, stdin=FLASK_APP.encode())
    assert run.returncode == 0, run.stdout
