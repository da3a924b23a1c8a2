"""Status page backend: health checks for internal services and a public JSON feed."""

import asyncio
import os

import aiohttp_cors
# expect: unknown-dependency
import yaml
from aiohttp import ClientSession, ClientTimeout, web

# ok: hardcoded-secret
PAGERDUTY_TOKEN = os.getenv("PAGERDUTY_TOKEN")
# expect: hardcoded-secret
INTERNAL_API_TOKEN = "st4tus-b0t-8c1d0e2f9a7b4c6d"

routes = web.RouteTableDef()


def load_targets(path="targets.yaml"):
    with open(path) as fh:
        return yaml.safe_load(fh)["targets"]


async def probe(session, target):
    try:
        async with session.get(
            target["url"],
            # ok: hardcoded-secret
            headers={"Authorization": f"Bearer {INTERNAL_API_TOKEN}"},
        ) as resp:
            return target["name"], resp.status < 500
    except Exception:
        return target["name"], False


@routes.get("/api/status")
async def status(request):
    timeout = ClientTimeout(total=3)
    async with ClientSession(timeout=timeout) as session:
        results = await asyncio.gather(*(probe(session, t) for t in request.app["targets"]))
    return web.json_response({name: ok for name, ok in results})


@routes.post("/api/incidents")
async def create_incident(request):
    body = await request.json()
    request.app["incidents"].append(body)
    return web.json_response(body, status=201)


def make_app():
    app = web.Application()
    app["targets"] = load_targets()
    app["incidents"] = []
    app.add_routes(routes)

    cors = aiohttp_cors.setup(
        app,
        defaults={
            # expect: permissive-cors
            "*": aiohttp_cors.ResourceOptions(
                allow_credentials=True,
                expose_headers="*",
                allow_headers="*",
            ),
        },
    )
    for route in list(app.router.routes()):
        cors.add(route)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=int(os.getenv("PORT", "8080")))
