"""The back office: an agency's staff see its payments only; the day's reconciliation adds up per agency
with what needs a person; a refund the gateway cannot make is recorded by the agency's admin, not by an
officer or the council."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.accounts.tests.staff_world import logged_in
from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_upsert
from panjereh.core.errors import InvalidInput
from panjereh.payments.constants import PaymentStatus
from panjereh.payments.models import Payment
from panjereh.payments.selectors import reconciliation
from panjereh.payments.services import payment_return, refund_owed
from panjereh.payments.tests.conftest import NOW, at_the_bank, start

pytestmark = pytest.mark.usefixtures("bank")


def paid(payer: Citizen, agency: Agency, amount: int, subject: str) -> Payment:
    payment = start(payer, agency, amount=amount, subject=subject)
    query = at_the_bank(payment, "approve")
    return payment_return(payment_id=str(payment.id), authority=query["Authority"], status="OK", now=NOW)


def test_the_days_reconciliation(payer: Citizen, agency: Agency) -> None:
    other = agency_upsert(code="faraja", name="فراجا")
    paid(payer, agency, 500_000, "000000000011")
    paid(payer, agency, 300_000, "000000000012")
    paid(payer, other, 2_000_000, "000000000013")
    refund_owed(paid(payer, agency, 100_000, "000000000014"), "پرداخت تکراری", NOW)
    failed = start(payer, agency, subject="000000000015")
    query = at_the_bank(failed, "decline")
    payment_return(payment_id=str(failed.id), authority=query["Authority"], status="NOK", now=NOW)
    with pytest.raises(InvalidInput):
        payment_return(payment_id=str(failed.id), authority="A" + "1" * 35, status="OK", now=NOW)
    day = timezone.localdate(NOW)

    report = reconciliation(day, NOW)
    rows = {row["agency__code"]: row for row in report.by_agency}
    assert (rows["judiciary"]["paid"], rows["judiciary"]["paid_rials"], rows["judiciary"]["failed"]) == (3, 900_000, 1)
    assert rows["faraja"]["paid_rials"] == 2_000_000 and report.totals["paid_rials"] == 2_900_000
    assert [p.subject for p in report.refunds_due] == ["000000000014"] and report.refused_returns == 1
    assert reconciliation(day - datetime.timedelta(days=1), NOW).totals["paid"] == 0
    only_faraja = reconciliation(day, NOW, agency_codes={"faraja"})
    assert [row["agency__code"] for row in only_faraja.by_agency] == ["faraja"] and only_faraja.refunds_due == []


def test_staff_see_their_agencys_payments_and_the_admin_records_a_refund(
    payer: Citizen, agency: Agency, settings: Any
) -> None:
    other = agency_upsert(code="faraja", name="فراجا")
    mine = paid(payer, agency, 500_000, "000000000021")
    paid(payer, other, 700_000, "000000000022")
    settings.PAYMENT_GATEWAY = "zarinpal"  # a gateway that cannot refund by itself: the refund stays due
    refund_owed(mine, "درخواست رد شد", NOW)

    officer = logged_in("judiciary-officer", "officer", "judiciary")
    listing = officer.get("/admin/payments/payment/").content.decode()
    assert "۵۰۰٬۰۰۰" in listing and "۷۰۰٬۰۰۰" not in listing
    report = officer.get(f"/admin/payments/payment/reconciliation/?day={timezone.localdate(NOW)}").content.decode()
    assert "قوه قضاییه" in report and "فراجا" not in report and "درخواست رد شد" in report
    assert officer.post(f"/admin/payments/payment/{mine.pk}/refund/", {"reference": "X-1"}).status_code == 403

    council = logged_in("council", "supervisor", None)
    day = timezone.localdate(NOW)
    assert "فراجا" in council.get(f"/admin/payments/payment/reconciliation/?day={day}").content.decode()
    assert council.post(f"/admin/payments/payment/{mine.pk}/refund/", {"reference": "X-1"}).status_code == 403

    admin = logged_in("judiciary-admin", "agency_admin", "judiciary")
    refused = admin.post(f"/admin/payments/payment/{mine.pk}/refund/", {"reference": ""})
    assert refused.status_code == 200 and Payment.objects.get(pk=mine.pk).refund_due
    done = admin.post(f"/admin/payments/payment/{mine.pk}/refund/", {"reference": "RF-77"})
    assert done.status_code == 302
    mine.refresh_from_db()
    assert mine.status == PaymentStatus.REFUNDED and mine.refund_reference == "RF-77"
    assert admin.get(f"/admin/payments/payment/{mine.pk}/refund/").status_code == 404  # nothing due any more
    faraja_admin = logged_in("faraja-admin", "agency_admin", "faraja")
    assert faraja_admin.get(f"/admin/payments/payment/{mine.pk}/change/").status_code in (302, 404)
