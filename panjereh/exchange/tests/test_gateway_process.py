"""The gateway as its own process, the way docs/exchange.md (At scale) runs it: uvicorn with httptools
and uvloop, the lifespan on. A refused call is answered in the envelope, audited in the process's
database before the answer leaves, and the process stops cleanly on Ctrl-C."""

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

GATEWAY = [sys.executable, "-m", "uvicorn", "--http", "httptools", "--loop", "uvloop", "--lifespan", "on",
           "--no-access-log", "--log-level", "warning"]  # fmt: skip


def test_the_gateway_serves_in_its_own_uvicorn_process(tmp_path: Path, free_port: int) -> None:
    database = tmp_path / "gateway.sqlite3"
    env = {**os.environ, "PANJEREH_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}",
           "DJANGO_SETTINGS_MODULE": "panjereh.settings", "REDIS_URL": ""}  # fmt: skip
    subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"], env=env, check=True)
    port = free_port
    process = subprocess.Popen(
        [*GATEWAY, "--host", "127.0.0.1", "--port", str(port), "panjereh.exchange.gateway.asgi:application"], env=env
    )
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
        with sqlite3.connect(database) as db:  # durable before the answer left
            row = db.execute(
                "SELECT outcome, status FROM exchange_auditrecord WHERE seq = ?", (int(audit_id),)
            ).fetchone()
        assert row == ("invalid_token", 401)
    finally:
        process.send_signal(signal.SIGINT)
        returncode = process.wait(timeout=30)
    assert returncode == 0


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
