"""The newest end of the audit log: its head is signed with every batch, and witnesses outside the
database catch a rollback to an older signed head. Each test is an attack that passed
`panjereh audit verify` before heads were signed and witnessed."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.audit.io import verify_database
from panjereh.exchange.audit.store import AuditRolledBack, ChainAppender, append_batch
from panjereh.exchange.audit.witness import local_witness_file, witness, witness_locally, witnessed
from panjereh.exchange.audit.writer import AuditWriter
from panjereh.exchange.models import AuditHead, AuditRecord
from panjereh.exchange.tests.test_audit_log import entry, run

pytestmark = pytest.mark.django_db(transaction=True)


def cut_to(seq: int) -> None:
    """What someone with write access to the database (but not the signing key) can do."""
    AuditRecord.objects.filter(seq__gt=seq).delete()
    AuditHead.objects.filter(pk=1).update(seq=seq, hash=AuditRecord.objects.get(seq=seq).hash)


def test_the_head_is_signed_with_every_batch() -> None:
    append_batch([entry(1), entry(2)])
    append_batch([entry(3)])
    head = AuditHead.objects.get(pk=1)
    assert head.seq == 3 and head.key_id == signing.signing_key()[0]
    assert signing.verify(signing.public_key_b64(), chain.checkpoint_message(3, head.hash), head.signature)
    assert verify_database().ok


def test_cutting_the_newest_records_and_moving_the_head_back_is_caught() -> None:
    append_batch([entry(n) for n in range(5)])
    cut_to(3)
    result = verify_database()
    assert not result.ok and result.problem == "the head is not signed by a trusted key"


def test_rewriting_the_unsigned_tail_and_rehashing_it_is_caught() -> None:
    append_batch([entry(n) for n in range(5)])
    record = AuditRecord.objects.get(seq=5)
    fields = {name: getattr(record, name) for name in chain.FIELDS} | {"subject": "1111111111"}
    rehashed = chain.record_hash(5, record.prev_hash, fields)
    AuditRecord.objects.filter(seq=5).update(subject="1111111111", hash=rehashed)
    AuditHead.objects.filter(pk=1).update(hash=rehashed)
    result = verify_database()
    assert not result.ok and result.first_bad_seq == 5


def test_a_rollback_to_an_older_signed_head_is_caught_by_the_local_witness() -> None:
    append_batch([entry(n) for n in range(3)])
    assert witness_locally() == ""
    older = AuditHead.objects.values("seq", "hash", "key_id", "signature", "signed_at").get(pk=1)
    append_batch([entry(n) for n in range(3, 5)])
    assert witness_locally() == ""
    assert [line["seq"] for line in witnessed(local_witness_file())] == [3, 5]
    AuditRecord.objects.filter(seq__gt=3).delete()  # the database put back as it was, head and all
    AuditHead.objects.filter(pk=1).update(**older)
    result = verify_database()
    assert not result.ok and result.problem == "rolled back: a witness saw the log reach record 5"
    assert witness_locally().startswith("rolled back")
    # Grown again past where it was: the witnessed record is not the one the log now has.
    append_batch([entry(n, subject="2222222222") for n in range(3)])
    result = verify_database()
    assert not result.ok and result.first_bad_seq == 5
    assert witness_locally().startswith("rolled back")


def test_the_local_witness_file_is_private_and_only_appended_to() -> None:
    append_batch([entry(1)])
    witness_locally()
    witness_locally()  # nothing new: nothing written
    path = local_witness_file()
    assert path.stat().st_mode & 0o777 == 0o600
    assert len(path.read_text().splitlines()) == 1
    path.write_text(path.read_text() + "not a head\n")
    result = verify_database()
    assert not result.ok and "is not a head" in result.problem


def test_the_gateways_writer_refuses_to_write_on_a_log_rolled_back_under_it() -> None:
    async def scenario() -> BaseException | int:
        writer = AuditWriter(ChainAppender(durable=True))
        try:
            await writer.append(entry(1))
            await writer.append(entry(2))
            await asyncio.get_running_loop().run_in_executor(None, cut_to, 1)
            try:
                return await writer.append(entry(3))
            except AuditRolledBack as error:
                return error
        finally:
            await writer.aclose()

    assert isinstance(asyncio.run(scenario()), AuditRolledBack)
    assert AuditRecord.objects.count() == 1  # nothing written on top of the cut


def test_the_head_is_published_for_witnesses(client: Client) -> None:
    assert client.get("/api/v1/audit/head").status_code == 404  # an empty log has no head yet
    append_batch([entry(n) for n in range(4)])
    head = client.get("/api/v1/audit/head").json()
    assert head["seq"] == 4 and head["key_id"] == signing.signing_key()[0]
    assert signing.verify(signing.public_key_b64(), chain.checkpoint_message(4, head["hash"]), head["signature"])
    assert client.get("/api/v1/audit/records/2/hash").json() == {"seq": 2, "hash": AuditRecord.objects.get(seq=2).hash}
    missing = client.get("/api/v1/audit/records/9/hash")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_a_witness_on_another_host_keeps_the_heads_and_catches_a_rollback(live_server: Any, tmp_path: Path) -> None:
    url, seen = f"{live_server.url}/api/v1/audit/head", tmp_path / "witness.jsonl"
    key = signing.public_key_b64()
    witness = ["witness", "--url", url, "--file", str(seen), "--trusted-key", key]
    append_batch([entry(n) for n in range(3)])
    assert run(*witness) == (0, "witnessed: 3\n")
    append_batch([entry(n) for n in range(3, 6)])
    assert run(*witness) == (0, "witnessed: 6\n")
    cut_to(4)
    append_batch([entry(n, subject="2222222222") for n in range(3)])  # regrown to 7, and signed anew
    code, out = run(*witness)
    assert (code, out) == (1, "tampered: rolled back: record 6 seen before is no longer in the log as it was\n")
    assert [json.loads(line)["seq"] for line in seen.read_text().splitlines()] == [3, 6]
    # and the database's own check, given that witness's file
    code, out = run("verify", "--witness", str(seen))
    assert code == 1 and "tampered: first bad record 6: the record differs from the one a witness saw" in out


def test_a_witness_refuses_a_head_signed_by_a_key_it_does_not_trust(tmp_path: Path) -> None:
    append_batch([entry(1)])
    head = AuditHead.objects.values("seq", "hash", "key_id", "signature").get(pk=1)
    assert witness(tmp_path / "w.jsonl", head, {}) == "the head is not signed by a trusted key"
    assert not (tmp_path / "w.jsonl").exists()


def test_the_command_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="خوانده نشد"):
        call_command("audit", "witness", "--url", "http://127.0.0.1:9/api/v1/audit/head", "--file", str(tmp_path / "w"))
