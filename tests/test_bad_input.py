"""Bad input gets a clear message and never a traceback: binary, invalid UTF-8, huge, broken code."""

from __future__ import annotations

from pathlib import Path

from conftest import run_agentguard
from test_cli import FLASK_APP


def assert_no_traceback(*outputs: str) -> None:
    for output in outputs:
        assert "Traceback" not in output


def test_binary_file_named_explicitly_is_skipped_with_a_note(project: Path) -> None:
    (project / "logo.py").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8)
    run = run_agentguard("check", "logo.py", cwd=project)
    assert run.returncode == 0
    assert "logo.py: skipped: binary file" in run.stdout
    assert_no_traceback(run.stdout, run.stderr)


def test_binary_files_found_in_a_walk_are_skipped_silently(project: Path) -> None:
    (project / "data.bin").write_bytes(b"\0\1\2" * 1000)
    (project / "image.png").write_bytes(b"\x89PNG\0")
    run = run_agentguard("check", ".", cwd=project)
    assert run.returncode == 0
    assert "note:" not in run.stdout


def test_invalid_utf8_is_checked_with_bad_bytes_replaced(project: Path) -> None:
    (project / "app.py").write_bytes(b"# caf\xe9 latin-1 comment\n" + FLASK_APP.encode())
    run = run_agentguard("check", "app.py", "--format", "json", cwd=project)
    assert run.returncode == 1
    assert [f["line"] for f in run.json()["findings"]] == [6]
    assert "not valid UTF-8" in run.json()["notices"][0]


def test_byte_order_mark_is_ignored(project: Path) -> None:
    (project / "app.py").write_bytes(b"\xef\xbb\xbf" + FLASK_APP.encode())
    run = run_agentguard("check", "app.py", "--format", "json", cwd=project)
    assert [(f["line"], f["column"]) for f in run.json()["findings"]] == [(5, 1)]


def test_ten_megabyte_file_is_skipped_with_a_clear_note(project: Path) -> None:
    (project / "bundle.js").write_text("var a = 1;\n" * 1_000_000)
    run = run_agentguard("check", "bundle.js", cwd=project)
    assert run.returncode == 0
    assert "bundle.js: skipped: 10.5 MiB is over max-file-size" in run.stdout
    assert_no_traceback(run.stdout, run.stderr)


def test_max_file_size_is_configurable(project: Path) -> None:
    (project / "agentguard.toml").write_text(f"max-file-size = {20 * 1024 * 1024}\n")
    (project / "big.py").write_text("x = 1\n" * 100_000 + FLASK_APP)
    run = run_agentguard("check", "big.py", "--format", "json", cwd=project)
    assert [f["line"] for f in run.json()["findings"]] == [100_005]


def test_syntax_errors_mid_edit_still_report_the_parts_that_parse(project: Path) -> None:
    broken = FLASK_APP + "\ndef half_written(:\n    return [1, 2,\n\nclass Also(\n"
    (project / "app.py").write_text(broken)
    run = run_agentguard("check", "app.py", "--format", "json", cwd=project)
    assert run.returncode == 1
    assert [f["line"] for f in run.json()["findings"]] == [5]


def test_deeply_nested_code_does_not_crash(project: Path) -> None:
    depth = 5000
    (project / "deep.py").write_text(FLASK_APP + "x = " + "[" * depth + "]" * depth + "\n")
    (project / "deep.js").write_text("const x = " + "(" * depth + "1" + ")" * depth + ";\n")
    run = run_agentguard("check", ".", "--format", "json", cwd=project)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.json()["errors"] == []
    assert_no_traceback(run.stdout, run.stderr)


def test_empty_and_whitespace_files(project: Path) -> None:
    (project / "empty.py").write_text("")
    (project / "blank.go").write_text("\n\n   \n")
    (project / "Dockerfile").write_text("")
    run = run_agentguard("check", ".", cwd=project)
    assert run.returncode == 0
    assert_no_traceback(run.stdout, run.stderr)


def test_unreadable_directory_entries_do_not_stop_the_run(project: Path) -> None:
    (project / "app.py").write_text(FLASK_APP)
    (project / "dangling.py").symlink_to(project / "nowhere.py")
    run = run_agentguard("check", ".", "--format", "json", cwd=project)
    assert run.returncode == 1
    assert len(run.json()["findings"]) == 1


def test_lone_surrogates_from_an_editor_keep_columns_and_do_not_crash(tmp_path: Path) -> None:
    from agentguard.rules.config import Config
    from agentguard.rules.engine import check_text

    text = FLASK_APP.replace("CORS(app)", "x = '\ud800'; CORS(app)")
    result = check_text(str(tmp_path / "app.py"), text, Config(root=tmp_path))
    assert not result.errors
    assert [(f.range.line, f.range.column) for f in result.findings] == [(5, 10)]
