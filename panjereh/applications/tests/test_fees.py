"""A service with a fee: the application waits for its payment, the bank's word submits it, the document
is issued; a rejected application's fee and a second payment go back; nobody pays another's fee."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.test import Client

from panjereh.applications.models import ServiceDefinition
from panjereh.payments.constants import PaymentStatus
from panjereh.payments.models import Payment

from .conftest import CLEAN, WITH_RECORD, apply, citizen, client_for, run_tasks

FEE = 500_000


@pytest.fixture
def fee_world(world: str) -> None:
    ServiceDefinition.objects.filter(code="criminal-record-certificate").update(fee_rials=FEE)


def pay(client: Client, code: str) -> dict[str, Any]:
    started = client.post(f"/api/v1/applications/{code}/payments")
    assert started.status_code == 201, started.content
    return dict(started.json())


def at_the_bank(redirect_url: str, action: str) -> str:
    """The person's choice on the bank's page; the path and query the bank sends them back to."""
    answer = httpx.post(redirect_url, data={"action": action}, follow_redirects=False, timeout=10)
    assert answer.status_code == 303
    back = urlsplit(answer.headers["location"])
    return f"{back.path}?{back.query}"


@pytest.mark.usefixtures("fee_world")
def test_paid_then_processed_then_issued_with_a_receipt() -> None:
    client = client_for(citizen(CLEAN))
    submitted = apply(client, "criminal-record-certificate")
    assert submitted.json()["status"] == "awaiting_payment"
    code = submitted.json()["tracking_code"]
    assert run_tasks() == 0  # nothing is done before it is paid
    fee = client.get(f"/api/v1/applications/{code}").json()["fee"]
    assert fee == {"amount_rials": FEE, "paid": False, "payments": []}

    started = pay(client, code)
    assert started["amount_rials"] == FEE and started["status"] == "pending"
    back = at_the_bank(started["redirect_url"], "approve")
    assert back.startswith(f"/payments/{started['payment_id']}/return?")
    landed = client.get(back)
    assert (
        landed.status_code == 303 and landed["Location"] == f"/me/applications/{code}/?payment={started['payment_id']}"
    )
    page = client.get(landed["Location"]).content.decode()
    assert "پرداخت انجام شد" in page and "رسید پرداخت" in page

    assert client.get(f"/api/v1/applications/{code}").json()["status"] == "submitted"
    run_tasks()
    detail = client.get(f"/api/v1/applications/{code}").json()
    assert detail["status"] == "issued" and detail["fee"]["paid"] is True
    assert [e["status"] for e in detail["timeline"]] == ["awaiting_payment", "submitted", "in_progress", "issued"]
    payment = client.get(f"/api/v1/payments/{started['payment_id']}").json()
    assert payment["status"] == "paid" and payment["reference"] and payment["subject"] == code
    assert "شماره مرجع بانک " in detail["timeline"][1]["message"]

    receipt = client.get(f"/me/payments/{started['payment_id']}/receipt/").content.decode()
    assert "۵۰۰٬۰۰۰ ریال" in receipt and "هزینه گواهی عدم سوء پیشینه" in receipt
    pdf = client.get(f"/me/payments/{started['payment_id']}/receipt.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.usefixtures("fee_world")
def test_a_rejected_applications_fee_goes_back_through_the_bank() -> None:
    client = client_for(citizen(WITH_RECORD, "09120004590"))
    code = apply(client, "criminal-record-certificate").json()["tracking_code"]
    started = pay(client, code)
    client.get(at_the_bank(started["redirect_url"], "approve"))
    run_tasks()  # processed: the judiciary reports a record, rejected; the refund task runs too
    run_tasks()
    assert client.get(f"/api/v1/applications/{code}").json()["status"] == "rejected"
    payment = Payment.objects.get(pk=started["payment_id"])
    assert payment.status == PaymentStatus.REFUNDED and payment.refund_reference


@pytest.mark.usefixtures("fee_world")
def test_paid_twice_the_second_goes_back() -> None:
    client = client_for(citizen(CLEAN))
    code = apply(client, "criminal-record-certificate").json()["tracking_code"]
    first, second = pay(client, code), pay(client, code)  # two tabs
    client.get(at_the_bank(first["redirect_url"], "approve"))
    client.get(at_the_bank(second["redirect_url"], "approve"))
    run_tasks()
    statuses = dict(Payment.objects.values_list("pk", "status"))
    assert {str(k): v for k, v in statuses.items()} == {first["payment_id"]: "paid", second["payment_id"]: "refunded"}
    assert client.post(f"/api/v1/applications/{code}/payments").json()["error"]["code"] == "payment_not_due"


@pytest.mark.usefixtures("fee_world")
def test_nobody_pays_or_reads_anothers_payment() -> None:
    owner, stranger = client_for(citizen(CLEAN)), client_for(citizen(WITH_RECORD, "09120004590"))
    code = apply(owner, "criminal-record-certificate").json()["tracking_code"]
    assert stranger.post(f"/api/v1/applications/{code}/payments").status_code == 404
    started = pay(owner, code)
    assert stranger.get(f"/api/v1/payments/{started['payment_id']}").status_code == 404
    assert stranger.get(f"/me/payments/{started['payment_id']}/receipt/").status_code == 404
    assert owner.get("/api/v1/payments/not-a-uuid").json()["error"]["code"] == "payment_not_found"
    forged = owner.get(f"/payments/{started['payment_id']}/return?Authority=A{'0' * 35}&Status=OK")
    assert forged.status_code == 422 and "جور نیست" in forged.content.decode()
    assert Payment.objects.get(pk=started["payment_id"]).status == PaymentStatus.PENDING


@pytest.mark.usefixtures("fee_world")
def test_the_pay_button_sends_the_person_to_the_bank(sandbox_url: str) -> None:
    client = client_for(citizen(CLEAN))
    code = apply(client, "criminal-record-certificate").json()["tracking_code"]
    page = client.get(f"/me/applications/{code}/")
    assert "پرداخت ۵۰۰٬۰۰۰ ریال" in page.content.decode()
    assert sandbox_url in page["Content-Security-Policy"].split("form-action")[1].split(";")[0]
    sent = client.post(f"/me/applications/{code}/pay/")
    assert sent.status_code == 303 and sent["Location"].startswith(f"{sandbox_url}/bank/pg/StartPay/A")
    bank_page = httpx.get(sent["Location"], timeout=10)
    assert "۵۰۰٬۰۰۰ ریال" in bank_page.text
    assert parse_qs(urlsplit(at_the_bank(sent["Location"], "decline")).query)["Status"] == ["NOK"]


@pytest.mark.usefixtures("world")
def test_a_free_service_has_nothing_to_pay() -> None:
    client = client_for(citizen(CLEAN))
    code = apply(client, "criminal-record-certificate").json()["tracking_code"]
    assert client.get(f"/api/v1/applications/{code}").json()["fee"] is None
    assert client.post(f"/api/v1/applications/{code}/payments").json()["error"]["code"] == "payment_not_due"
