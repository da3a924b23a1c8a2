from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="NOTES_")

    database_url: str
    # ok: hardcoded-secret
    jwt_secret: str = Field(..., min_length=32)
    # ok: hardcoded-secret
    token_type: str = "bearer"
    page_size: int = 50


settings = Settings()
