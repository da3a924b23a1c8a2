"""FastAPI front end for the support desk."""
import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI, HTTPException, Query

from repository import TicketRepository

app = FastAPI(title="support-desk")
_executor = ThreadPoolExecutor(max_workers=4)


@app.on_event("startup")
async def startup() -> None:
    app.state.pool = await asyncpg.create_pool(dsn=os.environ["DATABASE_URL"])
    app.state.redis = redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
    app.state.tickets = TicketRepository(app.state.pool)


@app.get("/tickets/{ticket_id}")
async def get_ticket(ticket_id: int):
    row = await app.state.tickets.get(ticket_id)
    if row is None:
        raise HTTPException(404)
    return dict(row)


@app.get("/tickets")
async def list_tickets(
    status: Optional[str] = None,
    assignee: Optional[int] = None,
    order: str = "newest",
    limit: int = Query(50, le=200),
):
    rows = await app.state.tickets.list(status, assignee, order, limit)
    return [dict(r) for r in rows]


@app.get("/tickets/search")
async def search(q: str, tag: Optional[str] = None):
    rows = await app.state.tickets.search(q, tag)
    return [dict(r) for r in rows]


@app.post("/tickets/{ticket_id}/view")
async def record_view(ticket_id: int, user_id: int):
    key = f"ticket:{ticket_id}:viewers"
    pipe = app.state.redis.pipeline()
    pipe.sadd(key, user_id)
    pipe.expire(key, 86400)
    # ok: sql-injection
    await pipe.execute()
    return {"ok": True}


@app.get("/stats/status")
async def stats():
    cached = await app.state.redis.get("stats:status")
    if cached:
        return {"cached": True, "data": cached}
    async with app.state.pool.acquire() as conn:
        table = "tickets"
        # ok: sql-injection
        total = await conn.fetchval(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")
    rows = await app.state.tickets.counts_by_status()
    return {"total": total, "by_status": {r["status"]: r["n"] for r in rows}}


def _render_pdf(ticket_id: int) -> bytes:
    return f"ticket {ticket_id}".encode()


@app.get("/tickets/{ticket_id}/pdf")
async def ticket_pdf(ticket_id: int):
    loop = asyncio.get_running_loop()
    data = await loop.run_in_executor(_executor, _render_pdf, ticket_id)
    return {"size": len(data)}


@app.post("/admin/reassign")
async def reassign(from_user: int, to_user: int, team: str):
    status = await app.state.tickets.reassign(from_user, to_user, team)
    return {"status": status}
