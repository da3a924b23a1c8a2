"""The annotated-fixture contract: every fixture's reported lines are exactly its `expect:` lines.

A comment `expect: AG101` (several codes comma-separated) on the line before a line means that
line must be reported by that rule; `ok: AG101` means it must not. Annotations stack: they apply
to the next line that is not itself an annotation. Files without comments (JSON) carry the same
annotations in a sidecar `NAME.annotations` file, one `LINE expect: CODE` or `LINE ok: CODE` per
line. A fixture directory may hold an `agentguard.toml` that applies to the fixtures under it.
Each fixture is checked under its path relative to tests/fixtures, from that directory.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from agentguard.rules.config import Config, load_config_file
from agentguard.rules.engine import check_text
from agentguard.rules.languages import detect_language
from agentguard.rules.registry import detectors

FIXTURES = Path(__file__).parent / "fixtures"
SIDECAR = ".annotations"
_ANNOTATION = re.compile(r"\b(expect|ok):\s*(AG\d{3}(?:\s*,\s*AG\d{3})*)")
_SIDECAR_LINE = re.compile(r"^\s*(\d+)\s+(expect|ok):\s*(AG\d{3}(?:\s*,\s*AG\d{3})*)\s*$")
# Fixtures are checked on a fixed day so that `until=` dates in them do not expire.
TODAY = datetime.date(2026, 6, 1)


def fixture_files() -> list[Path]:
    """Every fixture file (configuration files and sidecars excluded)."""
    return sorted(
        path
        for path in FIXTURES.rglob("*")
        if path.is_file()
        and not path.name.endswith(SIDECAR)
        and path.name not in {"agentguard.toml", "README.md"}
        and "__pycache__" not in path.parts
    )


def annotations(path: Path) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(expected, ok): sets of (line, code) that must and must not be reported."""
    expected: set[tuple[int, str]] = set()
    ok: set[tuple[int, str]] = set()
    sidecar = path.with_name(path.name + SIDECAR)
    if sidecar.exists():
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            match = _SIDECAR_LINE.match(line)
            if match:
                target = expected if match.group(2) == "expect" else ok
                target.update((int(match.group(1)), c.strip()) for c in match.group(3).split(","))
        return expected, ok
    pending: list[tuple[str, str]] = []
    lines = path.read_bytes().decode("utf-8", "replace").split("\n")
    for number, line in enumerate(lines, start=1):
        found = _ANNOTATION.findall(line)
        if found and _only_annotation(line):
            pending.extend((kind, code.strip()) for kind, codes in found for code in codes.split(","))
            continue
        for kind, code in pending:
            (expected if kind == "expect" else ok).add((number, code))
        pending = []
    return expected, ok


def _only_annotation(line: str) -> bool:
    stripped = _ANNOTATION.sub("", line).strip()
    return stripped.strip("#/*-;!<> ") == "" or stripped in {"<!--", "-->"}


def fixture_config(path: Path) -> Config:
    """The nearest agentguard.toml between the fixture and the fixtures root, or defaults."""
    for directory in (path.parent, *path.parent.parents):
        candidate = directory / "agentguard.toml"
        if candidate.is_file():
            return load_config_file(candidate)
        if directory == FIXTURES:
            break
    return Config(root=FIXTURES)


def check_fixture(path: Path) -> set[tuple[int, str]]:
    """The (line, code) pairs the engine reports for a fixture."""
    relative = path.relative_to(FIXTURES).as_posix()
    text = path.read_bytes().decode("utf-8", "replace")
    result = check_text(relative, text, fixture_config(path), today=TODAY)
    assert not result.errors, result.errors
    return {(f.range.line, f.rule) for f in result.findings}


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture_reports_exactly_the_expected_lines(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    expected, ok = annotations(path)
    assert expected or ok, f"{path} has no annotations"
    reported = check_fixture(path)
    missing = sorted(expected - reported)
    unexpected = sorted(reported - expected)
    assert not missing and not unexpected, f"missed {missing}; reported but not expected {unexpected}"
    assert not (ok & reported)


def test_every_rule_has_both_kinds_of_fixture_in_every_language_it_claims() -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for path in fixture_files():
        language = detect_language(path.name, path.read_bytes()[:200].decode("utf-8", "replace"))
        expected, ok = annotations(path)
        for kind, pairs in (("expect", expected), ("ok", ok)):
            for _, code in pairs:
                seen[(code, language, kind)] = seen.get((code, language, kind), 0) + 1
    missing = [
        f"{rule.META.code} {language} {kind}"
        for rule in detectors()
        for language in rule.META.languages
        if language != "*"
        for kind in ("expect", "ok")
        if (rule.META.code, language, kind) not in seen
    ]
    assert not missing, "rules without fixtures: " + ", ".join(missing)
