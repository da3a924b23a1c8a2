import os

UPLOAD_ORIGINS = [o for o in os.environ.get("UPLOAD_ORIGINS", "").split(",") if o]
EMBED_ORIGINS = {"https://blog.example.com", "https://help.example.com"}

MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "media-uploads")
AWS_REGION = os.environ.get("AWS_REGION", "us-east-1")

# ok: hardcoded-secret
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY")

# ok: hardcoded-secret
SIGNING_KEY_PARAM = "/media/prod/url-signing-key"

# expect: hardcoded-secret
TRANSCODER_API_KEY = "trn-8d1f4e7a2b9c6e3f0a5d7b1c"

# expect: hardcoded-secret
REDIS_URL = "redis://:m3dia-cache-Pa55@cache.internal:6379/0"

# ok: hardcoded-secret
RESULTS_URL = os.environ.get("RESULTS_URL", "redis://localhost:6379/1")
