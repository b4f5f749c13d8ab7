"""A citizen finds a service and reads its profile, in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def search(page: Page, text: str) -> None:
    page.goto("/")
    page.get_by_label("جستجوی خدمت").fill(text)
    page.get_by_role("button", name="جستجو").click()


def test_home_search_profile_agency(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.get_by_role("heading", name="دسته‌های خدمات")).to_be_visible()

    search(page, "پاسپورت")  # the synonym: the profile is titled «تمدید گذرنامه»
    expect(page).to_have_url(re.compile(r"/services/\?q="))
    result = page.get_by_role("link", name="تمدید گذرنامه", exact=True)
    expect(result).to_be_visible()
    result.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("تمدید گذرنامه")
    expect(page.get_by_text("شناسنامه خدمت")).to_be_visible()
    facts = page.locator(".profile-facts")
    expect(facts).to_contain_text("مدت انجام")
    expect(facts).to_contain_text(re.compile("[۰-۹]"))  # Persian digits
    expect(facts).not_to_contain_text(re.compile("[0-9]{4}/"))  # no Latin-digit dates

    page.locator(".breadcrumb").get_by_role("link", name=re.compile("فرماندهی انتظامی")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("فرماندهی انتظامی")
    expect(page.locator(".agency-facts")).to_contain_text("پنجره واحد")
    expect(page.locator(".service-list li").first).to_be_visible()


def test_arabic_letters_and_a_missing_zero_width_non_joiner_still_find_the_service(page: Page) -> None:
    search(page, "سيمكارت")
    expect(page.get_by_role("link", name="استعلام سیم‌کارت‌های به نام من")).to_be_visible()


def test_a_typo_still_finds_the_service(page: Page) -> None:
    search(page, "گواهی عدم سو پیشینه")
    expect(page.get_by_role("link", name="گواهی عدم سوء پیشینه", exact=True)).to_be_visible()


def test_filters_update_the_results_in_place_and_in_the_address(page: Page) -> None:
    search(page, "گذرنامه")
    page.get_by_label("سطح الکترونیکی").select_option("full")
    expect(page).to_have_url(re.compile(r"maturity=full"))
    badges = page.locator(".service-card .badge").filter(has_text=re.compile("الکترونیکی"))
    expect(badges.first).to_have_text("تمام الکترونیکی")
    assert set(badges.all_inner_texts()) == {"تمام الکترونیکی"}


def test_pagination_moves_through_all_services(page: Page) -> None:
    page.goto("/services/")
    expect(page.get_by_role("status")).to_contain_text("صفحه ۱ از")
    page.get_by_role("navigation", name="صفحه‌های نتایج").get_by_role("link", name="۲", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("صفحه ۲ از")


def test_the_agency_directory_filters_connected_windows(page: Page) -> None:
    page.goto("/agencies/")
    page.get_by_label("وضعیت پنجره واحد").select_option("connected")
    page.get_by_role("button", name="نمایش").click()
    expect(page).to_have_url(re.compile(r"status=connected"))  # the filtered page, not the one it replaces
    badges = page.locator(".agency-table tbody td .badge")
    expect(badges.first).to_have_text("متصل به پنجره ملی")
    statuses = badges.all_inner_texts()
    assert statuses and set(statuses) == {"متصل به پنجره ملی"}


def test_the_agency_directory_finds_an_agency_by_name_and_province_and_pages_the_rest(page: Page) -> None:
    page.goto("/agencies/")
    expect(page.locator(".agency-count")).to_contain_text("صفحه ۱ از")
    page.get_by_role("navigation", name="صفحه‌های نتایج").get_by_role("link", name="۲", exact=True).click()
    expect(page.locator(".agency-count")).to_contain_text("صفحه ۲ از")
    page.get_by_label("نام دستگاه").fill("شهرداري")  # typed with an Arabic yeh
    page.get_by_label("استان").select_option("فارس")
    page.get_by_role("button", name="نمایش").click()
    expect(page).to_have_url(re.compile(r"province="))
    expect(page.locator(".agency-count")).to_have_text("۱ دستگاه")
    expect(page.locator(".agency-table tbody th")).to_have_text("شهرداری شیراز")


def test_a_hostile_query_is_shown_as_text_and_runs_nothing(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    search(page, "<img src=x onerror=alert(1)>")
    expect(page.get_by_role("heading", level=1)).to_contain_text("<img src=x onerror=alert(1)>")
    assert dialogs == []


def test_the_keyboard_reaches_the_skip_link_and_the_search_box(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="پرش به محتوای اصلی")).to_be_focused()
    page.get_by_label("جستجوی خدمت").focus()
    page.keyboard.type("تمدید گواهینامه")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="تمدید گواهینامه رانندگی", exact=True)).to_be_visible()


def test_search_and_filters_work_without_javascript(page_without_javascript: Page) -> None:
    page = page_without_javascript
    search(page, "گذرنامه")
    expect(page.get_by_role("link", name="تمدید گذرنامه", exact=True)).to_be_visible()
    page.get_by_label("هوشمند").select_option("1")
    page.get_by_role("button", name="اعمال پالایه‌ها").click()
    expect(page).to_have_url(re.compile(r"smart=1"))
    expect(page.locator(".service-card").first).to_contain_text("هوشمند")


def test_the_page_uses_the_vendored_persian_font(page: Page) -> None:
    page.goto("/")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in family
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")


def test_a_life_event_leads_to_its_own_page_with_its_services_in_steps(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name=re.compile("^تولد فرزند")).click()
    expect(page).to_have_url(re.compile(r"/life-events/birth/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("تولد فرزند")
    steps = page.locator(".life-event-step h2")
    expect(steps.first).to_have_text("گام ۱: ثبت ولادت و صدور شناسنامه")
    expect(page.locator(".life-event-step").first.locator(".service-card").first).to_be_visible()
