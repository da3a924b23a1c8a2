import json
import os

import aiohttp_cors
import redis.asyncio as aioredis
from aiohttp import web

routes = web.RouteTableDef()
ALLOWED_ORIGINS = {"https://chat.example.com", "https://staging.chat.example.com"}


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


@routes.get("/messages/{room}")
async def messages(request: web.Request) -> web.Response:
    store = request.app["redis"]
    raw = await store.lrange(f"room:{request.match_info['room']}", 0, 50)
    resp = web.json_response([json.loads(m) for m in raw])
    origin = request.headers.get("Origin")
    # expect: permissive-cors
    resp.headers["Access-Control-Allow-Origin"] = origin
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


@routes.get("/rooms")
async def rooms(request: web.Request) -> web.Response:
    resp = web.json_response(sorted(await request.app["redis"].smembers("rooms")))
    origin = request.headers.get("Origin", "")
    if origin in ALLOWED_ORIGINS:
        # ok: permissive-cors
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.headers["Vary"] = "Origin"
    return resp


async def on_startup(app: web.Application) -> None:
    # ok: hardcoded-secret
    app["redis"] = aioredis.from_url(os.environ["REDIS_URL"], decode_responses=True)


def create_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    # expect: permissive-cors
    cors = aiohttp_cors.setup(app, defaults={
        "*": aiohttp_cors.ResourceOptions(allow_credentials=True, expose_headers="*", allow_headers="*"),
    })
    for route in list(app.router.routes()):
        cors.add(route)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=int(os.environ.get("PORT", "8080")))
