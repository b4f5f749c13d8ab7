"""Reads of payments: a person's own only, and what its receipt says; the day's reconciliation for the
finance office."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet, Sum

from panjereh.payments.constants import EventKind, PaymentStatus, Purpose
from panjereh.payments.models import Payment, PaymentEvent
from panjereh.persian import format_datetime, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")


def payment_of(citizen_id: int, payment_id: str) -> Payment | None:
    """The payment, if `citizen_id` made it; otherwise None (the caller says 404, whoever asked)."""
    try:
        key = uuid.UUID(str(payment_id))
    except ValueError:
        return None
    return Payment.objects.select_related("agency").filter(pk=key, citizen_id=citizen_id).first()


def payments_for(purpose: Purpose, subject: str) -> QuerySet[Payment]:
    """The payments for one thing (an application's tracking code, a bill), newest first."""
    return Payment.objects.filter(purpose=purpose, subject=subject).order_by("-created_at")


def paid_payment_for(purpose: Purpose, subject: str) -> Payment | None:
    return payments_for(purpose, subject).filter(status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED)).first()


class ReceiptLine(NamedTuple):
    label: str
    value: str  # as a person reads it: Persian digits, Latin only in the window's own number
    ltr: bool  # read left to right inside Persian text (a masked card, an id): shown in <bdi dir="ltr">


def receipt_lines(payment: Payment) -> list[ReceiptLine]:
    """What a paid payment's receipt says, each label once: the bill's own payment id is «شناسه پرداخت»,
    the platform's id of the payment «شماره پیگیری پنجره» (what support asks for)."""
    lines = [
        ReceiptLine("پرداخت‌کننده", payment.citizen.full_name or "—", ltr=False),
        ReceiptLine("بابت", payment.description, ltr=False),
        ReceiptLine("دستگاه", payment.agency.name, ltr=False),
        *_paid_for(payment),
        ReceiptLine("مبلغ", to_persian_digits(f"{payment.amount_rials:,}").replace(",", "٬") + " ریال", ltr=False),
        ReceiptLine("شماره مرجع بانک", to_persian_digits(payment.reference), ltr=False),
        ReceiptLine("کارت", to_persian_digits(payment.card) if payment.card else "—", ltr=bool(payment.card)),
        ReceiptLine("زمان پرداخت", format_datetime(payment.settled_at) if payment.settled_at else "—", ltr=False),
        ReceiptLine("شماره پیگیری پنجره", str(payment.id), ltr=True),
    ]
    if payment.status == PaymentStatus.REFUNDED and payment.refunded_at:
        lines.append(ReceiptLine("بازگردانده شد", f"{format_datetime(payment.refunded_at)}، شماره مرجع "
                                 f"{to_persian_digits(payment.refund_reference)}", ltr=False))  # fmt: skip
    return lines


def _paid_for(payment: Payment) -> list[ReceiptLine]:
    if payment.purpose == Purpose.BILL:
        bill_id, _, payment_id = payment.subject.partition("-")
        return [ReceiptLine("شناسه قبض", to_persian_digits(bill_id), ltr=False),
                ReceiptLine("شناسه پرداخت", to_persian_digits(payment_id), ltr=False)]  # fmt: skip
    return [ReceiptLine("کد رهگیری درخواست", to_persian_digits(payment.subject), ltr=False)]


@dataclass
class Reconciliation:
    day: datetime.date
    by_agency: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    refunds_due: list[Payment] = field(default_factory=list)
    stuck: list[Payment] = field(default_factory=list)
    refused_returns: int = 0


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """A Tehran day, as the finance office's books keep it."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=TEHRAN)
    return start, start + datetime.timedelta(days=1)


def reconciliation(day: datetime.date, now: datetime.datetime, agency_codes: set[str] | None = None) -> Reconciliation:
    """The day's settled payments per agency (paid, failed, refunded, in rials), with what needs a
    person: refunds still due (whatever their day), payments left pending past their time, and returns
    refused as forged or replayed that day. `agency_codes`: only these agencies' (None: all)."""
    start, end = day_bounds(day)
    payments = Payment.objects.all() if agency_codes is None else Payment.objects.filter(agency__code__in=agency_codes)
    settled = payments.filter(settled_at__gte=start, settled_at__lt=end)
    rows = (
        settled.values("agency__code", "agency__name")
        .annotate(
            paid=Count("pk", filter=Q(status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED))),
            paid_rials=Sum("amount_rials", filter=Q(status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED)),
                           default=0),
            failed=Count("pk", filter=Q(status=PaymentStatus.FAILED)),
        )
        .order_by("agency__name")
    )  # fmt: skip
    agencies: dict[str, dict[str, Any]] = {}
    for paid in rows:
        agencies[paid["agency__code"]] = {**paid, "refunded": 0, "refunded_rials": 0}
    refunded = (
        payments.filter(refunded_at__gte=start, refunded_at__lt=end)
        .values("agency__code", "agency__name")
        .annotate(refunded=Count("pk"), refunded_rials=Sum("amount_rials"))
    )
    for back in refunded:  # a refund is booked on its own day, whenever it was paid
        base = {"paid": 0, "paid_rials": 0, "failed": 0}
        agencies.setdefault(back["agency__code"], {**base, **back}).update(back)
    by_agency = sorted(agencies.values(), key=lambda row: row["agency__name"])
    for row in by_agency:
        row["net_rials"] = int(row["paid_rials"]) - int(row["refunded_rials"])
    totals = {
        key: sum(int(row[key]) for row in by_agency)
        for key in ("paid", "paid_rials", "failed", "refunded", "refunded_rials")
    }
    totals["net_rials"] = totals["paid_rials"] - totals["refunded_rials"]
    stuck_before = now - datetime.timedelta(hours=1)
    return Reconciliation(
        day=day, by_agency=by_agency, totals=totals,
        refunds_due=list(payments.filter(refund_due=True).select_related("agency").order_by("settled_at")),
        stuck=list(payments.filter(status=PaymentStatus.PENDING, created_at__lt=stuck_before)
                   .select_related("agency").order_by("created_at")[:100]),
        refused_returns=PaymentEvent.objects.filter(
            payment__in=payments, kind=EventKind.REFUSED, at__gte=start, at__lt=end
        ).count(),
    )  # fmt: skip
