"""A building permit from application to decision, against the running demo: a person applies
through the API with a bearer token, the task worker inquires the property registry and puts the
application in the municipality's inbox; an officer signs in to the back office with a password
and a TOTP code, finds it, claims it and approves it with a reason; the person then reads the
issued status and that reason."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import APIRequestContext, Page, expect

from e2e.conftest import last_code, outbox_size
from e2e.test_staff_admin import panjereh
from panjereh.accounts.tests.staff_world import app_code, printed
from panjereh.persian import make_national_code, to_persian_digits

NATIONAL_CODE = make_national_code("003456712")
MOBILE = "0912000" + NATIONAL_CODE[-4:]  # the sandbox telecom registry: same last four digits
PERMIT = {"postal_code": "1345678901", "registration_number": "1234/56", "floors": 3, "area_m2": 240}
REASON = "نقشه‌ها با ضوابط طرح تفصیلی می‌خواند؛ پروانه صادر شد."


def bearer_token(api: APIRequestContext, demo_env: dict[str, str]) -> str:
    before = outbox_size(demo_env)
    started = api.post("/api/v1/auth/otp", data={"national_code": NATIONAL_CODE, "mobile": MOBILE})
    assert started.status == 202, started.text()
    verified = api.post(
        "/api/v1/auth/otp/verify",
        data={"challenge_id": started.json()["challenge_id"], "code": last_code(demo_env, MOBILE, before),
              "token": True},
    )  # fmt: skip
    assert verified.status == 200, verified.text()
    return str(verified.json()["access_token"])


def application(api: APIRequestContext, token: str, code: str) -> dict[str, Any]:
    response = api.get(f"/api/v1/applications/{code}", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200, response.text()
    return dict(response.json())


def test_a_building_permit_is_applied_for_claimed_and_approved_by_the_municipality(
    page: Page, demo_env: dict[str, str]
) -> None:
    api = page.request
    token = bearer_token(api, demo_env)
    submitted = api.post(
        "/api/v1/applications",
        data={"service": "building-permit", "data": PERMIT},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "e2e-building-permit-1"},
    )
    assert submitted.status == 201, submitted.text()
    code = submitted.json()["tracking_code"]

    deadline = time.monotonic() + 15  # the worker inquires the property registry, then hands it over
    while (status := application(api, token, code)["status"]) != "waiting_for_agency" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status == "waiting_for_agency"

    output = panjereh(demo_env, "staff", "add", "--username", "tehran-officer", "--agency", "tehran-municipality",
                      "--role", "officer", "--generate-password")  # fmt: skip
    page.goto("/admin/")
    page.get_by_label("نام کاربری").fill("tehran-officer")
    page.get_by_label("گذرواژه").fill(printed(output, "password"))
    page.get_by_label("کد ورود دومرحله‌ای").fill(app_code(printed(output, "otpauth")))
    page.get_by_role("button", name="ورود").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("پیشخوان مدیریت")

    page.goto("/admin/applications/application/")
    row = page.locator("#result_list tbody tr", has_text=to_persian_digits(code))
    expect(row.locator(".field-service_title")).to_have_text("پروانه ساختمانی")
    expect(row.locator(".field-sla")).to_contain_text("مانده")
    row.get_by_role("link", name=to_persian_digits(code)).click()

    expect(page.locator("#inquiries")).to_contain_text("sabt/properties")
    page.get_by_role("button", name="برداشتن درخواست").click()
    expect(page.locator(".messagelist")).to_contain_text("رسیدگی به این درخواست را بر عهده گرفتید.")
    expect(page.locator("#timeline")).to_contain_text("کارشناس رسیدگی به درخواست را بر عهده گرفت.")

    page.get_by_role("link", name="تصمیم‌گیری").click()
    page.get_by_role("button", name="ثبت تصمیم").click()  # nothing chosen: refused, in Persian
    expect(page.locator(".errorlist").first).to_be_visible()
    page.get_by_label("تأیید و صدور").check()
    page.get_by_label("دلیل تصمیم").fill(REASON)
    page.get_by_role("button", name="ثبت تصمیم").click()
    expect(page.locator(".messagelist")).to_contain_text("تصمیم ثبت شد")
    expect(page.locator("#timeline")).to_contain_text(REASON)

    decided = application(api, token, code)
    assert decided["status"] == "issued"
    assert decided["decision"]["reason"] == REASON
    assert decided["decision"]["decided_by"] == "کارشناس دستگاه"  # no full name given: never the login
    assert [d["title"] for d in decided["documents"]] == ["پروانه ساختمانی"]
