"""The day's reconciliation in the back office, in a real browser against `panjereh demo`: a person pays a
driving-licence renewal's fee (FARAJA's) and a utility bill (the energy agency's) through the API and
the sandbox bank; FARAJA's officer sees the day's paid count and sum grow by that fee, in Persian digits,
and nothing of the energy agency's payment."""

from __future__ import annotations

import re

from playwright.sync_api import APIRequestContext, Browser, Locator, Page, expect

from e2e.conftest import last_code, outbox_size
from e2e.test_evaluation_review import sign_in
from e2e.test_staff_admin import FARAJA, panjereh
from panjereh.persian import make_national_code, to_ascii_digits, to_persian_digits

PERSON = make_national_code("005678800")  # the sandbox police hold a valid licence for them; no other test uses them
MOBILE = "0912000" + PERSON[-4:]
FEE = 1_500_000  # the sample driving-licence renewal's


def fa_rials(amount: int) -> str:
    return to_persian_digits(f"{amount:,}").replace(",", "٬")


def paid_so_far(row: Locator) -> tuple[int, int]:
    """(paid payments, their sum) in FARAJA's row of the day's table; none before its first payment."""
    if row.count() == 0:
        return 0, 0
    paid, paid_rials = (int(to_ascii_digits(text).replace("٬", "")) for text in row.locator("td").all_inner_texts()[:2])
    return paid, paid_rials


def bearer_token(api: APIRequestContext, demo_env: dict[str, str]) -> str:
    before = outbox_size(demo_env)
    started = api.post("/api/v1/auth/otp", data={"national_code": PERSON, "mobile": MOBILE})
    assert started.status == 202, started.text()
    verified = api.post("/api/v1/auth/otp/verify", data={"challenge_id": started.json()["challenge_id"],
                        "code": last_code(demo_env, MOBILE, before), "token": True})  # fmt: skip
    assert verified.status == 200, verified.text()
    return str(verified.json()["access_token"])


def paid_at_the_bank(api: APIRequestContext, started: dict[str, str]) -> None:
    """The person presses «پرداخت» on the bank's page and is sent back to the platform, which asks the bank."""
    bank = api.post(started["redirect_url"], form={"action": "approve"}, max_redirects=0)
    assert bank.status == 303, bank.text()
    assert api.get(bank.headers["location"]).ok


def test_an_officer_reconciles_the_days_payments_of_their_agency_only(
    page: Page, browser: Browser, server: str, demo_env: dict[str, str]
) -> None:
    officer = panjereh(demo_env, "staff", "add", "--username", "faraja-reconciler", "--agency", "faraja",
                       "--role", "officer", "--generate-password")  # fmt: skip
    sign_in(page, "faraja-reconciler", officer)
    page.goto("/admin/payments/payment/")
    page.get_by_role("link", name="تطبیق روزانه").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("تطبیق روزانه پرداخت‌ها")
    table = page.locator(".reconciliation table")
    row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=FARAJA))
    paid, paid_rials = paid_so_far(row)  # other journeys on this server may have paid FARAJA today

    citizen = browser.new_context(base_url=server)
    api = citizen.request
    auth = {"Authorization": f"Bearer {bearer_token(api, demo_env)}"}
    renewal = {"service": "driving-licence-renewal", "data": {"delivery_postal_code": "1345678901"}}
    applied = api.post(
        "/api/v1/applications", data=renewal, headers={**auth, "Idempotency-Key": "e2e-reconciliation-1"}
    )
    assert applied.status == 201 and applied.json()["status"] == "awaiting_payment", applied.text()
    fee = api.post(f"/api/v1/applications/{applied.json()['tracking_code']}/payments", headers=auth)
    assert fee.status == 201 and fee.json()["amount_rials"] == FEE, fee.text()
    paid_at_the_bank(api, fee.json())
    bill = next(bill for bill in api.get("/api/v1/bills", headers=auth).json() if not bill["paid"])
    started = api.post("/api/v1/bills/payments", headers=auth,
                       data={"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]})  # fmt: skip
    assert started.status == 201, started.text()
    paid_at_the_bank(api, started.json())
    settled = api.get(f"/api/v1/payments/{started.json()['payment_id']}", headers=auth).json()
    assert (settled["status"], settled["agency"]) == ("paid", "tavanir")  # the energy agency's, paid today too
    citizen.close()

    page.reload()
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text(to_persian_digits(paid + 1))
    expect(cells.nth(1)).to_have_text(fa_rials(paid_rials + FEE))
    # Only FARAJA's row, and the day's totals are FARAJA's alone: the bill paid to the energy agency is not there.
    expect(table.locator("tbody tr")).to_have_count(1)
    totals = table.locator("tfoot td")
    expect(totals.nth(0)).to_have_text(to_persian_digits(paid + 1))
    expect(totals.nth(1)).to_have_text(fa_rials(paid_rials + FEE))
    expect(table).not_to_contain_text(re.compile("[0-9]"))
