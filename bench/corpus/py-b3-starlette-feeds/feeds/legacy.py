"""Old read-only API kept alive for the browser extension."""

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route


async def unread_count(request):
    return JSONResponse({"unread": 0})


legacy_middleware = [
    # expect: permissive-cors
    Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"]),
]

legacy_app = Starlette(routes=[Route("/unread", unread_count)], middleware=legacy_middleware)
