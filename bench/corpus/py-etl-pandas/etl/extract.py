"""Extract yesterday's orders and load them into the warehouse staging schema."""

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import boto3
import pandas as pd
import psycopg2
from psycopg2 import sql
from sqlalchemy import create_engine, text

log = logging.getLogger(__name__)

STAGING_TABLES = ("orders", "refunds", "customers")
# ok: hardcoded-secret
EXPORT_BUCKET_SECRET_NAME = "prod/etl/warehouse-credentials"


def source_engine():
    return create_engine(os.environ["ORDERS_DATABASE_URL"], pool_pre_ping=True)


def extract_orders(day: date, region: str) -> pd.DataFrame:
    engine = source_engine()
    # expect: sql-injection
    return pd.read_sql(f"SELECT * FROM orders WHERE created_at::date = '{day}' AND region = '{region}'", engine)


def extract_refunds(day: date) -> pd.DataFrame:
    engine = source_engine()
    # ok: sql-injection
    query = text("SELECT * FROM refunds WHERE created_at::date = :day")
    return pd.read_sql(query, engine, params={"day": day})


def truncate_staging(conn) -> None:
    for table in STAGING_TABLES:
        # ok: sql-injection
        conn.execute(text(f"TRUNCATE TABLE staging_{table}"))
    log.info("select statements will now see empty staging tables: %s", ", ".join(STAGING_TABLES))


def copy_partition(table: str, day: date) -> None:
    with psycopg2.connect(os.environ["WAREHOUSE_DSN"]) as conn, conn.cursor() as cur:
        # ok: sql-injection
        cur.execute(
            sql.SQL("DELETE FROM {} WHERE day = %s").format(sql.Identifier("staging", table)),
            (day,),
        )


def archive(frame: pd.DataFrame, day: date) -> None:
    s3 = boto3.client("s3")
    key = f"exports/{day:%Y/%m/%d}/orders.parquet"
    frame.to_parquet(f"/tmp/{day}.parquet")
    s3.upload_file(f"/tmp/{day}.parquet", os.environ["EXPORT_BUCKET"], key)


def run(region: str) -> None:
    day = date.today() - timedelta(days=1)
    frame = extract_orders(day, region)
    with ThreadPoolExecutor(max_workers=3) as executor:
        for table in STAGING_TABLES:
            executor.submit(copy_partition, table, day)
    archive(frame, day)
    log.info("exported %d rows for %s", len(frame), day)
