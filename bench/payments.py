"""Payment round trip benchmark: a fee paid through the sandbox bank, as the platform's server sees it.

    uv run python bench/payments.py [--payments 200]
    scripts/with-postgres.sh uv run python bench/payments.py      # the same on PostgreSQL

On a fresh database (SQLite in a temporary folder, or a new PostgreSQL database when DATABASE_URL
names a server) with the sample definitions, and the sandbox (its bank included) as its own process on
loopback. For each of N applications for the driving-licence renewal (a 1,500,000-rial fee), waiting in
awaiting_payment: POST /api/v1/applications/{code}/payments (the platform asks the bank to start a
payment, over HTTP), the person's approval on the bank's page (the bank's time, not timed), then the
return the bank sends the person to, GET /payments/{id}/return (the transaction checked, the bank asked
to verify it over HTTP, the payment settled and the application submitted for processing in one
transaction). Server time is measured in process (Django's test client). Target (issue 27): create +
return p95 ≤ 300 ms. The last line is a JSON object. Nothing here asserts: benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import free_port, fresh_database, migrate, stop  # noqa: E402
from otp import percentile, wait_for  # noqa: E402

SERVICE = "driving-licence-renewal"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--payments", type=int, default=200)
    args = parser.parse_args()
    database = fresh_database("payments")
    port = free_port()
    sandbox = subprocess.Popen(  # our own module, on loopback
        [sys.executable, "-m", "panjereh.sandbox", "--port", str(port), "--log-level", "warning"],
        env={k: v for k, v in os.environ.items() if not k.startswith("SANDBOX_")},
    )
    os.environ.update(PUBLIC_RATE_PER_IP="", PAYMENT_GATEWAY="sandbox",
                      SANDBOX_BANK_URL=f"http://127.0.0.1:{port}/bank/")  # fmt: skip
    try:
        import django

        django.setup()
        import httpx
        from django.test import Client

        from panjereh.accounts.services import citizen_get_or_create
        from panjereh.agencies.services import agency_upsert
        from panjereh.applications.sample import DEFINITIONS, sample_definitions_load
        from panjereh.applications.services import application_submit
        from panjereh.catalog.models import Service
        from panjereh.catalog.sample.agencies import AGENCIES_BY_CODE
        from panjereh.exchange.client import PLATFORM_AGENCY
        from panjereh.exchange.sample import SERVICES, sample_exchange_setup
        from panjereh.persian import make_national_code

        migrate()
        for code in {service.agency for service in SERVICES} | {PLATFORM_AGENCY}:
            agency_upsert(is_sample=True, **AGENCIES_BY_CODE[code])
        sample_exchange_setup(sandbox_url=f"http://127.0.0.1:{port}")  # no inquiry is made: none is timed
        for spec in DEFINITIONS:
            agency = agency_upsert(is_sample=True, **AGENCIES_BY_CODE[spec["agency"]])
            Service.objects.get_or_create(code=spec["service"], defaults={"agency": agency, "title": spec["title"]})
        sample_definitions_load()
        wait_for(f"http://127.0.0.1:{port}/healthz")

        person = citizen_get_or_create(national_code=make_national_code("001234601"))
        client = Client()
        client.force_login(person.user)
        bank = httpx.Client(timeout=10)
        starts, returns, totals = [], [], []
        for n in range(args.payments + 5):  # the first five warm the connections and caches
            application, _ = application_submit(citizen=person, service=SERVICE,
                                                data={"delivery_postal_code": "1345678901"},
                                                idempotency_key=f"bench-payment-{n:06d}")  # fmt: skip
            began = time.perf_counter()
            started = client.post(f"/api/v1/applications/{application.tracking_code}/payments")
            start_seconds = time.perf_counter() - began
            if started.status_code != 201:
                raise RuntimeError(started.content)
            approved = bank.post(started.json()["redirect_url"], data={"action": "approve"})
            back = urlsplit(approved.headers["location"])
            began = time.perf_counter()
            returned = client.get(f"{back.path}?{back.query}")
            return_seconds = time.perf_counter() - began
            if returned.status_code != 303:
                raise RuntimeError(returned.content)
            application.refresh_from_db()
            if application.status != "submitted":
                raise RuntimeError(f"{application.tracking_code}: {application.status}")
            if n >= 5:
                starts.append(start_seconds)
                returns.append(return_seconds)
                totals.append(start_seconds + return_seconds)
        from django.db import connection

        result = {
            "database": connection.vendor, "payments": args.payments,
            "start_ms": {"p50": round(percentile(starts, 0.5), 1), "p95": round(percentile(starts, 0.95), 1)},
            "return_ms": {"p50": round(percentile(returns, 0.5), 1), "p95": round(percentile(returns, 0.95), 1)},
            "round_trip_ms": {"p50": round(percentile(totals, 0.5), 1), "p95": round(percentile(totals, 0.95), 1)},
        }  # fmt: skip
        trip = result["round_trip_ms"]
        print(f"{connection.vendor}: {args.payments} fees paid through the sandbox bank; server time, create + "
              f"return: p50 {trip['p50']} ms, p95 {trip['p95']} ms (target ≤ 300 ms)")  # fmt: skip
        print(f"  create p95 {result['start_ms']['p95']} ms, return (verify, settle, submit) p95 "
              f"{result['return_ms']['p95']} ms")  # fmt: skip
        print(json.dumps(result))
    finally:
        stop(sandbox)
        database.drop()


if __name__ == "__main__":
    main()
