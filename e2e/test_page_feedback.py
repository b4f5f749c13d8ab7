"""«آیا این صفحه سودمند بود؟» from behind a busy carrier address, in a real browser: once the address has
used its free allowance of feedback, the person is not refused: the page keeps what they wrote, the
ALTCHA widget (vendored, under the site's CSP) solves a challenge, and the feedback is recorded."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

CROWD = {"X-Forwarded-For": "10.66.0.2"}
PROBLEM = "جدول هزینه‌ها در تلفن همراه بریده می‌شود"


def test_a_person_behind_a_busy_address_reports_a_problem_with_a_proof(browser: Browser, server: str) -> None:
    context = browser.new_context(base_url=server, locale="fa-IR", extra_http_headers=CROWD)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/help/")
    token = page.locator("#page-feedback input[name=csrfmiddlewaretoken]").get_attribute("value")
    for n in range(20):  # others behind the address use up its free allowance
        answer = context.request.post("/feedback/", form={"csrfmiddlewaretoken": token or "", "path": f"/others/{n}",
                                                          "useful": "yes"}, max_redirects=0)  # fmt: skip
        assert answer.status == 303, answer.status

    page.locator("#page-feedback summary").click()
    page.get_by_label("چه مشکلی دیدید؟").fill(PROBLEM)
    page.get_by_role("button", name="فرستادن گزارش").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("بازخورد شما هنوز ثبت نشده است")
    expect(page.get_by_role("alert")).to_contain_text("«من ربات نیستم» را تأیید کنید")
    expect(page.get_by_label("آنچه نوشتید")).to_have_value(PROBLEM)  # nothing typed is lost
    expect(page.locator("altcha-widget")).to_contain_text("تأیید شد", timeout=60_000)  # solved in the browser
    page.get_by_role("button", name="فرستادن بازخورد").click()
    expect(page).to_have_url(f"{server}/help/?feedback=thanks#page-feedback")
    expect(page.get_by_role("status")).to_have_text("سپاس از بازخورد شما.")
    context.close()
    assert [e for e in errors if "429" not in e] == []  # the refused form's own answer
