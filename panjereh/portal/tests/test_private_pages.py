"""A logged-in person's pages (their name, national code, applications and documents; the home page and
search greet them by name) are never kept by a cache on the way; public pages for a visitor may be."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from panjereh.applications.tests.conftest import citizen, client_for, issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keys_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.VAR_DIR = tmp_path


def test_every_page_of_a_logged_in_person_says_no_store_and_varies_by_cookie() -> None:
    document = issue(citizen())
    tracking_code = document.application.tracking_code
    browser = client_for(document.citizen)
    for path in ["/me/", "/me/applications/", f"/me/applications/{tracking_code}/",
                 f"/me/applications/{tracking_code}/live/", "/me/documents/", f"/me/documents/{document.id}/",
                 "/me/inbox/", "/me/data-access/", "/me/bills/", "/me/appointments/", "/", "/services/"]:  # fmt: skip
        answer = browser.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        assert "no-store" in answer["Cache-Control"] and "private" in answer["Cache-Control"], path
        assert "Cookie" in answer["Vary"], path


def test_a_refused_method_for_a_logged_in_person_is_not_kept_either() -> None:
    """The 405 page carries the person's menu and form token; the envelope's 405 is built outside the views."""
    browser = client_for(citizen())
    for answer in (browser.put("/me/"), browser.put("/api/v1/me"), browser.get("/api/v1/auth/logout")):
        assert answer.status_code == 405
        assert "no-store" in answer["Cache-Control"], answer.headers


def test_what_a_view_says_of_its_own_caching_is_kept_and_static_files_stay_cacheable(settings: Any) -> None:
    settings.WHITENOISE_USE_FINDERS = True  # static files answered as in production, before any login is known
    browser = client_for(citizen())
    assert browser.get("/sw.js")["Cache-Control"] == "no-cache"  # the same worker for everyone
    static = browser.get("/static/portal/favicon.svg")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")


def test_a_visitors_public_page_is_not_marked_private() -> None:
    for path in ["/", "/services/", "/help/"]:
        answer = Client().get(path)
        assert answer.status_code == 200
        assert "no-store" not in answer.get("Cache-Control", ""), path
