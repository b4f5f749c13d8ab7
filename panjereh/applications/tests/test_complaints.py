"""The participatory loop: a complaint gets a number and a deadline, appears in the agency's back office
with its clock, is answered once, and the answer reaches the person (timeline, inbox, SMS) with the
number; people's ratings show on the service's profile."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from panjereh.accounts.services import citizen_get_or_create
from panjereh.accounts.tests.staff_world import logged_in
from panjereh.agencies.services import agency_upsert
from panjereh.applications import services
from panjereh.applications.constants import DecisionMode, Status
from panjereh.applications.models import Application, ApplicationEvent, Complaint, Rating, ServiceDefinition
from panjereh.applications.tracking import new_tracking_code
from panjereh.catalog.models import Service
from panjereh.core.errors import Conflict, InvalidInput
from panjereh.core.working_days import TEHRAN
from panjereh.notifications.models import Notification
from panjereh.persian import to_persian_digits

pytestmark = pytest.mark.django_db
COMPLAINTS = "/admin/applications/complaint/"


@pytest.fixture
def decided(settings: Any, tmp_path: Path) -> Application:
    settings.SMS_BACKEND, settings.SMS_OUTBOX = "file", str(tmp_path / "outbox.jsonl")
    agency = agency_upsert(code="tehran-municipality", name="شهرداری تهران")
    agency_upsert(code="faraja", name="فرماندهی انتظامی")
    service = Service.objects.create(code="tehran-permit", agency=agency, title="پروانه ساختمانی")
    definition = ServiceDefinition.objects.create(
        code=service.code, service=service, agency=agency, title=service.title, decision_mode=DecisionMode.HUMAN
    )
    person = citizen_get_or_create(national_code="0012345679", first_name="سارا", last_name="رضایی")
    person.mobile = "09120005679"
    person.save(update_fields=["mobile"])
    return Application.objects.create(
        tracking_code=new_tracking_code(), citizen=person, definition=definition, agency=agency,
        decision_mode=DecisionMode.HUMAN, status=Status.ISSUED, submitted_at=timezone.now(), decided_at=timezone.now(),
    )  # fmt: skip


def sms(settings: Any) -> list[str]:
    outbox = Path(settings.SMS_OUTBOX)
    return [json.loads(line)["text"] for line in outbox.read_text().splitlines()] if outbox.exists() else []


def test_a_complaint_gets_a_number_a_deadline_and_a_line_on_the_timeline(
    decided: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    wednesday = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=TEHRAN)  # 11 Azar 1405
    monkeypatch.setattr(timezone, "now", lambda: wednesday)
    complaint = services.complaint_file(
        application=decided, citizen=decided.citizen, text="پروانه دیر صادر شد و کسی پاسخ نداد."
    )
    assert len(complaint.number) == 12 and complaint.created_at == wednesday
    # Ten working days: the two Fridays between do not count, so Monday 24 Azar at the same hour.
    assert complaint.due_at == datetime.datetime(2026, 12, 14, 10, 0, tzinfo=TEHRAN)
    line = ApplicationEvent.objects.filter(application=decided).last()
    assert line is not None and to_persian_digits(complaint.number) in line.message
    with pytest.raises(InvalidInput):
        services.complaint_file(application=decided, citizen=decided.citizen, text="کوتاه")


def test_the_agency_answers_in_its_back_office_and_the_person_hears(decided: Application, settings: Any) -> None:
    complaint = services.complaint_file(
        application=decided, citizen=decided.citizen, text="پروانه دیر صادر شد و کسی پاسخ نداد."
    )
    officer = logged_in("tehran-officer", "officer", "tehran-municipality")
    listing = officer.get(COMPLAINTS).content.decode()
    assert to_persian_digits(complaint.number) in listing and "بی‌پاسخ" in listing
    assert "tehran-officer" not in listing.split('id="content"')[-1]
    other = logged_in("faraja-officer", "officer", "faraja")
    assert to_persian_digits(complaint.number) not in other.get(COMPLAINTS).content.decode()
    assert other.post(f"{COMPLAINTS}{complaint.pk}/change/", {"answer": "پاسخ از دستگاه دیگر"}).status_code == 404

    too_short = officer.post(f"{COMPLAINTS}{complaint.pk}/change/", {"answer": "باشه"})
    assert too_short.status_code == 200 and "ده نویسه" in too_short.content.decode()
    answer = "پرونده بررسی شد؛ پروانه شما صادر شده و در بخش اسناد است."
    done = officer.post(f"{COMPLAINTS}{complaint.pk}/change/", {"answer": answer})
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.answer == answer and complaint.answered_at is not None
    shown = to_persian_digits(complaint.number)
    timeline = ApplicationEvent.objects.filter(application=decided).last()
    assert timeline is not None and shown in timeline.message and answer in timeline.message
    note = Notification.objects.get(user=decided.citizen.user)
    assert shown in note.title and answer in note.body
    with pytest.raises(Conflict):
        services.complaint_answer(complaint=complaint, text="پاسخ دوباره‌ای که نباید برود.", by="کارشناس")
    supervisor = logged_in("council", "supervisor", None)
    page = supervisor.get(f"{COMPLAINTS}{complaint.pk}/change/").content.decode()
    assert answer in page and 'name="answer"' not in page  # read only


def test_ratings_show_on_the_service_profile(decided: Application, client: Client) -> None:
    assert "امتیاز مردم" not in client.get("/services/tehran-permit/").content.decode()
    Rating.objects.create(application=decided, stars=4, created_at=timezone.now())
    page = client.get("/services/tehran-permit/").content.decode()
    assert "امتیاز مردم: <strong>۴</strong> از ۵" in page and "(۱ امتیاز)" in page
    assert Complaint.objects.count() == 0


def test_a_deadline_at_midnight_is_told_as_the_day_before(
    decided: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    friday = datetime.datetime(2026, 12, 4, 15, 0, tzinfo=TEHRAN)  # 13 Azar 1405: the clock waits for Saturday
    monkeypatch.setattr(timezone, "now", lambda: friday)
    complaint = services.complaint_file(application=decided, citizen=decided.citizen, text="پاسخی به من داده نشد.")
    assert complaint.due_at == datetime.datetime(2026, 12, 16, 0, 0, tzinfo=TEHRAN)  # ten full working days
    line = ApplicationEvent.objects.filter(application=decided).last()
    assert line is not None and "تا ۱۴۰۵/۰۹/۲۴ پاسخ می‌دهد" in line.message  # the 24th's end, not the 25th
