"""A payment is paid only when the bank, asked server to server with the amount fixed at the start, says
so; once, whatever the browser replays or forges; refunds go back through the bank or stay due."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from panjereh.accounts.models import Citizen
from panjereh.agencies.models import Agency
from panjereh.core.errors import InvalidInput, OutsideUnavailable
from panjereh.payments import services
from panjereh.payments.constants import EventKind, PaymentStatus, Purpose
from panjereh.payments.models import Payment
from panjereh.payments.services import (
    payment_return,
    payments_settle_pending,
    refund_owed,
    refund_recorded,
)
from panjereh.payments.tests.conftest import NOW, at_the_bank, run_tasks, start

pytestmark = pytest.mark.usefixtures("bank")


def kinds(payment: Payment) -> list[str]:
    return list(payment.events.values_list("kind", flat=True))


def come_back(payment: Payment, query: dict[str, str]) -> Payment:
    return payment_return(payment_id=str(payment.id), authority=query.get("Authority", ""),
                          status=query.get("Status", ""), now=NOW)  # fmt: skip


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the purpose's handler heard, in order (the bills' own handler is back after the test)."""
    heard: list[str] = []
    monkeypatch.setitem(services._on_settled, Purpose.BILL.value, lambda p: heard.append(f"{p.subject}:{p.status}"))
    return heard


def test_approved_paid_once_whatever_the_browser_replays(payer: Citizen, agency: Agency, settled: list[str]) -> None:
    payment = start(payer, agency)
    assert payment.status == PaymentStatus.PENDING and payment.authority.startswith("A")
    assert payment.redirect_url.startswith(payment.redirect_url.split("/bank/")[0] + "/bank/pg/StartPay/")
    query = at_the_bank(payment, "approve")
    assert query["Status"] == "OK" and query["Authority"] == payment.authority

    paid = come_back(payment, query)
    assert paid.status == PaymentStatus.PAID and paid.reference and paid.card.startswith("603799")
    assert come_back(payment, query).status == PaymentStatus.PAID  # the same return again: nothing twice
    assert settled == ["123456789012:paid"]
    assert kinds(payment) == [EventKind.STARTED, EventKind.RETURNED, EventKind.PAID, EventKind.RETURNED]


def test_the_browser_is_not_believed(payer: Citizen, agency: Agency, settled: list[str]) -> None:
    paid_but_says_no = start(payer, agency)
    query = at_the_bank(paid_but_says_no, "approve")
    assert come_back(paid_but_says_no, {**query, "Status": "NOK"}).status == PaymentStatus.PAID  # the bank says paid

    unpaid_but_says_ok = start(payer, agency, subject="000000000001")
    query = at_the_bank(unpaid_but_says_ok, "decline")
    assert come_back(unpaid_but_says_ok, {**query, "Status": "OK"}).status == PaymentStatus.FAILED


def test_a_return_naming_another_transaction_is_refused_and_recorded(payer: Citizen, agency: Agency) -> None:
    mine, other = start(payer, agency), start(payer, agency, amount=1_000)
    query = at_the_bank(other, "approve")  # a cheap payment of one's own, paid...
    with pytest.raises(InvalidInput) as refused:
        come_back(mine, query)  # ...then its return replayed against the dear one
    assert refused.value.code == "payment_return_invalid"
    mine.refresh_from_db()
    assert mine.status == PaymentStatus.PENDING and kinds(mine) == [EventKind.STARTED, EventKind.REFUSED]
    assert mine.events.last().detail["authority"] == other.authority  # type: ignore[union-attr]


def test_another_amount_at_the_bank_is_not_paid(payer: Citizen, agency: Agency) -> None:
    payment = start(payer, agency)
    query = at_the_bank(payment, "approve")
    Payment.objects.filter(pk=payment.pk).update(amount_rials=5_000_000)  # what the platform asks for is ours
    payment.refresh_from_db()
    assert come_back(payment, query).status == PaymentStatus.FAILED
    assert payment.events.get(kind=EventKind.FAILED).detail["code"] != "100"


def test_a_person_who_walks_away_is_failed_by_the_sweep(payer: Citizen, agency: Agency) -> None:
    walked_away, paid_and_closed_the_tab = start(payer, agency), start(payer, agency, subject="000000000002")
    assert at_the_bank(walked_away, "timeout") == {}
    at_the_bank(paid_and_closed_the_tab, "approve")
    assert payments_settle_pending(NOW + datetime.timedelta(minutes=5)) == 0  # not yet: they may come back
    assert payments_settle_pending(NOW + datetime.timedelta(minutes=21)) == 2
    walked_away.refresh_from_db()
    paid_and_closed_the_tab.refresh_from_db()
    assert walked_away.status == PaymentStatus.FAILED and paid_and_closed_the_tab.status == PaymentStatus.PAID


def test_the_bank_down_at_the_start_and_at_the_return(payer: Citizen, agency: Agency, settings: Any) -> None:
    working = settings.SANDBOX_BANK_URL
    settings.SANDBOX_BANK_URL = "http://127.0.0.1:9/bank/"  # nothing listens there
    with pytest.raises(OutsideUnavailable) as down:
        start(payer, agency)
    assert down.value.code == "bank_unreachable" and "برداشته نشده" in down.value.message
    assert Payment.objects.get().status == PaymentStatus.FAILED

    settings.SANDBOX_BANK_URL = working
    payment = start(payer, agency)
    query = at_the_bank(payment, "approve")
    settings.SANDBOX_BANK_URL = "http://127.0.0.1:9/bank/"
    assert come_back(payment, query).status == PaymentStatus.PENDING  # nothing known: asked again later
    settings.SANDBOX_BANK_URL = working
    payments_settle_pending(NOW + datetime.timedelta(minutes=30))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID


def test_a_refund_goes_back_through_the_bank(payer: Citizen, agency: Agency) -> None:
    payment = start(payer, agency)
    payment = come_back(payment, at_the_bank(payment, "approve"))
    refund_owed(payment, "درخواست رد شد", NOW)
    refund_owed(payment, "درخواست رد شد", NOW)  # owed once
    assert run_tasks() == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED and payment.refund_reference and not payment.refund_due
    assert kinds(payment)[-2:] == [EventKind.REFUND_DUE, EventKind.REFUNDED]


def test_a_gateway_without_refunds_leaves_it_due_for_the_finance_office(
    payer: Citizen, agency: Agency, settings: Any
) -> None:
    payment = start(payer, agency)
    payment = come_back(payment, at_the_bank(payment, "approve"))
    settings.PAYMENT_GATEWAY = "zarinpal"  # a real gateway: refunds are made from its panel
    refund_owed(payment, "پرداخت تکراری", NOW)
    run_tasks()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.refund_due
    with pytest.raises(InvalidInput):
        refund_recorded(payment, reference="  ", by="مسئول مالی", now=NOW)
    refund_recorded(payment, reference="RF-2024-77", by="مسئول مالی", now=NOW)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED and payment.refund_reference == "RF-2024-77"
    assert payment.events.last().detail == {"reference": "RF-2024-77", "by": "مسئول مالی"}  # type: ignore[union-attr]
