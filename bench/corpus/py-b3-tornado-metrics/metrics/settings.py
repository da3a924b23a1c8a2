"""Runtime settings for the metrics service."""

import os

DEBUG = os.environ.get("METRICS_DEBUG") == "1"
PORT = int(os.environ.get("METRICS_PORT", "8888"))

DASHBOARD_ORIGINS = frozenset(
    o.strip() for o in os.environ.get("DASHBOARD_ORIGINS", "https://grafana.example.com").split(",")
)

# expect: hardcoded-secret
COOKIE_SECRET = "mX7k2pQ9vL4nR8tW1yB6cF3hJ5sD0gZa"

# ok: hardcoded-secret
XSRF_COOKIE_NAME = "_metrics_xsrf"

# expect: hardcoded-secret
INFLUX_TOKEN = "influx-token-4Fq8ZrT2mW9xK1pL7vN3cB6yH0dS5gJe"

# ok: hardcoded-secret
INFLUX_URL = os.environ.get("INFLUX_URL", "http://localhost:8086")

# ok: hardcoded-secret
PG_PASSWORD = os.environ["METRICS_PG_PASSWORD"]

# expect: hardcoded-secret
DATABASE_URL = "postgresql://metrics:tornado-metrics-pw@pg.internal:5432/metrics"

# ok: hardcoded-secret
ADMIN_PASSWORD_HASH_ROUNDS = 12
