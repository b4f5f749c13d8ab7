"""Booking and cancelling appointments, and the reminders. A slot takes as many bookings as the office
has counters: bookings at one office are made one at a time (its row locked), so two people never get
the last place. One booked appointment per person and service; none in the past or past the window."""

from __future__ import annotations

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from panjereh.accounts.models import Citizen
from panjereh.appointments.constants import BOOKING_DAYS, CANCEL_BEFORE_MINUTES, REMIND_BEFORE_HOURS, AppointmentStatus
from panjereh.appointments.models import Appointment, Office
from panjereh.appointments.selectors import TEHRAN, office_times
from panjereh.catalog.models import Service
from panjereh.core.checkdigit import verhoeff_digit
from panjereh.core.errors import Conflict, InvalidInput, NotFound
from panjereh.core.working_days import calendar_from
from panjereh.notifications.services import notify
from panjereh.persian import format_datetime, to_persian_digits


def appointment_book(
    *, citizen: Citizen, service: Service, office_code: str, starts_at: datetime.datetime, now: datetime.datetime
) -> Appointment:
    """A place at `office_code` at `starts_at` for `service`; refused (with nothing booked) when the
    office is not the service's agency's, the time is not one of its slots, past, too far ahead or full,
    or the person already holds a booking for this service."""
    with transaction.atomic():
        office = Office.objects.select_for_update().filter(code=office_code, agency_id=service.agency_id).first()
        if office is None:
            raise NotFound("office_not_found", "این دفتر این خدمت را ارائه نمی‌دهد.")
        local = starts_at.astimezone(TEHRAN)
        if starts_at <= now:
            raise InvalidInput("slot_past", "این زمان گذشته است؛ زمان دیگری برگزینید.", "starts_at")
        if local.date() > now.astimezone(TEHRAN).date() + datetime.timedelta(days=BOOKING_DAYS):
            raise InvalidInput("slot_too_far", f"نوبت را تا {to_persian_digits(BOOKING_DAYS)} روز آینده می‌توان گرفت.",
                               "starts_at")  # fmt: skip
        calendar = calendar_from(local.date(), local.date())
        holiday = calendar.holiday_of(local.date(), office.province)
        if holiday:
            raise InvalidInput("office_closed", f"دفترها در این روز تعطیل‌اند («{holiday}»)؛ روز دیگری برگزینید.",
                               "starts_at")  # fmt: skip
        if local not in office_times(office, local.date(), calendar):
            raise InvalidInput("slot_unknown", "این زمان از نوبت‌های این دفتر نیست.", "starts_at")
        if Appointment.objects.filter(citizen=citizen, service=service, status=AppointmentStatus.BOOKED).exists():
            raise Conflict("already_booked", "برای این خدمت نوبتی دارید؛ برای نوبت تازه، نخست آن را لغو کنید.")
        taken = Appointment.objects.filter(office=office, starts_at=starts_at, status=AppointmentStatus.BOOKED).count()
        if taken >= office.counters:
            raise Conflict("slot_full", "ظرفیت این نوبت پر شده است؛ زمان دیگری برگزینید.")
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(
                    code=_new_code(), office=office, service=service, citizen=citizen, starts_at=starts_at,
                    created_at=now,
                )  # fmt: skip
        except IntegrityError:  # the same person booking the same service from two tabs at once
            raise Conflict(
                "already_booked", "برای این خدمت نوبتی دارید؛ برای نوبت تازه، نخست آن را لغو کنید."
            ) from None
        when, code = format_datetime(starts_at), to_persian_digits(appointment.code)
        _tell(
            appointment, "booked", f"نوبت شما برای «{service.title}» در {office.name}، {when} ثبت شد؛ کد نوبت {code}."
        )
        return appointment


def appointment_cancel(*, appointment: Appointment, now: datetime.datetime) -> Appointment:
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict("not_booked", "این نوبت پیش‌تر لغو شده است.")
    if appointment.starts_at - now < datetime.timedelta(minutes=CANCEL_BEFORE_MINUTES):
        raise Conflict("too_late_to_cancel", "نوبت را تا یک ساعت پیش از زمانش می‌توان لغو کرد.")
    updated = Appointment.objects.filter(pk=appointment.pk, status=AppointmentStatus.BOOKED).update(
        status=AppointmentStatus.CANCELLED, cancelled_at=now
    )
    if not updated:
        raise Conflict("not_booked", "این نوبت پیش‌تر لغو شده است.")
    appointment.refresh_from_db()
    return appointment


def reminders_send(now: datetime.datetime) -> int:
    """The worker's sweep: one reminder (in the app and by SMS) for each booking within a day."""
    due = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED, reminded_at__isnull=True, starts_at__gt=now,
        starts_at__lte=now + datetime.timedelta(hours=REMIND_BEFORE_HOURS),
    ).select_related("office", "service", "citizen")  # fmt: skip
    sent = 0
    for appointment in due[:500]:
        if Appointment.objects.filter(pk=appointment.pk, reminded_at__isnull=True).update(reminded_at=now):
            office = appointment.office
            _tell(appointment, "reminder", f"یادآوری: نوبت «{appointment.service.title}» در {office.name}، "
                  f"{format_datetime(appointment.starts_at)}؛ نشانی: {office.address}")  # fmt: skip
            sent += 1
    return sent


def on_calendar_changed(day: datetime.date) -> None:
    """Registered with core at start-up: the worker cancels the bookings of a day announced closed."""
    closed_day_cancel.enqueue(day.isoformat())


@task()
def closed_day_cancel(day: str) -> None:
    bookings_cancel_on_closed_day(datetime.date.fromisoformat(day), timezone.now())


def bookings_cancel_on_closed_day(day: datetime.date, now: datetime.datetime) -> int:
    """The day's bookings at offices now closed on it (in the whole country, or in their province), each
    person told once why and asked to book again; returns how many. Run again, it finds nothing left."""
    calendar = calendar_from(day, day)
    start = datetime.datetime.combine(day, datetime.time(), TEHRAN)
    booked = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        starts_at__gte=max(start, now),
        starts_at__lt=start + datetime.timedelta(days=1),
    ).select_related("office", "service", "citizen")
    cancelled = 0
    for appointment in booked.iterator(chunk_size=500):
        holiday = calendar.holiday_of(day, appointment.office.province)
        if holiday and Appointment.objects.filter(pk=appointment.pk, status=AppointmentStatus.BOOKED).update(
            status=AppointmentStatus.CANCELLED, cancelled_at=now
        ):
            _tell(appointment, "closed", f"نوبت «{appointment.service.title}» در {appointment.office.name}، "
                  f"{format_datetime(appointment.starts_at)} لغو شد: دفترها در این روز تعطیل‌اند («{holiday}»). "
                  "لطفاً نوبت تازه‌ای بگیرید.")  # fmt: skip
            cancelled += 1
    return cancelled


def _tell(appointment: Appointment, kind: str, body: str) -> None:
    citizen = appointment.citizen
    notify(user_id=citizen.user_id, dedupe_key=f"appointment:{appointment.pk}:{kind}", title="پنجره ملی: نوبت حضوری",
           body=body[:500], url="/me/appointments/", mobile=citizen.mobile)  # fmt: skip


def _new_code() -> str:
    for _ in range(10):
        digits = f"{secrets.randbelow(10**7):07d}"
        code = digits + verhoeff_digit(digits)
        if not Appointment.objects.filter(code=code).exists():
            return code
    raise Conflict("conflict", "ثبت نوبت ممکن نشد؛ دوباره تلاش کنید.")
