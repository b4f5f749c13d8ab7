"""Booking a place at an office: only the office's own slots, not past, not too far ahead, never past its
counters, one at a time per person and service; cancelled up to an hour before; reminded once a day
before. And the pages a person walks through from a service that is not fully online."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.services import agency_upsert
from panjereh.appointments.models import Appointment, Office
from panjereh.appointments.sample import HOURS
from panjereh.appointments.selectors import TEHRAN, free_slots, office_times
from panjereh.appointments.services import appointment_book, appointment_cancel, reminders_send
from panjereh.catalog.models import Service
from panjereh.core.errors import Conflict, InvalidInput, NotFound
from panjereh.core.models import AnnouncedDay
from panjereh.notifications.models import Notification

SATURDAY_8 = datetime.datetime(2024, 7, 13, 8, 0, tzinfo=TEHRAN)  # 23 Tir 1403, a Saturday


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    agency = agency_upsert(code="sabt", name="سازمان ثبت اسناد و املاک")
    other = agency_upsert(code="faraja", name="فراجا")
    service = Service.objects.create(code="sabt-deed-copy", agency=agency, title="رونوشت سند", maturity="semi",
                                     requirements=["کارت ملی", "اصل سند"])  # fmt: skip
    office = Office.objects.create(agency=agency, code="sabt-tehran", name="دفتر ثبت تهران", province="تهران",
                                   city="تهران", address="تهران، خیابان انقلاب", hours=HOURS, counters=1)  # fmt: skip
    Office.objects.create(agency=other, code="faraja-tehran", name="دفتر فراجا", province="تهران", city="تهران",
                          address="تهران", hours=HOURS)  # fmt: skip
    return {"service": service, "office": office, "sara": person("0012345679", "09120005679"),
            "reza": person("0012346012", "09120006012")}  # fmt: skip


def person(code: str, mobile: str) -> Citizen:
    citizen = citizen_get_or_create(national_code=code)
    citizen.mobile = mobile
    citizen.save(update_fields=["mobile"])
    return citizen


def book(world: dict[str, Any], who: str, at: datetime.datetime, office: str = "sabt-tehran") -> Appointment:
    return appointment_book(citizen=world[who], service=world["service"], office_code=office, starts_at=at,
                            now=SATURDAY_8)  # fmt: skip


def test_an_offices_slots_follow_its_hours(world: dict[str, Any]) -> None:
    office = world["office"]
    saturday = office_times(office, SATURDAY_8.date())
    assert (
        len(saturday) == 28 and saturday[0].strftime("%H:%M") == "07:30" and saturday[-1].strftime("%H:%M") == "14:15"
    )
    assert len(office_times(office, SATURDAY_8.date() + datetime.timedelta(days=5))) == 18  # Thursday, to 12:00
    assert office_times(office, SATURDAY_8.date() + datetime.timedelta(days=6)) == []  # Friday
    today = free_slots(office, SATURDAY_8)[SATURDAY_8.date()]
    assert today[0].starts_at == SATURDAY_8 + datetime.timedelta(minutes=15)  # 08:00 itself has begun


def test_booked_then_full_then_refused_in_every_way(world: dict[str, Any]) -> None:
    at = SATURDAY_8 + datetime.timedelta(hours=2)
    booked = book(world, "sara", at)
    assert len(booked.code) == 8 and booked.status == "booked"
    message = Notification.objects.get(user=world["sara"].user)
    assert "رونوشت سند" in message.body and "دفتر ثبت تهران" in message.body and message.mobile == "09120005679"
    assert at not in [slot.starts_at for slot in free_slots(world["office"], SATURDAY_8)[at.date()]]

    refusals = [
        (lambda: book(world, "reza", at), Conflict, "slot_full"),  # one counter
        (lambda: book(world, "sara", at + datetime.timedelta(hours=1)), Conflict, "already_booked"),
        (lambda: book(world, "reza", SATURDAY_8 - datetime.timedelta(hours=1)), InvalidInput, "slot_past"),
        (lambda: book(world, "reza", SATURDAY_8 + datetime.timedelta(days=20)), InvalidInput, "slot_too_far"),
        (lambda: book(world, "reza", SATURDAY_8 + datetime.timedelta(minutes=37)), InvalidInput, "slot_unknown"),
        (lambda: book(world, "reza", SATURDAY_8 + datetime.timedelta(days=6, hours=2)), InvalidInput, "slot_unknown"),
        (lambda: book(world, "reza", at + datetime.timedelta(hours=1), office="faraja-tehran"), NotFound,
         "office_not_found"),
    ]  # fmt: skip
    for attempt, kind, code in refusals:
        with pytest.raises(kind) as refused:
            attempt()
        assert refused.value.code == code
    assert Appointment.objects.count() == 1


def test_cancelled_up_to_an_hour_before_then_the_place_is_free(world: dict[str, Any]) -> None:
    soon = book(world, "sara", SATURDAY_8 + datetime.timedelta(minutes=45))
    with pytest.raises(Conflict) as late:
        appointment_cancel(appointment=soon, now=SATURDAY_8)
    assert late.value.code == "too_late_to_cancel"
    later = book(world, "reza", SATURDAY_8 + datetime.timedelta(hours=3))
    assert appointment_cancel(appointment=later, now=SATURDAY_8).status == "cancelled"
    with pytest.raises(Conflict):
        appointment_cancel(appointment=later, now=SATURDAY_8)
    assert book(world, "reza", SATURDAY_8 + datetime.timedelta(hours=3)).status == "booked"  # free again


def test_one_reminder_a_day_before(world: dict[str, Any]) -> None:
    tomorrow = book(world, "sara", SATURDAY_8 + datetime.timedelta(days=1, hours=1))
    next_week = book(world, "reza", SATURDAY_8 + datetime.timedelta(days=7))
    assert reminders_send(SATURDAY_8) == 0  # more than a day ahead
    assert reminders_send(SATURDAY_8 + datetime.timedelta(hours=2)) == 1
    assert reminders_send(SATURDAY_8 + datetime.timedelta(hours=3)) == 0  # once
    reminder = Notification.objects.filter(user=world["sara"].user).order_by("pk").last()
    assert reminder is not None and reminder.body.startswith("یادآوری") and "خیابان انقلاب" in reminder.body
    tomorrow.refresh_from_db()
    next_week.refresh_from_db()
    assert tomorrow.reminded_at is not None and next_week.reminded_at is None


def test_from_a_service_page_to_a_booking_and_back(world: dict[str, Any]) -> None:
    client = Client()
    page = client.get("/services/sabt-deed-copy/").content.decode()
    assert "برای پایان کار باید به دفتر" in page and "/services/sabt-deed-copy/offices/" in page
    offices = client.get("/services/sabt-deed-copy/offices/").content.decode()
    assert "دفتر ثبت تهران" in offices and "اصل سند" in offices and "۰۷:۳۰ تا ۱۴:۳۰" in offices
    assert "دفتر فراجا" not in offices
    assert client.get("/services/sabt-deed-copy/offices/faraja-tehran/book/").status_code == 401  # log in first

    client.force_login(world["sara"].user)
    assert client.get("/services/sabt-deed-copy/offices/faraja-tehran/book/").status_code == 404
    form = client.get("/services/sabt-deed-copy/offices/sabt-tehran/book/").content.decode()
    assert 'name="starts_at"' in form
    slot = list(free_slots(world["office"], timezone.now()).values())[1][0].starts_at  # a later day: cancellable
    assert client.post("/services/sabt-deed-copy/offices/sabt-tehran/book/", {"starts_at": "فردا"}).status_code == 400
    done = client.post("/services/sabt-deed-copy/offices/sabt-tehran/book/", {"starts_at": slot.isoformat()})
    assert done.status_code == 303 and done["Location"].startswith("/me/appointments/?booked=")
    mine = client.get(done["Location"]).content.decode()
    assert "رونوشت سند" in mine and "لغو نوبت" in mine
    again = client.post("/services/sabt-deed-copy/offices/sabt-tehran/book/", {"starts_at": slot.isoformat()})
    assert again.status_code == 409 and "برای این خدمت نوبتی دارید" in again.content.decode()
    code = Appointment.objects.get().code
    other = Client()
    other.force_login(world["reza"].user)
    assert other.post(f"/me/appointments/{code}/cancel/").status_code == 404  # not theirs
    assert client.post(f"/me/appointments/{code}/cancel/").status_code == 303
    assert Appointment.objects.get().status == "cancelled"


def test_the_api(world: dict[str, Any]) -> None:
    client = Client()
    offices = client.get("/api/v1/services/sabt-deed-copy/offices").json()
    assert [o["code"] for o in offices] == ["sabt-tehran"] and offices[0]["hours"]["fri"] == []
    slots = client.get("/api/v1/offices/sabt-tehran/slots").json()["slots"]
    assert slots and all(slot["free"] == 1 for slot in slots)
    later = timezone.now() + datetime.timedelta(hours=2)  # far enough ahead to be cancelled below
    slot = next(s for s in slots if datetime.datetime.fromisoformat(s["starts_at"]) > later)
    body = {"service": "sabt-deed-copy", "office": "sabt-tehran", "starts_at": slot["starts_at"]}
    assert client.post("/api/v1/appointments", body, content_type="application/json").status_code == 401
    client.force_login(world["sara"].user)
    booked = client.post("/api/v1/appointments", body, content_type="application/json")
    assert booked.status_code == 201 and booked.json()["status"] == "booked"
    taken = client.post("/api/v1/appointments", body, content_type="application/json")
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "already_booked"
    nonsense = client.post("/api/v1/appointments", {**body, "starts_at": "tomorrow"}, content_type="application/json")
    assert nonsense.status_code == 422
    assert client.get("/api/v1/offices/nowhere/slots").json()["error"]["code"] == "office_not_found"
    code = booked.json()["code"]
    assert [a["code"] for a in client.get("/api/v1/appointments").json()] == [code]
    assert client.post(f"/api/v1/appointments/{code}/cancel").json()["status"] == "cancelled"


def test_no_slots_on_a_public_holiday_or_an_announced_closure(world: dict[str, Any]) -> None:
    office = world["office"]
    nowruz_eve = datetime.datetime(2026, 3, 17, 8, 0, tzinfo=TEHRAN)  # Tuesday 26 Esfand 1404
    days = free_slots(office, nowruz_eve)
    closed = [datetime.date(2026, 3, 20), datetime.date(2026, 3, 21), datetime.date(2026, 3, 24)]  # oil day, Nowruz
    assert datetime.date(2026, 3, 18) in days and not set(closed) & set(days)
    assert datetime.date(2026, 3, 28) in days  # a Saturday after the holidays: open
    with pytest.raises(InvalidInput) as refused:
        appointment_book(citizen=world["sara"], service=world["service"], office_code="sabt-tehran",
                         starts_at=datetime.datetime(2026, 3, 22, 9, 0, tzinfo=TEHRAN), now=nowruz_eve)  # fmt: skip
    assert refused.value.code == "office_closed" and "نوروز" in refused.value.message

    AnnouncedDay.objects.create(day=datetime.date(2026, 3, 18), reason="آلودگی هوا")
    assert datetime.date(2026, 3, 18) not in free_slots(office, nowruz_eve)
    with pytest.raises(InvalidInput) as announced:
        appointment_book(citizen=world["sara"], service=world["service"], office_code="sabt-tehran",
                         starts_at=datetime.datetime(2026, 3, 18, 9, 0, tzinfo=TEHRAN), now=nowruz_eve)  # fmt: skip
    assert announced.value.code == "office_closed" and "آلودگی هوا" in announced.value.message
    assert not Appointment.objects.exists()


def test_the_bookings_of_a_day_announced_closed_are_cancelled_and_their_people_told(
    world: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    from panjereh.appointments.services import bookings_cancel_on_closed_day

    sunday = SATURDAY_8 + datetime.timedelta(days=1)  # a Sunday (the Monday is تاسوعا)
    booked = book(world, "sara", sunday + datetime.timedelta(hours=2))
    other_day = book(world, "reza", SATURDAY_8 + datetime.timedelta(hours=3))
    assert bookings_cancel_on_closed_day(sunday.date(), SATURDAY_8) == 0  # not closed: nothing is touched
    AnnouncedDay.objects.create(day=sunday.date(), reason="آلودگی هوا")
    assert bookings_cancel_on_closed_day(sunday.date(), SATURDAY_8) == 1
    assert bookings_cancel_on_closed_day(sunday.date(), SATURDAY_8) == 0  # once
    booked.refresh_from_db()
    other_day.refresh_from_db()
    assert booked.status == "cancelled" and other_day.status == "booked"
    told = Notification.objects.filter(user=world["sara"].user).order_by("pk").last()
    assert told is not None and "لغو شد" in told.body and "«آلودگی هوا»" in told.body and "نوبت تازه" in told.body


def test_the_sample_offices_have_landline_numbers_of_their_own_province(db: None) -> None:
    from panjereh.appointments.sample import sample_offices_load

    agency_upsert(code="sabt", name="سازمان ثبت اسناد و املاک", is_sample=True)
    assert sample_offices_load() == 6
    areas = {office.city: office.phone[:3] for office in Office.objects.all()}
    assert areas == {"تهران": "021", "اصفهان": "031", "مشهد": "051", "تبریز": "041", "شیراز": "071", "اهواز": "061"}
    assert all(len(office.phone) == 11 and office.phone.isdigit() for office in Office.objects.all())


def test_a_provinces_closure_cancels_only_the_bookings_at_its_offices(world: dict[str, Any]) -> None:
    from panjereh.appointments.services import bookings_cancel_on_closed_day

    isfahan = Office.objects.create(agency=world["office"].agency, code="sabt-isfahan", name="دفتر ثبت اصفهان",
                                    province="اصفهان", city="اصفهان", address="اصفهان", hours=HOURS)  # fmt: skip
    sunday = SATURDAY_8 + datetime.timedelta(days=1)
    in_tehran = book(world, "sara", sunday + datetime.timedelta(hours=2))
    in_isfahan = book(world, "reza", sunday + datetime.timedelta(hours=2), office="sabt-isfahan")
    AnnouncedDay.objects.create(day=sunday.date(), province="تهران", reason="آلودگی هوا")
    assert sunday.date() not in free_slots(world["office"], SATURDAY_8) and sunday.date() in free_slots(
        isfahan, SATURDAY_8
    )
    assert bookings_cancel_on_closed_day(sunday.date(), SATURDAY_8) == 1
    in_tehran.refresh_from_db()
    in_isfahan.refresh_from_db()
    assert (in_tehran.status, in_isfahan.status) == ("cancelled", "booked")
