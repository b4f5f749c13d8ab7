"""Paying a bill by its ids: checked before the bank is asked, the amount the payment id carries, never
paid twice here; the person's own bills listed from the energy agency through the exchange, audited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from django.test import Client

from panjereh.accounts.models import Citizen
from panjereh.exchange.models import AuditRecord
from panjereh.payments.constants import PaymentStatus
from panjereh.payments.models import Payment
from panjereh.payments.tests.conftest import run_tasks
from panjereh.sandbox.agencies.energy import bills as sandbox_bills

PERSON = "0012345679"


@pytest.fixture
def person(live_exchange: str, bank: str, payer: Citizen) -> Client:
    client = Client()
    client.force_login(payer.user)
    return client


def unpaid_bill() -> dict[str, Any]:
    """One of the sandbox person's bills the energy agency says is unpaid."""
    listed = sandbox_bills({"national_code": PERSON})["bills"]
    return next(bill for bill in listed if not bill["paid"])  # type: ignore[index,union-attr]


def pay(client: Client, bill: dict[str, Any]) -> dict[str, Any]:
    started = client.post("/api/v1/bills/payments", {"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]},
                          content_type="application/json")  # fmt: skip
    assert started.status_code == 201, started.content
    answer = httpx.post(started.json()["redirect_url"], data={"action": "approve"}, timeout=10)
    back = urlsplit(answer.headers["location"])
    client.get(f"{back.path}?{back.query}")
    return dict(started.json())


def test_my_bills_from_the_energy_agency_then_one_paid(person: Client) -> None:
    listed = person.get("/api/v1/bills").json()
    assert listed and {bill["kind_name"] for bill in listed} <= {"آب", "برق", "گاز"}
    assert AuditRecord.objects.filter(subject=PERSON, provider="tavanir", purpose="bill-payment").count() == 1
    bill = unpaid_bill()
    started = pay(person, bill)
    assert started["amount_rials"] == bill["amount_rials"]  # the amount the payment id carries
    payment = Payment.objects.get(pk=started["payment_id"])
    assert payment.status == PaymentStatus.PAID and payment.agency.code == "tavanir"
    mine = {item["bill_id"]: item for item in person.get("/api/v1/bills").json()}
    assert mine[bill["bill_id"]]["paid"] is True  # paid here, even before the agency hears of it
    again = person.post("/api/v1/bills/payments", {"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]},
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 409 and again.json()["error"]["code"] == "bill_paid"

    receipt = person.get(f"/me/payments/{payment.pk}/receipt/").content.decode()
    assert "شناسه پرداخت" in receipt and "قبض " in receipt


def test_a_bill_paid_in_two_tabs_is_paid_once(person: Client) -> None:
    bill = unpaid_bill()
    body = {"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]}
    first = person.post("/api/v1/bills/payments", body, content_type="application/json").json()
    second = person.post("/api/v1/bills/payments", body, content_type="application/json").json()
    for started in (first, second):
        answer = httpx.post(started["redirect_url"], data={"action": "approve"}, timeout=10)
        back = urlsplit(answer.headers["location"])
        person.get(f"{back.path}?{back.query}")
    run_tasks()
    statuses = {str(pk): status for pk, status in Payment.objects.values_list("pk", "status")}
    assert statuses == {first["payment_id"]: "paid", second["payment_id"]: "refunded"}


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"bill_id": "7748317800143", "payment_id": "1770160"}, "bill_id", "شناسه قبض درست نیست"),
        ({"bill_id": "7748317800142", "payment_id": "1770160"}, "bill_id", "قبض تلفن ثابت هنوز"),  # not taken here
        ({"bill_id": "9985235404124", "payment_id": "880000569"}, "payment_id", "از آنِ این شناسه قبض نیست"),
    ],
)
def test_a_wrong_bill_is_refused_before_the_bank_is_asked(
    person: Client, body: dict[str, str], field: str, says: str
) -> None:
    answer = person.post("/api/v1/bills/payments", body, content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == field and says in answer.json()["error"]["message"]
    assert not Payment.objects.exists()


def test_the_bills_page(person: Client, sandbox_url: str) -> None:
    page = person.get("/me/bills/")
    text = page.content.decode()
    bill = unpaid_bill()
    assert "قبوض به نام من" in text and f'value="{bill["bill_id"]}"' in text
    assert sandbox_url in page["Content-Security-Policy"].split("form-action")[1].split(";")[0]
    refused = person.post("/me/bills/pay/", {"bill_id": "۷۷۴۸۳۱۷۸۰۰۱۴۳", "payment_id": "1770160"})
    assert refused.status_code == 400 and "شناسه قبض درست نیست" in refused.content.decode()
    assert 'class="alert alert-danger error-summary" role="alert"' in refused.content.decode()
    sent = person.post("/me/bills/pay/", {"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]})
    assert sent.status_code == 303 and "/bank/pg/StartPay/" in sent["Location"]
    back = urlsplit(httpx.post(sent["Location"], data={"action": "approve"}, timeout=10).headers["location"])
    landed = person.get(f"{back.path}?{back.query}")
    assert landed.status_code == 303 and landed["Location"].startswith("/me/bills/?payment=")
    assert "قبض پرداخت شد" in person.get(landed["Location"]).content.decode()


def test_when_the_energy_agency_cannot_be_asked(person: Client, sandbox_url: str) -> None:
    httpx.put(f"{sandbox_url}/_faults/energy", json={"down": True}, timeout=5).raise_for_status()
    try:
        assert person.get("/api/v1/bills").json()["error"]["code"] == "bills_unavailable"
        assert "در دسترس نیست" in person.get("/me/bills/").content.decode()  # paying by ids still works
    finally:
        httpx.delete(f"{sandbox_url}/_faults", timeout=5)
