"""`panjereh backup` and `panjereh restore`: a backup restored into a fresh folder, by another process
with nothing but that folder, holds an audit log that verifies there; a backup changed by one byte is
refused whole; PostgreSQL is sent to its own tools."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from panjereh.exchange.audit import signing
from panjereh.exchange.audit.store import checkpoint_now
from panjereh.exchange.tests.test_audit_log import fill

pytestmark = pytest.mark.django_db(databases=["default", "audit"], transaction=True)  # a backup reads committed data

PANJEREH = [sys.executable, "-m", "panjereh.cli"]


def panjereh(var: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The console script in another process whose whole world is `var` (the embedded default)."""
    env = {"PATH": "/usr/bin:/bin", "PANJEREH_VAR_DIR": str(var), "DJANGO_DEBUG": "0"}
    return subprocess.run([*PANJEREH, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def var(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A var/ of the test's own, where the audit log's signing key is made (not one cached before)."""
    monkeypatch.delenv("AUDIT_SIGNING_KEY", raising=False)
    settings.VAR_DIR = tmp_path / "var"
    settings.AUDIT_WITNESS_FILE = settings.VAR_DIR / "audit-witness.jsonl"
    settings.VAR_DIR.mkdir(mode=0o700)
    signing.signing_key.cache_clear()
    yield Path(settings.VAR_DIR)
    signing.signing_key.cache_clear()  # the next test's key is its own again


def test_a_backup_restored_in_a_fresh_folder_verifies_there(var: Path, tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("backup", str(tmp_path / "backup"))
        assert not (tmp_path / "backup").exists()  # nothing written
        return
    fill(12)
    checkpoint_now()  # signs the end of the chain with the key under var/keys
    fill(3)  # and an unsigned tail after it
    call_command("backup", str(tmp_path / "backup"))
    backup = tmp_path / "backup"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["databases"]) == {"default", "audit"} and "var/keys/audit-ed25519.key" in manifest["files"]
    assert all(stat.S_IMODE((backup / name).stat().st_mode) == 0o600 for name in manifest["files"])

    fresh = tmp_path / "elsewhere"
    restored = panjereh(fresh, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "restored: default, audit" in restored.stdout
    verified = panjereh(fresh, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "verified: 15 records, 1 signed checkpoints (3 records after the last checkpoint)" in verified.stdout
    again = panjereh(fresh, "restore", str(backup))  # over a database that holds data: only when asked
    assert again.returncode == 1 and "--replace" in again.stderr
    assert panjereh(fresh, "restore", "--replace", str(backup)).returncode == 0


def test_a_backup_changed_by_one_byte_is_refused_and_nothing_is_restored(var: Path, tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        return  # the refusal of PostgreSQL is the test above
    fill(4)
    checkpoint_now()
    call_command("backup", str(tmp_path / "backup"))
    key = tmp_path / "backup" / "var" / "keys" / "audit-ed25519.key"
    key.write_bytes(bytes([key.read_bytes()[0] ^ 1]) + key.read_bytes()[1:])
    fresh = tmp_path / "elsewhere"
    refused = panjereh(fresh, "restore", str(tmp_path / "backup"))
    assert refused.returncode == 1 and "var/keys/audit-ed25519.key" in refused.stderr
    assert not (fresh / "panjereh.sqlite3").exists() and not (fresh / "keys" / "audit-ed25519.key").exists()
    with pytest.raises(CommandError, match="خالی نیست"):
        call_command("backup", str(tmp_path / "backup"))  # never into a folder that holds something
    assert os.listdir(tmp_path / "backup")
