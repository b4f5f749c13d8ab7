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

from panjereh.exchange.audit.store import ChainAppender
from panjereh.exchange.audit.writer import AuditWriter
from panjereh.exchange.gateway.app import Gateway
from panjereh.exchange.gateway.replay import RedisReplayGuard, ReplayStoreUnavailable, token_id_first_use
from panjereh.exchange.models import AuditRecord, UsedTokenId
from panjereh.exchange.tests.conftest import SUBJECT, World

PATH = "/exchange/v1/judiciary/criminal-record"


def test_redis_remembers_a_key_across_clients(redis_url: str) -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        one, two = RedisReplayGuard(redis_url), RedisReplayGuard(redis_url)
        key = f"moi-portal:{uuid.uuid4().hex}"
        try:
            answers = [await one.first_use(key), await two.first_use(key), await two.first_use(key + "x")]
            return answers[0][0], answers[1][0], answers[2][0]  # Redis's answer is durable: nothing to await
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
    assert len(world.provider.script.calls) == 1  # the provider heard the first call only
    assert list(AuditRecord.objects.order_by("seq").values_list("outcome", flat=True)) == ["ok", "invalid_token"]


def test_without_its_replay_store_the_gateway_refuses_and_audits(world: World) -> None:
    with override_settings(REDIS_URL="redis://127.0.0.1:9/0"):
        (answer,) = asyncio.run(_call_through([Gateway()], world.headers()))
    assert answer.status_code == 503 and answer.json()["error"]["code"] == "unavailable"
    assert world.provider.script.calls == []
    record = AuditRecord.objects.get()
    assert record.outcome == "unavailable" and record.consumer == "moi-portal"


@pytest.mark.django_db(transaction=True)
def test_the_audit_writer_claims_ids_in_its_batches_once_across_writers() -> None:
    """Each writer stands for a gateway process; the same id twice in one batch counts once."""

    async def claimed(writer: AuditWriter, key: str) -> bool:
        claim = await writer.claim(key)
        await claim.committed
        return claim.fresh

    async def scenario() -> tuple[list[bool], list[bool]]:
        one, two = AuditWriter(ChainAppender(durable=True)), AuditWriter(ChainAppender(durable=True))
        try:
            together = await asyncio.gather(claimed(one, "s:a"), claimed(one, "s:a"), claimed(one, "s:b"))
            return list(together), [await claimed(two, "s:a"), await claimed(two, "s:c")]
        finally:
            await one.aclose()
            await two.aclose()

    assert asyncio.run(scenario()) == ([True, False, True], [False, True])
    assert set(UsedTokenId.objects.values_list("key", flat=True)) == {"s:a", "s:b", "s:c"}


class LosingAppender(ChainAppender):
    """The first commit fails, as a disk that gave out would."""

    def commit(self) -> None:
        if not getattr(self, "lost", False):
            self.lost = True
            self.abort()
            raise OSError(5, "Input/output error")
        super().commit()


@pytest.mark.django_db(transaction=True)
def test_a_claim_whose_commit_is_lost_says_so_and_the_id_is_not_remembered() -> None:
    async def scenario() -> tuple[bool, BaseException | None, bool]:
        writer = AuditWriter(LosingAppender(durable=True))
        try:
            claim = await writer.claim("s:lost")
            try:
                await claim.committed
                error = None
            except OSError as lost:
                error = lost
            again = await writer.claim("s:lost")
            await again.committed
            return claim.fresh, error, again.fresh
        finally:
            await writer.aclose()

    fresh, error, again = asyncio.run(scenario())
    assert fresh and isinstance(error, OSError)  # the gateway refuses that call (503 unavailable)
    assert again  # nothing of the lost transaction stayed


@pytest.mark.django_db(transaction=True)
def test_ids_past_their_time_are_forgotten() -> None:
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    UsedTokenId.objects.create(key="s:old", expires_at=long_ago)

    async def scenario() -> bool:
        writer = AuditWriter(ChainAppender(durable=True))
        try:
            claim = await writer.claim("s:old")  # its token could no longer be fresh: refused by the age check alone
            await claim.committed
            return claim.fresh
        finally:
            await writer.aclose()

    assert asyncio.run(scenario()) is True
    assert UsedTokenId.objects.get(key="s:old").expires_at > timezone.now()
