import os

import httpx
from fastapi import FastAPI, Request, Response
from starlette.middleware.cors import CORSMiddleware

UPSTREAMS = {"orders": os.environ.get("ORDERS_URL", "http://orders:8000")}

app = FastAPI()
# expect: permissive-cors
app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True, allow_methods=["GET", "POST"])

internal = FastAPI()
# ok: permissive-cors
internal.add_middleware(CORSMiddleware, allow_origin_regex=r"https://[a-z0-9-]+\.example\.com", allow_methods=["GET"])

public = FastAPI()
# expect: permissive-cors
public.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])

partners = FastAPI()
# ok: permissive-cors
partners.add_middleware(CORSMiddleware, allow_origins=os.environ.get("PARTNER_ORIGINS", "").split(","), allow_credentials=True)


@app.api_route("/{service}/{path:path}", methods=["GET", "POST"])
async def proxy(service: str, path: str, request: Request) -> Response:
    base = UPSTREAMS.get(service)
    if base is None:
        return Response(status_code=404)
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        upstream = await client.request(request.method, f"/{path}", content=await request.body())
    return Response(content=upstream.content, status_code=upstream.status_code)


@public.get("/status")
async def status() -> dict:
    return {"ok": True}


@internal.get("/echo")
async def echo(request: Request) -> Response:
    response = Response(content=b"ok")
    # expect: permissive-cors
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin", "*")
    return response
