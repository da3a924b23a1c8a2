"""Flask reporting API: sales summaries, CSV exports and a saved-filter search."""
import csv
import io
import logging

from flask import Flask, Response, abort, jsonify, request

from db import SALES_SELECT, close_db, get_db, placeholders, region_clause

app = Flask(__name__)
app.teardown_appcontext(close_db)
log = logging.getLogger("reports")

SORTABLE = {
    "amount": "amount_cents",
    "closed": "closed_at",
    "rep": "rep_name",
}


@app.get("/api/sales")
def list_sales():
    sort_key = request.args.get("sort", "closed")
    column = SORTABLE.get(sort_key, "closed_at")
    direction = "DESC" if request.args.get("dir") == "desc" else "ASC"
    sql = f"{SALES_SELECT} ORDER BY {column} {direction} LIMIT ?"
    limit = min(int(request.args.get("limit", 50)), 500)
    # ok: sql-injection
    rows = get_db().execute(sql, (limit,)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/api/sales/by-status")
def sales_by_status():
    statuses = request.args.getlist("status") or ["open"]
    query = SALES_SELECT + " WHERE status IN (" + placeholders(len(statuses)) + ")"
    log.debug("running %s with %r", query, statuses)
    # ok: sql-injection
    rows = get_db().execute(query, statuses).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/api/sales/regions")
def sales_for_regions():
    regions = request.args.get("regions", "EU").split(",")
    where = region_clause(regions)
    # expect: sql-injection
    rows = get_db().execute(f"{SALES_SELECT} WHERE {where}").fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/api/sales/search")
def search_sales():
    rep = request.args.get("rep")
    min_amount = request.args.get("min_amount")
    sql = SALES_SELECT + " WHERE 1=1"
    params = []
    if rep:
        sql += " AND rep_name LIKE ?"
        params.append(f"%{rep}%")
    if min_amount:
        sql += " AND amount_cents >= ?"
        params.append(int(min_amount))
    # ok: sql-injection
    rows = get_db().execute(sql, params).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/api/sales/summary")
def summary():
    group = request.args.get("group", "region")
    since = request.args.get("since", "2024-01-01")
    sql = "SELECT " + group + ", SUM(amount_cents) AS total FROM sales"
    sql += " WHERE closed_at >= ?"
    sql += " GROUP BY " + group
    # expect: sql-injection
    rows = get_db().execute(sql, (since,)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/api/sales/export.csv")
def export_csv():
    year = request.args.get("year", type=int)
    if year is None:
        abort(400)
    cur = get_db().cursor()
    # ok: sql-injection
    cur.execute(
        SALES_SELECT + " WHERE closed_at BETWEEN ? AND ? ORDER BY closed_at",
        (f"{year}-01-01", f"{year}-12-31"),
    )
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([d[0] for d in cur.description])
    writer.writerows(cur.fetchall())
    return Response(buf.getvalue(), mimetype="text/csv")


@app.delete("/api/sales/<int:sale_id>")
def delete_sale(sale_id):
    db = get_db()
    log.info("DELETE FROM sales WHERE id = %s requested by %s", sale_id, request.remote_addr)
    # ok: sql-injection
    db.execute("DELETE FROM sales WHERE id = ?", (sale_id,))
    db.commit()
    return "", 204


@app.post("/api/sales/<int:sale_id>/status")
def set_status(sale_id):
    status = request.json.get("status", "open")
    db = get_db()
    # expect: sql-injection
    db.execute("UPDATE sales SET status = '%s' WHERE id = %d" % (status, sale_id))
    db.commit()
    return jsonify({"id": sale_id, "status": status})
