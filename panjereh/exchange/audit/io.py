"""Reading the log from the database and writing/reading the self-contained export file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.audit.store import checkpoint_every
from panjereh.exchange.audit.verify import Verification, verify_records
from panjereh.exchange.audit.witness import WitnessFileDamaged, local_witness_file, witnessed
from panjereh.exchange.audit.writer import MAX_BATCH
from panjereh.exchange.constants import GENESIS_HASH
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey

RECORD_COLUMNS = ("seq", "prev_hash", "hash", *chain.FIELDS)
CHUNK = 5000


class ExportPastTheEnd(ValueError):
    """The range begins after the last record: there is nothing to export."""

    def __init__(self, head_seq: int) -> None:
        super().__init__(f"the log ends at record {head_seq}")
        self.head_seq = head_seq


def iter_records(first: int = 1, last: int | None = None) -> Iterator[dict[str, Any]]:
    """Records in sequence order, read in chunks so a long log never sits in memory at once."""
    rows = AuditRecord.objects.filter(seq__gte=first).order_by("seq")
    if last is not None:
        rows = rows.filter(seq__lte=last)
    yield from rows.values(*RECORD_COLUMNS).iterator(chunk_size=CHUNK)


def published_keys() -> dict[str, str]:
    return dict(AuditSigningKey.objects.values_list("key_id", "public_key"))


def verify_database(trusted: list[str] | None = None, witness_files: list[Path] | None = None) -> Verification:
    """The whole log against the pinned keys, its signed head, and the heads witnesses saw (the local
    witness file, and any others given). More unsigned records at the end than one checkpoint interval
    and a full batch is itself a sign of tampering (checkpoints deleted)."""
    head = AuditHead.objects.filter(pk=1).values("seq", "hash", "key_id", "signature").first()
    head = head or {"seq": 0, "hash": GENESIS_HASH, "key_id": "", "signature": ""}
    seen: list[tuple[int, str]] = []
    for path in [local_witness_file(), *(witness_files or [])]:
        try:
            seen += [(line["seq"], line["hash"]) for line in witnessed(path)]
        except WitnessFileDamaged as error:
            result = Verification()
            result.first_bad_seq, result.problem = 0, str(error)
            return result
    return verify_records(
        iter_records(),
        AuditCheckpoint.objects.order_by("seq").values("seq", "hash", "key_id", "signature"),
        signing.trusted_public_keys(trusted),
        head=(head["seq"], head["hash"]),
        max_unsigned=checkpoint_every() + MAX_BATCH,
        signed_head=head,
        witnessed=seen,
    )


def export_range(path: Path, first: int, last: int) -> int:
    """Write records first..last, their checkpoints and the public keys to a JSON Lines file."""
    head_seq = AuditHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
    if first > head_seq:
        raise ExportPastTheEnd(head_seq)
    last = min(last, head_seq)
    # End the range on a signature, so the file's last record is anchored too.
    signed = AuditCheckpoint.objects.filter(seq__gte=last).order_by("seq").values_list("seq", flat=True).first()
    last = signed if signed is not None else last
    prev = AuditRecord.objects.filter(seq=first - 1).values_list("hash", flat=True).first() or GENESIS_HASH
    count = 0
    with path.open("w", encoding="utf-8") as out:
        header = {"kind": "header", "format": "panjereh-audit/1", "first": first, "last": last, "prev_hash": prev,
                  "keys": published_keys()}  # fmt: skip
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for record in iter_records(first, last):
            record["at"] = record["at"].isoformat(timespec="microseconds")
            out.write(json.dumps({"kind": "record", **record}, ensure_ascii=False) + "\n")
            count += 1
        for checkpoint in AuditCheckpoint.objects.filter(seq__gte=first, seq__lte=last).order_by("seq"):
            row = {"kind": "checkpoint", "seq": checkpoint.seq, "hash": checkpoint.hash,
                   "key_id": checkpoint.key_id, "signature": checkpoint.signature}  # fmt: skip
            out.write(json.dumps(row) + "\n")
    return count


def verify_file(path: Path, trusted: list[str] | None = None) -> Verification:
    """Verify an exported file without the database, against the pinned keys (never the file's own)."""
    try:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (ValueError, UnicodeDecodeError):
        lines = []
    if not lines or not isinstance(lines[0], dict) or lines[0].get("kind") != "header":
        result = Verification()
        result.first_bad_seq, result.problem = 0, "not a Panjereh audit export (no header line)"
        return result
    header = lines[0]
    records = [line for line in lines[1:] if isinstance(line, dict) and line.get("kind") == "record"]
    checkpoints = [line for line in lines[1:] if isinstance(line, dict) and line.get("kind") == "checkpoint"]
    try:
        first, last = int(header["first"]), int(header["last"])
    except (KeyError, TypeError, ValueError):
        first, last = 0, -1
    if first < 1 or last < first or len(records) != last - first + 1:
        # A header that claims records the file does not hold (or none at all) proves nothing.
        result = Verification()
        result.first_bad_seq = max(first, 0)
        result.problem = f"the header claims records {first}..{last}, and the file holds {len(records)}"
        return result
    tail = records[-1]
    expected_last = last
    try:
        return verify_records(
            records,
            checkpoints,
            signing.trusted_public_keys(trusted),
            start_prev_hash=str(header["prev_hash"]),
            start_seq=int(header["first"]),
            head=(expected_last, str(tail["hash"])) if tail else None,
            max_unsigned=0,  # an export ends on a signed checkpoint
        )
    except (KeyError, TypeError, ValueError) as error:
        result = Verification()
        result.first_bad_seq, result.problem = 0, f"malformed export: {error}"
        return result
