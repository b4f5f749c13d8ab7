"""Token ids shared by several gateway processes through a real Redis: a replay to another process fails."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from django.test import override_settings

from panjereh.exchange.gateway.app import Gateway
from panjereh.exchange.gateway.replay import LocalReplayGuard, RedisReplayGuard, ReplayStoreUnavailable
from panjereh.exchange.models import AuditRecord
from panjereh.exchange.tests.conftest import SUBJECT, World

PATH = "/exchange/v1/judiciary/criminal-record"


def test_redis_remembers_a_key_across_clients(redis_url: str) -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        one, two = RedisReplayGuard(redis_url), RedisReplayGuard(redis_url)
        key = f"moi-portal:{uuid.uuid4().hex}"
        try:
            return await one.first_use(key), await two.first_use(key), await two.first_use(key + "x")
        finally:
            await one.aclose()
            await two.aclose()

    assert asyncio.run(scenario()) == (True, False, True)


def test_an_unreachable_redis_fails_closed() -> None:
    async def scenario() -> None:
        guard = RedisReplayGuard("redis://127.0.0.1:9/0")  # the discard port: nothing listens
        try:
            await guard.first_use("moi-portal:abc")
        finally:
            await guard.aclose()

    with pytest.raises(ReplayStoreUnavailable):
        asyncio.run(scenario())


def test_the_local_guard_is_per_process() -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        one, two = LocalReplayGuard(), LocalReplayGuard()
        return await one.first_use("k"), await one.first_use("k"), await two.first_use("k")

    assert asyncio.run(scenario()) == (True, False, True)


async def _call_through(gateways: list[Gateway], headers: dict[str, str]) -> list[httpx.Response]:
    answers = []
    for gateway in gateways:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway), base_url="http://t") as client:
            answers.append(await client.post(PATH, headers=headers, json={"national_code": SUBJECT}))
    for gateway in gateways:
        await gateway.aclose()
    return answers


def test_a_token_replayed_to_another_gateway_process_is_refused(world: World, redis_url: str) -> None:
    headers = world.headers()
    with override_settings(REDIS_URL=redis_url):
        first, replayed = asyncio.run(_call_through([Gateway(), Gateway()], headers))
    assert first.status_code == 200
    assert replayed.status_code == 401 and replayed.json()["error"]["code"] == "invalid_token"
    assert len(world.provider.script.calls) == 1  # the provider heard the first call only
    assert list(AuditRecord.objects.order_by("seq").values_list("outcome", flat=True)) == ["ok", "invalid_token"]


def test_without_its_replay_store_the_gateway_refuses_and_audits(world: World) -> None:
    with override_settings(REDIS_URL="redis://127.0.0.1:9/0"):
        (answer,) = asyncio.run(_call_through([Gateway()], world.headers()))
    assert answer.status_code == 503 and answer.json()["error"]["code"] == "unavailable"
    assert world.provider.script.calls == []
    record = AuditRecord.objects.get()
    assert record.outcome == "unavailable" and record.consumer == "moi-portal"
