import sqlite3

from flask import Flask, abort, g, jsonify, request
from flask_cors import CORS

from config import Config

app = Flask(__name__)
app.config.from_object(Config)
# ok: permissive-cors
CORS(app, origins=app.config["CORS_ORIGINS"], supports_credentials=True)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.get("/api/products")
def list_products():
    category = request.args.get("category")
    page = request.args.get("page", 1, type=int)
    db = get_db()
    if category:
        # ok: sql-injection
        rows = db.execute(
            "SELECT id, name, price FROM products WHERE category = ? LIMIT ? OFFSET ?",
            (category, Config.PAGE_SIZE, (page - 1) * Config.PAGE_SIZE),
        ).fetchall()
    else:
        rows = db.execute("SELECT id, name, price FROM products ORDER BY name").fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/api/products/search")
def search_products():
    term = request.args.get("q", "")
    sort = request.args.get("sort", "name")
    db = get_db()
    # expect: sql-injection
    rows = db.execute(
        f"SELECT id, name, price FROM products WHERE name LIKE '%{term}%' ORDER BY {sort}"
    ).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/api/orders/<order_ref>")
def get_order(order_ref):
    db = get_db()
    # expect: sql-injection
    order = db.execute("SELECT * FROM orders WHERE reference = '{}'".format(order_ref)).fetchone()
    if order is None:
        abort(404)
    return jsonify(dict(order))


@app.post("/api/products/bulk")
def bulk_products():
    ids = request.get_json(force=True)["ids"]
    placeholders = ",".join("?" for _ in ids)
    # ok: sql-injection
    rows = get_db().execute(f"SELECT id, name, price FROM products WHERE id IN ({placeholders})", ids).fetchall()
    return jsonify([dict(r) for r in rows])


@app.post("/api/orders")
def create_order():
    payload = request.get_json(force=True)
    db = get_db()
    cur = db.execute(
        "INSERT INTO orders (customer_email, product_id, quantity) VALUES (?, ?, ?)",
        (payload["email"], payload["product_id"], payload.get("quantity", 1)),
    )
    db.commit()
    app.logger.info(f"created order {cur.lastrowid}; select shipping for {payload['email']}")
    return jsonify({"id": cur.lastrowid}), 201


if __name__ == "__main__":
    app.run(port=5000)
