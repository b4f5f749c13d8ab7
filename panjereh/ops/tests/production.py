"""The production path as a test drives it: `panjereh serve` and `panjereh worker --processes K` as real
processes on loopback, on a database of their own (a new PostgreSQL database in the suite's server, or
SQLite files) and a Redis, with the sample agencies' exchange set up against the sandbox process."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from conftest import _free_port as free_port

PERSON, MOBILE = "0012345679", "09120005679"  # a sandbox person with no criminal record, and their mobile
START_SECONDS = 90.0

# What the servers need before they start: the sample agencies' exchange against the sandbox, the
# flagship services' profiles and definitions (as the demo loads them, without the sample catalog).
PREPARE = """
from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_upsert
from panjereh.applications.sample import DEFINITIONS, sample_definitions_load
from panjereh.catalog.models import Service
from panjereh.catalog.sample.agencies import AGENCIES_BY_CODE
from panjereh.exchange.client import PLATFORM_AGENCY
from panjereh.exchange.sample import SERVICES, sample_exchange_setup
for code in {s.agency for s in SERVICES} | {PLATFORM_AGENCY} | {d["agency"] for d in DEFINITIONS}:
    agency_upsert(is_sample=True, **AGENCIES_BY_CODE[code])
sample_exchange_setup(sandbox_url=SANDBOX)
for spec in DEFINITIONS:
    agency = Agency.objects.get(code=spec["agency"])
    Service.objects.get_or_create(code=spec["service"], defaults={"agency": agency, "title": spec["title"]})
sample_definitions_load()
"""


@dataclass
class Production:
    folder: Path
    env: dict[str, str]
    database: str | None  # a PostgreSQL database to drop at the end
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def run(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run([sys.executable, "-m", "panjereh.cli", *args], env=self.env, capture_output=True,
                              timeout=timeout, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
        return done.stdout.decode()

    def shell(self, code: str) -> Any:
        """Runs `code` in a Django shell of the servers' own configuration; returns the JSON it prints last."""
        out = self.run("shell", "-c", code).strip().splitlines()
        return json.loads(out[-1]) if out else None

    def start(self, name: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("ab")
        process = subprocess.Popen([sys.executable, "-m", "panjereh.cli", *args], env={**self.env, **(env or {})},
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        self.processes[name] = process
        return process

    def serve(self, name: str, web_workers: int, gateway_workers: int, **env: str) -> tuple[str, str | None]:
        """Starts `panjereh serve`; returns its web origin and its gateway's (None without one)."""
        port, gateway_port = free_port(), free_port()
        metrics = self.folder / f"metrics-{name}"
        self.start(name, "serve", "--port", str(port), "--web-workers", str(web_workers), "--gateway-port",
                   str(gateway_port), "--gateway-workers", str(gateway_workers),
                   env={"PROMETHEUS_MULTIPROC_DIR": str(metrics), **env})  # fmt: skip
        web = f"http://127.0.0.1:{port}"
        gateway = f"http://127.0.0.1:{gateway_port}" if gateway_workers else None
        self.wait(name, f"{web}/healthz")
        if gateway:
            self.wait(name, f"{gateway}/exchange/v1/", any_answer=True)
        return web, gateway

    def wait(self, name: str, url: str, any_answer: bool = False) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.processes[name].poll() is None, self.log(name)
            try:
                answer = httpx.get(url, timeout=2)
                if any_answer or answer.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{name} did not answer at {url}:\n{self.log(name)}")

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def children(self, name: str) -> list[int]:
        """Process ids under `name`'s process (its servers and their workers), depth first."""
        found: list[int] = []

        def walk(pid: int) -> None:
            for path in Path(f"/proc/{pid}/task").glob("*/children"):
                for child in path.read_text().split():
                    found.append(int(child))
                    walk(int(child))

        walk(self.processes[name].pid)
        return found

    def stop(self) -> None:
        for process in self.processes.values():  # ours only, by process id: SIGTERM, as systemd stops them
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def sms(self) -> list[dict[str, Any]]:
        path = Path(self.env["SMS_OUTBOX"])
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def login(self, origin: str, *, token: bool = False, national_code: str = PERSON,
              mobile: str = MOBILE) -> httpx.Response:  # fmt: skip
        """Logs the person in as a browser's script does (JSON, same origin: a session cookie) or as an API
        client does (a bearer token); returns the answer to the code."""
        asked = httpx.post(f"{origin}/api/v1/auth/otp", json={"national_code": national_code, "mobile": mobile},
                           timeout=30)  # fmt: skip
        assert asked.status_code == 202, asked.text
        texts = [m["text"] for m in self.sms() if m["to"] == mobile]
        code = re.search(r"#(\d{6})$", texts[-1])
        assert code, texts
        answer = {"challenge_id": asked.json()["challenge_id"], "code": code.group(1), "token": token}
        verified = httpx.post(f"{origin}/api/v1/auth/otp/verify", json=answer, timeout=30)
        assert verified.status_code == 200, verified.text
        return verified


def production(
    folder: Path, redis_url: str, sandbox_url: str, database_url: str | None = None, **env: str
) -> Iterator[Production]:
    """A prepared production world (migrated, the exchange set up) on `database_url`, or on a database of
    its own (in the suite's PostgreSQL, or SQLite files); stops what it started at the end."""
    given = os.environ.get("DATABASE_URL", "")
    database: str | None = None
    if database_url:
        url = audit = database_url
    elif given.startswith("postgres"):
        import psycopg

        database = f"panjereh_prod_{secrets.token_hex(4)}"
        with psycopg.connect(given, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        url = given.rsplit("/", 1)[0] + "/" + database
        audit = url
    else:
        url, audit = f"sqlite:///{folder / 'main.sqlite3'}", f"sqlite:///{folder / 'audit.sqlite3'}"
    world = Production(folder, {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SANDBOX_", "PYTEST_", "PROMETHEUS_"))},
        "DJANGO_SETTINGS_MODULE": "panjereh.settings",
        "DATABASE_URL": url,
        "AUDIT_DATABASE_URL": audit,
        "REDIS_URL": redis_url,
        "PANJEREH_VAR_DIR": str(folder / "var"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_COOKIES": "0",
        "SMS_BACKEND": "file",
        "SMS_OUTBOX": str(folder / "outbox.jsonl"),
        "SANDBOX_URL": sandbox_url,
        "OTP_RESEND_SECONDS": "0",
        "LOG_FORMAT": "json",
        "WORKER_INTERVAL_SECONDS": "0.05",
        **env,
    }, database)  # fmt: skip
    try:
        world.run("migrate", "--no-input")
        world.run("migrate", "--database", "audit", "--no-input")
        world.run("shell", "-c", f"SANDBOX = {sandbox_url!r}\n{PREPARE}")
        yield world
    finally:
        world.stop()
        if database:
            import psycopg

            with psycopg.connect(given, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def apply(origin: str, token: str, key: str, service: str = "criminal-record-certificate") -> httpx.Response:
    """A citizen's application through the API, as an API client with a bearer token sends it."""
    return httpx.post(f"{origin}/api/v1/applications", json={"service": service, "data": {}}, timeout=30,
                      headers={"Idempotency-Key": key, "Authorization": f"Bearer {token}"})  # fmt: skip
