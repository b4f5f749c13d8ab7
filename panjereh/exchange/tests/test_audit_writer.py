"""The gateway's audit writer: its own connection, written from the event loop's thread, a batch per turn."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections
from django.test import override_settings

from panjereh.exchange.audit import ring
from panjereh.exchange.audit.io import verify_database
from panjereh.exchange.audit.store import ChainAppender
from panjereh.exchange.gateway.writer import AuditClosed, AuditWriter
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey
from panjereh.exchange.tests.test_audit_log import entry
from panjereh.infra.sqlite.base import WriteLock

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
def test_the_writers_connection_flushes_each_commit_to_disk_when_durable(durable: bool) -> None:
    """The run's own database: PostgreSQL's commit waits for the disk; so does SQLite's in memory,
    which has no write-ahead log to flush apart (a file has one: the next test)."""
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
        assert appender.commit_waits_for_disk is durable
    finally:
        appender.close()


class FlushWatchedAppender(ChainAppender):
    """The real appender on a SQLite file, holding its flush until released."""

    def __init__(self, alias: str) -> None:
        super().__init__(durable=True, alias=alias)
        self.flushing, self.release = threading.Event(), threading.Event()
        self.flush_threads: list[int] = []

    def flush(self) -> None:
        self.flush_threads.append(threading.get_ident())
        self.flushing.set()
        assert self.release.wait(5)
        super().flush()


def chain_tables_in(file_database: str) -> str:
    """The chain's tables in the test's own SQLite file; its path."""
    with connections[file_database].schema_editor() as editor:
        for model in (AuditRecord, AuditHead, AuditCheckpoint, AuditSigningKey):
            editor.create_model(model)
    return str(connections[file_database].settings_dict["NAME"])


def assert_committed_and_the_turn_given_back(name: str) -> None:
    other = WriteLock.beside(name)
    assert other is not None
    try:
        assert other.acquire(blocking=False)  # the turn was given back at the commit
    finally:
        other.close()
    reader = sqlite3.connect(name)  # committed: others read it already
    try:
        assert reader.execute(f"SELECT seq FROM {AuditRecord._meta.db_table}").fetchall() == [(1,)]
    finally:
        reader.close()


def test_on_a_sqlite_file_the_log_is_flushed_after_the_commit_with_no_writer_held_back(file_database: str) -> None:
    """Durable, without io_uring: the call is answered only once the write-ahead log is flushed; the flush
    runs in its own thread after the commit, and meanwhile the database's other writers may take their turn."""
    name = chain_tables_in(file_database)
    appender = FlushWatchedAppender(file_database)

    async def scenario() -> tuple[int, int]:
        writer = AuditWriter(appender, io_uring=False)
        try:
            call = asyncio.ensure_future(writer.append(entry(0)))
            deadline = time.monotonic() + 5
            while not appender.flushing.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.001)  # the loop goes on turning while the flush is held
            assert appender.flushing.is_set()
            assert not call.done()  # not answered before its record is on the disk
            assert_committed_and_the_turn_given_back(name)
            appender.release.set()
            return await call, threading.get_ident()
        finally:
            await writer.aclose()

    try:
        seq, loop_thread = asyncio.run(scenario())
    finally:
        appender.release.set()
    assert seq == 1 and appender.flush_threads and loop_thread not in appender.flush_threads
    assert not appender.commit_waits_for_disk
    appender.open()  # what it flushes: the file's own write-ahead log, on a connection kept open
    try:
        assert appender._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: the flush is apart
        appender.flush()
        assert appender._log_fd is not None
        assert os.fstat(appender._log_fd).st_ino == os.stat(name + "-wal").st_ino
    finally:
        appender.close()


def test_a_writer_holding_the_lock_elsewhere_is_waited_for_and_nothing_is_lost() -> None:
    """Another process's writer holds the chain; ours waits (the loop keeps serving) and then appends."""
    write([entry(0)])
    held, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        other = connections.create_connection("default")
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


def _wal_database(path: Any, rows: int) -> Any:
    import sqlite3

    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # as the gateway's writer connection
    writer.execute("CREATE TABLE record (n INTEGER, body TEXT)")
    for n in range(rows):
        writer.execute("INSERT INTO record VALUES (?, ?)", (n, "x" * 500))
    return writer


OPEN_FLUSHER = ring.open_flusher


class HeldRing:
    """The real io_uring flusher, its flushes held until `go` is set; notes the files it flushes."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        real = OPEN_FLUSHER(loop)
        assert real is not None, "io_uring is available on the machines this project runs on"
        self.real, self.loop = real, loop
        self.go = asyncio.Event()
        self.fds: list[int] = []

    def datasync(self, fd: int, then: Callable[[], None] | None = None) -> asyncio.Future[None]:
        self.fds.append(fd)
        return asyncio.ensure_future(self._when_released(fd, then))

    async def _when_released(self, fd: int, then: Callable[[], None] | None) -> None:
        await self.go.wait()
        await self.real.datasync(fd, then)

    def close(self) -> None:
        self.real.close()


@pytest.mark.skipif(ring.liburing is None, reason="liburing has wheels for Linux on x86_64 only")
def test_on_a_sqlite_file_the_log_is_flushed_through_io_uring_with_no_thread(
    file_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Durable: the flush of the write-ahead log is asked of the kernel and read by the loop; the call
    is answered only once it is done, and no thread is made for it."""
    name = chain_tables_in(file_database)
    rings: list[HeldRing] = []
    monkeypatch.setattr(ring, "open_flusher", lambda loop: rings.append(HeldRing(loop)) or rings[-1])
    appender = ChainAppender(durable=True, alias=file_database)

    async def scenario() -> tuple[int, bool]:
        writer = AuditWriter(appender)
        try:
            call = asyncio.ensure_future(writer.append(entry(0)))
            deadline = time.monotonic() + 5
            while not (rings and rings[0].fds) and time.monotonic() < deadline:
                await asyncio.sleep(0.001)
            assert rings and rings[0].fds
            await asyncio.sleep(0.01)
            assert not call.done()  # not answered before its record is on the disk
            assert_committed_and_the_turn_given_back(name)
            assert os.fstat(rings[0].fds[0]).st_ino == os.stat(name + "-wal").st_ino  # the log's own file
            rings[0].go.set()
            seq = await call
            assert await writer.append(entry(1)) == 2  # the same ring for the next batch
            return seq, writer._flusher is None
        finally:
            await writer.aclose()

    seq, no_thread = asyncio.run(scenario())
    assert seq == 1 and no_thread
    assert len(rings) == 1 and len(rings[0].fds) == 2


class OneByOneRing(HeldRing):
    """Each flush held until released by number (1, 2, …); notes whether a batch is staged from a
    flush's completion (the loop's turn that learns of it)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(loop)
        self.released: dict[int, asyncio.Event] = {}
        self.in_completion = False

    def release(self, number: int) -> None:
        self.released.setdefault(number, asyncio.Event()).set()

    async def _when_released(self, fd: int, then: Callable[[], None] | None) -> None:
        await self.released.setdefault(len(self.fds), asyncio.Event()).wait()
        await self.real.datasync(fd, self._noted(then))

    def _noted(self, then: Callable[[], None] | None) -> Callable[[], None]:
        def noted() -> None:
            self.in_completion = True
            try:
                if then is not None:
                    then()
            finally:
                self.in_completion = False

        return noted


class StagesNotedAppender(ChainAppender):
    def __init__(self, alias: str, rings: list[OneByOneRing]) -> None:
        super().__init__(durable=True, alias=alias)
        self.rings = rings
        self.stages: list[tuple[int, bool]] = []  # (records, staged from a flush's completion)

    def stage(self, entries: Any) -> list[int]:
        self.stages.append((len(entries), bool(self.rings) and self.rings[0].in_completion))
        return super().stage(entries)


@pytest.mark.skipif(ring.liburing is None, reason="liburing has wheels for Linux on x86_64 only")
def test_through_io_uring_the_next_batch_is_committed_as_soon_as_the_flush_before_it_is_done(
    file_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the flush's completion, in the loop's turn that learns of it; answered only after its own
    flush; and a writer closed meanwhile fails those calls rather than leaving them waiting."""
    chain_tables_in(file_database)
    rings: list[OneByOneRing] = []
    monkeypatch.setattr(ring, "open_flusher", lambda loop: rings.append(OneByOneRing(loop)) or rings[-1])
    appender = StagesNotedAppender(file_database, rings)

    async def scenario() -> tuple[int, list[BaseException | int]]:
        writer = AuditWriter(appender)
        try:
            first = asyncio.ensure_future(writer.append(entry(0)))
            while not (rings and rings[0].fds):
                await asyncio.sleep(0.001)
            later = [asyncio.ensure_future(writer.append(entry(n))) for n in range(1, 5)]
            await asyncio.sleep(0.01)
            rings[0].release(1)
            seq = await first
            while len(rings[0].fds) < 2:  # the second batch's flush is asked for, and held
                await asyncio.sleep(0.001)
            await asyncio.sleep(0.01)
            assert not any(call.done() for call in later)  # committed, not yet durable: not answered
        finally:
            await writer.aclose()
        return seq, list(await asyncio.wait_for(asyncio.gather(*later, return_exceptions=True), 5))

    seq, later = asyncio.run(scenario())
    assert seq == 1
    assert appender.stages == [(1, False), (4, True)]
    assert all(isinstance(result, AuditClosed) for result in later)


def test_where_io_uring_is_refused_the_writer_flushes_from_its_thread_and_asks_no_more(
    file_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain_tables_in(file_database)
    asked: list[object] = []
    monkeypatch.setattr(ring, "open_flusher", lambda loop: asked.append(loop))  # None: the kernel said no
    appender = FlushWatchedAppender(file_database)
    appender.release.set()

    async def scenario() -> list[int]:
        writer = AuditWriter(appender)
        try:
            return [await writer.append(entry(0)), await writer.append(entry(1))]
        finally:
            await writer.aclose()

    assert asyncio.run(scenario()) == [1, 2]
    assert len(appender.flush_threads) == 2 and len(asked) == 1


class FailingFlushAppender(FlushWatchedAppender):
    def flush(self) -> None:
        super().flush()
        if len(self.flush_threads) == 1:
            raise OSError(5, "Input/output error")


@pytest.mark.parametrize("io_uring", [False, True])
def test_a_failed_flush_fails_its_calls_and_never_writes_their_records_again(
    file_database: str, monkeypatch: pytest.MonkeyPatch, io_uring: bool
) -> None:
    """Their records are committed (the chain is whole); the calls are refused, not retried one by one
    into a second copy of each record."""
    chain_tables_in(file_database)
    if io_uring:  # the kernel's error for the flush, from the ring
        monkeypatch.setattr(ring, "open_flusher", lambda loop: FailingRing(loop))
    appender = FailingFlushAppender(file_database)
    appender.release.set()

    async def scenario() -> tuple[list[BaseException | int], int]:
        writer = AuditWriter(appender, io_uring=io_uring)
        try:
            first = await asyncio.gather(*(writer.append(entry(n)) for n in range(3)), return_exceptions=True)
            return first, await writer.append(entry(3))
        finally:
            await writer.aclose()

    first, later = asyncio.run(scenario())
    assert all(isinstance(result, OSError) and result.errno == 5 for result in first)
    assert later == 4
    reader = sqlite3.connect(connections[file_database].settings_dict["NAME"])
    try:
        assert reader.execute(f"SELECT seq FROM {AuditRecord._meta.db_table}").fetchall() == [(1,), (2,), (3,), (4,)]
    finally:
        reader.close()


class FailingRing(HeldRing):
    """The first flush fails as the disk would fail it; the rest are real."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(loop)
        self.go.set()

    async def _when_released(self, fd: int, then: Callable[[], None] | None) -> None:
        if len(self.fds) == 1:
            raise OSError(5, "Input/output error")
        await super()._when_released(fd, then)


def test_the_sqlite_log_is_copied_into_the_database_by_a_thread_not_by_the_writers_commits(tmp_path: Any) -> None:
    import sqlite3

    from panjereh.exchange.audit.store import WalCheckpointer

    path = tmp_path / "chain.sqlite3"
    writer = _wal_database(path, 400)
    size_before = path.stat().st_size
    assert size_before < 100_000  # everything is still in the log

    checkpointer = WalCheckpointer(lambda: sqlite3.connect(path), every=0.02)
    try:
        deadline = time.monotonic() + 5
        while path.stat().st_size <= size_before and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        checkpointer.stop()
    assert path.stat().st_size > 200_000  # the 400 rows are now in the database file
    assert not checkpointer.thread.is_alive()
    writer.close()


def test_a_long_sqlite_log_is_emptied_and_a_short_one_only_copied(tmp_path: Any) -> None:
    import sqlite3

    from panjereh.exchange.audit.store import WalCheckpointer

    path = tmp_path / "chain.sqlite3"
    wal = tmp_path / "chain.sqlite3-wal"
    writer = _wal_database(path, 200)  # one frame per commit at least: 200+ frames in the log
    roomy = WalCheckpointer(lambda: sqlite3.connect(path), every=3600, truncate_frames=10_000)
    checkpointer = WalCheckpointer(lambda: sqlite3.connect(path), every=3600, truncate_frames=100)
    db = sqlite3.connect(path)
    try:
        roomy.checkpoint(db)  # shorter than its limit: copied, the file left as it is
        assert wal.stat().st_size > 100_000
        checkpointer.checkpoint(db)  # longer: emptied
        assert wal.stat().st_size == 0
        assert db.execute("SELECT count(*) FROM record").fetchone()[0] == 200  # nothing lost
        writer.execute("INSERT INTO record VALUES (200, 'y')")  # and the log is written again from its start
        assert 0 < wal.stat().st_size < 20_000
    finally:
        roomy.stop()
        checkpointer.stop()
        db.close()
        writer.close()


def test_a_long_sqlite_log_is_caught_up_with_the_writers_turn_held_so_the_next_writer_starts_it_again(
    tmp_path: Any,
) -> None:
    import sqlite3

    from panjereh.exchange.audit.store import WalCheckpointer

    path = tmp_path / "chain.sqlite3"
    writer = _wal_database(path, 200)  # 200+ frames in the log
    turn = WriteLock.beside(str(path))
    other = WriteLock.beside(str(path))
    assert turn is not None and other is not None
    checkpointer = WalCheckpointer(lambda: sqlite3.connect(path), every=3600, truncate_frames=10_000,
                                   write_lock=turn, catch_up_frames=100)  # fmt: skip
    db = sqlite3.connect(path, check_same_thread=False)  # the round runs in a thread of its own below
    try:
        other.acquire()  # another writer has the turn: the catch-up waits for it
        round_done = threading.Thread(target=checkpointer.checkpoint, args=(db,))
        round_done.start()
        round_done.join(0.3)
        assert round_done.is_alive()
        other.release()
        round_done.join(5)
        assert not round_done.is_alive()
        writer.execute("INSERT INTO record VALUES (200, 'y')")  # the log all copied: written from its start
        frames = sqlite3.connect(path).execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
        assert 0 < frames < 10
        assert db.execute("SELECT count(*) FROM record").fetchone()[0] == 201
    finally:
        checkpointer.stop()
        other.close()
        db.close()
        writer.close()


def test_without_the_writers_queue_a_long_log_is_copied_and_nothing_is_held(tmp_path: Any) -> None:
    import sqlite3

    from panjereh.exchange.audit.store import WalCheckpointer

    path = tmp_path / "chain.sqlite3"
    writer = _wal_database(path, 200)
    size_before = path.stat().st_size
    checkpointer = WalCheckpointer(lambda: sqlite3.connect(path), every=3600, truncate_frames=10_000,
                                   catch_up_frames=100)  # fmt: skip  # no write_lock: a database without the queue
    db = sqlite3.connect(path)
    try:
        checkpointer.checkpoint(db)
        assert path.stat().st_size > size_before  # copied into the database file
        writer.execute("INSERT INTO record VALUES (200, 'y')")
        assert db.execute("SELECT count(*) FROM record").fetchone()[0] == 201
    finally:
        checkpointer.stop()
        db.close()
        writer.close()


def test_emptying_the_sqlite_log_does_not_wait_long_for_a_writer_in_a_transaction(tmp_path: Any) -> None:
    import sqlite3

    from panjereh.exchange.audit.store import WalCheckpointer

    path = tmp_path / "chain.sqlite3"
    wal = tmp_path / "chain.sqlite3-wal"
    writer = _wal_database(path, 200)
    checkpointer = WalCheckpointer(lambda: sqlite3.connect(path), every=3600, truncate_frames=100)
    db = sqlite3.connect(path, timeout=30)  # the checkpoint sets its own, short, wait
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO record VALUES (200, 'in flight')")
        started = time.monotonic()
        checkpointer.checkpoint(db)
        assert time.monotonic() - started < 2  # gave up (WAL_TRUNCATE_WAIT_MS), did not wait 30 s
        assert wal.stat().st_size > 100_000  # not emptied while the writer held it
        writer.execute("COMMIT")
        checkpointer.checkpoint(db)  # next round: emptied, the writer's row kept
        assert wal.stat().st_size == 0
        assert db.execute("SELECT count(*) FROM record").fetchone()[0] == 201
    finally:
        checkpointer.stop()
        db.close()
        writer.close()


def test_the_gateways_writer_leaves_sqlite_checkpoints_to_its_thread() -> None:
    appender = ChainAppender(durable=True)
    appender.open()
    try:
        if appender.vendor == "sqlite":
            assert appender._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
            assert appender._checkpointer is not None and appender._checkpointer.thread.is_alive()
        else:  # PostgreSQL has no such log to copy: no thread
            assert appender._checkpointer is None
    finally:
        appender.close()
    assert appender._checkpointer is None


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

    def stage(self, entries: Any) -> list[int]:
        self.batches.append(len(entries))
        return super().stage(entries)

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
            while not appender.committing.is_set():  # the first batch's flush is in flight, and the loop
                await asyncio.sleep(0.001)  # goes on turning (a commit in its thread would hang here)
            later = [asyncio.ensure_future(writer.append(entry(n))) for n in range(1, 5)]
            await asyncio.sleep(0.01)
            assert not first.done() and not any(f.done() for f in later)  # nothing answered before it is durable
            appender.release.set()
            return [await first, *[await f for f in later]], threading.get_ident()
        finally:
            await writer.aclose()

    seqs, loop_thread = asyncio.run(scenario())
    assert seqs == [1, 2, 3, 4, 5]
    assert appender.batches == [1, 4]  # the four that came during the flush went together
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
        threading.Timer(0.05, appender.release.set).start()  # the flush in flight ends while closing
        await writer.aclose()
        return list(await asyncio.wait_for(asyncio.gather(in_flight, queued, return_exceptions=True), 5))

    results = asyncio.run(scenario())
    assert all(isinstance(result, AuditClosed) for result in results)
    assert verify_database().ok


class TurnTakingAppender:
    """No database: only the turn among the writers, which another writer has when the batch comes."""

    durable = False
    commit_waits_for_disk = False
    is_open = True

    def __init__(self) -> None:
        self.free = threading.Event()
        self.tries: list[tuple[bool, int]] = []  # (blocking, thread) of each take_turn

    def take_turn(self, blocking: bool = True) -> bool:
        self.tries.append((blocking, threading.get_ident()))
        return self.free.wait(5) if blocking else self.free.is_set()

    def stage(self, entries: Any) -> list[int]:
        return list(range(1, len(entries) + 1))

    def open(self) -> None: ...
    def commit(self) -> None: ...
    def flush(self) -> None: ...
    def abort(self) -> None: ...
    def close(self) -> None: ...
    def is_locked(self, error: Exception) -> bool:
        return False


def test_the_writer_waits_for_its_turn_in_a_thread_while_the_loop_serves_others_not_by_polling() -> None:
    appender = TurnTakingAppender()

    async def scenario() -> tuple[int, int]:
        writer = AuditWriter(appender)  # type: ignore[arg-type]
        try:
            call = asyncio.ensure_future(writer.append(entry(0)))
            turns = 0
            for _ in range(20):  # the loop goes on turning meanwhile
                await asyncio.sleep(0.005)
                turns += 1
            assert not call.done()
            appender.free.set()
            return await asyncio.wait_for(call, 5), turns
        finally:
            await writer.aclose()

    seq, turns = asyncio.run(scenario())
    assert seq == 1 and turns == 20
    loop_thread = appender.tries[0][1]
    assert [blocking for blocking, _ in appender.tries] == [False, True]  # one look, then one wait: no polling
    assert appender.tries[1][1] != loop_thread


def test_the_chain_appender_takes_its_turn_among_the_writers_of_its_sqlite_file(file_database: str) -> None:
    from django.db import transaction

    appender = ChainAppender(durable=True, alias=file_database)
    appender.open()
    try:
        with transaction.atomic(using=file_database):  # a Django writer on the same file has the turn
            with connections[file_database].cursor() as cursor:
                cursor.execute("INSERT INTO item VALUES (1)")
            assert not appender.take_turn(blocking=False)
        assert appender.take_turn(blocking=False)
        appender.abort()  # gives the turn back
        other = WriteLock.beside(connections[file_database].settings_dict["NAME"])
        assert other is not None
        try:
            assert other.acquire(blocking=False)
        finally:
            other.close()
    finally:
        appender.close()
