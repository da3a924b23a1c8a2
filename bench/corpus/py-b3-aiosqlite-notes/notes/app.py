"""aiohttp front end for the notes service."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from .repo import NOTES_TABLE, NoteRepository

routes = web.RouteTableDef()
_render_pool = ThreadPoolExecutor(max_workers=2)


def _render_markdown(body: str) -> str:
    import markdown

    return markdown.markdown(body)


@routes.get("/notes")
async def list_notes(request: web.Request) -> web.Response:
    repo: NoteRepository = request.app["repo"]
    folder = request.query.get("folder", "inbox")
    sort = request.query.get("sort", "created")
    return web.json_response(await repo.list_folder(folder, sort))


@routes.get("/notes/search")
async def search(request: web.Request) -> web.Response:
    repo: NoteRepository = request.app["repo"]
    q = request.query.get("q", "")
    return web.json_response(await repo.search(q, request.query.get("folder")))


@routes.get("/notes/{note_id}/html")
async def render(request: web.Request) -> web.Response:
    repo: NoteRepository = request.app["repo"]
    note = await repo.get(int(request.match_info["note_id"]))
    if note is None:
        raise web.HTTPNotFound()
    loop = asyncio.get_running_loop()
    html = await loop.run_in_executor(_render_pool, _render_markdown, note["body"])
    return web.Response(text=html, content_type="text/html")


@routes.post("/notes/move")
async def move(request: web.Request) -> web.Response:
    repo: NoteRepository = request.app["repo"]
    form = await request.post()
    moved = await repo.move(form["ids"], form["folder"])
    return web.json_response({"moved": moved})


@routes.get("/stats")
async def stats(request: web.Request) -> web.Response:
    repo: NoteRepository = request.app["repo"]
    group = request.query.get("group", "folder")
    # expect: sql-injection
    async with repo.conn.execute(f"SELECT {group}, COUNT(*) AS n FROM {NOTES_TABLE} GROUP BY {group}") as cur:
        rows = [tuple(r) async for r in cur]
    return web.json_response(rows)


@routes.get("/stats/pinned")
async def pinned_stats(request: web.Request) -> web.Response:
    repo: NoteRepository = request.app["repo"]
    folder = request.query.get("folder", "inbox")
    # ok: sql-injection
    async with repo.conn.execute(
        f"SELECT COUNT(*) FROM {NOTES_TABLE} WHERE pinned = 1 AND folder = ?", (folder,)
    ) as cur:
        (count,) = await cur.fetchone()
    return web.json_response({"pinned": count})


async def _startup(app: web.Application) -> None:
    repo = NoteRepository(app["db_path"])
    await repo.open()
    app["repo"] = repo


async def _cleanup(app: web.Application) -> None:
    await app["repo"].close()
    _render_pool.shutdown(wait=False)


def make_app(db_path: str = "notes.db") -> web.Application:
    app = web.Application()
    app["db_path"] = db_path
    app.add_routes(routes)
    app.on_startup.append(_startup)
    app.on_cleanup.append(_cleanup)
    return app
