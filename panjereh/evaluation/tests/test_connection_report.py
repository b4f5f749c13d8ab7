"""The weekly connection report: who launched or connected in a week, who is behind a legal deadline,
kept week by week, as JSON, CSV and a page."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client

from panjereh.agencies.models import Agency, OnboardingDeadlines
from panjereh.agencies.services import agency_upsert
from panjereh.catalog.models import Service
from panjereh.evaluation.connection import AgencyWeek, connection_report, connection_week_take, week_of
from panjereh.evaluation.models import ConnectionWeek

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2024, 10, 5)  # a Saturday, 14 Mehr 1403: past the launch deadline, before the connection one


@pytest.fixture
def agencies() -> dict[str, Agency]:
    OnboardingDeadlines.objects.create(launch_by=datetime.date(2024, 9, 21), connect_by=datetime.date(2025, 1, 19))
    made = {
        "fresh": agency_upsert(
            code="fresh",
            name="سازمان تازه‌پیوسته",
            window_status="connected",
            declared_services=3,
            launched_on="2024-06-01",
            connected_on="2024-10-07",
        ),
        "ready": agency_upsert(
            code="ready", name="وزارت آماده", window_status="launched", declared_services=3, launched_on="2024-09-01"
        ),
        "thin": agency_upsert(
            code="thin", name="بنیاد کم‌فهرست", window_status="launched", declared_services=30, launched_on="2024-09-01"
        ),
        "idle": agency_upsert(code="idle", name="شرکت راه‌نینداخته", window_status="not_started", declared_services=2),
    }
    for code in ("fresh", "ready", "thin"):
        for n in range(3):
            Service.objects.create(code=f"{code}-{n}", agency=made[code], title=f"خدمت {n}")
    return made


def names(rows: list[AgencyWeek]) -> list[str]:
    return [row.agency.code for row in rows]


def test_weeks_start_on_saturday_in_tehran() -> None:
    assert week_of(datetime.date(2024, 10, 5)) == WEEK  # Saturday
    assert week_of(datetime.date(2024, 10, 11)) == WEEK  # Friday
    assert week_of(datetime.date(2024, 10, 12)) == WEEK + datetime.timedelta(days=7)
    late_friday_utc = datetime.datetime(2024, 10, 11, 21, 0, tzinfo=datetime.UTC)  # already Saturday in Tehran
    assert week_of(late_friday_utc) == WEEK + datetime.timedelta(days=7)


def test_who_connected_this_week_and_who_is_behind(agencies: dict[str, Agency]) -> None:
    report = connection_report(WEEK)
    assert names(report["connected_this_week"]) == ["fresh"] and names(report["connected"]) == ["fresh"]
    assert sorted(names(report["launched"])) == ["ready", "thin"] and names(report["not_started"]) == ["idle"]
    lagging = {row.agency.code: (row.late_to_launch, row.late_to_connect) for row in report["lagging"]}
    assert lagging == {"thin": (True, False), "idle": (True, False)}  # 3 of 30 listed is not a third
    assert names(report["previous"]["connected_this_week"]) == [] and report["previous"][
        "week"
    ] == WEEK - datetime.timedelta(days=7)
    after = connection_report(datetime.date(2025, 2, 1))  # past the connection deadline too
    assert {r.agency.code: r.late_to_connect for r in after["lagging"]} == {"ready": True, "thin": True, "idle": True}


def test_a_kept_week_stays_as_it_was_seen(agencies: dict[str, Agency]) -> None:
    assert connection_week_take(WEEK) == 4
    agency_upsert(code="ready", window_status="connected", connected_on="2024-10-08")  # recorded late, dated back
    assert names(connection_report(WEEK)["connected_this_week"]) == ["fresh"]  # the kept week, as it was seen
    connection_week_take(WEEK)  # the current week is taken again as it goes
    assert sorted(names(connection_report(WEEK)["connected_this_week"])) == ["fresh", "ready"]
    assert ConnectionWeek.objects.filter(week=WEEK).count() == 4


def test_json_csv_and_the_page(agencies: dict[str, Agency], client: Client) -> None:
    connection_week_take(WEEK)
    body = client.get("/api/v1/evaluation/connection-report", {"week": "2024-10-09"}).json()
    assert body["week"] == "2024-10-05" and body["name"] == "هفته شنبه ۱۴ مهر ۱۴۰۳"
    assert [a["code"] for a in body["connected_this_week"]] == ["fresh"]
    assert {a["code"] for a in body["lagging"]} == {"thin", "idle"} and body["previous"]["week"] == "2024-09-28"
    assert set(body) >= {"week", "connected", "launched", "not_started", "lagging"}

    answer = client.get("/api/v1/evaluation/connection-report.csv", {"week": "2024-10-05"})
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert answer.content.startswith("\ufeff".encode()) and len(rows) == 4
    assert {r["agency_code"]: r["state"] for r in rows}["fresh"] == "connected"

    refused = client.get("/api/v1/evaluation/connection-report", {"week": "2999-01-01"})
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "week_not_kept"
    assert client.get("/api/v1/evaluation/connection-report", {"week": "0001-01-01"}).status_code == 404
    for bad in ("not-a-day", "0", "2024-02-30", "20241005"):
        answer = client.get("/api/v1/evaluation/connection-report", {"week": bad})
        assert answer.status_code == 422, bad

    page = client.get("/evaluation/connection-report/", {"week": "2024-10-05"}).content.decode()
    assert "هفته شنبه ۱۴ مهر ۱۴۰۳" in page and "سازمان تازه‌پیوسته" in page.split("پیوستند به پنجره ملی")[1]
    assert "بنیاد کم‌فهرست" in page.split("عقب از مهلت")[1]
