"""Appending to the chain. Called from one writer thread per process, a batch at a time.

Writers of every process serialise on the AuditHead row (SELECT … FOR UPDATE on PostgreSQL; the
IMMEDIATE transaction on SQLite), so the chain is one sequence however many gateways run.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.constants import GENESIS_HASH
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey


def append_batch(entries: Sequence[Mapping[str, Any]], *, durable: bool = True) -> list[int]:
    """Append the entries in order; returns their sequence numbers. Durable: committed with a
    flush to disk before it returns (synchronous commit), so an answer never outruns its record."""
    _set_durability(durable)  # outside the transaction: SQLite takes the pragma only there
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditHead.objects.create(pk=1, seq=0, hash=GENESIS_HASH)
        seq, prev = head.seq, head.hash
        records = []
        for entry in entries:
            seq += 1
            current = chain.record_hash(seq, prev, entry)
            records.append(AuditRecord(seq=seq, prev_hash=prev, hash=current, **{k: entry[k] for k in chain.FIELDS}))
            prev = current
        AuditRecord.objects.bulk_create(records)
        if seq // checkpoint_every() > head.seq // checkpoint_every():
            _checkpoint(seq, prev)
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    return [record.seq for record in records]


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


def _set_durability(durable: bool) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit = %s" % ("on" if durable else "off"))
        elif not connection.in_atomic_block:  # inside a caller's transaction (tests) SQLite refuses it
            # WAL with synchronous=FULL flushes the log on every commit; NORMAL survives a crash of the
            # process but not of the machine. The batch makes the flush affordable (group commit).
            cursor.execute("PRAGMA synchronous = %s" % ("FULL" if durable else "NORMAL"))
