"""Weekly KPI extract pushed to the BI bucket and announced on the ops GraphQL API."""
import os
import sys
from datetime import date, timedelta

import pandas as pd
from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport
from sqlalchemy import create_engine, text

from jobs import JobRunner

engine = create_engine(os.environ["ANALYTICS_URL"])

KPI_QUERY = """
    SELECT date_trunc('day', occurred_at) AS day,
           count(*) FILTER (WHERE kind = 'signup') AS signups,
           count(*) FILTER (WHERE kind = 'purchase') AS purchases
    FROM events
    WHERE occurred_at >= :start AND occurred_at < :end
    GROUP BY 1
    ORDER BY 1
"""

MATERIALIZED_VIEWS = ("mv_daily_revenue", "mv_weekly_cohorts", "mv_channel_mix")

ANNOUNCE = gql(
    """
    mutation Announce($title: String!, $body: String!) {
      createAnnouncement(title: $title, body: $body) { id }
    }
    """
)


def kpis(start, end):
    # ok: sql-injection
    return pd.read_sql(text(KPI_QUERY), engine, params={"start": start, "end": end})


def top_products(start, channel):
    query = (
        "SELECT product_id, sum(amount) AS revenue FROM purchases "
        f"WHERE purchased_at >= '{start}' AND channel = '{channel}' "
        "GROUP BY product_id ORDER BY revenue DESC LIMIT 20"
    )
    # expect: sql-injection
    return pd.read_sql_query(query, engine)


def churned_accounts(days):
    with engine.connect() as conn:
        # ok: sql-injection
        result = conn.execute(
            text("SELECT id, email FROM accounts WHERE last_seen < now() - make_interval(days => :d)"),
            {"d": days},
        )
        return result.fetchall()


def refresh_views():
    with engine.begin() as conn:
        for name in MATERIALIZED_VIEWS:
            # ok: sql-injection
            conn.exec_driver_sql("REFRESH MATERIALIZED VIEW CONCURRENTLY " + name)


def announce(summary):
    transport = RequestsHTTPTransport(url=os.environ["OPS_GRAPHQL_URL"])
    client = Client(transport=transport, fetch_schema_from_transport=False)
    body = f"Signups: {summary['signups']}, purchases: {summary['purchases']}"
    # ok: sql-injection
    client.execute(ANNOUNCE, variable_values={"title": "Weekly KPIs", "body": body})


def main(argv):
    channel = argv[1] if len(argv) > 1 else "web"
    end = date.today()
    start = end - timedelta(days=7)
    frame = kpis(start, end)
    frame.to_csv(f"kpis-{end}.csv", index=False)
    products = top_products(start, channel)
    products.to_csv(f"products-{end}.csv", index=False)
    refresh_views()
    runner = JobRunner(queue="bi")
    # ok: sql-injection
    runner.execute(f"upload-report --date {end} --channel {channel}")
    announce(frame[["signups", "purchases"]].sum().to_dict())


if __name__ == "__main__":
    main(sys.argv)
