"""Configuration discovery, validation and effect, and suppression comments, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_agentguard
from test_cli import FLASK_APP


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("pyproject.toml", '[tool.agentguard]\nignore = ["permissive-cors"]\n'),
        ("agentguard.toml", 'ignore = ["permissive-cors"]\n'),
        (".agentguard.toml", 'ignore = ["AG101"]\n'),
    ],
)
def test_configuration_files_are_found_walking_up(project: Path, name: str, body: str) -> None:
    write(project / "pkg" / "deep" / "app.py", FLASK_APP)
    write(project / name, body)
    assert run_agentguard("check", "pkg", cwd=project).returncode == 0


def test_nearest_configuration_wins(project: Path) -> None:
    write(project / "agentguard.toml", 'ignore = ["permissive-cors"]\n')
    write(project / "service" / "agentguard.toml", 'fail-on = "medium"\n')
    write(project / "service" / "app.py", FLASK_APP)
    write(project / "other" / "app.py", FLASK_APP)
    run = run_agentguard("check", ".", "--format", "json", cwd=project)
    assert [f["path"] for f in run.json()["findings"]] == ["service/app.py"]


def test_pyproject_without_an_agentguard_table_is_not_a_configuration(project: Path) -> None:
    write(project / "agentguard.toml", 'ignore = ["permissive-cors"]\n')
    write(
        project / "app" / "pyproject.toml",
        "[project]\nname = 'x'\ndependencies = ['flask==3.1.3', 'flask-cors==6.0.2']\n",
    )
    write(project / "app" / "main.py", FLASK_APP)
    assert run_agentguard("check", "app", cwd=project).returncode == 0


def test_per_file_ignores_and_exclude(project: Path) -> None:
    write(
        project / "pyproject.toml",
        '[tool.agentguard]\nexclude = ["legacy/**"]\n[tool.agentguard.per-file-ignores]\n"demo_*.py" = ["permissive-cors"]\n',
    )
    write(project / "legacy" / "app.py", FLASK_APP)
    write(project / "examples" / "demo_app.py", FLASK_APP)
    write(project / "app.py", FLASK_APP)
    run = run_agentguard("check", ".", "--format", "json", cwd=project)
    assert [f["path"] for f in run.json()["findings"]] == ["app.py"]
    # Files passed explicitly (as pre-commit does) are excluded too.
    assert run_agentguard("check", "legacy/app.py", cwd=project).returncode == 0


def test_fail_on_from_configuration(project: Path) -> None:
    write(project / "agentguard.toml", 'fail-on = "high"\n')
    write(project / "app.py", FLASK_APP)
    run = run_agentguard("check", "app.py", cwd=project)
    assert run.returncode == 0
    assert "AG101" in run.stdout


def test_family_option_trusted_origins(project: Path) -> None:
    write(project / "agentguard.toml", '[cors]\ntrusted-origins = ["https://*.example.com"]\n')
    write(project / "app.py", FLASK_APP.replace("CORS(app)", 'CORS(app, origins="https://*.example.com")'))
    assert run_agentguard("check", "app.py", cwd=project).returncode == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("selec = []\n", "unknown key `selec`; accepted keys:"),
        ('fail-on = "severe"\n', "bad value for `fail-on`: expected one of low, medium, high, critical"),
        ('select = ["permisive-cors"]\n', "unknown rule `permisive-cors`"),
        ("select = 3\n", "bad value for `select`: expected an array of strings"),
        ("[cors]\ntrusted = []\n", "unknown key `cors.trusted`; accepted keys: trusted-origins"),
        (
            '[cors]\ntrusted-origins = "x"\n',
            "bad value for `cors.trusted-origins`: expected an array of strings",
        ),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_an_error_naming_file_key_and_accepted_values(
    project: Path, body: str, expected: str
) -> None:
    config = write(project / "agentguard.toml", body)
    write(project / "app.py", FLASK_APP)
    run = run_agentguard("check", "app.py", cwd=project)
    assert run.returncode == 2
    assert str(config) in run.stdout
    assert expected in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_bad_pyproject_key_names_the_full_key(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.agentguard]\nfail_on = 'high'\n")
    write(project / "app.py", FLASK_APP)
    run = run_agentguard("check", "app.py", cwd=project)
    assert run.returncode == 2
    assert "unknown key `tool.agentguard.fail_on`" in run.stdout


def test_missing_explicit_configuration_file(project: Path) -> None:
    write(project / "app.py", FLASK_APP)
    run = run_agentguard("check", "app.py", "--config", "nope.toml", cwd=project)
    assert run.returncode == 2
    assert "nope.toml: configuration file not found" in run.stderr


def codes(project: Path, source: str) -> list[tuple[int, str]]:
    write(project / "app.py", source)
    run = run_agentguard("check", "app.py", "--format", "json", cwd=project)
    return [(f["line"], f["rule"]) for f in run.json()["findings"]]


def test_suppression_with_reason_on_the_line_and_on_the_line_before(project: Path) -> None:
    trailing = FLASK_APP.replace(
        "CORS(app)", "CORS(app)  # agentguard: ignore[permissive-cors] -- public read-only API"
    )
    assert codes(project, trailing) == []
    alone = FLASK_APP.replace("CORS(app)", "# agentguard: ignore[AG101] -- public read-only API\nCORS(app)")
    assert codes(project, alone) == []


def test_suppression_without_reason_is_reported_but_still_suppresses(project: Path) -> None:
    source = FLASK_APP.replace("CORS(app)", "CORS(app)  # agentguard: ignore[permissive-cors]")
    assert codes(project, source) == [(5, "AG001")]
    write(project / "agentguard.toml", "require-reason = false\n")
    assert codes(project, source) == []


def test_expired_suppression_reports_itself_and_the_finding_again(project: Path) -> None:
    source = FLASK_APP.replace(
        "CORS(app)", "CORS(app)  # agentguard: ignore[permissive-cors] until=2020-01-31 -- demo week"
    )
    assert codes(project, source) == [(5, "AG101"), (5, "AG002")]
    future = source.replace("2020-01-31", "2999-01-31")
    assert codes(project, future) == []


def test_unused_unknown_and_malformed_suppressions(project: Path) -> None:
    source = FLASK_APP + (
        "x = 1  # agentguard: ignore[permissive-cors] -- stale\n"
        "y = 2  # agentguard: ignore[permisive-cors] -- typo\n"
        "z = 3  # agentguard: ignore[] -- empty\n"
        "w = 4  # agentguard: ignore[AG101] until=soon -- bad date\n"
    )
    assert codes(project, source) == [(5, "AG101"), (6, "AG003"), (7, "AG004"), (8, "AG005"), (9, "AG005")]


def test_suppression_text_inside_a_string_is_not_a_suppression(project: Path) -> None:
    source = FLASK_APP.replace("CORS(app)", 'CORS(app); note = "# agentguard: ignore[permissive-cors] -- no"')
    assert codes(project, source) == [(5, "AG101")]


def test_suppressions_of_rules_not_selected_are_not_unused(project: Path) -> None:
    write(project / "app.py", "x = 1  # agentguard: ignore[sql-injection] -- constant\n")
    run = run_agentguard("check", "app.py", "--select", "permissive-cors", cwd=project)
    assert run.returncode == 0, run.stdout
