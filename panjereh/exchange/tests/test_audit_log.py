"""The audit log is a hash chain with signed checkpoints: any edit, removal or insertion is caught."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from panjereh.exchange.audit.io import export_range, verify_database, verify_file
from panjereh.exchange.audit.store import append_batch
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
    assert code == 0 and "exported: 10 records" in output
    code, output = run("verify", "--file", str(path))
    assert code == 0 and "verified: 10 records" in output

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


def test_the_whole_log_exports_and_verifies(tmp_path: Path) -> None:
    fill(8)
    path = tmp_path / "all.jsonl"
    assert export_range(path, 1, 10**9) == 8
    assert verify_file(path).ok


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("durable", [True, False])
def test_both_durability_modes_append_verifiable_records(durable: bool) -> None:
    append_batch([entry(1), entry(2)], durable=durable)
    assert verify_database().ok
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == (2 if durable else 1)  # FULL or NORMAL


def test_the_time_is_stored_as_the_orm_stores_it() -> None:
    append_batch([entry(1)])
    record = AuditRecord.objects.get(seq=1)
    assert record.at == datetime.datetime(2026, 11, 22, 10, 0, 1, 123456, tzinfo=datetime.UTC)
    assert AuditRecord.objects.filter(at__gte=datetime.datetime(2026, 11, 22, tzinfo=datetime.UTC)).count() == 1
