"""National-scale benchmark (issue 28): a person's pages on a country's database against a small one, in one run.

    PG_DURABLE=1 PG_OPTIONS="-c shared_buffers=4GB -c max_wal_size=8GB" bash scripts/with-postgres.sh \
        uv run python bench/scale.py [--citizens 10000000] [--applications 50000000] [--events 2]
                                     [--audit 200000000] [--small-factor 1000] [--people 300] [--rounds 30]
                                     [--keep] [--reuse SMALL_DB,LARGE_DB]

PostgreSQL only (DATABASE_URL names the server). Two databases on the same server: a large one
with the citizens, applications (each with `--events` timeline events) and audit records asked for,
and a small one with each count divided by `--small-factor`. Both have the sample catalog (4,200
services), the sample exchange and the smart services. The rows are generated in the database
(bench/scale_data.py). Before the large one is made, its size is estimated from the small one's
bytes per row; if the disk cannot hold it, the audit log (then the events) is cut to what fits and
the run says so.

Then it measures, against both databases in the same minutes (rounds alternate which goes first),
server time through Django's test client in one process per database, each process with its own
exchange gateway (uvicorn) and one sandbox agency process for both:
- login: POST /api/v1/auth/otp (the telecom registry asked through the gateway, which appends to the
  audit log) + POST /api/v1/auth/otp/verify, with the code from the SMS outbox;
- my applications (/me/applications/), an application's page, who accessed my data (/me/data-access/),
  each for a person drawn at random from `--people` citizens spread through the table;
- a search of the catalog (same catalog in both: a yardstick);
- an evaluation round over the last ended quarter, once per database.
Target (issue 28): login, my applications, an application's page and who accessed my data p95 ≤ 1.5×
the small database's. The last line is a JSON object. Nothing here asserts: benchmarks are not tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import free_port, stop, wait_for_port  # noqa: E402
from otp import Outbox  # noqa: E402
from scale_data import FIRST_PREFIX, generate, sizes  # noqa: E402

PAGES = ("login", "my_applications", "application", "data_access", "search")
TARGETED = ("login", "my_applications", "application", "data_access")  # ≤ 1.5× the small database's p95
QUERIES = ["گذرنامه", "تمدید گواهینامه", "سوء پیشینه", "پروانه کسب", "یارانه", "کارت ملی", "سند خودرو", "بیمه"]
NOW = datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def ms_percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def var_dir(database: str) -> Path:
    """Each database's keys and outbox, in a folder named after it (so --reuse finds them)."""
    path = Path(tempfile.gettempdir()) / f"panjereh-{database}"
    (path / "static").mkdir(mode=0o700, parents=True, exist_ok=True)  # quiets whitenoise: pages need no files
    return path


def url_of(server: str, database: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + database


def child_env(server: str, database: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url_of(server, database), "PANJEREH_VAR_DIR": str(var_dir(database)),
           "DJANGO_SETTINGS_MODULE": "panjereh.settings", "LOG_LEVEL": "WARNING", **extra}  # fmt: skip
    env.pop("AUDIT_DATABASE_URL", None)
    return env


def people_of(citizens: int, people: int) -> list[str]:
    from panjereh.persian import make_national_code

    stride = max(1, citizens // people)
    return [make_national_code(f"{FIRST_PREFIX + k * stride:09d}") for k in range(min(people, citizens))]


# --- a database built (in a child process of its own) --------------------------------------------------------


def build(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from common import migrate
    from django.db import connection

    from panjereh.applications.models import Application
    from panjereh.applications.sample import DEFINITIONS, sample_definitions_load
    from panjereh.applications.tracking import new_tracking_code
    from panjereh.catalog.models import Service
    from panjereh.catalog.sample_loader import sample_load
    from panjereh.exchange.sample import sample_exchange_setup

    started = time.perf_counter()
    migrate()
    sample_load()
    sample_exchange_setup(sandbox_url="http://127.0.0.1:9")  # pointed at the run's sandbox when measured
    from panjereh.agencies.models import Agency

    for spec in DEFINITIONS:
        agency = Agency.objects.get(code=spec["agency"])
        Service.objects.get_or_create(code=spec["service"], defaults={"agency": agency, "title": spec["title"]})
    sample_definitions_load()
    connection.close()
    timings = {"setup": round(time.perf_counter() - started, 1)}
    url = os.environ["DATABASE_URL"]

    def progress(line: str) -> None:
        print(f"  {line}", file=sys.stderr, flush=True)

    timings |= generate(url, citizens=args.citizens, applications=args.applications, events=args.events,
                        audit=args.audit, now=NOW, progress=progress)  # fmt: skip
    from panjereh.accounts.models import Citizen

    codes = people_of(args.citizens, args.people)
    for code in codes:
        Citizen.objects.filter(national_code=code).update(mobile="0912000" + code[-4:])
    for pk in Application.objects.filter(citizen__national_code__in=codes).values_list("pk", flat=True):
        Application.objects.filter(pk=pk).update(tracking_code=new_tracking_code())
    print(json.dumps({"seconds": timings, "sizes": sizes(url)}))


# --- one database measured (a child process of its own, driven through stdin) ------------------------------


class Measurer:
    def __init__(self, sandbox_url: str, people: int, citizens: int) -> None:
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client

        from panjereh.accounts.models import Citizen
        from panjereh.applications.models import Application
        from panjereh.exchange.sample import sample_exchange_setup

        static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # no collectstatic needed
        settings.STORAGES = {**settings.STORAGES, "staticfiles": static}
        sample_exchange_setup(sandbox_url=sandbox_url)
        codes = people_of(citizens, people)
        self.people = list(Citizen.objects.filter(national_code__in=codes).select_related("user"))
        self.tracking = {
            citizen.pk: list(Application.objects.filter(citizen=citizen).values_list("tracking_code", flat=True))
            for citizen in self.people
        }
        self.outbox = Outbox(Path(os.environ["SMS_OUTBOX"]))
        self.client = Client()
        self.rng = random.Random(7)

    def once(self, kind: str) -> float:
        """Server time of one request (two for a login), in ms; raises if the answer is not the expected one."""
        citizen = self.rng.choice(self.people)
        client = self.client
        if kind == "login":
            client.logout()
            started = time.perf_counter()
            sent = client.post("/api/v1/auth/otp", {"national_code": citizen.national_code, "mobile": citizen.mobile},
                               content_type="application/json")  # fmt: skip
            asked = time.perf_counter() - started
            if sent.status_code != 202:
                raise RuntimeError(f"otp: {sent.status_code} {sent.content[:300]!r}")
            code = self.outbox.last_code()
            started = time.perf_counter()
            done = client.post("/api/v1/auth/otp/verify", {"challenge_id": sent.json()["challenge_id"], "code": code,
                               "token": True}, content_type="application/json")  # fmt: skip
            if done.status_code != 200:
                raise RuntimeError(f"verify: {done.status_code} {done.content[:300]!r}")
            return (asked + time.perf_counter() - started) * 1000
        if kind == "search":
            path = "/services/?q=" + self.rng.choice(QUERIES)
        else:
            client.force_login(citizen.user)
            codes = self.tracking[citizen.pk]
            path = {"my_applications": "/me/applications/", "data_access": "/me/data-access/",
                    "application": f"/me/applications/{self.rng.choice(codes) if codes else 0}/"}[kind]  # fmt: skip
        started = time.perf_counter()
        answer = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            raise RuntimeError(f"{path}: {answer.status_code}")
        return elapsed

    def evaluation_round(self) -> dict[str, Any]:
        from panjereh.applications.models import Application
        from panjereh.evaluation.rounds import last_ended
        from panjereh.evaluation.services import round_compute

        quarter = last_ended(NOW)
        in_window = Application.objects.filter(submitted_at__gte=quarter.start, submitted_at__lt=quarter.end).count()
        started = time.perf_counter()
        round_compute(code=quarter.code, now=NOW)
        return {"quarter": quarter.code, "applications_in_quarter": in_window,
                "seconds": round(time.perf_counter() - started, 2)}  # fmt: skip


def measure_child(args: argparse.Namespace) -> None:
    measurer = Measurer(args.sandbox_url, args.people, args.citizens)
    print("ready", flush=True)
    for line in sys.stdin:
        kind, count = line.split()
        if kind == "evaluation":
            print(json.dumps(measurer.evaluation_round()), flush=True)
        else:
            print(json.dumps([round(measurer.once(kind), 3) for _ in range(int(count))]), flush=True)


# --- the run ---------------------------------------------------------------------------------------------------


def run_child(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *argv], env=env, cwd=ROOT, check=True, capture_output=False,
                          stdout=subprocess.PIPE, text=True)  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def fitted(small: dict[str, Any], args: argparse.Namespace, free: int) -> tuple[int, int, str]:
    """(audit records, events per application) the disk can hold, and what was cut. Bytes per row are the small
    database's, less each relation's first pages (an empty B-tree is two pages); the budget leaves room for
    the WAL and the index builds' sort files."""
    per_row = {table: max(1.0, (v["bytes"] - 2 * 8192 * v["relations"]) / max(1, v["rows"]))
               for table, v in small["sizes"].items()}  # fmt: skip
    fixed = (args.citizens * (per_row["auth_user"] + per_row["accounts_citizen"])
             + args.applications * per_row["applications_application"])  # fmt: skip
    event_row = args.applications * per_row["applications_applicationevent"]
    audit_row = per_row["exchange_auditrecord"]
    budget = (free - 10e9) / 1.05
    print("bytes per row: " + ", ".join(f"{t} {b:.0f}" for t, b in per_row.items()))
    print(f"large database estimated at {(fixed + args.events * event_row + args.audit * audit_row) / 1e9:.1f} GB; "
          f"{free / 1e9:.1f} GB free, {budget / 1e9:.1f} GB of it usable")  # fmt: skip
    events = args.events
    if fixed + events * event_row + args.audit * audit_row > budget:
        events = min(1, events)  # one event per application before any audit record is given up
    audit = min(args.audit, int(max(0.0, budget - fixed - events * event_row) / audit_row) // 1_000_000 * 1_000_000)
    cut = []
    if audit < args.audit:
        cut.append(f"{audit:,} of the {args.audit:,} audit records asked for")
    if events < args.events:
        cut.append(f"{events} of {args.events} events per application")
    return audit, events, ("the disk holds " + " and ".join(cut)) if cut else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--citizens", type=int, default=10_000_000)
    parser.add_argument("--applications", type=int, default=50_000_000)
    parser.add_argument("--events", type=int, default=2, help="timeline events per application")
    parser.add_argument("--audit", type=int, default=200_000_000)
    parser.add_argument("--small-factor", type=int, default=1000)
    parser.add_argument("--people", type=int, default=300, help="citizens the pages are asked for")
    parser.add_argument("--rounds", type=int, default=30, help="rounds of 5 requests of each kind per database")
    parser.add_argument("--keep", action="store_true", help="keep both databases (for --reuse)")
    parser.add_argument(
        "--reuse", default="", help="SMALL_DB,LARGE_DB kept by an earlier --keep run (give it the same counts)"
    )
    parser.add_argument("--build", default="", help=argparse.SUPPRESS)
    parser.add_argument("--measure", default="", help=argparse.SUPPRESS)
    parser.add_argument("--sandbox-url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(args)
        return
    if args.measure:
        measure_child(args)
        return
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        sys.exit("bench/scale.py measures PostgreSQL: run it under scripts/with-postgres.sh or with DATABASE_URL")
    import psycopg

    figures: dict[str, Any] = {"asked": {"citizens": args.citizens, "applications": args.applications,
                                         "events_per_application": args.events, "audit": args.audit}}  # fmt: skip
    small_counts = {
        "citizens": max(args.people, args.citizens // args.small_factor),
        "applications": args.applications // args.small_factor,
        "audit": args.audit // args.small_factor,
    }
    if args.reuse:
        small_db, large_db = args.reuse.split(",")
    else:
        token = secrets.token_hex(3)
        small_db, large_db = f"panjereh_scale_small_{token}", f"panjereh_scale_large_{token}"
        with psycopg.connect(server, autocommit=True) as conn:
            for name in (small_db, large_db):
                conn.execute(f'CREATE DATABASE "{name}"')
            data_dir = str(conn.execute("SHOW data_directory").fetchone()[0])  # type: ignore[index]
        print(f"building {small_db} …", flush=True)
        small = run_child(["--build", small_db, "--citizens", str(small_counts["citizens"]), "--applications",
                           str(small_counts["applications"]), "--events", str(args.events), "--audit",
                           str(small_counts["audit"]), "--people", str(args.people)],
                          child_env(server, small_db))  # fmt: skip
        audit, events, cut = fitted(small, args, shutil.disk_usage(data_dir).free)
        figures["cut"] = cut
        if cut:
            print(f"NOT AT THE SIZE ASKED: {cut}", flush=True)
        print(f"building {large_db} ({args.citizens:,} citizens, {args.applications:,} applications, "
              f"{events} events each, {audit:,} audit records) …", flush=True)  # fmt: skip
        large = run_child(["--build", large_db, "--citizens", str(args.citizens), "--applications",
                           str(args.applications), "--events", str(events), "--audit", str(audit), "--people",
                           str(args.people)], child_env(server, large_db))  # fmt: skip
        figures["build_seconds"] = {"small": small["seconds"], "large": large["seconds"]}
    try:
        figures |= measure(args, server, {"small": small_db, "large": large_db}, small_counts)
    finally:
        if not args.keep:
            with psycopg.connect(server, autocommit=True) as conn:
                for name in (small_db, large_db):
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    shutil.rmtree(var_dir(name), ignore_errors=True)
        else:
            print(f"kept: --reuse {small_db},{large_db}")
    print(json.dumps(figures, ensure_ascii=False))


def measure(
    args: argparse.Namespace, server: str, databases: dict[str, str], small_counts: dict[str, int]
) -> dict[str, Any]:
    out: dict[str, Any] = {"tables": {label: sizes(url_of(server, name)) for label, name in databases.items()}}
    for label, tables in out["tables"].items():
        print(f"{label}: " + ", ".join(f"{t} {v['rows']:,} rows {v['bytes'] / 1e9:.2f} GB" for t, v in tables.items()))
    sandbox_port = free_port()
    processes: list[subprocess.Popen[Any]] = []
    children: dict[str, subprocess.Popen[str]] = {}
    rates = ("OTP_RATE_PER_MOBILE", "OTP_RATE_PER_IP", "OTP_RATE_PER_NATIONAL_CODE", "OTP_RATE_PER_DEVICE",
             "OTP_RATE_PER_IP_PROVEN")  # fmt: skip
    limits = dict.fromkeys(rates, "1000000/h")  # one address logs many people in, many times
    try:
        sandbox = subprocess.Popen([sys.executable, "-m", "panjereh.sandbox", "--port", str(sandbox_port),
                                    "--log-level", "warning"], env={**os.environ, "LOG_LEVEL": "WARNING"})  # fmt: skip
        processes.append(sandbox)
        for label, name in databases.items():
            gateway_port = free_port()
            env = child_env(server, name, EXCHANGE_URL=f"http://127.0.0.1:{gateway_port}", SMS_BACKEND="file",
                            SMS_OUTBOX=str(var_dir(name) / "outbox.jsonl"), SECURE_COOKIES="0", OTP_RESEND_SECONDS="0",
                            PUBLIC_RATE_PER_IP="", **limits)  # fmt: skip
            from panjereh.ops.servers import GATEWAY_SERVER

            asgi = "panjereh.exchange.gateway.asgi:application"
            gateway = [sys.executable, "-m", "uvicorn", *GATEWAY_SERVER, "--host", "127.0.0.1", "--port",
                       str(gateway_port), "--log-level", "warning", asgi]  # fmt: skip
            processes.append(subprocess.Popen(gateway, env=env, cwd=ROOT))
            wait_for_port(gateway_port)
            citizens = args.citizens if label == "large" else small_counts["citizens"]
            children[label] = subprocess.Popen(
                [sys.executable, __file__, "--measure", name, "--sandbox-url", f"http://127.0.0.1:{sandbox_port}",
                 "--people", str(args.people), "--citizens", str(citizens)],
                env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
        wait_for_port(sandbox_port)
        for child in children.values():
            if (child.stdout.readline() if child.stdout else "").strip() != "ready":
                raise RuntimeError("a measuring process did not start")

        def ask(label: str, line: str) -> Any:
            child = children[label]
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(line + "\n")
            child.stdin.flush()
            answer = child.stdout.readline()
            if not answer:
                raise RuntimeError(f"the {label} database's measuring process stopped")
            return json.loads(answer)

        for label in children:
            for kind in PAGES:
                ask(label, f"{kind} 5")  # warm each path once: imports, templates, pools
        times: dict[str, dict[str, list[float]]] = {label: {kind: [] for kind in PAGES} for label in children}
        for number in range(args.rounds):
            order = list(children) if number % 2 == 0 else list(reversed(children))
            for label in order:
                for kind in PAGES:
                    times[label][kind] += ask(label, f"{kind} 5")
        rounds = {label: ask(label, "evaluation 1") for label in children}
    finally:
        for child in children.values():
            if child.stdin:
                child.stdin.close()
            child.wait(timeout=60)
        for process in processes:
            stop(process)
    print(f"\nserver time, ms ({args.rounds * 5} of each per database, the databases alternating):")
    print(f"{'':18}{'small p50':>10}{'p95':>8}{'large p50':>11}{'p95':>8}{'p95 ratio':>11}")
    pages: dict[str, Any] = {}
    for kind in PAGES:
        row = {
            label: (ms_percentile(times[label][kind], 0.5), ms_percentile(times[label][kind], 0.95)) for label in times
        }
        ratio = row["large"][1] / row["small"][1]
        pages[kind] = {"small_p50_ms": round(row["small"][0], 2), "small_p95_ms": round(row["small"][1], 2),
                       "large_p50_ms": round(row["large"][0], 2), "large_p95_ms": round(row["large"][1], 2),
                       "p95_ratio": round(ratio, 2)}  # fmt: skip
        mark = " (target ≤ 1.5)" if kind in TARGETED else " (yardstick)"
        print(f"{kind:18}{row['small'][0]:10.1f}{row['small'][1]:8.1f}{row['large'][0]:11.1f}{row['large'][1]:8.1f}"
              f"{ratio:10.2f}×{mark}")  # fmt: skip
    for label, result in rounds.items():
        print(f"evaluation round {result['quarter']} on the {label} database: {result['seconds']} s "
              f"({result['applications_in_quarter']:,} applications in the quarter)")  # fmt: skip
    return {"pages": pages, "evaluation_round": rounds, "durable": os.environ.get("PG_DURABLE") == "1"}


if __name__ == "__main__":
    main()
