"""The official calendar in a real browser: the council's supervisor sees the year's holidays as the
platform counts them, and announces a province's closure typed in Latin digits; a date that does not
exist is refused in Persian and nothing is saved."""

from __future__ import annotations

import datetime

import jdatetime
from playwright.sync_api import Page, expect

from e2e.test_evaluation_review import sign_in
from e2e.test_staff_admin import column, panjereh
from panjereh.persian import format_date_long

# A day a month ahead, not a Friday (the form refuses those), typed in Latin digits.
TODAY = datetime.datetime.now(datetime.UTC).date()  # the demo server keeps real time
AHEAD = next(day for day in (TODAY + datetime.timedelta(days=30 + n) for n in range(7)) if day.weekday() != 4)
AHEAD_TYPED = jdatetime.date.fromgregorian(date=AHEAD).strftime("%Y/%m/%d")


def test_a_supervisor_announces_a_closure(page: Page, demo_env: dict[str, str], console_errors: list[str]) -> None:
    council = panjereh(demo_env, "staff", "add", "--username", "council-calendar", "--role", "supervisor",
                       "--generate-password")  # fmt: skip
    sign_in(page, "council-calendar", council)
    page.goto("/admin/core/announcedday/")
    expect(page.get_by_role("heading", name="تعطیلات رسمی یک سال آینده به حساب سامانه")).to_be_visible()
    expect(page.locator(".coming-holidays tbody")).to_contain_text("نوروز")  # always within a year

    page.get_by_role("link", name="اضافه‌کردن روز اعلام‌شده").click()
    page.locator("#id_day").fill("1404/12/30")  # 1404 is not a leap year
    page.get_by_label("مناسبت یا دلیل").fill("آلودگی هوا")
    page.get_by_role("button", name="ذخیره", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("این روز در تقویم نیست")

    page.locator("#id_day").fill(AHEAD_TYPED)
    page.get_by_label("استان").select_option("تهران")  # Tehran's offices only
    page.get_by_role("button", name="ذخیره", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert column(page, "jalali_day") == [format_date_long(AHEAD)]
    assert column(page, "where") == ["استان تهران"]
    assert column(page, "reason") == ["آلودگی هوا"]
    expect(page.locator(".coming-holidays")).to_be_visible()
    assert console_errors == []
