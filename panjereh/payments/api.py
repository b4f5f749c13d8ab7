"""/api/v1/payments/{payment_id}: one of the person's own payments (404 for anyone else's)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from panjereh.accounts.api import SESSION_OR_TOKEN
from panjereh.accounts.selectors import citizen_of
from panjereh.core.errors import NotFound
from panjereh.payments.selectors import payment_of

router = Router(tags=["payments"], auth=SESSION_OR_TOKEN)


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
