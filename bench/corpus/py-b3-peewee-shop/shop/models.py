"""Peewee models and a few hand-written queries for the shop."""

from __future__ import annotations

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
)

db = PostgresqlDatabase(None)

MAINTENANCE_TABLES = ("product", "orderline", "customer_order")
LOW_STOCK_SQL = """
    SELECT p.id, p.sku, p.stock
    FROM product p
    WHERE p.stock < %s AND p.active
    ORDER BY p.stock
"""


class BaseModel(Model):
    class Meta:
        database = db


class Product(BaseModel):
    sku = CharField(unique=True)
    name = CharField()
    category = CharField(index=True)
    price = DecimalField(decimal_places=2)
    stock = IntegerField(default=0)
    active = BooleanField(default=True)


class CustomerOrder(BaseModel):
    email = CharField()
    created_at = DateTimeField(default=dt.datetime.utcnow)
    status = CharField(default="new")


class OrderLine(BaseModel):
    order = ForeignKeyField(CustomerOrder, backref="lines")
    product = ForeignKeyField(Product)
    qty = IntegerField()


def _revenue_sql(start: str, end: str) -> str:
    return (
        "SELECT date_trunc('day', o.created_at) AS day, SUM(l.qty * p.price) "
        "FROM orderline l JOIN customer_order o ON o.id = l.order_id "
        "JOIN product p ON p.id = l.product_id "
        f"WHERE o.created_at BETWEEN '{start}' AND '{end}' GROUP BY 1 ORDER BY 1"
    )


def revenue_by_day(start: str, end: str) -> list[tuple]:
    # expect: sql-injection
    return list(db.execute_sql(_revenue_sql(start, end)).fetchall())


def low_stock(threshold: int) -> list[tuple]:
    # ok: sql-injection
    return db.execute_sql(LOW_STOCK_SQL, (threshold,)).fetchall()


def products_by_ids(ids: list[int]) -> list[Product]:
    placeholders = ", ".join(["%s"] * len(ids))
    # ok: sql-injection
    return list(Product.raw("SELECT * FROM product WHERE id IN (%s)" % placeholders, *ids))


def in_category(category: str) -> list[Product]:
    # ok: sql-injection
    return list(Product.raw("SELECT * FROM product WHERE category = %s AND active", category))


def analyze_all() -> None:
    for table in MAINTENANCE_TABLES:
        # ok: sql-injection
        db.execute_sql(f"ANALYZE {table}")
