"""Async note storage on top of aiosqlite."""

from __future__ import annotations

import textwrap
from typing import Any

import aiosqlite

NOTES_TABLE = "notes"
NOTE_COLUMNS = ("id", "title", "body", "folder", "created_at", "pinned")
EDITABLE = ("title", "body", "folder", "pinned")
SORTABLE = {
    "created": "created_at DESC",
    "title": "title COLLATE NOCASE",
    "pinned": "pinned DESC, created_at DESC",
}

SCHEMA = textwrap.dedent(f"""
    CREATE TABLE IF NOT EXISTS {NOTES_TABLE} (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        folder TEXT NOT NULL DEFAULT 'inbox',
        created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
        pinned INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS idx_{NOTES_TABLE}_folder ON {NOTES_TABLE}(folder);
""")


class NoteRepository:
    def __init__(self, path: str) -> None:
        self.path = path
        self.conn: aiosqlite.Connection | None = None

    async def open(self) -> None:
        self.conn = await aiosqlite.connect(self.path)
        self.conn.row_factory = aiosqlite.Row
        # ok: sql-injection
        await self.conn.executescript(SCHEMA)

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()

    async def get(self, note_id: int) -> dict[str, Any] | None:
        cols = ", ".join(NOTE_COLUMNS)
        # ok: sql-injection
        async with self.conn.execute(f"SELECT {cols} FROM {NOTES_TABLE} WHERE id = ?", (note_id,)) as cur:
            row = await cur.fetchone()
        return dict(row) if row else None

    async def list_folder(self, folder: str, sort: str = "created", limit: int = 50) -> list[dict]:
        order = SORTABLE.get(sort, SORTABLE["created"])
        sql = (
            f"SELECT id, title, pinned FROM {NOTES_TABLE} "
            f"WHERE folder = ? ORDER BY {order} LIMIT ?"
        )
        # ok: sql-injection
        async with self.conn.execute(sql, (folder, limit)) as cur:
            return [dict(r) async for r in cur]

    async def search(self, text: str, folder: str | None = None) -> list[dict]:
        sql = f"SELECT id, title FROM {NOTES_TABLE} WHERE title LIKE '%{text}%'"
        if folder:
            sql += f" AND folder = '{folder}'"
        sql += " ORDER BY created_at DESC"
        # expect: sql-injection
        async with self.conn.execute(sql) as cur:
            return [dict(r) async for r in cur]

    async def search_body(self, text: str) -> list[dict]:
        pattern = f"%{text}%"
        # ok: sql-injection
        async with self.conn.execute(f"SELECT id, title FROM {NOTES_TABLE} WHERE body LIKE ?", (pattern,)) as cur:
            return [dict(r) async for r in cur]

    async def by_ids(self, ids: list[int]) -> list[dict]:
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        # ok: sql-injection
        cur = await self.conn.execute(f"SELECT id, title FROM {NOTES_TABLE} WHERE id IN ({marks})", ids)
        rows = await cur.fetchall()
        await cur.close()
        return [dict(r) for r in rows]

    async def move(self, id_list: str, folder: str) -> int:
        """id_list is the raw "1,2,3" string the bulk-move form posts."""
        # expect: sql-injection
        cur = await self.conn.execute(f"UPDATE {NOTES_TABLE} SET folder = ? WHERE id IN ({id_list})", (folder,))
        await self.conn.commit()
        return cur.rowcount

    async def update(self, note_id: int, **fields: Any) -> None:
        changes = {k: v for k, v in fields.items() if k in EDITABLE}
        if not changes:
            return
        assignments = ", ".join(f"{col} = ?" for col in changes)
        # ok: sql-injection
        await self.conn.execute(f"UPDATE {NOTES_TABLE} SET {assignments} WHERE id = ?", (*changes.values(), note_id))
        await self.conn.commit()

    async def import_notes(self, rows: list[tuple]) -> None:
        cols = NOTE_COLUMNS[1:4]
        placeholders = ", ".join("?" * len(cols))
        sql = f"INSERT INTO {NOTES_TABLE} ({', '.join(cols)}) VALUES ({placeholders})"
        async with self.conn.cursor() as cur:
            # ok: sql-injection
            await cur.executemany(sql, rows)
        await self.conn.commit()

    async def rename_folder(self, old: str, new: str) -> None:
        query = "UPDATE {table} SET folder = '{new}' WHERE folder = '{old}'".format(
            table=NOTES_TABLE, new=new, old=old
        )
        # expect: sql-injection
        await self.conn.execute(query)
        await self.conn.commit()
