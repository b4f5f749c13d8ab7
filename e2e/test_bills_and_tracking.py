"""In a real browser against `panjereh demo`: a person pays one of their own bills, listed by the energy
agency through the exchange and marked past its due date, at the sandbox bank, sees it paid and reads the
receipt; a bill the agency says was paid elsewhere, typed in by its ids, is refused before the bank; a
stranger to the platform follows an application by its tracking code and four digits without logging in."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.conftest import log_in
from panjereh.persian import make_national_code, to_persian_digits
from panjereh.sandbox.agencies.energy import bills

PERSON = make_national_code("001234583")  # nobody else's tests use these two people
FOLLOWER = make_national_code("001234584")


def test_a_bill_of_ones_own_paid_at_the_bank(page: Page, demo_env: dict[str, str], console_errors: list[str]) -> None:
    listed = bills({"national_code": PERSON})["bills"]
    unpaid = [bill for bill in listed if not bill["paid"]]  # type: ignore[index,union-attr]
    assert unpaid, "the sandbox gives this person an unpaid bill"
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, demo_env, PERSON, "0912000" + PERSON[-4:])
    page.goto("/me/bills/")
    row = page.locator(".bills-list li").filter(has_text=to_persian_digits(unpaid[0]["bill_id"]))  # type: ignore[index]
    expect(row).to_have_count(1)
    # Due 1404/01/21 (2025-04-10) by the sandbox's fixed calendar: past, whenever this runs.
    expect(row.locator(".bill-overdue")).to_have_text("مهلت پرداخت گذشته است")
    row.get_by_role("button").click()
    page.wait_for_url(re.compile(r"/bank/pg/StartPay/A\w{35}$"))
    page.get_by_role("button", name="پرداخت", exact=True).click()
    page.wait_for_url(re.compile(r"/me/bills/\?payment="))
    expect(page.get_by_role("status")).to_contain_text("قبض پرداخت شد")
    expect(row.locator(".badge")).to_have_text("پرداخت شده")
    expect(row.locator(".bill-overdue")).to_have_count(0)  # paid: nothing is late any more
    page.get_by_role("link", name="رسید پرداخت").click()
    receipt = page.locator(".receipt")
    expect(receipt).to_contain_text("شناسه پرداخت")
    expect(receipt.locator("bdi")).to_have_text([re.compile(r"^۶۰۳۷۹۹\*{6}[۰-۹]{4}$"), re.compile(r"^[0-9a-f-]{36}$")])
    expect(page.get_by_role("navigation", name="حساب من").locator("[aria-current=page]")).to_have_text("پرداخت قبض")

    paid_elsewhere = next(bill for bill in listed if bill["paid"])  # type: ignore[union-attr]
    page.goto("/me/bills/")
    page.get_by_role("textbox", name="شناسه قبض").fill(to_persian_digits(paid_elsewhere["bill_id"]))  # type: ignore[index]
    page.get_by_role("textbox", name="شناسه پرداخت").fill(to_persian_digits(paid_elsewhere["payment_id"]))  # type: ignore[index]
    page.get_by_role("button", name="پرداخت قبض", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text("می‌گوید این قبض پیش‌تر پرداخت شده است")
    assert "/bank/" not in page.url
    assert console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    console_errors.clear()  # the refused form is answered 400, as it should be


def test_an_application_followed_without_logging_in(
    page: Page, demo_env: dict[str, str], console_errors: list[str]
) -> None:
    log_in(page, demo_env, FOLLOWER, "0912000" + FOLLOWER[-4:])
    page.goto("/services/judiciary-criminal-record-certificate/apply/")
    page.get_by_role("button", name="تأیید و ثبت درخواست").click()
    page.wait_for_url(re.compile(r"/me/applications/\d{12}/$"))
    code = page.url.rstrip("/").rsplit("/", 1)[1]
    page.context.clear_cookies()  # a stranger to the platform now

    page.goto("/")
    page.get_by_role("link", name="پیگیری درخواست").click()
    page.get_by_role("button", name="نمایش وضعیت").click()  # nothing typed yet: each field says what it needs
    expect(page.locator("#tracking-code-error")).to_contain_text("کد رهگیری را بنویسید.")
    expect(page.locator("#last-digits-error")).to_contain_text("چهار رقم آخر کد ملی متقاضی را بنویسید.")
    expect(page.get_by_role("alert")).not_to_contain_text("پیدا نشد")
    assert console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    console_errors.clear()  # the refused form is answered 400
    page.get_by_label("کد رهگیری").fill(to_persian_digits(code))
    page.get_by_label("چهار رقم آخر کد ملی").fill("0000" if FOLLOWER[-4:] != "0000" else "1111")
    page.get_by_role("button", name="نمایش وضعیت").click()
    expect(page.get_by_role("alert")).to_contain_text("پیدا نشد")
    assert console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    console_errors.clear()  # the miss is answered 404, as it should be
    page.get_by_label("چهار رقم آخر کد ملی").fill(FOLLOWER[-4:])
    page.get_by_role("button", name="نمایش وضعیت").click()
    result = page.locator(".track-result")
    expect(result).to_contain_text("گواهی عدم سوء پیشینه")
    expect(result).not_to_contain_text(FOLLOWER)
