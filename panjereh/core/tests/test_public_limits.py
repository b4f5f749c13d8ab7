"""One client hammering search (or verification, or the catalog's API) is limited by its address, so
the others keep their speed: 429 in the envelope under /api/, a Persian page elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits", "still_windows")]


def test_a_client_past_its_allowance_gets_429_and_others_do_not(settings: Any) -> None:
    settings.PUBLIC_RATE_PER_IP = "3/m"
    greedy = Client(REMOTE_ADDR="10.1.0.1")
    statuses = [greedy.get("/api/v1/services", {"q": "گذرنامه"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = greedy.get("/api/v1/services", {"q": "گذرنامه"})
    assert refused.json()["error"]["code"] == "too_many_requests" and refused["Retry-After"] == "60"
    page = greedy.get("/services/", {"q": "گذرنامه"})
    assert (
        page.status_code == 429
        and 'dir="rtl"' in page.content.decode()
        and "درخواست‌های بسیاری" in page.content.decode()
    )
    assert Client(REMOTE_ADDR="10.1.0.2").get("/api/v1/services", {"q": "گذرنامه"}).status_code == 200


def test_what_needs_a_login_is_not_counted_here(settings: Any) -> None:
    settings.PUBLIC_RATE_PER_IP = "1/m"
    client = Client(REMOTE_ADDR="10.1.0.3")
    assert [client.get("/api/v1/me").status_code for _ in range(3)] == [401, 401, 401]  # its own rules apply


def test_the_home_page_is_limited_and_is_not_a_prefix_of_every_path(settings: Any) -> None:
    from django.contrib.auth import get_user_model

    settings.PUBLIC_RATE_PER_IP = "3/m"
    visitor = Client(REMOTE_ADDR="10.1.0.4")
    assert [visitor.get("/").status_code for _ in range(4)] == [200, 200, 200, 429]
    page = visitor.get("/")
    assert "درخواست‌های بسیاری" in page.content.decode() and "no-store" in page["Cache-Control"]
    person = Client(REMOTE_ADDR="10.1.0.4")  # the same address, past its allowance, on what needs a login
    person.force_login(get_user_model().objects.create_user("staff-member"))  # core tests know no citizens
    assert [person.get("/api/v1/me").status_code for _ in range(5)] == [403] * 5  # its own answer, not a 429
    assert person.get("/me/").status_code == 401  # the page asking a person with a national code to log in


@pytest.mark.parametrize(
    "path",
    ["/life-events/travelling-abroad/", "/api/v1/offices/abfa-tehran/slots", "/help/", "/accessibility/",
     "/o/.well-known/openid-configuration"],
)  # fmt: skip
def test_the_other_public_reads_are_limited_too(settings: Any, path: str) -> None:
    settings.PUBLIC_RATE_PER_IP = "2/m"
    greedy = Client(REMOTE_ADDR="10.1.0.5")
    assert [greedy.get(path).status_code == 429 for _ in range(3)] == [False, False, True]
    assert Client(REMOTE_ADDR="10.1.0.6").get(path).status_code != 429


def test_feedback_and_tracking_are_counted_too(settings: Any) -> None:
    """Past the feedback's own allowance each post may carry a proof the server must check (work for it):
    the public limit bounds how often one address can make it do that."""
    settings.PUBLIC_RATE_PER_IP = "3/m"
    script = Client(REMOTE_ADDR="10.1.0.9")
    answers = [script.post("/feedback/", {"path": "/help/", "useful": "no", "altcha": "x"}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [303, 303, 303]
    assert script.post("/feedback/", {"path": "/help/", "useful": "no"}).status_code == 429
    assert script.post("/track/", {"tracking_code": "1", "last_digits": "1"}).status_code == 429
