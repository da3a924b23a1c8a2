import aiosqlite
from sanic import Sanic
from sanic.response import json
from sanic_cors import CORS

app = Sanic("catalog")
# expect: permissive-cors
CORS(app)

DB_PATH = "catalog.db"


@app.get("/items")
async def items(request):
    brand = request.args.get("brand")
    async with aiosqlite.connect(DB_PATH) as db:
        if brand:
            # ok: sql-injection
            cursor = await db.execute("SELECT id, name FROM items WHERE brand = ?", (brand,))
        else:
            cursor = await db.execute("SELECT id, name FROM items")
        rows = await cursor.fetchall()
    return json([{"id": r[0], "name": r[1]} for r in rows])


@app.get("/items/lookup")
async def lookup(request):
    sku = request.args.get("sku", "")
    async with aiosqlite.connect(DB_PATH) as db:
        # expect: sql-injection
        cursor = await db.execute("SELECT id, name FROM items WHERE sku = '" + sku + "'")
        row = await cursor.fetchone()
    return json({"id": row[0], "name": row[1]} if row else {})
