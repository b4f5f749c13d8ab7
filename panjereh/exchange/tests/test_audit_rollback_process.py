"""The review's case c11b with two real gateway processes (uvicorn) on one SQLite audit database: the
records one wrote are removed and the head row moved back to the other's last record. Both refuse
(audit_unavailable) and say why in their log; neither writes on the cut log nor signs it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

from panjereh.exchange.tests.test_gateway_process import GATEWAY, _another_free_port, _answer


def test_c11b_both_gateway_processes_refuse_to_write_on_a_log_cut_under_them(tmp_path: Path, free_port: int) -> None:
    audit = tmp_path / "db-audit.sqlite3"
    env = {**os.environ, "PANJEREH_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "AUDIT_DATABASE_URL": f"sqlite:///{audit}", "DJANGO_SETTINGS_MODULE": "panjereh.settings",
           "REDIS_URL": ""}  # fmt: skip
    for alias in ("default", "audit"):
        migrate = [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0", "--database", alias]
        subprocess.run(migrate, env=env, check=True, timeout=120)
    ports = [free_port, _another_free_port(free_port)]
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    command = [*GATEWAY, "--host", "127.0.0.1", "--port", "{port}", "panjereh.exchange.gateway.asgi:application"]
    processes = []
    for port, log in zip(ports, logs, strict=True):
        with log.open("w") as stderr:
            processes.append(subprocess.Popen([part.format(port=port) for part in command], env=env, stderr=stderr))
    a, b = ports

    def call(port: int) -> tuple[int, str, str | None]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/exchange/v1/judiciary/criminal-record", data=b"{}", method="POST",
            headers={"Authorization": "Bearer not-a-token", "X-Purpose": "x", "Content-Type": "application/json"},
        )  # fmt: skip
        answer = _answer(request)  # a refused call is audited like any other
        return answer.code, json.loads(answer.read())["error"]["code"], answer.headers["X-Audit-Id"]

    try:
        assert [call(a), call(b), call(b)] == [(401, "invalid_token", "1"), (401, "invalid_token", "2"),
                                               (401, "invalid_token", "3")]  # fmt: skip
        with sqlite3.connect(audit) as db:  # B's records removed, the head row moved back to A's
            db.execute("DELETE FROM exchange_auditrecord WHERE seq > 1")
            db.execute("UPDATE exchange_audithead SET seq = 1, hash = "
                       "(SELECT hash FROM exchange_auditrecord WHERE seq = 1) WHERE id = 1")  # fmt: skip
        assert [call(a), call(b)] == [(503, "audit_unavailable", None), (503, "audit_unavailable", None)]
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)
        for process in processes:
            process.wait(timeout=30)
    with sqlite3.connect(audit) as db:
        assert db.execute("SELECT seq FROM exchange_auditrecord").fetchall() == [(1,)]
    for log in logs:
        assert "the audit log was rolled back under this gateway process" in log.read_text()
