"""didChange -> publishDiagnostics latency of `agentguard server`, median and p95.

Starts the real server over stdio, opens a generated, realistic Python web module (1,000 and
6,000 lines: Flask routes, SQL through a cursor, CORS set-up, suppression comments), then types
into it: each round sends one incremental didChange (a character added or removed in the middle
of the file) and times until the diagnostics for that version arrive. Each measures the full
path: the worker process, conversion, publish. Keystrokes are `--gap-ms` apart after the previous
publish (50 ms: a fast typist's 20 keys a second; 0: each keystroke as soon as the previous one's
diagnostics arrive).

    python bench/lsp_latency.py [--rounds 60] [--gap-ms 50] [--debounce-ms N] [--lines 1000 6000] [--select AG0]
"""

from __future__ import annotations

import argparse
import json
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

AGENTGUARD = str(Path(sys.executable).with_name("agentguard"))

BLOCK = '''

@app.route("/users/{n}")
def user_{n}(user_id):
    """Look a user up by id ({n})."""
    cursor = db.cursor()
    cursor.execute(f"SELECT name, email FROM users WHERE id = {{user_id}}")
    row = cursor.fetchone()
    if row is None:
        return jsonify({{"error": "not found"}}), 404
    cursor.execute("SELECT count(*) FROM orders WHERE user_id = %s", (user_id,))
    orders = cursor.fetchone()[0]
    return jsonify({{"name": row[0], "email": row[1], "orders": orders}})  # agentguard: ignore[AG201] -- fixed
'''
HEADER = '''"""A generated Flask service, for the latency benchmark."""
import sqlite3

from flask import Flask, jsonify
from flask_cors import CORS

app = Flask(__name__)
CORS(app)
db = sqlite3.connect("app.db", check_same_thread=False)
'''


def module_text(lines: int) -> str:
    """A Python module of exactly `lines` lines."""
    parts, n = [HEADER], 0
    while sum(part.count("\n") for part in parts) < lines:
        parts.append(BLOCK.format(n=n))
        n += 1
    return "\n".join("".join(parts).split("\n")[:lines]) + "\n"


class Client:
    """A minimal JSON-RPC client over the server's stdio; a thread reads its messages."""

    def __init__(self, debounce_ms: int | None, select: list[str] | None) -> None:
        self.process = subprocess.Popen([AGENTGUARD, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.published: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.responses: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        # The benchmark measures latency, not the time budget: a slow engine must still publish.
        options: dict[str, Any] = {"timeBudgetMs": 60_000}
        if debounce_ms is not None:
            options["debounceMs"] = debounce_ms
        if select is not None:
            options["select"] = select
        self.request(
            1,
            "initialize",
            {"processId": None, "rootUri": None, "capabilities": {}, "initializationOptions": options},
        )
        self.notify("initialized", {})

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, id_: int, method: str, params: dict[str, Any] | None) -> dict[str, Any]:
        self.send({"id": id_, "method": method, "params": params})
        return self.responses.get(timeout=60)

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                chunk = stream.read(1)
                if not chunk:
                    return
                header += chunk
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            message = json.loads(stream.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                self.published.put((time.perf_counter(), message["params"]))
            elif "id" in message and "method" not in message:
                self.responses.put(message)
            elif "id" in message:  # a request from the server (e.g. registerCapability)
                self.send({"id": message["id"], "result": None})

    def wait_published(self, uri: str, version: int) -> tuple[float, int]:
        """When the diagnostics of `version` arrived, and how many there were."""
        while True:
            arrived, params = self.published.get(timeout=60)
            if params["uri"] == uri and params.get("version") == version:
                return arrived, len(params["diagnostics"])

    def close(self) -> None:
        self.request(2, "shutdown", None)
        self.notify("exit", {})
        self.process.wait(timeout=10)


def measure(client: Client, directory: Path, lines: int, rounds: int, gap: float) -> tuple[list[float], int]:
    path = directory / f"service_{lines}.py"
    text = module_text(lines)
    path.write_text(text)
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    _, count = client.wait_published(uri, 1)
    middle = lines // 2
    latencies = []
    for version in range(2, rounds + 2):
        adding = version % 2 == 0
        end = {"line": middle, "character": 0 if adding else 1}
        change = {
            "range": {"start": {"line": middle, "character": 0}, "end": end},
            "text": "#" if adding else "",
        }
        time.sleep(gap)
        sent = time.perf_counter()
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        arrived, _ = client.wait_published(uri, version)
        latencies.append((arrived - sent) * 1000)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return latencies, count


def engine_alone(directory: Path, lines: int, rounds: int, select: list[str] | None) -> list[float]:
    """The engine's own time for the same text, in this process: the server adds the rest."""
    from agentguard.rules.config import ConfigLoader
    from agentguard.rules.engine import check_text

    path = directory / f"service_{lines}.py"
    text = module_text(lines)
    config = ConfigLoader().for_path(path).with_overrides(select=None if select is None else tuple(select))
    timings = []
    for _ in range(max(3, rounds // 6)):
        start = time.perf_counter()
        check_text(str(path), text, config)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument(
        "--gap-ms", type=int, default=50, help="pause between a publish and the next keystroke"
    )
    parser.add_argument("--debounce-ms", type=int, default=None, help="override the server's default")
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 6000])
    parser.add_argument(
        "--select",
        nargs="+",
        help="only these rules (e.g. AG0: the server's own overhead, almost no rule time)",
    )
    args = parser.parse_args(argv)
    client = Client(args.debounce_ms, args.select)
    try:
        with tempfile.TemporaryDirectory() as directory:
            for lines in args.lines:
                latencies, count = measure(client, Path(directory), lines, args.rounds, args.gap_ms / 1000)
                engine = engine_alone(Path(directory), lines, args.rounds, args.select)
                print(
                    f"{lines:>5} lines ({count} diagnostics): didChange -> publishDiagnostics "
                    f"median {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms "
                    f"over {len(latencies)} edits; the engine alone: median {statistics.median(engine):.1f} ms"
                )
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
