"""A person logged in to the national window logs in to an agency window with it (OpenID Connect).

The demo agency window is the sandbox's /agency-window/, registered as a client by `panjereh demo`.
The one-time-code login arrives from main; until then the person is logged in to the portal by
creating a session in the demo's database (through its own command line), as test_my_data_access does.
"""

from __future__ import annotations

import re
import subprocess
import sys

from playwright.sync_api import Page, expect

from panjereh.persian import format_date
from panjereh.sandbox.people import person

NATIONAL_CODE = "0012345679"
PERSON = person(NATIONAL_CODE)  # who the civil registry says this is (the login stores it on the Citizen)

MAKE_SESSION = f"""
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from panjereh.accounts.services import citizen_get_or_create
citizen = citizen_get_or_create(national_code="{NATIONAL_CODE}")
citizen.first_name, citizen.last_name = "{PERSON.first_name}", "{PERSON.last_name}"
citizen.birth_date, citizen.gender = __import__("datetime").date.fromisoformat("{PERSON.birth_date}"), "{PERSON.gender}"
citizen.save()
user = citizen.user
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def log_in_to_the_portal(page: Page, env: dict[str, str], server: str) -> None:
    result = subprocess.run([sys.executable, "-m", "panjereh.cli", "shell", "-c", MAKE_SESSION], env=env,
                            capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    session_key = result.stdout.strip().splitlines()[-1]
    page.context.add_cookies([{"name": "sessionid", "value": session_key, "url": server}])


def open_the_window_and_ask_to_log_in(page: Page, env: dict[str, str]) -> str:
    window = f"http://127.0.0.1:{env['SANDBOX_PORT']}/agency-window/"
    page.goto(window)
    expect(page.get_by_role("heading", level=1)).to_have_text("به پنجره خدمات سازمان ثبت اسناد خوش آمدید")
    page.get_by_role("link", name="ورود با پنجره ملی").click()
    return window


def test_a_person_logs_in_to_an_agency_window_with_the_national_window(
    page: Page, demo_env: dict[str, str], server: str
) -> None:
    log_in_to_the_portal(page, demo_env, server)
    open_the_window_and_ask_to_log_in(page, demo_env)

    # the national window's consent screen: which window, which of my data
    expect(page).to_have_url(re.compile(re.escape(f"{server}/o/authorize/?")))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ورود به «پنجره خدمات سازمان ثبت اسناد (نمونه)» با پنجره ملی"
    )
    expect(page.locator("main")).to_contain_text("سازمان ثبت اسناد و املاک کشور")
    claims = page.get_by_role("list", name="اطلاعاتی که درخواست شده است").get_by_role("listitem")
    expect(claims).to_have_text(
        ["شناسه کاربری ویژه این دستگاه (کد ملی شما نیست)", "نام و نام خانوادگی", "تاریخ تولد", "جنسیت", "کد ملی"]
    )
    page.get_by_role("button", name="اجازه می‌دهم").click()

    # back on the agency window, which checked the ID token and greets the person by name
    expect(page).to_have_url(re.compile(rf"^http://127\.0\.0\.1:{demo_env['SANDBOX_PORT']}/agency-window/callback\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"خوش آمدید، {PERSON.first_name} {PERSON.last_name}")
    expect(page.locator(".national-code")).to_have_text("۰۰۱*****۷۹")
    expect(page.locator("main")).to_contain_text(format_date(PERSON.birth_date))
    assert NATIONAL_CODE not in page.content()


def test_a_person_who_says_no_is_sent_back_and_not_logged_in(
    page: Page, demo_env: dict[str, str], server: str, console_errors: list[str]
) -> None:
    log_in_to_the_portal(page, demo_env, server)
    open_the_window_and_ask_to_log_in(page, demo_env)
    page.get_by_role("button", name="اجازه نمی‌دهم").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ورود انجام نشد")
    expect(page.get_by_role("alert")).to_have_text("شما اجازه ورود ندادید؛ هر زمان خواستید دوباره تلاش کنید.")
    assert console_errors == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
    console_errors.clear()  # the window answers the refusal with 403, which the browser reports
