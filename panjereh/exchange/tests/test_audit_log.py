"""The audit log is a hash chain with signed checkpoints: any edit, removal or insertion is caught."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from panjereh.exchange.audit.io import export_range, verify_database, verify_file
from panjereh.exchange.audit.router import AUDIT_DB
from panjereh.exchange.audit.store import append_batch, checkpoint_now
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord

pytestmark = pytest.mark.django_db


def entry(n: int, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "at": datetime.datetime(2026, 11, 22, 10, 0, n % 60, 123456, tzinfo=datetime.UTC),
        "consumer": "moi-portal", "consumer_agency": "moi", "provider": "judiciary",
        "data_service": "criminal-record", "purpose": "criminal-record-certificate",
        "subject": "0499370899", "application": "", "outcome": "ok", "status": 200,
        "latency_ms": 1.25 + n, "request_hash": "a" * 64, "response_hash": "b" * 64, "jti": f"jti-{n}",
    }  # fmt: skip
    base.update(fields)
    return base


def fill(count: int, batch: int = 7) -> None:
    for start in range(0, count, batch):
        append_batch([entry(n) for n in range(start, min(count, start + batch))])


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("audit", *args, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


@override_settings(AUDIT_CHECKPOINT_EVERY=10)
def test_records_are_numbered_in_order_chained_and_checkpointed() -> None:
    fill(25)
    assert list(AuditRecord.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, 26))
    first, second = AuditRecord.objects.order_by("seq")[:2]
    assert first.prev_hash == "0" * 64 and second.prev_hash == first.hash
    assert AuditCheckpoint.objects.count() == 2  # signed as the chain passed 10 and 20
    result = verify_database()
    assert result.ok and result.records == 25 and result.checkpoints == 2 and result.unsigned_tail == 4
    assert AuditHead.objects.get(pk=1).seq == 25


@override_settings(AUDIT_CHECKPOINT_EVERY=10)
def test_the_cli_verifies_and_prints_the_count() -> None:
    fill(12)
    code, output = run("verify")
    assert code == 0 and "verified: 12 records" in output


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda: AuditRecord.objects.filter(seq=7).update(subject="0790419904"), id="edited subject"),
        pytest.param(lambda: AuditRecord.objects.filter(seq=7).update(outcome="no_grant"), id="edited outcome"),
        pytest.param(lambda: AuditRecord.objects.filter(seq=7).update(latency_ms=0.5), id="edited latency"),
        pytest.param(lambda: AuditRecord.objects.filter(seq=7).delete(), id="removed record"),
        pytest.param(lambda: AuditRecord.objects.filter(seq=7).update(hash="f" * 64), id="rewritten hash"),
    ],
)
def test_tampering_is_caught_at_the_first_bad_record(tamper: Any) -> None:
    fill(15)
    tamper()
    code, output = run("verify")
    assert code == 1
    assert "first bad record 7" in output


def test_a_record_whose_hash_was_recomputed_breaks_the_next_link() -> None:
    from panjereh.exchange.audit import chain

    fill(10)
    record = AuditRecord.objects.values().get(seq=4)
    record["subject"] = "0790419904"
    new_hash = chain.record_hash(4, record["prev_hash"], record)
    AuditRecord.objects.filter(seq=4).update(subject="0790419904", hash=new_hash)
    result = verify_database()
    assert not result.ok and result.first_bad_seq == 5


@override_settings(AUDIT_CHECKPOINT_EVERY=5)
def test_rewriting_the_whole_chain_is_caught_by_the_signed_checkpoints() -> None:
    from panjereh.exchange.audit import chain

    fill(10)
    signed = AuditCheckpoint.objects.order_by("seq").first()
    assert signed is not None
    prev = "0" * 64
    for record in AuditRecord.objects.order_by("seq").values():
        if record["seq"] == 3:
            record["subject"] = "0790419904"
        record["prev_hash"] = prev
        record["hash"] = prev = chain.record_hash(record["seq"], prev, record)
        AuditRecord.objects.filter(seq=record["seq"]).update(
            subject=record["subject"], prev_hash=record["prev_hash"], hash=record["hash"]
        )
    AuditHead.objects.filter(pk=1).update(hash=prev)
    result = verify_database()
    assert not result.ok and result.first_bad_seq == signed.seq and "checkpoint" in result.problem


def test_records_removed_from_the_end_are_caught_by_the_head() -> None:
    fill(10)
    AuditRecord.objects.filter(seq__gte=9).delete()
    result = verify_database()
    assert not result.ok and result.first_bad_seq == 9


@override_settings(AUDIT_CHECKPOINT_EVERY=5)
def test_a_forged_checkpoint_signature_is_caught() -> None:
    fill(10)
    signed = AuditCheckpoint.objects.order_by("seq").first()
    assert signed is not None
    forged = ("B" if signed.signature[0] == "A" else "A") + signed.signature[1:]
    AuditCheckpoint.objects.filter(seq=signed.seq).update(signature=forged)
    result = verify_database()
    assert not result.ok and result.first_bad_seq == signed.seq


@override_settings(AUDIT_CHECKPOINT_EVERY=100)
def test_an_exported_range_verifies_on_its_own_and_catches_an_edit(tmp_path: Path) -> None:
    fill(30)
    path = tmp_path / "audit.jsonl"
    code, output = run("export", "--from", "11", "--to", "20", str(path))
    # The range is extended to the next signature (the export signs the end of the chain: 30).
    assert code == 0 and "exported: 20 records" in output
    code, output = run("verify", "--file", str(path))
    assert code == 0 and "verified: 20 records" in output

    lines = path.read_text().splitlines()
    record = json.loads(lines[4])
    record["purpose"] = "something-else"
    lines[4] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n")
    code, output = run("verify", "--file", str(path))
    assert code == 1 and f"first bad record {record['seq']}" in output


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"kind": "record"}\n')
    assert not verify_file(path).ok


def test_the_whole_log_exports_and_verifies_once_signed(tmp_path: Path) -> None:
    fill(8)
    path = tmp_path / "all.jsonl"
    assert export_range(path, 1, 10**9) == 8
    assert not verify_file(path).ok  # nothing anchors an unsigned export
    checkpoint_now()
    assert export_range(path, 1, 10**9) == 8
    assert verify_file(path).ok


def _rewrite_and_resign_with(attacker: Any) -> None:
    """What someone who can write the database could do: change a record, recompute every hash,
    publish their own key and sign every checkpoint again."""
    import base64

    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from panjereh.exchange.audit import chain
    from panjereh.exchange.audit.signing import key_id_of
    from panjereh.exchange.models import AuditSigningKey

    raw = attacker.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    AuditSigningKey.objects.create(key_id=key_id_of(raw), public_key=base64.b64encode(raw).decode())
    prev = "0" * 64
    for record in AuditRecord.objects.order_by("seq").values():
        if record["seq"] == 3:
            record["subject"] = "0790419904"
        record["prev_hash"], record["hash"] = prev, chain.record_hash(record["seq"], prev, record)
        prev = record["hash"]
        AuditRecord.objects.filter(seq=record["seq"]).update(
            subject=record["subject"], prev_hash=record["prev_hash"], hash=record["hash"]
        )
    AuditHead.objects.filter(pk=1).update(hash=prev)
    for checkpoint in AuditCheckpoint.objects.all():
        new_hash = AuditRecord.objects.get(seq=checkpoint.seq).hash
        signature = base64.b64encode(attacker.sign(chain.checkpoint_message(checkpoint.seq, new_hash))).decode()
        AuditCheckpoint.objects.filter(pk=checkpoint.pk).update(
            hash=new_hash, key_id=key_id_of(raw), signature=signature
        )


@override_settings(AUDIT_CHECKPOINT_EVERY=5)
def test_a_chain_rewritten_and_re_signed_with_a_key_of_the_attackers_own_is_caught(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    fill(12)
    _rewrite_and_resign_with(Ed25519PrivateKey.generate())
    result = verify_database()
    assert not result.ok and "not trusted" in result.problem
    path = tmp_path / "x.jsonl"
    export_range(path, 1, 12)  # the file carries the attacker's key in its header: still not trusted
    assert not verify_file(path).ok


@override_settings(AUDIT_CHECKPOINT_EVERY=5)
def test_cutting_the_log_short_below_a_checkpoint_is_caught() -> None:
    fill(14)
    last_signed = AuditCheckpoint.objects.order_by("-seq").first()
    assert last_signed is not None and last_signed.seq > 8
    AuditRecord.objects.filter(seq__gt=8).delete()
    AuditHead.objects.filter(pk=1).update(seq=8, hash=AuditRecord.objects.get(seq=8).hash)
    result = verify_database()
    assert not result.ok and result.first_bad_seq == 9


@override_settings(AUDIT_CHECKPOINT_EVERY=5)
def test_deleting_the_checkpoints_of_a_long_log_is_caught() -> None:
    from panjereh.exchange.audit.writer import MAX_BATCH

    for start in range(0, 5 + MAX_BATCH + 10, 100):
        append_batch([entry(n) for n in range(start, start + 100)])
    AuditCheckpoint.objects.all().delete()
    result = verify_database()
    assert not result.ok and "after the last signed checkpoint" in result.problem


def test_a_retired_key_can_be_trusted_by_configuration(tmp_path: Path, monkeypatch: Any) -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from panjereh.exchange.audit import signing

    fill(3)
    checkpoint_now()
    old_public = signing.public_key_b64()
    monkeypatch.setattr(signing, "signing_key", lambda: ("audit-new", Ed25519PrivateKey.generate()))
    monkeypatch.setattr(
        signing,
        "public_key_b64",
        lambda: base64.b64encode(
            signing.signing_key()[1].public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        ).decode(),
    )
    assert not verify_database().ok  # rotated: the old checkpoints' key is no longer the local one
    monkeypatch.setenv("AUDIT_TRUSTED_KEYS", old_public)
    assert verify_database().ok


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("durable", [True, False])
def test_both_durability_modes_append_verifiable_records(durable: bool) -> None:
    append_batch([entry(1), entry(2)], durable=durable)
    assert verify_database().ok
    if connections[AUDIT_DB].vendor == "sqlite":
        with connections[AUDIT_DB].cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == (2 if durable else 1)  # FULL or NORMAL


def test_the_time_is_stored_as_the_orm_stores_it() -> None:
    append_batch([entry(1)])
    record = AuditRecord.objects.get(seq=1)
    assert record.at == datetime.datetime(2026, 11, 22, 10, 0, 1, 123456, tzinfo=datetime.UTC)
    assert AuditRecord.objects.filter(at__gte=datetime.datetime(2026, 11, 22, tzinfo=datetime.UTC)).count() == 1
