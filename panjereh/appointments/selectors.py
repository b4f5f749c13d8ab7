"""Reads of offices and appointments: a service's offices, an office's free slots, a person's bookings."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from panjereh.appointments.constants import BOOKING_DAYS, WEEKDAYS, AppointmentStatus
from panjereh.appointments.models import Appointment, Office
from panjereh.catalog.models import Service
from panjereh.core.working_days import Calendar, calendar_from

TEHRAN = ZoneInfo("Asia/Tehran")


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime
    free: int  # places left


def offices_for(service: Service, province: str = "") -> QuerySet[Office]:
    """The offices of the service's agency (in one province, if given)."""
    found = Office.objects.filter(agency_id=service.agency_id)
    return found.filter(province=province) if province else found


def provinces_for(service: Service) -> list[str]:
    return sorted(set(Office.objects.filter(agency_id=service.agency_id).values_list("province", flat=True)))


def office_by_code(code: str) -> Office | None:
    return Office.objects.select_related("agency").filter(code=code).first()


def office_times(office: Office, day: datetime.date, calendar: Calendar | None = None) -> list[datetime.datetime]:
    """Every slot's start on `day`, from the office's hours for that day of the week (Tehran time); none
    on a public holiday or a closure announced for the country or the office's province (`calendar`: one
    read for the days asked about)."""
    if (calendar or calendar_from(day, day)).holiday_of(day, office.province):
        return []
    starts = []
    step = datetime.timedelta(minutes=office.slot_minutes or 15)
    for opens, closes in office.hours.get(WEEKDAYS[day.weekday()], []):
        at = datetime.datetime.combine(day, datetime.time.fromisoformat(opens), tzinfo=TEHRAN)
        end = datetime.datetime.combine(day, datetime.time.fromisoformat(closes), tzinfo=TEHRAN)
        while at + step <= end:
            starts.append(at)
            at += step
    return starts


def free_slots(office: Office, now: datetime.datetime, days: int = BOOKING_DAYS) -> dict[datetime.date, list[Slot]]:
    """The office's slots from now to `days` ahead with places left, by day (days without any left out)."""
    today = now.astimezone(TEHRAN).date()
    until = datetime.datetime.combine(today + datetime.timedelta(days=days + 1), datetime.time(), tzinfo=TEHRAN)
    taken = Counter(
        Appointment.objects.filter(office=office, status=AppointmentStatus.BOOKED, starts_at__gte=now,
                                   starts_at__lt=until).values_list("starts_at", flat=True)
    )  # fmt: skip
    calendar = calendar_from(today, today + datetime.timedelta(days=days))
    by_day: dict[datetime.date, list[Slot]] = {}
    for offset in range(days + 1):
        day = today + datetime.timedelta(days=offset)
        slots = [Slot(at, office.counters - taken[at]) for at in office_times(office, day, calendar) if at > now]
        slots = [slot for slot in slots if slot.free > 0]
        if slots:
            by_day[day] = slots
    return by_day


def appointments_of(citizen_id: int) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(citizen_id=citizen_id)
        .select_related("office", "service", "office__agency")
        .order_by("-starts_at")
    )


def appointment_of(citizen_id: int, code: str) -> Appointment | None:
    return appointments_of(citizen_id).filter(code=code).first()
