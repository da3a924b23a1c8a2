"""`agentguard baseline` and `check --baseline`: today's findings are accepted, identity is content
not position, duplicates are counted, stale entries can be pruned, the file never churns."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_agentguard

BASELINE = ".agentguard-baseline.json"
APP = """import os

# Two findings accepted today.
SECRET_KEY = "legacy-secret-key-123"
DB_PASSWORD = "legacy-db-pass-456"


def connect():
    return os.environ["DATABASE_URL"]
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_baseline(root: Path, *extra: str) -> str:
    run = run_agentguard("baseline", *extra, cwd=root)
    assert run.returncode == 0, run.stderr
    return (root / BASELINE).read_text(encoding="utf-8")


def new_findings(root: Path, *paths: str) -> list[dict[str, object]]:
    run = run_agentguard("check", *(paths or (".",)), "--baseline", BASELINE, "--format", "json", cwd=root)
    assert run.returncode in (0, 1), run.stderr
    findings: list[dict[str, object]] = run.json()["findings"]
    assert (run.returncode == 1) == bool(findings)
    return findings


def test_baseline_silences_todays_findings(project: Path) -> None:
    write(project / "app" / "settings.py", APP)
    assert run_agentguard("check", ".", cwd=project).returncode == 1
    make_baseline(project)
    assert new_findings(project) == []


def test_the_file_is_sorted_deterministic_and_reviewable(project: Path) -> None:
    write(project / "app" / "settings.py", APP)
    write(project / ".env", "API_TOKEN=tok_0a1b2c3d4e5f6789\n")
    text = make_baseline(project)
    document = json.loads(text)
    assert text.endswith("}\n")
    assert document["version"] == 1
    entries = document["findings"]
    assert [set(entry) for entry in entries] == [{"fingerprint", "rule", "name", "path", "count"}] * 3
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    assert {entry["path"] for entry in entries} == {".env", "app/settings.py"}
    assert make_baseline(project) == text


def test_inserting_lines_and_reformatting_elsewhere_changes_nothing(project: Path) -> None:
    settings = project / "app" / "settings.py"
    write(settings, APP)
    before = make_baseline(project)
    shifted = '"""Settings."""\n\nimport logging\n\nLOG = logging.getLogger(__name__)\n\n\n' + APP.replace(
        "def connect():\n    return", "def connect( ):\n\n\n    return"
    )
    write(settings, shifted)
    assert new_findings(project) == []
    assert make_baseline(project) == before


def test_a_new_copy_of_an_accepted_secret_is_reported(project: Path) -> None:
    settings = project / "app" / "settings.py"
    write(settings, APP)
    make_baseline(project)
    write(settings, APP + '\nSECRET_KEY = "legacy-secret-key-123"\n')
    findings = new_findings(project)
    assert [(f["rule"], f["line"]) for f in findings] == [("AG303", 11)]


def test_a_changed_secret_is_new(project: Path) -> None:
    settings = project / "app" / "settings.py"
    write(settings, APP)
    make_baseline(project)
    write(settings, APP.replace("legacy-db-pass-456", "rotated-but-still-inline-789"))
    assert [f["line"] for f in new_findings(project)] == [5]


def test_findings_in_other_files_are_reported(project: Path) -> None:
    write(project / "app" / "settings.py", APP)
    make_baseline(project)
    write(project / "app" / "worker.py", 'BROKER_PASSWORD = "worker-pass-321"\n')
    findings = new_findings(project)
    assert [(f["path"], f["rule"]) for f in findings] == [("app/worker.py", "AG303")]
    assert new_findings(project, "app/settings.py") == []


def test_prune_drops_what_is_gone_and_adds_nothing(project: Path) -> None:
    settings = project / "app" / "settings.py"
    write(settings, APP)
    make_baseline(project)
    write(
        settings,
        APP.replace('DB_PASSWORD = "legacy-db-pass-456"\n', "") + 'NEW_TOKEN = "tok_new_9f8e7d6c5b"\n',
    )
    entries = json.loads(make_baseline(project, "--prune"))["findings"]
    assert len(entries) == 1
    assert [f["line"] for f in new_findings(project)] == [9]


def test_prune_lowers_counts_of_duplicates(project: Path) -> None:
    settings = project / "app" / "settings.py"
    write(settings, APP + APP)
    first = json.loads(make_baseline(project))["findings"]
    assert sorted(entry["count"] for entry in first) == [2, 2]
    write(settings, APP)
    pruned = json.loads(make_baseline(project, "--prune"))["findings"]
    assert sorted(entry["count"] for entry in pruned) == [1, 1]


def test_output_option_writes_elsewhere(project: Path) -> None:
    write(project / "app" / "settings.py", APP)
    assert run_agentguard("baseline", "app", "--output", "ci/accepted.json", cwd=project).returncode == 0
    entries = json.loads((project / "ci" / "accepted.json").read_text(encoding="utf-8"))["findings"]
    assert {entry["path"] for entry in entries} == {"../app/settings.py"}
    check = run_agentguard("check", "app", "--baseline", "ci/accepted.json", cwd=project)
    assert check.returncode == 0, check.stdout


def test_missing_or_corrupt_baseline_is_a_clear_error(project: Path) -> None:
    write(project / "app" / "settings.py", APP)
    missing = run_agentguard("check", ".", "--baseline", "nope.json", cwd=project)
    assert missing.returncode == 2
    assert "nope.json: baseline file not found" in missing.stderr
    for corrupt in (
        "{not json",
        '{"version": 99, "findings": []}',
        '{"version": 1, "findings": [{"count": 0}]}',
    ):
        write(project / BASELINE, corrupt)
        run = run_agentguard("check", ".", "--baseline", BASELINE, cwd=project)
        assert run.returncode == 2
        assert BASELINE in run.stderr
        assert "Traceback" not in run.stderr
    prune = run_agentguard("baseline", "--prune", "--output", "absent.json", cwd=project)
    assert prune.returncode == 2
    assert "absent.json: baseline file not found" in prune.stderr
