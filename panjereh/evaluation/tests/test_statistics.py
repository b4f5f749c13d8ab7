"""The platform's own numbers: counted from what it recorded, the month in Jalali, open as JSON and a page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from panjereh.evaluation.statistics import month_of, statistics
from panjereh.evaluation.tests.conftest import History, applications

pytestmark = pytest.mark.usefixtures("fresh_limits")  # an empty cache: the numbers are counted anew

LATE_TIR = datetime.datetime(2024, 7, 20, 12, 0, tzinfo=datetime.UTC)  # 30 Tir 1403


def test_the_month_is_the_jalali_month_in_tehran() -> None:
    start, name = month_of(LATE_TIR)
    assert name == "تیر ۱۴۰۳" and start == datetime.datetime(2024, 6, 20, 20, 30, tzinfo=datetime.UTC)


def test_numbers_counted_from_what_the_platform_recorded(history: History) -> None:
    numbers = statistics(LATE_TIR)
    assert numbers["services"] == 10 and numbers["by_maturity"]["full"] == 4 and numbers["by_maturity"]["semi"] == 6
    assert numbers["smart_services"] == 2 and numbers["smart_share"] == 0.2  # measured, not the catalog's flag
    assert numbers["agencies"] == 4 and numbers["agencies_connected"] == 1
    assert numbers["applications_month"] == 25  # submitted on 10 Tir: 10 + 15
    assert numbers["exchange_transactions_month"] == 60 and numbers["users"] >= 25
    assert numbers["month"] == "تیر ۱۴۰۳"
    applications(history.poor.services.get(code="poor-s0").definitions.get(), 3, at=LATE_TIR, hours=None)
    assert statistics(LATE_TIR)["applications_month"] == 25  # kept a few minutes
    assert statistics(LATE_TIR + datetime.timedelta(minutes=6))["applications_month"] == 28


def test_json_and_the_page(history: History, client: Client) -> None:
    body = client.get("/api/v1/statistics").json()
    assert {"services", "by_maturity", "smart_share", "agencies_connected", "users", "applications_month",
            "exchange_transactions_month", "document_free_ratio"} <= set(body)  # fmt: skip
    page = client.get("/statistics/").content.decode()
    assert "آمار پنجره ملی" in page and "۱۰" in page and "<desc" in page
