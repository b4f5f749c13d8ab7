"""Where the gateway remembers the token ids (`jti`) it has accepted, so none is accepted twice.

One gateway process remembers them itself. Several processes (or hosts) must share the memory, or
a token replayed to another process would pass: with REDIS_URL set they share it in Redis, one
`SET NX EX` per call, the key living as long as a token could still be fresh.
"""

from __future__ import annotations

import time
from typing import Protocol

from panjereh.exchange.gateway.tokens import REMEMBER_SECONDS, SeenTokenIds

KEY_PREFIX = "panjereh:jti:"


class ReplayStoreUnavailable(Exception):
    pass


class ReplayGuard(Protocol):
    async def first_use(self, key: str) -> bool: ...

    async def aclose(self) -> None: ...


class LocalReplayGuard:
    def __init__(self) -> None:
        self.seen = SeenTokenIds()

    async def first_use(self, key: str) -> bool:
        return self.seen.first_use(key, time.monotonic())

    async def aclose(self) -> None:
        return None


class RedisReplayGuard:
    def __init__(self, url: str) -> None:
        import redis.asyncio

        # Short timeouts: a stuck Redis must refuse calls quickly (fail closed), not hold them.
        self.client = redis.asyncio.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)

    async def first_use(self, key: str) -> bool:
        import redis

        try:
            return bool(await self.client.set(KEY_PREFIX + key, b"1", nx=True, ex=REMEMBER_SECONDS))
        except (redis.RedisError, OSError) as error:
            raise ReplayStoreUnavailable(str(error)) from error

    async def aclose(self) -> None:
        await self.client.aclose()


def replay_guard(redis_url: str) -> ReplayGuard:
    return RedisReplayGuard(redis_url) if redis_url else LocalReplayGuard()
