"""Smart-service benchmark: submit → automatic decision → signed document, as a client sees it.

    uv run python bench/smart_service.py [--requests 160] [--threads 4]

Runs the platform as `make run` does — the web process (granian, panjereh.asgi), the task worker
(`panjereh worker`) and the sandbox agencies, each its own process — on a fresh database (SQLite
in a temporary folder, or a new PostgreSQL database when DATABASE_URL names a server). The service
is passport renewal: three inquiries through the exchange gateway (civil registry, police,
conscription), JSON Logic rules, an Ed25519-signed document. Each timed application is one
POST /api/v1/applications (bearer token, Idempotency-Key), then GET /api/v1/applications/{code}
every 5 ms until it is issued; the time is from before the POST to the GET that shows the document.
It runs at concurrency 1 and 16, with the worker asking the three agencies in parallel and then in
sequence, and times three direct inquiries through the same gateway as the yardstick.
Target (issue 5): p95 ≤ 150 ms at concurrency 16. The last line is a JSON object.
Nothing here asserts: benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import free_port, fresh_database  # noqa: E402
from otp import percentile, wait_for  # noqa: E402

SERVICE = "passport-renewal"
POLL_SECONDS = 0.005


def issued_people(count: int) -> list[str]:
    """Sandbox people whose passport renewal the rules approve (alive, a passport, conscription settled)."""
    from panjereh.persian import make_national_code
    from panjereh.sandbox.agencies.conscription import status
    from panjereh.sandbox.agencies.police import passport
    from panjereh.sandbox.people import person

    found, n = [], 0
    while len(found) < count:
        code = make_national_code(f"{5_000_000_00 + n * 7919:09d}")
        n += 1
        if (person(code).alive and passport({"national_code": code})["status"] != "none"
                and status({"national_code": code})["status"] not in ("eligible", "absent")):  # fmt: skip
            found.append(code)
    return found


def setup(sandbox_url: str, people: list[str]) -> list[str]:
    """The sample agencies, exchange, flagship definitions and one bearer token per person."""
    from django.core.management import call_command

    from panjereh.accounts.services import citizen_get_or_create
    from panjereh.accounts.sessions import api_token_issue
    from panjereh.agencies.services import agency_upsert
    from panjereh.applications.sample import DEFINITIONS, sample_definitions_load
    from panjereh.catalog.models import Service
    from panjereh.catalog.sample.agencies import AGENCIES_BY_CODE
    from panjereh.exchange.client import PLATFORM_AGENCY
    from panjereh.exchange.sample import SERVICES, sample_exchange_setup

    call_command("migrate", verbosity=0)
    for code in {s.agency for s in SERVICES} | {d["agency"] for d in DEFINITIONS} | {PLATFORM_AGENCY}:
        agency_upsert(is_sample=True, **AGENCIES_BY_CODE[code])
    sample_exchange_setup(sandbox_url=sandbox_url)
    for spec in DEFINITIONS:
        Service.objects.get_or_create(
            code=spec["service"], defaults={"agency_id": _agency_id(spec["agency"]), "title": spec["title"]}
        )
    sample_definitions_load()
    tokens = []
    for code in people:
        citizen = citizen_get_or_create(national_code=code, first_name="آزمون", last_name="کارایی")
        tokens.append(api_token_issue(citizen.user)[0])
    return tokens


def _agency_id(code: str) -> int:
    from panjereh.agencies.models import Agency

    return Agency.objects.get(code=code).pk


class Client:
    """One keep-alive http.client connection (little client-side work, so times stay close to the server's)."""

    def __init__(self, port: int, token: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, path, data, {**self.headers, **headers})
        response = self.connection.getresponse()
        return response.status, json.loads(response.read() or b"null")

    def one_application(self) -> tuple[float | None, str]:
        """(seconds from submit to the issued document, or None; the outcome)."""
        started = time.perf_counter()
        status, answer = self.call("POST", "/api/v1/applications", {"service": SERVICE,
                                   "data": {"delivery_postal_code": "1345678901"}},
                                   **{"Idempotency-Key": uuid.uuid4().hex})  # fmt: skip
        if status != 201:
            return None, f"submit {status}"
        deadline = started + 30
        while time.perf_counter() < deadline:
            status, detail = self.call("GET", f"/api/v1/applications/{answer['tracking_code']}")
            if status == 200 and detail["status"] in ("issued", "rejected", "waiting_for_agency"):
                if detail["status"] == "issued" and detail["documents"]:
                    return time.perf_counter() - started, "issued"
                return None, detail["status"]
            time.sleep(POLL_SECONDS)
        return None, "timeout"


def run_level(port: int, tokens: list[str], concurrency: int, total: int) -> tuple[list[float], dict[str, int]]:
    times: list[float] = []
    outcomes: dict[str, int] = {}
    lock = threading.Lock()
    per_thread = max(1, total // concurrency)

    def worker(index: int) -> None:
        client = Client(port, tokens[index % len(tokens)])
        for _ in range(per_thread):
            seconds, outcome = client.one_application()
            with lock:
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                if seconds is not None:
                    times.append(seconds)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, outcomes


def direct_inquiries(people: list[str], rounds: int) -> list[float]:
    """Three inquiries in sequence through the gateway with the platform's token: the yardstick."""
    from panjereh.exchange.client import inquire

    times = []
    for n in range(rounds):
        code = people[n % len(people)]
        started = time.perf_counter()
        for provider, service in (("sabtahval", "person"), ("faraja", "passport"), ("conscription", "status")):
            inquire(provider, service, {"national_code": code}, purpose=SERVICE, subject=code)
        times.append(time.perf_counter() - started)
    return times


def start_worker(env: dict[str, str], threads: int, parallel: bool) -> subprocess.Popen[bytes]:
    worker_env = {**env, "INQUIRIES_IN_PARALLEL": "1" if parallel else "0"}
    return subprocess.Popen([sys.executable, "-m", "panjereh.cli", "worker", "--threads", str(threads),
                             "--verbosity", "0"], env=worker_env, cwd=ROOT)  # fmt: skip


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=160, help="timed applications per concurrency level")
    parser.add_argument("--threads", type=int, default=4, help="the worker's threads")
    args = parser.parse_args()

    database = fresh_database("bench-smart")
    port, sandbox_port = free_port(), free_port()
    os.environ["EXCHANGE_URL"] = f"http://127.0.0.1:{port}"
    os.environ["API_TOKEN_SECONDS"] = "86400"  # noqa: S105 (a lifetime, not a secret)
    import django

    django.setup()
    from django.db import connection

    people = issued_people(32)
    tokens = setup(f"http://127.0.0.1:{sandbox_port}", people)
    env = {**os.environ, "PORT": str(port), "SECURE_COOKIES": "0", "SMS_BACKEND": "file",
           "SMS_OUTBOX": str(database.var_dir / "outbox.jsonl"), "LOG_LEVEL": "WARNING"}  # fmt: skip
    sandbox = subprocess.Popen([sys.executable, "-m", "panjereh.sandbox", "--port", str(sandbox_port),
                                "--log-level", "warning"], env=env)  # fmt: skip
    web = subprocess.Popen([sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1",
                            "--port", str(port), "--workers", "1", "--log-level", "warning",
                            "panjereh.asgi:application"], env=env, cwd=ROOT)  # fmt: skip
    figures: dict[str, Any] = {"database": connection.vendor, "service": SERVICE, "inquiries": 3,
                               "worker_threads": args.threads}  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        wait_for(f"http://127.0.0.1:{sandbox_port}/healthz")
        direct_inquiries(people, 20)  # warm the gateway and the pools
        direct = direct_inquiries(people, 100)
        figures["direct_3_inquiries_p50_ms"] = round(percentile(direct, 0.5), 2)
        figures["direct_3_inquiries_p95_ms"] = round(percentile(direct, 0.95), 2)
        print(f"database: {connection.vendor}; 3 direct inquiries in sequence: p50 {percentile(direct, 0.5):.1f} / "
              f"p95 {percentile(direct, 0.95):.1f} ms")  # fmt: skip
        for mode in ("parallel", "sequence"):
            worker = start_worker(env, args.threads, parallel=mode == "parallel")
            try:
                time.sleep(1.0)
                run_level(port, tokens, 4, 16)  # warm up, untimed
                for concurrency in (1, 16):
                    total = max(concurrency, args.requests if concurrency > 1 else args.requests // 4)
                    times, outcomes = run_level(port, tokens, concurrency, total)
                    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
                    ratio = p50 / figures["direct_3_inquiries_p50_ms"]
                    figures[f"{mode}_c{concurrency}"] = {
                        "issued": len(times), "outcomes": outcomes, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
                        "ratio_p50_to_direct": round(ratio, 2),
                    }  # fmt: skip
                    print(f"inquiries in {mode}, concurrency {concurrency}: {len(times)} issued; submit → document "
                          f"p50 {p50:.1f} / p95 {p95:.1f} ms; p50 is {ratio:.2f}× three direct inquiries"
                          + ("  (target p95 ≤ 150 ms)" if concurrency == 16 else ""))  # fmt: skip
            finally:
                stop(worker)
    finally:
        for process in (web, sandbox):
            stop(process)
        database.drop()
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
