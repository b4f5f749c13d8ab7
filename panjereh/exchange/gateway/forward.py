"""Forwarding a checked call to the provider's system over one pooled HTTP client.

A call has a time budget (the data service's timeout). It is retried at most once, and only when
that is safe: the connection could not be made (nothing was sent), or the provider said 502/503
and the data service declares itself idempotent, and some budget is left.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import aiohttp

from panjereh.exchange.constants import Outcome
from panjereh.exchange.gateway.breaker import Breakers
from panjereh.exchange.gateway.registry import Service

RETRYABLE_STATUSES = frozenset({502, 503})
MIN_RETRY_BUDGET = 0.05
MAX_RESPONSE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Forwarded:
    outcome: str
    status: int  # what the gateway answers the consumer
    body: bytes = b""


class Forwarder:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self.breakers = Breakers()

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=0, limit_per_host=256, keepalive_timeout=30, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, auto_decompress=False, skip_auto_headers=("User-Agent",)
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def forward(self, service: Service, body: bytes, headers: dict[str, str]) -> Forwarded:
        breaker = self.breakers.of(service.provider)
        if not breaker.allow():
            return Forwarded(Outcome.PROVIDER_UNAVAILABLE, 503)
        try:
            result = await self._attempts(service, body, headers)
        except BaseException:
            breaker.failure()  # cancelled or broken: the trial must not stay "running" for ever
            raise
        if result.outcome in (Outcome.PROVIDER_ERROR, Outcome.PROVIDER_TIMEOUT, Outcome.PROVIDER_UNAVAILABLE):
            breaker.failure()
        else:
            breaker.success()
        return result

    async def _attempts(self, service: Service, body: bytes, headers: dict[str, str]) -> Forwarded:
        deadline = time.monotonic() + service.timeout
        attempt = 0
        while True:
            attempt += 1
            remaining = deadline - time.monotonic()
            try:
                return await self._once(service, body, headers, remaining)
            except aiohttp.ClientConnectorError:
                result = Forwarded(Outcome.PROVIDER_UNAVAILABLE, 502)  # nothing was sent: always safe to retry
                retry = True
            except _Retryable as retryable:
                result, retry = retryable.result, service.idempotent
            except TimeoutError:
                return Forwarded(Outcome.PROVIDER_TIMEOUT, 504)
            except (aiohttp.ClientError, ValueError):
                return Forwarded(Outcome.PROVIDER_ERROR, 502)
            if not retry or attempt >= 2 or deadline - time.monotonic() < MIN_RETRY_BUDGET:
                return result

    async def _once(self, service: Service, body: bytes, headers: dict[str, str], budget: float) -> Forwarded:
        timeout = aiohttp.ClientTimeout(total=max(budget, 0.001))
        # No redirects: a provider cannot send the person's data, or our request, to another host.
        post = self.session().post(service.url, data=body, headers=headers, timeout=timeout, allow_redirects=False)
        async with post as response:
            if response.status in RETRYABLE_STATUSES:
                raise _Retryable(Forwarded(Outcome.PROVIDER_ERROR, 502))
            if response.status != 200 or (response.content_length or 0) > MAX_RESPONSE_BYTES:
                return Forwarded(Outcome.PROVIDER_ERROR, 502)
            payload = await _read_capped(response)
            if payload is None:
                return Forwarded(Outcome.PROVIDER_ERROR, 502)
        try:
            service.validate_response(json.loads(payload))
        except Exception:
            return Forwarded(Outcome.INVALID_RESPONSE, 502)
        return Forwarded(Outcome.OK, 200, payload)


async def _read_capped(response: aiohttp.ClientResponse) -> bytes | None:
    """The whole body, or None past MAX_RESPONSE_BYTES (a chunked answer declares no length)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_any():
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class _Retryable(Exception):
    def __init__(self, result: Forwarded) -> None:
        super().__init__(result.outcome)
        self.result = result
