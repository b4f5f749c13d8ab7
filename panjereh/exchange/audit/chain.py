"""How a record is hashed. Pure: the verifier of an exported file uses exactly this."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any

# The fields a record's hash covers, besides its sequence number and the previous hash.
FIELDS = (
    "at", "consumer", "consumer_agency", "provider", "data_service", "purpose", "subject",
    "application", "outcome", "status", "latency_ms", "request_hash", "response_hash", "jti",
)  # fmt: skip


def canonical(seq: int, prev_hash: str, fields: Mapping[str, Any]) -> bytes:
    """One stable byte string per record: sorted keys, no spaces, UTF-8, times in UTC ISO form."""
    body: dict[str, Any] = {"seq": seq, "prev_hash": prev_hash}
    for name in FIELDS:
        value = fields[name]
        if isinstance(value, datetime.datetime):
            value = value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
        body[name] = value
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def record_hash(seq: int, prev_hash: str, fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(seq, prev_hash, fields)).hexdigest()


def checkpoint_message(seq: int, chain_hash: str) -> bytes:
    return f"panjereh-audit-checkpoint:{seq}:{chain_hash}".encode()


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
