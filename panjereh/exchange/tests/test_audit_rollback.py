"""Two gateway processes' writers on one audit log, and someone with write access to its database
(but neither the signing key nor the witnesses' files) removing or replacing the newest records. Each
writer remembers the newest head it has seen (the one it chained on, or wrote) and refuses to append
to a log that no longer has it as it was: the review's cases c11b and c11c. What no writer ever saw is
for the witnesses (test_audit_head.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from panjereh.exchange.audit import chain
from panjereh.exchange.audit.io import verify_database
from panjereh.exchange.audit.store import AuditRolledBack, ChainAppender
from panjereh.exchange.audit.writer import AuditWriter
from panjereh.exchange.models import AuditHead, AuditRecord
from panjereh.exchange.tests.test_audit_log import entry

pytestmark = pytest.mark.django_db(transaction=True)

HEAD_FIELDS = ("seq", "hash", "key_id", "signature", "signed_at")


def cut_to(seq: int) -> None:
    """The newest records removed and the head row moved back to `seq` (its signature left as it was)."""
    AuditRecord.objects.filter(seq__gt=seq).delete()
    AuditHead.objects.filter(pk=1).update(seq=seq, hash=AuditRecord.objects.get(seq=seq).hash)


def put_back(head: dict[str, Any]) -> None:
    """The newest records removed and an older signed head put back whole (kept from its day)."""
    AuditRecord.objects.filter(seq__gt=head["seq"]).delete()
    AuditHead.objects.filter(pk=1).update(**head)


def signed_head() -> dict[str, Any]:
    return dict(AuditHead.objects.values(*HEAD_FIELDS).get(pk=1))


def two_writers(scenario: Callable[[AuditWriter, AuditWriter], Awaitable[Any]]) -> Any:
    """`scenario(a, b)` with two writers, each on its own connection, as two gateway processes."""

    async def run() -> Any:
        a, b = AuditWriter(ChainAppender(durable=True)), AuditWriter(ChainAppender(durable=True))
        try:
            return await scenario(a, b)
        finally:
            await a.aclose()
            await b.aclose()

    return asyncio.run(run())


async def database(work: Callable[..., Any], *args: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(None, work, *args)


async def refusal(writer: AuditWriter, n: int) -> AuditRolledBack | int:
    try:
        return await writer.append(entry(n, subject="2222222222"))
    except AuditRolledBack as error:
        return error


def test_c11b_the_records_of_one_process_removed_and_the_head_moved_back_the_other_refuses_too() -> None:
    async def scenario(a: AuditWriter, b: AuditWriter) -> tuple[Any, Any]:
        assert await a.append(entry(1)) == 1
        assert [await b.append(entry(2)), await b.append(entry(3))] == [2, 3]
        await database(cut_to, 1)  # B's records gone; the head is A's last one again
        return await refusal(a, 4), await refusal(b, 5)

    by_a, by_b = two_writers(scenario)
    assert isinstance(by_a, AuditRolledBack) and "the head at record 1 is not the one this writer saw" in str(by_a)
    assert isinstance(by_b, AuditRolledBack) and "the head is record 1, and this writer saw record 3" in str(by_b)
    assert list(AuditRecord.objects.values_list("seq", flat=True)) == [1]  # nothing written, nothing signed


def test_c11c_the_newest_record_of_one_process_removed_the_other_does_not_write_another_under_its_number() -> None:
    async def scenario(a: AuditWriter, b: AuditWriter) -> tuple[Any, Any]:
        assert await a.append(entry(1)) == 1
        assert await b.append(entry(2)) == 2
        await database(cut_to, 1)
        return await refusal(a, 3), await refusal(b, 4)

    by_a, by_b = two_writers(scenario)
    assert isinstance(by_a, AuditRolledBack) and isinstance(by_b, AuditRolledBack)
    assert list(AuditRecord.objects.values_list("seq", flat=True)) == [1]


def test_c11c_with_the_older_signed_head_put_back_the_writer_of_the_removed_record_refuses_the_new_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The head put back whole, signature and all: A never saw record 2 and cannot tell (the witnesses
    can), so it writes another record 2. B, which wrote the first record 2, refuses to go on from it,
    and still does once the log has grown past it; its log says so once, not at every batch."""

    async def scenario(a: AuditWriter, b: AuditWriter) -> tuple[Any, Any]:
        assert await a.append(entry(1)) == 1
        older = await database(signed_head)
        assert await b.append(entry(2)) == 2
        await database(put_back, older)
        assert await a.append(entry(3, subject="2222222222")) == 2  # another record 2: the witnesses' part
        refused_at_2 = await refusal(b, 4)
        assert await a.append(entry(5, subject="2222222222")) == 3
        return refused_at_2, await refusal(b, 6)

    at_2, past_it = two_writers(scenario)
    assert isinstance(at_2, AuditRolledBack) and "record 2 is no longer the one this writer saw" in str(at_2)
    assert isinstance(past_it, AuditRolledBack) and "record 2 is no longer the one this writer saw" in str(past_it)
    said = [r.getMessage() for r in caplog.records if "rolled back under this gateway process" in r.getMessage()]
    assert len(said) == 1 and "record 2 is no longer the one this writer saw" in said[0]
    assert list(AuditRecord.objects.values_list("subject", flat=True).order_by("seq")) == [
        "0499370899", "2222222222", "2222222222",
    ]  # fmt: skip


def test_a_writer_refuses_to_sign_over_its_newest_record_rewritten_and_rehashed() -> None:
    async def scenario(a: AuditWriter, b: AuditWriter) -> Any:
        assert [await a.append(entry(1)), await a.append(entry(2))] == [1, 2]
        await database(rewrite, 2)
        return await refusal(a, 3)

    assert isinstance(two_writers(scenario), AuditRolledBack)
    assert AuditRecord.objects.count() == 2
    result = verify_database()  # the rewrite stays as visible as it was: no signature of ours over it
    assert not result.ok and result.problem == "the head is not signed by a trusted key"


def rewrite(seq: int) -> None:
    record = AuditRecord.objects.get(seq=seq)
    fields = {name: getattr(record, name) for name in chain.FIELDS} | {"subject": "1111111111"}
    rehashed = chain.record_hash(seq, record.prev_hash, fields)
    AuditRecord.objects.filter(seq=seq).update(subject="1111111111", hash=rehashed)
    AuditHead.objects.filter(pk=1).update(hash=rehashed)


def test_writers_taking_turns_on_an_untouched_log_write_one_chain() -> None:
    async def scenario(a: AuditWriter, b: AuditWriter) -> list[int]:
        seqs: list[int] = []
        for n in range(6):
            seqs += await asyncio.gather(a.append(entry(2 * n)), b.append(entry(2 * n + 1)))
        return seqs

    assert sorted(two_writers(scenario)) == list(range(1, 13))
    assert verify_database().ok


def waiting_for_a_lock() -> None:
    """Until a PostgreSQL backend waits for a lock (10 s at most)."""
    from django.db import connection

    for _ in range(1000):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return
        time.sleep(0.01)
    raise AssertionError("no backend waited for a lock")


def test_two_writers_making_the_first_head_at_once_both_write() -> None:
    """The log's first batch makes its head row. A second writer whose first batch meets the first one's
    uncommitted head waits for it on PostgreSQL (and then chains on it), or is told the log is locked on
    SQLite (and tries again): never a duplicate-key error that would fail its calls."""
    from django.db import connections

    a, b = ChainAppender(durable=True), ChainAppender(durable=True)
    a.open()
    b.open()
    try:
        assert a.stage([entry(1)]) == ([1], [True])
        with ThreadPoolExecutor(max_workers=1) as pool:
            second = pool.submit(b.stage, [entry(2)])
            if connections["audit"].vendor == "postgresql":
                waiting_for_a_lock()  # b is waiting on a's uncommitted head
                assert not second.done()
                a.commit()
                assert second.result(timeout=10) == ([2], [True])
                b.commit()
            else:
                with pytest.raises(Exception) as refused:
                    second.result(timeout=10)
                assert b.is_locked(refused.value)
                a.commit()
                assert b.stage([entry(2)]) == ([2], [True])
                b.commit()
    finally:
        a.close()
        b.close()
    assert list(AuditRecord.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2]
    assert verify_database().ok
