import os

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    aws_region: str = "eu-west-1"
    bucket: str = "acme-uploads-prod"
    # ok: permissive-cors
    cors_origins: list[str] = ["https://app.acme.io", "https://www.acme.io"]
    # ok: hardcoded-secret
    aws_secret_access_key: str = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
    # ok: hardcoded-secret
    sentry_dsn_env: str = "UPLOADS_SENTRY_DSN"
    # expect: hardcoded-secret
    aws_access_key_id: str = "AKIAIOSFODNN7EXAMPLE"

    class Config:
        env_prefix = "UPLOADS_"


settings = Settings()
