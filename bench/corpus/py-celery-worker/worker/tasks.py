import io
import os

import boto3
# expect: unknown-dependency
import sentry_sdk
from celery import Celery
from PIL import Image

sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))

# ok: hardcoded-secret
app = Celery("thumbnails", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))
s3 = boto3.client("s3")
SIZES = ((64, 64), (256, 256), (1024, 1024))


@app.task(bind=True, max_retries=3)
def make_thumbnails(self, bucket: str, key: str) -> list[str]:
    original = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    written = []
    for width, height in SIZES:
        image = Image.open(io.BytesIO(original))
        image.thumbnail((width, height))
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP")
        target = f"thumbs/{width}x{height}/{key}.webp"
        s3.put_object(Bucket=bucket, Key=target, Body=buffer.getvalue())
        written.append(target)
    return written
