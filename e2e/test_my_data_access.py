"""A person sees, in a real browser, the judiciary's answer about them in their data-access log.

Login arrives with issue C; until then the test logs in by creating a session in the demo's
database (through its own command line) and handing its cookie to the browser.
"""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Page, expect

SUBJECT = "2222222923"  # a sandbox person with a criminal record

MAKE_SESSION = f"""
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from panjereh.accounts.services import citizen_get_or_create
user = citizen_get_or_create(national_code="{SUBJECT}").user
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


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
    session_key = panjereh(demo_env, "shell", "-c", MAKE_SESSION).strip().splitlines()[-1]
    page.context.add_cookies([{"name": "sessionid", "value": session_key, "url": server}])

    page.goto("/me/data-access/")
    expect(page.get_by_role("heading", level=1)).to_have_text("چه کسی اطلاعات مرا دید")
    row = page.locator(".data-access-table tbody tr").first
    expect(row).to_contain_text("سازمان فناوری اطلاعات")  # the national window itself asked
    expect(row).to_contain_text("استعلام سوء پیشینه")
    expect(row).to_contain_text("از قوه قضاییه")
    expect(row).to_contain_text("صدور گواهی عدم سوء پیشینه")
    expect(page.get_by_role("status")).to_contain_text("۱ دسترسی")
