"""One client hammering search (or verification, or the catalog's API) is limited by its address, so
the others keep their speed: 429 in the envelope under /api/, a Persian page elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]


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
