"""Upload service: presigned S3 uploads for the web app and a public embed widget."""

import os
import uuid

import boto3
from fastapi import FastAPI, HTTPException, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel

from .settings import settings

app = FastAPI(title="uploads")

# The dashboard and the marketing site are the only browser clients.
# ok: permissive-cors
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_credentials=True,
    # ok: permissive-cors
    allow_methods=["*"],
    # ok: permissive-cors
    allow_headers=["*"],
)

# The embeddable widget is served from customers' own sites, so "any origin" was
# the quick fix when the first customer complained.
widget = FastAPI(title="uploads-widget")
# expect: permissive-cors
widget.add_middleware(
    CORSMiddleware,
    allow_origin_regex=".*",
    allow_credentials=True,
    allow_methods=["GET", "POST"],
)
app.mount("/widget", widget)

s3 = boto3.client(
    "s3",
    region_name=settings.aws_region,
)


class PresignRequest(BaseModel):
    filename: str
    content_type: str


@app.post("/uploads/presign")
def presign(req: PresignRequest):
    if req.content_type not in {"image/png", "image/jpeg", "application/pdf"}:
        raise HTTPException(status_code=415, detail="unsupported type")
    key = f"incoming/{uuid.uuid4()}/{os.path.basename(req.filename)}"
    url = s3.generate_presigned_url(
        "put_object",
        Params={"Bucket": settings.bucket, "Key": key, "ContentType": req.content_type},
        ExpiresIn=900,
    )
    return {"url": url, "key": key}


@widget.post("/upload")
async def widget_upload(file: UploadFile):
    body = await file.read()
    if len(body) > 5 * 1024 * 1024:
        raise HTTPException(status_code=413, detail="too large")
    key = f"widget/{uuid.uuid4()}"
    s3.put_object(Bucket=settings.bucket, Key=key, Body=body)
    return {"key": key}
