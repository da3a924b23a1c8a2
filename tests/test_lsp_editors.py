"""The editor set-ups in docs/editors.md work: Helix's TOML parses into the right server entry,
the Neovim Lua is valid Lua, Emacs really runs the server through Eglot with the documented
snippet and holds exactly the CLI's findings, and the VS Code extension's settings are the
server's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_session import AGENTGUARD, cli_findings

from agentguard.lsp.settings import parse_settings

ROOT = Path(__file__).parent.parent
EDITORS = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def snippets(language: str) -> list[str]:
    """The fenced code blocks of `language` in docs/editors.md."""
    return re.findall(rf"```{language}\n(.*?)```", EDITORS, re.S)


def test_helix_languages_toml_declares_the_server_for_each_language() -> None:
    (helix,) = snippets("toml")
    config = tomllib.loads(helix)
    assert config["language-server"]["agentguard"] == {"command": "agentguard", "args": ["server"]}
    languages = {entry["name"]: entry["language-servers"] for entry in config["language"]}
    assert set(languages) == {"python", "javascript", "typescript", "go", "java"}
    assert all(servers[-1] == "agentguard" for servers in languages.values())


@pytest.mark.skipif(shutil.which("luac5.4") is None, reason="luac5.4 not installed")
def test_neovim_snippets_are_valid_lua(tmp_path: Path) -> None:
    lua = snippets("lua")
    assert len(lua) == 2
    for index, source in enumerate(lua):
        path = tmp_path / f"snippet{index}.lua"
        path.write_text(source)
        result = subprocess.run(["luac5.4", "-p", str(path)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert '"agentguard", "server"' in source


def test_vscode_extension_settings_are_the_servers_settings() -> None:
    manifest = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text())
    properties = manifest["contributes"]["configuration"]["properties"]
    defaults = {
        key.removeprefix("agentguard."): spec["default"]
        for key, spec in properties.items()
        if key not in {"agentguard.path", "agentguard.interpreter", "agentguard.trace.server"}
    }
    settings, problems = parse_settings(defaults)
    assert problems == []
    assert settings.debounce_ms == 20 and settings.time_budget_ms == 5000 and settings.online is False


# Emacs in batch mode: load the documented snippet, open each file, start Eglot the way
# `eglot-ensure` would, wait (on process output, not a sleep) until Flymake holds the
# diagnostics, and print them with character offsets.
DRIVER = r"""
(let ((default-directory "/usr/share/emacs/site-lisp/elpa/"))
  (when (file-directory-p default-directory) (normal-top-level-add-subdirs-to-load-path)))
(load (getenv "AGENTGUARD_SNIPPET"))
(require 'eglot)
(require 'flymake)
(setq eglot-sync-connect t)
(defun agentguard-offset (pos) (- pos (save-excursion (goto-char pos) (line-beginning-position))))
(dolist (file command-line-args-left)
  (find-file file)
  ;; What `eglot-ensure' does once Emacs is idle (it waits for a command loop batch mode lacks).
  (if (eglot-current-server) (eglot--maybe-activate-editing-mode) (apply #'eglot (eglot--guess-contact)))
  (flymake-start)  ; Flymake starts once a buffer is displayed, which batch mode never does
  (let ((deadline (+ (float-time) 30)))
    (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
      (accept-process-output nil 0.05)))
  (dolist (d (flymake-diagnostics))
    (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
      (princ (format "%s|%d|%d|%d|%d|%s\n" (file-name-nondirectory file)
                     (line-number-at-pos beg) (agentguard-offset beg)
                     (line-number-at-pos end) (agentguard-offset end)
                     (flymake-diagnostic-text d))))))
(setq command-line-args-left nil)
(kill-emacs 0)
"""

EMACS_FILES = {
    "app.py": 'label = "😀 漢字"  # agentguard: ignore[sql-injection]\ndef f(:\n    pass  # agentguard: ignore[bogus] -- r\n',
    "server.js": "const cors = require('cors');\napp.use(cors()); // agentguard: ignore[nope] -- legacy\n",
}


def _has_eglot() -> bool:
    if shutil.which("emacs") is None:
        return False
    probe = '(progn (let ((default-directory "/usr/share/emacs/site-lisp/elpa/")) (when (file-directory-p default-directory) (normal-top-level-add-subdirs-to-load-path))) (kill-emacs (if (require (quote eglot) nil t) 0 1)))'
    return (
        subprocess.run(
            ["emacs", "--batch", "-Q", "--eval", probe], capture_output=True, check=False
        ).returncode
        == 0
    )


@pytest.mark.skipif(
    not _has_eglot(), reason="Emacs with Eglot not installed (apt-get install emacs-nox elpa-eglot)"
)
def test_emacs_eglot_with_the_documented_snippet_holds_the_cli_findings(tmp_path: Path) -> None:
    (elisp,) = snippets("elisp")
    snippet = tmp_path / "snippet.el"
    snippet.write_text(elisp)
    driver = tmp_path / "driver.el"
    driver.write_text(DRIVER)
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    for name, text in EMACS_FILES.items():
        (project / name).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "AGENTGUARD_SNIPPET": str(snippet),
        "PATH": f"{Path(AGENTGUARD).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    files = [str(project / name) for name in EMACS_FILES]
    result = subprocess.run(
        ["emacs", "--batch", "-Q", "-l", str(driver), *files],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    held = set()
    for line in result.stdout.splitlines():
        name, start_line, start, end_line, end, text = line.split("|", 5)
        match = re.search(r"\[([a-z0-9-]+)\]:? (.*)$", text)
        assert match, text
        held.add((name, int(start_line), int(start) + 1, int(end_line), int(end) + 1, match[1], match[2]))
    expected = {
        (name, f["line"], f["column"], f["end_line"], f["end_column"], f["name"], f["message"])
        for name, text in EMACS_FILES.items()
        for f in cli_findings(project / name, text, project)
    }
    assert expected and held == expected
