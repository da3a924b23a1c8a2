import os

from dotenv import load_dotenv

load_dotenv()


class Config:
    # expect: hardcoded-secret
    SECRET_KEY = os.environ.get("SECRET_KEY", "f3b9c1d2e8a74b6f9d0c5e1a2b3c4d5e")
    DATABASE = os.environ.get("DATABASE_PATH", "shop.db")
    # ok: permissive-cors
    CORS_ORIGINS = os.environ.get("CORS_ORIGINS", "https://shop.example.com").split(",")
    # ok: hardcoded-secret
    SESSION_COOKIE_NAME = "shop_session"
    # ok: hardcoded-secret
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY")
    PAGE_SIZE = 24


class TestConfig(Config):
    TESTING = True
    DATABASE = ":memory:"
