"""An export says what it holds, and holds what it says: a header claiming records the file does not
hold is refused, and so is a range past the end of the log. Verifying makes no key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from panjereh.exchange.audit import signing
from panjereh.exchange.audit.io import export_range, verify_file
from panjereh.exchange.audit.store import checkpoint_now
from panjereh.exchange.tests.test_audit_log import fill, run

pytestmark = pytest.mark.django_db


def exported(tmp_path: Path, count: int = 5) -> Path:
    fill(count)
    checkpoint_now()
    path = tmp_path / "audit.jsonl"
    export_range(path, 1, count)
    return path


def test_a_header_alone_that_claims_records_is_refused(tmp_path: Path) -> None:
    path = exported(tmp_path)
    header = json.loads(path.read_text().splitlines()[0])
    assert header["first"] == 1 and header["last"] == 5
    path.write_text(json.dumps({**header, "last": 128}) + "\n")
    code, output = run("verify", "--file", str(path))
    assert code == 1 and "the header claims records 1..128, and the file holds 0" in output


@pytest.mark.parametrize("drop", ["record", "checkpoint"])
def test_a_file_missing_what_its_header_claims_is_refused(tmp_path: Path, drop: str) -> None:
    path = exported(tmp_path)
    lines = path.read_text().splitlines()
    kept = [line for line in lines if json.loads(line)["kind"] != drop or json.loads(line).get("seq") != 5]
    path.write_text("\n".join(kept) + "\n")
    assert not verify_file(path).ok


def test_an_export_past_the_end_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    fill(5)
    path = tmp_path / "past.jsonl"
    with pytest.raises(CommandError, match="بازه از پایان دفتر گذشته است: دفتر تا رکورد ۵ است"):
        call_command("audit", "export", "--from", "6", "--to", "9", str(path))
    assert not path.exists()


def test_verifying_a_file_makes_no_signing_key(tmp_path: Path, settings: Any, monkeypatch: Any) -> None:
    """A verifier on another machine has only the public key it was given."""
    path = exported(tmp_path)
    public = signing.public_key_b64()
    settings.VAR_DIR = tmp_path / "elsewhere"
    monkeypatch.delenv("AUDIT_SIGNING_KEY", raising=False)
    signing.signing_key.cache_clear()
    try:
        code, output = run("verify", "--file", str(path), "--trusted-key", public)
        assert code == 0 and "verified: 5 records" in output
        assert not (tmp_path / "elsewhere").exists()
    finally:
        signing.signing_key.cache_clear()
