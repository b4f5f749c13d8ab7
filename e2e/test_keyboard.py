"""Keyboard only, in a real browser: a person logs in and applies without touching the mouse. A form sent
back with a mistake puts its error summary in focus, and the summary's link leads to the field."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from e2e.conftest import last_code, outbox_size
from panjereh.persian import make_national_code

PERSON = make_national_code("001234680")  # 8th digit 8: the sandbox judiciary has no record of this person
MOBILE = "0912000" + PERSON[-4:]  # the sandbox telecom registry's mobile for this person
MAX_TABS = 60


def tab_to(page: Page, target: Locator) -> None:
    """Presses Tab until `target` has the focus, as a keyboard user moves through the page."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def test_a_person_logs_in_and_applies_with_the_keyboard_alone(
    page: Page, demo_env: dict[str, str], console_errors: list[str]
) -> None:
    page.goto("/")
    tab_to(page, page.get_by_role("link", name="ورود", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("ورود به پنجره ملی")

    tab_to(page, page.get_by_label("کد ملی"))
    page.keyboard.type("123")  # a mistake
    tab_to(page, page.get_by_label("شماره همراه"))
    page.keyboard.type(MOBILE)
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # read out first
    expect(summary).to_contain_text("کد ملی معتبر نیست")
    console_errors.clear()  # the 400 answer of the refused form
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link leads to the field
    expect(page.get_by_label("کد ملی")).to_be_focused()
    page.keyboard.press("Control+A")
    before = outbox_size(demo_env)
    page.keyboard.type(PERSON)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("کد ورود را وارد کنید")
    expect(page.get_by_label("کد یک‌بارمصرف")).to_be_focused()
    page.keyboard.type(last_code(demo_env, MOBILE, before))
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/**")

    page.goto("/services/judiciary-criminal-record-certificate/")
    tab_to(page, page.get_by_role("link", name="درخواست برخط"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("درخواست گواهی عدم سوء پیشینه")
    tab_to(page, page.get_by_role("button", name="تأیید و ثبت درخواست"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/me/applications/\d{12}/$"))
    expect(page.locator(".application-status")).to_have_text("صادر شد", timeout=15_000)
