from starlette.config import Config
from starlette.datastructures import CommaSeparatedStrings, Secret

config = Config(".env")

DEBUG = config("DEBUG", cast=bool, default=False)
# ok: hardcoded-secret
SECRET_KEY = config("SECRET_KEY", cast=Secret)
# ok: permissive-cors
ALLOWED_ORIGINS = config("ALLOWED_ORIGINS", cast=CommaSeparatedStrings, default="https://reader.example.com")
# ok: hardcoded-secret
DATABASE_URL = config("DATABASE_URL", default="postgresql://localhost/feeds")

# expect: hardcoded-secret
FETCHER_PROXY_URL = "http://feedbot:pr0xy-Fetch-2291@proxy.corp.example.com:3128"

# ok: hardcoded-secret
FETCHER_USER_AGENT = "FeedsBot/2.3 (+https://feeds.example.com/bot)"

# expect: hardcoded-secret
SESSION_SECRET = "feeds-session-key-91b7e2c4d8a03f56"
