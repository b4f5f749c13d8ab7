"""The gateway as its own process, the way docs/exchange.md (At scale) runs it: uvicorn with httptools
and uvloop, the lifespan on. A refused call is answered in the envelope, audited in the audit
database (a SQLite file beside the main one) before the answer leaves, even while another writer
holds the main database, and the process stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from panjereh.infra.sqlite.base import WriteLock

GATEWAY = [sys.executable, "-m", "uvicorn", "--http", "httptools", "--loop", "uvloop", "--lifespan", "on",
           "--no-access-log", "--log-level", "warning"]  # fmt: skip


def test_the_gateway_serves_in_its_own_uvicorn_process(tmp_path: Path, free_port: int) -> None:
    database, audit = tmp_path / "gateway.sqlite3", tmp_path / "gateway-audit.sqlite3"
    env = {**os.environ, "PANJEREH_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}",
           "AUDIT_DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "panjereh.settings", "REDIS_URL": ""}  # fmt: skip
    for alias in ("default", "audit"):
        migrate = [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0", "--database", alias]
        subprocess.run(migrate, env=env, check=True, timeout=120)
    port = free_port
    process = subprocess.Popen(
        [*GATEWAY, "--host", "127.0.0.1", "--port", str(port), "panjereh.exchange.gateway.asgi:application"], env=env
    )
    main_writer = WriteLock.beside(database)  # the main database's writers' turn, and its own write lock,
    assert main_writer is not None  # held by another writer all through the call
    main_writer.acquire()
    held = sqlite3.connect(database, isolation_level=None)
    held.execute("BEGIN IMMEDIATE")
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/exchange/v1/judiciary/criminal-record", data=b'{"national_code": "0499370899"}',
            headers={"Authorization": "Bearer not-a-token", "X-Purpose": "criminal-record-certificate",
                     "Content-Type": "application/json"}, method="POST",
        )  # fmt: skip
        refused = _answer(request)
        assert refused.code == 401
        assert b'"code": "invalid_token"' in refused.read()
        audit_id = refused.headers["X-Audit-Id"]
        with sqlite3.connect(audit) as db:  # durable before the answer left
            row = db.execute(
                "SELECT outcome, status FROM exchange_auditrecord WHERE seq = ?", (int(audit_id),)
            ).fetchone()
        assert row == ("invalid_token", 401)
    finally:
        held.execute("ROLLBACK")
        held.close()
        main_writer.close()
        process.send_signal(signal.SIGINT)
        returncode = process.wait(timeout=30)
    assert returncode == 0
    with sqlite3.connect(database) as db:  # and none of the audit log is in the main database
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "exchange_grant" in tables and not {name for name in tables if name.startswith("exchange_audit")}


def _answer(request: urllib.request.Request) -> urllib.error.HTTPError:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(request, timeout=5)  # noqa: S310 - our loopback URL
        except urllib.error.HTTPError as answer:
            return answer
        except OSError:
            assert time.monotonic() < deadline, "the gateway did not start"
            time.sleep(0.2)
        else:
            raise AssertionError("a call without a valid token was answered 200")
