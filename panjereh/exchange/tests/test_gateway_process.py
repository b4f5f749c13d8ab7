"""The gateway as its own process, the way docs/exchange.md (At scale) runs it: uvicorn with httptools
and uvloop, the lifespan on. A refused call is answered in the envelope, audited in the audit
database (a SQLite file beside the main one) before the answer leaves, even while another writer
holds the main database, and the process stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import jwt

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


REGISTER_SYSTEM = """
import django; django.setup()
from panjereh.agencies.services import agency_upsert
from panjereh.exchange import services
moi = agency_upsert(code="moi", name="وزارت کشور")
system = services.system_register(agency=moi, code="moi-portal", name="درگاه وزارت کشور")
services.credential_add_shared_secret(system=system, key_id="main", secret=%r)
"""


def test_a_token_accepted_by_one_gateway_process_is_refused_by_another(tmp_path: Path, free_port: int) -> None:
    """The embedded default (no Redis), as `panjereh demo` runs it: two gateway processes, one audit
    database, which remembers the token ids for both."""
    secret = "a-shared-secret-of-at-least-32-characters!!"
    env = {**os.environ, "PANJEREH_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "AUDIT_DATABASE_URL": "", "DJANGO_SETTINGS_MODULE": "panjereh.settings", "REDIS_URL": ""}  # fmt: skip
    for alias in ("default", "audit"):
        migrate = [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0", "--database", alias]
        subprocess.run(migrate, env=env, check=True, timeout=120)
    subprocess.run([sys.executable, "-c", REGISTER_SYSTEM % secret], env=env, check=True, timeout=120)
    ports = [free_port, _another_free_port(free_port)]
    command = [*GATEWAY, "--host", "127.0.0.1", "--port", "{port}", "panjereh.exchange.gateway.asgi:application"]
    processes = [subprocess.Popen([part.format(port=port) for part in command], env=env) for port in ports]
    token = jwt.encode({"iss": "moi-portal", "iat": int(time.time()), "jti": uuid.uuid4().hex}, secret,
                       algorithm="HS256", headers={"kid": "main"})  # fmt: skip
    try:
        answers = []
        for port in ports:  # a data service nobody published: the first call gets past the token, to 404
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/exchange/v1/judiciary/criminal-record", data=b"{}", method="POST",
                headers={"Authorization": f"Bearer {token}", "X-Purpose": "x", "Content-Type": "application/json"},
            )  # fmt: skip
            answer = _answer(request)
            answers.append((answer.code, json.loads(answer.read())["error"]["code"]))
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)
        for process in processes:
            process.wait(timeout=30)
    assert answers == [(404, "not_found"), (401, "invalid_token")]


def _another_free_port(taken: int) -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        if port != taken:
            return port


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
