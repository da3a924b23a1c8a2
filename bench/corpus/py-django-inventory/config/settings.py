import environ

env = environ.Env(DEBUG=(bool, False))
environ.Env.read_env()

# ok: hardcoded-secret
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "corsheaders",
    "inventory",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]

# ok: permissive-cors
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=["http://localhost:3000"])
# ok: permissive-cors
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\w+\.inventory\.example\.com$"]
# ok: permissive-cors
CORS_ALLOW_CREDENTIALS = True
# ok: permissive-cors
CORS_ORIGIN_ALLOW_ALL = DEBUG and env.bool("CORS_DEV_ALLOW_ALL", default=False)

DATABASES = {"default": env.db("DATABASE_URL")}
# ok: hardcoded-secret
PASSWORD_RESET_TIMEOUT = 3600
# ok: hardcoded-secret
SESSION_COOKIE_NAME = "inv_sessionid"
# ok: hardcoded-secret
CSRF_COOKIE_NAME = "inv_csrftoken"
