"""A service's fee: an application with a fee waits in `awaiting_payment`; its owner starts a payment
(panjereh.payments), and when the bank confirms it the application is submitted for processing in the
same transaction. A second payment that lands after the first is owed back; so is the fee of an
application that is rejected (timeline.transition sees to that)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.applications.constants import Actor, Status
from panjereh.applications.models import Application
from panjereh.applications.services.processing import process_application
from panjereh.applications.services.timeline import locked, transition
from panjereh.applications.tracking import clean_tracking_code
from panjereh.core.errors import Conflict, NotFound
from panjereh.core.request_id import current_request_id
from panjereh.core.working_days import working_deadline
from panjereh.infra import rows
from panjereh.payments.constants import PaymentStatus, Purpose
from panjereh.payments.models import Payment
from panjereh.payments.services import payment_start, refund_owed
from panjereh.persian import to_persian_digits

SYSTEM = "پنجره ملی"


def application_payment_start(
    *, citizen: Citizen, tracking_code: str, return_url: Callable[[uuid.UUID], str], now: datetime.datetime
) -> Payment:
    """A payment of the application's fee, started with the bank (404 for anyone but its owner; 409
    when nothing is due)."""
    application = (
        Application.objects.select_related("definition", "agency")
        .filter(tracking_code=clean_tracking_code(tracking_code), citizen=citizen)
        .first()
    )
    if application is None:
        raise NotFound("application_not_found", "درخواستی با این کد رهگیری پیدا نشد.")
    if application.status != Status.AWAITING_PAYMENT:
        raise Conflict("payment_not_due", "این درخواست پرداختی لازم ندارد یا هزینه‌اش پرداخت شده است.")
    return payment_start(
        citizen=citizen, agency=application.agency, purpose=Purpose.APPLICATION,
        subject=application.tracking_code, description=f"هزینه {application.definition.title}",
        amount_rials=application.definition.fee_rials, return_url=return_url, now=now,
    )  # fmt: skip


def fee_settled(payment: Payment) -> None:
    """Called by payments inside the transaction that settles one of an application's payments."""
    if payment.status != PaymentStatus.PAID:
        return
    now = timezone.now()
    application_id = Application.objects.filter(tracking_code=payment.subject).values_list("pk", flat=True).first()
    application = locked(str(application_id)) if application_id else None
    if application is None or application.status != Status.AWAITING_PAYMENT:  # paid already, or gone
        refund_owed(payment, "پرداخت تکراری: هزینه این درخواست پیش‌تر پرداخت شده بود.", now)
        return
    application.promised_from = now  # the clock starts once paid
    application.promised_by = working_deadline(now, application.definition.promised_time)
    rows.update(application, ["promised_from", "promised_by"])
    reference = to_persian_digits(payment.reference)
    transition(application, Status.SUBMITTED, f"هزینه خدمت پرداخت شد (شماره مرجع بانک {reference}).",
               Actor.SYSTEM, SYSTEM, at=now)  # fmt: skip
    process_application.enqueue(str(application.pk), request_id=current_request_id())
