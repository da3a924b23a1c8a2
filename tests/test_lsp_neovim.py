"""Neovim's built-in client, headless, configured with the documented `vim.lsp.config` snippet:
it holds exactly the CLI's findings, and a flaw typed into the buffer is underlined within
250 ms median (Neovim's own change batching included).

Needs Neovim 0.11 or later as `nvim` on PATH (or its path in AGENTGUARD_NVIM); skipped otherwise.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from lsp_session import AGENTGUARD, cli_findings

ROOT = Path(__file__).parent.parent
NVIM = os.environ.get("AGENTGUARD_NVIM") or shutil.which("nvim")

# Open the file, wait (vim.wait runs the event loop) for diagnostics, print them; then type a
# flaw on a new last line, time until it is underlined, delete it, and repeat.
DRIVER = r"""
dofile(os.getenv("AGENTGUARD_SNIPPET"))
local out = {}
local function emit(t) table.insert(out, vim.json.encode(t)) end
vim.cmd.edit(os.getenv("AGENTGUARD_FILE"))
local buf = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 5)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  emit({ kind = "diagnostic", lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
         code = d.code, message = d.message })
end
local flaw = os.getenv("AGENTGUARD_FLAW")
local last = vim.api.nvim_buf_line_count(buf)
for _ = 1, (flaw and 8 or 0) do
  local start = vim.uv.hrtime()
  vim.api.nvim_buf_set_lines(buf, last, last, false, { flaw })
  local seen = vim.wait(5000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == last then return true end
    end
    return false
  end, 1)
  emit({ kind = "latency", ms = (vim.uv.hrtime() - start) / 1e6, seen = seen })
  vim.api.nvim_buf_set_lines(buf, last, last + 1, false, {})
  vim.wait(5000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == last then return false end
    end
    return true
  end, 1)
end
io.stdout:write(table.concat(out, "\n") .. "\n")
vim.cmd("qa!")
"""

FILES = {
    "app.py": (
        'from flask_cors import CORS\nlabel = "😀 漢字"  # agentguard: ignore[sql-injection]\napp = object()\n',
        "CORS(app)",
    ),
    "server.js": (
        "const cors = require('cors');\napp.use(cors()); // agentguard: ignore[nope] -- legacy\n",
        None,
    ),
}


def _nvim_version() -> tuple[int, int]:
    if NVIM is None:
        return (0, 0)
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, check=False).stdout.split(
        "\n"
    )[0]
    match = re.search(r"v(\d+)\.(\d+)", first)
    return (int(match[1]), int(match[2])) if match else (0, 0)


def _byte_column(text: str, line: int, column: int) -> int:
    return len(text.split("\n")[line - 1][: column - 1].encode("utf-8"))


@pytest.mark.skipif(_nvim_version() < (0, 11), reason="Neovim 0.11+ not installed")
@pytest.mark.parametrize("name", sorted(FILES))
def test_neovim_holds_the_cli_findings_and_underlines_typed_flaws_quickly(tmp_path: Path, name: str) -> None:
    assert NVIM is not None
    snippet = tmp_path / "snippet.lua"
    snippet.write_text(re.findall(r"```lua\n(.*?)```", (ROOT / "docs" / "editors.md").read_text(), re.S)[0])
    driver = tmp_path / "driver.lua"
    driver.write_text(DRIVER)
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    text, flaw = FILES[name]
    (project / name).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "AGENTGUARD_SNIPPET": str(snippet),
        "AGENTGUARD_FILE": str(project / name),
        "PATH": f"{Path(AGENTGUARD).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    if flaw:
        env["AGENTGUARD_FLAW"] = flaw
    result = subprocess.run(
        [NVIM, "--headless", "--clean", "-l", str(driver)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    held = {
        (r["lnum"] + 1, r["col"], r["end_lnum"] + 1, r["end_col"], r["code"], r["message"])
        for r in records
        if r["kind"] == "diagnostic"
    }
    expected = {
        (
            f["line"],
            _byte_column(text, f["line"], f["column"]),
            f["end_line"],
            _byte_column(text, f["end_line"], f["end_column"]),
            f["name"],
            f["message"],
        )
        for f in cli_findings(project / name, text, project)
    }
    assert expected and held == expected
    latencies = [r["ms"] for r in records if r["kind"] == "latency"]
    assert all(r["seen"] for r in records if r["kind"] == "latency")
    if flaw:
        assert statistics.median(latencies) < 250, latencies
