"""Answers a client nobody here wrote (schemathesis) found outside the envelope or with the wrong
status: a method the path does not take, and a POST with no session or a revoked bearer token."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_method_the_path_does_not_take_is_405_in_the_envelope() -> None:
    answer = Client().get("/api/v1/auth/otp")
    assert answer.status_code == 405 and answer.json()["error"]["code"] == "method_not_allowed"
    assert "POST" in answer["Allow"]


@pytest.mark.parametrize("bearer", [None, "revoked-or-made-up-token"])
@pytest.mark.parametrize("path", ["/api/v1/applications", "/api/v1/auth/logout"])
def test_a_post_without_a_login_is_401_not_a_csrf_403(path: str, bearer: str | None) -> None:
    browser = Client(enforce_csrf_checks=True)  # as a real server checks
    extra = {"HTTP_AUTHORIZATION": f"Bearer {bearer}"} if bearer else {}
    answer = browser.post(path, "{}", content_type="application/json", **extra)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "not_authenticated"


def test_a_logged_in_session_still_needs_its_csrf_token() -> None:
    from django.contrib.auth import get_user_model

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(get_user_model().objects.create_user("nc-0012345679"))
    answer = browser.post("/api/v1/auth/logout", "{}", content_type="application/json")
    assert answer.status_code == 403
