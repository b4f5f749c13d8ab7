"""The login pages over the real exchange path (gateway on loopback, sandbox registries)."""

from __future__ import annotations

import re
from typing import Any

import altcha
import pytest
from django.test import Client

from panjereh.accounts.models import OtpChallenge
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


ASK_FOR_TEN_DIGITS = "کد ملی معتبر نیست؛ ده رقم کد ملی را وارد کنید."
READ_IT_AGAIN = "این کد ملی معتبر نیست؛ آن را دوباره از روی کارت ملی بخوانید و وارد کنید."


def field_errors(page: str) -> dict[str, str]:
    """Each field's error under it, by the field's id."""
    return dict(re.findall(r'<div class="invalid-feedback" id="id_(\w+)-error">([^<]*)</div>', page))


@pytest.mark.parametrize("national_code", ["0012345678", "1111111111", "۰۰۱-۲۳۴۵۶۷-۸", "۰۰۰۰۰۰۰۰۰۰"])
def test_ten_digits_that_are_no_national_code_are_to_be_read_again_from_the_card(
    client: Client, outbox: Outbox, national_code: str
) -> None:
    answer = start(client, national_code)
    page = answer.content.decode()  # type: ignore[attr-defined]
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert field_errors(page)["national_code"].strip() == READ_IT_AGAIN
    assert "ده رقم کد ملی را وارد کنید" not in page
    assert outbox.messages() == []


@pytest.mark.parametrize("national_code", ["abc", "001234567", "00123456790", "001-234567"])
def test_anything_but_ten_digits_is_asked_for_as_ten_digits(client: Client, outbox: Outbox, national_code: str) -> None:
    page = start(client, national_code).content.decode()  # type: ignore[attr-defined]
    assert field_errors(page)["national_code"].strip() == ASK_FOR_TEN_DIGITS
    assert outbox.messages() == []


@pytest.mark.parametrize("national_code", ["001-234567-9", "۰۰۱-۲۳۴۵۶۷-۹", "۰۰۱ ۲۳۴۵۶۷ ۹", " 0012 3456 79 "])
def test_the_national_code_as_printed_on_the_card_is_accepted(
    client: Client, outbox: Outbox, national_code: str
) -> None:
    sent = start(client, national_code)
    assert sent.status_code == 302 and sent["Location"] == "/login/code/"  # type: ignore[attr-defined, index]
    assert client.session["pending_login"]["national_code"] == PERSON
    done = client.post("/login/code/", {"code": outbox.last_code(MOBILE)})
    assert done.status_code == 302 and done["Location"] == "/me/"


def test_when_both_fields_are_wrong_both_say_so_and_nothing_is_counted(
    client: Client, outbox: Outbox, settings: Any
) -> None:
    settings.OTP_RATE_PER_IP = "1/h"
    answer = start(client, "abc", "abc")
    page = answer.content.decode()  # type: ignore[attr-defined]
    assert answer.status_code == 400  # type: ignore[attr-defined]
    errors = field_errors(page)
    assert errors["national_code"].strip() == ASK_FOR_TEN_DIGITS
    assert errors["mobile"].strip() == "شماره همراه معتبر نیست؛ شماره‌ای مانند ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید."
    assert page.count('aria-invalid="true"') == 2 and page.count('<a href="#id_') == 2  # and both in the summary
    assert outbox.messages() == []
    assert start(client).status_code == 302  # type: ignore[attr-defined]  # the address's one request is still free


def test_overlong_fields_are_refused_in_persian(client: Client, outbox: Outbox) -> None:
    errors = field_errors(start(client, "1" * 65, "0" * 65).content.decode())  # type: ignore[attr-defined]
    assert "۶۴" in errors["national_code"] and "۶۴" in errors["mobile"]  # at most 64 characters
    assert outbox.messages() == []


@pytest.mark.parametrize("malformed", ["123", "abcdef", "۱۲۳۴۵", "1234567", "12345a", "x" * 40])
def test_a_malformed_code_is_refused_without_spending_a_try(client: Client, outbox: Outbox, malformed: str) -> None:
    start(client)
    for _ in range(6):  # more than the tries a challenge has
        answer = client.post("/login/code/", {"code": malformed})
        page = answer.content.decode()
        assert answer.status_code == 400 and "کد ورود شش رقم است" in page and "کد درست نیست" not in page
    assert OtpChallenge.objects.get().attempts == 0
    code = outbox.last_code(MOBILE)
    done = client.post("/login/code/", {"code": f"{code[:3]} {code[3:]}"})  # spaces between groups are fine
    assert done.status_code == 302 and done["Location"] == "/me/"


def test_well_formed_wrong_codes_still_spend_the_tries(client: Client, outbox: Outbox) -> None:
    start(client)
    wrong = "000000" if outbox.last_code(MOBILE) != "000000" else "111111"
    pages = [client.post("/login/code/", {"code": wrong}).content.decode() for _ in range(5)]
    assert all("کد درست نیست" in page for page in pages[:4]) and "تلاش‌های نادرست از حد گذشت" in pages[4]
    assert OtpChallenge.objects.get().attempts == 5
    assert "تلاش‌های نادرست از حد گذشت" in client.post("/login/code/", {"code": "12"}).content.decode()
    locked = client.post("/login/code/", {"code": outbox.last_code(MOBILE)})
    assert locked.status_code == 400 and "تلاش‌های نادرست از حد گذشت" in locked.content.decode()
