"""A way forward at the counter: a service's offices (where, when, what to bring), booking a place at
one, and the person's appointments. Thin: the work is in panjereh.appointments."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from panjereh.appointments import selectors
from panjereh.appointments.constants import WEEKDAY_NAMES, WEEKDAYS
from panjereh.appointments.services import appointment_book, appointment_cancel
from panjereh.catalog.selectors import service_get
from panjereh.core.errors import DomainError, http_status
from panjereh.persian import format_date_long
from panjereh.portal.application_views import citizen_required

if TYPE_CHECKING:  # the types only: rows come from the apps' selectors and services
    from panjereh.accounts.models import Citizen
    from panjereh.appointments.models import Office


def hours_of(office: Office) -> list[tuple[str, str]]:
    """The office's week in words, Saturday first: (day, «۰۷:۳۰ تا ۱۴:۳۰» or «تعطیل»)."""
    return [
        (
            WEEKDAY_NAMES[key],
            "، ".join(f"{opens} تا {closes}" for opens, closes in office.hours.get(key, [])) or "تعطیل",
        )
        for key in WEEKDAYS.values()
    ]


@require_GET
def service_offices(request: HttpRequest, code: str) -> HttpResponse:
    service = service_get(code)
    if service is None:
        raise Http404
    provinces = selectors.provinces_for(service)
    province = request.GET.get("province", "")
    province = province if province in provinces else ""
    offices = [(office, hours_of(office)) for office in selectors.offices_for(service, province)]
    context = {"service": service, "offices": offices, "provinces": provinces, "province": province}
    return render(request, "portal/offices.html", context)


@require_http_methods(["GET", "POST"])
@citizen_required
def book(request: HttpRequest, citizen: Citizen, code: str, office_code: str) -> HttpResponse:
    service = service_get(code)
    office = selectors.office_by_code(office_code)
    if service is None or office is None or office.agency_id != service.agency_id:
        raise Http404
    error, status = "", 200
    if request.method == "POST":
        try:
            starts_at = datetime.datetime.fromisoformat(request.POST.get("starts_at", ""))
            if starts_at.tzinfo is None:
                raise ValueError
        except ValueError:
            error, status = "یکی از زمان‌های آزاد را برگزینید.", 400
        else:
            try:
                appointment = appointment_book(citizen=citizen, service=service, office_code=office.code,
                                               starts_at=starts_at, now=timezone.now())  # fmt: skip
            except DomainError as refused:
                error, status = refused.message, http_status(refused)
            else:
                return HttpResponseRedirect(f"/me/appointments/?booked={appointment.code}", status=303)
    days = [(format_date_long(day), slots) for day, slots in selectors.free_slots(office, timezone.now()).items()]
    context = {"service": service, "office": office, "hours": hours_of(office), "days": days, "error": error}
    return render(request, "portal/book.html", context, status=status)


@require_GET
@citizen_required
def my_appointments(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    appointments = list(selectors.appointments_of(citizen.pk)[:100])
    context = {"appointments": appointments, "booked": request.GET.get("booked", ""), "now": timezone.now()}
    return render(request, "portal/my_appointments.html", context)


@require_POST
@citizen_required
def cancel(request: HttpRequest, citizen: Citizen, appointment_code: str) -> HttpResponse:
    appointment = selectors.appointment_of(citizen.pk, appointment_code)
    if appointment is None:
        raise Http404
    try:
        appointment_cancel(appointment=appointment, now=timezone.now())
    except DomainError as error:
        status = http_status(error)
        return render(request, "portal/error.html", {"status": status, "message": error.message}, status=status)
    return HttpResponseRedirect("/me/appointments/", status=303)
