"""Where the token ids (`jti`) accepted by the gateway and the agency-system API are remembered, so
none is accepted twice, at whichever process it arrives: never in a process's memory alone.

- Embedded (no REDIS_URL): in the audit database (`UsedTokenId`). The gateway claims the id with the
  call's audit record, in the same transaction (`AuditWriter.append_claiming`): a call whose id another
  process claimed first is answered 401 and recorded so. Each process also remembers the ids it has
  seen (`RecentIds`), so a replay to the same process is refused before anything is forwarded. The
  API (low volume) claims through the ORM.
- With REDIS_URL: in Redis, one `SET NX EX` per call, before forwarding.

Either way an id is kept as long as a token with it could still be fresh; a store that cannot be
reached refuses the call (fails closed).
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from panjereh.exchange.audit.router import AUDIT_DB
from panjereh.exchange.constants import TOKEN_ID_REMEMBER_SECONDS
from panjereh.exchange.models import UsedTokenId

KEY_PREFIX = "panjereh:jti:"


class ReplayStoreUnavailable(Exception):
    pass


class RecentIds:
    """The ids one gateway process has seen lately: a first look, before the shared store's answer."""

    def __init__(self, ttl: float = TOKEN_ID_REMEMBER_SECONDS) -> None:
        self.ttl = ttl
        self._seen: dict[str, float] = {}
        self._next_purge = 0.0

    def first_use(self, key: str) -> bool:
        now = time.monotonic()
        if now >= self._next_purge:
            self._seen = {k: expiry for k, expiry in self._seen.items() if expiry > now}
            self._next_purge = now + 1.0
        if key in self._seen:
            return False
        self._seen[key] = now + self.ttl
        return True


class RedisReplayGuard:
    def __init__(self, url: str) -> None:
        import redis.asyncio

        # Short timeouts: a stuck Redis must refuse calls quickly (fail closed), not hold them.
        self.client = redis.asyncio.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)

    async def first_use(self, key: str) -> bool:
        import redis

        try:
            return bool(await self.client.set(KEY_PREFIX + key, b"1", nx=True, ex=TOKEN_ID_REMEMBER_SECONDS))
        except (redis.RedisError, OSError) as error:
            raise ReplayStoreUnavailable(str(error)) from error

    async def aclose(self) -> None:
        await self.client.aclose()


_redis_clients: dict[str, Any] = {}


def token_id_first_use(key: str) -> bool:
    """The same, for callers outside the event loop (the agency-system API). Raises
    ReplayStoreUnavailable when the store cannot be reached."""
    url = getattr(settings, "REDIS_URL", "")
    if url:
        import redis

        client = _redis_clients.get(url)
        if client is None:
            client = _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        try:
            return bool(client.set(KEY_PREFIX + key, b"1", nx=True, ex=TOKEN_ID_REMEMBER_SECONDS))
        except (redis.RedisError, OSError) as error:
            raise ReplayStoreUnavailable(str(error)) from error
    now = timezone.now()
    try:
        with transaction.atomic(using=AUDIT_DB):
            UsedTokenId.objects.filter(expires_at__lt=now).delete()
            UsedTokenId.objects.create(key=key, expires_at=now + datetime.timedelta(seconds=TOKEN_ID_REMEMBER_SECONDS))
    except IntegrityError:
        return False
    except DatabaseError as error:
        raise ReplayStoreUnavailable(str(error)) from error
    return True
