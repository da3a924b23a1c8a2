"""Every output format: snapshots of a fixed project, the JSON contract, SARIF against its schema.

Set AGENTGUARD_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after an intended change, then review
the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import run_agentguard

DATA = Path(__file__).parent / "data"
SNAPSHOTS = Path(__file__).parent / "snapshots"
PROJECT_FILES = {
    "api/app.py": (
        "from flask import Flask\n"
        "from flask_cors import CORS\n\n"
        "app = Flask(__name__)\n"
        'CORS(app, origins="*", supports_credentials=True)\n'
    ),
    "web/server.js": (
        'const express = require("express");\n'
        'const cors = require("cors");\n'
        "const app = express();\n"
        "app.use(cors());\n"
    ),
    "safe.py": "print('hello, 世界')\n",
}
CONTRACT_FIELDS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "name",
    "category",
    "severity",
    "message",
    "cwe",
    "fingerprint",
}


@pytest.fixture
def sample(project: Path) -> Path:
    for relative, text in PROJECT_FILES.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project


def normalise(output: str) -> str:
    """Replace the version, which changes with every release."""
    return re.sub(r'("version": "|agentguard )\d+\.\d+\.\d+[^"\s]*', r"\g<1>VERSION", output)


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_output_matches_snapshot(sample: Path, output_format: str) -> None:
    run = run_agentguard("check", ".", "--format", output_format, cwd=sample)
    assert run.returncode == 1, run.stdout + run.stderr
    snapshot = SNAPSHOTS / f"check.{output_format}"
    actual = normalise(run.stdout)
    if os.environ.get("AGENTGUARD_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
    assert actual == snapshot.read_text(encoding="utf-8")


def test_json_findings_carry_the_contract_fields(sample: Path) -> None:
    document = run_agentguard("check", ".", "--format", "json", cwd=sample).json()
    assert set(document) >= {"version", "findings", "errors"}
    assert document["findings"]
    for finding in document["findings"]:
        assert set(finding) >= CONTRACT_FIELDS
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", finding["name"])
        assert all(re.fullmatch(r"CWE-\d+", cwe) for cwe in finding["cwe"])


def test_fingerprints_survive_unrelated_edits(sample: Path) -> None:
    before = run_agentguard("check", ".", "--format", "json", cwd=sample).json()["findings"]
    app = sample / "api" / "app.py"
    app.write_text(
        "# a new header comment\n\n"
        + app.read_text(encoding="utf-8").replace("Flask(__name__)", "Flask('api')")
    )
    after = run_agentguard("check", ".", "--format", "json", cwd=sample).json()["findings"]
    assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]
    assert [f["line"] for f in before] != [f["line"] for f in after]


def test_sarif_validates_against_the_schema(sample: Path) -> None:
    sarif = run_agentguard("check", ".", "--format", "sarif", cwd=sample).json()
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    run = sarif["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["agentguard/v1"]
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")


def test_sarif_with_errors_still_validates(sample: Path) -> None:
    (sample / "agentguard.toml").write_text("nonsense = 1\n")
    run = run_agentguard("check", ".", "--format", "sarif", cwd=sample)
    assert run.returncode == 2
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(run.json(), schema)
    assert run.json()["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_annotations_escape_their_properties(project: Path) -> None:
    weird = project / "we,ird:dir" / "app.py"
    weird.parent.mkdir()
    weird.write_text(PROJECT_FILES["api/app.py"], encoding="utf-8")
    lines = run_agentguard("check", ".", "--format", "github", cwd=project).stdout.splitlines()
    assert lines[0].startswith("::error file=we%2Cird%3Adir/app.py,line=5,")
