import datetime
import os

import jwt

# ok: hardcoded-secret
TOKEN_TYPE = "Bearer"
# ok: hardcoded-secret
PASSWORD_FIELD = "password"
# ok: hardcoded-secret
RESET_TOKEN_TTL = datetime.timedelta(hours=1)


def issue(user_id: int) -> str:
    payload = {"sub": str(user_id), "exp": datetime.datetime.now(datetime.timezone.utc) + RESET_TOKEN_TTL}
    # expect: hardcoded-secret
    return jwt.encode(payload, "my-super-secret-jwt-signing-key-2024", algorithm="HS256")


def verify(token: str) -> dict:
    # ok: hardcoded-secret
    return jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])


# expect: hardcoded-secret
def connect_admin(host: str, user: str = "admin", password: str = "Adm1nP@ssw0rd!") -> str:
    return f"{user}@{host}"
