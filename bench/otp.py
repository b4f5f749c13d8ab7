"""One-time-code login benchmark: request + verify, as a client sees them over loopback HTTP.

    uv run python bench/otp.py [--people 300]

Runs the platform (granian, panjereh.asgi, one worker) and the sandbox agencies as their own
processes on a fresh database (SQLite in a temporary folder, or a new PostgreSQL database when
DATABASE_URL names a server), with SMS going to a file outbox (delivery is not timed). For each of
N different sandbox people: POST /api/v1/auth/otp (validation, rate limits, the mobile-ownership
inquiry through the exchange gateway to the telecom registry, a hashed code, the SMS written),
then POST /api/v1/auth/otp/verify with the code from the outbox (one try, single use, the civil
registry inquiry on first login, a bearer token). Times are client-side, so they include the
loopback round trip (one keep-alive http.client connection): an upper bound on server time.
The last line is a JSON object.
It runs two passes over the same people: their first login (the civil registry is asked who they
are) and a returning one. Target (issue 4): request + verify p95 ≤ 50 ms.
Nothing here asserts: benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import json as _json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import free_port, fresh_database, migrate  # noqa: E402


def wait_for(url: str, seconds: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=300, help="logins to time (each a different person)")
    args = parser.parse_args()

    database = fresh_database("bench-otp")
    import django

    django.setup()
    from django.db import connection

    from panjereh.agencies.services import agency_upsert
    from panjereh.catalog.sample.agencies import AGENCIES_BY_CODE
    from panjereh.exchange.client import PLATFORM_AGENCY
    from panjereh.exchange.sample import SERVICES, sample_exchange_setup
    from panjereh.persian import make_national_code

    migrate()
    port, sandbox_port = free_port(), free_port()
    for code in {service.agency for service in SERVICES} | {PLATFORM_AGENCY}:
        agency_upsert(is_sample=True, **AGENCIES_BY_CODE[code])
    sample_exchange_setup(sandbox_url=f"http://127.0.0.1:{sandbox_port}")
    outbox = database.var_dir / "outbox.jsonl"
    env = {
        **os.environ, "PORT": str(port), "SECURE_COOKIES": "0", "SMS_BACKEND": "file", "SMS_OUTBOX": str(outbox),
        "EXCHANGE_URL": f"http://127.0.0.1:{port}", "OTP_RATE_PER_IP": "1000000/h", "LOG_LEVEL": "WARNING",
        "OTP_RESEND_SECONDS": "0",  # the returning pass logs the same people in again at once
    }  # fmt: skip
    sandbox = subprocess.Popen([sys.executable, "-m", "panjereh.sandbox", "--port", str(sandbox_port),
                                "--log-level", "warning"], env=env)  # fmt: skip
    web = subprocess.Popen([sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1",
                            "--port", str(port), "--workers", "1", "--log-level", "warning",
                            "panjereh.asgi:application"], env=env, cwd=ROOT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    passes: dict[str, tuple[list[float], list[float]]] = {"first": ([], []), "returning": ([], [])}
    failures: dict[str, int] = {}
    try:
        wait_for(f"{base}/healthz")
        wait_for(f"http://127.0.0.1:{sandbox_port}/healthz")
        with LeanClient(port) as client:
            reader = Outbox(outbox)
            people = [make_national_code(f"{4_000_000_00 + n * 7919:09d}") for n in range(args.people + 20)]
            for label in ("first", "returning"):
                for n, national_code in enumerate(people):
                    timing = one_login(client, reader, national_code, failures)
                    if timing is not None and n >= 20:  # the first 20 of each pass warm up, untimed
                        passes[label][0].append(timing[0])
                        passes[label][1].append(timing[1])
    finally:
        for process in (web, sandbox):
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
        database.drop()

    figures: dict[str, object] = {"database": connection.vendor, "failures": failures}
    print(f"database: {connection.vendor}; each login a different person; times include the loopback round trip")
    for label, (requests, verifies) in passes.items():
        both = [a + b for a, b in zip(requests, verifies, strict=True)]
        figures[label] = {
            "logins": len(both),
            "request_p50_ms": round(percentile(requests, 0.5), 2),
            "request_p95_ms": round(percentile(requests, 0.95), 2),
            "verify_p50_ms": round(percentile(verifies, 0.5), 2),
            "verify_p95_ms": round(percentile(verifies, 0.95), 2),
            "request_plus_verify_p95_ms": round(percentile(both, 0.95), 2),
        }
        print(f"{label} login ({len(both)}): request p50 {percentile(requests, 0.5):.1f} / p95 "
              f"{percentile(requests, 0.95):.1f} ms; verify p50 {percentile(verifies, 0.5):.1f} / p95 "
              f"{percentile(verifies, 0.95):.1f} ms; request + verify p95 {percentile(both, 0.95):.1f} ms "
              "(target ≤ 50 ms)")  # fmt: skip
    print(json.dumps(figures))


class Answer:
    def __init__(self, status_code: int, body: bytes) -> None:
        self.status_code, self.body = status_code, body

    def json(self) -> Any:
        return json.loads(self.body)


class LeanClient:
    """One keep-alive connection with the standard library's http.client: much less client-side
    work than httpx, so the times come closer to the server's own."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def __enter__(self) -> LeanClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.close()

    def post(self, path: str, json: Any) -> Answer:
        body = _json.dumps(json).encode()
        self.connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = self.connection.getresponse()
        return Answer(response.status, response.read())


class Outbox:
    """Reads the codes the server appends to its SMS outbox, from where it last stopped."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset = path, 0

    def last_code(self) -> str:
        with self.path.open(encoding="utf-8") as lines:
            lines.seek(self.offset)
            text = str(json.loads(lines.readlines()[-1])["text"])
            self.offset = lines.tell()
        return text[-6:]


def one_login(client: Any, outbox: Outbox, national_code: str, failures: dict[str, int]) -> tuple[float, float] | None:
    """(request seconds, verify seconds) of one login, or None if it failed (counted in failures)."""
    mobile = "0912000" + national_code[-4:]
    started = time.perf_counter()
    sent = client.post("/api/v1/auth/otp", json={"national_code": national_code, "mobile": mobile})
    asked = time.perf_counter() - started
    if sent.status_code != 202:
        failures[f"otp {sent.status_code}"] = failures.get(f"otp {sent.status_code}", 0) + 1
        return None
    code = outbox.last_code()
    started = time.perf_counter()
    done = client.post("/api/v1/auth/otp/verify", json={"challenge_id": sent.json()["challenge_id"], "code": code,
                                                        "token": True})  # fmt: skip
    verified = time.perf_counter() - started
    if done.status_code != 200:
        failures[f"verify {done.status_code}"] = failures.get(f"verify {done.status_code}", 0) + 1
        return None
    return asked, verified


if __name__ == "__main__":
    main()
