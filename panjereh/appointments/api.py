"""/api/v1/services/{code}/offices and /api/v1/offices/{code}/slots (public): where a service is given
in person and when there is room; /api/v1/appointments: book, list and cancel one's own appointments."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from panjereh.accounts.api import SESSION_OR_TOKEN
from panjereh.accounts.selectors import citizen_of
from panjereh.appointments import selectors
from panjereh.appointments.services import appointment_book, appointment_cancel
from panjereh.catalog.selectors import service_get
from panjereh.core.errors import NotAllowed, NotFound

if TYPE_CHECKING:  # the types only: rows come from selectors and services
    from panjereh.accounts.models import Citizen
    from panjereh.appointments.models import Appointment

service_offices_router = Router(tags=["appointments"])
offices_router = Router(tags=["appointments"])
router = Router(tags=["appointments"], auth=SESSION_OR_TOKEN)


class OfficeOut(Schema):
    code: str
    name: str
    province: str
    city: str
    address: str
    phone: str
    hours: dict[str, list[list[str]]] = Field(description='{"sat": [["07:30", "14:30"]], …}, Tehran time')


class SlotOut(Schema):
    starts_at: datetime.datetime
    free: int = Field(description="places left")


class SlotsOut(Schema):
    office: str
    slots: list[SlotOut]


class BookIn(Schema):
    service: str = Field(..., max_length=100, description="the service profile's code")
    office: str = Field(..., max_length=100)
    starts_at: datetime.datetime = Field(description="one of the office's slots, with its time zone")

    model_config = {"extra": "forbid"}


class AppointmentOut(Schema):
    code: str
    service: str
    office: OfficeOut
    starts_at: datetime.datetime
    status: str = Field(description="booked or cancelled")


@service_offices_router.get("/{code}/offices", response=list[OfficeOut], summary="Where a service is given in person")
def service_offices(request: HttpRequest, code: str, province: str = "") -> list[Any]:
    service = service_get(code)
    if service is None:
        raise NotFound("service_not_found", "خدمتی با این کد پیدا نشد.")
    return list(selectors.offices_for(service, province))


@offices_router.get("/{code}/slots", response=SlotsOut, summary="An office's free slots in the next two weeks")
def office_slots(request: HttpRequest, code: str) -> dict[str, Any]:
    office = selectors.office_by_code(code)
    if office is None:
        raise NotFound("office_not_found", "دفتری با این کد پیدا نشد.")
    days = selectors.free_slots(office, timezone.now())
    return {"office": office.code, "slots": [slot for slots in days.values() for slot in slots]}


@router.post(
    "", response={201: AppointmentOut}, summary="Book a place at an office for a service",
    openapi_extra={"responses": {404: {"description": "service_not_found or office_not_found: the body names "
                                                      "a service, or an office of its agency, that is not there"}}},
)  # fmt: skip
def book(request: HttpRequest, payload: BookIn) -> Status[dict[str, Any]]:
    service = service_get(payload.service)
    if service is None:
        raise NotFound("service_not_found", "خدمتی با این کد پیدا نشد.")
    appointment = appointment_book(citizen=_citizen(request), service=service, office_code=payload.office,
                                   starts_at=payload.starts_at, now=timezone.now())  # fmt: skip
    return Status(201, _out(appointment))


@router.get("", response=list[AppointmentOut], summary="My appointments, newest first")
def mine(request: HttpRequest) -> list[Any]:
    return [_out(a) for a in selectors.appointments_of(_citizen(request).pk)[:100]]


@router.post("/{code}/cancel", response=AppointmentOut, summary="Cancel one of my appointments (up to an hour before)")
def cancel(request: HttpRequest, code: str) -> Any:
    appointment = selectors.appointment_of(_citizen(request).pk, code)
    if appointment is None:
        raise NotFound("appointment_not_found", "نوبتی با این کد پیدا نشد.")
    return _out(appointment_cancel(appointment=appointment, now=timezone.now()))


def _out(appointment: Appointment) -> dict[str, Any]:
    return {"code": appointment.code, "service": appointment.service.code, "office": appointment.office,
            "starts_at": appointment.starts_at, "status": appointment.status}  # fmt: skip


def _citizen(request: HttpRequest) -> Citizen:
    citizen = citizen_of(request.auth)  # type: ignore[attr-defined]
    if citizen is None:
        raise NotAllowed("not_a_citizen", "فقط شهروندان با کد ملی می‌توانند نوبت بگیرند.")
    return citizen
