"""A service with a fee, at a phone's size, in a real browser against `panjereh demo`: the person applies
for a driving-licence renewal, pays on the sandbox bank's own page (another origin, as a real bank's),
comes back to a paid application that the worker then decides, and reads the receipt."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.conftest import log_in

PERSON = "0012346012"  # the sandbox police hold a valid licence for this person
PHONE = {"width": 390, "height": 844}


def test_a_fee_is_paid_at_the_bank_then_the_renewal_is_issued_with_a_receipt(
    page: Page, demo_env: dict[str, str]
) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, demo_env, PERSON, "0912000" + PERSON[-4:])
    page.goto("/services/faraja-driving-licence-renewal/")
    page.get_by_role("link", name="درخواست برخط").click()
    page.get_by_label("کد پستی نشانی تحویل").fill("۱۳۴۵۶۷۸۹۰۱")
    page.get_by_role("button", name="ثبت درخواست", exact=True).click()
    page.wait_for_url(re.compile(r"/me/applications/\d{12}/$"))
    expect(page.locator(".application-status")).to_have_text("در انتظار پرداخت")
    expect(page.get_by_role("heading", name="هزینه خدمت: ۱٬۵۰۰٬۰۰۰ ریال")).to_be_visible()

    page.get_by_role("button", name="پرداخت ۱٬۵۰۰٬۰۰۰ ریال").click()
    page.wait_for_url(re.compile(r"/bank/pg/StartPay/A\w{35}$"))  # the bank's page, on the bank's origin
    expect(page.locator("main")).to_contain_text("۱٬۵۰۰٬۰۰۰ ریال")
    page.get_by_role("button", name="پرداخت", exact=True).click()

    page.wait_for_url(re.compile(r"/me/applications/\d{12}/\?payment="))
    expect(page.get_by_role("status").filter(has_text="پرداخت انجام شد")).to_be_visible()
    expect(page.locator(".application-status")).to_have_text("صادر شد", timeout=15_000)
    expect(page.locator(".documents-list")).to_contain_text("رسید تمدید گواهینامه رانندگی")

    page.get_by_role("link", name="رسید پرداخت").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("رسید پرداخت")
    receipt = page.locator(".receipt")
    expect(receipt).to_contain_text("۱٬۵۰۰٬۰۰۰ ریال")
    expect(receipt).to_contain_text("هزینه تمدید گواهینامه رانندگی")
    expect(receipt.locator("dd").nth(5)).to_have_text(re.compile("^[۰-۹]+$"))  # the bank's reference
    with page.expect_download() as download:
        page.get_by_role("link", name="دریافت رسید (PDF)").click()
    assert download.value.suggested_filename.startswith("receipt-")
