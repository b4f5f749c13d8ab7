"""Appending to the chain. Called from one writer thread per process, a batch at a time.

Writers of every process serialise on the AuditHead row (SELECT … FOR UPDATE on PostgreSQL; the
IMMEDIATE transaction on SQLite), so the chain is one sequence however many gateways run.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection, transaction

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.constants import GENESIS_HASH
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey


def append_batch(entries: Sequence[Mapping[str, Any]], *, durable: bool = True) -> list[int]:
    """Append the entries in order; returns their sequence numbers. Durable: committed with a
    flush to disk before it returns (synchronous commit), so an answer never outruns its record."""
    if connection.in_atomic_block:  # inside a caller's transaction (tests, commands): as it is
        return _append(entries)
    _prepare_connection(durable)
    if connection.vendor != "sqlite":
        return _append(entries)
    # SQLite has one write lock per database, and its own busy handler sleeps 1, 2, 5, 10… ms
    # between tries: with two gateway processes that sleep became most of an inquiry's latency.
    # So the writer's connection fails at once when locked (busy_timeout 0) and retries every 0.2 ms.
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return _append(entries)
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.0002)


def _prepare_connection(durable: bool) -> None:
    """Settings of the writer's connection, made once per connection rather than per batch."""
    connection.ensure_connection()
    marker = (id(connection.connection), durable)
    if getattr(connection, "_audit_writer", None) == marker:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit = %s" % ("on" if durable else "off"))
            cursor.execute("SET lock_timeout = '5s'")  # a stuck head lock fails the batch, not the process
        else:
            # WAL with synchronous=FULL flushes the log on every commit; NORMAL survives a crash of the
            # process but not of the machine. The batch makes the flush affordable (group commit).
            cursor.execute("PRAGMA synchronous = %s" % ("FULL" if durable else "NORMAL"))
            cursor.execute("PRAGMA busy_timeout = 0")
    connection._audit_writer = marker  # type: ignore[attr-defined]


def _append(entries: Sequence[Mapping[str, Any]]) -> list[int]:
    with transaction.atomic(), connection.cursor() as cursor:
        # Raw SQL: this runs once per batch beside the event loop, and the ORM doubled its cost.
        cursor.execute(LOCK_HEAD + (" FOR UPDATE" if connection.vendor == "postgresql" else ""))
        row = cursor.fetchone()
        if row is None:
            cursor.execute(CREATE_HEAD, [GENESIS_HASH])
            row = (0, GENESIS_HASH)
        first_seq = seq = int(row[0])
        prev = str(row[1])
        rows = []
        adapt = connection.ops.adapt_datetimefield_value  # the same stored form as the ORM writes
        for entry in entries:
            seq += 1
            current = chain.record_hash(seq, prev, entry)
            values = [adapt(entry[name]) if name == "at" else entry[name] for name in chain.FIELDS]
            rows.append((seq, prev, current, *values))
            prev = current
        # One multi-row INSERT, not executemany: the driver gives up and takes back the GIL around
        # each statement it steps, and behind a busy event loop each take-back waited up to the
        # interpreter's 5 ms switch interval; one statement per batch waits once.
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start : start + ROWS_PER_INSERT]
            cursor.execute(INSERT + ", ".join([ROW] * len(chunk)), [value for row in chunk for value in row])
        cursor.execute(UPDATE_HEAD, [seq, prev])
        if seq // checkpoint_every() > first_seq // checkpoint_every():
            _checkpoint(seq, prev)
    return list(range(first_seq + 1, seq + 1))


COLUMNS = ("seq", "prev_hash", "hash", *chain.FIELDS)
INSERT = f"INSERT INTO {AuditRecord._meta.db_table} ({', '.join(COLUMNS)}) VALUES "
ROW = f"({', '.join(['%s'] * len(COLUMNS))})"
ROWS_PER_INSERT = 500  # 17 columns × 500 rows stays under SQLite's 32,766 bound parameters


HEAD = AuditHead._meta.db_table
LOCK_HEAD = f"SELECT seq, hash FROM {HEAD} WHERE id = 1"
CREATE_HEAD = f"INSERT INTO {HEAD} (id, seq, hash) VALUES (1, 0, %s)"
UPDATE_HEAD = f"UPDATE {HEAD} SET seq = %s, hash = %s WHERE id = 1"


LOCK_WAIT_SECONDS = 5.0


def checkpoint_every() -> int:
    return int(getattr(settings, "AUDIT_CHECKPOINT_EVERY", 1000))


def checkpoint_now() -> AuditCheckpoint | None:
    """Sign the current head (if it is not signed already): e.g. before an export or on a timer."""
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None or head.seq == 0 or AuditCheckpoint.objects.filter(seq=head.seq).exists():
            return None
        return _checkpoint(head.seq, head.hash)


def _checkpoint(seq: int, chain_hash: str) -> AuditCheckpoint:
    key_id, _ = signing.signing_key()
    AuditSigningKey.objects.get_or_create(key_id=key_id, defaults={"public_key": signing.public_key_b64()})
    return AuditCheckpoint.objects.create(
        seq=seq,
        hash=chain_hash,
        key_id=key_id,
        signature=signing.sign(chain.checkpoint_message(seq, chain_hash)),
        at=datetime.datetime.now(datetime.UTC),
    )
