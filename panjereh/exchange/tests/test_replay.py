"""Token ids shared by every gateway process, in the audit database or a real Redis: a replay to another
process fails."""

from __future__ import annotations

import asyncio
import datetime
import uuid
from typing import Any

import httpx
import pytest
from django.test import override_settings
from django.utils import timezone

from panjereh.exchange.audit.io import verify_database
from panjereh.exchange.audit.store import ChainAppender
from panjereh.exchange.audit.writer import AuditWriter
from panjereh.exchange.gateway.app import Gateway
from panjereh.exchange.gateway.replay import RedisReplayGuard, ReplayStoreUnavailable, token_id_first_use
from panjereh.exchange.models import AuditRecord, UsedTokenId
from panjereh.exchange.tests.conftest import SUBJECT, World
from panjereh.exchange.tests.test_audit_log import entry

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


@pytest.mark.django_db(transaction=True)
def test_the_database_remembers_a_key_for_callers_outside_the_loop() -> None:
    key = f"moi-portal:{uuid.uuid4().hex}"
    assert [token_id_first_use(key), token_id_first_use(key), token_id_first_use(key + "x")] == [True, False, True]


async def _call_through(gateways: list[Gateway], headers: dict[str, str]) -> list[httpx.Response]:
    answers = []
    for gateway in gateways:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway), base_url="http://t") as client:
            answers.append(await client.post(PATH, headers=headers, json={"national_code": SUBJECT}))
    for gateway in gateways:
        await gateway.aclose()
    return answers


@pytest.mark.parametrize("store", ["database", "redis"])
def test_a_token_replayed_to_another_gateway_process_is_refused(world: World, store: str, request: Any) -> None:
    headers = world.headers()
    with override_settings(REDIS_URL=request.getfixturevalue("redis_url") if store == "redis" else ""):
        first, replayed = asyncio.run(_call_through([Gateway(), Gateway()], headers))
    assert first.status_code == 200
    assert replayed.status_code == 401 and replayed.json()["error"]["code"] == "invalid_token"
    # Redis is asked before forwarding; the audit database with the record, so the provider may be
    # asked once more, but its answer never leaves.
    assert len(world.provider.script.calls) == (1 if store == "redis" else 2)
    assert b"has_record" not in replayed.content
    assert list(AuditRecord.objects.order_by("seq").values_list("outcome", flat=True)) == ["ok", "invalid_token"]


def test_without_its_replay_store_the_gateway_refuses_and_audits(world: World) -> None:
    with override_settings(REDIS_URL="redis://127.0.0.1:9/0"):
        (answer,) = asyncio.run(_call_through([Gateway()], world.headers()))
    assert answer.status_code == 503 and answer.json()["error"]["code"] == "unavailable"
    assert world.provider.script.calls == []
    record = AuditRecord.objects.get()
    assert record.outcome == "unavailable" and record.consumer == "moi-portal"


REFUSED = {"outcome": "invalid_token", "status": 401, "response_hash": "c" * 64}


@pytest.mark.django_db(transaction=True)
def test_records_claim_their_ids_once_across_writers() -> None:
    """Each writer stands for a gateway process; the same id twice in one batch counts once, and a
    record whose id was taken is written as the refusal."""

    async def scenario() -> tuple[list[tuple[int, bool]], list[tuple[int, bool]]]:
        one, two = AuditWriter(ChainAppender(durable=True)), AuditWriter(ChainAppender(durable=True))
        try:
            together = await asyncio.gather(*(one.append_claiming(entry(n), key, REFUSED)
                                              for n, key in enumerate(["s:a", "s:a", "s:b"])))  # fmt: skip
            later = [await two.append_claiming(entry(3), "s:a", REFUSED), await two.append(entry(4))]
            return list(together), [later[0], (later[1], True)]
        finally:
            await one.aclose()
            await two.aclose()

    first, second = asyncio.run(scenario())
    assert [fresh for _, fresh in first] == [True, False, True] and second == [(4, False), (5, True)]
    outcomes = dict(AuditRecord.objects.values_list("seq", "outcome"))
    assert outcomes == {1: "ok", 2: "invalid_token", 3: "ok", 4: "invalid_token", 5: "ok"}
    assert set(UsedTokenId.objects.values_list("key", flat=True)) == {"s:a", "s:b"}
    assert verify_database().ok


@pytest.mark.django_db(transaction=True)
def test_ids_past_their_time_are_forgotten() -> None:
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    UsedTokenId.objects.create(key="s:old", expires_at=long_ago)

    async def scenario() -> bool:
        writer = AuditWriter(ChainAppender(durable=True))
        try:  # its token could no longer be fresh: refused by the age check alone
            _, first = await writer.append_claiming(entry(1), "s:old", REFUSED)
            return first
        finally:
            await writer.aclose()

    assert asyncio.run(scenario()) is True
    assert UsedTokenId.objects.get(key="s:old").expires_at > timezone.now()


def test_a_token_replayed_to_the_same_process_is_refused_before_it_is_forwarded(world: World) -> None:
    async def scenario() -> list[httpx.Response]:
        gateway = Gateway()
        headers = world.headers()
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway), base_url="http://t") as client:
                return [await client.post(PATH, headers=headers, json={"national_code": SUBJECT}) for _ in range(2)]
        finally:
            await gateway.aclose()

    first, replayed = asyncio.run(scenario())
    assert (first.status_code, replayed.status_code) == (200, 401)
    assert len(world.provider.script.calls) == 1
