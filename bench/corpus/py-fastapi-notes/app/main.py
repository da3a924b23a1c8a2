from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, HTTPException, Query
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel

from app.settings import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool(settings.database_url, min_size=1, max_size=10)
    yield
    await app.state.pool.close()


app = FastAPI(title="Notes API", lifespan=lifespan)

# expect: permissive-cors
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


class NoteIn(BaseModel):
    title: str
    body: str
    owner: str


ALLOWED_SORT = {"created": "created_at", "title": "title", "updated": "updated_at"}


@app.get("/notes")
async def list_notes(owner: str, order_by: str = Query("created_at")):
    async with app.state.pool.acquire() as conn:
        # expect: sql-injection
        rows = await conn.fetch(
            f"SELECT id, title, body FROM notes WHERE owner = $1 ORDER BY {order_by} DESC", owner
        )
    return [dict(r) for r in rows]


@app.get("/notes/sorted")
async def sorted_notes(sort: str = "created"):
    column = ALLOWED_SORT.get(sort, "created_at")
    async with app.state.pool.acquire() as conn:
        # ok: sql-injection
        rows = await conn.fetch(f"SELECT id, title FROM notes ORDER BY {column} LIMIT $1", settings.page_size)
    return [dict(r) for r in rows]


@app.get("/notes/{note_id}")
async def get_note(note_id: int):
    async with app.state.pool.acquire() as conn:
        # ok: sql-injection
        row = await conn.fetchrow("SELECT id, title, body FROM notes WHERE id = $1", note_id)
    if row is None:
        raise HTTPException(status_code=404, detail="note not found")
    return dict(row)


@app.post("/notes", status_code=201)
async def create_note(note: NoteIn):
    async with app.state.pool.acquire() as conn:
        note_id = await conn.fetchval(
            "INSERT INTO notes (title, body, owner) VALUES ($1, $2, $3) RETURNING id",
            note.title,
            note.body,
            note.owner,
        )
    return {"id": note_id}


@app.delete("/notes")
async def delete_notes(ids: str):
    async with app.state.pool.acquire() as conn:
        # expect: sql-injection
        await conn.execute("DELETE FROM notes WHERE id IN (" + ids + ")")
    return {"deleted": ids}
