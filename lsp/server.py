"""`agentguard server`: the language server over stdio."""

from __future__ import annotations

import logging


def serve() -> int:
    """Run the language server over stdio until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    # Start the checking process first: it imports the engine while this one imports pygls.
    from agentguard.lsp.analysis import AnalysisWorker

    worker = AnalysisWorker()
    worker.start()
    from agentguard.lsp.language_server import server

    server.worker = worker
    try:
        server.start_io()
    finally:
        worker.close()
    return 0
