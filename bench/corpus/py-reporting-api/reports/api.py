import logging
import sqlite3

import pandas as pd
from flask import Flask, jsonify, request
from peewee import PostgresqlDatabase
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from reports.models import Sale

log = logging.getLogger(__name__)
app = Flask(__name__)
pg = PostgresqlDatabase(None)
engine = create_engine("sqlite:///reports.db")


@app.get("/sales")
def sales():
    filters, params = [], []
    if request.args.get("region"):
        filters.append("region = %s")
        params.append(request.args["region"])
    if request.args.get("since"):
        filters.append("sold_at >= %s")
        params.append(request.args["since"])
    where = " AND ".join(filters) or "TRUE"
    # ok: sql-injection
    cursor = pg.execute_sql(f"SELECT region, amount FROM sales WHERE {where}", params)
    return jsonify(cursor.fetchall())


@app.get("/sales/by")
def sales_by():
    conditions = []
    for key in ("region", "channel"):
        if key in request.args:
            conditions.append(f"{key} = '{request.args[key]}'")
    sql = "SELECT * FROM sales"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    # expect: sql-injection
    cursor = pg.execute_sql(sql)
    return jsonify(cursor.fetchall())


@app.get("/sales/frame")
def sales_frame():
    product = request.args.get("product", "")
    # expect: sql-injection
    frame = pd.read_sql_query("SELECT * FROM sales WHERE product = '%(p)s'" % {"p": product}, engine)
    return frame.to_json(orient="records")


@app.get("/sales/raw")
def sales_raw():
    # expect: sql-injection
    rows = Sale.raw(f"SELECT * FROM sales WHERE channel = '{request.args.get('channel')}'")
    return jsonify([r.id for r in rows])


@app.get("/sales/sorted")
def sales_sorted():
    sort = request.args.get("sort", "sold_at")
    with Session(engine) as session:
        # expect: sql-injection
        rows = session.query(Sale.__table__).order_by(text(sort)).all()
    return jsonify([dict(r._mapping) for r in rows])


@app.get("/sales/between")
def sales_between():
    params = {"start": request.args["start"], "end": request.args["end"]}
    query = "SELECT * FROM sales WHERE sold_at BETWEEN '{start}' AND '{end}'"
    with engine.connect() as conn:
        # expect: sql-injection
        rows = conn.execute(text(query.format(**params))).all()
    return jsonify([dict(r._mapping) for r in rows])


@app.post("/admin/reset")
def reset():
    schema = request.get_json()["schema"]
    conn = sqlite3.connect("reports.db")
    # expect: sql-injection
    conn.executescript(f"DROP TABLE IF EXISTS {schema}_sales; CREATE TABLE {schema}_sales (id INTEGER PRIMARY KEY);")
    log.info("select * from %s_sales is now empty", schema)
    return jsonify({"ok": True})


@app.get("/sales/ids")
def sales_ids():
    ids = [int(i) for i in request.args.getlist("id")]
    marks = ", ".join(["%s"] * len(ids))
    # ok: sql-injection
    cursor = pg.execute_sql("SELECT * FROM sales WHERE id IN (" + marks + ")", ids)
    return jsonify(cursor.fetchall())
