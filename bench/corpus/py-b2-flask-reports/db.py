"""SQLite helpers for the reporting service."""
import os
import sqlite3

from flask import g

DATABASE_PATH = os.environ.get("REPORTS_DB", "reports.sqlite3")

SALES_COLUMNS = ("id", "region", "rep_name", "amount_cents", "closed_at", "status")
SALES_SELECT = "SELECT " + ", ".join(SALES_COLUMNS) + " FROM sales"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_schema(conn):
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS sales (
            id INTEGER PRIMARY KEY,
            region TEXT NOT NULL,
            rep_name TEXT NOT NULL,
            amount_cents INTEGER NOT NULL,
            closed_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open'
        );
        CREATE INDEX IF NOT EXISTS idx_sales_region ON sales(region);
        """
    )


def region_clause(regions):
    # Build "region = 'EU' OR region = 'US'" for the dashboard filter.
    parts = ["region = '%s'" % r for r in regions]
    return " OR ".join(parts)


def placeholders(n):
    return ", ".join("?" for _ in range(n))
