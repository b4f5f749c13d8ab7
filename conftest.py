"""Fixtures shared by every app's tests."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import override_settings

from panjereh.catalog.imports import ImportReport, catalog_import
from panjereh.catalog.services import taxonomy_upsert


def profile(code: str, title: str, **fields: Any) -> dict[str, Any]:
    """A valid import record; override any field."""
    record: dict[str, Any] = {
        "code": code,
        "agency": {"code": "faraja", "name": "فرماندهی انتظامی جمهوری اسلامی ایران"},
        "title": title,
        "summary": "",
        "audience": "G2C",
        "maturity": "semi",
        "smart": False,
        "channels": ["web"],
        "requirements": [],
        "fee_rials": 0,
        "sla_days": 3,
        "keywords": [],
    }
    record.update(fields)
    return record


def import_records(records: list[dict[str, Any]]) -> ImportReport:
    return catalog_import(enumerate(records, start=1))


class LatinDigitText(HTMLParser):
    """The text a person reads on a page, less what may keep Latin digits (<bdi dir="ltr">, code, scripts,
    drawings) and less what a subclass's `leaves_out` adds; `latin()` is what still has Latin digits.
    Attributes (addresses, ids, input values) are not text."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                      "track", "wbr"})  # fmt: skip
    MAY_BE_LATIN = frozenset({"code", "script", "style", "textarea", "svg"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool, str]] = []  # (tag, left out, id)
        self.texts: list[str] = []
        self.feed(page)
        self.close()

    def leaves_out(self, tag: str, attrs: dict[str, str | None]) -> bool:
        return False

    def reads(self) -> bool:
        """Whether text here is read at all (a subclass may read only part of the page)."""
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        found = dict(attrs)
        left_out = (
            bool(self.open and self.open[-1][1])
            or tag in self.MAY_BE_LATIN
            or (tag == "bdi" and found.get("dir") == "ltr")
            or self.leaves_out(tag, found)
        )
        self.open.append((tag, left_out, found.get("id") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or tag not in {open_tag for open_tag, _, _ in self.open}:
            return
        while self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.reads() and not (self.open and self.open[-1][1]):
            self.texts.append(" ".join(data.split()))

    def latin(self) -> list[str]:
        return [text for text in self.texts if re.search(r"[0-9]", text)]


def run_tasks() -> int:
    """Runs every task that is due, as `panjereh worker --batch` would; returns how many ran."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test", excluded_queue_names=[])  # fmt: skip
    worker.run()
    return worker._run_tasks


def admin_login(client: Any, user: Any) -> None:
    """Logs a user in as the admin's login form does: password and a verified TOTP device in the session."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def staff_signed_in(username: str, role: str, agency: str) -> Any:
    """A staff member made as the operators make them (`panjereh staff add`), signed in to the admin: for
    the apps whose tests may not import accounts' own helpers (import-linter's layers)."""
    import io

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    call_command("staff", "add", "--username", username, "--role", role, "--agency", agency, "--generate-password",
                 stdout=io.StringIO())  # fmt: skip
    client = Client()
    admin_login(client, User.objects.get(username=username))
    return client


@pytest.fixture
def operator() -> Any:
    """The platform's operator (a superuser), signed in to the admin."""
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    admin_login(client, User.objects.create_superuser("operator", "op@example.ir", "a-long-test-password-1405"))
    return client


CATEGORIES = [
    {"code": "identity-documents", "name": "هویت و اسناد سجلی"},
    {"code": "utilities", "name": "آب، برق، گاز و مخابرات"},
    {"code": "welfare-support", "name": "حمایت و رفاه"},
]
LIFE_EVENTS = [{"code": "travelling-abroad", "name": "سفر خارجی"}]

MUNICIPALITY = {"code": "tehran-municipality", "name": "شهرداری تهران"}
ICT = {"code": "ict", "name": "وزارت ارتباطات و فناوری اطلاعات"}

CATALOG = [
    profile("faraja-passport-renewal", "تمدید گذرنامه", maturity="full", smart=True,
            summary="تمدید گذرنامه عادی بدون مراجعه حضوری.", categories=["identity-documents"],
            life_events=["travelling-abroad"], fee_rials=1_250_000, approved_on="1403-02-15"),
    profile("faraja-driving-licence-renewal", "تمدید گواهینامه رانندگی", keywords=["لایسنس"]),
    profile("ict-sim-card-ownership", "استعلام سیم‌کارت‌های به نام من", agency=ICT, maturity="full",
            categories=["utilities"]),
    profile("ict-new-sim-card", "درخواست سیمکارت جدید", agency=ICT),
    profile("tehran-urban-problem-report", "گزارش مشکلات شهری ۱۳۷", agency=MUNICIPALITY),
    profile("science-institute-approval", "تأیید صلاحیت مؤسسه‌های آموزشی",
            agency={"code": "msrt", "name": "وزارت علوم، تحقیقات و فناوری"}),
    profile("welfare-subsidy-registration", "ثبت‌نام یارانه", agency={"code": "welfare", "name": "سازمان بهزیستی کشور"},
            categories=["welfare-support"]),
    profile("welfare-livelihood-support", "حمایت معیشتی خانوارها", keywords=["یارانه"],
            agency={"code": "welfare", "name": "سازمان بهزیستی کشور"}),
    profile("welfare-e-coupon", "کالابرگ الکترونیکی", summary="خرید کالاهای اساسی با اعتبار یارانه خانوار.",
            agency={"code": "welfare", "name": "سازمان بهزیستی کشور"}),
    profile("tehran-building-permit", "صدور پروانه ساختمانی", agency=MUNICIPALITY, audience="G2B"),
]  # fmt: skip


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server"})
# Every alias in settings.DATABASES: the main database and the audit log's (panjereh.exchange.audit.router).
TEST_DATABASES = ("default", "audit")


def pytest_configure(config: pytest.Config) -> None:
    """With REDIS_URL (the PostgreSQL run of `make test`), each pytest-xdist worker takes a Redis
    database of its own, for itself and the servers it starts: a test's `cache.clear()` empties only
    its worker's, and no two workers count each other's rate limits."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if settings.REDIS_URL and worker.startswith("gw"):
        own = settings.REDIS_URL.rsplit("/", 1)[0] + f"/{int(worker[2:]) % 15 + 1}"
        os.environ["REDIS_URL"] = settings.REDIS_URL = own
        settings.CACHES["default"]["LOCATION"] = own


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the database may use both databases, as `django_db(databases=…)` says:
    one rule for the suite, so no test has to know which paths write to the audit log (any inquiry
    through the exchange does). A test that names its own databases keeps them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and not DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            continue
        if marker is not None and (marker.args[2:3] or "databases" in marker.kwargs):
            continue
        kwargs = {**(marker.kwargs if marker else {}), "databases": TEST_DATABASES}
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)


@pytest.fixture(autouse=True)
def _no_public_limit(settings: Any) -> None:
    """Every test calls from one address; the limit's own tests turn it on (core/tests/test_public_limits.py)."""
    settings.PUBLIC_RATE_PER_IP = ""


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: nothing one test drew or counted (a published round's
    page fragments, the statistics) is read by the next, whose database may reuse the same ids."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _own_audit_witness_file(settings: Any, tmp_path: Path) -> None:
    """Each test's audit log is its own, and so is what the local witness saw of it."""
    settings.AUDIT_WITNESS_FILE = tmp_path / "audit-witness.jsonl"


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> None:
    """Tests render templates without running collectstatic first (the demo and e2e do run it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            **settings.STORAGES["staticfiles"],
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        },
    }


@pytest.fixture
def catalog(db: None) -> Iterator[ImportReport]:
    """A small catalog crafted for the search matrix, imported through the real import."""
    taxonomy_upsert(categories=CATEGORIES, life_events=LIFE_EVENTS)
    report = import_records(CATALOG)
    assert not report.rejected, report.rejected
    yield report


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real, throw-away Redis on loopback (Debian's redis-server; `make test` installs it)."""
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed: run `make test` (scripts/ensure-system-packages.sh) first"
    port = _free_port()
    folder: Path = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(  # noqa: S603 - a fixed command line of our own
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def free_port() -> int:
    """A loopback port nothing listens on, for a server a test starts."""
    return _free_port()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def sandbox_url() -> Iterator[str]:
    """The sandbox agency systems as their own process on loopback (`python -m panjereh.sandbox`)."""
    port = _free_port()
    from panjereh.exchange.client import platform_public_key

    env = {k: v for k, v in os.environ.items() if not k.startswith("SANDBOX_")}
    # Its receiver of forwarded applications checks them with the platform's key (it reports nowhere).
    env["SANDBOX_PLATFORM_PUBLIC_KEY"] = platform_public_key()[1]
    process = subprocess.Popen(  # noqa: S603 - a fixed command line of our own
        [sys.executable, "-m", "panjereh.sandbox", "--port", str(port), "--log-level", "warning"], env=env
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):  # noqa: S310 - our loopback URL
                break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "the sandbox did not start"
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=15)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ThreadingWSGIServer(WSGIServer):
    daemon_threads = True

    def process_request(self, request: Any, client_address: Any) -> None:
        threading.Thread(target=self._serve_one, args=(request, client_address), daemon=True).start()

    def _serve_one(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)


@pytest.fixture
def live_exchange(transactional_db: None, sandbox_url: str) -> Iterator[str]:
    """The real exchange path for the platform's own inquiries: a gateway on loopback (this test's
    database, real HTTP) in front of the sandbox process, with the sample systems, data services and
    grants. settings.EXCHANGE_URL points at it; yields its URL."""
    from a2wsgi import ASGIMiddleware

    from panjereh.agencies.services import agency_upsert
    from panjereh.catalog.sample.agencies import AGENCIES_BY_CODE
    from panjereh.exchange.client import PLATFORM_AGENCY
    from panjereh.exchange.gateway.app import Gateway
    from panjereh.exchange.sample import SERVICES, sample_exchange_setup

    for code in {service.agency for service in SERVICES} | {PLATFORM_AGENCY}:
        agency_upsert(is_sample=True, **AGENCIES_BY_CODE[code])
    sample_exchange_setup(sandbox_url=sandbox_url)
    gateway = Gateway()
    app = ASGIMiddleware(gateway)  # type: ignore[arg-type]
    server = make_server("127.0.0.1", 0, app, _ThreadingWSGIServer, _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        with override_settings(EXCHANGE_URL=url):
            yield url
    finally:
        server.shutdown()
        server.server_close()
        asyncio.run_coroutine_threadsafe(gateway.aclose(), app.loop).result(timeout=10)
        app.loop.call_soon_threadsafe(app.loop.stop)


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Any:
    """SMS go to a JSON Lines outbox in the test's folder; read it back with .messages() / .last_code()."""
    from panjereh.accounts.tests.conftest import Outbox

    settings.SMS_BACKEND = "file"
    settings.SMS_OUTBOX = str(tmp_path / "outbox.jsonl")
    return Outbox(tmp_path / "outbox.jsonl")


@pytest.fixture
def fresh_limits() -> Iterator[None]:
    """An empty cache before and after: rate-limit windows start from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def still_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rate limits count in one window, however long the test runs: their clock stands still (a test
    straddling the turn of a window would see its counts begin to fade)."""
    import types

    from panjereh.core import ratelimit

    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: 1_800_000_000.0,
                                                                monotonic=time.monotonic))  # fmt: skip


FILE_DATABASE = "queued"


@pytest.fixture
def file_database(tmp_path: Any, django_db_blocker: Any) -> Iterator[str]:
    """A SQLite file of its own (the test database is in memory), under the alias FILE_DATABASE, with
    the platform's SQLite settings and one table, `item (n INTEGER)`. Whatever the run's database."""
    name = str(tmp_path / "queued.sqlite3")
    own = {"ENGINE": "panjereh.infra.sqlite", "NAME": name, "OPTIONS": settings.SQLITE_OPTIONS}
    configured = connections.configure_settings({DEFAULT_DB_ALIAS: own, FILE_DATABASE: own})
    connections.settings[FILE_DATABASE] = configured[FILE_DATABASE]
    with django_db_blocker.unblock():
        with connections[FILE_DATABASE].cursor() as cursor:
            cursor.execute("CREATE TABLE item (n INTEGER)")
        try:
            yield FILE_DATABASE
        finally:
            connections[FILE_DATABASE].close()
            del connections[FILE_DATABASE]  # this thread's connection object, made with this test's file
            del connections.settings[FILE_DATABASE]
