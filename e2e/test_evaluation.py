"""The public reads how agencies are evaluated, in a real browser: the rankings of the last quarter the
demo computed from its sample history, an agency's report card with each number beside its inputs, and
the methodology; the charts are SVG drawn by the server, so they are there without JavaScript too."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_rankings_then_a_report_card_then_the_methodology(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="کارنامه دستگاه‌ها").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("کارنامه دولت الکترونیکی")
    expect(page.get_by_role("img", name="امتیاز ده دستگاه برتر از ۱۰۰")).to_be_visible()
    table = page.locator(".ranking-table")
    expect(table.locator("tbody tr").first).to_be_visible()
    first_rank = table.locator("tbody tr").first.locator("td").first
    expect(first_rank).to_have_text("۱")
    expect(page.locator("main")).not_to_contain_text(re.compile("[0-9]"))  # Persian digits only

    # Sorted by a pillar, without JavaScript: a link that the server answers.
    page.get_by_role("link", name="مشارکتی", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=participatory"))

    first = table.locator("tbody tr").first.get_by_role("link")
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("img", name="امتیاز هر محور از ۱۰۰")).to_be_visible()
    expect(page.get_by_role("img", name="امتیاز دستگاه در دوره‌های منتشرشده")).to_be_visible()
    rows = page.locator(".indicator-table tbody tr")
    expect(rows).to_have_count(15)
    online = page.locator("#indicator-online_services")
    expect(online).to_contain_text("خدمات دستگاه:")  # the inputs beside the value
    expect(online).to_contain_text("÷")  # and the formula

    # Each of its services, measured too: the busiest first, its inputs a click away.
    page.get_by_role("link", name="شاخص‌های هر خدمت دستگاه").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"شاخص‌های هر خدمت: {name}")
    first_service = page.locator(".service-indicator-table tbody tr").first
    expect(first_service.locator("td").first).to_have_text(re.compile("٪|—"))
    first_service.get_by_text("ورودی‌ها", exact=True).click()
    expect(first_service.locator("details")).to_contain_text("تمام الکترونیکی:")
    expect(page.locator("main")).not_to_contain_text(re.compile("[0-9]"))
    page.get_by_role("navigation", name="مسیر").get_by_role("link", name=name).click()

    page.get_by_role("link", name="روش ارزیابی").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("روش ارزیابی دستگاه‌ها")
    expect(page.locator("main table tbody tr")).to_have_count(15)


def test_the_charts_need_no_javascript(page_without_javascript: Page) -> None:
    page = page_without_javascript
    page.goto("/evaluation/")
    chart = page.get_by_role("img", name="امتیاز ده دستگاه برتر از ۱۰۰")
    expect(chart).to_be_visible()
    expect(chart.locator("rect")).to_have_count(10)


def test_the_weekly_connection_report(page: Page) -> None:
    page.goto("/evaluation/")
    page.get_by_role("link", name="گزارش هفتگی اتصال").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("گزارش هفتگی اتصال پنجره‌های واحد")
    this_week = page.locator("section", has=page.get_by_role("heading", name="این هفته"))
    expect(this_week.locator("ul").first.locator("li").first).not_to_have_text("هیچ")  # the demo: one connects a week
    last_week = page.locator("section", has=page.get_by_role("heading", name=re.compile("^هفته پیش")))
    expect(last_week.locator("ul").first.locator("li").first).not_to_have_text("هیچ")
    page.get_by_role("navigation", name="هفته‌های دیگر").get_by_role("link").last.click()
    expect(page).to_have_url(re.compile(r"week=\d{4}-\d{2}-\d{2}"))


def test_the_statistics_page(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="آمار", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("آمار پنجره ملی")
    numbers = page.locator(".statistics-numbers")
    expect(numbers).to_contain_text("شناسنامه خدمات")
    expect(numbers.locator(".display-6").first).to_have_text(re.compile("^[۰-۹٬]+$"))
    expect(page.get_by_role("img", name="شمار خدمات در هر سطح الکترونیکی")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(re.compile("[0-9]"))
