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


def test_a_request_target_over_the_limit_is_414_in_the_envelope() -> None:
    from panjereh.core.api_envelope import MAX_TARGET_BYTES

    answer = Client().get("/api/v1/services", {"q": "ا" * (MAX_TARGET_BYTES // 2)})
    assert answer.status_code == 414 and answer.json()["error"]["code"] == "uri_too_long"
    assert Client().get("/api/v1/services", {"q": "ب" * 500}).status_code == 200  # a long search is fine


def test_headers_over_the_limit_are_431_in_the_envelope() -> None:
    from panjereh.core.api_envelope import MAX_HEADER_BYTES

    answer = Client().get("/api/v1/services", HTTP_X_PADDING="x" * MAX_HEADER_BYTES)
    assert answer.status_code == 431 and answer.json()["error"]["code"] == "headers_too_large"
    assert Client().get("/api/v1/services", HTTP_X_PADDING="x" * 4000).status_code == 200


def test_on_a_page_the_refusal_is_a_persian_page() -> None:
    answer = Client().get("/search/", {"q": "س" * 9000})
    assert answer.status_code == 414 and answer["Content-Type"].startswith("text/html")
    assert "نشانی درخواست بیش از حد طولانی است." in answer.content.decode()
