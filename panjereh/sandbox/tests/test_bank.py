"""The sandbox bank speaks Zarinpal's REST protocol: a payment is requested, the person approves,
declines or walks away on the bank's page, and the merchant verifies it server to server (once: 100,
then 101), with the amount it asked for; refunds and the bank's own listing for reconciliation."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from panjereh.sandbox.app import SandboxApp
from panjereh.sandbox.bank import MERCHANT_ID, START

from .conftest import call, post

CALLBACK = "http://127.0.0.1:8000/payments/0f1e/return"
REQUEST = "/bank/pg/v4/payment/request.json"
VERIFY = "/bank/pg/v4/payment/verify.json"


def start(app: SandboxApp, amount: int = 500_000) -> str:
    body = {"merchant_id": MERCHANT_ID, "amount": amount, "callback_url": CALLBACK,
            "description": "گواهی عدم سوء پیشینه", "metadata": {"mobile": "09120000000"}}  # fmt: skip
    answer = post(app, REQUEST, body)
    assert answer.status_code == 200 and answer.json()["errors"] == [] and answer.json()["data"]["code"] == 100
    authority = answer.json()["data"]["authority"]
    assert re.fullmatch(r"A[0-9A-Za-z]{35}", authority)
    return str(authority)


def choose(app: SandboxApp, authority: str, action: str) -> httpx.Response:
    return call(app, "POST", START + authority, content=f"action={action}".encode(),
                headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip


def verify(app: SandboxApp, authority: str, amount: int = 500_000, merchant: str = MERCHANT_ID) -> dict[str, object]:
    answer = post(app, VERIFY, {"merchant_id": merchant, "amount": amount, "authority": authority})
    assert answer.status_code == 200
    return dict(answer.json())


def test_approved_then_verified_once(app: SandboxApp) -> None:
    authority = start(app)
    page = call(app, "GET", START + authority)
    assert page.status_code == 200 and "۵۰۰٬۰۰۰ ریال" in page.text and "گواهی عدم سوء پیشینه" in page.text
    assert "form-action 'self' http://127.0.0.1:8000" in page.headers["content-security-policy"]
    assert verify(app, authority)["errors"]["code"] == -51  # type: ignore[index]  # not paid yet

    back = choose(app, authority, "approve")
    assert back.status_code == 303
    target = urlsplit(back.headers["location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == CALLBACK
    assert parse_qs(target.query) == {"Authority": [authority], "Status": ["OK"]}

    assert verify(app, authority, amount=400_000)["errors"]["code"] == -50  # type: ignore[index]  # another amount
    assert verify(app, authority, merchant="someone-else")["errors"]["code"] == -10  # type: ignore[index]
    first = verify(app, authority)["data"]
    assert first["code"] == 100 and first["ref_id"] and first["card_pan"].startswith("603799")  # type: ignore[index]
    again = verify(app, authority)["data"]
    assert again["code"] == 101 and again["ref_id"] == first["ref_id"]  # type: ignore[index]
    assert choose(app, authority, "approve").status_code == 409  # nothing happens twice


def test_declined_and_timed_out_are_never_paid(app: SandboxApp) -> None:
    declined = start(app)
    back = choose(app, declined, "decline")
    assert back.status_code == 303 and "Status=NOK" in back.headers["location"]
    assert verify(app, declined)["errors"]["code"] == -51  # type: ignore[index]

    walked_away = start(app)
    stays = choose(app, walked_away, "timeout")
    assert stays.status_code == 408 and "location" not in stays.headers and "زمان پرداخت" in stays.text
    assert verify(app, walked_away)["errors"]["code"] == -51  # type: ignore[index]
    assert choose(app, start(app), "steal").status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {"merchant_id": "wrong", "amount": 5000, "callback_url": CALLBACK},
        {"merchant_id": MERCHANT_ID, "amount": 10, "callback_url": CALLBACK},
        {"merchant_id": MERCHANT_ID, "amount": "5000", "callback_url": CALLBACK},
        {"merchant_id": MERCHANT_ID, "amount": 5000, "callback_url": "javascript:alert(1)"},
    ],
)
def test_bad_requests_are_refused_as_zarinpal_does(app: SandboxApp, body: dict[str, object]) -> None:
    answer = post(app, REQUEST, body)
    assert answer.json()["data"] == [] and answer.json()["errors"]["code"] in (-9, -10)


def test_refund_and_the_listing(app: SandboxApp) -> None:
    authority = start(app)
    choose(app, authority, "approve")
    refused = post(app, "/bank/refund.json", {"merchant_id": MERCHANT_ID, "authority": authority})
    assert refused.json()["errors"]["code"] == -51  # only a verified payment is refunded
    verify(app, authority)
    refunded = post(app, "/bank/refund.json", {"merchant_id": MERCHANT_ID, "authority": authority}).json()["data"]
    again = post(app, "/bank/refund.json", {"merchant_id": MERCHANT_ID, "authority": authority}).json()["data"]
    assert refunded["code"] == 100 and again["refund_id"] == refunded["refund_id"]  # once
    items = call(app, "GET", "/bank/transactions.json").json()["items"]
    assert [(i["authority"], i["state"], i["amount"]) for i in items] == [(authority, "refunded", 500_000)]


def test_an_unknown_page_is_a_persian_404(app: SandboxApp) -> None:
    answer = call(app, "GET", START + "A" + "0" * 35)
    assert answer.status_code == 404 and "تراکنش پیدا نشد" in answer.text
    assert call(app, "GET", START + "../../etc").status_code == 404
