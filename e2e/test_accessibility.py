"""Every page, checked by axe-core in a real browser against WCAG 2.1 A and AA: no serious or critical
violation, for a visitor and for a logged-in person, at a desktop's size (and the busiest at a phone's:
the phone layout is the same markup, narrower)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from e2e.conftest import log_in, serious_violations

PUBLIC = [
    "/", "/services/", "/services/?q=گذرنامه", "/services/faraja-passport-renewal/",
    "/services/faraja-passport-issue/", "/services/faraja-passport-issue/offices/", "/agencies/", "/agencies/faraja/",
    "/evaluation/", "/evaluation/methodology/", "/evaluation/connection-report/", "/statistics/", "/login/",
    "/verify/", "/help/", "/contact/", "/privacy/", "/terms/", "/accessibility/", "/offline/", "/about/sample-data/",
    "/life-events/birth/", "/track/", "/services/?q=تمدید گذرنمه", "/verify/?id=bad!", "/agencies/?status=bogus",
]  # fmt: skip
PERSONAL = ["/me/", "/me/applications/", "/me/documents/", "/me/inbox/", "/me/data-access/", "/me/bills/",
            "/me/appointments/", "/services/judiciary-criminal-record-certificate/apply/"]  # fmt: skip
PERSON = "0012346055"


PHONE_CHECKED = ["/", "/services/?q=گذرنامه", "/services/faraja-passport-issue/", "/evaluation/", "/login/",
                 "/agencies/", "/life-events/birth/"]  # fmt: skip


@pytest.mark.parametrize(
    ("size", "paths"), [({"width": 1280, "height": 900}, PUBLIC), ({"width": 390, "height": 844}, PHONE_CHECKED)]
)
def test_public_pages(page: Page, size: dict[str, int], paths: list[str], console_errors: list[str]) -> None:
    page.set_viewport_size(size)
    assert violations_on(page, paths) == {}
    # the forms sent back with their error summary are 400 answers, as they should be
    console_errors[:] = [error for error in console_errors if "status of 400" not in error]


def test_a_persons_pages(page: Page, demo_env: dict[str, str]) -> None:
    log_in(page, demo_env, PERSON, "0912000" + PERSON[-4:])
    assert violations_on(page, PERSONAL) == {}


def violations_on(page: Page, paths: list[str]) -> dict[str, list[str]]:
    """{path: its serious or critical violations}, for the pages that have any."""
    found = {}
    for path in paths:
        page.goto(path)
        if violations := serious_violations(page):
            found[path] = violations
    return found
