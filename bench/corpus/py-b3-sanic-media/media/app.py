from sanic import Sanic
from sanic.response import json
from sanic_cors import CORS, cross_origin

from media import settings
from media.storage import MediaStore

app = Sanic("media")
app.config.update_config(settings)

# expect: permissive-cors
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)

store = MediaStore()


@app.get("/api/media/<media_id>")
async def get_media(request, media_id: str):
    url = await store.presigned_url(media_id)
    return json({"id": media_id, "url": url})


@app.get("/thumbnails/<media_id>")
# expect: permissive-cors
@cross_origin(app)
async def thumbnail(request, media_id: str):
    return json({"thumbnail": await store.thumbnail_url(media_id)})


@app.post("/uploads")
# ok: permissive-cors
@cross_origin(app, origins=settings.UPLOAD_ORIGINS, supports_credentials=True)
async def create_upload(request):
    upload = await store.start_upload(request.json["filename"], request.json["content_type"])
    return json(upload, status=201)


@app.get("/embed/<media_id>")
async def embed(request, media_id: str):
    response = json({"player": f"/player/{media_id}"})
    # expect: permissive-cors
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin", "*")
    return response


@app.get("/oembed")
async def oembed(request):
    response = json({"version": "1.0", "type": "video"})
    origin = request.headers.get("origin")
    if origin in settings.EMBED_ORIGINS:
        # ok: permissive-cors
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response
