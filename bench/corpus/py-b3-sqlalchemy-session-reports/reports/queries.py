"""Report queries run through SQLAlchemy sessions and connections."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from .models import Sale

METRICS = {
    "revenue": "SUM(amount)",
    "units": "SUM(qty)",
    "orders": "COUNT(DISTINCT order_id)",
}

MONTHLY_CTE = """
    WITH monthly AS (
        SELECT date_trunc('month', sold_at) AS month, {metric} AS value
        FROM sales
        WHERE region = :region
        GROUP BY 1
    )
    SELECT month, value FROM monthly ORDER BY month
"""


class ReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def totals_for_region(self, region: str) -> list:
        stmt = select(Sale.product_id, func.sum(Sale.amount)).where(Sale.region == region).group_by(Sale.product_id)
        return self.session.execute(stmt).all()

    def monthly(self, region: str, metric: str) -> list:
        sql = MONTHLY_CTE.format(metric=METRICS.get(metric, METRICS["revenue"]))
        # ok: sql-injection
        return self.session.execute(text(sql), {"region": region}).all()

    def rolling(self, region: str, window: str) -> list:
        sql = f"""
            WITH daily AS (
                SELECT sold_at::date AS day, SUM(amount) AS total
                FROM sales WHERE region = :region AND sold_at > now() - interval '{window}'
                GROUP BY 1
            )
            SELECT day, total FROM daily ORDER BY day
        """
        # expect: sql-injection
        return self.session.execute(text(sql), {"region": region}).all()

    def top_products(self, since: str, limit: int) -> list:
        # expect: sql-injection
        return self.session.execute(text(
            "SELECT product_id, SUM(qty) AS units "
            f"FROM sales WHERE sold_at >= '{since}' "
            "GROUP BY product_id ORDER BY units DESC LIMIT :limit"
        ), {"limit": limit}).all()

    def tenant_sales(self, tenant_id: str) -> list:
        # expect: sql-injection
        return self.session.execute(text(f"SELECT * FROM sales_{tenant_id} ORDER BY sold_at DESC LIMIT 100")).all()

    def by_regions(self, regions: list[str]) -> list:
        stmt = text("SELECT region, SUM(amount) FROM sales WHERE region IN :regions GROUP BY region")
        stmt = stmt.bindparams(bindparam("regions", expanding=True))
        # ok: sql-injection
        return self.session.execute(stmt, {"regions": regions}).all()

    def refunds(self, start: dt.date, end: dt.date) -> list:
        params = {"start": start, "end": end}
        sql = "SELECT order_id, amount FROM refunds WHERE created_at BETWEEN %(start)s AND %(end)s"
        conn = self.session.connection()
        # ok: sql-injection
        return conn.exec_driver_sql(sql, params).all()

    def refunds_by_reason(self, reason: str) -> list:
        sql = "SELECT order_id, amount FROM refunds WHERE reason = '%(reason)s'" % {"reason": reason}
        # expect: sql-injection
        return self.session.connection().exec_driver_sql(sql).all()


def sales_frame(engine, filters: dict[str, str]) -> pd.DataFrame:
    where = " AND ".join(f"{col} = '{val}'" for col, val in filters.items()) or "TRUE"
    # expect: sql-injection
    return pd.read_sql_query(f"SELECT * FROM sales WHERE {where}", engine)


def sales_frame_safe(engine, region: str) -> pd.DataFrame:
    # ok: sql-injection
    return pd.read_sql(text("SELECT * FROM sales WHERE region = :region"), engine, params={"region": region})
