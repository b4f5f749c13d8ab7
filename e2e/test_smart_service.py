"""A smart service in a real browser against `panjereh demo` (which runs the task worker): a person
applies for a criminal-record certificate without any paper, the page follows the application by
itself until the decision, and the judiciary's inquiry shows in the person's data-access log."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.conftest import log_in
from panjereh.persian import make_national_code

SERVICE = "/services/judiciary-criminal-record-certificate/"
CLEAN = make_national_code("001234580")  # 8th digit 8: the sandbox judiciary has no record of this person
WITH_RECORD = make_national_code("001234590")  # 8th digit 9: the sandbox judiciary reports a record


def mobile_of(national_code: str) -> str:
    """A mobile the sandbox telecom registry says is this person's: the same last four digits."""
    return "0912000" + national_code[-4:]


def apply_for_the_certificate(page: Page) -> None:
    page.goto(SERVICE)
    page.get_by_role("link", name="درخواست برخط").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("درخواست گواهی عدم سوء پیشینه")
    expect(page.locator(".inquiries-box")).to_contain_text("از دستگاه‌ها استعلام می‌شود")
    expect(page.locator('input[type="file"]')).to_have_count(0)
    page.get_by_role("button", name="تأیید و ثبت درخواست").click()
    page.wait_for_url(re.compile(r"/me/applications/\d{12}/$"))


def test_a_person_gets_the_certificate_without_paper_and_sees_the_judiciarys_inquiry(
    page: Page, demo_env: dict[str, str], console_errors: list[str]
) -> None:
    log_in(page, demo_env, CLEAN, mobile_of(CLEAN))
    apply_for_the_certificate(page)
    tracking_code = page.url.rstrip("/").rsplit("/", 1)[1]

    # No reload by the test: the page polls until the worker has decided, then shows the outcome.
    expect(page.locator(".application-status")).to_have_text("صادر شد", timeout=15_000)
    expect(page.locator(".decision-reason")).to_contain_text("قوه قضاییه سابقه کیفری برای شما ثبت نکرده است")
    expect(page.locator(".timeline li")).to_have_count(3)
    document = page.locator(".documents-list a").filter(has_text="گواهی عدم سوء پیشینه")
    href = document.get_attribute("href")
    assert href is not None and re.fullmatch(r"/me/documents/[\w-]+/", href), href
    expect(page.get_by_role("link", name="صفحه اصالت‌سنجی")).to_have_attribute("href", "/verify/" + href.split("/")[3])

    page.goto("/me/applications/")
    expect(page.locator(".applications-table")).to_contain_text("صادر شد")

    # The message about it links to the document, and was read when the page showed the decision.
    page.goto("/me/inbox/")
    expect(page.locator(".inbox-list").get_by_role("link", name="دیدن سند")).to_have_attribute("href", href)
    expect(page.locator(".unread-count")).to_have_count(0)

    page.goto("/me/data-access/")
    row = page.locator(".data-access-table tbody tr").filter(has_text="از قوه قضاییه")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("صدور گواهی عدم سوء پیشینه")
    expect(row).to_contain_text(tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))

    page.goto("/me/applications/" + tracking_code + "/")
    with page.expect_navigation() as opened:
        page.locator(".documents-list a").filter(has_text="گواهی عدم سوء پیشینه").click()
    assert opened.value is not None and opened.value.status == 200
    expect(page.locator("main")).to_contain_text("گواهی عدم سوء پیشینه")
    expect(page.locator("figure svg")).to_be_visible()

    # What the QR code holds: the short public page; one holding the document gets the signed payload there.
    qr_target = page.locator("a.qr-target").get_attribute("href")
    assert qr_target is not None and re.fullmatch(r"http://[^/]+/verify/[A-Z2-9]{16}", qr_target), qr_target
    page.goto(qr_target)
    expect(page.locator(".verify-result")).to_have_attribute("data-status", "valid")
    page.get_by_label("کد ملی دارنده سند").fill(CLEAN)
    page.get_by_role("button", name="گرفتن نسخه امضاشده").click()
    expect(page.locator(".signed-payload")).to_contain_text("PJ1.")
    signed = page.get_by_role("link", name="بررسی همین نسخه امضاشده").get_attribute("href")
    assert signed is not None and "?p=PJ1." in signed, signed
    page.goto(signed)
    expect(page.locator(".verify-result")).to_have_attribute("data-status", "valid")
    tampered = signed[:-3] + ("A" if signed[-3] != "A" else "B") + signed[-2:]
    page.goto(tampered)
    expect(page.locator(".verify-result")).not_to_have_attribute("data-status", "valid")


def test_a_person_with_a_record_is_refused_with_the_reason_and_may_appeal(page: Page, demo_env: dict[str, str]) -> None:
    log_in(page, demo_env, WITH_RECORD, mobile_of(WITH_RECORD))
    apply_for_the_certificate(page)
    expect(page.locator(".application-status")).to_have_text("رد شد", timeout=15_000)
    expect(page.locator(".decision-reason")).to_contain_text("سابقه محکومیت کیفری")
    expect(page.locator(".documents-list")).to_have_count(0)
    expect(page.get_by_role("button", name="اعتراض")).to_be_visible()
