"""Where the token ids (`jti`) accepted by the gateway and the agency-system API are remembered, so
none is accepted twice, at whichever process it arrives: never in a process's memory.

- Embedded (no REDIS_URL): in the audit database (`UsedTokenId`). The gateway claims through its
  audit writer, in the same group commits as the records; the API (low volume) through the ORM.
- With REDIS_URL: in Redis, one `SET NX EX` per call.

Either way an id is kept as long as a token with it could still be fresh; a store that cannot be
reached refuses the call (fails closed).
"""

from __future__ import annotations

import asyncio
import datetime
from typing import Any, Protocol

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from panjereh.exchange.audit.router import AUDIT_DB
from panjereh.exchange.audit.writer import AuditWriter
from panjereh.exchange.constants import TOKEN_ID_REMEMBER_SECONDS
from panjereh.exchange.models import UsedTokenId

KEY_PREFIX = "panjereh:jti:"


class ReplayStoreUnavailable(Exception):
    pass


class ReplayGuard(Protocol):
    async def first_use(self, key: str) -> tuple[bool, asyncio.Future[None] | None]:
        """Whether the id is new, and (if the claim is not durable yet) what to await before answering."""
        ...

    async def aclose(self) -> None: ...


class DatabaseReplayGuard:
    """Claims through the gateway's audit writer, in its next batch (see AuditWriter.claim)."""

    def __init__(self, writer: AuditWriter) -> None:
        self.writer = writer

    async def first_use(self, key: str) -> tuple[bool, asyncio.Future[None] | None]:
        try:
            claim = await self.writer.claim(key)
        except Exception as error:  # the writer's backlog, its closing, the database's refusal
            raise ReplayStoreUnavailable(str(error)) from error
        return claim.fresh, claim.committed

    async def aclose(self) -> None:
        return None  # the writer is the gateway's, and closed by it


class RedisReplayGuard:
    def __init__(self, url: str) -> None:
        import redis.asyncio

        # Short timeouts: a stuck Redis must refuse calls quickly (fail closed), not hold them.
        self.client = redis.asyncio.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)

    async def first_use(self, key: str) -> tuple[bool, asyncio.Future[None] | None]:
        import redis

        try:
            return bool(await self.client.set(KEY_PREFIX + key, b"1", nx=True, ex=TOKEN_ID_REMEMBER_SECONDS)), None
        except (redis.RedisError, OSError) as error:
            raise ReplayStoreUnavailable(str(error)) from error

    async def aclose(self) -> None:
        await self.client.aclose()


def replay_guard(redis_url: str, writer: AuditWriter) -> ReplayGuard:
    return RedisReplayGuard(redis_url) if redis_url else DatabaseReplayGuard(writer)


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
