"""The installed distribution: one `agentguard` namespace, its data files, the console script."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

import agentguard.rules.engine

SITE = Path(agentguard.rules.engine.__file__).parents[2]


def _installed_distribution() -> importlib.metadata.Distribution | None:
    """The distribution beside the imported package (None for an editable install, whose code
    lives in the checkout)."""
    return next(iter(importlib.metadata.distributions(name="agentguard", path=[str(SITE)])), None)


@pytest.mark.skipif(_installed_distribution() is None, reason="editable install; CI tests the built wheel")
def test_wheel_installs_only_under_the_agentguard_namespace() -> None:
    distribution = _installed_distribution()
    assert distribution is not None
    files = [f for f in distribution.files or [] if not f.parts[0].endswith(".dist-info")]
    assert {f.parts[0] for f in files if f.parts[0] != ".."} == {"agentguard"}
    names = {f.as_posix() for f in files}
    for expected in (
        "agentguard/rules/engine.py",
        "agentguard/hooks/main.py",
        "agentguard/lsp/server.py",
        "agentguard/rules/py.typed",
    ):
        assert expected in names


def test_entry_point_and_module_entry_agree() -> None:
    script = importlib.metadata.entry_points(group="console_scripts")["agentguard"]
    assert script.value == "agentguard.hooks.main:main"
    version = subprocess.run(
        [sys.executable, "-m", "agentguard.hooks", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("agentguard ")


def test_checking_one_file_does_not_import_the_server_or_slow_libraries() -> None:
    probe = (
        "import sys\n"
        "from agentguard.hooks.main import main\n"
        "main(['check', '--stdin-filename', 'x.py'])\n"
        "loaded = [m for m in ('pygls', 'lsprotocol', 'libcst', 'detect_secrets') if m in sys.modules]\n"
        "print('LOADED=' + ','.join(loaded))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], input="x = 1\n", capture_output=True, text=True, check=True
    )
    assert run.stdout.splitlines()[-1] == "LOADED="
