"""A person sees, in a real browser, the judiciary's answer about them in their data-access log,
after logging in with their national code, mobile and the code from the SMS outbox."""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Page, expect

from e2e.conftest import log_in

SUBJECT, MOBILE = "2222222923", "09120002923"  # a sandbox person with a criminal record, and their mobile


def panjereh(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "panjereh.cli", *args], env=env, capture_output=True, text=True,
                            timeout=120, check=True)  # fmt: skip
    return result.stdout


def test_a_person_sees_the_judiciarys_answer_about_them(
    page: Page, demo_env: dict[str, str], server: str, console_errors: list[str]
) -> None:
    response = page.goto("/me/data-access/")
    assert response is not None and response.status == 401
    expect(page.get_by_role("heading", level=1)).to_have_text("برای دیدن این صفحه باید وارد شوید")
    assert console_errors == ["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]
    console_errors.clear()

    panjereh(demo_env, "exchange", "inquire", "judiciary", "criminal-record",
             "--purpose", "criminal-record-certificate", "--subject", SUBJECT)  # fmt: skip
    log_in(page, demo_env, SUBJECT, MOBILE)
    page.goto("/me/data-access/")
    expect(page.get_by_role("heading", level=1)).to_have_text("چه کسی اطلاعات مرا دید")
    row = page.locator(".data-access-table tbody tr").filter(has_text="استعلام سوء پیشینه")
    expect(row).to_contain_text("سازمان فناوری اطلاعات")  # the national window itself asked
    expect(row).to_contain_text("استعلام سوء پیشینه")
    expect(row).to_contain_text("از قوه قضاییه")
    expect(row).to_contain_text("صدور گواهی عدم سوء پیشینه")
    # The login's own inquiries (mobile ownership, identity) are in the log too: three in all.
    expect(page.get_by_role("status")).to_contain_text("۳ دسترسی")
    expect(page.locator(".data-access-table")).to_contain_text("احراز مالکیت شماره همراه")
