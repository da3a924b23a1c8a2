import os

import redis

# ok: hardcoded-secret
primary = redis.Redis(host=os.environ["REDIS_HOST"], port=6379, password=os.environ["REDIS_PASSWORD"])

# expect: hardcoded-secret
sessions = redis.from_url("redis://:s3cr3tR3d1sP4ss@cache.internal.example.com:6379/1")

# ok: hardcoded-secret
local = redis.from_url("redis://localhost:6379/0")


def warm(keys: list[str]) -> int:
    pipe = primary.pipeline()
    for key in keys:
        pipe.get(key)
    return sum(1 for value in pipe.execute() if value is not None)
