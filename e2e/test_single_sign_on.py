"""A person logged in to the national window logs in to an agency window with it (OpenID Connect).

The demo agency window is the sandbox's /agency-window/, registered as a client by `panjereh demo`.
The person first logs in to the portal as anyone does: national code, mobile, the code from the SMS
outbox; the civil registry's answer at that login is what the window then receives.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.conftest import log_in
from panjereh.persian import format_date
from panjereh.sandbox.people import person

NATIONAL_CODE, MOBILE = "0012345679", "09120005679"
PERSON = person(NATIONAL_CODE)  # who the civil registry says this is (the login stores it on the Citizen)


def open_the_window_and_ask_to_log_in(page: Page, env: dict[str, str]) -> str:
    window = f"http://127.0.0.1:{env['SANDBOX_PORT']}/agency-window/"
    page.goto(window)
    expect(page.get_by_role("heading", level=1)).to_have_text("به پنجره خدمات سازمان ثبت اسناد خوش آمدید")
    page.get_by_role("link", name="ورود با پنجره ملی").click()
    return window


def test_a_person_logs_in_to_an_agency_window_with_the_national_window(
    page: Page, demo_env: dict[str, str], server: str
) -> None:
    log_in(page, demo_env, NATIONAL_CODE, MOBILE)
    open_the_window_and_ask_to_log_in(page, demo_env)

    # the national window's consent screen: which window, which of my data
    expect(page).to_have_url(re.compile(re.escape(f"{server}/o/authorize/?")))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ورود به «پنجره خدمات سازمان ثبت اسناد (نمونه)» با پنجره ملی"
    )
    expect(page.locator("main")).to_contain_text("سازمان ثبت اسناد و املاک کشور")
    claims = page.get_by_role("list", name="اطلاعاتی که درخواست شده است").get_by_role("listitem")
    expect(claims).to_have_text(
        ["شناسه کاربری ویژه این دستگاه (کد ملی شما نیست)", "نام و نام خانوادگی", "تاریخ تولد", "جنسیت", "کد ملی"]
    )
    page.get_by_role("button", name="اجازه می‌دهم").click()

    # back on the agency window, which checked the ID token and greets the person by name
    expect(page).to_have_url(re.compile(rf"^http://127\.0\.0\.1:{demo_env['SANDBOX_PORT']}/agency-window/callback\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"خوش آمدید، {PERSON.first_name} {PERSON.last_name}")
    expect(page.locator(".national-code")).to_have_text("۰۰۱*****۷۹")
    expect(page.locator("main")).to_contain_text(format_date(PERSON.birth_date))
    assert NATIONAL_CODE not in page.content()


def test_a_person_who_says_no_is_sent_back_and_not_logged_in(
    page: Page, demo_env: dict[str, str], server: str, console_errors: list[str]
) -> None:
    log_in(page, demo_env, "1111111911", "09120001911")
    open_the_window_and_ask_to_log_in(page, demo_env)
    page.get_by_role("button", name="اجازه نمی‌دهم").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ورود انجام نشد")
    expect(page.get_by_role("alert")).to_have_text("شما اجازه ورود ندادید؛ هر زمان خواستید دوباره تلاش کنید.")
    assert console_errors == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
    console_errors.clear()  # the window answers the refusal with 403, which the browser reports
