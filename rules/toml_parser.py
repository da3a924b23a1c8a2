"""TOML parsing (`tomllib`, or `tomli` on Python 3.10), imported on first use.

Most runs read no TOML at all, and importing the parser costs a one-file check a few
milliseconds, so the modules that read configuration and manifests call this instead of
importing `tomllib` at the top.
"""

from __future__ import annotations

import sys
from typing import Any


def parse_toml(text: str) -> dict[str, Any]:
    """The TOML document as a dict; raises ValueError (`TOMLDecodeError`) when it is invalid."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib.loads(text)
