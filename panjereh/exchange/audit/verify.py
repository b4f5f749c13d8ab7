"""Verifying the chain: in the database, or in an exported file, offline.

A record is bad when its sequence number skips, its prev_hash is not the previous record's hash,
or its hash is not the hash of its own content. A checkpoint (or the signed head) is bad when its
signature does not verify with a trusted key or its hash differs from the record's at that sequence
number. A head a witness saw is bad when the log no longer has it (rolled back, or rewritten since).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.constants import GENESIS_HASH


@dataclass
class Verification:
    records: int = 0
    checkpoints: int = 0
    first_bad_seq: int | None = None
    problem: str = ""
    unsigned_tail: int = 0  # records after the last checkpoint: chained, not yet signed
    last_seq: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def verify_records(
    records: Iterable[Mapping[str, Any]],
    checkpoints: Iterable[Mapping[str, Any]],
    keys: Mapping[str, str],
    *,
    start_prev_hash: str = GENESIS_HASH,
    start_seq: int = 1,
    head: tuple[int, str] | None = None,
    max_unsigned: int | None = None,
    signed_head: Mapping[str, Any] | None = None,
    witnessed: Iterable[tuple[int, str]] = (),
) -> Verification:
    """Walk the records in sequence order, then check every checkpoint against them, then the head:
    its signature (`signed_head`: seq, hash, key_id, signature) and what witnesses saw of it."""
    result = Verification()
    hashes: dict[int, str] = {}
    prev, expected_seq = start_prev_hash, start_seq
    for record in records:
        seq = int(record["seq"])
        problem = _record_problem(record, seq, expected_seq, prev)
        if problem:
            return _bad(result, min(seq, expected_seq) if "missing" in problem else seq, problem)
        hashes[seq] = prev = str(record["hash"])
        expected_seq = seq + 1
        result.records += 1
        result.last_seq = seq
    last_signed = start_seq - 1
    for checkpoint in checkpoints:
        seq = int(checkpoint["seq"])
        if seq > result.last_seq:  # signed records that are gone: the log was cut short
            return _bad(result, result.last_seq + 1, "a signed checkpoint names records that are missing")
        if seq not in hashes:
            continue  # before the verified range (an export of a part)
        message = chain.checkpoint_message(seq, str(checkpoint["hash"]))
        public = keys.get(str(checkpoint["key_id"]))
        if public is None:
            return _bad(result, seq, "checkpoint signed by a key that is not trusted")
        if not signing.verify(public, message, str(checkpoint["signature"])):
            return _bad(result, seq, "checkpoint signature does not verify")
        if checkpoint["hash"] != hashes[seq]:
            return _bad(result, seq, "checkpoint hash differs from the record's hash")
        result.checkpoints += 1
        last_signed = max(last_signed, seq)
    if head is not None and (head[0] != result.last_seq or (result.last_seq and head[1] != prev)):
        return _bad(result, min(head[0], result.last_seq) + 1, "records missing at the end of the chain")
    if signed_head is not None and int(signed_head["seq"]) > 0:
        message = chain.checkpoint_message(int(signed_head["seq"]), str(signed_head["hash"]))
        public = keys.get(str(signed_head["key_id"]))
        if public is None or not signing.verify(public, message, str(signed_head["signature"])):
            return _bad(result, int(signed_head["seq"]), "the head is not signed by a trusted key")
    for seq, seen_hash in witnessed:
        if seq > result.last_seq:
            return _bad(result, result.last_seq + 1, f"rolled back: a witness saw the log reach record {seq}")
        if seq in hashes and hashes[seq] != seen_hash:
            return _bad(result, seq, "the record differs from the one a witness saw")
    result.unsigned_tail = result.last_seq - last_signed if result.records else 0
    if max_unsigned is not None and result.unsigned_tail > max_unsigned:
        return _bad(result, last_signed + 1, f"{result.unsigned_tail} records after the last signed checkpoint")
    return result


def _record_problem(record: Mapping[str, Any], seq: int, expected_seq: int, prev: str) -> str:
    if seq != expected_seq:
        return f"record {expected_seq} is missing" if seq > expected_seq else "sequence out of order"
    if record["prev_hash"] != prev:
        return "prev_hash does not match the previous record"
    if chain.record_hash(seq, str(record["prev_hash"]), record) != record["hash"]:
        return "content does not match its hash"
    return ""


def _bad(result: Verification, seq: int, problem: str) -> Verification:
    result.first_bad_seq = seq
    result.problem = problem
    return result
