"""Paying a bill (پرداخت قبض) by its bill id and payment id, as its own journey: the ids are checked
(panjereh.persian.parse_bill: the amount is in the payment id), a bill already paid (here, or at the
issuing agency by its own word) is not paid again, and the person's own bills are listed from the
issuing agency through the exchange (each inquiry in their "who accessed my data" log), those past their
due date marked. A second payment of one bill made here is owed back."""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.agencies.models import Agency
from panjereh.core import ratelimit
from panjereh.core.errors import Conflict, InvalidInput, NotFound, TooMany
from panjereh.exchange.client import ExchangeUnreachable, inquire
from panjereh.payments.constants import BillerSays, PaymentStatus, Purpose
from panjereh.payments.models import Payment
from panjereh.payments.services import payment_start, refund_owed
from panjereh.persian import Bill, InvalidBill, parse_bill, parse_date

logger = logging.getLogger(__name__)
# Each start asks the issuing agency through the exchange and opens a session at the bank: a person pays
# a few bills an hour, a script would ask for every bill it could name.
BILL_PAYMENTS_PER_PERSON = "30/h"
# Who is paid for each kind of bill the platform takes: the sample world's energy agency answers for
# water, power and gas (its system in the sandbox issues all three).
BILL_AGENCY = {"1": "tavanir", "2": "tavanir", "3": "tavanir"}
BILLS_PROVIDER, BILLS_SERVICE, BILLS_PURPOSE = "tavanir", "bills", "bill-payment"


def subject_of(bill: Bill) -> str:
    return f"{bill.bill_id}-{bill.payment_id}"


def bill_checked(bill_id: str, payment_id: str) -> Bill:
    """The bill, or 422 naming the field at fault (a bill of a kind not taken here too)."""
    try:
        bill = parse_bill(bill_id, payment_id)
    except InvalidBill as error:
        raise InvalidInput("invalid_bill", str(error), error.field) from None
    if bill.kind not in BILL_AGENCY:
        raise InvalidInput("bill_kind_not_taken", f"پرداخت قبض {bill.kind_name} هنوز در پنجره ملی ممکن نیست.",
                           "bill_id")  # fmt: skip
    return bill


def bill_payment_start(
    *, citizen: Citizen, bill_id: str, payment_id: str, return_url: Callable[[uuid.UUID], str],
    now: datetime.datetime,
) -> Payment:  # fmt: skip
    """A payment of a bill, started with the bank (anyone may pay any bill, as at a bank's counter).
    Refused, before the bank is asked, when it was paid here (409 `bill_paid`) or when the issuing agency
    lists it among the payer's bills as paid (409 `bill_paid_at_biller`). An agency that cannot answer
    does not stop the payment (docs/payments.md, "Bills")."""
    bill = bill_checked(bill_id, payment_id)
    if not ratelimit.allow("bill-payments", str(citizen.pk), BILL_PAYMENTS_PER_PERSON):
        raise TooMany("too_many_requests", "در یک ساعت گذشته پرداخت‌های بسیاری آغاز کرده‌اید؛ کمی بعد دوباره تلاش کنید.")
    if _paid(subject_of(bill)):
        raise Conflict("bill_paid", "این قبض پیش‌تر در پنجره ملی پرداخت شده است.")
    agency = Agency.objects.filter(code=BILL_AGENCY[bill.kind]).first()
    if agency is None:
        raise NotFound("bill_agency_missing", "دستگاه صادرکننده این قبض در پنجره ملی نیست.")
    biller_says = _biller_says(citizen, bill)
    if biller_says == BillerSays.PAID:
        raise Conflict("bill_paid_at_biller", f"شرکت {bill.kind_name} می‌گوید این قبض پیش‌تر پرداخت شده است؛ "
                       "دوباره پرداخت نمی‌شود و پولی از شما برداشته نشد.")  # fmt: skip
    return payment_start(
        citizen=citizen, agency=agency, purpose=Purpose.BILL, subject=subject_of(bill),
        description=f"قبض {bill.kind_name}", amount_rials=bill.amount_rials, return_url=return_url, now=now,
        note={"biller": biller_says.value},
    )  # fmt: skip


def bill_settled(payment: Payment) -> None:
    """Inside the settling transaction: a bill paid twice is owed back once (payments.services locks
    every payment of the bill first)."""
    if payment.status != PaymentStatus.PAID:
        return
    earlier = Payment.objects.filter(
        purpose=Purpose.BILL, subject=payment.subject, status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED)
    ).exclude(pk=payment.pk)
    if earlier.exists():  # settled before this one: payments of one bill settle one at a time
        refund_owed(payment, "پرداخت تکراری: این قبض پیش‌تر پرداخت شده بود.", timezone.now())


def bills_of(citizen: Citizen, now: datetime.datetime) -> list[dict[str, Any]] | None:
    """The person's bills as the issuing agency lists them (None if it cannot be asked now), each with
    whether it was paid, there or here, and whether it is unpaid past its due date (the due day itself is
    still in time, in Tehran); ids that do not check out are left out."""
    found = _biller_bills(citizen)
    if found is None:
        return None
    today = timezone.localdate(now)
    listed = []
    for bill, item in found:
        paid = bool(item.get("paid")) or _paid(subject_of(bill))
        due = _due(item)
        listed.append({"bill": bill, "due_date": str(item.get("due_date", "")), "paid": paid,
                       "overdue": not paid and due is not None and due < today})  # fmt: skip
    return listed


def _biller_bills(citizen: Citizen) -> list[tuple[Bill, dict[str, Any]]] | None:
    """The bills the issuing agency lists in the person's name, with what it says of each, or None
    when it cannot be asked now (down, slow past the data service's time budget, or talking nonsense)."""
    try:
        answer = inquire(BILLS_PROVIDER, BILLS_SERVICE, {"national_code": citizen.national_code},
                         purpose=BILLS_PURPOSE, subject=citizen.national_code)  # fmt: skip
    except ExchangeUnreachable as error:
        logger.warning("bills of a person: the exchange could not be asked: %s", error)
        return None
    if answer.status != 200 or not isinstance(answer.data.get("bills"), list):
        logger.warning("bills of a person: the issuing agency answered %s", answer.status)
        return None
    found = []
    for item in answer.data["bills"]:
        if not isinstance(item, dict):
            continue
        try:
            found.append((parse_bill(str(item.get("bill_id", "")), str(item.get("payment_id", ""))), item))
        except InvalidBill:
            continue
    return found


def _biller_says(citizen: Citizen, bill: Bill) -> BillerSays:
    """What the issuing agency says of this bill, asked for the payer's own bills (its only inquiry)."""
    listed = _biller_bills(citizen)
    if listed is None:
        logger.warning("payment of a bill: the issuing agency could not be asked; paid without its word")
        return BillerSays.UNANSWERED
    for known, item in listed:
        if subject_of(known) == subject_of(bill):
            return BillerSays.PAID if bool(item.get("paid")) else BillerSays.UNPAID
    return BillerSays.NOT_LISTED


def _due(item: dict[str, Any]) -> datetime.date | None:
    try:
        return parse_date(str(item.get("due_date", "")))
    except ValueError:
        return None


def _paid(subject: str) -> bool:
    return Payment.objects.filter(purpose=Purpose.BILL, subject=subject,
                                  status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED)).exists()  # fmt: skip
