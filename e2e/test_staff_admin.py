"""An officer of FARAJA, made with `panjereh staff add` against the running demo, signs in to the
admin in a real browser with the printed password and the code an authenticator app would show
for the printed otpauth:// address, and sees the Persian back office with only FARAJA's rows."""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Page, expect

from panjereh.accounts.admin_site import WRONG_SIGN_IN
from panjereh.accounts.tests.staff_world import app_code, printed
from panjereh.persian import to_persian_digits

FARAJA = "فرماندهی انتظامی جمهوری اسلامی ایران"
OTHER_SERVICE = """
from panjereh.catalog.models import Service
print(Service.objects.exclude(agency__code="faraja").order_by("pk").values_list("pk", flat=True).first())
"""


def panjereh(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "panjereh.cli", *args], env=env, capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def column(page: Page, name: str) -> list[str]:
    return [text.strip() for text in page.locator(f"#result_list tbody .field-{name}").all_inner_texts()]


def test_an_officer_signs_in_with_a_totp_code_and_sees_only_their_agency(
    page: Page, demo_env: dict[str, str], console_errors: list[str]
) -> None:
    output = panjereh(demo_env, "staff", "add", "--username", "faraja-officer", "--agency", "faraja",
                      "--role", "officer", "--generate-password")  # fmt: skip
    password, uri = printed(output, "password"), printed(output, "otpauth")
    # Calls to FARAJA and to the judiciary, so the audit log holds rows of both.
    panjereh(demo_env, "exchange", "inquire", "faraja", "passport", "--purpose", "passport-renewal",
             "--subject", "0012345679")  # fmt: skip
    panjereh(demo_env, "exchange", "inquire", "judiciary", "criminal-record",
             "--purpose", "criminal-record-certificate", "--subject", "0012345679")  # fmt: skip

    page.goto("/admin/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    page.get_by_label("نام کاربری").fill("faraja-officer")
    page.get_by_label("گذرواژه").fill(password)
    page.get_by_role("button", name="ورود").click()
    # One answer for any wrong sign-in: it never says the password was right (docs/staff.md).
    expect(page.locator(".errornote")).to_have_text(WRONG_SIGN_IN)
    expect(page.get_by_label("گذرواژه")).to_have_value("")  # the password is not sent back

    page.get_by_label("گذرواژه").fill(password)
    page.get_by_label("کد ورود دومرحله‌ای").fill(app_code(uri))
    page.get_by_role("button", name="ورود").click()
    expect(page.locator("#site-name")).to_have_text("پنجره ملی خدمات دولت — مدیریت")
    expect(page.get_by_role("heading", level=1)).to_have_text("پیشخوان مدیریت")

    page.goto("/admin/catalog/service/")
    agencies = column(page, "agency")
    assert agencies and set(agencies) == {FARAJA}

    page.goto("/admin/exchange/agencysystem/")
    assert column(page, "code") == ["faraja-sandbox"]

    page.goto("/admin/exchange/grant/")
    grants = column(page, "data_service")
    assert sorted(grants) == ["faraja/driving-licence", "faraja/passport"]

    page.goto("/admin/exchange/auditrecord/")
    providers = column(page, "provider")
    assert providers and set(providers) == {"faraja"}

    # Ticking a row: admin's actions.js redraws the counter, and it stays in Persian digits.
    page.goto("/admin/applications/application/")
    rows = page.locator("#result_list tbody input.action-select")
    rows.first.check()
    expect(page.locator(".action-counter")).to_have_text(f"۱ از {to_persian_digits(rows.count())} انتخاب شده‌اند")

    other = panjereh(demo_env, "shell", "-c", OTHER_SERVICE).strip().splitlines()[-1]  # after the shell's banner
    response = page.goto(f"/admin/catalog/service/{other}/change/")
    assert response is not None and response.status == 404
    assert console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    console_errors.clear()
