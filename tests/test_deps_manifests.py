"""The shared manifest parser: what each manifest declares, where, and which lock files pin it."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentguard.rules.deps.manifests import (
    Declared,
    declared_dependencies,
    lock_files_beside,
    manifest_kind,
    normalize_name,
)
from agentguard.rules.document import Document
from agentguard.rules.files import DiskFiles
from agentguard.rules.model import Range


def declared(path: str, text: str) -> list[tuple[str, str, str, str, str | None, int, int]]:
    return [
        (d.name, d.specifier, d.manifest, d.section, d.url, d.range.line, d.range.column)
        for d in declared_dependencies(Document(path, text))
    ]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("requirements.txt", "requirements"),
        ("app/requirements-dev.in", "requirements"),
        ("requirements/base.txt", "requirements"),
        ("constraints.txt", "requirements"),
        ("pyproject.toml", "pyproject"),
        ("Pipfile", "pipfile"),
        ("setup.cfg", "setup.cfg"),
        ("web/package.json", "package.json"),
        ("notes.txt", None),
        ("package-lock.json", None),
        ("setup.py", None),
    ],
)
def test_manifest_kind_is_decided_by_file_name(path: str, kind: str | None) -> None:
    assert manifest_kind(path) == kind


def test_normalize_name_follows_pep_503_for_pypi_and_lower_case_for_npm() -> None:
    assert normalize_name("Zope.Interface__x", "pypi") == "zope-interface-x"
    assert normalize_name("@Types/Node", "npm") == "@types/node"


def test_requirements_entries_with_their_positions() -> None:
    text = (
        "-r base.txt\n"
        "requests>=2.0  # comment\n"
        "Django[bcrypt] ~= 4.2 ; python_version >= '3.8'\n"
        "flask==3.0.3 \\\n    --hash=sha256:abc\n"
        "-e git+https://github.com/pallets/click.git@main#egg=click\n"
        "-e .\n"
    )
    assert declared("requirements.txt", text) == [
        ("requests", ">=2.0", "requirements", "requirements", None, 2, 1),
        ("Django", "~= 4.2", "requirements", "requirements", None, 3, 1),
        ("flask", "==3.0.3", "requirements", "requirements", None, 4, 1),
        (
            "click",
            "",
            "requirements",
            "requirements",
            "git+https://github.com/pallets/click.git@main#egg=click",
            6,
            4,
        ),
    ]


def test_pyproject_pep621_poetry_and_groups() -> None:
    text = (
        "[project]\n"
        'dependencies = [\n  "httpx[http2]>=0.27",  # client\n  "pydantic",\n]\n'
        "[project.optional-dependencies]\n"
        'dev = ["pytest==8.2.0"]\n'
        "[tool.poetry.dependencies]\n"
        'python = "^3.11"\n'
        '"zope.interface" = {version = "*"}\n'
        'lib = {git = "https://github.com/acme/lib.git", rev = "abc"}\n'
        "[dependency-groups]\n"
        'lint = ["ruff", {include-group = "dev"}]\n'
    )
    assert declared("pyproject.toml", text) == [
        ("httpx", ">=0.27", "pyproject", "dependencies", None, 3, 4),
        ("pydantic", "", "pyproject", "dependencies", None, 4, 4),
        ("pytest", "==8.2.0", "pyproject", "optional-dependencies.dev", None, 7, 9),
        ("zope.interface", "*", "poetry", "dependencies", None, 10, 2),
        ("lib", "", "poetry", "dependencies", "git+https://github.com/acme/lib.git@abc", 11, 1),
        ("ruff", "", "pyproject", "dependency-groups.lint", None, 13, 10),
    ]


def test_pipfile_and_setup_cfg() -> None:
    pipfile = '[packages]\nrequests = "*"\n[dev-packages]\npytest = {version = ">=8"}\n'
    assert declared("Pipfile", pipfile) == [
        ("requests", "*", "pipfile", "packages", None, 2, 1),
        ("pytest", ">=8", "pipfile", "dev-packages", None, 4, 1),
    ]
    setup_cfg = (
        "[options]\ninstall_requires =\n    click>=8\n    # note\n[options.extras_require]\ns3 = boto3\n"
    )
    assert declared("setup.cfg", setup_cfg) == [
        ("click", ">=8", "setup.cfg", "install_requires", None, 3, 5),
        ("boto3", "", "setup.cfg", "extras_require.s3", None, 6, 6),
    ]


def test_package_json_sections_and_references() -> None:
    text = (
        '{\n  "name": "x",\n  "dependencies": {\n    "express": "^4.19.2",\n'
        '    "ui": "workspace:*"\n  },\n  "peerDependencies": {"react": ">=18"}\n}\n'
    )
    assert declared("package.json", text) == [
        ("express", "^4.19.2", "package.json", "dependencies", None, 4, 6),
        ("ui", "workspace:*", "package.json", "dependencies", "workspace:*", 5, 6),
        ("react", ">=18", "package.json", "peerDependencies", None, 7, 25),
    ]


def test_the_range_covers_the_name() -> None:
    [dependency] = declared_dependencies(Document("requirements.txt", "  numpy>=1.26\n"))
    assert dependency == Declared(
        "numpy", "pypi", ">=1.26", Range(1, 3, 1, 8), "requirements", "requirements", None
    )


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("pyproject.toml", '[project]\ndependencies = ["requests"\n'),
        ("Pipfile", "[packages\nrequests = *"),
        ("package.json", '{"dependencies": {"express": "^4"'),
        ("package.json", "[1, 2]"),
        ("setup.cfg", "install_requires = x\n[options\n"),
        ("requirements.txt", "\0\x01 ===\n-r\n@@@\n"),
    ],
)
def test_broken_manifests_declare_nothing(path: str, text: str) -> None:
    assert declared_dependencies(Document(path, text)) == []


def test_lock_files_beside_the_manifest_and_at_a_workspace_root(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"private": true, "workspaces": ["packages/*"]}')
    (tmp_path / "yarn.lock").write_text("# yarn lockfile v1\n")
    member = tmp_path / "packages" / "web"
    member.mkdir(parents=True)
    (member / "package.json").write_text("{}")
    (member / "poetry.lock").write_text("")
    files = DiskFiles()
    assert lock_files_beside(member / "package.json", files, "npm") == [tmp_path / "yarn.lock"]
    assert lock_files_beside(member / "package.json", files, "pypi") == [member / "poetry.lock"]
    assert lock_files_beside(tmp_path / "package.json", files) == [tmp_path / "yarn.lock"]
