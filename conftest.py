"""Fixtures shared by every app's tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> None:
    """Tests render templates without running collectstatic first (the demo and e2e do run it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
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
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
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
