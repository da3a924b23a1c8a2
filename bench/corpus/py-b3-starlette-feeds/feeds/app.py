from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from feeds import config
from feeds.store import FeedStore

store = FeedStore(config.DATABASE_URL)


async def list_feeds(request: Request) -> JSONResponse:
    return JSONResponse(await store.feeds_for(request.session.get("user_id")))


async def opml_export(request: Request) -> Response:
    return Response(await store.opml(request.session.get("user_id")), media_type="text/x-opml")


async def public_feed(request: Request) -> Response:
    body = await store.rss(request.path_params["slug"])
    response = Response(body, media_type="application/rss+xml")
    # ok: permissive-cors
    response.headers["Access-Control-Allow-Origin"] = "https://reader.example.com"
    return response


async def preview(request: Request) -> JSONResponse:
    response = JSONResponse(await store.preview(request.query_params["url"]))
    # expect: permissive-cors
    response.headers["Access-Control-Allow-Origin"] = request.headers["origin"]
    response.headers["Access-Control-Allow-Credentials"] = "true"
    return response


widget_app = Starlette(
    routes=[Route("/{slug}.rss", public_feed)],
    middleware=[
        # expect: permissive-cors
        Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True, allow_methods=["GET"]),
    ],
)

embed_app = Starlette(
    routes=[Route("/preview", preview)],
    middleware=[
        # ok: permissive-cors
        Middleware(CORSMiddleware, allow_origin_regex=r"https://[a-z0-9-]+\.example\.com", allow_methods=["GET"]),
    ],
)

middleware = [
    Middleware(SessionMiddleware, secret_key=config.SESSION_SECRET, https_only=True),
    # ok: permissive-cors
    Middleware(
        CORSMiddleware,
        allow_origins=list(config.ALLOWED_ORIGINS),
        allow_credentials=True,
        allow_methods=["GET", "POST", "DELETE"],
    ),
]

app = Starlette(
    debug=config.DEBUG,
    routes=[
        Route("/feeds", list_feeds),
        Route("/feeds/export.opml", opml_export),
        Mount("/public", app=widget_app),
        Mount("/embed", app=embed_app),
    ],
    middleware=middleware,
)
