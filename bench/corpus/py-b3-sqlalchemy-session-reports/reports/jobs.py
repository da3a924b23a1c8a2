"""Nightly maintenance and the upstream GraphQL pull."""

from __future__ import annotations

import sys

from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport
from sqlalchemy import create_engine, text

ENGINE_URL = "postgresql+psycopg://reports@localhost/reports"
PARTITIONED = ("sales", "refunds")
RETENTION_DAYS = 400


def vacuum(engine, table: str) -> None:
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        # expect: sql-injection
        conn.exec_driver_sql(f"VACUUM ANALYZE {table}")


def prune(engine) -> None:
    with engine.begin() as conn:
        for table in PARTITIONED:
            # ok: sql-injection
            conn.execute(text(f"DELETE FROM {table} WHERE sold_at < now() - interval '{RETENTION_DAYS} days'"))


def pull_upstream(report_id: str) -> dict:
    transport = RequestsHTTPTransport(url="https://upstream.example.com/graphql")
    client = Client(transport=transport, fetch_schema_from_transport=False)
    query = gql(f'query {{ report(id: "{report_id}") {{ id rows {{ region amount }} }} }}')
    # ok: sql-injection
    return client.execute(query)


def load_upstream(engine, payload: dict) -> None:
    rows = [
        {"region": r["region"], "amount": r["amount"]}
        for r in payload["report"]["rows"]
    ]
    with engine.begin() as conn:
        # ok: sql-injection
        conn.execute(text("INSERT INTO sales_upstream (region, amount) VALUES (:region, :amount)"), rows)


def main(argv: list[str]) -> int:
    engine = create_engine(ENGINE_URL)
    command = argv[1] if len(argv) > 1 else "prune"
    if command == "vacuum":
        vacuum(engine, argv[2])
    elif command == "pull":
        load_upstream(engine, pull_upstream(argv[2]))
    else:
        prune(engine)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
