"""The login pages over the real exchange path (gateway on loopback, sandbox registries)."""

from __future__ import annotations

import re
from typing import Any

import altcha
import pytest
from django.test import Client

from panjereh.accounts.tests.conftest import MOBILE, PERSON, Outbox
from panjereh.sandbox.people import person

pytestmark = pytest.mark.usefixtures("live_exchange", "fresh_limits")


def start(client: Client, national_code: str = PERSON, mobile: str = MOBILE, **extra: str) -> object:
    return client.post("/login/", {"national_code": national_code, "mobile": mobile, **extra})


def test_the_whole_login_through_the_pages(client: Client, outbox: Outbox) -> None:
    page = client.get("/login/")
    assert page.status_code == 200 and "کد ملی" in page.content.decode()
    sent = start(client, "۰۰۱۲۳۴۵۶۷۹", "۰۹۱۲۰۰۰۵۶۷۹")
    assert sent.status_code == 302 and sent["Location"] == "/login/code/"  # type: ignore[index, attr-defined]
    code_page = client.get("/login/code/").content.decode()
    assert 'autocomplete="one-time-code"' in code_page
    assert re.search(r'data-expires-in="1(1[0-9]|20)"', code_page)  # about two minutes left
    wrong = client.post("/login/code/", {"code": "000000" if outbox.last_code(MOBILE) != "000000" else "111111"})
    assert wrong.status_code == 400 and "کد درست نیست" in wrong.content.decode()
    done = client.post("/login/code/", {"code": outbox.last_code(MOBILE)})
    assert done.status_code == 302 and done["Location"] == "/me/"
    account = client.get("/me/").content.decode()
    assert person(PERSON).last_name in account and "۰۰۱۲۳۴۵۶۷۹" in account
    assert client.post("/logout/").status_code == 302
    assert client.get("/me/").status_code == 401


def test_errors_are_shown_in_persian_and_nothing_is_sent(client: Client, outbox: Outbox) -> None:
    bad = start(client, "0012345678")
    assert bad.status_code == 400 and "کد ملی معتبر نیست" in bad.content.decode()  # type: ignore[attr-defined]
    not_owned = start(client, PERSON, "09121111111")
    assert "به نام صاحب این کد ملی ثبت نشده است" in not_owned.content.decode()  # type: ignore[attr-defined]
    assert outbox.messages() == []


def test_a_foreign_next_is_ignored(client: Client, outbox: Outbox) -> None:
    start(client, next="https://evil.example/steal")
    done = client.post("/login/code/", {"code": outbox.last_code(MOBILE)})
    assert done["Location"] == "/me/"


def test_a_local_next_is_followed(client: Client, outbox: Outbox) -> None:
    start(client, next="/me/data-access/")
    done = client.post("/login/code/", {"code": outbox.last_code(MOBILE)})
    assert done["Location"] == "/me/data-access/"


def test_the_code_page_needs_a_pending_login(client: Client) -> None:
    assert client.get("/login/code/")["Location"] == "/login/"
    assert client.post("/login/resend/")["Location"] == "/login/"


def test_resend_too_soon_is_refused_politely(client: Client, outbox: Outbox) -> None:
    start(client)
    again = client.post("/login/resend/")
    assert again.status_code == 429 and "ثانیه دیگر صبر کنید" in again.content.decode()
    assert len(outbox.messages()) == 1


def test_the_forms_need_their_csrf_token(outbox: Outbox) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert start(strict).status_code == 403  # type: ignore[attr-defined]
    assert outbox.messages() == []


def test_past_the_address_allowance_both_forms_ask_for_a_proof_of_work(
    client: Client, outbox: Outbox, settings: Any
) -> None:
    settings.OTP_RATE_PER_IP, settings.OTP_RESEND_SECONDS, settings.ALTCHA_COST = "1/h", 0, 50
    assert start(client).status_code == 302  # the address's one free request
    asked = client.post("/login/resend/")
    assert asked.status_code == 429 and "<altcha-widget" in asked.content.decode()  # type: ignore[attr-defined]
    page = start(client).content.decode()  # type: ignore[attr-defined]
    assert "«من ربات نیستم» را تأیید کنید" in page and "<altcha-widget" in page and len(outbox.messages()) == 1
    challenge = altcha.Challenge.from_dict(client.get("/api/v1/auth/challenge").json())
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    proof = altcha.Payload(challenge, solution).to_base64()
    assert client.post("/login/resend/", {"altcha": proof}).status_code == 200 and len(outbox.messages()) == 2
    assert "<altcha-widget" not in client.get("/login/").content.decode()  # only when asked for
