import pytest

from admin import create_app, db


@pytest.fixture
def app():
    app = create_app()
    # ok: hardcoded-secret
    app.config.update(TESTING=True, SECRET_KEY="testing-secret-key", SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context():
        db.create_all()
        yield app


@pytest.fixture
def admin_user():
    # ok: hardcoded-secret
    return {"username": "admin", "password": "admin123"}
