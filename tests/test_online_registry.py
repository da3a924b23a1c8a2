"""Online verification end to end: the real CLI with `--online` against a real HTTP server on
loopback that speaks the PyPI JSON API and the npm registry API. Never the internet."""

from __future__ import annotations

import datetime
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import Run, run_agentguard

TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def _days_ago(days: int) -> str:
    return f"{(TODAY - datetime.timedelta(days=days)).isoformat()}T10:00:00.000000Z"


# name -> upload times of its release files (PyPI) / creation time (npm); absent: 404.
PYPI = {
    "acme-old-metrics": [_days_ago(2000), _days_ago(10)],
    "fresh-validators": [_days_ago(3)],
    "empty-project": [],
}
NPM = {
    "old-lib-kit": _days_ago(900),
    "brand-new-lib": _days_ago(2),
    "@acme/telemetry": _days_ago(700),
}


class Registry:
    """A loopback registry: records every path asked, answers from PYPI and NPM."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.failing = False
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                registry.paths.append(self.path)
                if registry.failing:
                    self._send(500, {"error": "internal"})
                    return
                status, body = registry.answer(self.path)
                self._send(status, body)

            def _send(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    def answer(self, path: str) -> tuple[int, object]:
        """The PyPI JSON API for `/pypi/NAME/json`, the npm packument for `/NAME`."""
        if path.startswith("/pypi/") and path.endswith("/json"):
            name = unquote(path[len("/pypi/") : -len("/json")])
            if name not in PYPI:
                return 404, {"message": "Not Found"}
            files = [
                {"filename": f"{name}-{i}.tar.gz", "upload_time_iso_8601": t}
                for i, t in enumerate(PYPI[name])
            ]
            return 200, {"info": {"name": name}, "releases": {str(i): [f] for i, f in enumerate(files)}}
        name = unquote(path[1:])
        if name not in NPM:
            return 404, {"error": "Not found"}
        return 200, {
            "name": name,
            "versions": {"1.0.0": {}},
            "time": {"created": NPM[name], "1.0.0": NPM[name]},
        }

    def asked(self) -> list[str]:
        """The paths asked so far, sorted."""
        return sorted(self.paths)


@pytest.fixture
def registry() -> Iterator[Registry]:
    server = Registry()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


REQUIREMENTS = """\
flask==3.0.3
acme-old-metrics==2.0.0
fresh-validators==0.1.0
ghost-auth-shield==1.0.0
empty-project==0.0.1
"""
PACKAGE_JSON = {
    "name": "web",
    "private": True,
    "dependencies": {
        "express": "4.19.2",
        "old-lib-kit": "1.0.0",
        "brand-new-lib": "0.1.0",
        "@ghost/session-store": "1.0.0",
        "@acme/telemetry": "2.0.0",
    },
}


def _project(root: Path, registry: Registry, extra: str = "") -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "requirements.txt").write_text(REQUIREMENTS)
    (root / "web").mkdir()
    (root / "web" / "package.json").write_text(json.dumps(PACKAGE_JSON, indent=2))
    (root / "agentguard.toml").write_text(
        f'select = ["unknown-dependency"]\n\n[deps]\npypi-url = "{registry.url}"\nnpm-url = "{registry.url}"\n{extra}'
    )
    return root


def _check(project: Path, *flags: str, cache: Path | None = None, env: dict[str, str] | None = None) -> Run:
    environment = {"AGENTGUARD_CACHE_DIR": str(cache or project / "cache"), **(env or {})}
    return run_agentguard("check", ".", "--format", "json", *flags, cwd=project, env=environment)


def _reported(run: Run) -> dict[tuple[str, int], str]:
    assert not run.json()["errors"], run.stdout + run.stderr
    return {
        (f["path"].replace("\\", "/").split("/")[-1], f["line"]): f["rule"] for f in run.json()["findings"]
    }


ONLINE_FINDINGS = {
    ("requirements.txt", 3): "AG504",  # fresh-validators, first published 3 days ago
    ("requirements.txt", 4): "AG503",  # ghost-auth-shield, 404
    ("package.json", 7): "AG504",  # brand-new-lib
    ("package.json", 8): "AG503",  # @ghost/session-store
}
ASKED = [
    "/@acme%2Ftelemetry",
    "/@ghost%2Fsession-store",
    "/brand-new-lib",
    "/old-lib-kit",
    "/pypi/acme-old-metrics/json",
    "/pypi/empty-project/json",
    "/pypi/fresh-validators/json",
    "/pypi/ghost-auth-shield/json",
]


def test_online_reports_missing_and_new_names_and_asks_only_about_unknown_names(
    tmp_path: Path, registry: Registry
) -> None:
    project = _project(tmp_path, registry)
    run = _check(project, "--online")
    assert run.returncode == 1, run.stdout + run.stderr
    assert _reported(run) == ONLINE_FINDINGS
    # Popular names (flask, express) never leave the machine; only names go out, nothing else.
    assert registry.asked() == ASKED
    messages = {f["message"] for f in run.json()["findings"]}
    assert (
        "`ghost-auth-shield` does not exist on the PyPI registry: likely hallucinated, and anyone can register it"
        in messages
    )
    assert any(
        m.startswith("`fresh-validators` was first published on PyPI") and "3 days ago" in m for m in messages
    )


def test_offline_by_default_nothing_is_asked_and_unknown_names_are_unverified(
    tmp_path: Path, registry: Registry
) -> None:
    project = _project(tmp_path, registry)
    run = _check(project)
    assert registry.asked() == []
    assert set(_reported(run).values()) == {"AG502"}
    assert len(_reported(run)) == 8


def test_config_turns_online_on_without_the_flag(tmp_path: Path, registry: Registry) -> None:
    project = _project(tmp_path, registry, "online = true\n")
    assert _reported(_check(project)) == ONLINE_FINDINGS


def test_answers_are_cached_on_disk_until_the_time_to_live_runs_out(
    tmp_path: Path, registry: Registry
) -> None:
    project = _project(tmp_path, registry)
    cache = tmp_path / "cache"
    assert _reported(_check(project, "--online", cache=cache)) == ONLINE_FINDINGS
    assert len(registry.paths) == 8
    assert _reported(_check(project, "--online", cache=cache)) == ONLINE_FINDINGS
    assert len(registry.paths) == 8, "a fresh cache must answer without asking"
    stored = json.loads((cache / "registry" / "pypi" / "ghost-auth-shield.json").read_text())
    assert stored["exists"] is False and stored["registry"] == registry.url
    assert (cache / "registry" / "npm" / "%40ghost%2Fsession-store.json").is_file()
    (project / "agentguard.toml").write_text(
        (project / "agentguard.toml").read_text() + "cache-ttl-hours = 0\n"
    )
    assert _reported(_check(project, "--online", cache=cache)) == ONLINE_FINDINGS
    assert len(registry.paths) == 16, "an expired answer must be asked again"


def test_a_cached_answer_from_another_registry_is_not_reused(tmp_path: Path, registry: Registry) -> None:
    project = _project(tmp_path, registry)
    cache = tmp_path / "cache"
    _check(project, "--online", cache=cache)
    moved = (project / "agentguard.toml").read_text().replace(registry.url, registry.url + "/mirror")
    (project / "agentguard.toml").write_text(moved)
    _check(project, "--online", cache=cache)
    assert "/mirror/pypi/ghost-auth-shield/json" in registry.paths


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_an_unreachable_registry_is_a_notice_never_a_crash_nor_a_nonexistent_name(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text(REQUIREMENTS)
    url = f"http://127.0.0.1:{_closed_port()}"
    (tmp_path / "agentguard.toml").write_text(
        f'select = ["unknown-dependency"]\n[deps]\npypi-url = "{url}"\n'
    )
    run = _check(tmp_path, "--online")
    assert run.returncode == 1, run.stdout + run.stderr
    findings = run.json()["findings"]
    assert {f["rule"] for f in findings} == {"AG502"}
    assert all("online check failed: cannot reach the registry" in f["message"] for f in findings)
    assert not (tmp_path / "cache" / "registry").exists(), "failures must not be cached"


def test_a_registry_error_is_not_cached_and_is_asked_again(tmp_path: Path, registry: Registry) -> None:
    project = _project(tmp_path, registry)
    registry.failing = True
    run = _check(project, "--online")
    assert set(_reported(run).values()) == {"AG502"}
    assert "answered HTTP 500" in run.stdout
    registry.failing = False
    assert _reported(_check(project, "--online")) == ONLINE_FINDINGS


def test_default_registries_come_from_pip_and_npm_configuration(tmp_path: Path, registry: Registry) -> None:
    project = _project(tmp_path, registry)
    (project / "agentguard.toml").write_text('select = ["unknown-dependency"]\n')
    env = {"PIP_INDEX_URL": f"{registry.url}/simple", "NPM_CONFIG_REGISTRY": registry.url + "/"}
    assert _reported(_check(project, "--online", env=env)) == ONLINE_FINDINGS
    assert registry.asked() == ASKED


def test_new_package_days_sets_what_counts_as_new(tmp_path: Path, registry: Registry) -> None:
    project = _project(tmp_path, registry, "new-package-days = 0\n")
    reported = _reported(_check(project, "--online"))
    assert set(reported.values()) == {"AG503"}
    project = _project(tmp_path / "other", registry, "new-package-days = 3000\n")
    reported = _reported(_check(project, "--online"))
    # acme-old-metrics' first upload is 2000 days old: the earliest upload counts, not the latest.
    assert ("requirements.txt", 2) in reported and ("package.json", 6) in reported


def test_allowed_and_locked_names_are_never_asked(tmp_path: Path, registry: Registry) -> None:
    project = _project(tmp_path, registry, 'allow = ["Ghost_Auth_Shield", "@ghost/session-store"]\n')
    (project / "web" / "package-lock.json").write_text(
        json.dumps({"lockfileVersion": 3, "packages": {"node_modules/brand-new-lib": {"version": "0.1.0"}}})
    )
    reported = _reported(_check(project, "--online"))
    assert reported == {("requirements.txt", 3): "AG504"}
    assert "/pypi/ghost-auth-shield/json" not in registry.paths
    assert "/brand-new-lib" not in registry.paths
