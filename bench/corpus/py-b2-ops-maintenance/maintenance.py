"""Nightly maintenance for the analytics Postgres: vacuum, archive, purge.

Run from cron:  python maintenance.py --archive-before 2024-01-01 --tables events,sessions
"""
import argparse
import logging
import os
import subprocess
import textwrap

import psycopg
from psycopg import sql

log = logging.getLogger("maintenance")

ARCHIVABLE = {
    "events": "occurred_at",
    "sessions": "started_at",
    "page_views": "viewed_at",
}


def connect():
    return psycopg.connect(os.environ["ANALYTICS_DSN"], autocommit=True)


def vacuum(conn, table):
    stmt = sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table))
    log.info("running %s", stmt.as_string(conn))
    # ok: sql-injection
    conn.execute(stmt)


def archive(conn, table, before):
    ts_column = ARCHIVABLE[table]
    archive_table = f"{table}_archive"
    stmt = sql.SQL(
        "INSERT INTO {archive} SELECT * FROM {src} WHERE {col} < %s"
    ).format(
        archive=sql.Identifier(archive_table),
        src=sql.Identifier(table),
        col=sql.Identifier(ts_column),
    )
    with conn.cursor() as cur:
        # ok: sql-injection
        cur.execute(stmt, (before,))
        log.info("archived %s rows from %s", cur.rowcount, table)
        purge = f"DELETE FROM {table} WHERE {ts_column} < '{before}'"
        # expect: sql-injection
        cur.execute(purge)


def row_counts(conn, tables):
    counts = {}
    with conn.cursor() as cur:
        for table in tables:
            query = textwrap.dedent(
                f"""
                SELECT count(*)
                FROM {table}
                """
            ).strip()
            # expect: sql-injection
            cur.execute(query)
            counts[table] = cur.fetchone()[0]
    return counts


def drop_stale_partitions(conn, prefix, keep_after):
    with conn.cursor() as cur:
        # ok: sql-injection
        cur.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE %s",
            (prefix + "_%",),
        )
        for (name,) in cur.fetchall():
            suffix = name.rsplit("_", 1)[-1]
            if suffix.isdigit() and suffix < keep_after:
                # ok: sql-injection
                cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(name)))


def dump(table, path):
    cmd = ["pg_dump", "--data-only", "--table", table, "--file", path, os.environ["ANALYTICS_DSN"]]
    log.info("dumping %s", " ".join(cmd[:-1]))
    subprocess.run(cmd, check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", default="events,sessions")
    parser.add_argument("--archive-before", help="YYYY-MM-DD")
    parser.add_argument("--partition-prefix")
    args = parser.parse_args()

    tables = [t for t in args.tables.split(",") if t]
    with connect() as conn:
        for table in tables:
            if table in ARCHIVABLE and args.archive_before:
                archive(conn, table, args.archive_before)
            vacuum(conn, table)
        if args.partition_prefix:
            drop_stale_partitions(conn, args.partition_prefix, args.archive_before.replace("-", "")[:6])
        log.info("row counts: %s", row_counts(conn, tables))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
