"""On a phone, in a real browser against `panjereh demo`: nothing wider than a 320 px screen, the menu
behind one button, the search filters folded so the first result is on the first screen; and the
installable app: its worker controls the page, an unreachable page shows the offline page, and a
document the person has seen opens with no connection."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import log_in
from e2e.test_smart_service import apply_for_the_certificate, mobile_of
from panjereh.persian import make_national_code

NARROW = {"width": 320, "height": 640}
PERSON = make_national_code("001234582")  # no criminal record (8th digit not 9); nobody else's tests use them


@pytest.mark.parametrize(
    "path",
    ["/", "/services/?q=گذرنامه", "/services/faraja-passport-renewal/", "/evaluation/", "/help/", "/agencies/",
     "/life-events/birth/", "/evaluation/methodology/",
     "/services/ict-sim-card-ownership/"],  # the long «smart, says the agency» badge
)  # fmt: skip
def test_nothing_is_wider_than_a_small_phone(page: Page, path: str) -> None:
    page.set_viewport_size(NARROW)
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{path}: {width}px wide"


@pytest.mark.parametrize(("path", "table"), [("/agencies/", ".agency-table"), ("/evaluation/", ".ranking-table")])
def test_wide_tables_become_stacked_cards_on_a_phone(page: Page, path: str, table: str) -> None:
    page.set_viewport_size(NARROW)
    page.goto(path)
    region = page.locator(".table-responsive").filter(has=page.locator(table))
    assert region.evaluate("element => element.scrollWidth <= element.clientWidth")  # nothing to scroll sideways
    expect(page.locator(f"{table} thead")).not_to_be_in_viewport()  # the header is for screen readers
    cell = page.locator(f"{table} tbody tr").first.locator("td[data-label]").first
    label = cell.get_attribute("data-label")
    shown = cell.evaluate("element => getComputedStyle(element, '::before').content")
    assert label and shown == f'"{label}: "', shown  # each value led by its column's name


def test_the_menu_and_the_filters_fold_on_a_phone(page: Page) -> None:
    page.set_viewport_size(NARROW)
    page.goto("/services/?q=گذرنامه")
    menu = page.locator("#site-menu")
    expect(menu).to_be_hidden()
    expect(page.get_by_label("سطح الکترونیکی")).to_be_hidden()  # folded behind its heading
    first = page.locator(".service-card").first
    assert first.bounding_box()["y"] < NARROW["height"]  # type: ignore[index]  # on the first screen
    page.get_by_role("button", name="منو").click()
    expect(menu.get_by_role("link", name="همه خدمات")).to_be_visible()
    page.get_by_text("پالایش نتایج").click()
    expect(page.get_by_label("سطح الکترونیکی")).to_be_visible()


def test_offline_the_app_shows_its_offline_page_and_a_document_already_seen(
    page: Page, demo_env: dict[str, str]
) -> None:
    log_in(page, demo_env, PERSON, mobile_of(PERSON))
    apply_for_the_certificate(page)
    expect(page.locator(".application-status")).to_have_text("صادر شد", timeout=15_000)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    document = page.locator(".documents-list a").first
    title = document.inner_text()
    document.click()
    page.wait_for_url(re.compile(r"/me/documents/[\w-]+/$"))
    page.reload()  # now under the worker's control, which keeps the page for showing offline
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    document_url = page.url

    page.context.set_offline(True)
    page.goto("/me/applications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("اکنون به اینترنت وصل نیستید")
    page.goto(document_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    page.context.set_offline(False)
