"""A sandbox bank: an internet payment gateway that speaks Zarinpal's REST protocol (v4), under /bank/.

It stands for the bank a fee is paid through, so that the whole payment journey runs on this machine
with no money moved:

- ``POST /bank/pg/v4/payment/request.json`` ``{"merchant_id", "amount", "callback_url", "description",
  "metadata"}`` → ``{"data": {"code": 100, "authority", ...}, "errors": []}``;
- ``GET /bank/pg/StartPay/{authority}``: the payment page (Persian), with three buttons; ``POST`` to the
  same address with ``action=approve|decline|timeout`` does what a person would: approve and decline
  send the browser back to ``callback_url?Authority=…&Status=OK|NOK``; timeout leaves it on the bank's
  page, as a person who walked away would, and the payment is never made;
- ``POST /bank/pg/v4/payment/verify.json`` ``{"merchant_id", "amount", "authority"}`` → code 100 with
  ``ref_id`` and ``card_pan`` the first time, 101 after; -51 if it was not paid, -50 for another amount;
- ``POST /bank/refund.json`` ``{"merchant_id", "authority"}`` (the sandbox's own: Zarinpal refunds are
  made from the merchant's panel) → ``{"data": {"code": 100, "refund_id"}}``;
- ``GET /bank/transactions.json``: what the bank holds, for the daily reconciliation.

The platform reaches it through django-iranian-payment's Zarinpal gateway, so the same code talks to the
real gateway in production. State lives in this process (the sandbox runs one worker).
"""

from __future__ import annotations

import html
import itertools
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from panjereh.persian import to_persian_digits

PREFIX = "/bank"
START = f"{PREFIX}/pg/StartPay/"
MERCHANT_ID = "00000000-0000-4000-8000-000000000000"  # the sandbox's terminal; nothing secret about it
MINIMUM_RIALS = 1_000
MAX_TRANSACTIONS = 100_000
AUTHORITY = re.compile(r"A[0-9A-Za-z]{35}")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
STYLE = b"""body{font-family:Vazirmatn,Tahoma,sans-serif;margin:0;background:#eef2f6;color:#1f2937;line-height:1.9}
header{background:#14532d;color:#fff;padding:1rem 1.5rem;font-weight:700}
main{max-width:34rem;margin:2rem auto;background:#fff;border-radius:.5rem;padding:1.5rem 2rem}
button{font:inherit;padding:.5rem 1.2rem;margin:.25rem;border-radius:.4rem;border:1px solid #14532d;background:#fff}
button.pay{background:#14532d;color:#fff}.note{background:#fff7e6;padding:.5rem 1rem;border-radius:.4rem}"""


@dataclass
class Transaction:
    authority: str
    merchant_id: str
    amount: int
    callback_url: str
    description: str
    mobile: str
    state: str = "created"  # created → paid | declined | timed_out; paid → verified → refunded
    ref_id: int = 0
    card_pan: str = ""
    created_at: float = 0.0
    refund_id: int = 0


@dataclass
class Answer:
    """What an endpoint sends back: a status, a JSON body or a page, and headers."""

    status: int
    json: dict[str, Any] | None = None
    html: str = ""
    headers: tuple[tuple[str, str], ...] = ()


def _failure(code: int, message: str, status: int = 200) -> Answer:
    return Answer(status, {"data": [], "errors": {"code": code, "message": message, "validations": []}})


class SandboxBank:
    def __init__(self, merchant_id: str = MERCHANT_ID) -> None:
        self.merchant_id = merchant_id
        self.transactions: OrderedDict[str, Transaction] = OrderedDict()
        self._references = itertools.count(100_000_001)

    # -- the merchant's server-to-server calls ------------------------------------------------

    def request(self, body: dict[str, Any]) -> Answer:
        if body.get("merchant_id") != self.merchant_id:
            return _failure(-10, "Terminal is not valid, please check merchant_id or ip address.")
        amount, callback = body.get("amount"), body.get("callback_url")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < MINIMUM_RIALS:
            return _failure(-9, "The input params invalid, validation error.")
        if not isinstance(callback, str) or urlsplit(callback).scheme not in ("http", "https"):
            return _failure(-9, "The input params invalid, validation error.")
        metadata = body.get("metadata")
        metadata = metadata if isinstance(metadata, dict) else {}
        authority = "A" + "".join(secrets.choice(ALPHABET) for _ in range(35))
        self.transactions[authority] = Transaction(
            authority=authority, merchant_id=self.merchant_id, amount=amount, callback_url=callback,
            description=str(body.get("description") or "")[:255], mobile=str(metadata.get("mobile") or "")[:15],
            created_at=time.time(),
        )  # fmt: skip
        while len(self.transactions) > MAX_TRANSACTIONS:
            self.transactions.popitem(last=False)
        return Answer(200, {"data": {"code": 100, "message": "Success", "authority": authority,
                                     "fee_type": "Merchant", "fee": 0}, "errors": []})  # fmt: skip

    def verify(self, body: dict[str, Any]) -> Answer:
        if body.get("merchant_id") != self.merchant_id:
            return _failure(-10, "Terminal is not valid, please check merchant_id or ip address.")
        found = self.transactions.get(str(body.get("authority")))
        if found is None or found.state not in ("paid", "verified", "refunded"):
            return _failure(-51, "Session is not valid, session is not active paid try.")
        if body.get("amount") != found.amount:
            return _failure(-50, "Session is not valid, amounts values is not the same.")
        code = 100 if found.state == "paid" else 101
        found.state = "verified" if found.state == "paid" else found.state
        data = {"code": code, "message": "Verified", "card_hash": "", "card_pan": found.card_pan,
                "ref_id": found.ref_id, "fee_type": "Merchant", "fee": 0}  # fmt: skip
        return Answer(200, {"data": data, "errors": []})

    def refund(self, body: dict[str, Any]) -> Answer:
        if body.get("merchant_id") != self.merchant_id:
            return _failure(-10, "Terminal is not valid, please check merchant_id or ip address.")
        found = self.transactions.get(str(body.get("authority")))
        if found is None or found.state not in ("verified", "refunded"):
            return _failure(-51, "Session is not valid, session is not active paid try.")
        if found.state == "verified":
            found.state, found.refund_id = "refunded", next(self._references)
        return Answer(200, {"data": {"code": 100, "message": "Refunded", "refund_id": found.refund_id}, "errors": []})

    def listing(self) -> Answer:
        items = [{k: v for k, v in asdict(t).items() if k != "merchant_id"} for t in self.transactions.values()]
        return Answer(200, {"items": items})

    # -- the person's page ------------------------------------------------------------------

    def page(self, authority: str) -> Answer:
        found = self.transactions.get(authority) if AUTHORITY.fullmatch(authority) else None
        if found is None:
            return self._page(404, "تراکنش پیدا نشد", "<p>این نشانی پرداخت معتبر نیست یا زمان آن گذشته است.</p>")
        if found.state != "created":
            return self._page(409, "این پرداخت پیش‌تر انجام شده است", "<p>به پنجره ملی بازگردید.</p>")
        amount = to_persian_digits(f"{found.amount:,}".replace(",", "٬"))
        body = (
            f"<p>پذیرنده: پنجره ملی خدمات دولت</p><p>مبلغ: <strong>{amount} ریال</strong></p>"
            f"<p>{html.escape(found.description)}</p>"
            f'<form method="post" action="{START}{found.authority}">'
            '<button class="pay" name="action" value="approve">پرداخت</button>'
            '<button name="action" value="decline">انصراف</button>'
            '<button name="action" value="timeout">ترک صفحه تا پایان زمان</button></form>'
        )
        return self._page(200, "پرداخت اینترنتی", body, found.callback_url)

    def act(self, authority: str, action: str) -> Answer:
        """The person's choice on the payment page (or a script's: POST action=approve|decline|timeout)."""
        found = self.transactions.get(authority) if AUTHORITY.fullmatch(authority) else None
        if found is None or found.state != "created":
            return self.page(authority)
        if action == "timeout":
            found.state = "timed_out"
            return self._page(408, "زمان پرداخت به پایان رسید", "<p>پرداختی انجام نشد.</p>")
        if action not in ("approve", "decline"):
            return self._page(400, "درخواست نامعتبر", "<p>یکی از دکمه‌های صفحه پرداخت را بزنید.</p>")
        if action == "approve":
            found.state, found.ref_id = "paid", next(self._references)
            found.card_pan = "603799******" + f"{found.ref_id % 10_000:04d}"
        else:
            found.state = "declined"
        status = "OK" if action == "approve" else "NOK"
        separator = "&" if "?" in found.callback_url else "?"
        target = found.callback_url + separator + urlencode({"Authority": found.authority, "Status": status})
        return Answer(303, headers=(("location", target),))

    def _page(self, status: int, title: str, body: str, callback: str = "") -> Answer:
        origin = ""
        if callback:
            parts = urlsplit(callback)
            origin = f" {parts.scheme}://{parts.netloc}"
        csp = f"default-src 'none'; style-src 'self'; form-action 'self'{origin}; frame-ancestors 'none'"
        page = (
            '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html.escape(title)} | بانک آزمایشی</title><link rel="stylesheet" href="{PREFIX}/style.css">'
            "</head><body>"
            f'<header>بانک آزمایشی (سندباکس)</header><main id="main"><h1>{html.escape(title)}</h1>{body}'
            '<p class="note">این درگاه آزمایشی است: پولی جابه‌جا نمی‌شود و شماره کارت ساختگی است.</p></main>'
            "</body></html>"
        )
        return Answer(status, html=page, headers=(("content-security-policy", csp), ("cache-control", "no-store")))
