"""Local overrides: `DJANGO_SETTINGS_MODULE=config.settings_local`."""

from .settings import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["*"]

# The React dev server runs on another port and it was easier than listing it.
# expect: permissive-cors
CORS_ORIGIN_ALLOW_ALL = True

DATABASES["default"]["HOST"] = "localhost"  # noqa: F405
# expect: hardcoded-secret
DATABASES["default"]["PASSWORD"] = "partners-dev-Pa55w0rd"  # noqa: F405
