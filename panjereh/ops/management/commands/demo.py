"""`panjereh demo`: migrate, load the sample data, and run the platform on 127.0.0.1:PORT.

It starts, keeps running (a process that dies is started again: panjereh.infra.processes), and stops
on Ctrl-C: the web process (pages, API and the exchange gateway on one
origin, granian ASGI), a gateway process of its own on 127.0.0.1:GATEWAY_PORT for the platform's own
inquiries, the task worker (applications, forwarding, notifications) and the sandbox
agency systems (their own process on SANDBOX_PORT), which also serve the demo agency window that
logs people in with the national window (single sign-on) and the power distributor's system that
takes forwarded applications and reports its decisions back (docs/forwarding.md).
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from panjereh.exchange.audit.router import AUDIT_DB
from panjereh.infra.processes import Child, PortTaken, run_together
from panjereh.ops.servers import fresh_metrics_dir, gateway_child, web_child, worker_child

DEMO_WINDOW_AGENCY = ("sabt", "سازمان ثبت اسناد و املاک کشور")
DEMO_WINDOW_NAME = "پنجره خدمات سازمان ثبت اسناد (نمونه)"


def demo_window_env(port: int, sandbox_port: int) -> dict[str, str]:
    """Registers the sandbox's demo agency window as an OpenID Connect client (once; later starts keep its
    client id) with a fresh secret, since only the secret's hash is stored, and returns the environment
    that configures the window with it."""
    from panjereh.accounts.services import oidc_client_ensure
    from panjereh.agencies.services import agency_get_or_create

    agency, _ = agency_get_or_create(code=DEMO_WINDOW_AGENCY[0], name=DEMO_WINDOW_AGENCY[1], is_sample=True)
    redirect_uri = f"http://127.0.0.1:{sandbox_port}/agency-window/callback"
    client_id, secret = oidc_client_ensure(agency=agency, name=DEMO_WINDOW_NAME, redirect_uris=[redirect_uri])
    return {
        "SANDBOX_OIDC_ISSUER": f"http://127.0.0.1:{port}/o",
        "SANDBOX_OIDC_CLIENT_ID": client_id,
        "SANDBOX_OIDC_CLIENT_SECRET": secret,
        "SANDBOX_OIDC_REDIRECT_URI": redirect_uri,
    }


FORWARD_SYSTEM = "tavanir-sandbox"  # the sample electricity-connection definition forwards to it


# The sample world's year (its agencies' windows launch and connect up to the end of 1403).
SAMPLE_QUARTERS = ("1403-Q1", "1403-Q2", "1403-Q3")
UNDER_REVIEW = "1403-Q2"  # `panjereh evaluate 1403-Q2 --publish` publishes it


def sample_evaluation(now: datetime.datetime) -> str:
    """Three quarters of sample activity, and their evaluation rounds computed and published, so the
    rankings and report cards are full on first start (and show a trend). Once: later starts keep them."""
    from panjereh.agencies.selectors import agency_list
    from panjereh.agencies.services import agency_upsert
    from panjereh.applications.sample_history import sample_history_load
    from panjereh.evaluation.connection import connection_week_take, week_of
    from panjereh.evaluation.rounds import quarter_parse
    from panjereh.evaluation.selectors import round_state
    from panjereh.evaluation.services import round_compute, round_publish, round_to_review

    quarters = [quarter_parse(code) for code in SAMPLE_QUARTERS]
    added = sample_history_load([(quarter.start, quarter.end) for quarter in quarters])
    this_week = week_of(now)
    if added["applications"]:  # first start: a few launched windows connect, one a week, in the last weeks
        launched = [a for a in agency_list() if a.is_sample and a.window_status == "launched"]
        for n, agency in enumerate(sorted(launched, key=lambda a: a.code)[:8]):
            day = min(this_week - datetime.timedelta(weeks=7 - n) + datetime.timedelta(days=2), timezone.localdate(now))
            agency_upsert(code=agency.code, is_sample=True, window_status="connected", connected_on=day)
    for quarter in quarters:  # 1403-Q2 is left under review: agencies may object, the council publishes
        if round_state(quarter.code) is None:
            round_compute(code=quarter.code, now=now)
            if quarter.code == UNDER_REVIEW:
                round_to_review(code=quarter.code)
            else:
                round_publish(code=quarter.code, now=now)
    for weeks_ago in range(8, -1, -1):  # the connection report's last weeks, as the agencies' dates tell them
        connection_week_take(this_week - datetime.timedelta(weeks=weeks_ago))
    return (
        f"کارنامه‌های نمونه: {', '.join(q.code for q in quarters)} "
        f"({added['applications']} sample applications, {added['exchange_calls']} exchange calls added)\n"
    )


def forwarding_env(port: int) -> dict[str, str]:
    """What the sandbox's receiver of forwarded applications needs: the platform's public key (to check
    what it receives), where the platform is, and its own private key (a file under var/keys/ whose public
    half is registered here, once, as the agency system's credential) to sign its reports."""
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

    from panjereh.core.keyfiles import ed25519_key_file
    from panjereh.exchange import services
    from panjereh.exchange.client import platform_public_key
    from panjereh.exchange.models import AgencySystem

    key = ed25519_key_file(Path(settings.VAR_DIR) / "keys" / f"{FORWARD_SYSTEM}-ed25519.key")
    public_pem = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    key_id = f"{FORWARD_SYSTEM}-demo"
    system = AgencySystem.objects.get(code=FORWARD_SYSTEM)
    if not system.credentials.filter(key_id=key_id, revoked_at__isnull=True).exists():
        services.credential_add_public_key(system=system, key_id=key_id, public_key_pem=public_pem)
    return {
        "SANDBOX_PLATFORM_PUBLIC_KEY": platform_public_key()[1],
        "SANDBOX_PLATFORM_URL": f"http://127.0.0.1:{port}",
        "SANDBOX_AGENCY_SYSTEM": FORWARD_SYSTEM,
        "SANDBOX_AGENCY_KEY_ID": key_id,
        "SANDBOX_AGENCY_PRIVATE_KEY": key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode(),
    }


class Command(BaseCommand):
    help = "Run the whole platform on this machine with the sample data (what `make run` runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--sandbox-port", type=int, default=int(os.environ.get("SANDBOX_PORT", "8100")))
        parser.add_argument("--gateway-port", type=int, default=int(os.environ.get("GATEWAY_PORT", "8001")),
                            help="the gateway process the platform's own inquiries go to (127.0.0.1 only)")  # fmt: skip
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-serve", action="store_true", help="prepare everything, but do not start servers")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        host, port, sandbox_port, gateway_port = (options[name] for name in ("host", "port", "sandbox_port",
                                                                               "gateway_port"))  # fmt: skip
        sandbox_url = f"http://127.0.0.1:{sandbox_port}"
        call_command("migrate", interactive=False, verbosity=0)
        call_command("migrate", database=AUDIT_DB, interactive=False, verbosity=0)  # the audit log's database
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("بارگذاری داده‌های نمونه (loading the sample data)…")
        call_command("catalog", "sample", stdout=self.stdout)
        from panjereh.exchange.sample import sample_exchange_setup

        sample_exchange_setup(sandbox_url=sandbox_url)
        from panjereh.applications.sample import sample_definitions_load

        sample_definitions_load()
        from panjereh.appointments.sample import sample_offices_load

        sample_offices_load()
        self.stdout.write(sample_evaluation(timezone.now()))
        if options["no_serve"]:
            return
        env = {
            # Every process writes what it counts for /metrics here; the web process adds them up. A run
            # starts from nothing: files of processes gone would add old counts (docs/operations.md).
            "PROMETHEUS_MULTIPROC_DIR": fresh_metrics_dir(),
            **os.environ,
            "SECURE_COOKIES": os.environ.get("SECURE_COOKIES", "0"),  # plain HTTP on loopback
            "PORT": str(port),
            # The platform's own inquiries (the worker's, the login's) go to a gateway process of their
            # own: in the web process they shared one interpreter lock with the pages and the API, and
            # waited behind them (docs/benchmarks.md, the smart-service benchmark).
            "EXCHANGE_URL": os.environ.get("EXCHANGE_URL", f"http://127.0.0.1:{gateway_port}"),
            "PANJEREH_VAR_DIR": str(settings.VAR_DIR),
            # One-time codes go to a file a developer can read (CONTRACTS.md: make run says where).
            "SMS_BACKEND": os.environ.get("SMS_BACKEND", "file"),
            "WEBOTP_HOST": os.environ.get("WEBOTP_HOST", host),
            # Where documents' QR codes and forwarded applications' status URLs point.
            "PUBLIC_ORIGIN": os.environ.get("PUBLIC_ORIGIN", f"http://{host}:{port}"),
            # Fees are paid at the sandbox bank, in the sandbox process (panjereh.sandbox.bank).
            "PAYMENT_GATEWAY": os.environ.get("PAYMENT_GATEWAY", "sandbox"),
            "SANDBOX_BANK_URL": os.environ.get("SANDBOX_BANK_URL", f"{sandbox_url}/bank/"),
        }
        outbox = os.environ.get("SMS_OUTBOX") or str(Path(settings.VAR_DIR) / "sms" / "outbox.jsonl")
        web = web_child(host, port, env)
        gateway = gateway_child("127.0.0.1", gateway_port, env)
        sandbox = Child(
            "sandbox",
            [sys.executable, "-m", "panjereh.sandbox", "--port", str(sandbox_port), "--log-level", "warning"],
            # The window's client secret and the agency system's private key go to the sandbox only.
            {**env, **demo_window_env(port, sandbox_port), **forwarding_env(port)},
            port=("127.0.0.1", sandbox_port),
        )
        worker = worker_child(env)

        def ready() -> None:  # only once every port answers
            self.stdout.write(banner(time.monotonic() - started))
            self.stdout.flush()

        def banner(seconds: float) -> str:
            return (
                f"\nپنجره آماده است ({seconds:.1f}s): http://{host}:{port}/\n"
                f"  API: http://{host}:{port}/api/v1/docs   admin: http://{host}:{port}/admin/\n"
                f"  exchange gateway: http://{host}:{port}/exchange/v1/{{provider}}/{{data_service}}"
                f" (the platform's own inquiries: {env['EXCHANGE_URL']})\n"
                f"  sandbox agencies: {sandbox_url}/ (fault knobs at {sandbox_url}/_faults)\n"
                f"  login: http://{host}:{port}/login/ with a sandbox person, e.g. 0012345679 and 09120005679\n"
                f"  one-time codes (SMS_BACKEND={env['SMS_BACKEND']}): "
                f"{outbox if env['SMS_BACKEND'] == 'file' else 'the console'}   e.g. tail -f {outbox}\n"
                f"  demo agency window (single sign-on): {sandbox_url}/agency-window/\n"
                f"  fees are paid at the sandbox bank ({env['SANDBOX_BANK_URL']}), e.g. "
                f"http://{host}:{port}/services/faraja-driving-licence-renewal/\n"
                f"  forwarded to the agency's system (docs/forwarding.md): "
                f"http://{host}:{port}/services/tavanir-electricity-connection/\n"
                f"  apply online, e.g.: http://{host}:{port}/services/judiciary-criminal-record-certificate/\n"
                "  Ctrl-C stops everything it started.\n"
            )

        try:
            code = run_together([sandbox, gateway, web, worker], on_ready=ready)
        except PortTaken as taken:
            assert taken.child.port is not None
            where = f"{taken.child.port[0]}:{taken.child.port[1]}"
            raise CommandError(
                f"پورت {where} ({taken.child.name}) را برنامه دیگری گرفته است؛ چیزی راه‌اندازی نشد. "
                f"آن برنامه را ببندید یا پورت دیگری بدهید (--port، --gateway-port، --sandbox-port). "
                f"(port {where} is in use; nothing was started)"
            ) from None
        raise SystemExit(code)
