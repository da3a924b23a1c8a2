"""The language server (being built in issue 6)."""

from __future__ import annotations

import sys


def serve() -> int:
    """Run the language server over stdio."""
    print("agentguard: the language server is not built yet", file=sys.stderr)
    return 2
