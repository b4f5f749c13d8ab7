"""A person logs in, in a real browser, with a sandbox national code, their mobile and the code
the demo wrote to its SMS outbox; sees their registry identity; asks for the code again; logs out."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import last_code, log_in, outbox_size
from panjereh.persian import make_national_code, to_persian_digits

PERSON, MOBILE = "1234567891", "09120007891"


def test_a_person_logs_in_and_sees_their_registry_identity(
    page: Page, demo_env: dict[str, str], console_errors: list[str]
) -> None:
    page.goto("/")
    page.get_by_role("link", name="ورود").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ورود به پنجره ملی")

    # A mobile that is not the person's: refused in Persian, nothing sent.
    before = outbox_size(demo_env)
    page.get_by_label("کد ملی").fill("۱۲۳۴۵۶۷۸۹۱")  # Persian digits are fine
    page.get_by_label("شماره همراه").fill("09120005679")
    page.get_by_role("button", name="دریافت کد ورود").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("به نام صاحب این کد ملی ثبت نشده است")
    assert outbox_size(demo_env) == before
    console_errors.clear()  # the 400 answer of the refused form

    page.get_by_label("شماره همراه").fill("۰۹۱۲۰۰۰۷۸۹۱")
    page.get_by_role("button", name="دریافت کد ورود").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("کد ورود را وارد کنید")
    expect(page.locator("#countdown")).to_contain_text("ثانیه")
    code = last_code(demo_env, MOBILE, before)

    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    page.get_by_label("کد یک‌بارمصرف").fill(wrong)
    page.get_by_role("button", name="ورود", exact=True).click()
    expect(page.locator(".invalid-feedback")).to_contain_text("کد درست نیست")
    console_errors.clear()

    # The resend button wakes up after the wait (3 s in the e2e server); a new code replaces the old.
    resend = page.get_by_role("button", name="ارسال دوباره کد")
    expect(resend).to_be_enabled(timeout=10_000)
    sent = outbox_size(demo_env)
    resend.click()
    expect(page.get_by_text("کد تازه فرستاده شد.")).to_be_visible()
    fresh = last_code(demo_env, MOBILE, sent)
    page.get_by_label("کد یک‌بارمصرف").fill(fresh)
    page.get_by_role("button", name="ورود", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("حساب من")
    facts = page.locator(".account-facts")
    expect(facts).to_contain_text("۱۲۳۴۵۶۷۸۹۱")
    expect(facts).to_contain_text("0912***7891".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    expect(page.get_by_text("سامانه ثبت احوال کشور")).to_be_visible()

    page.get_by_role("button", name="خروج", exact=True).click()
    expect(page.get_by_role("link", name="ورود")).to_be_visible()
    response = page.goto("/me/")
    assert response is not None and response.status == 401
    console_errors.clear()


def test_after_login_the_person_returns_where_they_were(
    page: Page, demo_env: dict[str, str], console_errors: list[str]
) -> None:
    page.goto("/me/data-access/")
    assert console_errors == ["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]
    console_errors.clear()
    page.get_by_role("link", name="ورود به پنجره ملی").click()
    assert "next=" in page.url
    log_in(page, demo_env, "9876543210", "09120003210", go=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("چه کسی اطلاعات مرا دید")
    assert page.url.endswith("/me/data-access/")


def test_behind_a_busy_carrier_address_the_browser_proves_work_and_logs_in(
    browser: Browser, server: str, demo_env: dict[str, str]
) -> None:
    """Many people share one carrier address; once it has used its free allowance, a person behind it
    is not refused: the ALTCHA widget (vendored, under the site's CSP) solves a challenge, then the code
    is sent."""
    crowd = {"X-Forwarded-For": "10.66.0.1"}
    for _ in range(200):  # others behind the address use up its free allowance (bad input counts too)
        request = urllib.request.Request(
            f"{server}/api/v1/auth/otp", data=b'{"national_code": "1", "mobile": "1"}', method="POST",
            headers={**crowd, "Content-Type": "application/json"},
        )  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        if refused.value.code == 429:
            assert json.loads(refused.value.read())["error"]["code"] == "proof_of_work_required"
            break
    else:
        raise AssertionError("the address's free allowance never ran out")

    context = browser.new_context(base_url=server, locale="fa-IR", extra_http_headers=crowd)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/login/")
    before = outbox_size(demo_env)
    page.get_by_label("کد ملی").fill(PERSON)
    page.get_by_label("شماره همراه").fill(MOBILE)
    page.get_by_role("button", name="دریافت کد ورود").click()
    expect(page.locator(".alert-danger")).to_contain_text("«من ربات نیستم» را تأیید کنید")
    assert outbox_size(demo_env) == before
    expect(page.locator("altcha-widget")).to_contain_text("تأیید شد", timeout=60_000)  # solved in the browser
    page.get_by_role("button", name="دریافت کد ورود").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("کد ورود را وارد کنید")
    page.get_by_label("کد یک‌بارمصرف").fill(last_code(demo_env, MOBILE, before))
    page.get_by_role("button", name="ورود", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("حساب من")
    context.close()
    assert [e for e in errors if "429" not in e and "400" not in e] == []  # the refused form's own answer


CARD_PERSON = make_national_code("001234586")  # nobody else's tests use them
CARD_MOBILE = "0912000" + CARD_PERSON[-4:]


def test_each_mistake_on_the_login_pages_is_said_plainly_and_costs_nothing(
    page: Page, demo_env: dict[str, str], console_errors: list[str]
) -> None:
    page.goto("/login/")
    national_code, mobile = page.get_by_label("کد ملی"), page.get_by_label("شماره همراه")
    send = page.get_by_role("button", name="دریافت کد ورود")

    national_code.fill("abc")  # both wrong: both say so
    mobile.fill("abc")
    send.click()
    expect(page.locator("#id_national_code-error")).to_contain_text("ده رقم کد ملی را وارد کنید")
    expect(page.locator("#id_mobile-error")).to_contain_text("شماره همراه معتبر نیست")
    expect(page.locator(".error-summary li")).to_have_count(2)

    national_code.fill(CARD_PERSON[:9] + str((int(CARD_PERSON[9]) + 1) % 10))  # ten digits, a wrong check digit
    mobile.fill(CARD_MOBILE)
    send.click()
    error = page.locator("#id_national_code-error")
    expect(error).to_contain_text("این کد ملی معتبر نیست؛ آن را دوباره از روی کارت ملی بخوانید")
    expect(error).not_to_contain_text("ده رقم")
    assert set(console_errors) == {"Failed to load resource: the server responded with a status of 400 (Bad Request)"}
    console_errors.clear()

    before = outbox_size(demo_env)
    persian = to_persian_digits(CARD_PERSON)
    national_code.fill(f"{persian[:3]}-{persian[3:9]}-{persian[9]}")  # as printed on the card
    send.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("کد ورود را وارد کنید")
    code = last_code(demo_env, CARD_MOBILE, before)

    for malformed in ("123", "abcdef", "۱۲", "12 34", "x", "-"):  # more than the tries a code has
        page.get_by_label("کد یک‌بارمصرف").fill(malformed)
        page.get_by_role("button", name="ورود", exact=True).click()
        expect(page.locator("#code-error")).to_contain_text("کد ورود شش رقم است")
        expect(page.locator("#code-error")).not_to_contain_text("کد درست نیست")
    console_errors.clear()  # each refused form is answered 400
    page.get_by_label("کد یک‌بارمصرف").fill(code)  # none of them spent a try
    page.get_by_role("button", name="ورود", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("حساب من")
    expect(page.locator(".account-facts")).to_contain_text(persian)
