"""Appending to the chain, a batch at a time.

Two ways in: `append_batch` on Django's connection (commands and tests), and `ChainAppender`, the
gateway's own DB-API connection, used from its event loop's thread. Both run the same SQL.
Writers of every process serialise on the AuditHead row (SELECT … FOR UPDATE on PostgreSQL; the
IMMEDIATE transaction on SQLite), so the chain is one sequence however many gateways run.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, transaction

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.constants import GENESIS_HASH
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey
from panjereh.infra.sqlite.base import WriteLock

Adapt = Callable[[Any], Any]
# How often the gateway's SQLite log is copied into the database. Often, so each copy is small: the
# copy's flush to disk holds back the durable commits flushed meanwhile, and in the exchange benchmark
# at half load p99 was 10.8–13.4 ms added with a copy every 0.5 s, 8.8–9.5 ms every 0.05 s.
WAL_CHECKPOINT_SECONDS = 0.05
WAL_CATCH_UP_FRAMES = 1_000  # a log this long is copied to its end with the writers held (SQLite's own mark)
WAL_TRUNCATE_FRAMES = 4_096  # a log this long (16 MB of 4 KB pages) is emptied, not only copied
WAL_TRUNCATE_WAIT_MS = 20  # how long emptying it may hold back the writers; else it is tried next time


def append_batch(entries: Sequence[Mapping[str, Any]], *, durable: bool = True) -> list[int]:
    """Append the entries in order; returns their sequence numbers. Durable: committed with a
    flush to disk before it returns (synchronous commit), so an answer never outruns its record."""
    adapt = connection.ops.adapt_datetimefield_value  # the same stored form as the ORM writes
    if connection.in_atomic_block:  # inside a caller's transaction (tests, commands): as it is
        with connection.cursor() as cursor:
            return _append(cursor, connection.vendor, adapt, entries)
    _prepare_connection(durable)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                return _append(cursor, connection.vendor, adapt, entries)
        except OperationalError as error:
            if not is_locked(error) or time.monotonic() > deadline:
                raise
            time.sleep(LOCK_RETRY_SECONDS)


def _prepare_connection(durable: bool) -> None:
    """Settings of the writer's connection, made once per connection rather than per batch."""
    connection.ensure_connection()
    marker = (id(connection.connection), durable)
    if getattr(connection, "_audit_writer", None) == marker:
        return
    with connection.cursor() as cursor:
        for statement in writer_settings(connection.vendor, durable):
            cursor.execute(statement)
    connection._audit_writer = marker  # type: ignore[attr-defined]


def writer_settings(vendor: str, durable: bool) -> list[str]:
    if vendor == "postgresql":
        # lock_timeout: a stuck head lock fails the batch, not the process
        return ["SET synchronous_commit = %s" % ("on" if durable else "off"), "SET lock_timeout = '5s'"]
    # WAL with synchronous=FULL flushes the log on every commit; NORMAL survives a crash of the
    # process but not of the machine. The batch makes the flush affordable (group commit).
    # SQLite has one write lock per database, and its own busy handler sleeps 1, 2, 5, 10… ms
    # between tries: with two gateway processes that sleep became most of an inquiry's latency.
    # So the writer's connection fails at once when locked (busy_timeout 0) and retries every 0.2 ms.
    return ["PRAGMA synchronous = %s" % ("FULL" if durable else "NORMAL"), "PRAGMA busy_timeout = 0"]


def is_locked(error: Exception) -> bool:
    """Another writer holds the chain (SQLite's "database is locked", PostgreSQL's NOWAIT refusal)."""
    return "locked" in str(error) or getattr(error, "sqlstate", None) == "55P03"


class ChainAppender:
    """The gateway's writer: a DB-API connection of its own, opened once (in a thread: Django's
    connection methods refuse to run inside an event loop) and then used from the loop's thread.

    Writing in the loop's thread is what makes the durable log cheap: a batch handed to a writer
    thread paid for the handover twice, and the thread waited for the GIL behind the busy loop
    (up to the interpreter's 5 ms switch interval) after each statement it sent to the database.
    Only waiting for the disk is worth a thread (`AuditWriter` does it): on PostgreSQL that is the
    durable `commit`; on SQLite's write-ahead log it is `flush`, after the commit.

    Durable on SQLite: the commit only writes the transaction into the write-ahead log
    (synchronous=NORMAL) and gives the writers' turn back, and `flush` then waits for the log's file
    to reach the disk (fdatasync). With synchronous=FULL the commit did that flush itself while
    holding SQLite's write lock, and every writer of the database (the web process's, the worker's)
    waited for the disk too. The log is a file of its own only while it is open: this connection
    keeps it open, and SQLite copies it into the database (flushing that) before it starts it again
    from its beginning, so a flush after the commit always finds the commit on the disk.

    On SQLite this connection never checkpoints the WAL itself: the commit that crossed SQLite's
    1,000-page mark copied the log into the database and flushed it, holding the loop for up to
    tens of milliseconds (the worst of 2,000 single-record appends: 54 ms, against 0.8 ms without).
    A `WalCheckpointer` thread does it instead, on a connection of its own, with the GIL released.
    """

    is_locked = staticmethod(is_locked)

    def __init__(self, *, durable: bool, alias: str = DEFAULT_DB_ALIAS) -> None:
        self.durable = durable
        self.alias = alias
        self._db: Any = None
        self._write_lock: WriteLock | None = None
        self._checkpointer: WalCheckpointer | None = None
        self._log_path = ""  # SQLite's write-ahead log, when `flush` is what makes a commit durable
        self._log_fd: int | None = None

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def commit_waits_for_disk(self) -> bool:
        """Whether `commit` itself waits for the disk (durable, and not flushed apart: see the class)."""
        return self.durable and not self._log_path

    def open(self) -> None:
        wrapper = connections[self.alias]
        self.vendor = wrapper.vendor
        self._adapt: Adapt = wrapper.ops.adapt_datetimefield_value
        db = wrapper.get_new_connection(wrapper.get_connection_params())
        if self.vendor == "sqlite":
            db.isolation_level = None  # transactions are begun and ended explicitly below
        else:
            db.autocommit = True
        for statement in writer_settings(self.vendor, self.durable):
            db.execute(statement)
        self._log_path = ""
        if self.vendor == "sqlite":
            db.execute("PRAGMA wal_autocheckpoint = 0")
            if self.durable and db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                db.execute("PRAGMA synchronous = NORMAL")  # the log is flushed apart, after the commit
                self._log_path = db.execute("PRAGMA database_list").fetchone()[2] + "-wal"
            self._write_lock = WriteLock.beside(wrapper.settings_dict["NAME"])
            if self._checkpointer is None:
                self._checkpointer = WalCheckpointer(
                    lambda: wrapper.get_new_connection(wrapper.get_connection_params()),
                    write_lock=WriteLock.beside(wrapper.settings_dict["NAME"]),
                )
        self._db = db

    def take_turn(self, blocking: bool = True) -> bool:
        """This connection's turn among the database's writers (SQLite's queue, panjereh.infra.sqlite;
        PostgreSQL has none): taken, or False if it is another's and not `blocking`. Blocking waits
        in the kernel, so a thread's work; `commit` and `abort` end the turn."""
        return self._write_lock is None or self._write_lock.acquire(blocking)

    def stage(self, entries: Sequence[Mapping[str, Any]]) -> list[int]:
        """The batch's statements in an open transaction, for `commit` (or `abort`) to end; raises
        OperationalError (`is_locked`) at once if another writer holds the lock."""
        try:
            cursor = self._db.cursor()
            if self.vendor == "sqlite":
                cursor = QmarkCursor(cursor)
                if not self.take_turn(blocking=False):  # the caller waits for its turn first
                    raise OperationalError("database is locked (another writer's turn)")
            cursor.execute("BEGIN IMMEDIATE" if self.vendor == "sqlite" else "BEGIN")
            return _append(cursor, self.vendor, self._adapt, entries, wait=False)  # never block the loop
        except BaseException:
            self.abort()
            raise

    def commit(self) -> None:
        """Ends the batch's transaction and gives the turn back. Safe to call from another thread while
        the loop's thread leaves the connection alone: if `commit_waits_for_disk`, the loop serves
        others meanwhile. Otherwise a durable batch is on the disk only after `flush`."""
        self._db.execute("COMMIT")
        self._release()

    def flush(self) -> None:
        """Makes every commit made so far durable, where `commit` did not wait for the disk (SQLite's
        write-ahead log is flushed); nothing to do otherwise. Any thread: no writer is held back."""
        fd = self.flush_fd()
        if fd is not None:
            os.fdatasync(fd)

    def flush_fd(self) -> int | None:
        """The file whose flush is `flush` (SQLite's write-ahead log), for a caller that asks the disk
        itself (panjereh.exchange.audit.ring); None if there is nothing to flush."""
        if not self._log_path:
            return None
        if self._log_fd is None:  # opened after a commit, so the log exists (and stays while we are open)
            self._log_fd = os.open(self._log_path, os.O_RDONLY | os.O_CLOEXEC)
        return self._log_fd

    def abort(self) -> None:
        try:
            if self.vendor != "sqlite" or self._db.in_transaction:  # not after a BEGIN refused for the lock
                self._db.execute("ROLLBACK")
        except Exception:
            self.close()  # the connection is broken: a new one for the next batch
        self._release()

    def _release(self) -> None:
        if self._write_lock is not None:
            self._write_lock.release()

    def close(self) -> None:
        log_fd, self._log_fd = self._log_fd, None
        if log_fd is not None:
            os.close(log_fd)
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(Exception):  # already broken; nothing more to release
                db.close()
        lock, self._write_lock = self._write_lock, None
        if lock is not None:
            lock.close()
        checkpointer, self._checkpointer = self._checkpointer, None
        if checkpointer is not None:
            checkpointer.stop()


class WalCheckpointer:
    """Copies SQLite's write-ahead log into the database every `every` seconds, from a thread.

    PASSIVE: the copy never waits for, nor blocks, a writer or a reader; what it cannot copy now it
    copies next time. sqlite3 releases the GIL while it works, so the event loop goes on.

    A copied log is only started again from its beginning when a writer finds all of it copied,
    and under steady load a commit nearly always comes first (others commit during the copy): in
    the exchange benchmark the log grew past 300 MB in a minute, and every commit's flush and every
    read went through it. So, with `write_lock` (the writers' queue, panjereh.infra.sqlite), once the
    log is `catch_up_frames` long the round copies again, with the writers' turn held, what was
    committed during its copy — a few frames and the database's flush — and the next writer starts
    the log again. (Before, the log was left to reach `truncate_frames` and emptied, 21 times in an
    exchange benchmark run, 7–8 ms each with every writer waiting; at half load p99 added went from
    9.2–9.4 to 6.7–7.2 ms.) If it grows all the same (a reader holding an old snapshot keeps it from
    starting again), once it is `truncate_frames` long it is emptied (TRUNCATE): the thread takes its
    turn among the writers first, so none is inside a transaction, then waits at most
    WAL_TRUNCATE_WAIT_MS for readers, and if that is not enough it tries again next time. Small on
    purpose: the hold-up grows with the log (at 256 MB it took the benchmark's p99 to 128 ms).
    """

    def __init__(
        self,
        connect: Callable[[], Any],
        every: float = WAL_CHECKPOINT_SECONDS,
        truncate_frames: int = WAL_TRUNCATE_FRAMES,
        write_lock: WriteLock | None = None,
        catch_up_frames: int = WAL_CATCH_UP_FRAMES,
    ) -> None:
        self._connect = connect
        self._write_lock = write_lock
        self._every = every
        self._truncate_frames = truncate_frames
        self._catch_up_frames = catch_up_frames
        self._stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="audit-wal-checkpoint", daemon=True)
        self.thread.start()

    def checkpoint(self, db: Any) -> None:
        """One round: copy what can be copied; catch up with a long log; empty it if it has grown longer."""
        _busy, log_frames, _copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if self._write_lock is not None and self._catch_up_frames <= log_frames < self._truncate_frames:
            # What was committed during the copy, copied with the writers held back (a few frames and
            # the database's flush), so the next writer finds the log all copied and starts it again.
            self._write_lock.acquire()
            try:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                self._write_lock.release()
            return
        if log_frames >= self._truncate_frames:
            db.execute(f"PRAGMA busy_timeout = {WAL_TRUNCATE_WAIT_MS}")
            if self._write_lock is not None:
                self._write_lock.acquire()
            try:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                if self._write_lock is not None:
                    self._write_lock.release()

    def _run(self) -> None:
        db = None
        try:
            while not self._stopped.wait(self._every):
                try:
                    db = db or self._connect()
                    self.checkpoint(db)
                except Exception:  # a broken or busy connection: a new one next time
                    with contextlib.suppress(Exception):
                        if db is not None:
                            db.close()
                    db = None
        finally:
            if db is not None:
                db.close()
            if self._write_lock is not None:
                self._write_lock.close()

    def stop(self) -> None:
        self._stopped.set()
        self.thread.join(timeout=5)


class QmarkCursor:
    """sqlite3 takes ? where the SQL here (as Django's cursor) writes %s."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(sql.replace("%s", "?"), params)

    def fetchone(self) -> Any:
        return self.cursor.fetchone()


def _append(
    cursor: Any, vendor: str, adapt: Adapt, entries: Sequence[Mapping[str, Any]], *, wait: bool = True
) -> list[int]:
    """The chain's SQL, inside a transaction the caller holds. Raw SQL: it runs once per batch
    beside the event loop, and the ORM doubled its cost. Not `wait`: fail at once if the head is
    locked (PostgreSQL; SQLite's IMMEDIATE transaction has taken the lock already)."""
    if vendor == "postgresql":
        cursor.execute(LOCK_HEAD + (" FOR UPDATE" if wait else " FOR UPDATE NOWAIT"))
    else:
        cursor.execute(LOCK_HEAD)
    row = cursor.fetchone()
    if row is None:
        cursor.execute(CREATE_HEAD, [GENESIS_HASH])
        row = (0, GENESIS_HASH)
    first_seq = seq = int(row[0])
    prev = str(row[1])
    rows = []
    for entry in entries:
        seq += 1
        current = chain.record_hash(seq, prev, entry)
        values = [adapt(entry[name]) if name == "at" else entry[name] for name in chain.FIELDS]
        rows.append((seq, prev, current, *values))
        prev = current
    # One multi-row INSERT, not executemany: the driver gives up and takes back the GIL around
    # each statement it steps; one statement per batch does it once.
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start : start + ROWS_PER_INSERT]
        cursor.execute(INSERT + ", ".join([ROW] * len(chunk)), [value for row in chunk for value in row])
    cursor.execute(UPDATE_HEAD, [seq, prev])
    if seq // checkpoint_every() > first_seq // checkpoint_every():
        _checkpoint(cursor, adapt, seq, prev)
    return list(range(first_seq + 1, seq + 1))


COLUMNS = ("seq", "prev_hash", "hash", *chain.FIELDS)
INSERT = f"INSERT INTO {AuditRecord._meta.db_table} ({', '.join(COLUMNS)}) VALUES "
ROW = f"({', '.join(['%s'] * len(COLUMNS))})"
ROWS_PER_INSERT = 500  # 17 columns × 500 rows stays under SQLite's 32,766 bound parameters


HEAD = AuditHead._meta.db_table
LOCK_HEAD = f"SELECT seq, hash FROM {HEAD} WHERE id = 1"
CREATE_HEAD = f"INSERT INTO {HEAD} (id, seq, hash) VALUES (1, 0, %s)"
UPDATE_HEAD = f"UPDATE {HEAD} SET seq = %s, hash = %s WHERE id = 1"
ADD_KEY = (
    f"INSERT INTO {AuditSigningKey._meta.db_table} (key_id, public_key, created_at) VALUES (%s, %s, %s)"
    " ON CONFLICT (key_id) DO NOTHING"
)
ADD_CHECKPOINT = (
    f"INSERT INTO {AuditCheckpoint._meta.db_table} (seq, hash, key_id, signature, at) VALUES (%s, %s, %s, %s, %s)"
)


LOCK_WAIT_SECONDS = 5.0  # another writer holding the chain longer than this fails the batch
LOCK_RETRY_SECONDS = 0.0002


def checkpoint_every() -> int:
    return int(getattr(settings, "AUDIT_CHECKPOINT_EVERY", 1000))


def checkpoint_now() -> AuditCheckpoint | None:
    """Sign the current head (if it is not signed already): e.g. before an export or on a timer."""
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None or head.seq == 0 or AuditCheckpoint.objects.filter(seq=head.seq).exists():
            return None
        with connection.cursor() as cursor:
            _checkpoint(cursor, connection.ops.adapt_datetimefield_value, head.seq, head.hash)
        return AuditCheckpoint.objects.get(seq=head.seq)


def _checkpoint(cursor: Any, adapt: Adapt, seq: int, chain_hash: str) -> None:
    key_id, _ = signing.signing_key()
    now = adapt(datetime.datetime.now(datetime.UTC))
    cursor.execute(ADD_KEY, [key_id, signing.public_key_b64(), now])
    signature = signing.sign(chain.checkpoint_message(seq, chain_hash))
    cursor.execute(ADD_CHECKPOINT, [seq, chain_hash, key_id, signature, now])
