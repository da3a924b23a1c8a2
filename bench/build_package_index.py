"""Regenerate the popular-package indexes in rules/data/ from a folder of source lists.

    python bench/build_package_index.py PATH/TO/data [--node]

reads `top-pypi-packages.json` and `npm-high-impact.json` (see rules/data/README.md for where they
come from) and writes `pypi-popular.txt` and `npm-popular.txt`: names only, normalised, most
popular first (the rank is the line number), and copies the npm list's licence beside them.
With `--node`, also rewrites `node-builtins.txt` from the `node` on PATH.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
# Built-ins that only exist with the `node:` scheme, so `builtinModules` leaves them out.
SCHEME_ONLY_BUILTINS = ("sea", "sqlite", "test", "test/reporters")


def pypi_names(source: Path) -> list[str]:
    """PEP 503-normalised project names, most downloaded first."""
    rows = json.loads(source.read_text(encoding="utf-8"))["rows"]
    rows.sort(key=lambda row: -int(row["download_count"]))
    return _unique(re.sub(r"[-_.]+", "-", row["project"]).lower() for row in rows)


def npm_names(source: Path) -> list[str]:
    """npm names, the most downloaded and the most depended-on taken in turn (downloads alone
    rank transitive helpers above the frameworks people declare), then the rest of high-impact."""
    data = json.loads(source.read_text(encoding="utf-8"))
    downloads, dependents = data["top_downloads"], data["top_dependents"]
    interleaved = [name for pair in itertools.zip_longest(downloads, dependents) for name in pair if name]
    return _unique(name.lower() for name in [*interleaved, *sorted(data["high_impact"])])


def node_builtins() -> list[str]:
    """The built-in module names of the `node` on PATH, plus the scheme-only ones."""
    script = "console.log(require('module').builtinModules.join('\\n'))"
    output = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    names = {line.strip() for line in output.splitlines() if line.strip()}
    return sorted(names | set(SCHEME_ONLY_BUILTINS))


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _write(path: Path, names: list[str]) -> None:
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"{path.relative_to(DATA.parent.parent)}: {len(names)} names")


def main(argv: list[str] | None = None) -> int:
    """Write the indexes; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", type=Path, help="folder holding the source lists")
    parser.add_argument("--node", action="store_true", help="also rewrite node-builtins.txt")
    args = parser.parse_args(argv)
    _write(DATA / "pypi-popular.txt", pypi_names(args.source / "top-pypi-packages.json"))
    _write(DATA / "npm-popular.txt", npm_names(args.source / "npm-high-impact.json"))
    shutil.copyfile(args.source / "npm-high-impact.LICENSE", DATA / "npm-high-impact.LICENSE")
    if args.node:
        _write(DATA / "node-builtins.txt", node_builtins())
    return 0


if __name__ == "__main__":
    sys.exit(main())
