"""Exchange gateway benchmark: what every check and a hash-chained audit record cost per inquiry.

    uv run python bench/exchange.py [--quick] [--workers 1] [--seconds 8] [--rates 500,1000,1500] [--cpu-qos]

A stub provider (raw asyncio, canned 1 KB JSON: bench/stub_provider.py) runs in its own process,
the gateway in another (uvicorn with httptools and uvloop, or granian with --server granian;
panjereh.exchange.gateway.asgi). The same lean load client (bench/loadclient.py) drives the gateway
and, alternately, the stub directly. For each audit mode (off / chained / durable) it measures
closed-loop saturation at concurrency 1, 16 and 64; then, with the durable audit, open-loop latency
at half the gateway's maximum and at the fixed `--rates` (each request sent at its scheduled time;
p50 and p99 added at each rate), and the gateway's CPU time per inquiry. Every call carries a fresh
HS256 token (signed before the timed phase), a purpose, a subject; the gateway checks token, grant,
purpose, subject and both JSON Schemas. It also compares the gateway's forwarding pool with aiohttp
and httpx. The last line is a JSON object. Uses its own SQLite databases in a temporary folder (the
main one and the audit log's beside it), or a fresh PostgreSQL database when DATABASE_URL names a
PostgreSQL server. `--cpu-qos` (root) keeps the machine's CPUs out of deep idle states for the run,
as a latency-tuned host would (see bench/common.py, shallow_cpu_idle). Nothing here asserts:
benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import cpu_seconds, free_port, fresh_database, migrate, shallow_cpu_idle, stop, wait_for_port  # noqa: E402
from loadclient import Run, closed_loop, open_loop  # noqa: E402

SECRET = secrets.token_urlsafe(32)
SUBJECT = "0499370899"
GATEWAY_PATH = "/exchange/v1/judiciary/criminal-record"
BODY = json.dumps({"national_code": SUBJECT}).encode()
MODES = ("off", "chained", "durable")
CONCURRENCY = (1, 16, 64)


class Requests:
    """Request bytes with a fresh token each; signed ahead of a phase so signing is not timed."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.ready: list[bytes] = []

    def one(self) -> bytes:
        import jwt

        token = jwt.encode({"iss": "bench-consumer", "iat": int(time.time()), "jti": uuid.uuid4().hex}, SECRET,
                           algorithm="HS256", headers={"kid": "main"})  # fmt: skip
        return (
            f"POST {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"X-Purpose: criminal-record-certificate\r\nX-Subject: {SUBJECT}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(BODY)}\r\n\r\n"
        ).encode() + BODY

    def prepare(self, count: int) -> Iterator[bytes]:
        self.ready = [self.one() for _ in range(count)]
        return self._iterate()

    def _iterate(self) -> Iterator[bytes]:
        yield from self.ready
        while True:  # more than prepared: sign on the fly (slower, but never a reused jti)
            yield self.one()


def setup_database(stub_url: str) -> None:
    from panjereh.agencies.services import agency_upsert
    from panjereh.exchange import services

    consumer_agency = agency_upsert(code="moi", name="وزارت کشور")
    provider_agency = agency_upsert(code="judiciary", name="قوه قضاییه")
    consumer = services.system_register(agency=consumer_agency, code="bench-consumer", name="مصرف‌کننده آزمون")
    services.credential_add_shared_secret(system=consumer, key_id="main", secret=SECRET)
    provider = services.system_register(agency=provider_agency, code="bench-provider", name="ارائه‌دهنده آزمون",
                                        base_url=stub_url)  # fmt: skip
    purpose = services.purpose_upsert(code="criminal-record-certificate", name="صدور گواهی عدم سوء پیشینه")
    schema = {"type": "object", "properties": {"national_code": {"type": "string", "pattern": "^[0-9]{10}$"}},
              "required": ["national_code"], "additionalProperties": False}  # fmt: skip
    service = services.data_service_publish(
        system=provider, code="criminal-record", title="استعلام سوء پیشینه", endpoint="/judiciary/criminal-record",
        purposes=[purpose], request_schema=schema, response_schema={"type": "object", "required": ["has_record"]},
    )  # fmt: skip
    grant = services.grant_request(consumer=consumer, data_service=service, purposes=[purpose])
    services.grant_decide(grant=grant, approve=True, by="bench")


SERVERS = {  # the gateway's own process: see docs/exchange.md, At scale
    "uvicorn": ["-m", "uvicorn", "--http", "httptools", "--loop", "uvloop", "--lifespan", "on", "--no-access-log"],
    "granian": ["-m", "granian", "--interface", "asgi", "--loop", "uvloop", "--no-ws"],
}


def start_gateway(port: int, mode: str, workers: int, env: dict[str, str], server: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, *SERVERS[server], "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--log-level", "warning", "panjereh.exchange.gateway.asgi:application"],
        env={**env, "EXCHANGE_AUDIT": mode, "PANJEREH_BENCHMARK": "1"}, cwd=ROOT,
    )  # fmt: skip
    wait_for_port(port)
    return process


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A throw-away Redis on loopback for the shared replay store (several gateway workers)."""
    port = free_port()
    process = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)  # fmt: skip
    wait_for_port(port)
    return process, f"redis://127.0.0.1:{port}/0"


def open_pair(gateway_port: int, stub_port: int, through: Requests, direct: Requests, rate: float,
              seconds: float) -> tuple[Run, Run]:  # fmt: skip
    """The same open-loop schedule through the gateway, then straight at the stub."""
    count = int(rate * seconds) + 10
    via = asyncio.run(open_loop(gateway_port, through.prepare(count), rate, seconds))
    return via, asyncio.run(open_loop(stub_port, direct.prepare(count), rate, seconds))


def added_ms(via: Run, straight: Run, fraction: float = 0.5) -> float:
    return round(via.percentile_ms(fraction) - straight.percentile_ms(fraction), 3)


def describe(run: Run) -> str:
    bad = {k: v for k, v in run.statuses.items() if k != 200}
    return (f"{run.rps:8.0f} req/s  p50 {run.percentile_ms(0.5):6.2f} ms  p99 {run.percentile_ms(0.99):6.2f} ms"
            + (f"  non-200: {bad}" if bad else ""))  # fmt: skip


async def compare_clients(stub_port: int, count: int) -> dict[str, float]:
    """The forwarding client: the gateway's own pool (panjereh.exchange.gateway.http1) against
    aiohttp and httpx, same stub, concurrency 16."""
    import aiohttp
    import httpx

    from panjereh.exchange.gateway.http1 import Pool

    url = f"http://127.0.0.1:{stub_port}/judiciary/criminal-record"
    results: dict[str, float] = {}
    semaphore = asyncio.Semaphore(16)
    pool = Pool(max_body=4 * 1024 * 1024)

    async def with_pool() -> None:
        async with semaphore:
            await pool.post(url, BODY, {"Content-Type": "application/json"})

    started = time.perf_counter()
    await asyncio.gather(*(with_pool() for _ in range(count)))
    results["pool_rps"] = count / (time.perf_counter() - started)
    await pool.close()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=16)) as session:

        async def with_aiohttp() -> None:
            async with semaphore, session.post(url, data=BODY) as response:
                await response.read()

        started = time.perf_counter()
        await asyncio.gather(*(with_aiohttp() for _ in range(count)))
        results["aiohttp_rps"] = count / (time.perf_counter() - started)

    limits = httpx.Limits(max_connections=16, max_keepalive_connections=16)
    async with httpx.AsyncClient(limits=limits) as client:

        async def with_httpx() -> None:
            async with semaphore:
                response = await client.post(url, content=BODY)
                response.read()

        started = time.perf_counter()
        await asyncio.gather(*(with_httpx() for _ in range(count)))
        results["httpx_rps"] = count / (time.perf_counter() - started)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short phases: the whole run in under 2 minutes")
    parser.add_argument("--seconds", type=float, default=None, help="seconds per phase (default 8, quick 2.5)")
    parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    parser.add_argument("--open-rate", type=float, default=None, help="open-loop rate (default: half the durable max)")
    parser.add_argument("--redis", action="store_true",
                        help="share used token ids through a throw-away Redis (else the audit database)")  # fmt: skip
    parser.add_argument("--modes", default=",".join(MODES), help="audit modes to run, comma-separated; the open loop "
                        "runs in the last (default: off,chained,durable)")  # fmt: skip
    parser.add_argument("--server", choices=sorted(SERVERS), default="uvicorn", help="the gateway's ASGI server")
    parser.add_argument("--rates", default="500,1000,1500", help="fixed open-loop rates (req/s) also measured after "
                        "half load, comma-separated, for p50 added by rate ('' for none)")  # fmt: skip
    parser.add_argument("--cpu-qos", action="store_true", help="keep the CPUs out of deep idle for the run (root)")
    args = parser.parse_args()
    seconds = args.seconds or (2.5 if args.quick else 8.0)
    rates = [float(rate) for rate in args.rates.split(",") if rate.strip()]
    added_by_rate: dict[float, tuple[float, float]] = {}  # (p50, p99) added

    database = fresh_database("bench-exchange")
    redis = start_redis(database.var_dir) if args.redis else None
    env = {**os.environ, "REDIS_URL": redis[1] if redis else ""}
    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from django.db import connection

    migrate()
    stub_port, gateway_port = free_port(), free_port()
    stub = subprocess.Popen([sys.executable, str(ROOT / "bench" / "stub_provider.py"), str(stub_port)])
    wait_for_port(stub_port)
    setup_database(f"http://127.0.0.1:{stub_port}")
    store = "Redis" if redis else "the audit database"
    cpu_idle = contextlib.ExitStack()
    cpu_qos, how = cpu_idle.enter_context(shallow_cpu_idle(args.cpu_qos))
    print(f"database: {connection.vendor}; gateway: {args.server}, {args.workers} worker(s); replay store: {store}; "
          f"{seconds:.1f} s a phase; {os.cpu_count()} CPUs, {how}")  # fmt: skip

    direct = Requests("/judiciary/criminal-record")
    through = Requests(GATEWAY_PATH)
    saturation: dict[str, dict[int, tuple[Run, Run]]] = {}
    cpu_ms = 0.0
    open_gateway = open_direct = Run()
    try:
        clients = asyncio.run(compare_clients(stub_port, 1000 if args.quick else 4000))
        print(f"forwarding client against the stub, concurrency 16: the gateway's pool {clients['pool_rps']:.0f} "
              f"req/s, aiohttp {clients['aiohttp_rps']:.0f} req/s, httpx {clients['httpx_rps']:.0f} req/s")  # fmt: skip
        modes = [mode for mode in args.modes.split(",") if mode in MODES] or list(MODES)
        for mode in modes:
            gateway = start_gateway(gateway_port, mode, args.workers, env, args.server)
            try:
                asyncio.run(closed_loop(gateway_port, through.prepare(200), 8, 0.5))  # warm up
                saturation[mode] = {}
                for concurrency in CONCURRENCY:
                    budget = int(4000 * seconds) if concurrency > 1 else int(2000 * seconds)
                    before = cpu_seconds(gateway.pid)
                    via = asyncio.run(closed_loop(gateway_port, through.prepare(budget), concurrency, seconds))
                    used = cpu_seconds(gateway.pid) - before
                    straight = asyncio.run(closed_loop(stub_port, direct.prepare(budget), concurrency, seconds))
                    saturation[mode][concurrency] = (via, straight)
                    print(f"audit {mode:8s} c={concurrency:<3d} gateway {describe(via)}")
                    print(f"{'':18s}direct  {describe(straight)}")
                    if mode == modes[-1] and concurrency == 64:
                        cpu_ms = used * 1000 / max(1, via.count)
                if mode == modes[-1]:
                    maximum = max(run.rps for run, _ in saturation[mode].values())
                    rate = args.open_rate or maximum / 2
                    open_gateway, open_direct = open_pair(gateway_port, stub_port, through, direct, rate, seconds)
                    at = f"open loop at {rate:.0f} req/s (durable maximum {maximum:.0f}):"
                    print(f"{at} gateway {describe(open_gateway)}")
                    print(f"{'':44s}direct  {describe(open_direct)}")
                    for fixed in rates:
                        via, straight = open_pair(gateway_port, stub_port, through, direct, fixed, seconds)
                        added_by_rate[fixed] = (added_ms(via, straight), added_ms(via, straight, 0.99))
                        print(f"open loop at {fixed:.0f} req/s: gateway {describe(via)}")
                        print(f"{'':29s}direct  {describe(straight)}")
            finally:
                stop(gateway)
        from panjereh.exchange.audit.io import verify_database
        from panjereh.exchange.models import AuditRecord

        verification = verify_database()
        print(f"audit log: {AuditRecord.objects.count()} records; verifies: {verification.ok}")
    finally:
        cpu_idle.close()
        stop(stub)
        if redis:
            stop(redis[0])
        database.drop()

    def best(mode: str) -> tuple[float, float]:
        runs = saturation[mode].values()
        return max(r.rps for r, _ in runs), max(d.rps for _, d in runs)

    gateway_rps, direct_rps = best(modes[-1])
    figures: dict[str, Any] = {
        "database": connection.vendor,
        "server": args.server,
        "workers": args.workers,
        "replay_store": "redis" if redis else "database",
        "seconds_per_phase": seconds,
        "cpu_qos": cpu_qos,
        "gateway_rps": round(gateway_rps),
        "direct_rps": round(direct_rps),
        "gateway_to_direct": round(gateway_rps / direct_rps, 3) if direct_rps else None,
        "p50_added_ms": added_ms(open_gateway, open_direct),
        "p99_added_ms": added_ms(open_gateway, open_direct, 0.99),
        "open_loop_rps": round(open_gateway.rps),
        "p50_added_ms_by_rate": {round(rate): p50 for rate, (p50, _) in added_by_rate.items()},
        "p99_added_ms_by_rate": {round(rate): p99 for rate, (_, p99) in added_by_rate.items()},
        "cpu_ms_per_inquiry": round(cpu_ms, 3),
        "rps_by_mode": {mode: {c: round(r.rps) for c, (r, _) in runs.items()} for mode, runs in saturation.items()},
        "audit_mode": modes[-1],
        "direct_rps_by_concurrency": {c: round(d.rps) for c, (_, d) in saturation[modes[-1]].items()},
        "client_pool_rps": round(clients["pool_rps"]),
        "client_aiohttp_rps": round(clients["aiohttp_rps"]),
        "client_httpx_rps": round(clients["httpx_rps"]),
        "audit_verifies": verification.ok,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
