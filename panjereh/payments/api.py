"""/api/v1/payments/{payment_id}: one of the person's own payments (404 for anyone else's);
/api/v1/bills: the person's bills, and paying a bill by its bill id and payment id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic.config import JsonDict

from panjereh.accounts.api import SESSION_OR_TOKEN
from panjereh.accounts.selectors import citizen_of
from panjereh.core.errors import NotAllowed, NotFound, OutsideUnavailable
from panjereh.payments.bills import bill_payment_start, bills_of
from panjereh.payments.constants import RETURN_PATH
from panjereh.payments.selectors import payment_of

if TYPE_CHECKING:  # the type only: the person comes from accounts' selectors
    from panjereh.accounts.models import Citizen

router = Router(tags=["payments"], auth=SESSION_OR_TOKEN)
bills_router = Router(tags=["payments"], auth=SESSION_OR_TOKEN)


class PaymentOut(Schema):
    payment_id: str
    status: str = Field(description="pending, paid, failed or refunded")
    amount_rials: int
    reference: str = Field(description="the bank's reference number, once paid")
    card: str = Field(description="the card paid with, masked by the bank")
    purpose: str = Field(description="application (a service's fee) or bill")
    subject: str = Field(description="the application's tracking code, or the bill id")
    description: str
    agency: str = Field(description="the agency paid")
    created_at: Any
    settled_at: Any
    refund_due: bool
    refund_reference: str
    refunded_at: Any


@router.get("/{payment_id}", response=PaymentOut, summary="One of my payments: its status and the bank's reference")
def payment_detail(request: HttpRequest, payment_id: str) -> dict[str, Any]:
    citizen = citizen_of(request.auth)  # type: ignore[attr-defined]
    payment = payment_of(citizen.pk, payment_id) if citizen is not None else None
    if payment is None:
        raise NotFound("payment_not_found", "پرداختی با این شناسه پیدا نشد.")
    return {
        "payment_id": str(payment.id), "status": payment.status, "amount_rials": payment.amount_rials,
        "reference": payment.reference, "card": payment.card, "purpose": payment.purpose, "subject": payment.subject,
        "description": payment.description, "agency": payment.agency.code, "created_at": payment.created_at,
        "settled_at": payment.settled_at, "refund_due": payment.refund_due,
        "refund_reference": payment.refund_reference, "refunded_at": payment.refunded_at,
    }  # fmt: skip


# What a bill's ids are (panjereh.persian.bills): 6 to 13 digits, Latin, Persian or Arabic. The schema says
# so; the server takes up to 40 characters (spaces typed between groups, zeros padding a printed id) so
# that anything else is refused as `invalid_bill` with what is wrong with it, not a generic 422.
BILL_ID_LENGTH: JsonDict = {"minLength": 6, "maxLength": 13}


class BillIn(Schema):
    bill_id: str = Field(..., min_length=1, max_length=40, json_schema_extra=BILL_ID_LENGTH,
                         description="شناسه قبض: 6 to 13 digits, in Latin, Persian or Arabic digits")  # fmt: skip
    payment_id: str = Field(..., min_length=1, max_length=40, json_schema_extra=BILL_ID_LENGTH,
                            description="شناسه پرداخت: 6 to 13 digits, in Latin, Persian or Arabic digits")  # fmt: skip

    model_config = {"extra": "forbid"}


class BillOut(Schema):
    kind: str = Field(description="the bill scheme's kind digit: 1 water, 2 electricity, 3 gas, …")
    kind_name: str
    bill_id: str
    payment_id: str
    amount_rials: int
    due_date: str = Field(description="Jalali, as the issuing agency gives it")
    paid: bool


class PaymentStartedOut(Schema):
    payment_id: str
    amount_rials: int
    redirect_url: str = Field(description="the bank's page: send the person there")
    status: str


@bills_router.get("", response=list[BillOut], summary="My bills, as the water, power and gas companies list them")
def my_bills(request: HttpRequest) -> list[dict[str, Any]]:
    listed = bills_of(_citizen(request), timezone.now())
    if listed is None:
        raise OutsideUnavailable("bills_unavailable", "فهرست قبوض شما اکنون در دسترس نیست؛ کمی بعد دوباره بپرسید.")
    return [
        {"kind": item["bill"].kind, "kind_name": item["bill"].kind_name, "bill_id": item["bill"].bill_id,
         "payment_id": item["bill"].payment_id, "amount_rials": item["bill"].amount_rials,
         "due_date": item["due_date"], "paid": item["paid"]}
        for item in listed
    ]  # fmt: skip


@bills_router.post(
    "/payments", response={201: PaymentStartedOut}, summary="Pay a bill: 201 with the bank's page to send the person to"
)
def pay_bill(request: HttpRequest, payload: BillIn) -> Status[dict[str, Any]]:
    origin = settings.PUBLIC_ORIGIN.rstrip("/") or request.build_absolute_uri("/").rstrip("/")
    payment = bill_payment_start(
        citizen=_citizen(request), bill_id=payload.bill_id, payment_id=payload.payment_id,
        return_url=lambda payment_id: origin + RETURN_PATH.format(payment_id), now=timezone.now(),
    )  # fmt: skip
    return Status(201, {"payment_id": str(payment.id), "amount_rials": payment.amount_rials,
                        "redirect_url": payment.redirect_url, "status": payment.status})  # fmt: skip


def _citizen(request: HttpRequest) -> Citizen:
    citizen = citizen_of(request.auth)  # type: ignore[attr-defined]
    if citizen is None:
        raise NotAllowed("not_a_citizen", "فقط شهروندان با کد ملی می‌توانند قبض بپردازند.")
    return citizen
