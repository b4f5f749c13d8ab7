"""Paying: a payment is started with the bank, the person comes back, and the bank, asked server to
server with the amount fixed at the start, says whether it was paid. The browser's word is never taken:
a return is checked against the payment it names, and a forged or replayed one is refused and recorded.
Each payment is settled once, under a lock; what the payment was for learns of it in the same
transaction (`on_settled`), so a crash cannot leave money taken and the service not continued.
Refunds go through the gateway when it can, else they stay due until the finance office records them.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from panjereh.accounts.models import Citizen
from panjereh.agencies.models import Agency
from panjereh.core.errors import InvalidInput, NotFound, OutsideUnavailable
from panjereh.core.request_id import bound, current_request_id
from panjereh.payments.constants import PENDING_MINUTES, EventKind, PaymentStatus, Purpose
from panjereh.payments.gateways import GatewayUnreachable, Verdict, payment_gateway
from panjereh.payments.models import Payment, PaymentEvent

logger = logging.getLogger(__name__)
BANK_UNREACHABLE = "درگاه بانک پاسخ نداد؛ پولی از حساب شما برداشته نشده است. چند دقیقه دیگر دوباره تلاش کنید."

# What each purpose does when one of its payments is settled (paid or failed), inside the settling
# transaction: registered by the app that owns the purpose (applications registers its fees).
_on_settled: dict[str, Callable[[Payment], None]] = {}


def on_settled(purpose: Purpose, handler: Callable[[Payment], None]) -> None:
    _on_settled[str(purpose)] = handler


def payment_start(
    *, citizen: Citizen, agency: Agency, purpose: Purpose, subject: str, description: str, amount_rials: int,
    return_url: Callable[[uuid.UUID], str], now: datetime.datetime, note: dict[str, str] | None = None,
) -> Payment:  # fmt: skip
    """A new payment, started with the bank: its redirect_url is where the person pays. The bank is
    asked outside any transaction; if it does not answer the payment is failed and 502 raised.
    `note`: what the purpose knew when it started, kept on the `started` event."""
    if amount_rials <= 0:
        raise InvalidInput("nothing_to_pay", "مبلغی برای پرداخت نیست.", "amount_rials")
    gateway = payment_gateway()
    payment = Payment.objects.create(
        citizen=citizen, agency=agency, purpose=purpose, subject=subject, description=description[:200],
        amount_rials=amount_rials, gateway=gateway.name, created_at=now,
    )  # fmt: skip
    try:
        started = gateway.start(payment_id=str(payment.id), amount_rials=amount_rials,
                                callback_url=return_url(payment.id), description=description,
                                mobile=citizen.mobile)  # fmt: skip
    except GatewayUnreachable as error:
        logger.warning("payment %s: the gateway did not start it: %s", payment.id, error)
        _settle(payment, Verdict(paid=False, code="unreachable"), now)
        raise OutsideUnavailable("bank_unreachable", BANK_UNREACHABLE) from None
    payment.authority, payment.redirect_url = started.authority, started.redirect_url
    payment.save(update_fields=["authority", "redirect_url"])
    _event(payment, EventKind.STARTED, {**(note or {}), "authority": started.authority}, now)
    return payment


def payment_return(*, payment_id: str, authority: str, status: str, now: datetime.datetime) -> Payment:
    """The person is back from the bank with the transaction's id (and the bank's word, which is only
    logged): the bank is asked, and the payment settled once. A return naming another transaction is
    refused and recorded; one for a payment already settled changes nothing."""
    payment = _payment(payment_id)
    given = {"authority": authority[:100], "status": status[:10]}
    if not authority or authority != payment.authority:
        _event(payment, EventKind.REFUSED, {**given, "reason": "another_transaction"}, now)
        raise InvalidInput("payment_return_invalid", "این بازگشت از بانک با این پرداخت جور نیست و پذیرفته نشد.")
    _event(payment, EventKind.RETURNED, given, now)
    if payment.status != PaymentStatus.PENDING:
        return payment
    return _verify_and_settle(payment, now)


def payments_settle_pending(now: datetime.datetime) -> int:
    """The worker's sweep: payments nobody came back from in PENDING_MINUTES are asked of the bank,
    paid or failed as it says (a person who paid and closed the tab still gets the service)."""
    cutoff = now - datetime.timedelta(minutes=PENDING_MINUTES)
    settled = 0
    for payment in Payment.objects.filter(status=PaymentStatus.PENDING, created_at__lt=cutoff).order_by("created_at")[
        :200
    ]:
        if not payment.authority:
            _settle(payment, Verdict(paid=False, code="never_started"), now)
        else:
            _verify_and_settle(payment, now)
        settled += 1
    return settled


def refund_owed(payment: Payment, reason: str, now: datetime.datetime) -> None:
    """The money of a paid payment is owed back (the application was rejected, or paid twice): marked
    due here, inside the caller's transaction, and returned by the worker's task."""
    if payment.status != PaymentStatus.PAID or payment.refund_due:
        return
    payment.refund_due, payment.refund_reason = True, reason[:200]
    payment.save(update_fields=["refund_due", "refund_reason"])
    _event(payment, EventKind.REFUND_DUE, {"reason": reason[:200]}, now)
    refund_payment.enqueue(str(payment.id), request_id=current_request_id())


@task()
def refund_payment(payment_id: str, request_id: str = "") -> None:
    """Returns a due refund through the gateway; one the gateway cannot make stays due (by hand).
    Runs under the id of the request that queued it."""
    with bound(request_id):
        _refund(payment_id)


def _refund(payment_id: str) -> None:
    payment = Payment.objects.filter(pk=payment_id, refund_due=True, status=PaymentStatus.PAID).first()
    if payment is None:
        return
    reference = payment_gateway().refund(authority=payment.authority)
    if reference is not None:
        refund_recorded(payment, reference=reference, by="", now=timezone.now())


def refund_recorded(payment: Payment, *, reference: str, by: str, now: datetime.datetime) -> Payment:
    """A refund made: by the gateway, or by the finance office from the bank's panel (`by` names them)."""
    reference = reference.strip()
    if not reference:
        raise InvalidInput("refund_reference", "شماره مرجع بازپرداخت را بنویسید.", "reference")
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if not locked.refund_due or locked.status != PaymentStatus.PAID:
            return locked
        locked.status, locked.refund_due = PaymentStatus.REFUNDED, False
        locked.refund_reference, locked.refunded_at = reference[:40], now
        locked.save(update_fields=["status", "refund_due", "refund_reference", "refunded_at"])
        _event(locked, EventKind.REFUNDED, {"reference": reference[:40], "by": by[:150]}, now)
    return locked


def _verify_and_settle(payment: Payment, now: datetime.datetime) -> Payment:
    try:
        verdict = payment_gateway().verify(authority=payment.authority, amount_rials=payment.amount_rials,
                                           payment_id=str(payment.id))  # fmt: skip
    except GatewayUnreachable as error:  # still pending: asked again by the sweep
        logger.warning("payment %s: the gateway did not verify it: %s", payment.id, error)
        return payment
    return _settle(payment, verdict, now)


def _settle(payment: Payment, verdict: Verdict, now: datetime.datetime) -> Payment:
    with transaction.atomic():
        # Every payment for the same thing is locked, in one order: two payments of one bill settle one
        # after the other, so the second sees the first paid (and no two settlements wait on each other).
        same = Payment.objects.select_for_update().filter(purpose=payment.purpose, subject=payment.subject)
        locked = next(p for p in same.order_by("pk") if p.pk == payment.pk)
        if locked.status != PaymentStatus.PENDING:  # settled by a concurrent return: nothing twice
            return locked
        locked.status = PaymentStatus.PAID if verdict.paid else PaymentStatus.FAILED
        locked.reference, locked.card, locked.settled_at = verdict.reference[:40], verdict.card[:20], now
        locked.save(update_fields=["status", "reference", "card", "settled_at"])
        detail: dict[str, Any] = {"code": verdict.code}
        if verdict.paid:
            detail["reference"] = verdict.reference
        _event(locked, EventKind.PAID if verdict.paid else EventKind.FAILED, detail, now)
        handler = _on_settled.get(locked.purpose)
        if handler is not None:
            handler(locked)
    return locked


def _payment(payment_id: str) -> Payment:
    try:
        found = Payment.objects.select_related("citizen").filter(pk=uuid.UUID(str(payment_id))).first()
    except ValueError:
        found = None
    if found is None:
        raise NotFound("payment_not_found", "پرداختی با این شناسه نیست.")
    return found


def _event(payment: Payment, kind: EventKind, detail: dict[str, Any], now: datetime.datetime) -> None:
    PaymentEvent.objects.create(payment=payment, kind=kind, detail=detail, at=now)
