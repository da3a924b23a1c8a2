"""Flask views for the storefront and the back office."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from .models import CustomerOrder, OrderLine, Product, db, low_stock, products_by_ids, revenue_by_day

bp = Blueprint("shop", __name__)

SORT_COLUMNS = {"price": "price", "name": "name", "newest": "id DESC"}


@bp.get("/products")
def list_products():
    category = request.args.get("category")
    max_price = request.args.get("max_price", type=float)
    query = Product.select().where(Product.active == True)  # noqa: E712
    if category:
        query = query.where(Product.category == category)
    if max_price is not None:
        query = query.where(Product.price <= max_price)
    return jsonify([p.sku for p in query.order_by(Product.name)])


@bp.get("/products/search")
def search_products():
    q = request.args.get("q", "")
    # expect: sql-injection
    rows = Product.raw(f"SELECT * FROM product WHERE name ILIKE '%%{q}%%' AND active")
    return jsonify([p.sku for p in rows])


@bp.get("/products/sorted")
def sorted_products():
    order = SORT_COLUMNS.get(request.args.get("sort", "name"), "name")
    # ok: sql-injection
    cursor = db.execute_sql(f"SELECT sku, name, price FROM product WHERE active ORDER BY {order} LIMIT %s", (100,))
    return jsonify(cursor.fetchall())


@bp.get("/admin/products")
def admin_products():
    order = request.args.get("order", "id")
    direction = request.args.get("dir", "asc")
    sql = "SELECT id, sku, stock FROM product"
    if request.args.get("inactive"):
        sql += " WHERE NOT active"
    sql += " ORDER BY " + order + " " + direction
    # expect: sql-injection
    cursor = db.execute_sql(sql)
    return jsonify(cursor.fetchall())


@bp.get("/admin/low-stock")
def admin_low_stock():
    return jsonify(low_stock(request.args.get("threshold", 5, type=int)))


@bp.get("/admin/revenue")
def admin_revenue():
    return jsonify(revenue_by_day(request.args["start"], request.args["end"]))


@bp.post("/cart/preview")
def cart_preview():
    ids = [int(i) for i in request.json.get("ids", [])]
    return jsonify([{"sku": p.sku, "price": str(p.price)} for p in products_by_ids(ids)])


@bp.post("/admin/orders/<int:order_id>/status")
def set_status(order_id: int):
    status = request.json["status"]
    with db.atomic():
        # ok: sql-injection
        db.execute_sql("UPDATE customer_order SET status = %s WHERE id = %s", (status, order_id))
        # expect: sql-injection
        db.execute_sql("INSERT INTO order_audit (order_id, note) VALUES (%s, '%s')" % (order_id, request.json.get("note", "")))
    return jsonify({"ok": True})


@bp.get("/orders/<int:order_id>")
def order_detail(order_id: int):
    order = CustomerOrder.get_or_none(CustomerOrder.id == order_id)
    if order is None:
        abort(404)
    lines = OrderLine.select(OrderLine, Product).join(Product).where(OrderLine.order == order)
    return jsonify({"status": order.status, "lines": [(l.product.sku, l.qty) for l in lines]})
