"""A semi-electronic service at a phone's size, in a real browser against `panjereh demo`: the profile's
first screen says the rest is done at the office, the person finds an office in their province, books a
slot, sees it with its code among their appointments, and cancels it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.conftest import log_in

PERSON = "0012346020"


def test_a_person_books_a_place_at_an_office_then_cancels_it(page: Page, demo_env: dict[str, str]) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, demo_env, PERSON, "0912000" + PERSON[-4:])
    page.goto("/services/faraja-passport-issue/")
    step = page.locator(".next-step")
    expect(step).to_contain_text("باید به دفتر")
    step.get_by_role("link", name="کجا و کی بروید، و گرفتن نوبت").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("کجا و کی بروید: صدور گذرنامه")
    page.get_by_label("استان").select_option("اصفهان")
    page.get_by_role("button", name="نمایش").click()
    expect(page).to_have_url(re.compile(r"province="))
    offices = page.locator(".office-list > li")
    expect(offices).to_have_count(1)
    expect(offices.first).to_contain_text("اصفهان")
    offices.first.get_by_role("link", name="گرفتن نوبت در این دفتر").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("نوبت حضوری: صدور گذرنامه")
    # A slot on a later day than the first offered: never within the hour in which it can no longer be cancelled.
    later_day = page.locator(".booking-form fieldset").nth(1)
    time = later_day.locator("label").first.inner_text()
    assert re.fullmatch(r"[۰-۹]{2}:[۰-۹]{2}", time), time
    later_day.locator("label").first.click()
    page.get_by_role("button", name="ثبت نوبت").click()

    page.wait_for_url(re.compile(r"/me/appointments/\?booked=\d{8}$"))
    expect(page.get_by_role("status")).to_contain_text("ثبت شد")
    booking = page.locator(".appointments-list li").first
    expect(booking).to_contain_text("صدور گذرنامه")
    expect(booking).to_contain_text("رزرو شده")
    booking.get_by_role("button", name="لغو نوبت").click()
    expect(page.locator(".appointments-list li").first).to_contain_text("لغو شده")
