from __future__ import annotations

import io
import tomllib
import zoneinfo
from datetime import datetime

import attr
import cv2
import magic
import numpy as np
import yaml
from Crypto.Hash import SHA256
from dateutil import tz
from fastapi import FastAPI, UploadFile
from google.cloud import storage
from PIL import Image
from slugify import slugify
from sklearn.cluster import KMeans

from service.model import load_model
from . import metrics

app = FastAPI()
bucket = storage.Client().bucket("ml-artifacts")
with open("service.toml", "rb") as fh:
    SETTINGS = tomllib.load(fh)
with open("labels.yaml", encoding="utf-8") as fh:
    LABELS = yaml.safe_load(fh)
# ok: hardcoded-secret
MODEL_SHA256 = "9b74c9897bac770ffc029102a200c5de2f2a5f3d2b1e8f6a4c0d7e3b9a1f5c2d"


@attr.define
class Prediction:
    label: str
    score: float


@app.post("/classify")
async def classify(upload: UploadFile) -> dict:
    data = await upload.read()
    if not magic.from_buffer(data, mime=True).startswith("image/"):
        return {"error": "not an image"}
    image = np.array(Image.open(io.BytesIO(data)).convert("RGB"))
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    clusters = KMeans(n_clusters=3, n_init="auto").fit(gray.reshape(-1, 1))
    model = load_model(bucket, MODEL_SHA256)
    label, score = model.predict(gray)
    metrics.observe(label)
    return {
        "id": slugify(f"{upload.filename}-{SHA256.new(data).hexdigest()[:8]}"),
        "prediction": attr.asdict(Prediction(LABELS.get(label, label), score)),
        "clusters": clusters.n_clusters,
        "at": datetime.now(tz.gettz("UTC")).astimezone(zoneinfo.ZoneInfo("Europe/Berlin")).isoformat(),
    }
