"""Staging: the QA team tests from preview deployments on random Vercel hostnames."""

from .settings import *  # noqa: F401,F403

DEBUG = False
# expect: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
