"""Evaluation benchmark: one round over a country's quarter, and the pages that read it.

    uv run python bench/evaluation.py [--applications 1000000] [--audit 5000000]
    scripts/with-postgres.sh uv run python bench/evaluation.py      # the same on PostgreSQL

On a fresh database (SQLite in a temporary folder, or a new PostgreSQL database when DATABASE_URL
names a server): the sample catalog (170 agencies, 4,200 services), a definition per agency, then
generated in the database itself (one INSERT … SELECT each, so the setup takes seconds, not hours)
1,000,000 applications spread over 1403-Q2 with decision times, ratings and complaints, and 5,000,000
exchange calls in the audit log. Then it times computing the round (measuring, freezing, scoring) and
the peak memory of this process, and the server time of the rankings, a report card, its services and the
statistics page (Django's test client, in process; the round read from its frozen snapshot).
Targets (issue 26): the round in ≤ 20 s with memory under 1 GB on each database; the pages p95 ≤ 50 ms.
The last line is a JSON object. Nothing here asserts: benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import fresh_database, migrate  # noqa: E402
from otp import percentile  # noqa: E402

ROUND = "1403-Q2"
START = "2024-06-21 00:00:00"  # 1 Tir 1403 (UTC, near enough to Tehran's midnight for a benchmark)
SPAN_SECONDS = 90 * 24 * 3600
AFTER = datetime.datetime(2024, 12, 1, tzinfo=datetime.UTC)
PROVIDERS = 40  # agencies whose systems answer on the exchange
PEOPLE = 1000


def rows_sql(vendor: str, count: int) -> str:
    """A set of rows i = 0 … count-1 to SELECT from."""
    if vendor == "postgresql":
        return f"(SELECT generate_series(0::bigint, {count - 1}) AS i) AS n"
    return (
        f"(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {count - 1}) SELECT i FROM s) AS n"
    )


def expressions(vendor: str) -> dict[str, str]:
    """The few things the two databases write differently: an application's id from i, a moment i seconds
    (or hours) after the quarter's start."""
    if vendor == "postgresql":
        return {
            "id": "md5(({i})::text)::uuid",
            "at": "(TIMESTAMPTZ '" + START + "+00' + (({s}) * INTERVAL '1 second'))",
            "code": "lpad(({i})::text, 12, '0')",
        }
    return {"id": "printf('%032x', {i})", "at": "datetime('" + START + "', '+' || ({s}) || ' seconds')",
            "code": "printf('%012d', {i})"}  # fmt: skip


def generate(applications: int, audit: int) -> dict[str, float]:
    from django.db import connection, connections

    from panjereh.accounts.services import citizen_get_or_create
    from panjereh.agencies.models import Agency
    from panjereh.applications.models import ServiceDefinition
    from panjereh.catalog.models import Service
    from panjereh.catalog.sample_loader import sample_load
    from panjereh.persian import make_national_code

    timings: dict[str, float] = {}
    started = time.perf_counter()
    sample_load()
    people = [citizen_get_or_create(national_code=make_national_code(f"8{n:08d}")).pk for n in range(PEOPLE)]
    definitions = []
    for agency in Agency.objects.order_by("code"):
        service = Service.objects.filter(agency=agency).order_by("code").first()
        if service is not None:
            definitions.append(ServiceDefinition.objects.create(
                code=f"bench-{service.code}"[:100], service=service, agency=agency, title=service.title,
                active=False, decision_mode="human" if len(definitions) % 3 else "automatic", sla_hours=48,
            ))  # fmt: skip
    timings["catalog_s"] = time.perf_counter() - started

    vendor = connection.vendor
    sql = expressions(vendor)

    def at(seconds: str) -> str:
        return sql["at"].format(s=seconds)

    def app_id(i: str) -> str:
        return sql["id"].format(i=i)

    span = SPAN_SECONDS
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_defs (k integer, id integer, agency_id integer, automatic integer)"
        )
        rows = [(k, d.pk, d.agency_id, int(d.decision_mode == "automatic")) for k, d in enumerate(definitions)]
        cursor.executemany("INSERT INTO bench_defs VALUES (%s, %s, %s, %s)", rows)
        # Decided for 9 in 10, after i mod 100 hours (so some late against 48 promised); reasons for 4 in 5.
        decided = (
            "CASE WHEN n.i % 10 = 0 THEN NULL ELSE "
            + sql["at"].format(s=f"(n.i % {SPAN_SECONDS}) + (n.i % 100) * 3600")
            + " END"
        )
        started = time.perf_counter()
        cursor.execute(f"""
            INSERT INTO applications_application (id, tracking_code, citizen_id, definition_id, agency_id, data, status,
                decision_mode, submitted_at, updated_at, due_at, decided_at, decision_reason, decided_by,
                decided_automatically, rule_version, inputs_hash, attempts, assigned_to_id, claimed_at, appealed_at,
                promised_by)
            SELECT {app_id("n.i")}, {sql["code"].format(i="n.i")}, {people[0]} + n.i % {PEOPLE}, d.id,
                d.agency_id, '{{}}', CASE WHEN n.i % 10 = 0 THEN 'waiting_for_agency' ELSE 'issued' END,
                CASE WHEN d.automatic = 1 THEN 'automatic' ELSE 'human' END,
                {at(f"n.i % {span}")}, {at(f"n.i % {span}")},
                CASE WHEN d.automatic = 1 THEN NULL ELSE {at(f"(n.i % {span}) + 48 * 3600")} END,
                {decided}, CASE WHEN n.i % 5 = 0 THEN '' ELSE 'بر پایه استعلام‌ها' END, '',
                CASE WHEN d.automatic = 1 AND n.i % 10 <> 0 THEN TRUE ELSE FALSE END, '', '', 0, NULL, NULL, NULL,
                {at(f"(n.i % {span}) + 48 * 3600")}
            FROM {rows_sql(vendor, applications)} JOIN bench_defs d ON d.k = n.i % {len(definitions)}
        """)  # fmt: skip
        timings["applications_s"] = time.perf_counter() - started
        started = time.perf_counter()
        ratings = applications // 3
        cursor.execute(f"""
            INSERT INTO applications_rating (application_id, stars, comment, created_at)
            SELECT {app_id("n.i * 3 + 1")}, 1 + (n.i * 7) % 5, '', {at(f"(n.i * 3 + 1) % {span}")}
            FROM {rows_sql(vendor, ratings)}
        """)  # fmt: skip
        complaints = applications // 20
        cursor.execute(f"""
            INSERT INTO applications_complaint (created_at, updated_at, application_id, citizen_id, agency_id, number,
                text, due_at, answered_at, answer, answered_by)
            SELECT {at(f"(n.i * 20 + 1) % {span}")}, {at(f"(n.i * 20 + 1) % {span}")},
                {app_id("n.i * 20 + 1")}, {people[0]} + (n.i * 20 + 1) % {PEOPLE}, d.agency_id, '', 'شکایت',
                {at(f"(n.i * 20 + 1) % {span} + 864000")},
                CASE WHEN n.i % 3 = 0 THEN NULL ELSE {at(f"(n.i * 20 + 1) % {span} + (n.i % 15) * 86400")} END,
                '', ''
            FROM {rows_sql(vendor, complaints)} JOIN bench_defs d ON d.k = (n.i * 20 + 1) % {len(definitions)}
        """)  # fmt: skip
        timings["feedback_s"] = time.perf_counter() - started
    codes = list(Agency.objects.order_by("code").values_list("code", flat=True))
    audit_sql = expressions(connections["audit"].vendor)
    with connections["audit"].cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_agencies (k integer, code varchar(64))")
        cursor.executemany("INSERT INTO bench_agencies VALUES (%s, %s)", list(enumerate(codes)))
        started = time.perf_counter()
        cursor.execute(f"""
            INSERT INTO exchange_auditrecord (seq, at, consumer, consumer_agency, provider, data_service, purpose,
                subject, application, outcome, status, latency_ms, request_hash, response_hash, jti, prev_hash, hash)
            SELECT n.i + 1, {audit_sql["at"].format(s=f"(n.i * 7) % {span}")}, 'bench', c.code, p.code, 'data', 'p',
                '', '', CASE WHEN n.i % 20 = 0 THEN 'provider_timeout' ELSE 'ok' END,
                CASE WHEN n.i % 20 = 0 THEN 504 ELSE 200 END, 50 + (n.i * 7919) % 3000, '', '', '', '', ''
            FROM {rows_sql(connections["audit"].vendor, audit)}
            JOIN bench_agencies p ON p.k = n.i % {PROVIDERS}
            JOIN bench_agencies c ON c.k = (n.i * 13 + 1) % {len(codes)}
        """)  # fmt: skip
        timings["audit_s"] = time.perf_counter() - started
    for alias in ("default", "audit"):
        with connections[alias].cursor() as cursor:
            cursor.execute("ANALYZE")
    return timings


def server_p95_ms(path: str, requests: int) -> float:
    from django.test import Client

    client = Client()
    client.get(path)  # warm
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        answer = client.get(path)
        times.append(time.perf_counter() - started)
        if answer.status_code != 200:
            raise RuntimeError(f"{path}: {answer.status_code}")
    return round(percentile(times, 0.95), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--audit", type=int, default=5_000_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per page for the p95")
    args = parser.parse_args()
    database = fresh_database("evaluation")
    import os

    os.environ["PUBLIC_RATE_PER_IP"] = ""  # the pages timed many times from one address
    import django

    django.setup()
    from django.conf import settings

    # The pages render without a collectstatic run (the manifest storage would need one).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        from django.db import connection

        from panjereh.evaluation.services import round_compute, round_publish

        migrate()
        setup = generate(args.applications, args.audit)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            cProfile.runctx("round_compute(code=ROUND, now=AFTER)", globals(), locals(), os.environ["BENCH_PROFILE"])
        else:
            round_compute(code=ROUND, now=AFTER)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        round_publish(code=ROUND, now=AFTER)
        started = time.perf_counter()
        round_compute(code=ROUND.replace("Q2", "Q3"), now=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC))
        empty_quarter = time.perf_counter() - started
        pages = {
            "rankings": server_p95_ms(f"/evaluation/{ROUND}/", args.requests),
            "report_card": server_p95_ms(f"/evaluation/{ROUND}/faraja", args.requests),
            "services": server_p95_ms(f"/evaluation/{ROUND}/faraja/services", args.requests),
            "statistics": server_p95_ms("/statistics/", args.requests),
            "scores_json": server_p95_ms(f"/api/v1/evaluation/rounds/{ROUND}/scores", args.requests),
        }
        result = {
            "database": connection.vendor, "applications": args.applications, "audit_records": args.audit,
            "setup_seconds": {k: round(v, 1) for k, v in setup.items()},
            "round_seconds": round(seconds, 2), "empty_quarter_seconds": round(empty_quarter, 2),
            "peak_rss_mb": round(peak_mb, 1), "rss_before_round_mb": round(rss_before / 1024, 1),
            "page_p95_ms": pages,
        }  # fmt: skip
        print(f"{connection.vendor}: a round over {args.applications:,} applications and {args.audit:,} audit records"
              f" in {seconds:.2f} s (target ≤ 20 s); peak memory {peak_mb:.0f} MB (target < 1024 MB)")  # fmt: skip
        print("pages, server time p95 (target ≤ 50 ms): " + ", ".join(f"{k} {v} ms" for k, v in pages.items()))
        print(json.dumps(result, ensure_ascii=False))
    finally:
        database.drop()


if __name__ == "__main__":
    main()
