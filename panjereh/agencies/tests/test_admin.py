"""The agencies page of the back office: an agency's admin keeps what the agency says of itself (name,
website, window address); what the evaluation reads of it, and what identifies it, the platform
operator (a superuser) records, with dates in the solar calendar."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from conftest import staff_signed_in
from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency() -> Agency:
    agency_upsert(code="ict", name="وزارت ارتباطات")
    return agency_upsert(
        code="faraja", name="فرماندهی انتظامی", kind="organisation", window_status="launched",
        launched_on="2023-06-16", declared_services=40,
    )  # fmt: skip


logged_in = staff_signed_in


def change_url(agency: Agency) -> str:
    return f"/admin/agencies/agency/{agency.pk}/change/"


def form_data(client: Client, agency: Agency, **changes: Any) -> dict[str, Any]:
    """What the change form would send back untouched, with `changes` typed over it."""
    form = client.get(change_url(agency)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    return {key: ("" if value is None else value) for key, value in data.items()}


def test_an_agency_admin_renames_their_agency_but_cannot_grade_it(agency: Agency) -> None:
    head = logged_in("head-faraja", "agency_admin", "faraja")
    page = head.get(change_url(agency)).content.decode()
    for field in ("code", "kind", "province", "window_status", "launched_on", "connected_on", "declared_services",
                  "is_sample"):  # fmt: skip
        assert f'name="{field}"' not in page, field  # shown, not editable
    assert 'name="name"' in page and 'name="website"' in page and 'name="window_url"' in page
    assert "۲۶ خرداد ۱۴۰۲" in page and '<div class="readonly">۴۰</div>' in page  # the operator's record

    data = form_data(head, agency, name="فراجا", code="faraja2", window_status="connected",
                     launched_on="2022-01-01", connected_on="2022-02-01", declared_services="4", is_sample="on",
                     kind="ministry", province="تهران")  # fmt: skip
    response = head.post(change_url(agency), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""

    agency.refresh_from_db()
    assert agency.name == "فراجا"
    assert (agency.code, agency.window_status, agency.launched_on, agency.connected_on, agency.declared_services,
            agency.is_sample, agency.kind, agency.province) == (
        "faraja", "launched", datetime.date(2023, 6, 16), None, 40, False, "organisation", "")  # fmt: skip


def test_the_operator_records_a_windows_dates_in_the_solar_calendar(agency: Agency, operator: Client) -> None:
    form = operator.get(change_url(agency)).context["adminform"].form
    assert form["launched_on"].value() == "۱۴۰۲/۰۳/۲۶"  # shown as it is typed
    data = form_data(operator, agency, window_status="connected", connected_on="۱۴۰۲/۱۲/۲۹", declared_services="45")
    response = operator.post(change_url(agency), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    agency.refresh_from_db()
    assert (agency.window_status, agency.launched_on, agency.connected_on, agency.declared_services) == (
        "connected",
        datetime.date(2023, 6, 16),
        datetime.date(2024, 3, 19),
        45,
    )
    operator.post(change_url(agency), form_data(operator, agency, launched_on="2023-06-10"))  # Gregorian too
    agency.refresh_from_db()
    assert agency.launched_on == datetime.date(2023, 6, 10)


@pytest.mark.parametrize(
    ("launched", "connected", "message"),
    [
        ("۱۴۰۲/۰۳/۲۶", "۱۴۰۲/۰۳/۲۵", "تاریخ اتصال به پنجره ملی نمی‌تواند پیش از تاریخ راه‌اندازی باشد."),
        ("", "۱۴۰۲/۰۳/۲۵", "پنجره‌ای که راه‌اندازی نشده به پنجره ملی متصل نمی‌شود؛ تاریخ راه‌اندازی را هم بنویسید."),
        ("۱۴۰۲/۰۳/۲۶", "۱۴۰۲/۱۲/۳۰", "این روز در تقویم نیست؛ ماه و روز را دوباره ببینید."),  # 1402 is not leap
        ("۱۴۰۲/۰۳/۲۶", "دیروز", "روز را به شکل تاریخ خورشیدی بنویسید، مانند ۱۴۰۲/۰۳/۲۶."),
    ],
    ids=["before-the-launch", "never-launched", "not-in-the-calendar", "not-a-date"],
)
def test_a_connection_before_the_launch_or_a_day_not_in_the_calendar_is_refused(
    agency: Agency, operator: Client, launched: str, connected: str, message: str
) -> None:
    data = form_data(operator, agency, launched_on=launched, connected_on=connected)
    response = operator.post(change_url(agency), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["connected_on"] == [message]
    agency.refresh_from_db()
    assert agency.connected_on is None


def test_the_code_is_fixed_once_the_agency_is_made(agency: Agency, operator: Client) -> None:
    assert 'name="code"' not in operator.get(change_url(agency)).content.decode()
    operator.post(change_url(agency), form_data(operator, agency, code="renamed"))
    assert Agency.objects.filter(pk=agency.pk, code="faraja").exists()
    assert 'name="code"' in operator.get("/admin/agencies/agency/add/").content.decode()  # given when it is made


def test_the_list_shows_solar_dates_in_persian_digits(agency: Agency, operator: Client) -> None:
    page = operator.get("/admin/agencies/agency/").content.decode()
    assert '<td class="field-launched">۲۶ خرداد ۱۴۰۲</td>' in page
    assert "ژوئن" not in page and "2023" not in page


def test_a_supervisor_reads_the_operators_record_in_the_solar_calendar(agency: Agency) -> None:
    watcher = logged_in("watcher", "supervisor", "")
    page = watcher.get(change_url(agency)).content.decode()
    assert "۲۶ خرداد ۱۴۰۲" in page and "ثبت‌شده به دست راهبر پنجره ملی" in page
    assert 'name="name"' not in page and "ژوئن" not in page
