"""Appending to the chain, a batch at a time, in the audit database (alias `audit`: see router).

Two ways in: `append_batch` on Django's connection (commands and tests), and `ChainAppender`, the
gateway's own DB-API connection, used from its event loop's thread. Both run the same SQL.
Writers of every process serialise on the AuditHead row (SELECT … FOR UPDATE on PostgreSQL; the
IMMEDIATE transaction on SQLite), so the chain is one sequence however many gateways run.

A `ChainAppender` remembers the last head it wrote (chained on every head it found before, whichever
process wrote those) and refuses to append to a log that no longer has it as it was
(`rollback_problem`); the read of the head that every batch makes fetches that record's hash too.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import OperationalError, connections, transaction

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.audit.router import AUDIT_DB
from panjereh.exchange.constants import GENESIS_HASH, TOKEN_ID_REMEMBER_SECONDS
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey, UsedTokenId

Adapt = Callable[[Any], Any]
logger = logging.getLogger(__name__)


def append_batch(entries: Sequence[Mapping[str, Any]], *, durable: bool = True) -> list[int]:
    """Append the entries in order; returns their sequence numbers. Durable: committed with a
    flush to disk before it returns (synchronous commit), so an answer never outruns its record."""
    connection = connections[AUDIT_DB]
    adapt = connection.ops.adapt_datetimefield_value  # the same stored form as the ORM writes
    if connection.in_atomic_block:  # inside a caller's transaction (tests, commands): as it is
        with connection.cursor() as cursor:
            return _append(cursor, connection.vendor, adapt, entries)[0]
    _prepare_connection(durable)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            with transaction.atomic(using=AUDIT_DB), connection.cursor() as cursor:
                return _append(cursor, connection.vendor, adapt, entries)[0]
        except OperationalError as error:
            if not is_locked(error) or time.monotonic() > deadline:
                raise
            time.sleep(LOCK_RETRY_SECONDS)


def _prepare_connection(durable: bool) -> None:
    """Settings of the writer's connection, made once per connection rather than per batch."""
    connection = connections[AUDIT_DB]
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
    # SQLite's own busy handler sleeps 1, 2, 5, 10… ms between tries: with two gateway processes that
    # sleep became most of an inquiry's latency. So the writer's connection fails at once when locked
    # (busy_timeout 0) and retries every 0.2 ms.
    return ["PRAGMA synchronous = %s" % ("FULL" if durable else "NORMAL"), "PRAGMA busy_timeout = 0"]


def is_locked(error: Exception) -> bool:
    """Another writer holds the chain (SQLite's "database is locked", PostgreSQL's NOWAIT refusal)."""
    return "locked" in str(error) or getattr(error, "sqlstate", None) == "55P03"


@dataclass(frozen=True)
class TokenClaim:
    """A record's claim of its call's token id (see AuditWriter.append_claiming)."""

    key: str  # the token id, with the system that signed it
    refused: Mapping[str, Any]  # the record's fields if the id was claimed before (the call's refusal)


class AuditRolledBack(Exception):
    """The log is not the one this writer last saw: records it saw were removed or replaced."""


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    signature: str


def rollback_problem(seen: Head | None, head: Head, seen_record_hash: str | None) -> str:
    """Why the log whose head is `head` is not the one this writer saw ("" if it is); `seen_record_hash`
    is the log's hash now at `seen.seq`. A head with the seen number must be the very head seen,
    signature and all (no one signs a head again): a later head removed and the row moved back left
    the later head's signature, or needed an old one kept for the purpose."""
    if seen is None:
        return ""
    if head.seq < seen.seq:
        return f"the head is record {head.seq}, and this writer saw record {seen.seq}"
    if seen_record_hash != seen.hash:
        return f"record {seen.seq} is no longer the one this writer saw"
    if head.seq == seen.seq and (head.hash, head.signature) != (seen.hash, seen.signature):
        return f"the head at record {seen.seq} is not the one this writer saw"
    return ""


class ChainAppender:
    """The gateway's writer: a DB-API connection of its own to the audit database, opened once (in a
    thread: Django's connection methods refuse to run inside an event loop) and then used from the
    loop's thread.

    Writing in the loop's thread is what makes the durable log cheap: a batch handed to a writer
    thread paid for the handover twice, and the thread waited for the GIL behind the busy loop
    (up to the interpreter's 5 ms switch interval) after each statement it sent to the database.
    Only waiting for the disk is worth a thread: a durable `commit` (synchronous=FULL on SQLite,
    synchronous_commit on PostgreSQL) returns once the batch is on the disk, and `AuditWriter` runs
    it in a thread of its own while the loop goes on.

    On SQLite the write-ahead log is copied into the database file by SQLite itself (its
    wal_autocheckpoint, at 1,000 pages), inside the commit that crosses the mark: in the commit's
    thread, so the loop goes on meanwhile, and on the audit file, whose only writer is the gateway,
    so no other writer waits for that WAL copy. The next commit after a complete copy writes the log
    again from its beginning, which keeps it short.
    """

    is_locked = staticmethod(is_locked)

    def __init__(self, *, durable: bool, alias: str = AUDIT_DB) -> None:
        self.durable = durable
        self.alias = alias
        self._db: Any = None
        self._next_purge = 0.0
        self._seen: Head | None = None  # the last head this writer committed: the log must still have it
        self._staged: Head | None = None
        self._said = ""  # the last refusal logged, so that a stuck writer does not log every batch

    @property
    def is_open(self) -> bool:
        return self._db is not None

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
        self._db = db

    def stage(
        self, entries: Sequence[Mapping[str, Any]], claims: Sequence[TokenClaim | None] = ()
    ) -> tuple[list[int], list[bool]]:
        """The batch's statements in an open transaction, for `commit` (or `abort`) to end: the records'
        sequence numbers, and for each whether its token id (if it claims one) was new; a record whose
        id was claimed before is written with its claim's `refused` fields. Raises OperationalError
        (`is_locked`) at once if another writer holds the lock."""
        self._staged = None
        try:
            cursor = self._db.cursor()
            if self.vendor == "sqlite":
                cursor = QmarkCursor(cursor)
            cursor.execute("BEGIN IMMEDIATE" if self.vendor == "sqlite" else "BEGIN")
            keys = [claim.key for claim in claims if claim is not None]
            new = self._claim(cursor, keys) if keys else set()
            fresh, written = [], []
            for index, entry in enumerate(entries):
                claim = claims[index] if index < len(claims) else None
                if claim is None:
                    fresh.append(True)
                    written.append(entry)
                    continue
                first = claim.key in new
                new.discard(claim.key)  # the same id twice in one batch: the first is the one that counts
                fresh.append(first)
                written.append(entry if first else {**entry, **claim.refused})
            if not written:
                return [], fresh
            seqs, self._staged = _append(cursor, self.vendor, self._adapt, written, wait=False, seen=self._seen)
            return seqs, fresh
        except AuditRolledBack as error:
            self.abort()
            if str(error) != self._said:
                logger.error("the audit log was rolled back under this gateway process: %s", error)
                self._said = str(error)
            raise
        except BaseException:
            self.abort()
            raise

    def _claim(self, cursor: Any, keys: Sequence[str]) -> set[str]:
        """Remembers the token ids; the ones that were new. An id claimed in another process's open
        transaction waits for it (a replay in flight: rare, and then refused)."""
        now = datetime.datetime.now(datetime.UTC)
        if time.monotonic() >= self._next_purge:
            cursor.execute(PURGE_TOKEN_IDS, [self._adapt(now)])
            self._next_purge = time.monotonic() + TOKEN_ID_PURGE_SECONDS
        expires = self._adapt(now + datetime.timedelta(seconds=TOKEN_ID_REMEMBER_SECONDS))
        unique = list(dict.fromkeys(keys))
        cursor.execute(CLAIM_TOKEN_IDS + ", ".join(["(%s, %s)"] * len(unique)) + CLAIM_TOKEN_IDS_END,
                       [value for key in unique for value in (key, expires)])  # fmt: skip
        return {row[0] for row in cursor.fetchall()}

    def commit(self) -> None:
        """Ends the batch's transaction; when durable, returns once it is on the disk. Safe to call
        from another thread while the loop's thread leaves the connection alone."""
        self._db.execute("COMMIT")
        if self._staged is not None:  # chained on every head seen before it, so it stands for them all
            self._seen = self._staged

    def abort(self) -> None:
        try:
            if self.vendor != "sqlite" or self._db.in_transaction:  # not after a BEGIN refused for the lock
                self._db.execute("ROLLBACK")
        except Exception:
            self.close()  # the connection is broken: a new one for the next batch

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(Exception):  # already broken; nothing more to release
                db.close()


class QmarkCursor:
    """sqlite3 takes ? where the SQL here (as Django's cursor) writes %s."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(sql.replace("%s", "?"), params)

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> Any:
        return self.cursor.fetchall()


def _append(
    cursor: Any,
    vendor: str,
    adapt: Adapt,
    entries: Sequence[Mapping[str, Any]],
    *,
    wait: bool = True,
    seen: Head | None = None,
) -> tuple[list[int], Head]:
    """The chain's SQL, inside a transaction the caller holds: the records' sequence numbers and the
    new head. Raw SQL: it runs once per batch beside the event loop, and the ORM doubled its cost.
    Not `wait`: fail at once if the head is locked (PostgreSQL; SQLite's IMMEDIATE transaction has
    taken the lock already). Raises AuditRolledBack, writing nothing, if the log no longer has `seen`."""
    lock = LOCK_HEAD + ("" if vendor != "postgresql" else " FOR UPDATE" if wait else " FOR UPDATE NOWAIT")
    cursor.execute(lock, [seen.seq if seen else 0])  # one statement: the head, and the seen record's hash
    row = cursor.fetchone()
    if row is None:  # the log's first batch: the head is made here, or by another writer meanwhile
        cursor.execute(CREATE_HEAD, [GENESIS_HASH])
        cursor.execute(lock, [seen.seq if seen else 0])
        row = cursor.fetchone()
    if problem := rollback_problem(seen, Head(int(row[0]), str(row[1]), str(row[2])), row[3]):
        raise AuditRolledBack(f"{problem}: the database was rolled back (restart the gateway after a restore)")
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
    signature = _sign_head(cursor, adapt, seq, prev)
    if seq // checkpoint_every() > first_seq // checkpoint_every():
        _checkpoint(cursor, adapt, seq, prev)
    return list(range(first_seq + 1, seq + 1)), Head(seq, prev, signature)


COLUMNS = ("seq", "prev_hash", "hash", *chain.FIELDS)
INSERT = f"INSERT INTO {AuditRecord._meta.db_table} ({', '.join(COLUMNS)}) VALUES "
ROW = f"({', '.join(['%s'] * len(COLUMNS))})"
ROWS_PER_INSERT = 500  # 17 columns × 500 rows stays under SQLite's 32,766 bound parameters


HEAD = AuditHead._meta.db_table
RECORDS = AuditRecord._meta.db_table
LOCK_HEAD = f"SELECT seq, hash, signature, (SELECT hash FROM {RECORDS} WHERE seq = %s) FROM {HEAD} WHERE id = 1"
CREATE_HEAD = (
    f"INSERT INTO {HEAD} (id, seq, hash, key_id, signature) VALUES (1, 0, %s, '', '') ON CONFLICT (id) DO NOTHING"
)
UPDATE_HEAD = f"UPDATE {HEAD} SET seq = %s, hash = %s, key_id = %s, signature = %s, signed_at = %s WHERE id = 1"
ADD_KEY = (
    f"INSERT INTO {AuditSigningKey._meta.db_table} (key_id, public_key, created_at) VALUES (%s, %s, %s)"
    " ON CONFLICT (key_id) DO NOTHING"
)
ADD_CHECKPOINT = (
    f"INSERT INTO {AuditCheckpoint._meta.db_table} (seq, hash, key_id, signature, at) VALUES (%s, %s, %s, %s, %s)"
)


TOKEN_IDS = UsedTokenId._meta.db_table
CLAIM_TOKEN_IDS = f'INSERT INTO {TOKEN_IDS} ("key", expires_at) VALUES '
CLAIM_TOKEN_IDS_END = ' ON CONFLICT ("key") DO NOTHING RETURNING "key"'  # noqa: S105 - SQL, not a secret
PURGE_TOKEN_IDS = f"DELETE FROM {TOKEN_IDS} WHERE expires_at < %s"
TOKEN_ID_PURGE_SECONDS = 60.0

LOCK_WAIT_SECONDS = 5.0  # another writer holding the chain longer than this fails the batch
LOCK_RETRY_SECONDS = 0.0002


def checkpoint_every() -> int:
    return int(getattr(settings, "AUDIT_CHECKPOINT_EVERY", 1000))


def checkpoint_now() -> AuditCheckpoint | None:
    """Sign the current head (if it is not signed already): e.g. before an export or on a timer."""
    connection = connections[AUDIT_DB]
    with transaction.atomic(using=AUDIT_DB):
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None or head.seq == 0:
            return None
        with connection.cursor() as cursor:
            if not head.signature:  # a log from before heads were signed
                _sign_head(cursor, connection.ops.adapt_datetimefield_value, head.seq, head.hash)
            if AuditCheckpoint.objects.filter(seq=head.seq).exists():
                return None
            _checkpoint(cursor, connection.ops.adapt_datetimefield_value, head.seq, head.hash)
        return AuditCheckpoint.objects.get(seq=head.seq)


def _sign_head(cursor: Any, adapt: Adapt, seq: int, chain_hash: str) -> str:
    """The new head, signed with the key kept outside the database: cutting or rewriting the newest
    records then needs that key too (a rollback to an older signed head is for the witness)."""
    key_id, _ = signing.signing_key()
    signature = signing.sign(chain.checkpoint_message(seq, chain_hash))
    cursor.execute(UPDATE_HEAD, [seq, chain_hash, key_id, signature, adapt(datetime.datetime.now(datetime.UTC))])
    return signature


def _checkpoint(cursor: Any, adapt: Adapt, seq: int, chain_hash: str) -> None:
    key_id, _ = signing.signing_key()
    now = adapt(datetime.datetime.now(datetime.UTC))
    cursor.execute(ADD_KEY, [key_id, signing.public_key_b64(), now])
    signature = signing.sign(chain.checkpoint_message(seq, chain_hash))
    cursor.execute(ADD_CHECKPOINT, [seq, chain_hash, key_id, signature, now])
