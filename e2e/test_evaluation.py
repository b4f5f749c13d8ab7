"""The public reads how agencies are evaluated, in a real browser: the rankings of the last quarter the
demo computed from its sample history, an agency's report card with each number beside its inputs, and
the methodology; the charts are SVG drawn by the server, so they are there without JavaScript too."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from panjereh.persian import to_ascii_digits


def number(text: str) -> float:
    """A figure as the pages print it (+۵٫۹۸, −۰٫۵, ۶۶٫۱) as a float."""
    return float(to_ascii_digits(text.strip()).replace("٫", ".").replace("−", "-").lstrip("+"))


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


def test_a_report_card_compares_with_published_rounds_only(page: Page) -> None:
    """The demo leaves 1403-Q2 under review between the published 1403-Q1 and 1403-Q3: the later card's
    change is measured from 1403-Q1, the step its own trend shows, so the draft's score cannot be worked out."""
    page.goto("/evaluation/1403-Q3/tavanir")
    main = page.locator("main")
    expect(main).not_to_contain_text("تابستان ۱۴۰۳")
    trend = dict(
        point.split(": ") for point in (page.locator("#trend-desc").text_content() or "").split("؛ ")
    )  # oldest first: «بهار ۱۴۰۳: ۶۶٫۱؛ پاییز ۱۴۰۳: ۷۰٫۲»
    assert list(trend)[-2:] == ["بهار ۱۴۰۳", "پاییز ۱۴۰۳"]  # (a journey may publish 1402-Q4 before them)
    change = number(page.locator(".card-summary .display-6").nth(2).inner_text())
    assert abs(change - (number(trend["پاییز ۱۴۰۳"]) - number(trend["بهار ۱۴۰۳"]))) <= 0.1  # one-decimal points


def test_an_unknown_round_is_refused_in_persian_naming_a_published_one(page: Page, console_errors: list[str]) -> None:
    answer = page.goto("/evaluation/xyz/")
    assert answer is not None and answer.status == 422
    assert console_errors == [
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]
    console_errors.clear()  # the refusal is answered 422, as it should be
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("پاییز ۱۴۰۳")  # the newest published round, in words: it exists
    expect(heading).not_to_contain_text(re.compile("[0-9]"))
    page.get_by_role("link", name="کارنامه دستگاه‌ها").click()  # where the refusal says the rounds are listed
    expect(page.get_by_role("navigation", name="دوره‌های دیگر")).to_contain_text("پاییز ۱۴۰۳")


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
