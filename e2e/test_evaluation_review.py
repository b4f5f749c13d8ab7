"""Review before publishing, in real browsers: an officer of FARAJA reads the agency's draft report card
and objects to one indicator; the council's supervisor accepts it with a corrected value and publishes
the round; anyone then reads the objection and its outcome on the published card."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from e2e.test_staff_admin import panjereh
from panjereh.accounts.tests.staff_world import app_code, printed
from panjereh.evaluation.rounds import quarter_parse

REASON = "در این فصل سامانه ما دو هفته برای جابه‌جایی مرکز داده خاموش بود و از پیش اعلام شده بود."


def sign_in(page: Page, username: str, output: str) -> None:
    page.goto("/admin/")
    page.get_by_label("نام کاربری").fill(username)
    page.get_by_label("گذرواژه").fill(printed(output, "password"))
    page.get_by_label("کد ورود دومرحله‌ای").fill(app_code(printed(output, "otpauth")))
    page.get_by_role("button", name="ورود").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("پیشخوان مدیریت")


def test_an_objection_from_the_draft_card_to_the_published_card(
    page: Page, browser: Browser, server: str, demo_env: dict[str, str]
) -> None:
    # A quarter before the demo's sample rounds (1403-Q1 to Q3), computed and opened to review.
    quarter = quarter_parse("1402-Q4")
    panjereh(demo_env, "evaluate", quarter.code, "--review")
    officer = panjereh(demo_env, "staff", "add", "--username", "faraja-evaluation", "--agency", "faraja",
                       "--role", "officer", "--generate-password")  # fmt: skip
    council = panjereh(demo_env, "staff", "add", "--username", "council-evaluation", "--role", "supervisor",
                       "--generate-password")  # fmt: skip

    sign_in(page, "faraja-evaluation", officer)
    page.goto("/admin/evaluation/round/")
    page.get_by_role("row", name=quarter.name).get_by_role("link", name="کارنامه پیش‌نویس").click()
    expect(page.get_by_role("heading", name="فرماندهی انتظامی جمهوری اسلامی ایران")).to_be_visible()
    expect(page.locator("#indicator-availability")).to_contain_text("استعلام‌های رسیده")
    page.get_by_label("شاخص").select_option(label="دسترس‌پذیری سامانه‌های دستگاه در تبادل")
    page.get_by_label("دلیل اعتراض").fill(REASON)
    page.get_by_role("button", name="ثبت اعتراض").click()
    expect(page.locator(".messagelist")).to_contain_text("اعتراض ثبت شد")
    expect(page.locator(".objection-list")).to_contain_text(REASON)

    supervisor = browser.new_context(base_url=server, locale="fa-IR").new_page()
    sign_in(supervisor, "council-evaluation", council)
    supervisor.goto("/admin/evaluation/objection/")
    supervisor.locator("#result_list tbody tr").first.get_by_role("link").first.click()
    supervisor.get_by_role("link", name="تصمیم درباره این اعتراض").click()
    supervisor.get_by_label("پذیرفتن و اصلاح شاخص").check()
    supervisor.get_by_label("مقدار اصلاح‌شده (درصد)").fill("95")
    supervisor.get_by_label("دلیل تصمیم").fill("برنامه جابه‌جایی از پیش به شورا اعلام شده بود؛ پذیرفته شد.")
    supervisor.get_by_role("button", name="ثبت تصمیم").click()
    expect(supervisor.locator(".messagelist")).to_contain_text("شاخص اصلاح و دوره دوباره امتیازدهی شد")

    supervisor.goto("/admin/evaluation/round/")
    supervisor.get_by_role("row", name=quarter.name).get_by_role("checkbox").check()
    supervisor.locator("select[name=action]").select_option(label="انتشار کارنامه دوره")
    supervisor.locator(".actions button[type=submit]").click()
    expect(supervisor.locator(".messagelist")).to_contain_text("منتشر شد")
    supervisor.context.close()

    page.goto(f"/evaluation/{quarter.code}/faraja")
    objections = page.locator(".objection-list")
    expect(objections).to_contain_text(REASON)
    expect(objections).to_contain_text("پذیرفته شد")
    expect(objections).to_contain_text("۹۵٪")
