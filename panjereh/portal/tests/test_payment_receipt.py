"""A payment's receipt page: what a person reads is in Persian digits (the masked card too, kept left to
right), each label says one thing, and the account's navigation shows where the payment belongs."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from conftest import LatinDigitText
from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.services import agency_upsert
from panjereh.payments.constants import PaymentStatus, Purpose
from panjereh.payments.models import Payment

pytestmark = pytest.mark.django_db
PAID_AT = datetime.datetime(2025, 3, 31, 9, 0, tzinfo=datetime.UTC)


class MainText(LatinDigitText):
    def reads(self) -> bool:
        return any(tag == "main" for tag, _, _ in self.open)


@pytest.fixture
def payer(db: None) -> Citizen:
    return citizen_get_or_create(national_code="0012345679")


@pytest.fixture
def person(payer: Citizen) -> Client:
    client = Client()
    client.force_login(payer.user)
    return client


def paid(payer: Citizen, purpose: Purpose, subject: str) -> Payment:
    return Payment.objects.create(
        citizen=payer, agency=agency_upsert(code="tavanir", name="شرکت توانیر"), purpose=purpose, subject=subject,
        description="قبض برق" if purpose == Purpose.BILL else "هزینه گواهی", amount_rials=2_513_000,
        gateway="sandbox", authority=f"A{Payment.objects.count():035d}", status=PaymentStatus.PAID, reference="40217",
        card="603799******0001", created_at=PAID_AT, settled_at=PAID_AT,
    )  # fmt: skip


def active_tab(page: str) -> str:
    found = re.search(r'<a class="nav-link active" aria-current="page" href="[^"]*">([^<]+)</a>', page)
    assert found is not None
    return found[1]


def test_a_bill_receipt_reads_in_persian_digits_with_the_card_left_to_right(payer: Citizen, person: Client) -> None:
    payment = paid(payer, Purpose.BILL, "8135520268520-251340286")
    page = person.get(f"/me/payments/{payment.pk}/receipt/").content.decode()
    assert '<bdi dir="ltr">۶۰۳۷۹۹******۰۰۰۱</bdi>' in page  # a masked card, as a person reads it
    assert "603799" not in page
    assert MainText(page).latin() == []


def test_a_bill_receipt_names_the_bills_payment_id_once_and_the_windows_number_apart(
    payer: Citizen, person: Client
) -> None:
    payment = paid(payer, Purpose.BILL, "8135520268520-251340286")
    page = person.get(f"/me/payments/{payment.pk}/receipt/").content.decode()
    labels = re.findall(r'<dt class="col-sm-4">([^<]+)</dt>', page)
    assert labels.count("شناسه پرداخت") == 1 and len(labels) == len(set(labels))
    assert '<dd class="col-sm-8">۲۵۱۳۴۰۲۸۶</dd>' in page  # the bill's own payment id
    assert "شماره پیگیری پنجره" in labels and f'<bdi dir="ltr">{payment.pk}</bdi>' in page


def test_a_bill_receipt_is_under_bills_and_a_fees_under_applications(payer: Citizen, person: Client) -> None:
    bill = paid(payer, Purpose.BILL, "8135520268520-251340286")
    assert active_tab(person.get(f"/me/payments/{bill.pk}/receipt/").content.decode()) == "پرداخت قبض"
    fee = paid(payer, Purpose.APPLICATION, "140300000001")
    assert active_tab(person.get(f"/me/payments/{fee.pk}/receipt/").content.decode()) == "درخواست‌های من"


def test_the_receipt_pdf_says_what_the_page_says_in_one_font(payer: Citizen, person: Client) -> None:
    """The PDF is drawn from the same lines as the page: the card in Persian digits, left to right, in
    Vazirmatn (the Latin-only Helvetica could not draw them)."""
    from panjereh.portal.tests.test_document_pages import drawn_text

    payment = paid(payer, Purpose.BILL, "8135520268520-251340286")
    response = person.get(f"/me/payments/{payment.pk}/receipt.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert b"/Helvetica" not in response.content and b"Vazirmatn" in response.content
    assert b"603799" not in drawn_text(response.content)
