"""No secret is ever printed whole: every output format, the baseline and error output, through the
real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_agentguard

STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"  # agentguard: ignore[AG301] -- fake key the test feeds in
AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"  # agentguard: ignore[AG301] -- AWS documentation example
DJANGO_SECRET = "django-insecure-7h#k2v!q9x@m4p$z8w&r5t"
JWT_KEY = "my-jwt-signing-secret"
DB_URL_PASSWORD = "Sup3rS3cretDbPw"
BEARER_TOKEN = "4f9c2a1e7b3d8f6a0c5e9b2d7a1f3c8e"
DOTENV_PASSWORD = "Pr0d-Passw0rd!"
JSON_PASSWORD = "JsonDbPassw0rd!"
KEY_MATERIAL = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
SECRETS = (
    STRIPE_KEY,
    AWS_KEY_ID,
    DJANGO_SECRET,
    JWT_KEY,
    DB_URL_PASSWORD,
    BEARER_TOKEN,
    DOTENV_PASSWORD,
    JSON_PASSWORD,
    KEY_MATERIAL,
)
EXPECTED_RULES = {"AG301", "AG302", "AG303", "AG304", "AG305", "AG306"}


def write_leaky_project(root: Path) -> None:
    """A small app with one secret of every kind the family reports."""
    (root / "app").mkdir()
    (root / "app" / "settings.py").write_text(
        f"""import jwt
import requests
import stripe

stripe.api_key = "{STRIPE_KEY}"
AWS_ACCESS_KEY_ID = "{AWS_KEY_ID}"
SECRET_KEY = "{DJANGO_SECRET}"
DATABASE_URL = "postgresql://app:{DB_URL_PASSWORD}@db.internal:5432/app"


def token(claims):
    return jwt.encode(claims, "{JWT_KEY}", algorithm="HS256")


def orders():
    return requests.get("https://x.example.com", headers={{"Authorization": "Bearer {BEARER_TOKEN}"}})
""",
        encoding="utf-8",
    )
    (root / ".env").write_text(f"DB_PASSWORD={DOTENV_PASSWORD}\n", encoding="utf-8")
    (root / "config.json").write_text(
        f'{{"database": {{"password": "{JSON_PASSWORD}"}}}}\n', encoding="utf-8"
    )
    (root / "signing.pem").write_text(
        f"-----BEGIN PRIVATE KEY-----\n{KEY_MATERIAL}\n-----END PRIVATE KEY-----\n", encoding="utf-8"
    )


def assert_no_secret(text: str) -> None:
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"printed whole: {leaked}"


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_no_output_format_prints_a_secret_whole(project: Path, output_format: str) -> None:
    write_leaky_project(project)
    run = run_agentguard("check", ".", "--select", "hardcoded-secret", "--format", output_format, cwd=project)
    assert run.returncode == 1, run.stderr
    assert_no_secret(run.stdout)
    assert_no_secret(run.stderr)


def test_every_secret_is_reported_masked(project: Path) -> None:
    write_leaky_project(project)
    findings = run_agentguard(
        "check", ".", "--select", "hardcoded-secret", "--format", "json", cwd=project
    ).json()["findings"]
    assert {f["rule"] for f in findings} == EXPECTED_RULES
    assert len(findings) == len(SECRETS)
    messages = " ".join(f["message"] for f in findings)
    assert "sk_l***" in messages
    assert all("***" in f["message"] for f in findings if f["rule"] != "AG302")


def test_fingerprints_identify_the_secret_without_containing_it(project: Path) -> None:
    (project / "a.py").write_text('API_TOKEN = "tok_first_8f7e6d5c4b"\n', encoding="utf-8")
    (project / "b.py").write_text('API_TOKEN = "tok_other_1a2b3c4d5e"\n', encoding="utf-8")
    findings = run_agentguard("check", ".", "--format", "json", cwd=project).json()["findings"]
    fingerprints = {f["path"]: f["fingerprint"] for f in findings}
    assert len(set(fingerprints.values())) == 2
    assert all("tok_" not in fingerprint for fingerprint in fingerprints.values())


def test_the_baseline_file_holds_no_secret(project: Path) -> None:
    write_leaky_project(project)
    run = run_agentguard("baseline", ".", cwd=project)
    assert run.returncode == 0, run.stderr
    assert_no_secret((project / ".agentguard-baseline.json").read_text(encoding="utf-8"))
    assert_no_secret(run.stdout + run.stderr)


def test_standard_input_is_redacted_too(project: Path) -> None:
    source = f'STRIPE_KEY = "{STRIPE_KEY}"\n'.encode()
    run = run_agentguard(
        "check", "--stdin-filename", "billing.py", "--format", "json", cwd=project, stdin=source
    )
    assert run.returncode == 1
    assert_no_secret(run.stdout + run.stderr)
    assert run.json()["findings"][0]["rule"] == "AG301"
