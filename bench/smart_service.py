"""Smart-service benchmark: submit → automatic decision → signed document, as a client sees it.

    uv run python bench/smart_service.py [--requests 160] [--threads 4] [--server granian|uvicorn] [--cpu-qos]
                                         [--web-workers 1] [--worker-processes 1]

The production path (issue 28): `PG_DURABLE=1 bash scripts/with-postgres.sh bash scripts/with-redis.sh
uv run python bench/smart_service.py --web-workers 2 --worker-processes 2`, alternated with the embedded
default (no variables) in the same hour.

Runs the platform as `make run` does — the web process (granian, panjereh.asgi; `--server uvicorn`
to compare), the gateway process the platform's own inquiries go to (uvicorn,
panjereh.exchange.gateway.asgi),
the task worker (`panjereh worker`) and the sandbox agencies, each its own process —
on a fresh database (SQLite in a temporary folder, or a new PostgreSQL database when DATABASE_URL
names a server). The service
is passport renewal: three inquiries through the exchange gateway (civil registry, police,
conscription), JSON Logic rules, an Ed25519-signed document. Each timed application is one
POST /api/v1/applications (bearer token, Idempotency-Key); the time runs from before the POST until
the application is seen issued. One watcher thread looks every 5 ms, with one query straight to the
database, at all applications in flight (16 clients polling the API every few milliseconds would
load the one web process more than the applications do); when all of a level's applications are done,
each is read once through GET /api/v1/applications/{code}, untimed, to check that its document is
there (after, not between, so the checks do not load the server while other applications are timed).
It runs at concurrency 1 and 16, with the worker asking the three agencies in parallel and then in
sequence, and times three direct inquiries through the same gateway as the yardstick.
`--cpu-qos` (root) keeps the machine's CPUs out of deep idle states for the run (bench/common.py).
Target (issue 5): p95 ≤ 150 ms at concurrency 16. The last line is a JSON object.
Nothing here asserts: benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import cpu_seconds, free_port, fresh_database, migrate, shallow_cpu_idle, stop, wait_for_port  # noqa: E402
from otp import percentile, wait_for  # noqa: E402

from panjereh.infra.memory import settle  # noqa: E402
from panjereh.ops.servers import GATEWAY_SERVER  # noqa: E402

SERVICE = "passport-renewal"
WEB_SERVERS = {
    "granian": ["granian", "--interface", "asgi"],  # as `make run`
    "uvicorn": ["uvicorn", "--http", "httptools", "--loop", "uvloop", "--lifespan", "on", "--no-access-log"],
}
POLL_SECONDS = 0.005


class Watcher:
    """Sees applications reach a final status: one query for all of them every POLL_SECONDS."""

    def __init__(self) -> None:
        self.waiting: dict[str, tuple[threading.Event, list[str]]] = {}
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def wait(self, tracking_code: str, timeout: float = 30) -> str:
        event, outcome = threading.Event(), []
        with self.lock:
            self.waiting[tracking_code] = (event, outcome)
        event.wait(timeout)
        return outcome[0] if outcome else "timeout"

    def _run(self) -> None:
        from django.db import close_old_connections, connection

        from panjereh.applications.models import Application

        # One plain SQL statement, not the ORM: this process shares the machine's two cores with the
        # platform, and the ORM's work for 200 looks a second would be a load of its own.
        table = connection.ops.quote_name(Application._meta.db_table)
        while self.running:
            with self.lock:
                codes = list(self.waiting)
            if codes:
                marks = ", ".join(["%s"] * len(codes))
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT tracking_code, status FROM {table} WHERE tracking_code IN ({marks}) "
                                   "AND status NOT IN ('submitted', 'in_progress')", codes)  # fmt: skip
                    final = cursor.fetchall()
                for code, status in final:
                    with self.lock:
                        event, outcome = self.waiting.pop(code)
                    outcome.append(status)
                    event.set()
            close_old_connections()
            time.sleep(POLL_SECONDS)


class CpuMeter:
    """CPU seconds the platform's processes and this one (the clients and the watcher) use from now to stop()."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.before = {name: cpu_seconds(pid) for name, pid in pids.items()} | {"this client": time.process_time()}
        self.used: dict[str, float] = {}

    def stop(self) -> None:
        time.sleep(0.3)  # the messages' SMS tasks, queued behind the decisions, finish
        now = {name: cpu_seconds(pid) for name, pid in self.pids.items()} | {"this client": time.process_time()}
        self.used = {name: now[name] - self.before[name] for name in now}


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

    from django.utils import timezone

    from panjereh.accounts.services import citizen_get_or_create
    from panjereh.accounts.sessions import api_token_issue
    from panjereh.agencies.services import agency_upsert
    from panjereh.applications.sample import DEFINITIONS, sample_definitions_load
    from panjereh.catalog.models import Service
    from panjereh.catalog.sample.agencies import AGENCIES_BY_CODE
    from panjereh.exchange.client import PLATFORM_AGENCY
    from panjereh.exchange.sample import SERVICES, sample_exchange_setup

    migrate()
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
        # As their login left them: the civil registry confirmed who they are (else each person's
        # first application would ask it first: docs/identity.md).
        citizen.identity_checked_at = timezone.now()
        citizen.save(update_fields=["identity_checked_at"])
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
        self.submits: list[float] = []  # seconds each POST took, to its 201

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, path, data, {**self.headers, **headers})
        response = self.connection.getresponse()
        return response.status, json.loads(response.read() or b"null")

    def one_application(self, watcher: Watcher) -> tuple[float | None, str, str]:
        """(seconds from submit to the issued document, or None; the outcome; the tracking code)."""
        started = time.perf_counter()
        status, answer = self.call("POST", "/api/v1/applications", {"service": SERVICE,
                                   "data": {"delivery_postal_code": "1345678901"}},
                                   **{"Idempotency-Key": uuid.uuid4().hex})  # fmt: skip
        if status != 201:
            return None, f"submit {status}", ""
        self.submits.append(time.perf_counter() - started)
        outcome = watcher.wait(answer["tracking_code"])
        return time.perf_counter() - started, outcome, answer["tracking_code"]

    def has_document(self, tracking_code: str) -> bool:
        status, detail = self.call("GET", f"/api/v1/applications/{tracking_code}")
        return status == 200 and detail["status"] == "issued" and bool(detail["documents"])


def run_level(
    port: int,
    tokens: list[str],
    concurrency: int,
    total: int,
    watcher: Watcher,
    timed_done: Callable[[], None] | None = None,
) -> tuple[list[float], dict[str, int], list[float]]:
    """Runs `total` applications on `concurrency` clients; `timed_done` is called once all are decided,
    before the checks."""
    times: list[float] = []
    submits: list[float] = []
    outcomes: dict[str, int] = {}
    lock = threading.Lock()
    per_thread = max(1, total // concurrency)

    def worker(index: int) -> None:
        client = Client(port, tokens[index % len(tokens)])
        issued = []
        for _ in range(per_thread):
            seconds, outcome, code = client.one_application(watcher)
            if outcome == "issued":
                issued.append((seconds, code))
            else:
                with lock:
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1
        barrier.wait()  # the checks below, one GET each, wait until every timed application is done
        for seconds, code in issued:
            outcome = "issued" if client.has_document(code) else "issued without a document"
            with lock:
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                if outcome == "issued":
                    times.append(seconds)
        with lock:
            submits.extend(client.submits)

    barrier = threading.Barrier(concurrency, action=timed_done, timeout=120)  # a broken client ends the run
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, outcomes, submits


def stages(since: float) -> dict[str, float]:
    """p50 and p95 of where the time went, from the timeline the server wrote for the applications made after
    `since` (a wall-clock time): waiting for a worker (submitted → in_progress) and the work itself
    (in_progress → issued: inquiries, rules, signing, the notification queued)."""
    import datetime

    from panjereh.applications.models import ApplicationEvent

    after = datetime.datetime.fromtimestamp(since, tz=datetime.UTC)
    marks: dict[str, dict[str, datetime.datetime]] = {}
    for application_id, status, at in ApplicationEvent.objects.filter(at__gte=after).values_list(
        "application_id", "status", "at"
    ):
        marks.setdefault(str(application_id), {})[status] = at
    pickup = [(m["in_progress"] - m["submitted"]).total_seconds() for m in marks.values() if len(m) == 3]
    work = [(m["issued"] - m["in_progress"]).total_seconds() for m in marks.values() if len(m) == 3]
    if not pickup:
        return {}
    return {
        f"{name}_p{q}_ms": round(percentile(values, q / 100), 1)
        for name, values in (("worker_pickup", pickup), ("work", work))
        for q in (50, 95)
    }


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


def start_worker(env: dict[str, str], threads: int, parallel: bool, processes: int = 1) -> subprocess.Popen[bytes]:
    worker_env = {**env, "INQUIRIES_IN_PARALLEL": "1" if parallel else "0"}
    return subprocess.Popen([sys.executable, "-m", "panjereh.cli", "worker", "--threads", str(threads),
                             "--processes", str(processes), "--verbosity", "0"], env=worker_env, cwd=ROOT)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=160, help="timed applications per concurrency level")
    parser.add_argument("--threads", type=int, default=4, help="the worker's threads")
    parser.add_argument(
        "--server",
        choices=sorted(WEB_SERVERS),
        default="granian",
        help="the web process's ASGI server (make run: granian)",
    )
    parser.add_argument("--web-workers", type=int, default=1, help="web processes (the production path: 2, REDIS_URL)")
    parser.add_argument(
        "--worker-processes", type=int, default=1, help="worker processes (`panjereh worker --processes`)"
    )
    parser.add_argument("--cpu-qos", action="store_true", help="keep the CPUs out of deep idle for the run (root)")
    args = parser.parse_args()
    with shallow_cpu_idle(args.cpu_qos) as (cpu_qos, how):
        measure(args, cpu_qos, how)


def measure(args: argparse.Namespace, cpu_qos: bool, how: str) -> None:
    database = fresh_database("bench-smart")
    port, sandbox_port, gateway_port = free_port(), free_port(), free_port()
    os.environ["EXCHANGE_URL"] = f"http://127.0.0.1:{gateway_port}"  # as `panjereh demo`
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
    web = subprocess.Popen([sys.executable, "-m", *WEB_SERVERS[args.server], "--host", "127.0.0.1", "--port",
                            str(port), "--workers", str(args.web_workers), "--log-level", "warning",
                            "panjereh.asgi:application"],
                           env=env, cwd=ROOT)  # fmt: skip
    gateway = subprocess.Popen([sys.executable, "-m", "uvicorn", *GATEWAY_SERVER, "--host", "127.0.0.1", "--port",
                                str(gateway_port), "--log-level", "warning",
                                "panjereh.exchange.gateway.asgi:application"], env=env, cwd=ROOT)  # fmt: skip
    figures: dict[str, Any] = {"database": connection.vendor, "service": SERVICE, "inquiries": 3,
                               "worker_threads": args.threads, "cpu_qos": cpu_qos, "web_workers": args.web_workers,
                               "worker_processes": args.worker_processes,
                               "cache": "redis" if os.environ.get("REDIS_URL") else "local"}  # fmt: skip
    watcher = Watcher()
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        wait_for(f"http://127.0.0.1:{sandbox_port}/healthz")
        wait_for_port(gateway_port)
        direct_inquiries(people, 20)  # warm the gateway and the pools
        direct = direct_inquiries(people, 100)
        figures["direct_3_inquiries_p50_ms"] = round(percentile(direct, 0.5), 2)
        figures["direct_3_inquiries_p95_ms"] = round(percentile(direct, 0.95), 2)
        print(f"database: {connection.vendor}; CPUs {how}; 3 direct inquiries in sequence: "
              f"p50 {percentile(direct, 0.5):.1f} / p95 {percentile(direct, 0.95):.1f} ms")  # fmt: skip
        settle()  # this client's own start-up out of its collector's way, as the servers' (panjereh.infra.memory)
        for mode in ("parallel", "sequence"):
            worker = start_worker(env, args.threads, parallel=mode == "parallel", processes=args.worker_processes)
            processes = {"web": web, "gateway": gateway, "worker": worker, "sandbox": sandbox}
            try:
                time.sleep(1.0)
                run_level(port, tokens, 4, 16, watcher)  # warm up, untimed
                for concurrency in (1, 16):
                    total = max(concurrency, args.requests if concurrency > 1 else args.requests // 4)
                    since = time.time()
                    meter = CpuMeter({name: p.pid for name, p in processes.items()})
                    times, outcomes, submits = run_level(port, tokens, concurrency, total, watcher, meter.stop)
                    where = {
                        "submit_p50_ms": round(percentile(submits, 0.5), 1),
                        "submit_p95_ms": round(percentile(submits, 0.95), 1),
                        **stages(since),
                    }
                    where["cpu_ms_per_application"] = {  # while timed, without the checks
                        name: round(seconds * 1000 / max(1, len(times)), 1) for name, seconds in meter.used.items()
                    }
                    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
                    ratio = p50 / figures["direct_3_inquiries_p50_ms"]
                    figures[f"{mode}_c{concurrency}"] = {
                        "issued": len(times), "outcomes": outcomes, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
                        "ratio_p50_to_direct": round(ratio, 2), **where,
                    }  # fmt: skip
                    print(f"inquiries in {mode}, concurrency {concurrency}: {len(times)} issued; submit → document "
                          f"p50 {p50:.1f} / p95 {p95:.1f} ms; p50 is {ratio:.2f}× three direct inquiries; {where}"
                          + ("  (target p95 ≤ 150 ms)" if concurrency == 16 else ""))  # fmt: skip
            finally:
                stop(worker)
    finally:
        watcher.running = False
        for process in (web, gateway, sandbox):
            stop(process)
        database.drop()
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
