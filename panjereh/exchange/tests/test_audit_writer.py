"""The gateway's audit writer: its own connection to the audit database, written from the event
loop's thread, a batch per turn, the durable commit waiting for the disk in a thread of its own."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.test import override_settings

from panjereh.exchange.audit.io import verify_database
from panjereh.exchange.audit.router import AUDIT_DB
from panjereh.exchange.audit.store import ChainAppender
from panjereh.exchange.audit.writer import AuditClosed, AuditWriter
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey
from panjereh.exchange.tests.test_audit_log import entry

pytestmark = pytest.mark.django_db(transaction=True)


def write(entries: list[dict[str, Any]], writer: AuditWriter | None = None) -> list[int]:
    async def scenario() -> list[int]:
        own = writer or AuditWriter(ChainAppender(durable=True))
        try:
            return list(await asyncio.gather(*(own.append(one) for one in entries)))
        finally:
            if writer is None:
                await own.aclose()

    return asyncio.run(scenario())


def test_records_arriving_together_are_committed_together_and_verify() -> None:
    seqs = write([entry(n) for n in range(25)])
    assert seqs == list(range(1, 26))
    assert AuditRecord.objects.count() == 25
    assert verify_database().ok


@override_settings(AUDIT_CHECKPOINT_EVERY=10)
def test_the_writer_signs_checkpoints_as_the_chain_grows() -> None:
    write([entry(n) for n in range(25)])
    assert list(AuditCheckpoint.objects.values_list("seq", flat=True)) == [25]
    write([entry(n) for n in range(3)])
    assert verify_database().ok


@pytest.mark.parametrize("durable", [True, False])
def test_the_writers_connection_commits_to_disk_when_durable(durable: bool) -> None:
    """PostgreSQL's commit waits for the disk (synchronous_commit); so does SQLite's (synchronous FULL:
    the write-ahead log is flushed at every commit)."""
    appender = ChainAppender(durable=durable)
    appender.open()
    try:
        cursor = appender._db.cursor()
        if appender.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == (2 if durable else 1)  # FULL or NORMAL
        else:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == ("on" if durable else "off")
    finally:
        appender.close()


def chain_tables_in(file_database: str) -> str:
    """The chain's tables in the test's own SQLite file; its path."""
    with connections[file_database].schema_editor() as editor:
        for model in (AuditRecord, AuditHead, AuditCheckpoint, AuditSigningKey):
            editor.create_model(model)
    return str(connections[file_database].settings_dict["NAME"])


def test_a_writer_holding_the_lock_elsewhere_is_waited_for_and_nothing_is_lost() -> None:
    """Another process's writer holds the chain; ours waits (the loop keeps serving) and then appends."""
    write([entry(0)])
    held, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        other = connections.create_connection(AUDIT_DB)
        try:
            with other.cursor() as cursor:
                if other.vendor == "sqlite":
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("UPDATE exchange_audithead SET seq = seq WHERE id = 1")
                else:
                    other.set_autocommit(False)
                    cursor.execute("SELECT seq FROM exchange_audithead WHERE id = 1 FOR UPDATE")
                held.set()
                release.wait(5)
                cursor.execute("COMMIT")
        finally:
            other.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    assert held.wait(5)
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    assert write([entry(1), entry(2)]) == [2, 3]
    assert time.monotonic() - started >= 0.15
    thread.join(5)
    assert verify_database().ok


def test_a_broken_connection_fails_its_batch_and_the_next_one_opens_a_new_connection() -> None:
    async def scenario() -> tuple[BaseException | None, int]:
        writer = AuditWriter(ChainAppender(durable=True))
        await writer.append(entry(0))
        writer.appender._db.close()  # type: ignore[attr-defined]  # the database went away under it
        failed: BaseException | None = None
        try:
            await writer.append(entry(1))
        except Exception as error:
            failed = error
        seq = await writer.append(entry(2))
        await writer.aclose()
        return failed, seq

    failed, seq = asyncio.run(scenario())
    assert failed is not None
    assert seq == 2  # the failed record was never committed; the chain goes on without a gap
    assert AuditRecord.objects.count() == 2 and verify_database().ok


RECORDS = 24_000
WAL_FRAMES_AT_MOST = 2_000  # SQLite's mark (1,000 pages) and a batch of 500 records past it


def test_on_a_sqlite_file_the_write_ahead_log_is_copied_into_the_database_as_it_grows(file_database: str) -> None:
    """SQLite's own WAL copy (every 1,000 pages, in the commit that crosses the mark) keeps the audit
    file's log short: it is written again from its beginning once copied, instead of growing."""
    name = chain_tables_in(file_database)
    writer = AuditWriter(ChainAppender(durable=False, alias=file_database))  # the same copy either way

    async def scenario() -> None:
        try:
            for start in range(0, RECORDS, 500):
                await asyncio.gather(*(writer.append(entry(n, jti=f"jti-{start + n}")) for n in range(500)))
        finally:
            await writer.aclose()

    asyncio.run(scenario())
    reader = sqlite3.connect(name)
    try:
        records = reader.execute(f"SELECT count(*) FROM {AuditRecord._meta.db_table}").fetchone()[0]
        pages = reader.execute("PRAGMA page_count").fetchone()[0]
        page_size = reader.execute("PRAGMA page_size").fetchone()[0]
    finally:
        reader.close()
    wal_bytes = Path(name + "-wal").stat().st_size
    frames = wal_bytes // (page_size + 24)  # the log's header is smaller than a frame's
    assert records == RECORDS
    assert pages > WAL_FRAMES_AT_MOST  # never copied, the log would hold every page at least once
    assert frames < WAL_FRAMES_AT_MOST


class WatchedAppender(ChainAppender):
    """The real appender, noting which thread commits and holding a commit until it is released."""

    def __init__(self, *, durable: bool, fail_first_commit: bool = False) -> None:
        super().__init__(durable=durable)
        self.release = threading.Event()
        self.release.set()
        self.committing = threading.Event()
        self.commit_threads: list[int] = []
        self.batches: list[int] = []
        self.fail_first_commit = fail_first_commit

    def stage(self, entries: Any, claims: Any = ()) -> tuple[list[int], list[bool]]:
        self.batches.append(len(entries))
        return super().stage(entries, claims)

    def commit(self) -> None:
        self.commit_threads.append(threading.get_ident())
        self.committing.set()
        assert self.release.wait(5)
        if self.fail_first_commit:
            self.fail_first_commit = False
            raise OSError("disk I/O error")
        super().commit()


def test_a_durable_commit_runs_in_its_own_thread_while_the_loop_serves_others_and_gathers_the_next_batch() -> None:
    appender = WatchedAppender(durable=True)
    appender.release.clear()

    async def scenario() -> tuple[list[int], int]:
        writer = AuditWriter(appender)
        try:
            first = asyncio.ensure_future(writer.append(entry(0)))
            while not appender.committing.is_set():  # the first batch's commit waits for the disk, and the
                await asyncio.sleep(0.001)  # loop goes on turning (a commit in its thread would hang here)
            later = [asyncio.ensure_future(writer.append(entry(n))) for n in range(1, 5)]
            await asyncio.sleep(0.01)
            assert not first.done() and not any(f.done() for f in later)  # nothing answered before it is durable
            appender.release.set()
            return [await first, *[await f for f in later]], threading.get_ident()
        finally:
            await writer.aclose()

    seqs, loop_thread = asyncio.run(scenario())
    assert seqs == [1, 2, 3, 4, 5]
    assert appender.batches == [1, 4]  # the four that came during the commit went together
    assert loop_thread not in appender.commit_threads
    assert AuditRecord.objects.count() == 5 and verify_database().ok


def test_a_commit_that_does_not_wait_for_the_disk_stays_in_the_loops_thread() -> None:
    appender = WatchedAppender(durable=False)

    async def scenario() -> int:
        writer = AuditWriter(appender)
        try:
            await writer.append(entry(0))
        finally:
            await writer.aclose()
        return threading.get_ident()

    assert appender.commit_threads == [asyncio.run(scenario())]


def test_a_failed_commit_fails_its_calls_leaves_no_record_and_the_chain_goes_on() -> None:
    appender = WatchedAppender(durable=True, fail_first_commit=True)

    async def scenario() -> tuple[list[BaseException | int], int]:
        writer = AuditWriter(appender)
        try:
            first = await asyncio.gather(writer.append(entry(0)), return_exceptions=True)
            return first, await writer.append(entry(1))
        finally:
            await writer.aclose()

    first, seq = asyncio.run(scenario())
    assert isinstance(first[0], OSError)
    assert seq == 1  # the failed batch was rolled back: no gap, no half-written record
    assert AuditRecord.objects.count() == 1 and verify_database().ok


class CommittedThenFailingAppender(ChainAppender):
    """The first commit is made, and then fails as if its answer was lost on the way back."""

    def __init__(self) -> None:
        super().__init__(durable=True)
        self.batches: list[int] = []

    def stage(self, entries: Any, claims: Any = ()) -> tuple[list[int], list[bool]]:
        self.batches.append(len(entries))
        return super().stage(entries, claims)

    def commit(self) -> None:
        super().commit()
        if len(self.batches) == 1:
            raise OSError(5, "Input/output error")


def test_a_commit_that_fails_fails_its_calls_and_never_writes_their_records_again() -> None:
    """Not tried again one by one: the commit may have been made all the same (here it was), and a
    second copy of each record would be a second record of one call."""
    appender = CommittedThenFailingAppender()

    async def scenario() -> tuple[list[BaseException | int], int]:
        writer = AuditWriter(appender)
        try:
            first = await asyncio.gather(*(writer.append(entry(n)) for n in range(3)), return_exceptions=True)
            return first, await writer.append(entry(3))
        finally:
            await writer.aclose()

    first, later = asyncio.run(scenario())
    assert all(isinstance(result, OSError) and result.errno == 5 for result in first)
    assert appender.batches == [3, 1] and later == 4
    assert list(AuditRecord.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3, 4]
    assert verify_database().ok


def test_a_writer_closed_and_used_again_opens_its_connection_and_thread_again() -> None:
    async def scenario() -> list[int]:
        writer = AuditWriter(ChainAppender(durable=True))
        first = await writer.append(entry(0))
        await writer.aclose()
        second = await writer.append(entry(1))
        await writer.aclose()
        return [first, second]

    assert asyncio.run(scenario()) == [1, 2]
    assert AuditRecord.objects.count() == 2 and verify_database().ok


def test_calls_still_waiting_when_the_writer_closes_are_failed_not_left_hanging() -> None:
    appender = WatchedAppender(durable=True)
    appender.release.clear()

    async def scenario() -> list[BaseException | int]:
        writer = AuditWriter(appender)
        in_flight = asyncio.ensure_future(writer.append(entry(0)))
        while not appender.committing.is_set():
            await asyncio.sleep(0.001)
        queued = asyncio.ensure_future(writer.append(entry(1)))
        await asyncio.sleep(0.01)
        threading.Timer(0.05, appender.release.set).start()  # the commit in flight ends while closing
        await writer.aclose()
        return list(await asyncio.wait_for(asyncio.gather(in_flight, queued, return_exceptions=True), 5))

    results = asyncio.run(scenario())
    assert all(isinstance(result, AuditClosed) for result in results)
    assert verify_database().ok
