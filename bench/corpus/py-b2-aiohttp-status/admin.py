"""Separate admin listener, only the ops console may call it from a browser."""

import os

import aiohttp_cors
from aiohttp import web

# ok: permissive-cors
ADMIN_ORIGIN = os.environ.get("ADMIN_ORIGIN", "https://ops.acme.io")


async def silence(request):
    return web.json_response({"silenced": request.match_info["name"]})


def make_admin_app():
    app = web.Application()
    route = app.router.add_post("/admin/silence/{name}", silence)
    cors = aiohttp_cors.setup(app)
    cors.add(
        route,
        {
            # ok: permissive-cors
            ADMIN_ORIGIN: aiohttp_cors.ResourceOptions(
                allow_credentials=True,
                allow_methods=["POST"],
            )
        },
    )
    return app
