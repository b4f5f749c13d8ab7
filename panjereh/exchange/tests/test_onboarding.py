"""An agency's window goes live step by step, and only when its checklist allows; deadlines are tracked."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import import_records, profile
from panjereh.agencies.constants import WindowStatus
from panjereh.agencies.models import Agency, OnboardingDeadlines
from panjereh.agencies.services import agency_upsert
from panjereh.exchange import services
from panjereh.exchange.audit.store import append_batch
from panjereh.exchange.onboarding import checklist, deadlines, window_advance

pytestmark = pytest.mark.django_db


def refusal(step: Any, reason: str) -> bool:
    """The step is refused with a Persian message containing `reason`."""
    with pytest.raises(ValidationError) as caught:
        step()
    return reason in caught.value.messages[0]


def done(agency: Agency) -> dict[str, bool]:
    return {check.code: check.done for check in checklist(agency)}


def passing_call(agency_code: str) -> dict[str, Any]:
    return {
        "at": datetime.datetime.now(datetime.UTC), "consumer": f"{agency_code}-system", "consumer_agency": agency_code,
        "provider": "sabtahval", "data_service": "person", "purpose": "login-identity", "subject": "0499370899",
        "application": "", "outcome": "ok", "status": 200, "latency_ms": 1.0, "request_hash": "a" * 64,
        "response_hash": "b" * 64, "jti": "test-call-1",
    }  # fmt: skip


@pytest.fixture
def agency() -> Agency:
    return agency_upsert(code="msy", name="وزارت ورزش و جوانان", declared_services=6)


def test_a_new_agency_has_nothing_done(agency: Agency) -> None:
    assert done(agency) == {"window_url": False, "services_listed": False, "credentials": False, "test_call": False}


def test_the_window_goes_live_step_by_step_as_the_checklist_is_met(agency: Agency) -> None:
    assert refusal(lambda: window_advance(agency=agency, to=WindowStatus.LAUNCHED), "نشانی پنجره واحد")
    agency.window_url = "https://msy.example.ir"
    agency.save()
    import_records([profile("msy-1", "صدور کارت مربیگری", agency={"code": "msy", "name": agency.name})])
    assert refusal(lambda: window_advance(agency=agency, to=WindowStatus.LAUNCHED), "یک‌سوم")  # 1 of 6 listed; 2 needed
    import_records([profile("msy-2", "ثبت باشگاه ورزشی", agency={"code": "msy", "name": agency.name})])
    window_advance(agency=agency, to=WindowStatus.LAUNCHED)
    assert agency.window_status == "launched" and agency.launched_on is not None

    assert refusal(lambda: window_advance(agency=agency, to=WindowStatus.TESTING), "کلید فعال")
    system = services.system_register(agency=agency, code="msy-system", name="سامانه وزارت ورزش")
    services.credential_add_shared_secret(system=system, key_id="k1")
    window_advance(agency=agency, to=WindowStatus.TESTING)

    assert refusal(lambda: window_advance(agency=agency, to=WindowStatus.CONNECTED), "استعلام آزمایشی")
    append_batch([passing_call("msy")])
    window_advance(agency=agency, to=WindowStatus.CONNECTED)
    agency.refresh_from_db()
    assert agency.window_status == "connected" and agency.connected_on is not None


def test_the_window_never_goes_backwards(agency: Agency) -> None:
    agency.window_status = WindowStatus.CONNECTED
    agency.save()
    assert refusal(lambda: window_advance(agency=agency, to=WindowStatus.LAUNCHED), "رو به جلو")


def test_missed_deadlines_are_flagged(agency: Agency) -> None:
    OnboardingDeadlines.objects.create(launch_by=datetime.date(2024, 9, 21), connect_by=datetime.date(2025, 3, 20))
    late = deadlines(agency, today=datetime.date(2025, 6, 1))
    assert late.launch_overdue and late.connect_overdue
    early = deadlines(agency, today=datetime.date(2024, 6, 1))
    assert not early.launch_overdue and not early.connect_overdue
    agency.window_status = WindowStatus.TESTING
    agency.save()
    assert deadlines(agency, today=datetime.date(2025, 6, 1)) == type(late)(
        datetime.date(2024, 9, 21), datetime.date(2025, 3, 20), launch_overdue=False, connect_overdue=True
    )


def test_the_api_answers_an_agencys_checklist_and_deadlines(client: Client, agency: Agency) -> None:
    OnboardingDeadlines.objects.create(launch_by=datetime.date(2024, 9, 21), connect_by=datetime.date(2025, 3, 20))
    body = client.get("/api/v1/agencies/msy/onboarding").json()
    assert body["window_status"] == "not_started"
    assert [c["code"] for c in body["checklist"]] == ["window_url", "services_listed", "credentials", "test_call"]
    assert body["deadlines"]["launch_by"] == "2024-09-21" and body["deadlines"]["launch_overdue"] is True
    missing = client.get("/api/v1/agencies/nope/onboarding")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "agency_not_found"


def test_the_agency_page_shows_the_checklist_to_staff_only(client: Client, agency: Agency) -> None:
    public = client.get("/agencies/msy/").content.decode()
    assert "اتصال به پنجره ملی" in public and "انجام نشده:" not in public  # the public sees one status
    client.force_login(get_user_model().objects.create_user(username="staff-member", is_staff=True))
    page = client.get("/agencies/msy/").content.decode()
    assert "اتصال به پنجره ملی" in page and "انجام نشده:" in page and "کلید فعال" in page
