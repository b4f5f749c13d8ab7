"""Paying a bill by its ids: checked before the bank is asked, the amount the payment id carries, never
paid twice (here, or at the issuing agency by its own word); the person's own bills listed from the
energy agency through the exchange, audited, those past their due date marked."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from django.test import Client
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.exchange.models import AuditRecord
from panjereh.payments.constants import EventKind, PaymentStatus
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
    """One of the sandbox person's bills the energy agency says is unpaid (electricity, due 1404/01/11)."""
    listed = sandbox_bills({"national_code": PERSON})["bills"]
    return next(bill for bill in listed if not bill["paid"])  # type: ignore[index,union-attr]


def bill_paid_at_the_agency() -> dict[str, Any]:
    """One of the sandbox person's bills the energy agency says was paid (water, paid outside the portal)."""
    listed = sandbox_bills({"national_code": PERSON})["bills"]
    return next(bill for bill in listed if bill["paid"])  # type: ignore[index,union-attr]


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


def test_a_bill_the_issuing_agency_says_is_paid_is_not_paid_again(person: Client) -> None:
    bill = bill_paid_at_the_agency()
    body = {"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]}
    asked = AuditRecord.objects.filter(subject=PERSON, provider="tavanir", purpose="bill-payment")
    refused = person.post("/api/v1/bills/payments", body, content_type="application/json")
    assert asked.count() == 1  # the agency was asked, and that is in the person's "who accessed my data"
    assert refused.status_code == 409
    assert refused.json()["error"] == {
        "code": "bill_paid_at_biller", "field": None,
        "message": "شرکت آب می‌گوید این قبض پیش‌تر پرداخت شده است؛ دوباره پرداخت نمی‌شود و پولی از شما برداشته نشد.",
    }  # fmt: skip
    page = person.post("/me/bills/pay/", body)
    assert page.status_code == 400
    assert "شرکت آب می‌گوید این قبض پیش‌تر پرداخت شده است" in page.content.decode()
    assert not Payment.objects.exists()  # the bank was never asked: nothing to take


@pytest.mark.parametrize(
    ("whose", "biller"),
    [
        (PERSON, "unpaid"),  # the agency lists it among the payer's bills, unpaid
        ("0012345830", "not_listed"),  # someone else's bill: the agency's inquiry is by the holder only
    ],
)
def test_a_bill_not_known_to_be_paid_goes_to_the_bank(person: Client, whose: str, biller: str) -> None:
    bill = next(item for item in sandbox_bills({"national_code": whose})["bills"] if not item["paid"])  # type: ignore[index,union-attr]
    started = person.post("/api/v1/bills/payments", {"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]},
                          content_type="application/json")  # fmt: skip
    assert started.status_code == 201
    event = Payment.objects.get().events.get(kind=EventKind.STARTED)
    assert event.detail["biller"] == biller


@pytest.mark.parametrize("fault", [{"down": True}, {"latency_ms": 5000}])  # down; slower than its 3 s budget
def test_when_the_issuing_agency_cannot_be_asked_the_bill_is_paid_without_its_word(
    person: Client, sandbox_url: str, fault: dict[str, object]
) -> None:
    bill = bill_paid_at_the_agency()  # it would say paid, were it up
    httpx.put(f"{sandbox_url}/_faults/energy", json=fault, timeout=5).raise_for_status()
    try:
        started = person.post("/api/v1/bills/payments",
                              {"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]},
                              content_type="application/json")  # fmt: skip
    finally:
        httpx.delete(f"{sandbox_url}/_faults", timeout=5)
    assert started.status_code == 201 and "/bank/pg/StartPay/" in started.json()["redirect_url"]
    event = Payment.objects.get().events.get(kind=EventKind.STARTED)
    assert event.detail["biller"] == "unanswered"  # the finance office can tell which went without its word


# The electricity bill is due 1404/01/11 (2025-03-31): its last minute and the next day's first, in Tehran
# (both still 31 March in UTC); and a month on, past the paid water bill's 1404/01/30 too.
LAST_MINUTE = datetime.datetime(2025, 3, 31, 20, 29, tzinfo=datetime.UTC)
NEXT_DAY = datetime.datetime(2025, 3, 31, 20, 31, tzinfo=datetime.UTC)
MONTH_ON = datetime.datetime(2025, 5, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("frozen", "past_due"), [(LAST_MINUTE, False), (NEXT_DAY, True), (MONTH_ON, True)])
def test_a_bill_past_its_due_date_is_marked_on_the_bills_page(
    person: Client, monkeypatch: pytest.MonkeyPatch, frozen: datetime.datetime, past_due: bool
) -> None:
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    text = person.get("/me/bills/").content.decode()
    rows = {row.split("شناسه قبض", 1)[0]: row for row in text.split('<li class="list-group-item')[1:]}
    electricity = next(row for head, row in rows.items() if "قبض برق" in head)
    water = next(row for head, row in rows.items() if "قبض آب" in head)
    assert ("مهلت پرداخت گذشته است" in electricity) is past_due
    assert "مهلت پرداخت گذشته است" not in water  # paid: never marked, not even past its date (a month on)


@pytest.mark.usefixtures("still_windows")
def test_one_person_starts_a_few_bill_payments_an_hour(person: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each start asks the issuing agency and opens a bank session: a script naming bill after bill stops."""
    from panjereh.payments import bills

    monkeypatch.setattr(bills, "BILL_PAYMENTS_PER_PERSON", "2/h")
    bill = {"bill_id": unpaid_bill()["bill_id"], "payment_id": unpaid_bill()["payment_id"]}
    answers = [person.post("/api/v1/bills/payments", bill, content_type="application/json") for _ in range(3)]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert answers[2].json()["error"]["code"] == "too_many_requests"
    assert Payment.objects.count() == 2
