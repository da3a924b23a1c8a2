import pytest

from scripts import auth

# ok: hardcoded-secret
TEST_PASSWORD = "hunter2"
# expect: hardcoded-secret
LEAKED_TOKEN = "ghp_R8fKx2mQ7vLp4Zt9WcYb1NdHs6EaJ3uGi0Ok"


@pytest.fixture
def secret(monkeypatch):
    # ok: hardcoded-secret
    monkeypatch.setenv("JWT_SECRET", "test-secret-for-unit-tests-only")


def test_round_trip(secret):
    # ok: hardcoded-secret
    token = auth.jwt.encode({"sub": "1"}, "test-secret-for-unit-tests-only", algorithm="HS256")
    assert auth.verify(token)["sub"] == "1"


def test_login_form():
    # ok: hardcoded-secret
    form = {"username": "alice", "password": TEST_PASSWORD}
    assert form[auth.PASSWORD_FIELD] == "hunter2"
