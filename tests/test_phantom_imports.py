"""Undeclared imports and unknown names where fixtures cannot reach: the distributions installed
where agentguard runs, unsaved manifests in the editor, files with no manifest, workspaces."""

from __future__ import annotations

from pathlib import Path

from conftest import run_agentguard

from agentguard.lsp.analysis import OverlayFiles
from agentguard.rules.config import Config
from agentguard.rules.engine import check_text


def _rules(project: Path, *paths: str) -> set[tuple[str, int, str]]:
    run = run_agentguard("check", *paths, "--select", "unknown-dependency", "--format", "json", cwd=project)
    assert not run.json()["errors"], run.stderr
    return {(Path(f["path"]).name, f["line"], f["rule"]) for f in run.json()["findings"]}


def test_installed_metadata_maps_import_names_the_bundled_map_does_not_know(project: Path) -> None:
    # `cattr` is provided by cattrs, `_pytest` by pytest: only the installed metadata says so
    # (both are installed wherever the tests run: pytest runs them, the language server needs cattrs).
    (project / "requirements.txt").write_text("cattrs==23.2.3\npytest==8.3.0\n")
    (project / "app.py").write_text("import cattr\nimport _pytest\n")
    assert _rules(project, ".") == set()
    (project / "requirements.txt").write_text("pytest==8.3.0\n")
    assert _rules(project, ".") == {("app.py", 1, "AG505")}


def test_an_installed_distribution_is_known_even_when_it_is_not_popular(project: Path) -> None:
    # agentguard itself is installed here but far from the popular index.
    (project / "requirements.txt").write_text("agentguard==0.1.0\nagentguard-not-installed==0.1.0\n")
    assert _rules(project, ".") == {("requirements.txt", 2, "AG502")}


def test_a_file_with_no_manifest_above_it_has_no_import_check(project: Path) -> None:
    (project / "script.py").write_text("import numpy\nimport reqeusts\n")
    (project / "tool.js").write_text('const chalk = require("chalk");\n')
    assert _rules(project, ".") == set()


def test_a_manifest_pyproject_without_dependency_tables_is_not_a_manifest(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    (project / "app.py").write_text("import numpy\n")
    assert _rules(project, ".") == set()


def test_a_dynamic_dependency_list_nobody_can_read_turns_the_check_off(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\ndynamic = ["dependencies"]\n'
    )
    (project / "app.py").write_text("import numpy\n")
    assert _rules(project, ".") == set()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\ndynamic = ["dependencies"]\n\n'
        '[tool.setuptools.dynamic]\ndependencies = { file = ["requirements.in"] }\n'
    )
    (project / "requirements.in").write_text("numpy\n")
    (project / "app.py").write_text("import numpy\nimport pandas\n")
    assert _rules(project, "app.py") == {("app.py", 2, "AG505")}


def test_an_unsaved_manifest_in_the_editor_is_what_counts(project: Path) -> None:
    (project / "requirements.txt").write_text("flask==3.0.3\n")
    app = project / "app.py"
    text = "import flask\nimport httpx\n"
    app.write_text(text)
    config = Config(root=project)
    on_disk = check_text(str(app), text, config)
    assert {(f.range.line, f.rule) for f in on_disk.findings} == {(2, "AG505")}
    edited = OverlayFiles({(project / "requirements.txt").absolute(): "flask==3.0.3\nhttpx==0.27.0\n"})
    in_editor = check_text(str(app), text, config, files=edited)
    assert in_editor.findings == ()


def test_workspace_members_and_root_dependencies_count_as_declared(project: Path) -> None:
    (project / "package.json").write_text(
        '{"private": true, "workspaces": ["packages/*"], "devDependencies": {"vitest": "1.6.0"}}'
    )
    for name in ("core", "app"):
        (project / "packages" / name / "src").mkdir(parents=True)
    (project / "packages" / "core" / "package.json").write_text('{"name": "@acme/core", "version": "1.0.0"}')
    (project / "packages" / "app" / "package.json").write_text('{"name": "@acme/app", "dependencies": {}}')
    (project / "packages" / "app" / "src" / "main.ts").write_text(
        'import { core } from "@acme/core";\nimport { it } from "vitest";\nimport kleur from "kleur";\n'
    )
    assert _rules(project, ".") == {("main.ts", 3, "AG505")}


def test_unparsable_manifests_and_sources_never_crash(project: Path) -> None:
    (project / "package.json").write_text('{"dependencies": {"express": ')
    (project / "pyproject.toml").write_text("[project\nname = ")
    (project / "index.js").write_text('import x from "express\n')
    (project / "app.py").write_text("from . import (\n")
    run = run_agentguard("check", ".", "--select", "unknown-dependency", cwd=project)
    assert run.returncode in (0, 1), run.stdout + run.stderr
