"""Forwarding a checked call to the provider's system over one pool of keep-alive connections
(`http1.Pool`).

A call has a time budget (the data service's timeout). It is retried at most once, and only when
that is safe: the connection could not be made (nothing was sent), or, when the data service
declares itself idempotent, the provider said 502/503 or closed the connection without answering,
and some budget is left.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

from panjereh.exchange.constants import Outcome
from panjereh.exchange.gateway import http1
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
        self.pool = http1.Pool(max_body=MAX_RESPONSE_BYTES)
        self.breakers = Breakers()

    async def close(self) -> None:
        await self.pool.close()

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
            try:
                async with asyncio.timeout(max(deadline - time.monotonic(), 0.001)):
                    return await self._once(service, body, headers)
            except http1.ConnectFailed:
                result = Forwarded(Outcome.PROVIDER_UNAVAILABLE, 502)  # nothing was sent: always safe to retry
                retry = True
            except http1.ConnectionDropped:  # closed before any answer: it most likely never read it
                result, retry = Forwarded(Outcome.PROVIDER_ERROR, 502), service.idempotent
            except _Retryable as retryable:
                result, retry = retryable.result, service.idempotent
            except TimeoutError:
                return Forwarded(Outcome.PROVIDER_TIMEOUT, 504)
            except (OSError, ValueError):  # http1.ProtocolError is a ValueError
                return Forwarded(Outcome.PROVIDER_ERROR, 502)
            if not retry or attempt >= 2 or deadline - time.monotonic() < MIN_RETRY_BUDGET:
                return result

    async def _once(self, service: Service, body: bytes, headers: dict[str, str]) -> Forwarded:
        # No redirects: a provider cannot send the person's data, or our request, to another host.
        answer = await self.pool.post(service.url, body, headers)
        if answer.status in RETRYABLE_STATUSES:
            raise _Retryable(Forwarded(Outcome.PROVIDER_ERROR, 502))
        if answer.status != 200:
            return Forwarded(Outcome.PROVIDER_ERROR, 502)
        try:
            service.validate_response(json.loads(answer.body))
        except Exception:
            return Forwarded(Outcome.INVALID_RESPONSE, 502)
        return Forwarded(Outcome.OK, 200, answer.body)


class _Retryable(Exception):
    def __init__(self, result: Forwarded) -> None:
        super().__init__(result.outcome)
        self.result = result
